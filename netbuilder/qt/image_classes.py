"""Sample images per class: a row per class with its name, its count and its first few images.

Small images are enlarged by a whole factor without smoothing (a 28x28 glyph stays crisp at 56
px); large ones are reduced smoothly. The rows are plain labels in a scroll area: at most
``PER_CLASS`` images for each of at most ``MAX_CLASSES`` classes are drawn, whatever the size of
the dataset. ``sample`` is what is drawn [N, C, H, W] (the classes' images in row order);
``show_sample`` draws a replacement of the same shape (the Data tab's "Show augmented").
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QScrollArea,
    QWidget,
)

from netbuilder.qt.i18n import translate

PER_CLASS = 8
MAX_CLASSES = 30
THUMB = 56  # pixels of the longer side of a thumbnail
NAME_CHARS = 16  # a longer class name is cut (its tooltip has it whole)


def to_qimage(sample: np.ndarray, low: float, high: float) -> QImage:
    """A [C, H, W] float sample as an 8-bit QImage (grey for one channel, RGB for three)."""
    scaled = np.clip((sample - low) / max(high - low, 1e-12) * 255.0, 0, 255).astype(np.uint8)
    if scaled.shape[0] == 1:
        plane = np.ascontiguousarray(scaled[0])
        h, w = plane.shape
        return QImage(plane.data, w, h, w, QImage.Format.Format_Grayscale8).copy()
    rgb = np.ascontiguousarray(np.transpose(scaled[:3], (1, 2, 0)))
    h, w, _ = rgb.shape
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def thumbnail(image: QPixmap, side: int = THUMB) -> QPixmap:
    """Crisp for small images (a whole factor, no smoothing), smooth when reducing."""
    longest = max(image.width(), image.height(), 1)
    if longest <= side:
        factor = max(1, side // longest)
        return image.scaled(
            image.width() * factor,
            image.height() * factor,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.FastTransformation,
        )
    return image.scaled(
        side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def samples_per_class(
    y: np.ndarray, n_classes: int, per_class: int = PER_CLASS
) -> list[np.ndarray]:
    """The indices of the first ``per_class`` samples of each class (in dataset order)."""
    out = []
    for c in range(n_classes):
        out.append(np.flatnonzero(y == c)[:per_class])
    return out


class ImageClassesView(QScrollArea):
    """``show_classes(images, y, names, counts)``: a row per class; ``rows`` for tests."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageClasses")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumHeight(40)  # a short window keeps its canvas; the rows scroll
        self.sample: np.ndarray | None = None  # the sampled images, class by class
        self._shown: np.ndarray | None = None  # what is drawn instead (augmented), or None
        self.rows: list[tuple[QLabel, list[QLabel]]] = []  # (name label, thumbnails) per class
        self._content = QWidget()
        self._grid = QGridLayout(self._content)
        self._grid.setContentsMargins(4, 4, 4, 4)
        self._grid.setHorizontalSpacing(4)
        self._grid.setVerticalSpacing(6)
        self._grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setWidget(self._content)
        self._rows: tuple[list[np.ndarray], tuple[str, ...], tuple[int, ...]] | None = None

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_row()

    def _fit_row(self) -> None:
        """As many thumbnails per row as the width holds (no sideways scrolling)."""
        if not self.rows:
            return
        label_width = max(60, max(label.sizeHint().width() for label, _ in self.rows))
        thumbs = [t for _, row in self.rows for t in row]
        thumb_width = max(t.sizeHint().width() for t in thumbs) if thumbs else THUMB
        room = self.viewport().width() - label_width - 8 - self._grid.horizontalSpacing()
        fit = max(1, room // (thumb_width + self._grid.horizontalSpacing()))
        for _, row in self.rows:
            for i, thumb in enumerate(row):
                thumb.setVisible(i < fit)

    def clear(self) -> None:
        self.sample = self._shown = self._rows = None
        self._clear_rows()

    def _clear_rows(self) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone now, not when the deferred delete comes
                widget.deleteLater()
        self.rows = []

    def show_classes(
        self,
        images: np.ndarray,
        y: np.ndarray,
        names: tuple[str, ...],
        counts: tuple[int, ...],
    ) -> None:
        """``images`` [N, C, H, W] with their class indices ``y``; ``counts`` over the dataset."""
        n_classes = min(len(names) or len(counts), MAX_CLASSES)
        picks = samples_per_class(np.asarray(y), n_classes)
        chosen = np.concatenate(picks) if picks else np.zeros(0, dtype=np.int64)
        self.sample = np.asarray(images[chosen], dtype=np.float32)
        self._rows, self._shown = (picks, names, counts), None
        self._draw()

    def show_sample(self, images: np.ndarray | None) -> None:
        """Draw ``images`` (same shape as ``sample``) in place of the sample; None: the sample."""
        if self.sample is None or (images is not None and images.shape != self.sample.shape):
            return
        self._shown = images
        self._draw()

    def _draw(self) -> None:
        if self._rows is None or self.sample is None:
            return
        picks, names, counts = self._rows
        self._clear_rows()
        n_classes = len(picks)
        sample = self.sample if self._shown is None else self._shown
        # The sample's range for both: a brightness jitter shows as brighter or darker.
        low, high = (float(self.sample.min()), float(self.sample.max())) if len(sample) else (0, 1)
        at = 0
        for c in range(n_classes):
            name = names[c] if c < len(names) else str(c)
            count = counts[c] if c < len(counts) else len(picks[c])
            short = name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "…"
            label = QLabel(f"<b>{short}</b><br>{count:,}")  # i18n: ignore (name, count)
            label.setToolTip(
                translate("ImageClassesView", "{name}: {count} images").format(
                    name=name, count=f"{count:,}"
                )
            )
            self._grid.addWidget(label, c, 0, Qt.AlignmentFlag.AlignVCenter)
            thumbs = []
            for column in range(len(picks[c])):
                thumb = QLabel()
                pixmap = QPixmap.fromImage(to_qimage(sample[at], low, high))
                thumb.setPixmap(thumbnail(pixmap))
                thumb.setToolTip(f"{name} #{int(picks[c][column]) + 1}")
                self._grid.addWidget(thumb, c, column + 1)
                thumbs.append(thumb)
                at += 1
            self.rows.append((label, thumbs))
        widest = max((label.sizeHint().width() for label, _ in self.rows), default=0)
        self._grid.setColumnMinimumWidth(0, max(60, widest))
        self._fit_row()
        if len(names) > MAX_CLASSES:
            more = QLabel(
                translate("ImageClassesView", "… and {count} more classes").format(
                    count=len(names) - MAX_CLASSES
                )
            )
            more.setProperty("role", "help")
            self._grid.addWidget(more, n_classes, 0, 1, PER_CLASS + 1)
