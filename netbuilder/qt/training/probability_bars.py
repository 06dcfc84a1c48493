"""Horizontal bars of a sample's most likely classes: name, bar, percentage.

The true class is green, a wrong prediction orange, the rest blue, so "predicted 7, true 2"
reads at a glance without a legend. Painted by hand: a handful of rows, redrawn on selection.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from netbuilder.qt.theme import BLUE, GREEN, ORANGE, current_theme

TRUE_COLOR = QColor(GREEN)
WRONG_COLOR = QColor(ORANGE)
OTHER_COLOR = QColor(BLUE)
ROLE_COLORS = {"true": TRUE_COLOR, "wrong": WRONG_COLOR}
ROW = 18  # pixels per bar
NAME_WIDTH = 72


class ProbabilityBars(QWidget):
    """``set_bars([(name, probability, role)])`` with role "true", "wrong" or ""."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probabilityBars")
        self.bars: list[tuple[str, float, str]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: list[tuple[str, float, str]]) -> None:
        self.bars = list(bars)
        self.setVisible(bool(self.bars))  # a regression's detail has none: no blank strip
        self.setToolTip("\n".join(f"{name}: {p:.1%}" for name, p, _ in self.bars))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(220, ROW * max(1, len(self.bars)) + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(140, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        metrics = painter.fontMetrics()
        width = self.width()
        pct_width = metrics.horizontalAdvance("100.0%") + 6
        bar_width = max(10, width - NAME_WIDTH - pct_width)
        for i, (name, p, role) in enumerate(self.bars):
            top = i * ROW
            painter.setPen(current_theme().color("window_text"))
            label = metrics.elidedText(name, Qt.TextElideMode.ElideRight, NAME_WIDTH - 6)
            painter.drawText(
                QRectF(0, top, NAME_WIDTH - 6, ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                label,
            )
            painter.fillRect(
                QRectF(NAME_WIDTH, top + 3, bar_width, ROW - 6), current_theme().color("bar_track")
            )
            color = (
                TRUE_COLOR if role == "true" else WRONG_COLOR if role == "wrong" else OTHER_COLOR
            )
            fill = max(1.0, bar_width * min(max(p, 0.0), 1.0))
            painter.fillRect(QRectF(NAME_WIDTH, top + 3, fill, ROW - 6), color)
            painter.drawText(
                QRectF(NAME_WIDTH + bar_width + 4, top, pct_width, ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                f"{p:.1%}",
            )
        painter.end()
