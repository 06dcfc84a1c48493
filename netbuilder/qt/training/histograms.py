"""Histograms over time of one layer's weights, gradients or outputs, drawn in place.

Each sample counts its values in equal bins over its own range ``[-r, r]`` (``r`` the largest
magnitude of that sample: see ``engine.training.inside``), so the rows of a run do not line
up. ``common_range_image`` spreads every row onto the same bins over ``[-R, R]``, ``R`` the
largest range of the run so far, by interpolating each row's cumulative counts (values taken
as even within a bin): a row of small values then shows as a narrow band, as it should. The
image has time on x (the steps the samples were taken at), value on y and log-scaled counts
as colour.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, translate
from netbuilder.qt.theme import HEAT_MAP, color_map
from netbuilder.qt.training.layer_colors import layer_label
from netbuilder.qt.training.plotkit import fmt_value, make_plot

OUT_BINS = 64  # the common value bins (twice the samples' own: a narrow row keeps its shape)
MAX_COLUMNS = 400  # time columns drawn, at most
# What a histogram counts: the samples' histogram and range fields, and whose columns they are.
KINDS = {
    "Weights": ("weight_hist", "weight_range", "nodes"),
    "Gradients": ("grad_hist", "grad_range", "nodes"),
    "Activations": ("act_hist", "act_range", "layers"),
}
# What the kind box shows (its item data: the key of KINDS).
KIND_TEXT = {
    "Weights": QT_TRANSLATE_NOOP("LayerHistograms", "Weights"),
    "Gradients": QT_TRANSLATE_NOOP("LayerHistograms", "Gradients"),
    "Activations": QT_TRANSLATE_NOOP("LayerHistograms", "Activations"),
}
OVER_TIME = QT_TRANSLATE_NOOP("Plots", "Histograms over time")


def common_range_image(
    hist: np.ndarray, ranges: np.ndarray, bins: int = OUT_BINS
) -> tuple[np.ndarray, float]:
    """``hist[i]`` (counts in equal bins over ``[-ranges[i], ranges[i]]``) redistributed
    onto ``bins`` equal bins over ``[-R, R]``, ``R = max(ranges)``; counts are kept."""
    hist = np.nan_to_num(np.asarray(hist, dtype=np.float64))
    m, b = hist.shape
    r = np.asarray(ranges, dtype=np.float64).reshape(m)
    r = np.where(np.isfinite(r) & (r > 0), r, 0.0)
    top = float(r.max()) if m else 0.0
    if top <= 0.0:  # every value of every sample was 0: all counts sit at 0
        out = np.zeros((m, bins))
        out[:, bins // 2] = hist.sum(axis=1)
        return out, 0.0
    edges = np.linspace(-top, top, bins + 1)
    # Each target edge as a position in the row's own bins, then the row's cumulative count
    # there (linear within a bin).
    pos = np.clip((edges[None, :] / np.maximum(r, 1e-300)[:, None] + 1) * (b / 2), 0, b)
    k = np.minimum(np.floor(pos).astype(np.int64), b - 1)
    cdf = np.concatenate([np.zeros((m, 1)), np.cumsum(hist, axis=1)], axis=1)
    rows = np.arange(m)[:, None]
    at_edges = cdf[rows, k] + (pos - k) * hist[rows, k]
    return np.diff(at_edges, axis=1), top


def columns_over_steps(steps: np.ndarray, every: int) -> tuple[np.ndarray, float, float]:
    """For evenly spaced time columns from the first sample to one interval past the last:
    the index of the sample each shows (the last taken at or before it) and the x extent.
    Samples need not be evenly spaced (the first ones come sooner)."""
    x0 = float(steps[0])
    x1 = float(steps[-1]) + max(1, every)
    n = int(min(MAX_COLUMNS, max(1, (x1 - x0))))
    centres = x0 + (np.arange(n) + 0.5) * (x1 - x0) / n
    index = np.clip(np.searchsorted(steps, centres, side="right") - 1, 0, len(steps) - 1)
    return index, x0, x1


class LayerHistograms(QWidget):
    """The image of one layer's histograms over time, with the kind and the layer to show.
    ``draw(samples, graph)`` redraws from the run's kept samples."""

    changed = Signal()  # the kind or layer was changed: draw again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("insideHistogramKind")
        for kind in KINDS:
            self.kind_box.addItem(translate("LayerHistograms", KIND_TEXT[kind]), kind)
        self.kind_box.setToolTip(translate("LayerHistograms", "What the histograms count"))
        self.layer_box = QComboBox()
        self.layer_box.setObjectName("insideHistogramLayer")
        self.layer_box.setToolTip(
            translate("LayerHistograms", "The layer shown; it follows the selection on the canvas")
        )
        self.layer_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(QLabel(translate("LayerHistograms", "Histograms of")))
        controls.addWidget(self.kind_box)
        controls.addWidget(QLabel(translate("LayerHistograms", "in")))
        controls.addWidget(self.layer_box, 1)
        self._plot: Any = None  # the plot and its image: built on first use (``_build``)
        self._image: Any = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._layout.addLayout(controls)
        self.kind_box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.layer_box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.top = 0.0  # the common range drawn: [-top, top]
        self._shown: tuple[np.ndarray, np.ndarray] | None = None  # (steps, image) for hover
        self._columns = np.zeros(0, dtype=np.int64)
        self._extent = (0.0, 1.0)
        self._title = ""

    @property
    def plot(self) -> Any:
        """The pyqtgraph plot, built on first use (~30 ms the window's start-up skips)."""
        if self._plot is None:
            self._build()
        return self._plot

    @property
    def image(self) -> Any:
        """The plot's image item (building the plot on first use)."""
        if self._image is None:
            self._build()
        return self._image

    def _build(self) -> None:
        plot = make_plot(OVER_TIME, QT_TRANSLATE_NOOP("Plots", "value"))
        plot.setToolTip(
            translate(
                "LayerHistograms",
                "One column per sample: how many of the layer's values fall in each value bin,\n"
                "brighter = more (log scale). Every sample is spread onto the largest range so "
                "far.",
            )
        )
        plot.getPlotItem().setDownsampling(auto=False)
        if self._title:
            plot.set_title(self._title, "9pt")
        image = pg.ImageItem()
        image.setColorMap(color_map(HEAT_MAP))
        plot.addItem(image)
        self._layout.addWidget(plot, 1)
        self._plot, self._image = plot, image

    @property
    def kind(self) -> str:
        """The key of ``KINDS`` chosen ("Weights", "Gradients" or "Activations")."""
        return str(self.kind_box.currentData() or "Weights")

    @property
    def layer(self) -> str:
        return str(self.layer_box.currentData() or "")

    def set_layers(self, layers: tuple[str, ...], graph: Any) -> None:
        """The layers to choose from (every layer, in order); keeps the chosen one."""
        if tuple(self.layer_box.itemData(i) for i in range(self.layer_box.count())) == layers:
            return
        current = self.layer
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        for layer in layers:
            self.layer_box.addItem(layer_label(graph, layer), layer)
        i = self.layer_box.findData(current)
        self.layer_box.setCurrentIndex(max(0, i))
        self.layer_box.blockSignals(False)

    def follow(self, node_id: str) -> bool:
        """Show the layer ``node_id`` (a canvas node; a block use shows its first inner
        layer). False when it has no samples (an Input, a node off the path)."""
        layers = [str(self.layer_box.itemData(i)) for i in range(self.layer_box.count())]
        match = next((i for i, n in enumerate(layers) if n == node_id), None)
        if match is None:
            match = next((i for i, n in enumerate(layers) if n.startswith(node_id + ".")), None)
        if match is None:
            return False
        self.layer_box.setCurrentIndex(match)
        return True

    def clear(self) -> None:
        if self._image is not None:
            self._image.clear()
        self._shown = None
        self.top = 0.0
        self.layer_box.clear()
        self._set_title(translate("Plots", OVER_TIME))

    def draw(self, samples: Any, graph: Any) -> None:
        """Redraw the chosen kind and layer from ``samples`` (``InsideSamples``, all kept)."""
        hist_name, range_name, columns = KINDS[self.kind]
        names: tuple[str, ...] = getattr(samples, columns)
        layer = self.layer
        label = layer_label(graph, layer)
        if layer not in names:
            self.image.clear()
            self._shown = None
            if self.kind == "Gradients":
                title = translate("LayerHistograms", "{layer} has no gradients: choose Activations")
            else:
                title = translate("LayerHistograms", "{layer} has no weights: choose Activations")
            self._set_title(title.format(layer=label))
            return
        j = names.index(layer)
        counts, top = common_range_image(
            getattr(samples, hist_name)[:, j], getattr(samples, range_name)[:, j]
        )
        index, x0, x1 = columns_over_steps(samples.steps, samples.every)
        img = np.log10(1.0 + counts[index])  # [columns, bins]: x is time, y is value
        self.image.setImage(img, levels=(0.0, max(1e-9, float(img.max()))), autoLevels=False)
        span = top if top > 0 else 1.0
        self.image.setRect(QRectF(x0, -span, max(1.0, x1 - x0), 2 * span))
        if top != self.top:  # a new range re-lays the axis out
            self.plot.setYRange(-span, span, padding=0)
        self.top = top
        self._shown = (samples.steps[index], counts[index])
        self._extent = (x0, x1)
        # The range in the title: the top row of a low dock shows it (an axis label is
        # centred on the plot, below what a low dock shows).
        if self.kind == "Weights":
            title = translate("LayerHistograms", "Weights of {layer}, ±{range}")
        elif self.kind == "Gradients":
            title = translate("LayerHistograms", "Gradients of {layer}, ±{range}")
        else:
            title = translate("LayerHistograms", "Activations of {layer}, ±{range}")
        self._set_title(title.format(layer=label, range=f"{top:.3g}"))

    def _set_title(self, text: str) -> None:
        if text != self._title:  # a new title re-lays the plot out
            self._title = text
            if self._plot is not None:  # else the plot takes it when built
                self._plot.set_title(text, "9pt")

    @property
    def title(self) -> str:
        return self._title

    def describe_at(self, x: float, y: float) -> str:
        """The sample and count under ``(x, y)``, as one line of text."""
        if self._shown is None or self.top <= 0:
            return ""
        steps, counts = self._shown
        x0, x1 = self._extent
        col = int(np.clip((x - x0) / max(1e-9, x1 - x0) * len(steps), 0, len(steps) - 1))
        width = 2 * self.top / OUT_BINS
        b = int(np.clip((y + self.top) / width, 0, OUT_BINS - 1))
        lo = -self.top + b * width
        count = counts[col, b]
        if self.kind == "Weights":
            text = translate(
                "LayerHistograms",
                "step {step}: weights in [{low}, {high}): {count} of {total} counted",
            )
        elif self.kind == "Gradients":
            text = translate(
                "LayerHistograms",
                "step {step}: gradients in [{low}, {high}): {count} of {total} counted",
            )
        else:
            text = translate(
                "LayerHistograms",
                "step {step}: activations in [{low}, {high}): {count} of {total} counted",
            )
        return text.format(
            step=int(steps[col]),
            low=fmt_value(lo),
            high=fmt_value(lo + width),
            count=f"{count:.1f}",
            total=f"{counts[col].sum():.0f}",
        )
