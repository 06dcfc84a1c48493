"""Canvas items: a node card with ports, and a Bezier edge with its tensor shape.

Painting is kept cheap for large graphs: text is laid out once per content change (QStaticText,
fonts and pens shared at module level), node cards are cached as device pixmaps, and a moving
node only recomputes its own edges. Items never change the model; the scene and the
interactions do that through the document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QStaticText,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from netbuilder.model import Edge, Node
from netbuilder.qt import style
from netbuilder.qt.canvas.edge_label import EdgeLabelItem
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, catalogue_text, localized, translate
from netbuilder.qt.theme import current_theme, ink_on

if TYPE_CHECKING:
    from netbuilder.qt.canvas.scene import GraphScene

NODE_WIDTH = 176.0
STRIP = 5.0  # category colour band at the top of the card
PAD = 9.0
PORT_Y = 24.0  # centre of the first port, level with the title
PORT_STEP = 20.0
PORT_R = 5.0
RADIUS = 7.0


class _Fonts:
    """Fonts and metrics created once, after the QApplication exists."""

    ready = False
    title: ClassVar[QFont]
    small: ClassVar[QFont]
    mono: ClassVar[QFont]
    title_m: ClassVar[QFontMetricsF]
    small_m: ClassVar[QFontMetricsF]
    mono_m: ClassVar[QFontMetricsF]

    @classmethod
    def init(cls) -> None:
        if cls.ready:
            return
        cls.title, cls.small, cls.mono = style.node_font(), style.small_font(), style.mono_font()
        cls.mono.setPointSizeF(cls.small.pointSizeF() if cls.small.pointSizeF() > 0 else 8.0)
        cls.title_m, cls.small_m = QFontMetricsF(cls.title), QFontMetricsF(cls.small)
        cls.mono_m = QFontMetricsF(cls.mono)
        cls.ready = True


def _static(text: str, font: QFont) -> QStaticText:
    st = QStaticText(text)
    st.setTextFormat(Qt.TextFormat.PlainText)
    st.prepare(font=font)
    return st


# What hovering a port says in the status bar: wiring is a drag between the port circles.
PORT_HINTS = {
    True: QT_TRANSLATE_NOOP(
        "PortItem", "Output port: drag from here to an input port (left side of a layer) to connect"
    ),
    False: QT_TRANSLATE_NOOP(
        "PortItem",
        "Input port: drag here from an output port to connect; drag a connected input "
        "away to re-route or remove its connection",
    ),
}


class PortItem(QGraphicsItem):
    """An input (left) or output (right) connector. ``index`` is the input port number."""

    def __init__(self, parent: NodeItem, is_output: bool, index: int = 0) -> None:
        super().__init__(parent)
        self.node_item, self.is_output, self.index = parent, is_output, index
        self.highlight: QColor | None = None  # valid drop target while connecting
        self.hovered = False
        self.setAcceptHoverEvents(True)
        self.setZValue(1)

    @property
    def node_id(self) -> str:
        return self.node_item.node_id

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        r = PORT_R + 4.0  # a generous hit area
        return QRectF(-r, -r, 2 * r, 2 * r)

    def set_highlight(self, color: QColor | None) -> None:
        if color != self.highlight:
            self.highlight = color
            self.update()

    def hoverEnterEvent(self, event) -> None:  # noqa: N802
        self.hovered = True
        self.update()
        self._say(translate("PortItem", PORT_HINTS[self.is_output]))

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802
        self.hovered = False
        self.update()
        self._say("")

    def _say(self, text: str) -> None:
        """On the status bar (ports live only in a GraphScene); "" clears it."""
        scene = self.scene()
        if scene is not None:
            cast("GraphScene", scene).status_message.emit(text)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        r = PORT_R + (1.5 if self.hovered or self.highlight is not None else 0.0)
        theme = current_theme()
        color = self.highlight or (
            theme.color("card_hover") if self.hovered else self.node_item.accent
        )
        painter.setPen(QPen(color, 1.6))
        painter.setBrush(color if (self.highlight or self.hovered) else theme.color("card"))
        painter.drawEllipse(QPointF(0, 0), r, r)


class NodeItem(QGraphicsItem):
    """A rounded card: category strip, type, name, key parameters, output shape, ports."""

    def __init__(
        self,
        node: Node,
        spec,
        report: tuple[str | None, str | None, tuple[str, str] | None] = (None, None, None),
    ) -> None:
        """``report``: the shape, error and note to show at once (``set_report``'s), so the
        card's text is laid out once, not again when they arrive (half a 500-node load)."""
        super().__init__()
        _Fonts.init()
        self.node_id = node.id
        self.spec = spec
        self.edges: set[EdgeItem] = set()
        self.shape_text, self.error, self.note = report
        # self.note: (card text, tooltip), pending or information
        self.tint: QColor | None = None
        self.badge: str | None = None
        self.detail: str | None = None  # tooltip lines of the training overlay (its value)
        self.tip = ""  # the tooltip without the detail
        self.hovered = False
        self.accent_category = spec.category if spec else ""  # "": unknown, grey
        self.input_ports: list[PortItem] = []
        self.output_port = PortItem(self, True)
        self.output_port.setPos(NODE_WIDTH, PORT_Y)
        self._lines: list[tuple[QPointF, QStaticText, QFont, QColor]] = []
        self._rect = QRectF(0, 0, NODE_WIDTH, 60)
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setAcceptHoverEvents(True)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._node = node
        self.setPos(*node.pos)
        indices = [] if spec is None else list(range(max(spec.inputs, 0)))
        if indices:
            self.set_ports(indices)  # lays the card out too
        else:
            self.refresh()

    # --- content --------------------------------------------------------------------------

    @property
    def accent(self) -> QColor:
        """The category's colour in the current theme (read when painting, so a theme change
        repaints the card in the new one)."""
        return style.category_color(self.accent_category)

    def refresh(self, node: Node | None = None) -> None:
        """Lay out the text again (after params, name, shape or error changed)."""
        if node is not None:
            self._node = node
        node = self._node
        f = _Fonts
        width = NODE_WIDTH - 2 * PAD
        title = node.type if self.spec is None else catalogue_text(self.spec.display_name)
        theme = current_theme()
        ink, muted, error = (theme.color(n) for n in ("card_text", "muted", "error"))
        title_color = muted if self.spec is None else ink
        if self.spec is None:
            title = f"? {title}"
        lines: list[tuple[str, QFont, QColor]] = [
            (f.title_m.elidedText(title, Qt.TextElideMode.ElideRight, width), f.title, title_color),
            (
                f.small_m.elidedText(node.label, Qt.TextElideMode.ElideMiddle, width),
                f.small,
                muted,
            ),
        ]
        params = []  # shortened to the card: the tooltip has them whole
        for p in self.spec.params if self.spec else ():
            # An empty text parameter (an Input reading a dataset's only input) says nothing.
            if p.key and p.name in node.params and node.params[p.name] != "":
                text = f"{p.name} = {_fmt_value(node.params[p.name])}"
                params.append(text)
                lines.append(
                    (f.small_m.elidedText(text, Qt.TextElideMode.ElideRight, width), f.small, ink)
                )
        if self.spec is None:
            lines.append((translate("NodeItem", "unknown layer type"), f.small, error))
        elif self.error:
            for part in _wrap(localized(self.error), f.small_m, width, max_lines=2):
                lines.append((part, f.small, error))
        elif self.shape_text:
            lines.append((f"\u2192 {self.shape_text}", f.mono, muted))
        if self.spec is not None and not self.error and self.note:
            lines.append((localized(self.note[0]), f.small, muted))
        y = STRIP + 5.0
        out = []
        for text, font, color in lines:
            metrics = f.title_m if font is f.title else (f.mono_m if font is f.mono else f.small_m)
            out.append((QPointF(PAD, y), _static(text, font), font, color))
            y += metrics.height() + 1.0
        ports_bottom = PORT_Y + (len(self.input_ports) - 1) * PORT_STEP + PORT_STEP * 0.7
        height = max(y + 5.0, ports_bottom, 48.0)
        if height != self._rect.height():
            self.prepareGeometryChange()
            self._rect = QRectF(0, 0, NODE_WIDTH, height)
        self._lines = out
        tip = "\n".join([f"{node.label} ({node.type})", *params])
        if self.spec is None:
            unknown = translate(
                "NodeItem", "Unknown layer type {type}: kept from the file, cannot be trained"
            )
            tip += "\n" + unknown.format(type=repr(node.type))
        elif self.error:
            tip += f"\n{localized(self.error)}"
        elif self.shape_text:
            tip += "\n" + translate("NodeItem", "output {shape}").format(shape=self.shape_text)
        if self.spec is not None and not self.error and self.note:
            tip += f"\n{localized(self.note[1])}"
        self.tip = tip
        self.show_tip()
        self.update()

    def set_report(
        self, shape_text: str | None, error: str | None, note: tuple[str, str] | None = None
    ) -> bool:
        """Show a new shape/error/note; returns False (and repaints nothing) when unchanged."""
        if (shape_text, error, note) == (self.shape_text, self.error, self.note):
            return False
        self.shape_text, self.error, self.note = shape_text, error, note
        self.refresh()
        return True

    def set_ports(self, indices: list[int]) -> None:
        """Input ports to show (variadic nodes: connected ones plus one free)."""
        if [p.index for p in self.input_ports] == indices:
            return
        for port in self.input_ports:
            port.setParentItem(None)  # type: ignore[arg-type]  # the stub omits None; Qt unparents
            if port.scene() is not None:
                port.scene().removeItem(port)
        self.input_ports = [PortItem(self, False, i) for i in indices]
        for k, port in enumerate(self.input_ports):
            port.setPos(0.0, PORT_Y + k * PORT_STEP)
        self.output_port.setPos(NODE_WIDTH, PORT_Y)
        self.refresh()
        for edge in self.edges:
            edge.update_path()

    def input_port(self, index: int) -> PortItem | None:
        for port in self.input_ports:
            if port.index == index:
                return port
        return None

    def set_tint(self, color: QColor | None) -> None:
        self.tint = color
        self.update()

    def set_badge(self, text: str | None) -> None:
        self.badge = text
        self.update()

    def set_detail(self, text: str | None) -> None:
        """More tooltip lines (the training overlay's value); None takes them away. Only the
        tooltip changes: the overlay sets it on every layer once a second during a run."""
        if text != self.detail:
            self.detail = text
            self.show_tip()

    def show_tip(self) -> None:
        """The tooltip: what ``refresh`` said of the card (``tip``), then the ``detail``."""
        self.setToolTip(f"{self.tip}\n{self.detail}" if self.detail else self.tip)

    # --- geometry and painting ------------------------------------------------------------

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return self._rect.adjusted(-3, -3, 3, 3)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self._rect, RADIUS, RADIUS)
        return path

    def itemChange(self, change, value):  # noqa: N802 - Qt API
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for edge in self.edges:
                edge.update_path()
        return super().itemChange(change, value)

    def hoverEnterEvent(self, event) -> None:  # noqa: N802
        self.hovered = True
        self.update()

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802
        self.hovered = False
        self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        rect = self._rect
        theme = current_theme()
        fill = theme.color("card" if self.spec else "card_unknown")
        if self.tint is not None:
            fill = _blend(fill, self.tint, 0.28)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, RADIUS, RADIUS)
        strip = QPainterPath()
        strip.addRoundedRect(QRectF(0, 0, rect.width(), STRIP + RADIUS), RADIUS, RADIUS)
        clip = QPainterPath()
        clip.addRect(QRectF(0, 0, rect.width(), STRIP))
        painter.setBrush(self.accent)
        painter.drawPath(strip.intersected(clip))
        if self.error or self.spec is None:
            pen = QPen(theme.color("error"), 2.0)
        elif self.isSelected():
            pen = QPen(theme.color("selection"), 2.0)
        else:
            border = theme.color("card_hover" if self.hovered else "card_border")
            pen = QPen(border, 1.2 if self.hovered else 1.0)
        if self.isSelected() and (self.error or self.spec is None):
            painter.setPen(QPen(theme.color("selection"), 1.5, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-3, -3, 3, 3), RADIUS + 2, RADIUS + 2)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, RADIUS, RADIUS)
        for pos, text, font, color in self._lines:
            painter.setFont(font)
            painter.setPen(color)
            painter.drawStaticText(pos, text)
        if self.badge:
            self._paint_badge(painter, self.badge)

    def _paint_badge(self, painter: QPainter, badge: str) -> None:
        f = _Fonts
        w = f.small_m.horizontalAdvance(badge) + 10
        r = QRectF(self._rect.width() - w - 6, STRIP + 4, w, f.small_m.height() + 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.tint or current_theme().selection))
        painter.drawRoundedRect(r, r.height() / 2, r.height() / 2)
        painter.setPen(ink_on(self.tint or current_theme().selection))
        painter.setFont(f.small)
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, badge)


