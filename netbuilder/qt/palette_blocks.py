"""The palette's "Blocks" section: the project's block definitions and the shared library's.

Rows carry ``(source, name)`` in :data:`BLOCK_ROLE` (source ``"project"`` or ``"library"``); a
drag carries the same as JSON under :data:`BLOCK_MIME`, which the canvas view hands to the
window. Library files that cannot be read are listed greyed, with the problem as tooltip, so a
broken file is seen rather than silently missing. The section exists only while there is a
block to list, so a palette without blocks looks as it always did.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from netbuilder.io.block_library import Library
from netbuilder.model.blocks import BLOCK, PORT_TYPES, BlockDef, Blocks
from netbuilder.qt.canvas.view import BLOCK_MIME
from netbuilder.qt.i18n import localized, translate
from netbuilder.qt.style import BLOCKS, category_color, category_ink
from netbuilder.qt.theme import TRANSPARENT, theme_color

BLOCK_ROLE = Qt.ItemDataRole.UserRole + 2
LABEL_ROLE = Qt.ItemDataRole.UserRole + 3  # the "From your library" row
PROJECT = "project"
LIBRARY = "library"

__all__ = ["BLOCK_MIME", "BLOCK_ROLE", "LIBRARY", "PROJECT", "BlockSection", "block_mime_data"]


def block_mime_data(source: str, name: str) -> bytes:
    return json.dumps({"source": source, "name": name}).encode("utf-8")


def parse_block_mime(raw: bytes) -> tuple[str, str] | None:
    """``(source, name)`` from a block drag's data; None when it is not one."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    source, name = data.get("source"), data.get("name")
    if source in (PROJECT, LIBRARY) and isinstance(name, str):
        return source, name
    return None


def _icon(color: QColor, *, hollow: bool, size: int = 10) -> QIcon:
    """A filled swatch for the project's blocks, an outlined one for the library's."""
    pix = QPixmap(size, size)
    pix.fill(TRANSPARENT)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(color.darker(130), 1.5 if hollow else 1.0))
    painter.setBrush(Qt.BrushStyle.NoBrush if hollow else QBrush(color))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pix)


def layer_count(definition: BlockDef) -> int:
    """Layers in the body, counting a nested block's layers (ports not counted)."""
    total = 0
    for node in definition.body:
        if node.type in PORT_TYPES:
            continue
        inner = (
            definition.body.blocks.get(node.params.get("block", "")) if node.type == BLOCK else None
        )
        total += layer_count(inner) if inner is not None else 1
    return total


def _summary(definition: BlockDef) -> str:
    layers, inputs = layer_count(definition), definition.n_inputs
    args = ", ".join(p.name for p in definition.params)
    if layers == 1 and inputs == 1:
        text = translate("BlockSection", "1 layer, 1 input")
    elif layers == 1:
        text = translate("BlockSection", "1 layer, {inputs} inputs").format(inputs=inputs)
    elif inputs == 1:
        text = translate("BlockSection", "{layers} layers, 1 input").format(layers=layers)
    else:
        text = translate("BlockSection", "{layers} layers, {inputs} inputs").format(
            layers=layers, inputs=inputs
        )
    if not args:
        return text
    return translate("BlockSection", "{summary}; arguments: {args}").format(summary=text, args=args)


def _describe(item: QTreeWidgetItem, definition: BlockDef) -> None:
    doc = definition.doc or translate("BlockSection", "A block of this project")
    item.setToolTip(
        0, f"<b>{definition.name}</b><br>{doc}<br>{_summary(definition)}"
    )  # i18n: ignore
    item.setStatusTip(
        0,
        translate("BlockSection", "Block {name}: {summary}").format(
            name=definition.name, summary=_summary(definition)
        ),
    )


def matches_block(name: str, doc: str, text: str) -> bool:
    hay = f"{name} block {translate('BlockSection', 'Blocks')} {doc}".lower()
    return all(word in hay for word in text.lower().split())


