"""Live training plots: loss, the task metric, learning rate, gradient magnitudes.

Progress batches are appended to preallocated numpy buffers (``GrowBuffer``, doubling when
full); each live frame (the controller's frame timer, see ``controller.py``) pushes the buffers
of ONE plot into its existing curve items with ``setData`` on views, so a burst of progress
costs one redraw. Curves use peak downsampling to about one sample per pixel and clip-to-view,
which keeps a long run as cheap to draw as a short one. Painting time is added up in a
``FrameClock``, so the frame timer can ration it.
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from netbuilder.model import CATALOGUE

from ..style import category_color

# Live redraws: per frame, the plot furthest past its refresh age (seconds), the loss plot (the
# one people watch) the most often; the cheap ones (~0.5 ms with painting) join any frame once
# they are due.
REFRESH_AGE_S = {"loss": 0.5, "grad": 1.0, "metric": 1.0, "lr": 2.0, "heat": 1.5}
CHEAP = ("lr", "heat")
PLOTS = tuple(REFRESH_AGE_S)
# Thin lines: pyqtgraph draws wider ones segment by segment, 2-4x dearer (measured on the
# gradient plot: 7.3 ms a frame with 1.5 px pens, 2.0 ms with 1 px).
THIN = 1.0
HEATMAP_ROWS = 600  # at most this many time columns are drawn
PREVIOUS_RUNS = 3
TINY = 1e-30


class GrowBuffer:
    """Rows appended to a preallocated array that doubles when full; ``view()`` is a slice."""

    def __init__(self, columns: int = 1, capacity: int = 1024) -> None:
        self.data = np.zeros((capacity, columns), dtype=np.float64)
        self.n = 0

    def extend(self, rows: np.ndarray) -> None:
        rows = np.asarray(rows, dtype=np.float64).reshape(-1, self.data.shape[1])
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


class _PlotWidget(pg.PlotWidget):
    """A PlotWidget whose painting time is added to a shared ``FrameClock``."""

    clock: FrameClock | None = None

    def paintEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt override
        t0 = time.perf_counter()
        super().paintEvent(event)
        if self.clock is not None:
            self.clock.spent += time.perf_counter() - t0


def _plot(title: str, left: str, bottom: str = "step") -> pg.PlotWidget:
    w = _PlotWidget(background="w")
    # The plot fills its whole viewport: Qt need not paint the widgets behind it first.
    w.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
    w.setObjectName(f"plot_{title.lower().replace(' ', '_')}")
    item = w.getPlotItem()
    item.setTitle(f"<span style='color:#1f2328'>{title}</span>", size="10pt")
    item.setLabel("left", left)
    item.setLabel("bottom", bottom)
    # No grid: pyqtgraph draws grid lines as part of the axes, so every curve update would
    # repaint both axes (their text is the dearest part of a frame: 74 ms -> 13 ms a refresh
    # with the grid off and fixed x ranges).
    item.setClipToView(True)
    item.setDownsampling(auto=True, mode="peak")
    for axis in ("left", "bottom"):
        item.getAxis(axis).setTextPen("#1f2328")
        item.getAxis(axis).enableAutoSIPrefix(False)
    w.setMinimumSize(160, 130)  # room for the axes and a legend
    return w


def _curve(plot: pg.PlotWidget, color: QColor | str, width: float = THIN, **kw) -> Any:
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
    """The node's category colour as on the canvas (grey for unknown layer types)."""
    node = graph.node(node_id) if graph is not None and node_id in graph else None
    spec = CATALOGUE.get(node.type) if node is not None else None
    return category_color(spec.category if spec is not None else "")


