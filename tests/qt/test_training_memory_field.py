"""training.data_memory_mb in the training settings form: "auto (N MiB)" at 0, undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt

from netbuilder.engine.data.image_stream import memory_budget


def test_the_memory_budget_is_edited_in_the_form_and_undone(make_window, qtbot):
    window = make_window()
    field = window.training_panel.fields["data_memory_mb"]
    doc = window.document
    assert doc.project.training.data_memory_mb == 0
    assert field.text() == f"auto ({memory_budget(0) // 2**20:,} MiB)"
    field.setFocus()
    field.lineEdit().selectAll()
    qtbot.keyClicks(field.lineEdit(), "512")
    qtbot.keyClick(field.lineEdit(), Qt.Key.Key_Return)
    assert doc.project.training.data_memory_mb == 512
    assert field.text() == "512 MiB"
    doc.undo_stack.undo()
    assert doc.project.training.data_memory_mb == 0
    assert field.value() == 0 and field.text().startswith("auto (")
