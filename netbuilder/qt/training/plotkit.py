"""Building blocks of the training plots: growable buffers, smoothing, plot widgets that time
their own painting, curves drawn cheaply, a y range that moves only when it must."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QPaintEvent
from PySide6.QtWidgets import QSizePolicy

from netbuilder.model import CATALOGUE
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, translate
from netbuilder.qt.style import category_color
from netbuilder.qt.theme import BLUE, GREEN, ORANGE, Theme, current_theme

# Thin lines: pyqtgraph draws wider ones segment by segment, 2-4x dearer (measured on the
# gradient plot: 7.3 ms a frame with 1.5 px pens, 2.0 ms with 1 px).
THIN = 1.0
TINY = 1e-30
# A log axis spans at least this many decades: over a sliver of one (a run's first few points)
# pyqtgraph labelled minor ticks that piled up into an unreadable stack.
LOG_MIN_DECADES = 2.0


class GrowBuffer:
    """Rows appended to a preallocated array that doubles when full; ``view()`` is a slice."""

    def __init__(self, columns: int = 1, capacity: int = 1024) -> None:
        self.data = np.zeros((capacity, columns), dtype=np.float64)
        self.n = 0

    def extend(self, values: npt.ArrayLike) -> None:
        rows = np.asarray(values, dtype=np.float64).reshape(-1, self.data.shape[1])
        need = self.n + rows.shape[0]
        if need > self.data.shape[0]:
            cap = self.data.shape[0]
            while cap < need:
                cap *= 2
            grown = np.zeros((cap, self.data.shape[1]), dtype=np.float64)
            grown[: self.n] = self.data[: self.n]
            self.data = grown
        self.data[self.n : need] = rows
        self.n = need

    def view(self, column: int | None = None) -> np.ndarray:
        return self.data[: self.n] if column is None else self.data[: self.n, column]

    def __len__(self) -> int:
        return self.n


def ema(values: np.ndarray, alpha: float, start: float | None = None) -> np.ndarray:
    """Exponential moving average (``alpha`` = weight of the past), NaN-tolerant."""
    # Plain floats: this runs on the GUI thread for every step, and numpy scalars cost ~10x.
    out: list[float] = []
    acc = start
    beta = 1.0 - alpha
    nan = math.nan
    for v in np.asarray(values, dtype=np.float64).tolist():
        if math.isfinite(v):
            acc = v if acc is None else alpha * acc + beta * v
        out.append(nan if acc is None else acc)
    return np.asarray(out, dtype=np.float64)


class FrameClock:
    """Seconds the GUI thread spent drawing plots since the last ``take()``."""

    def __init__(self) -> None:
        self.spent = 0.0

    def take(self) -> float:
        spent, self.spent = self.spent, 0.0
        return spent


class ThemedPlotWidget(pg.PlotWidget):  # type: ignore[misc]  # pyqtgraph ships no types
    """A PlotWidget in the theme's colours (background, title, axis text, legend), which
    follows the theme when it changes."""

    def __init__(self, title: str = "", title_size: str = "10pt", **kwargs: Any) -> None:
        super().__init__(background=current_theme().plot_background, **kwargs)
        self._title, self._title_size = title, title_size
        self._themed: list[Callable[[Theme], None]] = []
        self.apply_theme()

    def on_theme(self, paint: Callable[[Theme], None]) -> None:
        """Call ``paint(theme)`` now and whenever the theme changes: an item's pens and brushes
        in the theme's colours (the widget's own are set here)."""
        self._themed.append(paint)
        paint(current_theme())

    def set_title(self, text: str, size: str | None = None) -> None:
        self._title, self._title_size = text, size or self._title_size
        color = current_theme().plot_foreground
        self.getPlotItem().setTitle(
            f"<span style='color:{color}'>{text}</span>",  # i18n: ignore (text: translated)
            size=self._title_size,
        )

    def apply_theme(self) -> None:
        theme = current_theme()
        self.setBackground(theme.plot_background)
        item = self.getPlotItem()
        if self._title:
            self.set_title(self._title)
        for axis in ("left", "bottom"):
            item.getAxis(axis).setTextPen(theme.plot_foreground)
        legend = item.legend
        if legend is not None:
            legend.setLabelTextColor(theme.plot_foreground)
            for _sample, label in legend.items:
                label.setText(label.text, color=theme.plot_foreground)
        for paint in self.__dict__.get("_themed", ()):
            paint(theme)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        # (Not while PlotWidget.__init__ runs: the first palette arrives before our fields.)
        if event.type() == QEvent.Type.PaletteChange and "_title" in self.__dict__:
            self.apply_theme()


class TimedPlotWidget(ThemedPlotWidget):
    """A PlotWidget whose painting time is added to a shared ``FrameClock``."""

    clock: FrameClock | None = None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        t0 = time.perf_counter()
        super().paintEvent(event)
        if self.clock is not None:
            self.clock.spent += time.perf_counter() - t0


STEP = QT_TRANSLATE_NOOP("Plots", "step")
METRIC_LABELS = {"rmse": "RMSE", "mae": "MAE", "mse": "MSE", "r2": "R²"}
WORDED_METRICS = {"accuracy": QT_TRANSLATE_NOOP("Metrics", "accuracy")}


def metric_label(key: str) -> str:
    """A metric's name (``accuracy``, ``r2``) as the window shows it."""
    if key in WORDED_METRICS:
        return translate("Metrics", WORDED_METRICS[key])
    return METRIC_LABELS.get(key, key)


