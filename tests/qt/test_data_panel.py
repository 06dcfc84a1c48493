"""The Data panel binds datasets through the document and previews what they hold; files load
in a background task (tests wait for it to end)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from netbuilder.engine.data.datasets import list_builtin
from netbuilder.model import Project
from netbuilder.qt.data_panel import DataPanel, read_csv_header
from netbuilder.qt.document import Document

TIMEOUT = 10_000


def _wait_loaded(qtbot, panel: DataPanel):
    """Wait for the panel's running file load to end; returns the task."""
    task = panel.loading
    assert task is not None, "no load is running"
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)
    return task


@pytest.fixture
def setup(qtbot, tmp_path):
    doc = Document.from_project(Project())
    input_id = doc.add_node("Input", (0.0, 0.0))
    out = doc.add_node("Output", (200.0, 0.0))
    doc.connect(input_id, out)
    doc.undo_stack.setClean()
    doc.base_dir = tmp_path
    panel = DataPanel()
    panel.set_document(doc)
    qtbot.addWidget(panel)
    panel.resize(360, 700)
    panel.show()
    qtbot.waitExposed(panel)
    return doc, panel, input_id


def test_the_combo_lists_the_builtin_datasets_with_descriptions(setup) -> None:
    _, panel, _ = setup
    names = [panel.combo.itemData(i) for i in range(1, panel.combo.count())]
    assert names == [e.name for e in list_builtin()]
    tip = panel.combo.itemData(names.index("digits") + 1, Qt.ItemDataRole.ToolTipRole)
    assert "handwritten" in tip


def test_binding_digits_sets_the_input_shape_in_one_undo_step(setup, qtbot) -> None:
    doc, panel, input_id = setup
    steps = doc.undo_stack.count()
    index = panel.combo.findData("digits")
    panel.combo.setCurrentIndex(index)
    panel.combo.activated.emit(index)  # what a user's pick emits
    assert doc.project.dataset.name == "digits"
    assert doc.graph.node(input_id).params["shape"] == (64,)
    assert doc.view.shapes[input_id] == "[N, 64]"
    assert doc.undo_stack.count() == steps + 1
    assert "1,797 samples" in panel.summary.text()
    preview = panel.preview
    assert preview.balance.isVisible()
    assert preview.tabs.isTabVisible(1) and preview.tabs.currentIndex() == 1  # the image grid
    assert preview.grid.count() == 60
    assert preview.table.rowCount() == 100
    assert preview.table.horizontalHeaderItem(0).text() == "target"
    doc.undo_stack.undo()
    assert doc.project.dataset is None and doc.graph.node(input_id).params["shape"] == (2,)
    assert panel.combo.currentIndex() == 0 and panel.summary.text() == ""


def test_two_feature_data_shows_a_scatter_coloured_by_class(setup) -> None:
    _doc, panel, _ = setup
    assert panel.bind_builtin("moons")
    assert panel.preview.tabs.isTabVisible(2) and not panel.preview.tabs.isTabVisible(1)
    points = panel.preview.scatter.points()
    assert len(points) == 500
    colours = {p.brush().color().name() for p in points}
    assert len(colours) == 2


def test_csv_import_asks_for_the_target_column(setup, qtbot, tmp_path) -> None:
    doc, panel, input_id = setup
    csv_path = tmp_path / "data" / "points.csv"
    csv_path.parent.mkdir()
    rows = ["a,b,label"] + [f"{i},{i * 2 % 7},{'yes' if i % 2 else 'no'}" for i in range(40)]
    csv_path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert read_csv_header(csv_path) == (["a", "b", "label"], True)
    panel.ask_file = lambda kind: csv_path
    qtbot.mouseClick(panel.csv_button, Qt.MouseButton.LeftButton)
    assert panel.target_row.isVisible()
    assert [panel.target_combo.itemText(i) for i in range(3)] == ["a", "b", "label"]
    assert panel.target_combo.currentText() == "label"
    qtbot.mouseClick(panel.use_button, Qt.MouseButton.LeftButton)
    assert panel.target_row.isVisible()  # until the file is read
    _wait_loaded(qtbot, panel)
    binding = doc.project.dataset
    assert (binding.source, binding.path, binding.options) == (
        "csv",
        "data/points.csv",
        {"target": "label"},
    )
    assert doc.graph.node(input_id).params["shape"] == (2,)
    assert not panel.target_row.isVisible()


def test_a_bad_file_shows_the_engines_message_and_keeps_the_binding(setup, qtbot, tmp_path) -> None:
    doc, panel, _ = setup
    panel.bind_builtin("iris")
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    assert panel.import_file("npz", bad)  # the load starts; it fails on its thread
    _wait_loaded(qtbot, panel)
    assert panel.error.isVisible() and "bad.npz" in panel.error.text()
    assert doc.project.dataset.name == "iris"


def test_npz_import(setup, qtbot, tmp_path) -> None:
    doc, panel, input_id = setup
    path = tmp_path / "arrays.npz"
    rng = np.random.default_rng(0)
    np.savez(path, X=rng.normal(size=(30, 5)).astype(np.float32), y=np.arange(30) % 3)
    assert panel.import_file("npz", path)
    _wait_loaded(qtbot, panel)
    assert doc.project.dataset.source == "npz"
    assert doc.graph.node(input_id).params["shape"] == (5,)
    assert "30 samples" in panel.summary.text()