class BlockSection:
    """Keeps the "Blocks" rows of ``tree`` in line with a project's ``Blocks`` and a library."""

    def __init__(self, tree: QTreeWidget) -> None:
        self.tree = tree
        self.header: QTreeWidgetItem | None = None
        self._blocks: Blocks | None = None
        self._library = Library()
        self._filter = ""

    # --- sources ----------------------------------------------------------------------------

    def set_blocks(self, blocks: Blocks | None) -> None:
        if self._blocks is not None:
            for event, slot in self._events(self._blocks):
                event.disconnect(slot)
        self._blocks = blocks
        if blocks is not None:
            for event, slot in self._events(blocks):
                event.connect(slot)
        self.rebuild()

    def _events(self, blocks: Blocks) -> tuple[tuple[Any, Any], ...]:
        return (
            (blocks.events.added, self._on_blocks_event),
            (blocks.events.removed, self._on_blocks_event),
            (blocks.events.changed, self._on_changed),
        )

    def _on_blocks_event(self, *_args: object) -> None:
        self.rebuild()

    def _on_changed(self, name: str) -> None:
        """A body edit (every layer moved or added inside an open block): one row's texts."""
        item = self.item_for(PROJECT, name)
        definition = self._blocks.get(name) if self._blocks is not None else None
        if item is None or definition is None:
            self.rebuild()
        else:
            _describe(item, definition)

    def set_library(self, library: Library) -> None:
        self._library = library
        self.rebuild()

    @property
    def library(self) -> Library:
        return self._library

    # --- rows -------------------------------------------------------------------------------

    def rebuild(self) -> None:
        """Rows from scratch (a few hundred at most): simpler than patching, and as fast."""
        current = self.tree.currentItem()
        keep = current.data(0, BLOCK_ROLE) if current is not None else None
        project = list(self._blocks) if self._blocks is not None else []
        library = self._library
        if not (project or library.blocks or library.problems):
            if self.header is not None:
                self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(self.header))
                self.header = None
            return
        if self.header is None:
            self.header = QTreeWidgetItem([translate("BlockSection", "Blocks")])
            self.tree.insertTopLevelItem(0, self.header)
            bold = QFont(self.tree.font())
            bold.setBold(True)
            self.header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.header.setFont(0, bold)
            self.header.setToolTip(
                0,
                translate(
                    "BlockSection",
                    "Blocks of this project, and (outlined) blocks from your library",
                ),
            )
        color = category_color(BLOCKS)  # (again on each rebuild: the theme may have changed)
        self.header.setIcon(0, _icon(color, hollow=False, size=12))
        self.header.setForeground(0, QBrush(category_ink(BLOCKS)))
        self.header.takeChildren()
        movable = (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )
        for definition in project:
            item = QTreeWidgetItem(self.header, [definition.name])
            item.setData(0, BLOCK_ROLE, (PROJECT, definition.name))
            item.setIcon(0, _icon(color, hollow=False))
            item.setFlags(movable)
            _describe(item, definition)
        if library.blocks or library.problems:
            label = QTreeWidgetItem(self.header, [translate("BlockSection", "From your library")])
            label.setData(0, LABEL_ROLE, True)
            label.setFlags(Qt.ItemFlag.ItemIsEnabled)
            italic = QFont(self.tree.font())
            italic.setItalic(True)
            label.setFont(0, italic)
            label.setForeground(0, QBrush(theme_color("muted")))
            label.setToolTip(
                0,
                translate(
                    "BlockSection", "Blocks saved to your library, shared by all your projects"
                ),
            )
        for block in library.blocks:
            d = block.definition
            item = QTreeWidgetItem(self.header, [block.name])
            item.setData(0, BLOCK_ROLE, (LIBRARY, block.name))
            item.setIcon(0, _icon(color, hollow=True))
            item.setFlags(movable)
            source = translate("BlockSection", "<b>{name}</b> from your block library").format(
                name=block.name
            )
            doc = f"{d.doc}<br>" if d.doc else ""
            item.setToolTip(
                0, f"{source}<br>{doc}{_summary(d)}<br><i>{block.path}</i>"
            )  # i18n: ignore
            item.setStatusTip(
                0,
                translate("BlockSection", "Library block {name}: {summary}").format(
                    name=block.name, summary=_summary(d)
                ),
            )
        for problem in library.problems:
            item = QTreeWidgetItem(self.header, [problem.path.name])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)  # tooltip shown, never dragged
            item.setForeground(0, QBrush(theme_color("muted").lighter(130)))
            item.setIcon(0, _icon(theme_color("muted").lighter(150), hollow=True))
            item.setToolTip(0, localized(problem))
            item.setStatusTip(0, localized(problem))
        self.header.setExpanded(True)
        self.apply_filter(self._filter)
        if keep is not None:
            again = self.item_for(*keep)
            if again is not None:
                self.tree.setCurrentItem(again)

    def item_for(self, source: str, name: str) -> QTreeWidgetItem | None:
        for item in self.rows():
            if item.data(0, BLOCK_ROLE) == (source, name):
                return item
        return None

    def rows(self) -> list[QTreeWidgetItem]:
        if self.header is None:
            return []
        header = self.header
        return [c for i in range(header.childCount()) if (c := header.child(i)) is not None]

    def visible_blocks(self) -> list[tuple[str, str]]:
        """``(source, name)`` of the block rows shown, in order (broken files left out)."""
        if self.header is None or self.header.isHidden():
            return []
        return [
            tuple(item.data(0, BLOCK_ROLE))
            for item in self.rows()
            if not item.isHidden() and item.data(0, BLOCK_ROLE)
        ]

    def apply_filter(self, text: str) -> None:
        self._filter = text
        if self.header is None:
            return
        any_shown = False
        label = None
        library_shown = False
        for item in self.rows():
            key = item.data(0, BLOCK_ROLE)
            if item.data(0, LABEL_ROLE):
                label = item
                continue
            if key is None:
                shown = matches_block(item.text(0), item.toolTip(0), text)
            else:
                source, name = key
                shown = matches_block(name, self._doc(source, name) + " " + source, text)
            item.setHidden(not shown)
            any_shown = any_shown or shown
            library_shown = library_shown or (shown and (key is None or key[0] == LIBRARY))
        if label is not None:
            label.setHidden(not library_shown)
        self.header.setHidden(not any_shown)
        if any_shown:
            self.header.setExpanded(True)

    def _doc(self, source: str, name: str) -> str:
        if source == PROJECT and self._blocks is not None:
            d = self._blocks.get(name)
            return d.doc if d is not None else ""
        block = self._library.get(name)
        return block.definition.doc if block is not None else ""