def make_plot(title: str, left: str, bottom: str = STEP) -> pg.PlotWidget:
    """A plot titled ``title`` with axis labels ``left`` and ``bottom``: English sources
    marked ``QT_TRANSLATE_NOOP("Plots", ...)``, shown translated (the object name keeps the
    English title)."""
    w = TimedPlotWidget(translate("Plots", title))
    # The plot fills its whole viewport: Qt need not paint the widgets behind it first.
    w.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    w.setObjectName(f"plot_{title.lower().replace(' ', '_')}")
    item = w.getPlotItem()
    item.getAxis("left").setLabel(translate("Plots", left) if left else "")
    item.getAxis("bottom").setLabel(translate("Plots", bottom) if bottom else "")
    # No grid: pyqtgraph draws grid lines as part of the axes, so every curve update would
    # repaint both axes (their text is the dearest part of a frame: 74 ms -> 13 ms a refresh
    # with the grid off and fixed x ranges).
    item.setClipToView(True)
    item.setDownsampling(auto=True, mode="peak")
    for axis in ("left", "bottom"):
        item.getAxis(axis).enableAutoSIPrefix(False)
    w.setMinimumSize(160, 130)  # room for the axes and a legend
    return w


LEGEND_COLUMNS = 5  # entries side by side in a legend's row, more wrap to a second row


def add_legend(plot: pg.PlotWidget, columns: int = 1) -> Any:
    """A legend in a row above the data, right-aligned under the title, where the hidden
    top axis was: inside the data area it covered the newest points (top right, where a
    run's curves end) or the first, highest loss (top left). Curves plotted with a
    ``name`` join it."""
    item = plot.getPlotItem()
    legend = pg.LegendItem(labelTextSize="8pt", colCount=max(1, columns))
    legend.setLabelTextColor(current_theme().plot_foreground)
    legend.layout.setContentsMargins(0, 0, 0, 0)
    legend.layout.setHorizontalSpacing(10)
    legend.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    item.layout.removeItem(item.getAxis("top"))
    item.layout.addItem(legend, 1, 1)
    item.layout.setAlignment(legend, Qt.AlignmentFlag.AlignRight)
    item.legend = legend  # where PlotItem.plot(name=...) adds its curves
    return legend


def make_curve(plot: pg.PlotWidget, color: QColor | str, width: float = THIN, **kw: Any) -> Any:
    c = plot.plot([], [], pen=pg.mkPen(color, width=width), **kw)
    c.setClipToView(True)
    c.setDownsampling(auto=True, method="peak")
    # pyqtgraph keeps ~5 samples per pixel; peak mode already draws each pixel's min and max,
    # so one is enough (a 20,000-step gradient plot: 26 ms a frame -> 3 ms).
    c.opts["autoDownsampleFactor"] = 1.0
    return c