class EdgeItem(QGraphicsItem):
    """A cubic Bezier from an output port to an input port, labelled with the tensor shape."""

    def __init__(self, edge: Edge, src: NodeItem, dst: NodeItem) -> None:
        super().__init__()
        _Fonts.init()
        self.edge, self.src, self.dst = edge, src, dst
        self.label: QStaticText | None = None
        self.label_text: str | None = None
        self._label_size = QRectF()
        self._path = QPainterPath()
        self._shape = QPainterPath()
        self._rect = QRectF()
        self._mid = QPointF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(-1)
        self.label_item = EdgeLabelItem(self, _Fonts.mono)
        self.update_path()

    def set_label(self, text: str | None) -> None:
        self.label_text = text
        self.setToolTip(  # the label may be shortened
            translate("EdgeLabel", "Tensor shape {shape}").format(shape=text) if text else ""
        )
        if text is None:
            self.label = None
        else:
            self.label = _static(text, _Fonts.mono)
            size = self.label.size()
            self._label_size = QRectF(0, 0, size.width() + 8, size.height() + 2)
        self.label_item.setVisible(self.label is not None and self.isVisible())
        self.update_path()

    def label_rect(self) -> QRectF:
        """Where the shape label is drawn (scene coordinates), centred on the curve."""
        return self._label_size.translated(self._mid - self._label_size.center())

    def itemChange(self, change, value):  # noqa: N802 - Qt API
        # The label is its own item above the cards (see edge_label.py); it joins and leaves
        # the scene, shows and hides, with its edge.
        change_kind = QGraphicsItem.GraphicsItemChange
        if change == change_kind.ItemSceneChange:
            old = self.scene()
            if old is not None and self.label_item.scene() is old:
                old.removeItem(self.label_item)
        elif change == change_kind.ItemSceneHasChanged and value is not None:
            value.addItem(self.label_item)
        elif change == change_kind.ItemVisibleHasChanged:
            self.label_item.setVisible(bool(value) and self.label is not None)
        elif change == change_kind.ItemSelectedHasChanged:
            self.label_item.update()
        return super().itemChange(change, value)

    def update_path(self) -> None:
        """Recompute the curve; called only when one of the two end nodes moves."""
        port = self.dst.input_port(self.edge.dst_port)
        a = self.src.output_port.scenePos()
        b = port.scenePos() if port is not None else self.dst.scenePos()
        self.prepareGeometryChange()
        self._path = bezier(a, b)
        self._mid = self._path.pointAtPercent(0.5)
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        self._shape = stroker.createStroke(self._path)
        self._rect = self._path.boundingRect().adjusted(-4, -4, 4, 4)
        self.label_item.follow()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return self._rect

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(self, painter: QPainter, option, widget=None) -> None:
        selected = self.isSelected()
        color = current_theme().color("selection" if selected else "wire")
        painter.setPen(QPen(color, 2.6 if selected else 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)


def bezier(a: QPointF, b: QPointF) -> QPainterPath:
    """The edge curve: leaves the output to the right, enters the input from the left."""
    dx = max(abs(b.x() - a.x()) * 0.5, 40.0)
    path = QPainterPath(a)
    path.cubicTo(QPointF(a.x() + dx, a.y()), QPointF(b.x() - dx, b.y()), b)
    return path


def _wrap(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap into at most ``max_lines`` lines, the last one elided."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines - 1:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(metrics.elidedText(line, Qt.TextElideMode.ElideRight, width))
    if words:
        lines.append(metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width))
    return lines


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() * (1 - t) + b.redF() * t,
        a.greenF() * (1 - t) + b.greenF() * t,
        a.blueF() * (1 - t) + b.blueF() * t,
    )


def _fmt_value(value: object) -> str:
    if isinstance(value, tuple | list):
        return "(" + ", ".join(map(str, value)) + ")"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
