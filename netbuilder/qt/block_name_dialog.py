"""The "Make block" dialog: the new block's name, checked as it is typed.

A block's name becomes a class name in exported code (``BasicBlock``), so the dialog allows only
a valid, unused name: OK stays off and a line says why until the name is right.
"""

from __future__ import annotations

import keyword
from collections.abc import Iterable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from netbuilder.model import Graph
from netbuilder.model.blocks import TAKEN_IN_EXPORT, Blocks, is_valid_block_name
from netbuilder.qt.i18n import translate
from netbuilder.qt.theme import theme_color

#: A default name from what the selection holds (first match wins), made unique.
_HINTS = (
    ("Add", "ResBlock"),
    ("MultiheadSelfAttention", "AttentionBlock"),
    ("TransformerEncoderLayer", "EncoderBlock"),
    ("Conv2d", "ConvBlock"),
    ("Conv1d", "ConvBlock"),
    ("LSTM", "RecurrentBlock"),
    ("GRU", "RecurrentBlock"),
    ("Linear", "DenseBlock"),
)


def suggest_name(graph: Graph, node_ids: Iterable[str]) -> str:
    """ "ResBlock" for a selection with a skip connection (an Add), "ConvBlock" for
    convolutions, ...; "Block" otherwise; never a name the project already uses."""
    types = {graph.node(n).type for n in node_ids if n in graph}
    base = next((name for layer, name in _HINTS if layer in types), "Block")
    return graph.blocks.new_name(base)


def name_problem(name: str, blocks: Blocks) -> str | None:
    """Why ``name`` cannot name a new block, or None."""
    if not name:
        return translate("BlockNameDialog", "Give the block a name")
    if not is_valid_block_name(name):
        if keyword.iskeyword(name) or name in TAKEN_IN_EXPORT:
            return translate(
                "BlockNameDialog", "{name} is taken in Python code; the name becomes a class name"
            ).format(name=name)
        return translate(
            "BlockNameDialog",
            "Start with a letter; use only letters, digits and _ (it becomes a class name)",
        )
    if name in blocks:
        return translate("BlockNameDialog", "This project already has a block named {name}").format(
            name=name
        )
    return None


class BlockNameDialog(QDialog):
    def __init__(self, blocks: Blocks, default: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blockNameDialog")
        self.setWindowTitle(translate("BlockNameDialog", "Make block"))
        self.blocks = blocks
        intro = QLabel(
            translate(
                "BlockNameDialog",
                "The selected layers become one block: a card you can open, reuse from the "
                "palette and repeat. Name it like a class (it is one in exported code).",
            )
        )
        intro.setWordWrap(True)
        self.edit = QLineEdit(default)
        self.edit.setObjectName("blockName")
        self.edit.selectAll()
        self.problem = QLabel()
        self.problem.setObjectName("blockNameProblem")
        self.problem.setStyleSheet(f"color: {theme_color('error').name()};")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            translate("BlockNameDialog", "Make block")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.edit)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.edit.textChanged.connect(self._check)
        self._check()
        self.setMinimumWidth(380)

    @property
    def name(self) -> str:
        return self.edit.text().strip()

    def _check(self) -> None:
        problem = name_problem(self.name, self.blocks)
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)

    def accept(self) -> None:
        if name_problem(self.name, self.blocks) is None:
            super().accept()


def ask_block_name(parent: QWidget, blocks: Blocks, default: str) -> str | None:
    dialog = BlockNameDialog(blocks, default, parent)
    try:
        return dialog.name if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