def fit_y(plot: pg.PlotWidget, log: bool, *arrays: np.ndarray, floor_zero: bool = False) -> None:
    """Keep the y range around the data, moving it only when the data leaves it or fills
    less than a third of it. Every range change re-lays out and repaints the axis, the
    dearest part of a frame, so pyqtgraph's auto-range (a change on every update) is off."""
    parts = [np.asarray(a, dtype=np.float64).ravel() for a in arrays if len(a)]
    if not parts:
        return
    values = np.concatenate(parts)
    values = values[np.isfinite(values)]
    if log:
        values = np.log10(values[values > 0])
    if not values.size:
        return
    lo, hi = float(values.min()), float(values.max())
    if floor_zero and not log:
        lo = min(lo, 0.0)
    if log and hi - lo < LOG_MIN_DECADES:  # a run's first steps: a sliver of a decade
        mid = (lo + hi) / 2
        lo, hi = mid - LOG_MIN_DECADES / 2, mid + LOG_MIN_DECADES / 2
    span = hi - lo
    if span <= 1e-12 + 1e-6 * abs(hi):  # a flat line (a constant learning rate)
        span = abs(hi) * 0.5 if hi else 1.0
        lo, hi = lo - span / 2, hi + span / 2
    view_lo, view_hi = plot.getPlotItem().getViewBox().viewRange()[1]
    if view_lo <= lo and hi <= view_hi and span >= (view_hi - view_lo) / 3:
        return
    pad = span * 0.08
    plot.setYRange(lo - pad, hi + pad, padding=0)


def node_color(graph: Any, node_id: str) -> QColor:
    """The node's category colour as on the canvas (grey for unknown layer types); a layer
    path inside a block use (``res_block_1.c2``) is the inner layer's."""
    head, _, rest = node_id.partition(".")
    node = graph.node(head) if graph is not None and head in graph else None
    while node is not None and rest:
        definition = graph.blocks.get(node.params.get("block")) if node.type == "Block" else None
        inner, _, rest = rest.partition(".")
        graph = definition.body if definition is not None else None
        node = graph.node(inner) if graph is not None and inner in graph else None
    spec = CATALOGUE.get(node.type) if node is not None else None
    if node is not None and node.type == "Block":
        return category_color("Blocks")
    return category_color(spec.category if spec is not None else "")


SHADES = (  # layers of one category: the canvas colour, then hue-shifted darker/lighter
    lambda c: QColor(c),
    lambda c: QColor.fromHsvF((c.hueF() + 0.07) % 1.0, min(1.0, c.saturationF() * 1.1), 0.45),
    lambda c: QColor.fromHsvF((c.hueF() - 0.07) % 1.0, c.saturationF() * 0.8, 0.95),
    lambda c: QColor.fromHsvF((c.hueF() + 0.14) % 1.0, c.saturationF(), 0.7),
)


def as_number(v: Any) -> float:
    return float(v) if isinstance(v, (int, float)) else np.nan


def headline(metrics: Any) -> Any:
    if not isinstance(metrics, dict):
        return None
    return next((v for v in metrics.values() if isinstance(v, (int, float))), None)


def fmt_value(v: float) -> str:
    return "—" if not np.isfinite(v) else f"{v:.4g}"


def previous_curves(
    loss_plot: pg.PlotWidget, metric_plot: pg.PlotWidget, runs: list[Any]
) -> list[Any]:
    """Earlier runs' per-epoch losses and metric, faded (the newest least), behind the curves."""
    curves: list[Any] = []
    for age, run in enumerate(reversed(runs)):
        epochs = run.get("epochs") or []
        if not epochs:
            continue
        alpha = max(40, 110 - 30 * age)
        step = np.array([e.get("step") or 0 for e in epochs], dtype=float)
        tl = np.array([as_number(e.get("train_loss")) for e in epochs])
        vl = np.array([as_number(e.get("val_loss")) for e in epochs])
        met = np.array([as_number(headline(e.get("val_metrics"))) for e in epochs])
        ep = np.array([e.get("epoch") or i + 1 for i, e in enumerate(epochs)], dtype=float)
        style = Qt.PenStyle.DashLine
        for plot, xs, ys, color in (
            (loss_plot, step, tl, BLUE),
            (loss_plot, step, vl, ORANGE),
            (metric_plot, ep, met, GREEN),
        ):
            faded = QColor(color)
            faded.setAlpha(alpha)
            c = plot.plot(xs, ys, pen=pg.mkPen(faded, width=1.2, style=style))
            c.setZValue(-10)
            curves.append(c)
    return curves
