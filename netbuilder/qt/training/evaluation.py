"""Results of a run: test metrics, confusion matrix, predicted-vs-true, decision boundary.

The numbers come from the engine (``Trainer.evaluate`` / ``SessionResult.test``); this module
only lays them out. Evaluating again, and the predictions of a regression, run in a ``Task``
(``PreparedRun.evaluate_split`` on its thread); a result is shown only if no newer evaluation
or another project came meanwhile. The decision boundary is computed in the training thread
(``engine.training.boundary``) and arrives here as a ``BoundaryGrid`` a few times a minute
during training.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netbuilder.engine.training.baseline import describe as describe_baseline
from netbuilder.qt.on_screen import when_seen
from netbuilder.qt.tasks import Task, describe

if TYPE_CHECKING:  # torch: imported on a task's thread, not when the window starts
    from netbuilder.engine.training.session import SplitEvaluation

CLASS_COLORS = ["#2f6fde", "#e0893e", "#2e7d32", "#b07cc6", "#cf6b5c", "#49a6b8", "#8f9bb3"]


def heat_color(fraction: float) -> QColor:
    """White to deep blue for a cell holding ``fraction`` of its row."""
    f = float(np.clip(fraction, 0.0, 1.0))
    return QColor(int(255 - 208 * f), int(255 - 144 * f), int(255 - 33 * f))


def format_metrics(summary: dict[str, Any]) -> str:
    """One readable line of a run's summary (test metrics when there are any)."""
    parts = []
    status = summary.get("status")
    if status:
        parts.append(f"<b>{status.replace('_', ' ')}</b>")
    split = "test" if summary.get("test_metrics") else "validation"
    metrics = summary.get("test_metrics") or summary.get("val_metrics") or {}
    base = summary.get("baseline")
    for k, v in metrics.items():
        if isinstance(v, (int, float)):
            part = f"{split} {METRIC_LABELS.get(k, k)} <b>{_metric(k, v)}</b>"
            parts.append(part + _beside(k, base))
    for key, label in (("test_loss", "test loss"), ("val_loss", "validation loss")):
        if summary.get(key) is not None:
            parts.append(f"{label} {summary[key]:.4f}")
    if summary.get("steps_per_s"):
        parts.append(f"{summary['steps']} steps at {summary['steps_per_s']:.0f}/s")
    return " · ".join(parts)


METRIC_LABELS = {"rmse": "RMSE", "mae": "MAE", "mse": "MSE", "r2": "R²"}
#: The model's figure that the baseline is shown beside (one per task, not every metric).
BESIDE = {"mean": "rmse", "majority class": "accuracy"}


def _metric(key: str, value: float) -> str:
    return f"{value:.2%}" if key == "accuracy" else f"{value:.4g}"


def _beside(key: str, base: Any) -> str:
    """The "(baseline: 77.09, predicting the training mean 152.1)" after the metric the
    baseline is compared on; nothing for the others, or for a summary saved before baselines."""
    if not isinstance(base, dict) or BESIDE.get(base.get("kind", "")) != key:
        return ""
    value = base.get(key)
    if not isinstance(value, (int, float)):
        return ""
    return f" (baseline: {_metric(key, value)}, {escape(describe_baseline(base))})"


NOT_TRAINED = "Train the network to see how it does on the test split."
NO_SPLIT = "The dataset has no test or validation split."


SAVED_WEIGHTS = "Trained weights loaded: <b>Evaluate now</b> to see how they do on the test split."


