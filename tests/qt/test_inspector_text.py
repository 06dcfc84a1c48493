"""An Input's ``data`` is free text in the inspector; with a dataset of several inputs it is a
combo of their names that still takes typed text. Edits are undoable commands."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from netbuilder.model import DatasetBinding, Project
from netbuilder.qt.document import Document
from netbuilder.qt.inspector import InspectorWidget
from tests.engine.multi_input import three_input_dataset


def _inspector(qtbot, doc: Document) -> InspectorWidget:
    inspector = InspectorWidget()
    inspector.set_document(doc)
    qtbot.addWidget(inspector)
    inspector.show()
    qtbot.waitExposed(inspector)
    return inspector


def test_data_is_a_line_edit_without_several_dataset_inputs(qtbot):
    doc = Document.from_project(Project())
    nid = doc.add_node("Input", (0.0, 0.0), {"shape": [4]})
    inspector = _inspector(qtbot, doc)
    inspector.set_selection([nid])
    edit = inspector.fields["data"].editor
    assert isinstance(edit, QLineEdit) and edit.text() == ""
    qtbot.keyClicks(edit, "  user ")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert doc.graph.node(nid).params["data"] == "user"  # stripped by the catalogue
    doc.undo_stack.undo()
    assert doc.graph.node(nid).params["data"] == ""
    assert edit.text() == ""


def test_data_offers_the_dataset_input_names_and_takes_typed_text(qtbot):
    info = three_input_dataset(n=60).info
    doc = Document.from_project(Project(), dataset_info=info)
    nid = doc.add_node("Input", (0.0, 0.0), {"shape": [1], "dtype": "int64"})
    inspector = _inspector(qtbot, doc)
    inspector.set_selection([nid])
    combo = inspector.fields["data"].editor
    assert isinstance(combo, QComboBox) and combo.isEditable()
    assert [combo.itemText(i) for i in range(combo.count())] == ["", "user", "item", "review"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # "" -> "user" -> "item"
    line = combo.lineEdit()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert doc.graph.node(nid).params["data"] == "item"
    line.selectAll()
    qtbot.keyClicks(line, "review")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert doc.graph.node(nid).params["data"] == "review"
    assert doc.report.shapes[nid] == (6,)  # the review input's tokens


def test_binding_a_dataset_sets_each_input_to_the_input_it_reads(qtbot):
    doc = Document.from_project(Project())
    review = doc.add_node("Input", (0.0, 0.0), {"shape": [4], "data": "review"})
    none = doc.add_node("Input", (0.0, 200.0), {"shape": [4]})
    info = three_input_dataset(n=60).info
    doc.set_dataset(DatasetBinding(source="inline", inline={"x": [[0]], "y": [0]}), info)
    assert doc.graph.node(review).params["shape"] == (6,)
    assert doc.graph.node(review).params["dtype"] == "int64"
    assert doc.graph.node(none).params["shape"] == (4,)  # reads nothing yet: left alone
    doc.undo_stack.undo()
    assert doc.graph.node(review).params["shape"] == (4,)


def test_names_arriving_after_the_input_was_selected_are_offered(qtbot):
    doc = Document.from_project(Project())
    nid = doc.add_node("Input", (0.0, 0.0), {"shape": [1], "dtype": "int64"})
    inspector = _inspector(qtbot, doc)
    inspector.set_selection([nid])
    assert isinstance(inspector.fields["data"].editor, QLineEdit)
    doc.attach_dataset_info(three_input_dataset(n=60).info)  # read off the GUI thread, later
    combo = inspector.fields["data"].editor
    assert isinstance(combo, QComboBox) and combo.findText("review") == 3
