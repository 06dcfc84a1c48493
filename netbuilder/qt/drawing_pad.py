"""A small pad to draw a grey image with the mouse: "Try it" on a network trained on small grey
images (shapes, digits) without an image file at hand.

The drawing is kept at the network's own resolution (light ink on a dark ground, like the
generated shapes) and shown enlarged; ``pixels`` gives it
at the network's size, as a decoded file would.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from netbuilder.qt.i18n import translate
from netbuilder.qt.theme import PAD_FRAME, PAD_INK, PAD_PAPER

MAX_SIDE = 64  # larger images are tried from a file
DISPLAY_SIDE = 160  # px on screen for the longer side


class DrawingPad(QWidget):
    """Draw with the left button; ``clear`` starts again. ``changed`` after each stroke."""

    changed = Signal()

    def __init__(self, height: int, width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("drawingPad")
        self.image = QImage(width, height, QImage.Format.Format_Grayscale8)
        self.image.fill(QColor(PAD_PAPER))
        self.drawn = False
        self._last: QPointF | None = None
        # Stroke width in image pixels: a pen about a tenth of the side, as a hand would draw.
        self.pen_width = max(1.0, min(width, height) / 10)
        scale = max(1, DISPLAY_SIDE // max(width, height))
        self._display = QSize(width * scale, height * scale)
        self.setFixedSize(self._display)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(translate("DrawingPad", "Draw with the mouse (light ink on a dark ground)"))

    def sizeHint(self) -> QSize:  # noqa: N802
        return self._display

    def clear(self) -> None:
        self.image.fill(QColor(PAD_PAPER))
        self.drawn = False
        self.update()
        self.changed.emit()

    def pixels(self) -> np.ndarray:
        """The drawing as uint8 [H, W]."""
        width, height = self.image.width(), self.image.height()
        bits = self.image.constBits()
        rows = np.frombuffer(bits, dtype=np.uint8).reshape(height, self.image.bytesPerLine())
        return rows[:, :width].copy()

    # --- drawing ----------------------------------------------------------------------------

    def _to_image(self, pos: QPointF) -> QPointF:
        return QPointF(
            pos.x() * self.image.width() / self.width(),
            pos.y() * self.image.height() / self.height(),
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self._last = self._to_image(event.position())
        self._stroke(self._last, self._last)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._last is None:
            super().mouseMoveEvent(event)
            return
        point = self._to_image(event.position())
        self._stroke(self._last, point)
        self._last = point

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._last is not None:
            self._last = None
            self.changed.emit()
        super().mouseReleaseEvent(event)

    def _stroke(self, start: QPointF, end: QPointF) -> None:
        painter = QPainter(self.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(PAD_INK), self.pen_width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(start, end)
        painter.end()
        self.drawn = True
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.drawImage(self.rect(), self.image)
        painter.setPen(QColor(PAD_FRAME))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()