class EvaluationView(QWidget):
    """Test metrics line plus the pictures that fit the task. ``prepared`` carries the
    PreparedRun that ``evaluate_saved`` built (the next evaluation reuses it)."""

    prepared = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The two plots cost ~65 ms to build, a quarter of the window's: built when the view
        # is first seen or a picture is first drawn (the window starts with it out of sight).
        self._plots: _Plots | None = None
        self.summary = QLabel(NOT_TRAINED)
        self.summary.setObjectName("evaluationSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.evaluate_button = QPushButton("Evaluate now")
        self.evaluate_button.setObjectName("evaluateButton")
        self.evaluate_button.setToolTip("Evaluate the trained weights on the test split")
        self.evaluate_button.setEnabled(False)

        self.confusion = QTableWidget()
        self.confusion.setObjectName("confusionMatrix")
        self.confusion.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.confusion.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.confusion.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.confusion_title = QLabel("Confusion matrix (rows: true class, columns: predicted)")
        self.confusion_title.setProperty("role", "heading")

        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(self.evaluate_button)
        left = QVBoxLayout()
        left.addWidget(self.confusion_title)
        left.addWidget(self.confusion, 1)
        self.left = QWidget()
        self.left.setLayout(left)
        body = self._body = QHBoxLayout()
        body.addWidget(self.left, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(head)
        layout.addLayout(body, 1)
        self._grid: Any = None  # the newest boundary grid not drawn yet
        self._points_shown: Any = None  # the data points the boundary plot shows
        self.evaluation_task: Task | None = None  # the newest evaluation, while it runs
        self._task_view = (True, False)  # (classification, two features)
        self.set_task("classification", two_features=False)

    @property
    def plots(self) -> _Plots:
        """The predicted-vs-true and decision-boundary plots, built on first use."""
        if self._plots is None:
            self._plots = _Plots()
            self._body.addWidget(self._plots.scatter_plot, 1)
            self._body.addWidget(self._plots.boundary_plot, 1)
            self._show_task_plots()
        return self._plots

    def event(self, event: QEvent) -> bool:
        if self._plots is None:
            when_seen(self, event, lambda: self.plots)
        return super().event(event)

    def clear(self) -> None:
        """Back to the state before any run (another project was opened)."""
        self.cancel_evaluation()
        self.summary.setText(NOT_TRAINED)
        self.confusion.clear()
        self.confusion.setRowCount(0)
        self.confusion.setColumnCount(0)
        if self._plots is not None:
            self._plots.scatter.clear()
            self._plots.diagonal.setData([], [])
            self._plots.boundary_image.clear()
            self._plots.boundary_points.clear()
        self._grid, self._points_shown = None, None
        self.evaluate_button.setEnabled(False)

    def set_task(self, task: str, two_features: bool) -> None:
        """Show only the pictures that make sense for ``task``."""
        classification = task in ("classification", "binary")
        self._task_view = (classification, two_features)
        self.left.setVisible(classification)
        self._show_task_plots()

    def _show_task_plots(self) -> None:
        if self._plots is not None:
            classification, two_features = self._task_view
            self._plots.scatter_plot.setVisible(not classification)
            self._plots.boundary_plot.setVisible(classification and two_features)

    # --- evaluating off the GUI thread --------------------------------------------------------

    def evaluate(self, prepared: Any, split: str | None = None, *, metrics: bool = True):
        """Evaluate a PreparedRun's weights on ``split`` (None: test, else validation) in a task
        and show the result; ``metrics=False`` only adds a regression's predicted-vs-true
        picture. Returns the task, or None when there is nothing to compute."""
        trainer = prepared.trainer
        if split is None:
            split = "test" if trainer.has_split("test") else "val"
        if not trainer.has_split(split):
            if metrics:
                self.summary.setText(NO_SPLIT)
            return None
        if not metrics and trainer.task != "regression":
            return None
        self.cancel_evaluation()
        task = Task(
            lambda _context: prepared.evaluate_split(split, metrics=metrics),
            name=f"Evaluating on the {'validation' if split == 'val' else split} split",
            owner=self,
        )
        task.returned.connect(lambda result: self._evaluated(task, result))
        task.errored.connect(lambda exc: self._evaluation_failed(task, exc))
        task.finished.connect(lambda: self._evaluation_ended(task))
        self.evaluation_task = task
        if metrics:
            self.summary.setText(f"{task.name}…")
        return task.start()

    def evaluate_saved(self, prepare: Callable[[], Any]) -> Task:
        """Evaluate weights no run of this window produced (an opened project's): ``prepare``
        (data, network, weights: seconds) and the evaluation both run in the task; the view
        shows the result and ``prepared`` hands the PreparedRun on."""
        self.cancel_evaluation()

        def work(context: Any) -> tuple[Any, SplitEvaluation | None, Any]:
            run = prepare()
            context.check()
            trainer = run.trainer
            split = "test" if trainer.has_split("test") else "val"
            result = run.evaluate_split(split) if trainer.has_split(split) else None
            return run, result, _saved_boundary(run)

        task = Task(work, name="Preparing the saved weights and evaluating them", owner=self)
        task.returned.connect(lambda result: self._saved_evaluated(task, *result))
        task.errored.connect(lambda exc: self._evaluation_failed(task, exc))
        task.finished.connect(lambda: self._evaluation_ended(task))
        self.evaluation_task = task
        self.summary.setText(f"{task.name}…")
        return task.start()

    def _saved_evaluated(
        self, task: Task, run: Any, result: SplitEvaluation | None, grid: Any
    ) -> None:
        if task is not self.evaluation_task:
            return
        self.prepared.emit(run)
        if grid is not None:  # the weights' decision boundary, as a run's last one
            self.set_task(run.trainer.task, two_features=True)
            self.show_boundary(grid)
        if result is None:
            self.summary.setText(NO_SPLIT)
        else:
            self._evaluated(task, result)

    def cancel_evaluation(self) -> None:
        """Forget the running evaluation (new weights, another project): it will not be shown."""
        task, self.evaluation_task = self.evaluation_task, None
        if task is not None:
            task.cancel()

    def _evaluated(self, task: Task, result: SplitEvaluation) -> None:
        if task is not self.evaluation_task:
            return
        if result.summary is not None:
            self.show_summary(result.summary)
        if result.predicted is not None:
            self.show_regression(result.predicted, result.true)

    def _evaluation_failed(self, task: Task, exc: BaseException) -> None:
        if task is self.evaluation_task:
            self.summary.setText(f"<b>Evaluation failed</b>: {escape(describe(exc))}")

    def _evaluation_ended(self, task: Task) -> None:
        if task is self.evaluation_task:
            self.evaluation_task = None

    # --- showing ------------------------------------------------------------------------------

    def show_summary(self, summary: dict[str, Any]) -> None:
        self.summary.setText(format_metrics(summary) or "No test split: nothing to evaluate.")
        confusion = (summary.get("test_metrics") or {}).get("confusion") or (
            summary.get("val_metrics") or {}
        ).get("confusion")
        if confusion:
            self.show_confusion(np.asarray(confusion))

    def show_confusion(self, matrix: np.ndarray, labels: list[str] | None = None) -> None:
        """Counts in a table, each cell heat-coloured by its share of the true class's row."""
        k = matrix.shape[0]
        labels = labels or [str(i) for i in range(k)]
        self.confusion.setRowCount(k)
        self.confusion.setColumnCount(k)
        self.confusion.setHorizontalHeaderLabels(labels)
        self.confusion.setVerticalHeaderLabels(labels)
        totals = matrix.sum(axis=1, keepdims=True).clip(min=1)
        for r in range(k):
            for c in range(k):
                count = int(matrix[r, c])
                item = QTableWidgetItem(str(count))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                frac = matrix[r, c] / totals[r, 0]
                item.setBackground(QBrush(heat_color(frac)))
                item.setForeground(QBrush(QColor("#ffffff" if frac > 0.55 else "#1f2328")))
                item.setToolTip(f"true {labels[r]}, predicted {labels[c]}: {count} ({frac:.0%})")
                self.confusion.setItem(r, c, item)

    def show_regression(self, predicted: np.ndarray, true: np.ndarray) -> None:
        p, t = np.asarray(predicted).reshape(-1), np.asarray(true).reshape(-1)
        self.plots.scatter.setData(t, p)
        if t.size:
            lo, hi = float(min(t.min(), p.min())), float(max(t.max(), p.max()))
            self.plots.diagonal.setData([lo, hi], [lo, hi])

    def show_boundary(self, grid: Any) -> None:
        """Paint the predicted class over the grid, lighter where the network is unsure.

        Live updates arrive every couple of seconds; while the plot is hidden (the training
        plots' tab in front) only the newest grid is kept, and drawn when it is shown. The
        data points are the same all run long and are set once."""
        self._grid = grid
        if self._plots is not None and self._plots.boundary_plot.isVisible():
            self._draw_boundary()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._grid is not None and self.plots.boundary_plot.isVisible():
            self._draw_boundary()

    def _draw_boundary(self) -> None:
        grid, self._grid = self._grid, None
        cls, conf = np.asarray(grid.classes), np.asarray(grid.confidence)
        palette = np.array([QColor(c).getRgb()[:3] for c in CLASS_COLORS], dtype=np.float64)
        rgb = palette[cls % len(palette)]
        strength = (0.25 + 0.45 * np.clip((conf - 0.5) * 2, 0, 1))[..., None]
        img = (255 * (1 - strength) + rgb * strength).astype(np.ubyte)  # [gy, gx, 3]
        self.plots.boundary_image.setImage(np.transpose(img, (1, 0, 2)), levels=(0, 255))
        xs, ys = grid.xs, grid.ys
        self.plots.boundary_image.setRect(
            QRectF(float(xs[0]), float(ys[0]), float(xs[-1] - xs[0]), float(ys[-1] - ys[0]))
        )
        if grid.points is not None and grid.points is not self._points_shown:
            self._points_shown = grid.points
            brushes = None
            if grid.labels is not None:
                palette_brushes = [pg.mkBrush(c) for c in CLASS_COLORS]
                labels = np.asarray(grid.labels).astype(int) % len(CLASS_COLORS)
                brushes = [palette_brushes[v] for v in labels.tolist()]
            self.plots.boundary_points.setData(
                pos=np.asarray(grid.points, dtype=float), brush=brushes
            )


def _saved_boundary(run: Any) -> Any:
    """The decision boundary of a prepared run's weights over its training data, when it is a
    two-feature classification (on a task's thread: torch; the run is the task's own)."""
    from netbuilder.engine.training.boundary import boundary_grid

    x = run.single_input()
    if x is None:  # several inputs: no two-feature plane to draw
        return None
    grid = boundary_grid(run.module, x, run.trainer.task)
    if grid is not None:
        grid.points, grid.labels = x, np.asarray(run.dataset.y_train).reshape(-1)
    return grid


class _Plots:
    """The evaluation's two pyqtgraph plots and their items."""

    def __init__(self) -> None:
        self.scatter_plot = pg.PlotWidget(background="w")
        self.scatter_plot.setObjectName("predictedVsTrue")
        self.scatter_plot.setTitle(
            "<span style='color:#1f2328'>Predicted vs true</span>", size="10pt"
        )
        self.scatter_plot.setLabel("left", "predicted")
        self.scatter_plot.setLabel("bottom", "true")
        self.scatter = pg.ScatterPlotItem(size=5, brush=pg.mkBrush(47, 111, 222, 140), pen=None)
        self.diagonal = pg.PlotDataItem(pen=pg.mkPen("#9e9e9e", style=Qt.PenStyle.DashLine))
        self.scatter_plot.addItem(self.diagonal)
        self.scatter_plot.addItem(self.scatter)

        self.boundary_plot = pg.PlotWidget(background="w")
        self.boundary_plot.setObjectName("decisionBoundary")
        self.boundary_plot.setTitle(
            "<span style='color:#1f2328'>Decision boundary (training data)</span>", size="10pt"
        )
        self.boundary_plot.setAspectLocked(False)
        self.boundary_image = pg.ImageItem()
        self.boundary_points = pg.ScatterPlotItem(size=5, pen=pg.mkPen("w", width=0.5))
        self.boundary_plot.addItem(self.boundary_image)
        self.boundary_plot.addItem(self.boundary_points)
