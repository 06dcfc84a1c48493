"""What the window says while a network is still being built: an empty canvas, a layer just
dropped and not wired, a CNN wired before any dataset is chosen. Pending is quiet, not red."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent

from netbuilder.qt.app import examples_dir
from netbuilder.qt.main_window import MainWindow
from netbuilder.qt.theme import LIGHT


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window(None)


def _drop(window: MainWindow, layer: str) -> str:
    """Drop ``layer`` from the palette onto the canvas centre (a real drop event)."""
    before = set(window.document.graph.nodes)
    tree = window.layer_palette.tree
    mime = tree.mimeData([window.layer_palette.item_for(layer)])
    event = QDropEvent(
        QPointF(window.view.viewport().rect().center()),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.view.dropEvent(event)
    (added,) = set(window.document.graph.nodes) - before
    return added


def _label_color(window: MainWindow) -> str:
    return window._valid_label.styleSheet()


def test_an_empty_canvas_says_so_not_valid_with_zero_parameters(window: MainWindow) -> None:
    assert len(window.document.graph) == 0
    assert window._valid_label.text() == "Empty network"
    assert window._params_label.text() == ""
    assert LIGHT.muted in _label_color(window)


def test_a_freshly_dropped_layer_is_a_quiet_note_not_an_error(window: MainWindow) -> None:
    folder = examples_dir()
    assert folder is not None and window.open_example(folder / "digits_mlp.json")
    assert window._valid_label.text() == "Valid"
    node = _drop(window, "Conv2d")
    assert window.document.report.error_count == 0
    assert window._valid_label.text() == "1 layer not connected yet"
    assert LIGHT.error not in _label_color(window)
    assert window._params_label.text().endswith("parameters so far")
    rows = [i for i in window.issues.issues if i.node == node]
    assert [(i.severity, i.message) for i in rows] == [("info", "Conv2d has no input: connect one")]
    assert window.issues.fix_button(node) is None
    assert "not finished" in window.issues.summary.text()
    item = window.scene.node_item(node)
    assert item.error is None and item.note is not None and item.note[0] == "not connected yet"
    assert "Conv2d has no input" in item.toolTip()
    window.scene.select_nodes([node])
    status = window.inspector.status_label.text()
    assert "Conv2d has no input" in status and LIGHT.error not in status
    # wired, it is checked like any layer: a real mistake is red again
    window.document.connect("input_1", node)
    assert window.document.report.errors[node].startswith("Conv2d needs [N, C, H, W]")
    assert window._valid_label.text() == "1 error"
    assert LIGHT.error in _label_color(window)
    assert window.scene.node_item(node).note is None


def test_first_drops_on_an_empty_canvas_are_not_red(window: MainWindow) -> None:
    for layer in ("Linear", "ReLU", "Linear"):
        _drop(window, layer)
    assert window.document.report.error_count == 0
    assert window._valid_label.text() == "3 layers not connected yet"
    assert {i.severity for i in window.issues.issues} == {"info"}
    assert any("no Output node" in i.message for i in window.issues.issues)
    assert window._params_label.text() == ""  # not "0 parameters so far": nothing is counted


def _wire_cnn(window: MainWindow) -> dict[str, str]:
    doc = window.document
    ids = {
        t: doc.add_node(t, (200.0 * k, 0.0))
        for k, t in enumerate(["Input", "Conv2d", "ReLU", "Flatten", "Linear", "Output"])
    }
    chain = list(ids.values())
    for src, dst in pairwise(chain):
        doc.connect(src, dst)
    return ids


def test_a_cnn_without_a_dataset_asks_for_one_instead_of_a_reshape(window: MainWindow) -> None:
    assert window.document.project.dataset is None
    ids = _wire_cnn(window)
    report = window.document.report
    assert report.error_count == 0
    assert window._valid_label.text() == "No dataset yet"
    assert LIGHT.error not in _label_color(window)
    by_node = {i.node: i for i in window.issues.issues}
    assert "choose one in the Data tab, or set this Input's shape" in by_node[ids["Input"]].message
    conv = by_node[ids["Conv2d"]]
    assert conv.severity == "info" and conv.fix is None
    assert conv.message.startswith("Waiting for a dataset") and "Reshape" not in conv.message
    assert window.issues.fix_button(ids["Conv2d"]) is None
    assert window.scene.node_item(ids["Conv2d"]).note[0] == "waits for a dataset"
    assert "no dataset yet" in window.scene.node_item(ids["Input"]).note[0]
    # choosing the dataset is the fix: the CNN now checks against 1x8x8 images
    assert window.data_panel.bind_builtin("digits_images")
    report = window.document.report
    assert not report.notes and not report.awaiting_data
    assert ids["Conv2d"] in report.shapes and len(report.shapes[ids["Conv2d"]]) == 3
    assert ids["Conv2d"] not in report.errors
