"""The layer palette: the catalogue grouped by category, searchable, a drag source for the canvas.

It reads the catalogue, and the blocks it is given (``set_blocks``/``set_library``, listed by
``palette_blocks.BlockSection``); it never touches the document. Dropping on the canvas is the
view's job (MIME types :data:`LAYER_MIME` and ``BLOCK_MIME``); a double-click asks the window to
add the layer (or block) at the view centre through :attr:`PaletteWidget.layer_activated`
(:attr:`PaletteWidget.block_activated`). A right-click on a block row shows the actions the
window's ``block_menu`` provider gives for it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QDrag, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netbuilder.io.block_library import Library
from netbuilder.model import CATALOGUE, CATEGORIES, LayerSpec
from netbuilder.model.blocks import PORT_SPECS, Blocks
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, catalogue_text, translate
from netbuilder.qt.palette_blocks import BLOCK_MIME, BLOCK_ROLE, BlockSection, block_mime_data
from netbuilder.qt.style import category_color, category_ink
from netbuilder.qt.theme import TRANSPARENT, theme_notifier

#: MIME type of a palette drag; the data is the layer type name in UTF-8.
LAYER_MIME = "application/x-netbuilder-layer"
TYPE_ROLE = Qt.ItemDataRole.UserRole + 1
PORTS = QT_TRANSLATE_NOOP(
    "PaletteWidget", "Block ports"
)  # the palette's section of port nodes, while a block is open


def _swatch(color: QColor, size: int = 12) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(TRANSPARENT)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(color.darker(130))
    painter.setBrush(color)
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pix)


def matches(spec: LayerSpec, text: str) -> bool:
    """Case-insensitive match of every word of ``text`` against type, name, category and doc,
    in English and in the window's language."""
    shown = " ".join(catalogue_text(word) for word in (spec.display_name, spec.category, spec.doc))
    hay = f"{spec.type} {spec.display_name} {spec.category} {spec.doc} {shown}".lower()
    return all(word in hay for word in text.lower().split())


class _LayerTree(QTreeWidget):
    """A tree whose layer rows start a drag carrying the layer type."""

    enter_pressed = Signal(QTreeWidgetItem, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setIndentation(12)
        self.setIconSize(QSize(12, 12))
        self.setUniformRowHeights(True)

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt override
        return [LAYER_MIME, BLOCK_MIME]

    def mimeData(self, items) -> QMimeData:  # noqa: N802 - Qt override
        data = QMimeData()
        blocks = [it.data(0, BLOCK_ROLE) for it in items if it.data(0, BLOCK_ROLE)]
        if blocks:
            source, name = blocks[0]
            data.setData(BLOCK_MIME, block_mime_data(source, name))
            data.setText(name)
            return data
        types = [it.data(0, TYPE_ROLE) for it in items if it.data(0, TYPE_ROLE)]
        if types:
            data.setData(LAYER_MIME, types[0].encode("utf-8"))
            data.setText(types[0])
        return data

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.enter_pressed.emit(self.currentItem(), 0)
            return
        super().keyPressEvent(event)

    def startDrag(self, actions) -> None:  # noqa: N802 - Qt override
        item = self.currentItem()
        if item is None or not (item.data(0, TYPE_ROLE) or item.data(0, BLOCK_ROLE)):
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([item]))
        drag.setPixmap(item.icon(0).pixmap(16, 16))
        drag.exec(Qt.DropAction.CopyAction)


