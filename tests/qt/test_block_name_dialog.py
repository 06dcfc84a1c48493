"""The Make-block dialog: a class-like, unused name, checked as it is typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from netbuilder.model.block_edits import plan_make_block
from netbuilder.model.edits import apply_edits
from netbuilder.qt.block_name_dialog import BlockNameDialog, suggest_name
from tests.qt.block_support import residual_net


def test_default_names_follow_the_selection_and_stay_unique():
    g = residual_net()
    assert suggest_name(g, ["r1", "c2", "add"]) == "ResBlock"
    assert suggest_name(g, ["c1", "r1"]) == "ConvBlock"
    assert suggest_name(g, ["fl"]) == "Block"
    edits, _ = plan_make_block(g, ["r1", "c2", "add"], "ResBlock")
    apply_edits(g, edits)
    assert suggest_name(g, ["c1"]) == "ConvBlock"
    assert suggest_name(g, ["fc"]) == "DenseBlock"


def test_typing_a_bad_or_taken_name_turns_ok_off_with_a_reason(qtbot):
    g = residual_net()
    edits, _ = plan_make_block(g, ["r1", "c2", "add"], "ResBlock")
    apply_edits(g, edits)
    dialog = BlockNameDialog(g.blocks, "Block")
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled() and dialog.edit.hasSelectedText()
    qtbot.keyClicks(dialog.edit, "2 convs")  # replaces the selected default
    assert not ok.isEnabled() and "Start with a letter" in dialog.problem.text()
    dialog.edit.clear()
    qtbot.keyClicks(dialog.edit, "ResBlock")
    assert not ok.isEnabled() and "already has a block named ResBlock" in dialog.problem.text()
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)  # refused: the dialog stays open
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.edit, "2")
    assert ok.isEnabled() and not dialog.problem.isVisible()
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.name == "ResBlock2"
