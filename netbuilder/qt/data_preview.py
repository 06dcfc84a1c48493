"""What a dataset holds, shown before training on it: the class balance and a preview (first
rows, an image grid for image data, a scatter of two features coloured by class).

The preview is drawn when it is on screen: the window opens its example with the Data tab
behind the Inspector, and drawing the digits' 4,100-cell table and 60 images then took
0.1-0.2 s of a start-up of about 1 s. ``display`` off screen keeps the latest data, drawn when
the preview next comes on screen (``qt/on_screen.py``; the tabs stay shown meanwhile, so that
it has a size and paints).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QLabel,
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
from netbuilder.model import NetbuilderError
from netbuilder.qt.classes_page import ClassesPage
from netbuilder.qt.i18n import translate
from netbuilder.qt.image_classes import to_qimage
from netbuilder.qt.on_screen import on_screen, when_seen
from netbuilder.qt.style import category_color
from netbuilder.qt.theme import CLASSES
from netbuilder.qt.training.plotkit import ThemedPlotWidget

CLASSES_TAB = 3  # rows, images, scatter, by class
MAX_COUNT_LABELS = 12  # classes whose counts are written under their bars
IMBALANCE_NOTE = 3.0  # largest / smallest class above this is called out
PREVIEW_ROWS = 100
PREVIEW_COLUMNS = 40
GRID_IMAGES = 60
SCATTER_POINTS = 3000
CLASS_COLORS = [QColor(c) for c in CLASSES]  # (the theme's: they read on both plot backgrounds)


def preview_columns(table: Any, rows: int) -> tuple[list[str], list[list[str]]]:
    """The column names and the first ``rows`` cells of each as text (at most PREVIEW_COLUMNS
    columns): numbers as numbers, a text or id column as its raw strings (texts cut short)."""
    names: list[str] = []
    columns: list[list[str]] = []
    if not table.inputs:
        x = table.x.reshape(len(table.x), -1)[:rows]
        count = min(PREVIEW_COLUMNS, x.shape[1])
        names = list(table.feature_names[:count]) or [f"x{i + 1}" for i in range(count)]
        return names[:count], [[f"{v:.4g}" for v in x[:, c]] for c in range(count)]
    for raw in table.inputs:
        if raw.kind == "features":
            values = raw.values[:rows]
            for c, name in enumerate(raw.columns):
                names.append(name)
                columns.append([f"{v:.4g}" for v in values[:, c]])
        else:
            names.append(raw.columns[0])
            columns.append([_shorten(str(v)) for v in raw.values[:rows]])
    return names[:PREVIEW_COLUMNS], columns[:PREVIEW_COLUMNS]


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def image_shape(info: DatasetInfo) -> tuple[int, int, int] | None:
    """(C, H, W) when the samples are pictures: image inputs, or square 'pixel_*' features."""
    if info.is_image and info.input_shape[0] in (1, 3):
        return tuple(info.input_shape)  # type: ignore[return-value]
    if (
        len(info.input_shape) == 1
        and info.feature_names[:1]
        and str(info.feature_names[0]).startswith("pixel")
    ):
        side = round(math.sqrt(info.input_shape[0]))
        if side * side == info.input_shape[0]:
            return (1, side, side)
    return None


def notes_of(info: DatasetInfo) -> tuple[list[str], list[str]]:
    """Lines worth a word under the class balance (a skewed balance, skipped or ignored files)
    and the tooltip lines that name the skipped files."""
    lines: list[str] = []
    tips: list[str] = []
    counts = info.class_counts
    if len(counts) > 1 and min(counts) > 0:
        small, large = int(np.argmin(counts)), int(np.argmax(counts))
        ratio = counts[large] / counts[small]
        if ratio > IMBALANCE_NOTE:
            names = list(info.class_names) or [str(i) for i in range(len(counts))]
            lines.append(
                translate(
                    "DataPreview",
                    "Unbalanced: '{large}' has {large_count} samples, '{small}' {small_count} "
                    "({ratio}x fewer); accuracy alone will flatter the model",
                ).format(
                    large=names[large],
                    large_count=f"{counts[large]:,}",
                    small=names[small],
                    small_count=f"{counts[small]:,}",
                    ratio=f"{ratio:.1f}",
                )
            )
    skipped = int(info.extra.get("skipped", 0) or 0)
    if skipped:
        named = [str(f) for f in info.extra.get("skipped_files", ())]
        shown = ", ".join(Path(f).name for f in named[:3])
        more = ", …" if skipped > min(3, len(named)) else ""
        if skipped == 1:
            skipped_line = translate(
                "DataPreview", "1 file could not be decoded and was skipped: {files}"
            )
        else:
            skipped_line = translate(
                "DataPreview", "{count} files could not be decoded and were skipped: {files}"
            )
        lines.append(skipped_line.format(count=f"{skipped:,}", files=f"{shown}{more}"))
        tips += [translate("DataPreview", "Skipped (cannot be decoded):"), *named]
        if skipped > len(named):
            tips.append(
                translate("DataPreview", "… and {count} more").format(
                    count=f"{skipped - len(named):,}"
                )
            )
    ignored = int(info.extra.get("ignored_files", 0) or 0)
    if ignored:
        lines.append(
            translate(
                "DataPreview",
                "{count} file(s) in the class folders are not images and were ignored",
            ).format(count=f"{ignored:,}")
        )
    return lines, tips


class DataPreview(QWidget):
    """Class balance over tabs of rows, images and a scatter; ``display(info, table)``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._undrawn: tuple[DatasetInfo | None, Any] | None = None  # before any event comes
        self._balance: pg.PlotWidget | None = None  # the plots: built when first drawn
        self._scatter_plot: pg.PlotWidget | None = None
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
        self._scatter_page = QWidget()
        self._scatter_layout = QVBoxLayout(self._scatter_page)
        self._scatter_layout.setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.table, translate("DataPreview", "Rows"))
        self.tabs.addTab(self.grid, translate("DataPreview", "Images"))
        self.tabs.addTab(self._scatter_page, translate("DataPreview", "Scatter"))
        self.classes_page = ClassesPage()
        self.classes = self.classes_page.classes
        self.tabs.addTab(self.classes_page, translate("DataPreview", "By class"))
        # What deserves a word under the balance: a skewed balance, files that were skipped.
        self.notes = QLabel()
        self.notes.setObjectName("dataNotes")
        self.notes.setWordWrap(True)
        self.notes.setProperty("role", "help")
        self.notes.hide()

        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self._layout.addWidget(self.notes)
        self._layout.addWidget(self.tabs, 1)
        self._draw(None, None)  # nothing to show yet: no room taken by the tabs

    # pyqtgraph plots take 10-15 ms each to build: these two are built when first drawn.

    @property
    def balance(self) -> pg.PlotWidget:
        """The bar chart of samples per class, above the tabs."""
        if self._balance is None:
            self._balance = ThemedPlotWidget()
            self._balance.setObjectName("classBalance")
            self._balance.setMinimumHeight(70)
            self._balance.setMaximumHeight(140)
            self._balance.setMouseEnabled(False, False)
            self._balance.hideButtons()
            self._balance.getPlotItem().setMenuEnabled(False)
            self._layout.insertWidget(0, self._balance)
        return self._balance

    @property
    def scatter_plot(self) -> pg.PlotWidget:
        """Two features (or one and the target), on the Scatter tab."""
        return self._scatter_parts()[0]

    @property
    def scatter(self) -> pg.ScatterPlotItem:
        """The points of ``scatter_plot``, coloured by class."""
        return self._scatter_parts()[1]

    def _scatter_parts(self) -> tuple[pg.PlotWidget, pg.ScatterPlotItem]:
        if self._scatter_plot is None:
            self._scatter_plot = ThemedPlotWidget()
            self._scatter_plot.setObjectName("scatterPlot")
            self._scatter = pg.ScatterPlotItem(size=6, pen=None)
            self._scatter_plot.addItem(self._scatter)
            self._scatter_layout.addWidget(self._scatter_plot)
        return self._scatter_plot, self._scatter

    def display(self, info: DatasetInfo | None, table: Any) -> None:
        """Balance, rows, images or scatter of ``table`` (None: nothing to show; a function:
        the table, read when it is drawn); drawn when the preview is on screen (see the
        module's docstring)."""
        if info is None or table is None or on_screen(self):  # nothing dear to draw
            self._undrawn = None
            self._draw(info, table)
        else:
            self._undrawn = (info, table)
            self.tabs.setVisible(True)  # a preview with a size: its events say when it is seen

    def draw_undrawn(self) -> None:
        if self._undrawn is not None:
            (info, table), self._undrawn = self._undrawn, None
            self._draw(info, table)

    def event(self, event: QEvent) -> bool:
        if self._undrawn is not None:
            when_seen(self, event, self.draw_undrawn)
        return super().event(event)

    def _draw(self, info: DatasetInfo | None, table: Any) -> None:
        if callable(table):
            try:
                table = table()
            except NetbuilderError:  # the panel shows the error when it reads the data
                table = None
        self._show_balance(info)
        self.table.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.grid.clear()
        self.classes.clear()
        self._show_notes(info)
        if self._scatter_plot is not None:
            self.scatter.clear()
        has_images = has_scatter = False
        if info is not None and table is not None:
            self._fill_table(info, table)
            shape = image_shape(info) if not table.inputs else None  # raw inputs: no pixels
            has_images = shape is not None
            if shape is not None:
                self._fill_grid(info, table, shape)
            elif not table.inputs and table.x.ndim == 2 and table.x.dtype != np.int64:
                has_scatter = self._fill_scatter(info, table)
        self.tabs.setTabVisible(1, has_images)
        self.tabs.setTabVisible(2, has_scatter)
        by_class = has_images and self._fill_classes(info, table)
        self.tabs.setTabVisible(CLASSES_TAB, by_class)
        if by_class and info is not None and info.is_image:  # pictures: by class first
            self.tabs.setCurrentIndex(CLASSES_TAB)
        else:
            self.tabs.setCurrentIndex(1 if has_images else 2 if has_scatter else 0)
        self.tabs.setVisible(info is not None)

    def _fill_classes(self, info: DatasetInfo | None, table: Any) -> bool:
        shape = image_shape(info) if info is not None else None
        y = table.targets.y
        if info is None or shape is None or info.task == "regression" or y.ndim != 1:
            return False
        n = len(info.class_names) or len(info.class_counts)
        if n == 0:
            return False
        images = table.x.reshape(len(table.x), *shape) if table.x.ndim != 4 else table.x
        self.classes.show_classes(images, y, tuple(info.class_names), tuple(info.class_counts))
        self.classes_page.update_augmented()
        return True

    def _show_notes(self, info: DatasetInfo | None) -> None:
        lines, tips = notes_of(info) if info is not None else ([], [])
        self.notes.setText("<br>".join(lines))
        self.notes.setToolTip("\n".join(tips))
        self.notes.setVisible(bool(lines))

    def _show_balance(self, info: DatasetInfo | None) -> None:
        counts = info.class_counts if info is not None else ()
        if info is None or not counts:
            if self._balance is not None:
                self._balance.getPlotItem().clear()
                self._balance.hide()
            return
        plot = self.balance.getPlotItem()
        plot.clear()
        self.balance.show()
        names = list(info.class_names) or [str(i) for i in range(len(counts))]
        color = category_color("Input/Output")
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
        if len(counts) <= MAX_COUNT_LABELS:  # each bar's count under its name
            ticks = [(i, f"{n[:10]} ({counts[i]:,})") for i, n in enumerate(names)]
        else:
            ticks = [(i, n[:10]) for i, n in enumerate(names)]
        axis.setTicks([ticks])
        plot.setLabel("left", translate("DataPreview", "samples"))  # i18n: ignore
        plot.setTitle(translate("DataPreview", "Class balance"), size="9pt")

    def _fill_table(self, info: DatasetInfo, table) -> None:
        y = table.targets.y
        rows = min(PREVIEW_ROWS, len(y))
        names, columns = preview_columns(table, rows)
        cols = len(columns)
        target_names = info.class_names
        self.table.setColumnCount(cols + 1)
        self.table.setRowCount(rows)
        self.table.setHorizontalHeaderLabels([translate("DataPreview", "target"), *names])
        for r in range(rows):
            if y.ndim == 1 and target_names and 0 <= int(y[r]) < len(target_names):
                label = target_names[int(y[r])]
            else:
                label = ", ".join(f"{v:.4g}" for v in np.ravel(y[r]))
            self.table.setItem(r, 0, QTableWidgetItem(label))
            for c in range(cols):
                self.table.setItem(r, c + 1, QTableWidgetItem(columns[c][r]))
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
            px, py, labels = (
                x[:, 0],
                np.ravel(y)[: len(x)],
                (names[0], translate("DataPreview", "target")),
            )
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
        plot.setLabel("bottom", labels[0])  # i18n: ignore (a column)
        plot.setLabel("left", labels[1])  # i18n: ignore
        return True