class PaletteWidget(QWidget):
    """Search box over a category tree of every layer in the catalogue."""

    #: Emitted with the layer type on double-click or Enter: "add this where I am looking".
    layer_activated = Signal(str)
    #: The same for a block row: ``(source, name)``, source "project" or "library".
    block_activated = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(translate("PaletteWidget", "Search layers and blocks…"))
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("paletteSearch")
        self.tree = _LayerTree(self)
        self.tree.setObjectName("paletteTree")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self._categories: dict[str, QTreeWidgetItem] = {}
        self._layers: dict[str, QTreeWidgetItem] = {}
        #: ``(source, name) -> actions`` for a block row's context menu (the window sets it).
        self.block_menu: Callable[[str, str], list[QAction]] | None = None
        self._populate()
        self.blocks = BlockSection(self.tree)
        theme_notifier().changed.connect(self.recolor)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._show_menu)
        self.search.textChanged.connect(self.set_filter)
        self.search.returnPressed.connect(self._activate_first_visible)
        self.tree.itemDoubleClicked.connect(self._on_activated)
        self.tree.enter_pressed.connect(self._on_activated)

    def _populate(self) -> None:
        for category in CATEGORIES:
            header = self._header(category)
            self.tree.addTopLevelItem(header)
            self._categories[category] = header
        for spec in CATALOGUE.values():
            self._add_layer(self._categories[spec.category], spec)
        self.tree.expandAll()

    def _header(self, category: str) -> QTreeWidgetItem:
        shown = (
            translate("PaletteWidget", category) if category == PORTS else catalogue_text(category)
        )
        header = QTreeWidgetItem([shown])
        header.setFlags(Qt.ItemFlag.ItemIsEnabled)
        bold = self.tree.font()
        bold.setBold(True)
        header.setFont(0, bold)
        self._color_header(header, category)
        return header

    @staticmethod
    def _color_header(header: QTreeWidgetItem, category: str) -> None:
        header.setIcon(0, _swatch(category_color(category)))
        header.setForeground(0, QBrush(category_ink(category)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """The palette changed (a theme, or the system's colours): recolour."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.recolor()

    def recolor(self, _theme: object = None) -> None:
        """Headings and swatches in the current theme's colours (also on ``theme_notifier``:
        a widget inside a dock tabbed away may not get its PaletteChange)."""
        if "blocks" in self.__dict__:
            for category, header in self._categories.items():
                self._color_header(header, category)
                for i in range(header.childCount()):
                    child = header.child(i)
                    spec = CATALOGUE.get(child.data(0, TYPE_ROLE)) or PORT_SPECS.get(
                        child.data(0, TYPE_ROLE)
                    )
                    if spec is not None:
                        child.setIcon(0, _swatch(category_color(spec.category), 10))
            self.blocks.rebuild()

    def _add_layer(self, header: QTreeWidgetItem, spec: LayerSpec) -> None:
        name, doc = catalogue_text(spec.display_name), catalogue_text(spec.doc)
        item = QTreeWidgetItem(header, [name])
        item.setData(0, TYPE_ROLE, spec.type)
        item.setToolTip(0, f"<b>{name}</b> · {spec.type}<br>{doc}")  # i18n: ignore
        item.setStatusTip(0, doc)
        item.setIcon(0, _swatch(category_color(spec.category), 10))
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )
        self._layers[spec.type] = item

    def show_block_ports(self, on: bool) -> None:
        """While a block's body is on the canvas, offer its port nodes (Block input/output)
        in a first section; they go again when the network is shown."""
        header = self._categories.get(PORTS)
        if header is not None and not on:
            self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(header))
            del self._categories[PORTS]
            for layer_type in PORT_SPECS:
                self._layers.pop(layer_type, None)
        elif header is None and on:
            header = self._header(PORTS)
            self.tree.insertTopLevelItem(0, header)
            self._categories = {PORTS: header, **self._categories}
            for spec in PORT_SPECS.values():
                self._add_layer(header, spec)
            header.setExpanded(True)
            self.set_filter(self.search.text())

    def item_for(self, layer_type: str) -> QTreeWidgetItem:
        return self._layers[layer_type]

    def visible_layer_types(self) -> list[str]:
        """Layer types currently shown, in palette order (for tests and keyboard use)."""
        out = []
        for header in self._categories.values():
            if header.isHidden():
                continue
            for i in range(header.childCount()):
                child = header.child(i)
                if not child.isHidden():
                    out.append(child.data(0, TYPE_ROLE))
        return out

    def set_blocks(self, blocks: Blocks | None) -> None:
        """List (and follow) a project's block definitions."""
        self.blocks.set_blocks(blocks)

    def set_library(self, library: Library) -> None:
        """List the shared library's blocks and its unreadable files."""
        self.blocks.set_library(library)

    def block_item(self, source: str, name: str) -> QTreeWidgetItem | None:
        return self.blocks.item_for(source, name)

    def visible_blocks(self) -> list[tuple[str, str]]:
        return self.blocks.visible_blocks()

    @staticmethod
    def block_key(item: QTreeWidgetItem | None) -> tuple[str, str] | None:
        """``(source, name)`` of a block row; None for layers, headers and broken files."""
        key = item.data(0, BLOCK_ROLE) if item is not None else None
        return (str(key[0]), str(key[1])) if key else None

    def block_actions(self, item: QTreeWidgetItem | None) -> list[QAction]:
        """The context-menu actions of ``item`` (none for layers and broken files)."""
        key = self.block_key(item)
        if key is None or self.block_menu is None:
            return []
        return self.block_menu(*key)

    def _show_menu(self, pos: QPoint) -> None:
        actions = self.block_actions(self.tree.itemAt(pos))
        if actions:
            menu = QMenu(self)
            menu.addActions(actions)
            menu.exec(self.tree.viewport().mapToGlobal(pos))

    def set_filter(self, text: str) -> None:
        """Show only layers and blocks matching ``text``; sections with no match are hidden."""
        self.blocks.apply_filter(text)
        for header in self._categories.values():
            any_shown = False
            for i in range(header.childCount()):
                child = header.child(i)
                layer_type = child.data(0, TYPE_ROLE)
                spec = CATALOGUE.get(layer_type) or PORT_SPECS.get(layer_type)
                shown = spec is not None and matches(spec, text)
                child.setHidden(not shown)
                any_shown = any_shown or shown
            header.setHidden(not any_shown)
            if any_shown:
                header.setExpanded(True)

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        block = item.data(0, BLOCK_ROLE)
        if block:
            self.block_activated.emit(*block)
            return
        layer_type = item.data(0, TYPE_ROLE)
        if layer_type:
            self.layer_activated.emit(layer_type)

    def _activate_first_visible(self) -> None:
        blocks = self.visible_blocks()  # the Blocks section comes first
        if blocks:
            self.block_activated.emit(*blocks[0])
            return
        visible = self.visible_layer_types()
        if visible:
            self.layer_activated.emit(visible[0])
