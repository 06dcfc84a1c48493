"""The bar above the canvas while a block is open: "Network > ResBlock", and the way back.

Hidden while the canvas shows the network. "Network" (or Esc on the canvas) goes back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netbuilder.qt.i18n import translate
from netbuilder.qt.theme import current_theme


class BlockBreadcrumb(QWidget):
    #: A level of the path was clicked: 0 the network, 1 the outermost open block, ...
    crumb_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blockBreadcrumb")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._retheme()
        self.network_button = self._link(translate("BlockBreadcrumb", "Network"), 0)
        self.network_button.setObjectName("breadcrumbNetwork")
        self.network_button.setToolTip(translate("BlockBreadcrumb", "Back to the whole network"))
        self.crumbs: list[QWidget] = []  # the parts after "Network", rebuilt per path
        self.block_label = QLabel(self)
        self.block_label.setObjectName("breadcrumbBlock")
        self.block_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.block_label.font()
        font.setBold(True)
        self.block_label.setFont(font)
        self.hint = QLabel(self)
        self.hint.setObjectName("breadcrumbHint")
        self.hint.setProperty("role", "help")
        # The hint gives way in a narrow window (its whole text is the tooltip) rather than
        # widening the window: a QLabel's minimum width is otherwise its whole text.
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(6, 2, 8, 2)
        self._layout.setSpacing(4)
        self._layout.addWidget(self.network_button)
        self._layout.addWidget(self.block_label)
        self._layout.addSpacing(12)
        self._layout.addWidget(self.hint, 1)
        self.path: tuple[str, ...] = ()
        self.hide()

    def _link(self, text: str, level: int) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setAutoRaise(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setProperty("role", "link")  # coloured by _retheme
        button.clicked.connect(lambda: self.crumb_clicked.emit(level))
        return button

    def _retheme(self) -> None:
        """The bar and its links in the theme's colours (again when the theme changes)."""
        theme = current_theme()
        sheet = (
            f"#blockBreadcrumb {{ background: {theme.block_card}; "
            f"border-bottom: 1px solid {theme.card_border}; }}\n"
            f'QToolButton[role="link"] {{ color: {theme.link}; text-decoration: underline; }}'
        )
        if sheet != self.styleSheet():  # (setting it sends another PaletteChange)
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._retheme()

    def show_path(self, path: tuple[str, ...], uses: int = 0) -> None:
        """Say which blocks are open, outermost first (empty: the network; the bar hides)."""
        self.path = tuple(path)
        for widget in self.crumbs:
            self._layout.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self.crumbs = []
        if not path:
            self.hide()
            return
        at = 1
        for level, name in enumerate(path[:-1], start=1):
            for widget in (QLabel("\u203a", self), self._link(name, level)):
                self._layout.insertWidget(at, widget)
                widget.show()  # at once, not when the layout gets to it
                self.crumbs.append(widget)
                at += 1
        arrow = QLabel("\u203a", self)
        self._layout.insertWidget(at, arrow)
        arrow.show()
        self.crumbs.append(arrow)
        name = path[-1]
        self.block_label.setText(name)
        self.hint.setText(_hint(len(path) > 1, uses).format(name=name, uses=uses))
        self.hint.setToolTip(self.hint.text())
        self.show()

    @property
    def path_text(self) -> str:
        """What the bar reads, for tests and accessibility: "Network > ResBlock"."""
        network = translate("BlockBreadcrumb", "Network")
        return " \u203a ".join((network, *self.path)) if self.path else ""


def _hint(nested: bool, uses: int) -> str:
    """What the bar says while block ``{name}`` is open (``{uses}`` of it in the project)."""
    if nested and uses != 1:
        return translate(
            "BlockBreadcrumb",
            "Editing block {name}: every use ({uses}) follows. Esc: one level out",
        )
    if nested:
        return translate(
            "BlockBreadcrumb", "Editing block {name}: its use follows. Esc: one level out"
        )
    if uses != 1:
        return translate(
            "BlockBreadcrumb",
            "Editing block {name}: every use ({uses}) follows. Esc or Network: back",
        )
    return translate(
        "BlockBreadcrumb", "Editing block {name}: its use follows. Esc or Network: back"
    )


def canvas_area(breadcrumb: BlockBreadcrumb, view: QWidget) -> QWidget:
    """The window's central widget: the breadcrumb bar above the canvas."""
    box = QWidget()
    box.setObjectName("canvasArea")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(breadcrumb)
    layout.addWidget(view)
    return box
