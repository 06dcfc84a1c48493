"""The bar above the canvas while a block is open: "Network > ResBlock", and the way back.

Hidden while the canvas shows the network. "Network" (or Esc on the canvas) goes back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget


class BlockBreadcrumb(QWidget):
    #: The user asked to go back to the network.
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blockBreadcrumb")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(
            "#blockBreadcrumb { background: #e8eaf6; border-bottom: 1px solid #c5cae9; }"
        )
        self.network_button = QToolButton(self)
        self.network_button.setObjectName("breadcrumbNetwork")
        self.network_button.setText("Network")
        self.network_button.setAutoRaise(True)
        self.network_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.network_button.setToolTip("Back to the whole network (Esc on the canvas)")
        self.network_button.setStyleSheet("color: #2f6fde; text-decoration: underline;")
        self.network_button.clicked.connect(self.back_requested)
        self.block_label = QLabel(self)
        self.block_label.setObjectName("breadcrumbBlock")
        self.block_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.block_label.font()
        font.setBold(True)
        self.block_label.setFont(font)
        self.hint = QLabel(self)
        self.hint.setObjectName("breadcrumbHint")
        self.hint.setProperty("role", "help")
        self.hint.setStyleSheet("color: #4a4f57;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 8, 2)
        layout.setSpacing(4)
        layout.addWidget(self.network_button)
        layout.addWidget(QLabel("\u203a", self))
        layout.addWidget(self.block_label)
        layout.addSpacing(12)
        layout.addWidget(self.hint, 1)
        self.hide()

    def show_block(self, name: str | None, uses: int = 0) -> None:
        """Say which block is open (None: the network is shown, and the bar hides)."""
        if name is None:
            self.hide()
            return
        self.block_label.setText(name)
        where = f"every use ({uses}) follows" if uses != 1 else "its use follows"
        self.hint.setText(f"Editing block {name}: {where}. Esc or Network: back")
        self.hint.setToolTip(self.hint.text())
        self.show()

    @property
    def path_text(self) -> str:
        """What the bar reads, for tests and accessibility: "Network > ResBlock"."""
        return f"Network \u203a {self.block_label.text()}" if self.isVisible() else ""
