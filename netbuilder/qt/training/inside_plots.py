"""Inside the network: the per-layer statistics the trainer samples, drawn over the run.

Plots per layer of the update-to-weight ratio (log scale, the healthy ~1e-3 marked), the weight
norm, the outputs' mean and std, and the share of dead (ReLU-like) or saturated (sigmoid, tanh)
units; beside them one layer's histograms over time (``histograms.py``). Layers have the
colours of the gradient plot (``layer_colors``). Samples arrive with the progress reports
(``Progress.inside``) and are kept in a bounded ``InsideHistory`` (it thins itself, so a long
run costs what a short one does); like the other plots, one stale plot is drawn per live
frame (``draw_next``), only while this tab is on screen. The pyqtgraph items are built when the
tab is first seen.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, translate
from netbuilder.qt.on_screen import when_seen
from netbuilder.qt.theme import theme_color
from netbuilder.qt.training.histograms import LayerHistograms
from netbuilder.qt.training.layer_colors import layer_colors, layer_label
from netbuilder.qt.training.plotkit import TINY, FrameClock, fit_y, fmt_value, make_curve, make_plot

KEPT_SAMPLES = 512  # the history thins itself past this (every other sample kept)
REFRESH_AGE_S = 1.0  # a stale plot is drawn at most this often while a run goes
HEALTHY_RATIO = 1e-3  # update / weight per step, the rule of thumb
HEALTHY_BAND = (1e-4, 1e-2)  # shaded: an order of magnitude either side
# name: (title, y label, field of InsideSamples, its columns, log y)
# (title and y label: sources in the "Plots" context, translated by make_plot)
STATS: dict[str, tuple[str, str, str, str, bool]] = {
    "ratio": (
        QT_TRANSLATE_NOOP("Plots", "Update / weight (≈1e-3 healthy)"),
        QT_TRANSLATE_NOOP("Plots", "ratio"),
        "update_ratio",
        "nodes",
        True,
    ),
    "wnorm": (QT_TRANSLATE_NOOP("Plots", "Weight norm"), "‖w‖", "weight_norm", "nodes", False),
    "mean": (
        QT_TRANSLATE_NOOP("Plots", "Output mean"),
        QT_TRANSLATE_NOOP("Plots", "mean"),
        "act_mean",
        "layers",
        False,
    ),
    "std": (
        QT_TRANSLATE_NOOP("Plots", "Output std"),
        QT_TRANSLATE_NOOP("Plots", "std"),
        "act_std",
        "layers",
        False,
    ),
    "share": (
        QT_TRANSLATE_NOOP("Plots", "Dead ─ / saturated ┄ units"),
        QT_TRANSLATE_NOOP("Plots", "share"),
        "",
        "layers",
        False,
    ),
}
PLOTS = (*STATS, "hist")
COLUMN_WIDTH = 300  # a plot narrower than this is hard to read: fewer columns then
FEW_POINTS = 64  # up to this many samples, each is marked on its curve
# The notes shown before samples come (sources: ``reset`` translates them).
EMPTY = QT_TRANSLATE_NOOP(
    "InsidePlots",
    "Train the network to see inside it: each layer's update-to-weight ratio, weight norm, "
    "outputs (mean, std, dead or saturated units) and histograms of its weights, gradients "
    "and outputs over time, sampled while it trains.",
)
WAITING = QT_TRANSLATE_NOOP(
    "InsidePlots",
    "Training: the first samples from inside the network come with the first steps.",
)
OFF = QT_TRANSLATE_NOOP(
    "InsidePlots",
    "Per-layer statistics are off (Edit > Preferences > Training statistics): this run "
    "records none.",
)
RECORDED = QT_TRANSLATE_NOOP(
    "InsidePlots",
    "Samples from inside the network are not saved with a project: train the network to see "
    "inside it (its update-to-weight ratios, weight norms, outputs and histograms over time).",
)


class InsidePlots(QWidget):
    """The "Inside the network" tab, fed by ``add_samples``; ``node_clicked`` on a curve."""

    node_clicked = Signal(str)

    def __init__(self, clock: FrameClock | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._built = False  # before any event: event() reads it
        self.clock = clock or FrameClock()
        self.message = QLabel(translate("InsidePlots", EMPTY))
        self.message.setObjectName("insideEmpty")
        self.message.setProperty("role", "help")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.readout = QLabel(translate("InsidePlots", "Hover over a plot to read its values."))
        self.readout.setObjectName("insideReadout")
        self.readout.setProperty("role", "help")
        # Long readouts (many layers) are cut, never widen the tab.
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.legend = QLabel()
        self.legend.setObjectName("insideLegend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.histograms = LayerHistograms()
        self.histograms.changed.connect(self._histogram_changed)
        self.content = QWidget()
        self._grid = QGridLayout(self.content)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(4)
        self.columns = 0  # of plots side by side: follows the width (``_arrange``)
        self.content.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.content, 1)
        self.plots: dict[str, Any] = {}
        self.curves: dict[str, dict[str, Any]] = {}
        self.graph: Any = None
        self.total_steps = 0
        self.history: Any = None  # InsideHistory of this run (engine: imported with torch)
        self._shape: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
        self._stale: set[str] = set()
        self._drawn_at = dict.fromkeys(PLOTS, 0.0)
        self.every = 0  # the sampling interval said on the plots

    # --- data in ------------------------------------------------------------------------------

    def reset(self, graph: Any = None, note: str = EMPTY, total_steps: int = 0) -> None:
        """Forget the samples (a new run, another project); ``note`` (a source of the
        "InsidePlots" context, or words already translated) shows until samples come. With the
        run's length known, the x axes span it (where the samples fall in the run)."""
        self.graph = graph
        self.total_steps = total_steps
        self.history = None
        self._shape = ((), ())
        self._stale = set()
        self.every = 0
        self.message.setText(translate("InsidePlots", note))
        self.message.show()
        self.content.hide()
        self.legend.clear()
        self.histograms.clear()
        if self._built:
            for name in STATS:
                self._clear_curves(name)
            for name in PLOTS:
                self._note_every(name, 0)
            self._fix_x()
        self._drawn_at = dict.fromkeys(PLOTS, 0.0)

    def add_samples(self, batch: list[Any]) -> None:
        """Keep ``InsideSamples`` of a batch of reports (no drawing here)."""
        if not batch:
            return
        if self.history is None:
            from netbuilder.engine.training.inside import InsideHistory  # torch is loaded

            self.history = InsideHistory(KEPT_SAMPLES)
        for samples in batch:
            if len(samples):
                self.history.add(samples)
        self._stale = set(PLOTS)
        if not self.content.isVisibleTo(self):
            self.message.hide()
            self.content.show()

    @property
    def samples(self) -> Any:
        """Every kept sample of the run (``InsideSamples``), or None before the first."""
        return self.history.samples if self.history is not None else None

    def select_nodes(self, node_ids: list[str]) -> None:
        """The canvas selection: its first node's histograms are shown (if it has any)."""
        if node_ids:
            self.histograms.follow(node_ids[0])

    # --- the plots, built on first use --------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if not self._built:
            when_seen(self, event, self.build)
        return super().event(event)

    def build(self) -> None:
        """The plots, made when the tab is first seen (~0.1 s the window's start-up skips)."""
        if self._built:
            return
        self._built = True
        for name, (title, left, _f, _c, log) in STATS.items():
            plot = make_plot(title, left)
            plot.setObjectName(f"inside_{name}")
            if log:
                plot.setLogMode(y=True)
                plot.setYRange(-5, -1, padding=0)
            self.plots[name] = plot
            self.curves[name] = {}
        self.plots["share"].setYRange(0, 0.1, padding=0.02)
        self.plots["share"].setToolTip(
            translate(
                "InsidePlots",
                "Solid: share of a ReLU's units that output 0 for the whole batch (dead).\n"
                "Dashed: share of a sigmoid's or tanh's outputs within 1% of its limits "
                "(saturated).",
            )
        )
        self._mark_healthy(self.plots["ratio"])
        self.plots["hist"] = self.histograms.plot
        for plot in self.plots.values():
            plot.clock = self.clock
            plot.scene().sigMouseMoved.connect(lambda pos, p=plot: self._hover(p, pos))
        self._arrange(self._columns_for(self.width()))
        self._fix_x()
        self._stale = set(PLOTS) if self.history is not None else set()
        self.refresh()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._built:
            self._arrange(self._columns_for(event.size().width()))

    @staticmethod
    def _columns_for(width: int) -> int:
        return 3 if width >= 3 * COLUMN_WIDTH else 2 if width >= 2 * COLUMN_WIDTH else 1

    def _arrange(self, columns: int) -> None:
        """The plots in ``columns`` columns, in order of use: the update ratio, weight norm and
        histograms first (the row a low dock shows), then the outputs. In a narrow column of
        docks (a small window) they stack rather than scroll sideways."""
        if columns == self.columns:
            return
        self.columns = columns
        grid = self._grid
        widgets = [self.plots["ratio"], self.plots["wnorm"], self.histograms]
        widgets += [self.plots[n] for n in ("mean", "std", "share")]
        for w in (self.legend, self.readout, *widgets):
            grid.removeWidget(w)
        grid.addWidget(self.legend, 0, 0, 1, columns)
        grid.addWidget(self.readout, 1, 0, 1, columns)
        for i, w in enumerate(widgets):
            grid.addWidget(w, 2 + i // columns, i % columns)
        for col in range(3):
            grid.setColumnStretch(col, 1 if col < columns else 0)
        for row in range(2, 8):
            grid.setRowStretch(row, 1 if row < 2 + -(-len(widgets) // columns) else 0)

    def _fix_x(self) -> None:
        for plot in self.plots.values():
            if self.total_steps > 0:
                plot.setXRange(0, self.total_steps, padding=0.01)
            else:
                plot.getPlotItem().enableAutoRange(x=True)

    def _mark_healthy(self, plot: Any) -> None:
        """The healthy band (log axis: the items sit at log10 of the values) and 1e-3."""
        lo, hi = np.log10(HEALTHY_BAND)
        healthy = theme_color("ok")
        fill, edge = QColor(healthy), QColor(healthy)
        fill.setAlpha(28)
        edge.setAlpha(150)
        band = pg.LinearRegionItem(
            (lo, hi), orientation="horizontal", movable=False, brush=fill, pen=None
        )
        band.setZValue(-20)
        plot.addItem(band)
        line = pg.InfiniteLine(
            np.log10(HEALTHY_RATIO),
            angle=0,
            pen=pg.mkPen(edge, style=Qt.PenStyle.DashLine),
        )
        plot.addItem(line)

    # --- drawing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Draw every stale plot now (a run ended, the tab was built)."""
        if self._built:
            for name in PLOTS:
                if name in self._stale:
                    self._draw(name)

    def draw_next(self) -> None:
        """Draw the stale plot longest undrawn, once it is ``REFRESH_AGE_S`` old: one a live
        frame at most, and none while the tab is not on screen."""
        if not self._stale or not self._built or not self.isVisible():
            return
        name = min(self._stale, key=lambda n: self._drawn_at[n])
        if time.monotonic() - self._drawn_at[name] >= REFRESH_AGE_S:
            self._draw(name)

    def _draw(self, name: str) -> None:
        self._stale.discard(name)
        self._drawn_at[name] = time.monotonic()
        samples = self.samples
        if samples is None or not len(samples):
            return
        if self._shape != (samples.nodes, samples.layers):
            self._make_curves(samples)
        if name == "hist":
            self.histograms.draw(samples, self.graph)
            self._note_every(name, samples.every)
            return
        x = samples.steps.astype(np.float64)
        few = len(x) <= FEW_POINTS  # each sample marked, so a sparse curve reads as sampled
        for key, curve in self.curves[name].items():
            pen = curve.opts["pen"]
            marks = {"symbol": "o", "symbolSize": 4, "symbolPen": pen, "symbolBrush": pen.color()}
            curve.setData(
                x, self._column(samples, name, key), **(marks if few else {"symbol": None})
            )
        values = [self._column(samples, name, k) for k in self.curves[name]]
        if name == "ratio":
            values.append(np.array(HEALTHY_BAND))  # the band stays in sight
        if name == "share":
            values.append(np.array([0.0, 0.1]))  # from 0, and a few percent reads as few
        if values:
            fit_y(self.plots[name], STATS[name][4], *values, floor_zero=name == "share")
        self._note_every(name, samples.every)

    def _column(self, samples: Any, name: str, key: str) -> np.ndarray:
        """The values of one curve: ``key`` is a layer, or ``layer/dead`` on the share plot."""
        layer, _, field = key.partition("/")
        _t, _l, stat, columns, log = STATS[name]
        names = getattr(samples, columns)
        values = np.asarray(getattr(samples, field or stat)[:, names.index(layer)], np.float64)
        return np.maximum(values, TINY) if log else values

    def _make_curves(self, samples: Any) -> None:
        """A curve per layer (the share plot: per ReLU-like, sigmoid or tanh layer), coloured
        as in the gradient plot; a click selects the layer's node on the canvas."""
        self._shape = (samples.nodes, samples.layers)
        colors = layer_colors(self.graph, samples.nodes, samples.layers)
        for name, (_t, _l, stat, columns, _log) in STATS.items():
            self._clear_curves(name)
            for layer in getattr(samples, columns):
                j = samples.layers.index(layer) if columns == "layers" else -1
                keys = [layer]
                if name == "share":
                    keys = [f"{layer}/{f}" for f in ("dead", "saturated") if _finite(samples, f, j)]
                elif columns == "layers" and not _finite(samples, stat, j):
                    keys = []  # no output to measure (a layer off the path)
                for key in keys:
                    style = (
                        Qt.PenStyle.DashLine
                        if key.endswith("/saturated")
                        else Qt.PenStyle.SolidLine
                    )
                    curve = make_curve(self.plots[name], colors[layer])
                    curve.setPen(pg.mkPen(colors[layer], width=1.0, style=style))
                    curve.opts["connect"] = "finite"
                    curve.setCurveClickable(True, width=6)
                    curve.sigClicked.connect(lambda _c, _e=None, n=layer: self.node_clicked.emit(n))
                    self.curves[name][key] = curve
        drawn = {key.partition("/")[0] for curves in self.curves.values() for key in curves}
        shown = [n for n in colors if n in drawn]
        self.legend.setText(
            "  ".join(
                f"<span style='color:{colors[n].name()}'>■</span> {layer_label(self.graph, n)}"
                for n in shown
            )
        )
        measured = [n for n in samples.layers if n in samples.nodes or n in self.curves["mean"]]
        self.histograms.set_layers(tuple(measured), self.graph)
        if self.histograms.layer not in samples.nodes and samples.nodes:
            self.histograms.follow(samples.nodes[0])  # weights first: a layer that has them

    def _clear_curves(self, name: str) -> None:
        for curve in self.curves.get(name, {}).values():
            self.plots[name].removeItem(curve)
        self.curves[name] = {}

    def _note_every(self, name: str, every: int) -> None:
        """Say on the axis how the values were sampled (only when that changes: a new label
        re-lays the axis out)."""
        note = (
            translate("InsidePlots", "step, sampled every {n}").format(n=every)
            if every > 1
            else translate("Plots", "step")
        )
        axis = self.plots[name].getPlotItem().getAxis("bottom")
        if axis.labelText != note:
            axis.setLabel(note)
        self.every = every

    def _histogram_changed(self) -> None:
        self._stale.add("hist")
        if self._built and self.history is not None:
            self._draw("hist")  # a user's choice is answered at once

    # --- hover --------------------------------------------------------------------------------

    def _hover(self, plot: Any, pos: Any) -> None:
        vb = plot.getPlotItem().getViewBox()
        if vb.sceneBoundingRect().contains(pos):
            point = vb.mapSceneToView(pos)
            self.readout.setText(self.describe_at(plot, point.x(), point.y()))

    def describe_at(self, plot: Any, x: float, y: float = 0.0) -> str:
        """The values under ``(x, y)`` of ``plot``: on a per-layer plot each layer's value at
        the last sample at or before step ``x``."""
        if plot is self.histograms.plot:
            return self.histograms.describe_at(x, y)
        samples = self.samples
        name = next((n for n, p in self.plots.items() if p is plot), None)
        if samples is None or not len(samples) or name is None:
            return ""
        i = int(np.clip(np.searchsorted(samples.steps, x, side="right") - 1, 0, len(samples) - 1))
        parts = []
        for key in self.curves[name]:
            layer, _, field = key.partition("/")
            value = self._column(samples, name, key)[i]
            label = layer_label(self.graph, layer)
            if field == "dead":
                part = translate("InsidePlots", "{layer} dead {value}")
            elif field == "saturated":
                part = translate("InsidePlots", "{layer} saturated {value}")
            else:
                part = translate("InsidePlots", "{layer} {value}")
            text = f"{value:.0%}" if field else fmt_value(value)
            parts.append(part.format(layer=label, value=text))
        return translate("InsidePlots", "step {step}: {values}").format(
            step=int(samples.steps[i]), values=", ".join(parts)
        )


def _finite(samples: Any, field: str, j: int) -> bool:
    return bool(np.isfinite(getattr(samples, field)[:, j]).any())