class TrainingPlots(QWidget):
    """Loss/metric/LR and gradient plots fed by ``add_progress``; ``node_clicked`` on a curve."""

    node_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loss_plot = _plot("Loss", "loss")
        self.metric_plot = _plot("Validation metric", "value", "epoch")
        self.lr_plot = _plot("Learning rate", "lr")
        self.grad_plot = _plot("Gradient norm per layer", "‖grad‖")
        self.grad_plot.setLogMode(y=True)
        self.heat_plot = _plot("Gradients over time (log10)", "", "step")
        self.heat_plot.getPlotItem().setDownsampling(auto=False)
        self.heat_image = pg.ImageItem()
        self.heat_image.setColorMap(pg.colormap.get("viridis"))
        self.heat_plot.addItem(self.heat_image)
        self.grad_legend = self.grad_plot.getPlotItem().addLegend(
            offset=(-6, 6), labelTextSize="8pt"
        )

        self.train_raw = _curve(self.loss_plot, QColor(47, 111, 222, 70))
        self.loss_legend = self.loss_plot.getPlotItem().addLegend(
            offset=(-6, 6), labelTextSize="8pt"
        )
        for legend in (self.loss_legend, self.grad_legend):  # readable over busy curves
            legend.setBrush(pg.mkBrush(255, 255, 255, 170))
            legend.setLabelTextColor("#1f2328")
        self.train_smooth = _curve(self.loss_plot, "#2f6fde", 2.0, name="training")
        self.val_curve = _curve(
            self.loss_plot,
            "#e0893e",
            symbol="o",
            symbolSize=5,
            symbolBrush="#e0893e",
            name="validation",
        )
        self.metric_curve = _curve(
            self.metric_plot, "#2e7d32", symbol="o", symbolSize=5, symbolBrush="#2e7d32"
        )
        self.lr_curve = _curve(self.lr_plot, "#7a79d6")
        self.grad_curves: dict[str, Any] = {}
        self._previous: list[Any] = []

        self.log_box = QCheckBox("Log scale")
        self.log_box.setObjectName("lossLogScale")
        self.log_box.toggled.connect(self._set_loss_log)
        self.smooth_spin = QDoubleSpinBox()
        self.smooth_spin.setObjectName("lossSmoothing")
        self.smooth_spin.setRange(0.0, 0.999)
        self.smooth_spin.setSingleStep(0.05)
        self.smooth_spin.setDecimals(3)
        self.smooth_spin.setValue(0.9)
        self.smooth_spin.setToolTip("Exponential smoothing of the training loss (0 = none)")
        self.smooth_spin.valueChanged.connect(self._resmooth)
        self.readout = QLabel("Hover over a plot to read its values.")
        self.readout.setObjectName("plotReadout")
        self.readout.setProperty("role", "help")

        controls = QHBoxLayout()
        controls.addWidget(self.log_box)
        controls.addWidget(QLabel("Smoothing"))
        controls.addWidget(self.smooth_spin)
        controls.addSpacing(12)
        controls.addWidget(self.readout, 1)
        top = QHBoxLayout()
        for w in (self.loss_plot, self.metric_plot, self.lr_plot):
            top.addWidget(w)
        bottom = QHBoxLayout()
        bottom.addWidget(self.grad_plot, 3)
        bottom.addWidget(self.heat_plot, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(controls)
        layout.addLayout(top, 1)
        layout.addLayout(bottom, 1)

        for plot in (
            self.loss_plot,
            self.metric_plot,
            self.lr_plot,
            self.grad_plot,
            self.heat_plot,
        ):
            plot.scene().sigMouseMoved.connect(lambda pos, p=plot: self._hover(p, pos))
        self._drawn_at = dict.fromkeys(PLOTS, 0.0)  # time.monotonic() of each plot's last draw
        self.clock = FrameClock()
        for plot in (
            self.loss_plot,
            self.metric_plot,
            self.lr_plot,
            self.grad_plot,
            self.heat_plot,
        ):
            plot.clock = self.clock
        self._stale: set[str] = set()
        self.graph: Any = None
        self.live = False  # a run is feeding the plots: its frame timer draws them
        self.reset(())

    # --- data in ------------------------------------------------------------------------------

    def reset(
        self,
        nodes: tuple[str, ...],
        graph: Any = None,
        metric: str = "",
        total_steps: int = 0,
        epochs: int = 0,
    ) -> None:
        """Empty buffers for a new run over parameterised ``nodes``.

        With the run's length known, the x axes are fixed to it, so a refresh only redraws
        the curves (an axis whose range moves is re-laid out and repainted every frame).
        """
        self.graph = graph
        for plot in (self.loss_plot, self.lr_plot, self.grad_plot, self.heat_plot):
            if total_steps > 0:
                plot.setXRange(0, total_steps, padding=0.01)
            else:
                plot.getPlotItem().enableAutoRange(x=True)
        if epochs > 0:
            self.metric_plot.setXRange(0.5, epochs + 0.5, padding=0)
        else:
            self.metric_plot.getPlotItem().enableAutoRange(x=True)
        self.nodes = tuple(nodes)
        self.steps = GrowBuffer(2)  # step, loss
        self.smoothed = GrowBuffer(1)
        self.lr = GrowBuffer(2)
        self.epochs = GrowBuffer(4)  # epoch, step, val_loss, metric
        self.grads = GrowBuffer(max(1, len(self.nodes)))
        self._ema: float | None = None
        self.latest_norms: dict[str, float] = {}
        self._stale = set(PLOTS)
        self._drawn_at = dict.fromkeys(PLOTS, 0.0)
        self.metric_name = metric
        self.metric_plot.getPlotItem().setLabel("left", metric or "value")
        for curve in self.grad_curves.values():
            self.grad_plot.removeItem(curve)
        self.grad_legend.clear()
        self.grad_curves = {}
        seen: dict[str, int] = {}
        for node_id in self.nodes:
            label = graph.node(node_id).label if graph is not None and node_id in graph else node_id
            base = node_color(graph, node_id)
            k = seen.get(base.name(), 0)
            seen[base.name()] = k + 1
            color = _SHADES[k % len(_SHADES)](base)  # same category, told apart by shade
            curve = _curve(self.grad_plot, color, name=label)
            curve.setCurveClickable(True, width=6)
            curve.sigClicked.connect(lambda _c, _e=None, n=node_id: self.node_clicked.emit(n))
            self.grad_curves[node_id] = curve
        axis = self.heat_plot.getPlotItem().getAxis("left")
        labels = [
            (i + 0.5, graph.node(n).label if graph is not None and n in graph else n)
            for i, n in enumerate(self.nodes)
        ]
        axis.setTicks([labels, []])
        self.heat_image.clear()
        self.refresh()

    def add_progress(self, batch: list[Any]) -> None:
        """Buffer trainer Progress reports, oldest first (no drawing here).

        A batch is concatenated once: this runs on the GUI thread ~10 times a second.
        """
        stepped = [p for p in batch if len(p.steps)]
        if stepped:
            steps = np.concatenate([p.steps for p in stepped])
            loss = np.concatenate([p.train_loss for p in stepped]).astype(np.float64)
            self.steps.extend(np.column_stack([steps, loss]))
            sm = ema(loss, self.smooth_spin.value(), self._ema)
            self._ema = float(sm[-1]) if np.isfinite(sm[-1]) else self._ema
            self.smoothed.extend(sm)
            grads = [
                p.grad_norms
                for p in stepped
                if p.grad_norms.size and p.grad_norms.shape[1] == len(self.nodes)
            ]
            if grads:
                g = np.concatenate(grads).astype(np.float64)
                self.grads.extend(np.maximum(g, TINY))
                self.latest_norms = dict(zip(self.nodes, g[-1].tolist(), strict=True))
                self._stale.update(("grad", "heat"))
            self.lr.extend([[p.steps[-1], p.lr] for p in stepped])
            self._stale.update(("loss", "lr"))
        for p in batch:
            er = p.epoch_result
            if er is None:
                continue
            metrics = er.val_metrics or {}
            metric = metrics.get(self.metric_name)
            if not isinstance(metric, (int, float)):
                metric = _num(_headline(metrics))
            val = er.val_loss if er.val_loss is not None else np.nan
            self.epochs.extend([[er.epoch, er.step, val, metric]])
            self._stale.update(("loss", "metric"))

    # --- drawing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Draw every stale plot now (a run ended, the smoothing or scale changed)."""
        for name in PLOTS:
            if name in self._stale:
                self._draw(name)

    def draw_next(self) -> None:
        """Redraw the stale plot longest past its ``REFRESH_AGE_S`` (one not yet drawn in this
        run first), and any cheap plot that is due. Hidden plots (another tab shown, dock
        closed) are not drawn; their data waits in the buffers."""
        if not self._stale or not self.isVisible():
            return
        now = time.monotonic()

        def lateness(name: str) -> float:
            return (now - self._drawn_at[name]) / REFRESH_AGE_S[name]

        first = max(self._stale, key=lateness)
        self._draw(first)
        for name in CHEAP:
            if name in self._stale and lateness(name) >= 1.0:
                self._draw(name)

    def _draw(self, name: str) -> None:
        self._stale.discard(name)
        self._drawn_at[name] = time.monotonic()
        x = self.steps.view(0)
        if name == "loss":
            self.train_raw.setData(x, self.steps.view(1))
            self.train_smooth.setData(x, self.smoothed.view(0))
            self.val_curve.setData(self.epochs.view(1), self.epochs.view(2))
            fit_y(self.loss_plot, self.log_box.isChecked(), self.steps.view(1), self.epochs.view(2))
        elif name == "metric":
            self.metric_curve.setData(self.epochs.view(0), self.epochs.view(3))
            fit_y(self.metric_plot, False, self.epochs.view(3))
        elif name == "lr":
            self.lr_curve.setData(self.lr.view(0), self.lr.view(1))
            fit_y(self.lr_plot, False, self.lr.view(1), floor_zero=True)
        elif name == "grad" and len(self.grads):
            for j, node_id in enumerate(self.nodes):
                self.grad_curves[node_id].setData(x[: len(self.grads)], self.grads.view(j))
            fit_y(self.grad_plot, True, self.grads.view())
        elif name == "heat":
            self._draw_heatmap()

    def _draw_heatmap(self) -> None:
        n = len(self.grads)
        if n == 0 or not self.nodes:
            return
        stride = max(1, -(-n // HEATMAP_ROWS))
        rows = self.grads.view()[: n - n % stride or n]
        if stride > 1:
            rows = rows.reshape(-1, stride, rows.shape[1]).max(axis=1)
        img = np.log10(rows)
        finite = img[np.isfinite(img)]
        levels = (float(finite.min()), float(finite.max()) + 1e-9) if finite.size else (0, 1)
        self.heat_image.setImage(img, levels=levels, autoLevels=False)
        x = self.steps.view(0)
        x0, x1 = float(x[0]), float(x[min(len(x), len(rows) * stride) - 1]) + 1
        self.heat_image.setRect(QRectF(x0, 0.0, max(1.0, x1 - x0), float(len(self.nodes))))

    def _set_loss_log(self, on: bool) -> None:
        self.loss_plot.setLogMode(y=on)
        self._stale.add("loss")
        if not self.live:
            self.refresh()

    def _resmooth(self) -> None:
        self.smoothed = GrowBuffer(1)
        sm = ema(self.steps.view(1), self.smooth_spin.value())
        self.smoothed.extend(sm)
        self._ema = float(sm[-1]) if len(sm) and np.isfinite(sm[-1]) else None
        self._stale.add("loss")
        if not self.live:
            self.refresh()

    def show_previous(self, runs: list[dict[str, Any]]) -> None:
        """Overlay earlier runs' per-epoch losses and metric, faded."""
        for item in self._previous:
            item.getViewBox().removeItem(item) if item.getViewBox() else None
        self._previous = []
        for age, run in enumerate(reversed(runs[-PREVIOUS_RUNS:])):
            epochs = run.get("epochs") or []
            if not epochs:
                continue
            alpha = max(40, 110 - 30 * age)
            step = np.array([e.get("step") or 0 for e in epochs], dtype=float)
            tl = np.array([_num(e.get("train_loss")) for e in epochs])
            vl = np.array([_num(e.get("val_loss")) for e in epochs])
            met = np.array([_num(_headline(e.get("val_metrics"))) for e in epochs])
            ep = np.array([e.get("epoch") or i + 1 for i, e in enumerate(epochs)], dtype=float)
            style = Qt.PenStyle.DashLine
            for plot, xs, ys, color in (
                (self.loss_plot, step, tl, QColor(47, 111, 222, alpha)),
                (self.loss_plot, step, vl, QColor(224, 137, 62, alpha)),
                (self.metric_plot, ep, met, QColor(46, 125, 50, alpha)),
            ):
                c = plot.plot(xs, ys, pen=pg.mkPen(color, width=1.2, style=style))
                c.setZValue(-10)
                self._previous.append(c)

    # --- hover --------------------------------------------------------------------------------

    def _hover(self, plot: pg.PlotWidget, pos: Any) -> None:
        vb = plot.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(pos):
            return
        x = vb.mapSceneToView(pos).x()
        self.readout.setText(self.describe_at(plot, x))

    def describe_at(self, plot: pg.PlotWidget, x: float) -> str:
        """The values under horizontal position ``x`` of ``plot``, as one line of text."""
        if plot is self.metric_plot:
            ep = self.epochs.view(0)
            if not len(ep):
                return ""
            i = int(np.clip(np.searchsorted(ep, x), 0, len(ep) - 1))
            return f"epoch {int(ep[i])}: metric {_fmt(self.epochs.view(3)[i])}"
        steps = self.steps.view(0)
        if not len(steps):
            return ""
        i = int(np.clip(np.searchsorted(steps, x), 0, len(steps) - 1))
        head = f"step {int(steps[i])}"
        if plot is self.lr_plot and len(self.lr):
            j = int(np.clip(np.searchsorted(self.lr.view(0), x), 0, len(self.lr) - 1))
            return f"{head}: lr {_fmt(self.lr.view(1)[j])}"
        if plot in (self.grad_plot, self.heat_plot) and i < len(self.grads):
            parts = [
                f"{self.grad_curves[n].name()} {_fmt(self.grads.view(j)[i])}"
                for j, n in enumerate(self.nodes)
            ]
            return f"{head}: " + ", ".join(parts)
        return f"{head}: loss {_fmt(self.steps.view(1)[i])} (smoothed {_fmt(self.smoothed.view(0)[i])})"


_SHADES = (  # layers of one category: the canvas colour, then hue-shifted darker/lighter
    lambda c: QColor(c),
    lambda c: QColor.fromHsvF((c.hueF() + 0.07) % 1.0, min(1.0, c.saturationF() * 1.1), 0.45),
    lambda c: QColor.fromHsvF((c.hueF() - 0.07) % 1.0, c.saturationF() * 0.8, 0.95),
    lambda c: QColor.fromHsvF((c.hueF() + 0.14) % 1.0, c.saturationF(), 0.7),
)


def _num(v: Any) -> float:
    return float(v) if isinstance(v, (int, float)) else np.nan


def _headline(metrics: Any) -> Any:
    if not isinstance(metrics, dict):
        return None
    return next((v for v in metrics.values() if isinstance(v, (int, float))), None)


def _fmt(v: float) -> str:
    return "—" if not np.isfinite(v) else f"{v:.4g}"
