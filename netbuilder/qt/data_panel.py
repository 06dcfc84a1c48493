"""The Data panel: choose the project's dataset and see what it holds before training on it.

A built-in dataset (from the engine's registry) or an imported CSV / NPZ file becomes the
project's ``DatasetBinding`` through ``document.set_dataset`` (one undo step; the Input node's
shape follows). Below: size, shapes, class balance and a preview (first rows, an image grid
for image data, a scatter of two features coloured by class). Built-in sets are small, so they
load on the GUI thread under a busy cursor; nothing here starts a thread.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from netbuilder.engine.dataset_info import DatasetInfo
from netbuilder.engine.datasets import DataError, dataset_info, list_builtin, load_table
from netbuilder.model import DatasetBinding, NetbuilderError

from .issues_panel import format_shape
from .style import CATEGORY_COLORS

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


def dataset_info_for(
    binding: DatasetBinding | None, base_dir: Path | None
) -> tuple[DatasetInfo | None, str | None]:
    """The info of a project's binding, or None and a warning for the Issues list."""
    if binding is None:
        return None, None
    try:
        return dataset_info(binding, base_dir), None
    except NetbuilderError as exc:
        return None, f"dataset: {exc}"


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


def read_csv_header(path: Path) -> tuple[list[str], bool]:
    """Column names of a CSV file and whether its first row is a header (for the target combo)."""
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as fh:
        sample = fh.read(64 * 1024)
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(sample.splitlines()[:2], dialect))
    if not rows or not rows[0]:
        raise DataError(f"{path.name} is empty", path=str(path))
    first = [c.strip() for c in rows[0]]

    def numeric(cell: str) -> bool:
        try:
            float(cell)
            return True
        except ValueError:
            return False

    header = not all(numeric(c) for c in first if c)
    names = first if header else [f"column {i + 1}" for i in range(len(first))]
    return names, header


