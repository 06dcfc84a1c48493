"""What a dataset holds, shown before training on it: the class balance and a preview (first
rows, an image grid for image data, a scatter of two features coloured by class)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QListView,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from netbuilder.engine.data.info import DatasetInfo
from netbuilder.qt.style import CATEGORY_COLORS

PREVIEW_ROWS = 100
PREVIEW_COLUMNS = 40
GRID_IMAGES = 60
SCATTER_POINTS = 3000
CLASS_COLORS = [
    QColor(c)
    for c in (
        "#3b78e7",
        "#e8710a",
        "#1e8e3e",
        "#d93025",
        "#9334e6",
        "#12a4af",
        "#e52592",
        "#7d6b00",
        "#5f6368",
        "#a142f4",
    )
]


def image_shape(info: DatasetInfo) -> tuple[int, int, int] | None:
    """(C, H, W) when the samples are pictures: image inputs, or square 'pixel_*' features."""
    if info.is_image and info.input_shape[0] in (1, 3):
        return tuple(info.input_shape)  # type: ignore[return-value]
    if (
        len(info.input_shape) == 1
        and info.feature_names[:1]
        and str(info.feature_names[0]).startswith("pixel")
    ):
        side = int(round(info.input_shape[0] ** 0.5))
        if side * side == info.input_shape[0]:
            return (1, side, side)
    return None


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


class DataPreview(QWidget):
    """Class balance over tabs of rows, images and a scatter; ``display(info, table)``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.balance = pg.PlotWidget(background="w")
        self.balance.setObjectName("classBalance")
        self.balance.setMinimumHeight(110)
        self.balance.setMaximumHeight(140)
        self.balance.setMouseEnabled(False, False)
        self.balance.hideButtons()
        self.balance.getPlotItem().setMenuEnabled(False)
        self.tabs = QTabWidget()
        self.table = QTableWidget()
        self.table.setObjectName("previewTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.grid = QListWidget()
        self.grid.setObjectName("imageGrid")
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setIconSize(QSize(48, 48))
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setSpacing(4)
        self.scatter_plot = pg.PlotWidget(background="w")
        self.scatter_plot.setObjectName("scatterPlot")
        self.scatter = pg.ScatterPlotItem(size=6, pen=None)
        self.scatter_plot.addItem(self.scatter)
        self.tabs.addTab(self.table, "Rows")
        self.tabs.addTab(self.grid, "Images")
        self.tabs.addTab(self.scatter_plot, "Scatter")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.balance)
        layout.addWidget(self.tabs, 1)

    def display(self, info: DatasetInfo | None, table: Any) -> None:
        """Balance, rows, images or scatter of ``table`` (None: nothing to show)."""
        self._show_balance(info)
        self.table.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.grid.clear()
        self.scatter.clear()
        has_images = has_scatter = False
        if info is not None and table is not None:
            self._fill_table(info, table)
            shape = image_shape(info)
            has_images = shape is not None
            if has_images:
                self._fill_grid(info, table, shape)
            elif table.x.ndim == 2 and table.x.dtype != np.int64:
                has_scatter = self._fill_scatter(info, table)
        self.tabs.setTabVisible(1, has_images)
        self.tabs.setTabVisible(2, has_scatter)
        self.tabs.setCurrentIndex(1 if has_images else 2 if has_scatter else 0)
        self.tabs.setVisible(info is not None)

    def _show_balance(self, info: DatasetInfo | None) -> None:
        plot = self.balance.getPlotItem()
        plot.clear()
        counts = info.class_counts if info is not None else ()
        self.balance.setVisible(bool(counts))
        if not counts:
            return
        names = list(info.class_names) or [str(i) for i in range(len(counts))]
        color = CATEGORY_COLORS["Input/Output"]
        plot.addItem(
            pg.BarGraphItem(
                x=np.arange(len(counts)),
                height=np.array(counts),
                width=0.7,
                brush=color,
                pen=color.darker(120),
            )
        )
        axis = plot.getAxis("bottom")
        axis.setTicks([[(i, n[:10]) for i, n in enumerate(names)]])
        plot.setLabel("left", "samples")
        plot.setTitle("Class balance", size="9pt")

    def _fill_table(self, info: DatasetInfo, table) -> None:
        x = table.x.reshape(len(table.x), -1)
        y = table.targets.y
        rows = min(PREVIEW_ROWS, len(x))
        cols = min(PREVIEW_COLUMNS, x.shape[1])
        names = list(table.feature_names[:cols]) or [f"x{i + 1}" for i in range(cols)]
        target_names = info.class_names
        self.table.setColumnCount(cols + 1)
        self.table.setRowCount(rows)
        self.table.setHorizontalHeaderLabels(["target"] + names)
        for r in range(rows):
            if y.ndim == 1 and target_names and 0 <= int(y[r]) < len(target_names):
                label = target_names[int(y[r])]
            else:
                label = ", ".join(f"{v:.4g}" for v in np.ravel(y[r]))
            self.table.setItem(r, 0, QTableWidgetItem(label))
            for c in range(cols):
                self.table.setItem(r, c + 1, QTableWidgetItem(f"{x[r, c]:.4g}"))
        self.table.resizeColumnsToContents()

    def _fill_grid(self, info: DatasetInfo, table, shape: tuple[int, int, int]) -> None:
        n = min(GRID_IMAGES, len(table.x))
        images = np.asarray(table.x[:n], dtype=np.float32).reshape(n, *shape)
        low, high = float(images.min()), float(images.max())
        names = info.class_names
        y = table.targets.y
        for i in range(n):
            pix = QPixmap.fromImage(to_qimage(images[i], low, high)).scaled(
                48, 48, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
            )
            label = names[int(y[i])] if names and y.ndim == 1 else ""
            item = QListWidgetItem(QIcon(pix), label)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.grid.addItem(item)

    def _fill_scatter(self, info: DatasetInfo, table) -> bool:
        x = table.x[:SCATTER_POINTS]
        y = table.targets.y[:SCATTER_POINTS]
        plot = self.scatter_plot.getPlotItem()
        names = list(table.feature_names) or [f"x{i + 1}" for i in range(x.shape[1])]
        if x.shape[1] >= 2:
            px, py, labels = x[:, 0], x[:, 1], (names[0], names[1])
        elif info.task == "regression":
            px, py, labels = x[:, 0], np.ravel(y)[: len(x)], (names[0], "target")
        else:
            return False
        if info.task != "regression" and y.ndim == 1:
            # One brush object per class: pyqtgraph renders a symbol per distinct brush object
            # (3000 new brushes: 360 ms on the GUI thread after an import; 20 ms).
            palette = [pg.mkBrush(c) for c in CLASS_COLORS]
            brushes = [palette[int(c) % len(palette)] for c in y]
        else:
            brushes = [pg.mkBrush(CLASS_COLORS[0])] * len(px)
        self.scatter.setData(x=np.asarray(px, float), y=np.asarray(py, float), brush=brushes)
        plot.setLabel("bottom", labels[0])
        plot.setLabel("left", labels[1])
        return True
