"""An edge's tensor-shape label that stays readable when cards are close.

The label is drawn above the cards (edges are drawn below them, so a label drawn by its edge
was hidden under any card near the middle of the curve). Drawn above, a full label could in
turn cover a neighbour's title: where cards leave it no room, it is shortened to the gap
between them (``[N, 64, …``) or, with no gap at all, to a small "…" mark, and left out where
its middle is on a card; hovering it shows the whole shape, and the tooltips of the label and
of the edge always hold it. It takes no clicks: a press on it reaches
the card or edge underneath.

Which labels have room is worked out again after each edit (a card moved, added, or grown by a
longer message), once, not while painting; a dragged card's own edges follow it live.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QBrush,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QStaticText,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from netbuilder.qt.i18n import translate
from netbuilder.qt.theme import current_theme

if TYPE_CHECKING:
    from netbuilder.qt.canvas.scene import GraphScene

ELLIPSIS = "\u2026"
TEXT_PAD = 8.0  # the label's box is this much wider than its text


class LabelledEdge(Protocol):
    """What a label needs of its edge item."""

    label_text: str | None

    def label_rect(self) -> QRectF: ...

    def isSelected(self) -> bool: ...  # noqa: N802 - Qt API


def fit_label(
    text: str, metrics: QFontMetricsF, rect: QRectF, cards: Iterable[QRectF]
) -> tuple[str, QRectF]:
    """The text to draw and its box: ``text`` in ``rect`` when no card meets it; otherwise
    the text shortened to the free gap around the box's centre, or just "…" (a box of at
    least that size, which may touch a card) when the gap cannot hold more; nothing ("") when
    the middle of the box is on a card."""
    band = [c for c in cards if c.intersects(rect)]
    if not band:
        return text, rect
    mid = rect.center().x()
    left, right = float("-inf"), float("inf")
    for card in band:
        if card.right() <= mid:
            left = max(left, card.right())
        elif card.left() >= mid:
            right = min(right, card.left())
        else:  # a card under the middle: a mark would cover its text; the edge's tooltip
            return "", QRectF(rect.center(), rect.center())  # still says the shape
    room = 2.0 * min(mid - left, right - mid) - 2.0  # a pixel clear of each card
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0.0, room - TEXT_PAD))
    if not shown or shown == ELLIPSIS:
        shown = ELLIPSIS
    width = metrics.horizontalAdvance(shown) + TEXT_PAD
    box = QRectF(0, 0, width, rect.height())
    box.moveCenter(rect.center())
    return shown, box


class EdgeLabelItem(QGraphicsItem):
    """The label of ``edge``, in ``font``; its own item, added and removed with the edge."""

    def __init__(self, edge: LabelledEdge, font: QFont) -> None:
        super().__init__()
        self.edge_item = edge
        self._font, self._metrics = font, QFontMetricsF(font)
        self._full = QRectF()  # where the whole label goes (scene coordinates)
        self._box = QRectF()  # where the shown text goes
        self._shown = ""
        self._static = QStaticText()
        self.hovered = False
        self.setZValue(2)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(True)
        self.setVisible(False)

    @property
    def full_text(self) -> str:
        return self.edge_item.label_text or ""

    @property
    def shown_text(self) -> str:
        """What the canvas shows when not hovered: the whole shape, shortened, or "…"."""
        return self._shown

    def shown_rect(self) -> QRectF:
        """The drawn box (scene coordinates) when not hovered."""
        return QRectF(self._box)

    def follow(self) -> None:
        """Take the edge's current label place (its curve or its text changed)."""
        self.prepareGeometryChange()
        text = self.edge_item.label_text
        self._full = self.edge_item.label_rect() if text is not None else QRectF()
        self.setToolTip(
            translate("EdgeLabel", "Tensor shape {shape}").format(shape=text) if text else ""
        )
        self.refit()

    def refit(self, near: Callable[[QRectF], list[QRectF]] | None = None) -> None:
        """Shorten the label to the room the cards around it leave (or show it whole);
        ``near`` gives the cards around a rectangle (the scene's index by default)."""
        text, scene = self.edge_item.label_text, self.scene()
        if text is None or scene is None:
            self._shown, self._box = text or "", QRectF(self._full)
        else:
            cards = (near or cast("GraphScene", scene).cards_in)(self._full)
            shown, box = fit_label(text, self._metrics, self._full, cards)
            if (shown, box) == (self._shown, self._box):
                return
            self._shown, self._box = shown, box
        self._static = QStaticText(self._shown)
        self._static.setTextFormat(Qt.TextFormat.PlainText)
        self._static.prepare(font=self._font)
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt API
        return self._full.adjusted(-1, -1, 1, 1)  # hovered, the whole label is drawn

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self._full if self.hovered else self._box)
        return path

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802 - Qt API
        self.hovered = True
        self.setZValue(3)  # above the other labels too
        self.update()

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802 - Qt API
        self.hovered = False
        self.setZValue(2)
        self.update()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        text = self.edge_item.label_text
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if text is None or lod <= 0.45:
            return
        if not self._shown:
            return
        whole = self.hovered or self._shown == text
        box = self._full if whole else self._box
        theme = current_theme()
        painter.setPen(QPen(theme.color("label_border"), 1.0))
        painter.setBrush(QBrush(theme.color("canvas_background")))
        painter.drawRoundedRect(box, 4, 4)
        painter.setFont(self._font)
        painter.setPen(theme.color("selection" if self.edge_item.isSelected() else "card_text"))
        if whole:
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        else:
            painter.drawStaticText(box.topLeft() + QPointF(TEXT_PAD / 2, 1), self._static)


class LabelFitter(QObject):
    """Refits every edge label of ``scene`` once after each edit (cards moved or grew)."""

    def __init__(self, scene: GraphScene) -> None:
        super().__init__(scene)
        self.scene = scene
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refit_all)
        document = scene.document
        document.undo_stack.indexChanged.connect(self.schedule)
        document.report_changed.connect(self.schedule)
        document.project_replaced.connect(self.schedule)

    def schedule(self, *_args: object) -> None:
        self._timer.start()

    def refit_all(self) -> None:
        """Every label, against the cards looked up in a coarse grid built once: asking the
        scene's index per label cost 55 ms an edit at 500 edges (it calls each nearby
        port's Python boundingRect), the grid ~5."""
        grid: dict[tuple[int, int], list[QRectF]] = defaultdict(list)
        for item in self.scene.node_items():
            card = item.sceneBoundingRect().adjusted(3, 3, -3, -3)
            for cell in _cells(card):
                grid[cell].append(card)

        def near(rect: QRectF) -> list[QRectF]:
            found: list[QRectF] = []
            for cell in _cells(rect):
                found.extend(c for c in grid.get(cell, ()) if c not in found)
            return found

        for edge in self.scene.edge_items():
            edge.label_item.refit(near)


def _cells(rect: QRectF, size: float = 256.0) -> list[tuple[int, int]]:
    """The grid cells ``rect`` touches."""
    x0, x1 = math.floor(rect.left() / size), math.floor(rect.right() / size)
    y0, y1 = math.floor(rect.top() / size), math.floor(rect.bottom() / size)
    return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