class DataPanel(QWidget):
    """Dataset chooser and preview for one document."""

    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = None
        self.base_dir: Path | None = None
        self._pending: DatasetBinding | None = None  # a CSV waiting for its target column
        self._table_cache: dict[str, Any] = {}
        self.combo = QComboBox()
        self.combo.setObjectName("datasetCombo")
        self.combo.addItem("No dataset", None)
        for entry in list_builtin():
            self.combo.addItem(entry.name.replace("_", " "), entry.name)
            self.combo.setItemData(
                self.combo.count() - 1, entry.description, Qt.ItemDataRole.ToolTipRole
            )
        self.combo.activated.connect(self._on_combo)
        self.csv_button = QPushButton("Import CSV…")
        self.npz_button = QPushButton("Import NPZ…")
        self.csv_button.clicked.connect(lambda: self.import_file("csv"))
        self.npz_button.clicked.connect(lambda: self.import_file("npz"))
        self.description = self._label("", "help")
        self.target_combo = QComboBox()
        self.target_combo.setObjectName("targetCombo")
        self.use_button = QPushButton("Use this file")
        self.use_button.clicked.connect(self._use_pending)
        self.target_row = QWidget()
        row = QHBoxLayout(self.target_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Target column"))
        row.addWidget(self.target_combo, 1)
        row.addWidget(self.use_button)
        self.target_row.hide()
        self.error = self._label("", "error")
        self.error.setObjectName("dataError")
        self.error.hide()
        self.summary = self._label("", None)
        self.summary.setObjectName("dataSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
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

        top = QHBoxLayout()
        top.addWidget(self.combo, 1)
        top.addWidget(self.csv_button)
        top.addWidget(self.npz_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.description)
        layout.addWidget(self.target_row)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)
        layout.addWidget(self.balance)
        layout.addWidget(self.tabs, 1)
        self.refresh()

    @staticmethod
    def _label(text: str, role: str | None) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        if role:
            label.setProperty("role", role)
        return label

    # --- document ---------------------------------------------------------------------------

    def set_document(self, document) -> None:
        if self.document is not None and self.document is not document:
            self.document.dataset_changed.disconnect(self._on_dataset_changed)
        if document is not None and document is not self.document:
            document.dataset_changed.connect(self._on_dataset_changed)
        self.document = document
        self._pending = None
        self.target_row.hide()
        self.refresh()

    def _on_dataset_changed(self, _info) -> None:
        self.refresh()

    @property
    def binding(self) -> DatasetBinding | None:
        return None if self.document is None else self.document.project.dataset

    # --- choosing ---------------------------------------------------------------------------

    def _on_combo(self, index: int) -> None:
        name = self.combo.itemData(index)
        if name is None:
            if self.binding is not None:
                self._bind(None)
            return
        if not isinstance(name, str) or name.startswith("file:"):
            return
        self.bind_builtin(name)

    def bind_builtin(self, name: str) -> bool:
        """Use the built-in dataset ``name`` (keeping the split settings of the old binding)."""
        return self._bind(self._with_split(DatasetBinding(source="builtin", name=name)))

    def ask_file(self, kind: str) -> Path | None:
        """The file to import (overridable in tests)."""
        pattern = "CSV files (*.csv *.tsv *.txt)" if kind == "csv" else "NumPy archives (*.npz)"
        start = str(self.base_dir or Path.home())
        path, _ = QFileDialog.getOpenFileName(
            self, f"Import {kind.upper()}", start, f"{pattern};;All files (*)"
        )
        return Path(path) if path else None

    def import_file(self, kind: str, path: Path | None = None) -> bool:
        path = path or self.ask_file(kind)
        if path is None:
            return False
        binding = self._with_split(DatasetBinding(source=kind, path=self._stored_path(path)))
        if kind == "npz":
            return self._bind(binding)
        try:
            names, header = read_csv_header(path)
        except (OSError, NetbuilderError) as exc:
            self._show_error(str(exc))
            return False
        self._pending = binding
        self.target_combo.clear()
        for i, name in enumerate(names):
            self.target_combo.addItem(name, name if header else i)
        self.target_combo.setCurrentIndex(len(names) - 1)
        self.target_row.show()
        self.description.setText(f"{path.name}: pick the column to predict, then use the file.")
        return True

    def _use_pending(self) -> bool:
        if self._pending is None:
            return False
        binding = self._pending
        binding.options = {"target": self.target_combo.currentData()}
        if self._bind(binding):
            self._pending = None
            self.target_row.hide()
            return True
        return False

    def _stored_path(self, path: Path) -> str:
        """Relative to the project folder when the file lies inside it (projects travel)."""
        path = path.resolve()
        if self.base_dir is not None:
            try:
                return path.relative_to(Path(self.base_dir).resolve()).as_posix()
            except ValueError:
                pass
        return str(path)

    def _with_split(self, binding: DatasetBinding) -> DatasetBinding:
        old = self.binding
        if old is not None:
            binding.val_fraction, binding.test_fraction = old.val_fraction, old.test_fraction
            binding.standardize, binding.split_seed = old.standardize, old.split_seed
        return binding

    def _bind(self, binding: DatasetBinding | None) -> bool:
        if self.document is None:
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            info = dataset_info(binding, self.base_dir) if binding is not None else None
            self.document.set_dataset(binding, info)
        except NetbuilderError as exc:
            self._show_error(str(exc))
            self.refresh_combo()
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        if binding is not None:
            self.message.emit(f"Using dataset {info.name}: inputs {format_shape(info.input_shape)}")
        return True

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        if text:
            self.message.emit(text)

    # --- showing ----------------------------------------------------------------------------

    def refresh_combo(self) -> None:
        binding = self.binding
        for i in range(self.combo.count() - 1, 0, -1):
            if str(self.combo.itemData(i)).startswith("file:"):
                self.combo.removeItem(i)
        if binding is None:
            self.combo.setCurrentIndex(0)
        elif binding.source == "builtin":
            self.combo.setCurrentIndex(max(0, self.combo.findData(binding.name)))
        else:
            label = Path(binding.path).name or binding.source
            self.combo.addItem(f"{label} ({binding.source})", f"file:{binding.path}")
            self.combo.setCurrentIndex(self.combo.count() - 1)

    def refresh(self) -> None:
        """Show the document's current binding: description, summary, balance, previews."""
        self.refresh_combo()
        binding = self.binding
        info = getattr(self.document, "dataset_info", None)
        self.error.hide()
        if binding is None:
            self.description.setText(
                "Choose a built-in dataset, or import a CSV or NPZ file. "
                "The Input layer takes its shape from the data."
            )
            self.summary.setText("")
            self._show_preview(None, None)
            return
        if binding.source == "builtin":
            entry = next((e for e in list_builtin() if e.name == binding.name), None)
            self.description.setText(entry.description if entry else "")
        else:
            self.description.setText(f"{binding.source.upper()} file {binding.path}")
        table = None
        try:
            if info is None:
                info = dataset_info(binding, self.base_dir)
            table = self._load_table(binding)
        except NetbuilderError as exc:
            self._show_error(str(exc))
        self.summary.setText(self._summary_html(info) if info is not None else "")
        self._show_preview(info, table)

    def _load_table(self, binding: DatasetBinding):
        key = repr((binding.to_dict(), str(self.base_dir)))
        if key not in self._table_cache:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self._table_cache = {key: load_table(binding, self.base_dir)}  # keep one
            finally:
                QGuiApplication.restoreOverrideCursor()
        return self._table_cache[key]

    @staticmethod
    def _summary_html(info: DatasetInfo) -> str:
        sizes = info.extra.get("split_sizes")
        split = (
            f" · train {sizes[0]:,} · validation {sizes[1]:,} · test {sizes[2]:,}" if sizes else ""
        )
        if info.task == "regression":
            target = f"{len(info.target_names) or 1} value(s) to predict (regression)"
        else:
            target = f"{info.n_classes} classes ({info.task})"
        return (
            f"<b>{info.name}</b>: {info.n_samples:,} samples{split}<br>"
            f"Inputs <b>{format_shape(info.input_shape)}</b> {info.input_dtype} · "
            f"targets: {target}"
        )

    def _show_preview(self, info: DatasetInfo | None, table) -> None:
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
            brushes = [pg.mkBrush(CLASS_COLORS[int(c) % len(CLASS_COLORS)]) for c in y]
        else:
            brushes = [pg.mkBrush(CLASS_COLORS[0])] * len(px)
        self.scatter.setData(x=np.asarray(px, float), y=np.asarray(py, float), brush=brushes)
        plot.setLabel("bottom", labels[0])
        plot.setLabel("left", labels[1])
        return True

    def shutdown(self) -> None:
        """Nothing runs in the background; kept so the window can close panels uniformly."""
        self._table_cache.clear()
