"""The canvas overview: a small map of the whole graph in the canvas's bottom-right corner,
shown only while the graph does not fit in the view (Fit stops at a readable zoom, so a large
network is seen in parts). It draws each card as a box and each edge as a line, with the part
in view as a rectangle; a click or a drag in it moves the view there.

The map of the graph is drawn once into a pixmap and redrawn only when the graph changes (one
``report_changed`` per edit), never per frame: scrolling, zooming and training repaint the
cached pixmap and one rectangle. The top edge of the canvas belongs to the training banner and
the gradient legend; the bottom-right corner is free. It is semi-transparent and the canvas
can always be panned, so nothing stays hidden under it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from netbuilder.qt.i18n import translate
from netbuilder.qt.theme import TRANSPARENT, current_theme

if TYPE_CHECKING:
    from netbuilder.qt.canvas.view import GraphView

MAX_SIZE = QSize(200, 130)  # the map's largest extent in pixels, frame included
PAD = 6  # between the frame and the map
FAINT_OPACITY = 0.35  # the map over a card, until the pointer is on it
MARGIN = 10  # from the canvas's edges
MAX_SCALE = 0.15  # map px per scene px at most: a small graph gets a small map
GRAPH_MARGIN = 40.0  # scene px around the cards, as Fit leaves


class Overview(QWidget):
    """A map of ``view``'s graph; a child of the view (not of its viewport, which scrolls)."""

    def __init__(self, view: GraphView) -> None:
        super().__init__(view)
        self.setObjectName("canvasOverview")
        self.view = view
        self.setToolTip(
            translate("Overview", "Overview of the whole network: click or drag to move the view")
        )
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)  # repainted solid under the pointer
        # The cards' bounds, as of the last build: items are read only then (a view resized
        # while the window is torn down must not reach items its scene has deleted).
        self._cards = QRectF()
        self._card_rects: list[QRectF] = []  # each card, as of the last build
        self._world = QRectF()  # the scene area the map shows
        self._scale = 1.0  # map px per scene px
        self._pixmap: QPixmap | None = None
        self._dirty = True
        self._dragging = False
        self._faint = False  # drawn faint: no corner of the canvas was free of cards
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(0)
        self._rebuild_timer.timeout.connect(self.refresh)
        document = view.graph_scene.document
        document.report_changed.connect(self.graph_changed)
        document.project_replaced.connect(self.graph_changed)
        document.shown_changed.connect(self.graph_changed)  # a block opened, or closed
        # Moves (a drag, Auto-arrange) change no shape, so no report: the undo step says it.
        document.undo_stack.indexChanged.connect(self.graph_changed)
        self.hide()

    # --- following the graph and the view ------------------------------------------------

    def graph_changed(self, *_args: object) -> None:
        """The graph changed (an edit, undo, another project): redraw the map soon, once."""
        self._dirty = True
        self._rebuild_timer.start()

    def retheme(self) -> None:
        """The theme changed: the map is drawn again in its colours."""
        if self._pixmap is not None:
            self._build()
        self.update()

    def refresh(self) -> None:
        """Rebuild the map if the graph changed, then follow the view (shown or hidden)."""
        if self._dirty:
            self._dirty = False
            self._build()
        self.view_changed()

    def view_changed(self) -> None:
        """The view scrolled, zoomed or was resized: place the map, show it while some of the
        graph is out of sight, and redraw its rectangle."""
        if self._dirty and not self._rebuild_timer.isActive():
            self._rebuild_timer.start()
        # Shown while a whole layer is out of sight (a card cut at the edge is found by
        # scrolling a little: a map for it would cover more than it shows).
        seen = self._visible_area()
        wanted = self._pixmap is not None and not seen.contains(self._cards)
        wanted = wanted and any(not seen.intersects(card) for card in self._card_rects)
        if wanted:
            self._place()
        if wanted != self.isVisible():
            self.setVisible(wanted)
        if wanted:
            self.raise_()
            self.update()

    def _visible_area(self) -> QRectF:
        view = self.view
        return view.mapToScene(view.viewport().rect()).boundingRect()

    def _place(self) -> None:
        """In the canvas corner that covers the least of the cards in view (bottom-right
        first): overlays never hide a node where a free corner exists."""
        port = self.view.viewport().geometry()  # in the view's coordinates, like this widget
        w, h = self.width(), self.height()
        left, right = port.left() + MARGIN, port.right() + 1 - w - MARGIN
        top, bottom = port.top() + MARGIN, port.bottom() + 1 - h - MARGIN
        corners = [
            QPoint(right, bottom),
            QPoint(left, bottom),
            QPoint(right, top),
            QPoint(left, top),
        ]
        best, least = corners[0], math.inf
        for corner in corners:
            covered = self._covered(QRect(corner, self.size()))
            if covered < least:
                best, least = corner, covered
            if covered == 0:
                break
        if best != self.pos():
            self.move(best)
        faint = least > 0  # no free corner: the card shows through the map until hovered
        if faint != self._faint:
            self._faint = faint
            self.update()

    def _covered(self, rect: QRect) -> float:
        """How much of the cards in view ``rect`` (view coordinates) would cover, in scene
        px²."""
        view = self.view
        in_port = rect.translated(-view.viewport().geometry().topLeft())
        area = view.mapToScene(in_port).boundingRect()
        total = 0.0
        for card in view.graph_scene.cards_in(area):
            overlap = card.intersected(area)
            total += overlap.width() * overlap.height()
        return total

    # --- the map --------------------------------------------------------------------------

    def _build(self) -> None:
        """Draw the cards and edges into a pixmap sized to the graph's shape."""
        scene = self.view.graph_scene
        rects = scene.node_rects()
        if not rects:
            self._pixmap, self._cards, self._card_rects = None, QRectF(), []
            return
        self._card_rects = [QRectF(x, y, w, h) for x, y, w, h in rects.values()]
        world = QRectF()
        for card in self._card_rects:
            world = world.united(card)
        self._cards = world.adjusted(-3, -3, 3, 3)  # as items_rect(), margins included
        world = world.adjusted(-GRAPH_MARGIN, -GRAPH_MARGIN, GRAPH_MARGIN, GRAPH_MARGIN)
        inner_w, inner_h = MAX_SIZE.width() - 2 * PAD, MAX_SIZE.height() - 2 * PAD
        scale = min(inner_w / world.width(), inner_h / world.height(), MAX_SCALE)
        size = QSize(
            round(world.width() * scale) + 2 * PAD, round(world.height() * scale) + 2 * PAD
        )
        self._world, self._scale = world, scale
        self.setFixedSize(size)
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(TRANSPARENT)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        theme = current_theme()
        background = theme.color("canvas_background")
        background.setAlpha(205)  # the canvas shows through a little
        painter.setPen(QPen(theme.color("overview_frame"), 1.0))
        painter.setBrush(background)
        painter.drawRoundedRect(QRectF(0.5, 0.5, size.width() - 1, size.height() - 1), 5, 5)
        painter.setPen(QPen(theme.color("overview_edge"), 1.0))
        for edge in scene.document.edited.edges:
            if edge.src in rects and edge.dst in rects:
                sx, sy, sw, _ = rects[edge.src]
                dx, dy, _, _ = rects[edge.dst]
                a = self.to_map(QPointF(sx + sw, sy + 24.0))
                b = self.to_map(QPointF(dx, dy + 24.0))
                painter.drawLine(a, b)
        painter.setPen(Qt.PenStyle.NoPen)
        for node_id, (x, y, w, h) in rects.items():
            item = scene.node_item(node_id)
            painter.setBrush(item.accent if item is not None else theme.color("overview_edge"))
            box = QRectF(self.to_map(QPointF(x, y)), self.to_map(QPointF(x + w, y + h)))
            box.setWidth(max(box.width(), 1.5))  # a card stays a mark at any scale
            box.setHeight(max(box.height(), 1.5))
            painter.drawRect(box)
        painter.end()
        self._pixmap = pixmap

    def to_map(self, point: QPointF) -> QPointF:
        """A scene point in the map's pixels."""
        return QPointF(
            PAD + (point.x() - self._world.left()) * self._scale,
            PAD + (point.y() - self._world.top()) * self._scale,
        )

    def to_scene(self, point: QPointF) -> QPointF:
        """A point of the map (pixels) in the scene."""
        return QPointF(
            self._world.left() + (point.x() - PAD) / self._scale,
            self._world.top() + (point.y() - PAD) / self._scale,
        )

    def visible_rect(self) -> QRectF:
        """The part of the scene in view, in the map's pixels (clipped to the map)."""
        area = self._visible_area()
        rect = QRectF(self.to_map(area.topLeft()), self.to_map(area.bottomRight()))
        return rect.intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        if self._pixmap is None:
            return
        painter = QPainter(self)
        if self._faint and not self.underMouse() and not self._dragging:
            painter.setOpacity(FAINT_OPACITY)
        painter.drawPixmap(0, 0, self._pixmap)
        visible = current_theme().color("selection")
        fill = QColor(visible)
        fill.setAlpha(40)
        painter.setPen(QPen(visible, 1.5))
        painter.setBrush(fill)
        painter.drawRect(self.visible_rect())
        painter.end()

    # --- moving the view ------------------------------------------------------------------

    def _go(self, event: QMouseEvent) -> None:
        self.view.look_at(self.to_scene(event.position()))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._dragging = True
            self._go(event)
        else:
            event.accept()  # the canvas under the map does not get it either

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._dragging:
            self._go(event)
        else:
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._dragging = False
        event.accept()
