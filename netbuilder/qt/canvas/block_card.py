"""The card of a block use: one card that reads as a stack of layers.

A use looks like a layer card (title = the block's name, its arguments as the key values, one
input port per block input) with a stacked, double-bordered look and a line that says what it
holds, so it is never mistaken for a single layer. Double-click (or Enter) opens the block.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from netbuilder.model import Graph, Node
from netbuilder.model.blocks import BLOCK_INPUT, BLOCK_OUTPUT
from netbuilder.model.layer_spec import LayerSpec
from netbuilder.qt import style
from netbuilder.qt.canvas.items import PAD, RADIUS, NodeItem, _Fonts, _static
from netbuilder.qt.i18n import translate
from netbuilder.qt.theme import current_theme, readable

#: Blocks and their port nodes get colours of their own (the palette's swatches use them too).

STACK = 5.0  # how far the card "under" a use shows, right and down


def count_layers(graph: Graph, name: str) -> int:
    """Layers in block ``name``'s body (its port nodes not counted); 0 when it is not defined."""
    definition = graph.blocks.get(name)
    if definition is None:
        return 0
    return sum(1 for n in definition.body if n.type not in (BLOCK_INPUT, BLOCK_OUTPUT))


def describe_use(graph: Graph, node: Node) -> tuple[str, str]:
    """What a use holds, for its tooltip ("ResBlock: 3 layers; double-click to open") and its
    card's line ("block of 3 layers"; "" when the block is not defined)."""
    name = str(node.params.get("block", ""))
    if graph.blocks.get(name) is None:
        missing = translate("BlockNodeItem", "No block named {name} in this project")
        return missing.format(name=repr(name)), ""
    n = count_layers(graph, name)
    if n == 1:
        tip = translate("BlockNodeItem", "{name}: 1 layer; double-click to open")
        line = translate("BlockNodeItem", "block of 1 layer")
    else:
        tip = translate("BlockNodeItem", "{name}: {count} layers; double-click to open")
        line = translate("BlockNodeItem", "block of {count} layers")
    return tip.format(name=name, count=n), line.format(count=n)


class BlockNodeItem(NodeItem):
    """A use of a block: a layer card with a stacked, double border and a summary line."""

    def __init__(
        self,
        node: Node,
        spec: LayerSpec | None,
        report: tuple[str | None, str | None, tuple[str, str] | None],
        summary: tuple[str, str],
    ) -> None:
        self.summary, self.held = summary
        super().__init__(node, spec, report)  # ``detail``: its layers' values, during a run

    def set_spec(self, spec: LayerSpec | None, summary: tuple[str, str]) -> None:
        """The definition changed (arguments, inputs, layers): follow it."""
        if spec == self.spec and summary == (self.summary, self.held):
            return
        self.spec, (self.summary, self.held) = spec, summary
        self.accent_category = style.BLOCKS if spec is not None else ""
        inputs = [] if spec is None else list(range(max(spec.inputs, 0)))
        if [p.index for p in self.input_ports] != inputs:
            self.set_ports(inputs)  # lays the card out too
        else:
            self.refresh()

    def refresh(self, node: Node | None = None) -> None:
        super().refresh(node)
        if self.spec is None:
            self.tip = f"{self.summary}\n{self.tip}"
            self.show_tip()
            return
        f = _Fonts
        y = 10.0
        if self._lines:
            pos, _text, font, _color = self._lines[-1]
            metrics = {id(f.title): f.title_m, id(f.mono): f.mono_m}.get(id(font), f.small_m)
            y = pos.y() + metrics.height() + 1.0
        line = _static(self.held, f.small)
        theme = current_theme()
        ink = readable(self.accent, theme.color("card"), theme.color("card_text"))
        self._lines.append((QPointF(PAD, y), line, f.small, ink))
        bottom = y + f.small_m.height() + 6.0
        if bottom > self._rect.height():
            self.prepareGeometryChange()
            self._rect = QRectF(0, 0, self._rect.width(), bottom)
        first, _, rest = self.tip.partition("\n")
        self.tip = "\n".join(p for p in (self.summary, first, rest) if p)
        self.show_tip()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return self._rect.adjusted(-3, -3, 3 + STACK, 3 + STACK)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        under = self._rect.translated(STACK, STACK)
        accent = self.accent
        painter.setPen(QPen(accent.lighter(130), 1.0))
        painter.setBrush(current_theme().color("block_card"))
        painter.drawRoundedRect(under, RADIUS, RADIUS)
        super().paint(painter, option, widget)
        if not (self.error or self.spec is None or self.isSelected()):
            painter.setPen(QPen(accent, 1.4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self._rect, RADIUS, RADIUS)
        inner = self._rect.adjusted(2.5, 2.5, -2.5, -2.5)
        painter.setPen(QPen(accent.lighter(150), 1.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(inner, RADIUS - 2, RADIUS - 2)


def node_item_at(scene: QGraphicsScene, pos: QPointF) -> NodeItem | None:
    """The card under ``pos`` (a port or label under the pointer counts as its card)."""
    for item in scene.items(pos):
        found: QGraphicsItem | None = item
        while found is not None and not isinstance(found, NodeItem):
            found = found.parentItem()
        if isinstance(found, NodeItem):
            return found
    return None


def selected_use(items: list[NodeItem]) -> str | None:
    """The id of the one selected card when it is a block use (Enter opens it)."""
    if len(items) == 1 and isinstance(items[0], BlockNodeItem):
        return items[0].node_id
    return None
