"""Column roles of a CSV import: guessed from a sample, edited in the Data panel's table, written
as the binding options of issue 13 (target, features, text, ids, inputs)."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from netbuilder.model import Project
from netbuilder.qt.csv_roles import ColumnRole, RolesError, binding_options, guess_roles
from netbuilder.qt.data_panel import DataPanel
from netbuilder.qt.document import Document

HAS_TEXT = importlib.util.find_spec("netbuilder.engine.data.text") is not None
TIMEOUT = 20_000
REVIEWS = [
    ("the film was not good at all", "u1", "i1", "34", "0"),
    ("a truly great and moving story", "u2", "i2", "51", "1"),
    ("boring, far too long and slow", "u1", "i3", "29", "0"),
    ("great acting and a clever plot", "u3", "i1", "45", "1"),
]


def _write_reviews(path: Path, copies: int = 10) -> Path:
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["review", "user_id", "item_id", "age", "liked"])
        for _ in range(copies):
            writer.writerows(REVIEWS)
    return path


def test_roles_are_guessed_from_a_sample() -> None:
    names = ["review", "user_id", "item_id", "age", "liked"]
    roles = guess_roles(names, [list(r) for r in REVIEWS])
    assert [r.role for r in roles] == ["text", "id", "id", "feature", "target"]
    numeric_ids = guess_roles(["userId", "valid", "y"], [["3", "1.5", "0"], ["7", "2.5", "1"]])
    assert [r.role for r in numeric_ids] == ["id", "feature", "target"]


def test_one_text_column_and_a_target_is_a_one_input_text_dataset() -> None:
    roles = [ColumnRole("review", "text", max_length=40), ColumnRole("liked", "target")]
    assert binding_options(roles) == {
        "target": "liked",
        "text": {"review": {"level": "word", "max_length": 40}},
    }


def test_several_groups_become_named_inputs_and_ignored_columns_leave_the_features() -> None:
    roles = [
        ColumnRole("user_id", "id", group="user"),
        ColumnRole("item_id", "id", group="item"),
        ColumnRole("age", "feature", group="extra"),
        ColumnRole("genre", "feature", group="extra"),
        ColumnRole("note", "ignore"),
        ColumnRole("rating", "target"),
    ]
    assert binding_options(roles) == {
        "target": "rating",
        "ids": ["user_id", "item_id"],
        "inputs": {"user": ["user_id"], "item": ["item_id"], "extra": ["age", "genre"]},
    }


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        ([ColumnRole("a"), ColumnRole("b")], "choose exactly one target column"),
        ([ColumnRole("a", "target"), ColumnRole("b", "ignore")], "at least one input column"),
        (
            [
                ColumnRole("t", "text", group="g"),
                ColumnRole("x", group="g"),
                ColumnRole("y", "target"),
            ],
            "input group 'g' mixes the text column 't' with other columns",
        ),
    ],
)
def test_roles_that_cannot_work_are_refused_by_name(roles, message) -> None:
    with pytest.raises(RolesError, match=message):
        binding_options(roles)


@pytest.fixture
def panel(qtbot, tmp_path):
    doc = Document.from_project(Project())
    doc.connect(doc.add_node("Input", (0.0, 0.0)), doc.add_node("Output", (200.0, 0.0)))
    doc.base_dir = tmp_path
    widget = DataPanel()
    widget.set_document(doc)
    qtbot.addWidget(widget)
    widget.resize(520, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_column_table_writes_the_roles_and_groups_the_user_sets(panel, qtbot, tmp_path):
    path = _write_reviews(tmp_path / "reviews.csv")
    assert panel.import_file("csv", path)
    table = panel.target_row.columns
    assert table.isVisible() and not panel.target_combo.isVisible()
    assert [r.role for r in table.roles()] == ["text", "id", "id", "feature", "target"]
    assert [r.group for r in table.roles()] == ["review", "user_id", "item_id", "features", ""]
    # The user names the user group, keeps the review to 12 tokens, and ignores the item ids.
    table.editItem(table.item(1, 2))
    (editor,) = [w for w in table.viewport().children() if type(w) is QLineEdit]
    editor.selectAll()
    qtbot.keyClicks(editor, "user")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor))  # closed (else it commits again)
    length = table.cellWidget(0, 4)
    length.selectAll()
    qtbot.keyClicks(length, "12")
    table.role_combo(2).setCurrentIndex(table.role_combo(2).findData("ignore"))
    assert table.item(2, 2).text() == "" and not table.cellWidget(2, 4).isEnabled()
    qtbot.mouseClick(panel.use_button, Qt.MouseButton.LeftButton)
    binding = panel._loading_binding
    assert binding is not None and binding.source == "csv"
    assert binding.options == {
        "target": "liked",
        "text": {"review": {"level": "word", "max_length": 12}},
        "ids": ["user_id"],
        "inputs": {"review": ["review"], "user": ["user_id"], "features": ["age"]},
    }
    task = panel.loading
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)
    if HAS_TEXT:
        info = panel.document.dataset_info
        assert info is not None and [i.name for i in info.inputs] == ["review", "user", "features"]
        assert info.inputs[0].shape == (12,) and info.inputs[0].kind == "text"


def test_a_second_target_in_the_table_turns_the_first_into_a_feature(panel, tmp_path):
    assert panel.import_file("csv", _write_reviews(tmp_path / "r.csv"))
    table = panel.target_row.columns
    table.role_combo(3).setCurrentIndex(table.role_combo(3).findData("target"))
    assert [r.role for r in table.roles()][3:] == ["target", "feature"]
    assert table.item(4, 2).text() == "features"


def test_a_numeric_csv_keeps_the_plain_target_combo(panel, tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text("a,b,y\n1,2,0\n3,4,1\n")
    assert panel.import_file("csv", path)
    assert panel.target_combo.isVisible() and not panel.target_row.columns.isVisible()


@pytest.mark.skipif(not HAS_TEXT, reason="engine/data/text.py (the text reader) is not merged")
def test_a_one_column_text_csv_loads_as_a_text_dataset(panel, qtbot, tmp_path):
    path = _write_reviews(tmp_path / "reviews.csv")
    assert panel.import_file("csv", path)
    table = panel.target_row.columns
    for row in (1, 2, 3):
        table.role_combo(row).setCurrentIndex(table.role_combo(row).findData("ignore"))
    qtbot.mouseClick(panel.use_button, Qt.MouseButton.LeftButton)
    task = panel.loading
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)
    info = panel.document.dataset_info
    assert info is not None and info.input_dtype == "int64"
    assert info.input_infos[0].kind == "text"


def test_the_summary_names_each_input_of_several_with_its_indices() -> None:
    from netbuilder.engine.data.info import DatasetInfo, InputInfo
    from netbuilder.qt.data_sources import summary_html, using_message

    info = DatasetInfo(
        name="ratings",
        task="regression",
        input_shape=(1,),
        target_shape=(1,),
        n_samples=1200,
        input_dtype="int64",
        inputs=(
            InputInfo("user", (1,), "int64", "ids", ("user_id",), 41),
            InputInfo("extra", (2,), "float32", "features", ("age", "genre")),
        ),
    )
    html = summary_html(info)
    assert "user <b>[N, 1]</b> ids (41 indices) · extra <b>[N, 2]</b> features" in html
    assert using_message(info) == "Using dataset ratings: inputs user [N, 1], extra [N, 2]"
