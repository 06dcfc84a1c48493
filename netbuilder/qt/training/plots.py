"""Live training plots: loss, the task metric, learning rate, gradient magnitudes.

Progress batches are appended to preallocated numpy buffers (``GrowBuffer``, doubling when
full); each live frame (the controller's frame timer, see ``controller.py``) pushes the buffers
of ONE plot into its existing curve items with ``setData`` on views, so a burst of progress
costs one redraw. Curves use peak downsampling to about one sample per pixel and clip-to-view,
which keeps a long run as cheap to draw as a short one. Painting time is added up in a
``FrameClock``, so the frame timer can ration it. The pyqtgraph plots themselves are built
on first use (``_build``: ~0.1 s, which the window's start-up does not pay).
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, translate
from netbuilder.qt.on_screen import when_seen
from netbuilder.qt.theme import BLUE, GREEN, HEAT_MAP, ORANGE, VIOLET, color_map
from netbuilder.qt.training.inside_plots import EMPTY, RECORDED, WAITING, InsidePlots
from netbuilder.qt.training.layer_colors import layer_colors, layer_label
from netbuilder.qt.training.plot_tables import describe_at, heatmap_image, recorded_table
from netbuilder.qt.training.plotkit import (
    LEGEND_COLUMNS,
    TINY,
    FrameClock,
    GrowBuffer,
    add_legend,
    as_number,
    ema,
    fit_y,
    headline,
    make_curve,
    make_plot,
    metric_label,
    previous_curves,
)

# Live redraws: per frame, the plot furthest past its refresh age (seconds), the loss plot (the
# one people watch) the most often; the cheap ones (~0.5 ms with painting) join any frame once
# they are due.
REFRESH_AGE_S = {"loss": 0.5, "grad": 1.0, "metric": 1.0, "lr": 2.0, "heat": 1.5}
CHEAP = ("lr", "heat")
PLOTS = tuple(REFRESH_AGE_S)
PREVIOUS_RUNS = 3
# The plots' widgets and items, built on first use (``TrainingPlots._build``).
VIEW_ITEMS = frozenset(
    (
        "loss_plot",
        "metric_plot",
        "lr_plot",
        "grad_plot",
        "heat_plot",
        "heat_image",
        "grad_legend",
        "loss_legend",
        "train_raw",
        "train_smooth",
        "val_curve",
        "metric_curve",
        "lr_curve",
        "grad_curves",
    )
)


class TrainingPlots(QWidget):
    """Loss/metric/LR and gradient plots fed by ``add_progress``; ``node_clicked`` on a curve."""

    node_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._built = False
        self._run: tuple[Any, ...] = ((), None, "", 0, 0)  # reset()'s arguments, for _build
        self._previous_runs: list[dict[str, Any]] = []
        self._previous: list[Any] = []

        self.log_box = QCheckBox(translate("TrainingPlots", "Log scale"))
        self.log_box.setObjectName("lossLogScale")
        self.log_box.toggled.connect(self._set_loss_log)
        self.smooth_spin = QDoubleSpinBox()
        self.smooth_spin.setObjectName("lossSmoothing")
        self.smooth_spin.setRange(0.0, 0.999)
        self.smooth_spin.setSingleStep(0.05)
        self.smooth_spin.setDecimals(3)
        self.smooth_spin.setValue(0.9)
        self.smooth_spin.setToolTip(
            translate("TrainingPlots", "Exponential smoothing of the training loss (0 = none)")
        )
        self.smooth_spin.valueChanged.connect(self._resmooth)
        self.readout = QLabel(translate("TrainingPlots", "Hover over a plot to read its values."))
        self.readout.setObjectName("plotReadout")
        self.readout.setProperty("role", "help")

        controls = QHBoxLayout()
        controls.addWidget(self.log_box)
        controls.addWidget(QLabel(translate("TrainingPlots", "Smoothing")))
        controls.addWidget(self.smooth_spin)
        controls.addSpacing(12)
        controls.addWidget(self.readout, 1)
        self._top = QHBoxLayout()
        self._bottom = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(controls)
        layout.addLayout(self._top, 1)
        layout.addLayout(self._bottom, 1)

        self._drawn_at = dict.fromkeys(PLOTS, 0.0)  # time.monotonic() of each plot's last draw
        self.clock = FrameClock()
        # The "Inside the network" tab (the window places it): fed and drawn through these
        # plots, so the controller's frames ration its drawing too.
        self.inside = InsidePlots(self.clock)
        self.inside.node_clicked.connect(self.node_clicked)
        self._stale: set[str] = set()
        self.graph: Any = None
        self.live = False  # a run is feeding the plots: its frame timer draws them
        self.reset(())

    # --- the plots, built on first use --------------------------------------------------------

    def __getattr__(self, name: str) -> Any:
        """Reading a plot or one of its items before they exist builds them."""
        if name in VIEW_ITEMS and not self.__dict__.get("_built", True):
            self._build()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def event(self, event: QEvent) -> bool:
        if not self._built:
            when_seen(self, event, self._build)
        return super().event(event)

    def _build(self) -> None:
        """The five pyqtgraph plots and their items. They take ~0.1 s to build, and the
        window opens with them behind the Issues tab: built when they come on screen, or when
        anything reads one of them (``VIEW_ITEMS``), not before the window's first paint."""
        if self._built:
            return
        self._built = True
        self.loss_plot = make_plot(
            QT_TRANSLATE_NOOP("Plots", "Loss"), QT_TRANSLATE_NOOP("Plots", "loss")
        )
        self.metric_plot = make_plot(
            QT_TRANSLATE_NOOP("Plots", "Validation metric"),
            QT_TRANSLATE_NOOP("Plots", "value"),
            QT_TRANSLATE_NOOP("Plots", "epoch"),
        )
        self.lr_plot = make_plot(
            QT_TRANSLATE_NOOP("Plots", "Learning rate"), QT_TRANSLATE_NOOP("Plots", "lr")
        )
        self.grad_plot = make_plot(
            QT_TRANSLATE_NOOP("Plots", "Gradient norm per layer"),
            QT_TRANSLATE_NOOP("Plots", "‖grad‖"),
        )
        self.grad_plot.setLogMode(y=True)
        self.heat_plot = make_plot(QT_TRANSLATE_NOOP("Plots", "Gradients over time (log10)"), "")
        self.heat_plot.getPlotItem().setDownsampling(auto=False)
        self.heat_image = pg.ImageItem()
        self.heat_image.setColorMap(color_map(HEAT_MAP))
        self.heat_plot.addItem(self.heat_image)
        self.grad_legend = add_legend(self.grad_plot, LEGEND_COLUMNS)

        raw = QColor(BLUE)
        raw.setAlpha(70)  # each step's loss, faint behind the smoothed curve
        self.train_raw = make_curve(self.loss_plot, raw)
        self.loss_legend = add_legend(self.loss_plot, 2)
        self.train_smooth = make_curve(
            self.loss_plot, BLUE, 2.0, name=translate("TrainingPlots", "training")
        )
        self.val_curve = make_curve(
            self.loss_plot,
            ORANGE,
            symbol="o",
            symbolSize=5,
            symbolBrush=ORANGE,
            name=translate("TrainingPlots", "validation"),
        )
        self.metric_curve = make_curve(
            self.metric_plot, GREEN, 1.5, symbol="o", symbolSize=5, symbolBrush=GREEN
        )
        self.lr_curve = make_curve(self.lr_plot, VIOLET)
        self.grad_curves: dict[str, Any] = {}
        if self.log_box.isChecked():
            self.loss_plot.setLogMode(y=True)

        for w in (self.loss_plot, self.metric_plot, self.lr_plot):
            self._top.addWidget(w)
        self._bottom.addWidget(self.grad_plot, 3)
        self._bottom.addWidget(self.heat_plot, 2)
        for plot in (
            self.loss_plot,
            self.metric_plot,
            self.lr_plot,
            self.grad_plot,
            self.heat_plot,
        ):
            plot.scene().sigMouseMoved.connect(lambda pos, p=plot: self._hover(p, pos))
            plot.clock = self.clock
        self._reset_view(*self._run)
        self.show_previous(self._previous_runs)

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
        self._run = (tuple(nodes), graph, metric, total_steps, epochs)
        self.nodes = tuple(nodes)
        self.steps = GrowBuffer(2)  # step, loss
        self.smoothed = GrowBuffer(1)
        self.lr = GrowBuffer(2)
        self.epochs = GrowBuffer(4)  # epoch, step, val_loss, metric
        self.grads = GrowBuffer(1 + len(self.nodes))  # step, a norm per node (sampled steps)
        self.grad_every = 0
        self._ema: float | None = None
        self.recorded = False  # show_history: per-epoch means, not smoothed
        self.latest_norms: dict[str, float] = {}
        self._stale = set(PLOTS)
        self.metric_name = metric
        self.inside.reset(graph, WAITING if nodes else EMPTY, total_steps)
        if self._built:
            self._reset_view(*self._run)

    def show_history(self, run: dict[str, Any], graph: Any = None, metric: str = "") -> None:
        """A recorded run (history.json's entry: an opened project's last run), drawn from its
        per-epoch numbers: training loss (already an epoch's mean: not smoothed again),
        validation loss and metric, learning rate. No gradients: they are not recorded."""
        table = recorded_table(run, metric)
        last_step = int(table[-1, 1]) if len(table) else 0
        n_epochs = int(table[-1, 0]) if len(table) else 0
        self.reset((), graph, metric, last_step, n_epochs)
        self.inside.reset(graph, RECORDED)
        self.recorded = True
        self.steps.extend(table[:, [1, 2]])
        self.smoothed.extend(table[:, 2])
        self.lr.extend(table[:, [1, 5]])
        self.epochs.extend(table[:, [0, 1, 3, 4]])
        self._stale = set(PLOTS)
        self.refresh()

    def _reset_view(
        self, nodes: tuple[str, ...], graph: Any, metric: str, total_steps: int, epochs: int
    ) -> None:
        """The plots' side of ``reset``: axes, labels, a curve per node, drawn empty."""
        for plot in (self.loss_plot, self.lr_plot, self.grad_plot, self.heat_plot):
            if total_steps > 0:
                plot.setXRange(0, total_steps, padding=0.01)
            else:
                plot.getPlotItem().enableAutoRange(x=True)
        if epochs > 0:
            self.metric_plot.setXRange(0.5, epochs + 0.5, padding=0)
        else:
            self.metric_plot.getPlotItem().enableAutoRange(x=True)
        self.metric_plot.getPlotItem().getAxis("left").setLabel(
            metric_label(metric) if metric else translate("Plots", "value")
        )
        for curve in self.grad_curves.values():
            self.grad_plot.removeItem(curve)
        # Empty, a log axis over pyqtgraph's default (1 to 10) labels 2, 3, ... 9 in a stack.
        self.grad_plot.setYRange(-3, 1, padding=0)
        self.grad_legend.clear()
        self.grad_legend.setColumnCount(max(1, min(len(nodes), LEGEND_COLUMNS)))
        self.grad_curves = {}
        colors = layer_colors(graph, nodes)  # as in the inside-the-network plots
        for node_id in nodes:
            curve = make_curve(self.grad_plot, colors[node_id], name=layer_label(graph, node_id))
            curve.setCurveClickable(True, width=6)
            curve.sigClicked.connect(lambda _c, _e=None, n=node_id: self.node_clicked.emit(n))
            self.grad_curves[node_id] = curve
        axis = self.heat_plot.getPlotItem().getAxis("left")
        labels = [(i + 0.5, layer_label(graph, n)) for i, n in enumerate(nodes)]
        axis.setTicks([labels, []])
        self.heat_image.clear()
        self.refresh()
        self._drawn_at = dict.fromkeys(PLOTS, 0.0)  # drawn empty: each is due with its first data

    def add_progress(self, batch: list[Any]) -> None:
        """Buffer trainer Progress reports, oldest first (no drawing here).

        A batch is concatenated once: this runs on the GUI thread ~10 times a second.
        """
        self.inside.add_samples([p.inside for p in batch if p.inside is not None])
        stepped = [p for p in batch if len(p.steps)]
        if stepped:
            steps = np.concatenate([p.steps for p in stepped])
            loss = np.concatenate([p.train_loss for p in stepped]).astype(np.float64)
            self.steps.extend(np.column_stack([steps, loss]))
            sm = ema(loss, self.smooth_spin.value(), self._ema)
            self._ema = float(sm[-1]) if np.isfinite(sm[-1]) else self._ema
            self.smoothed.extend(sm)
            grads = [  # each row at its own step: norms are sampled every grad_every steps
                np.column_stack([p.grad_steps, p.grad_norms])
                for p in stepped
                if p.grad_norms.size and p.grad_norms.shape == (len(p.grad_steps), len(self.nodes))
            ]
            if grads:
                g = np.concatenate(grads).astype(np.float64)
                g[:, 1:] = np.maximum(g[:, 1:], TINY)
                self.grads.extend(g)
                self.latest_norms = dict(zip(self.nodes, g[-1, 1:].tolist(), strict=True))
                self._stale.update(("grad", "heat"))
                self.grad_every = stepped[-1].grad_every
            self.lr.extend([[p.steps[-1], p.lr] for p in stepped])
            self._stale.update(("loss", "lr"))
        for p in batch:
            er = p.epoch_result
            if er is None:
                continue
            metrics = er.val_metrics or {}
            metric = metrics.get(self.metric_name)
            if not isinstance(metric, (int, float)):
                metric = as_number(headline(metrics))
            val = er.val_loss if er.val_loss is not None else np.nan
            self.epochs.extend([[er.epoch, er.step, val, metric]])
            self._stale.update(("loss", "metric"))

    # --- drawing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Draw every stale plot now (a run ended, the smoothing or scale changed)."""
        self.inside.refresh()
        if not self._built:  # drawn when built
            return
        for name in PLOTS:
            if name in self._stale:
                self._draw(name)

    def draw_next(self) -> None:
        """Redraw the stale plot longest past its ``REFRESH_AGE_S`` (one not yet drawn in this
        run first), and any cheap plot that is due. Hidden plots (another tab shown, dock
        closed) are not drawn; their data waits in the buffers. The inside-the-network tab
        draws instead while it is the one shown."""
        self.inside.draw_next()
        if not self._stale or not self._built or not self.isVisible():
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
            for j, node_id in enumerate(self.nodes, 1):
                self.grad_curves[node_id].setData(self.grads.view(0), self.grads.view(j))
            fit_y(self.grad_plot, True, self.grads.view()[:, 1:])
            self._note_every()
        elif name == "heat":
            self._draw_heatmap()

    def _draw_heatmap(self) -> None:
        made = heatmap_image(self.grads.view(), self.grad_every) if self.nodes else None
        if made is not None:
            img, levels, (x0, x1) = made
            self.heat_image.setImage(img, levels=levels, autoLevels=False)
            self.heat_image.setRect(QRectF(x0, 0.0, max(1.0, x1 - x0), float(len(self.nodes))))

    def _note_every(self) -> None:
        """Say on the gradient plot's axis how often its norms are sampled (set when it changes:
        a new label re-lays the axis out)."""
        every = self.grad_every
        if every != getattr(self, "_noted_every", 1):
            note = (
                translate("TrainingPlots", "step (norms sampled every {n} steps)").format(n=every)
                if every > 1
                else translate("Plots", "step")
            )
            self.grad_plot.getPlotItem().getAxis("bottom").setLabel(note)
            self._noted_every = every

    def _set_loss_log(self, on: bool) -> None:
        if self._built:
            self.loss_plot.setLogMode(y=on)
        self._stale.add("loss")
        if not self.live:
            self.refresh()

    def _resmooth(self) -> None:
        self.smoothed = GrowBuffer(1)
        sm = ema(self.steps.view(1), 0.0 if self.recorded else self.smooth_spin.value())
        self.smoothed.extend(sm)
        self._ema = float(sm[-1]) if len(sm) and np.isfinite(sm[-1]) else None
        self._stale.add("loss")
        if not self.live:
            self.refresh()

    def show_previous(self, runs: list[dict[str, Any]]) -> None:
        """Overlay earlier runs' per-epoch losses and metric, faded."""
        self._previous_runs = list(runs)
        if not self._built:  # drawn when built
            return
        for item in self._previous:
            item.getViewBox().removeItem(item) if item.getViewBox() else None
        self._previous = []
        self._previous = previous_curves(self.loss_plot, self.metric_plot, runs[-PREVIOUS_RUNS:])

    # --- hover --------------------------------------------------------------------------------

    def _hover(self, plot: pg.PlotWidget, pos: Any) -> None:
        vb = plot.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(pos):
            return
        x = vb.mapSceneToView(pos).x()
        self.readout.setText(self.describe_at(plot, x))

    def describe_at(self, plot: pg.PlotWidget, x: float) -> str:
        """The values under horizontal position ``x`` of ``plot``, as one line of text."""
        return describe_at(self, plot, x)
