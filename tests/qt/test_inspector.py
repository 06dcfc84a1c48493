"""The inspector edits parameters through undoable commands and shows the model's refusals."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox

from netbuilder.model import Project
from netbuilder.qt.document import Document
from netbuilder.qt.inspector import InspectorWidget, parse_tuple


@pytest.fixture
def setup(qtbot):
    doc = Document.from_project(Project())
    ids = {
        "input": doc.add_node("Input", (0.0, 0.0), {"shape": [64]}),
        "linear": doc.add_node("Linear", (200.0, 0.0)),
        "dropout": doc.add_node("Dropout", (400.0, 0.0)),
        "gelu": doc.add_node("GELU", (600.0, 0.0)),
    }
    doc.connect(ids["input"], ids["linear"])
    doc.recheck()
    inspector = InspectorWidget()
    inspector.set_document(doc)
    qtbot.addWidget(inspector)
    inspector.show()
    qtbot.waitExposed(inspector)
    return doc, inspector, ids


def type_and_enter(qtbot, widget, text: str) -> None:
    line = widget.lineEdit() if hasattr(widget, "lineEdit") else widget
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_the_form_follows_the_catalogue(setup) -> None:
    _doc, inspector, ids = setup
    inspector.set_selection([ids["linear"]])
    box = inspector.fields["out_features"].editor
    assert isinstance(box, QSpinBox) and (box.minimum(), box.maximum()) == (1, 1_000_000)
    assert isinstance(inspector.fields["bias"].editor, QCheckBox)
    assert box.toolTip() == "Number of output units"
    inspector.set_selection([ids["gelu"]])
    assert isinstance(inspector.fields["approximate"].editor, QComboBox)
    inspector.set_selection([ids["input"]])
    shape = inspector.fields["shape"].editor
    assert isinstance(shape, QLineEdit) and shape.text() == "64"
    assert inspector.findChild(QLabel_type(), "nodeId").text() == ids["input"]


def QLabel_type():  # noqa: N802 - small helper for findChild
    from PySide6.QtWidgets import QLabel

    return QLabel


def test_a_committed_edit_is_one_undo_step_and_undo_updates_the_form(setup, qtbot) -> None:
    doc, inspector, ids = setup
    inspector.set_selection([ids["linear"]])
    box = inspector.fields["out_features"].editor
    steps = doc.undo_stack.count()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "32")
    assert doc.graph.node(ids["linear"]).params["out_features"] == 64  # not per keystroke
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert doc.graph.node(ids["linear"]).params["out_features"] == 32
    assert doc.undo_stack.count() == steps + 1
    assert "[N, 32]" in inspector.status_label.text()
    assert "2,080" in inspector.status_label.text()  # 64 * 32 + 32
    doc.undo_stack.undo()
    assert box.value() == 64 and box.lineEdit().text() == "64"
    assert "[N, 64]" in inspector.status_label.text()


def test_out_of_bounds_is_refused_with_the_models_message(setup, qtbot) -> None:
    doc, inspector, ids = setup
    inspector.set_selection([ids["linear"]])
    field = inspector.fields["out_features"]
    steps = doc.undo_stack.count()
    type_and_enter(qtbot, field.editor, "0")
    assert doc.graph.node(ids["linear"]).params["out_features"] == 64
    assert doc.undo_stack.count() == steps
    assert field.error.isVisible() and "below the minimum 1" in field.error.text()
    assert field.editor.lineEdit().text() == "64"
    type_and_enter(qtbot, field.editor, "16")  # a good value clears the message
    assert not field.error.isVisible()
    assert doc.graph.node(ids["linear"]).params["out_features"] == 16


def test_float_bounds_and_scientific_notation(setup, qtbot) -> None:
    doc, inspector, ids = setup
    inspector.set_selection([ids["dropout"]])
    field = inspector.fields["p"]
    type_and_enter(qtbot, field.editor, "1.5")
    assert "above the maximum 0.99" in field.error.text()
    assert doc.graph.node(ids["dropout"]).params["p"] == 0.5
    type_and_enter(qtbot, field.editor, "2.5e-1")
    assert doc.graph.node(ids["dropout"]).params["p"] == 0.25
    assert not field.error.isVisible()


def test_tuple_editor_parses_and_reports(setup, qtbot) -> None:
    doc, inspector, ids = setup
    inspector.set_selection([ids["input"]])
    field = inspector.fields["shape"]
    type_and_enter(qtbot, field.editor, "1, 8, 8")
    assert doc.graph.node(ids["input"]).params["shape"] == (1, 8, 8)
    steps = doc.undo_stack.count()
    type_and_enter(qtbot, field.editor, "8, a")
    assert "not a list of whole numbers" in field.error.text()
    assert field.editor.text() == "1, 8, 8" and doc.undo_stack.count() == steps
    type_and_enter(qtbot, field.editor, "0")
    assert "minimum" in field.error.text()
    assert parse_tuple("[8 x 8]") == [8, 8]


def test_combo_checkbox_and_name_each_make_one_step(setup, qtbot) -> None:
    doc, inspector, ids = setup
    inspector.set_selection([ids["gelu"]])
    steps = doc.undo_stack.count()
    combo = inspector.fields["approximate"].editor
    combo.activated.emit(combo.findText("tanh"))
    assert doc.graph.node(ids["gelu"]).params["approximate"] == "tanh"
    inspector.set_selection([ids["linear"]])
    check = inspector.fields["bias"].editor
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton)
    assert doc.graph.node(ids["linear"]).params["bias"] is False
    type_and_enter(qtbot, inspector.name_edit, "hidden")
    assert doc.graph.node(ids["linear"]).name == "hidden"
    assert doc.undo_stack.count() == steps + 3
    doc.undo_stack.undo()
    assert inspector.name_edit.text() == ""
    doc.undo_stack.undo()
    assert check.isChecked()


def test_selection_states_and_node_removal(setup) -> None:
    doc, inspector, ids = setup
    inspector.set_selection([ids["linear"], ids["gelu"]])
    assert inspector.fields == {} and inspector.node_id is None
    inspector.set_selection([ids["gelu"]])
    doc.remove_nodes([ids["gelu"]])
    assert inspector.node_id is None
