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
from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, translate
from netbuilder.qt.on_screen import when_seen
from netbuilder.qt.tasks import Task
from netbuilder.qt.theme import current_theme, ink_on, theme_notifier
from netbuilder.qt.training.evaluation_parts import (
    CLASS_COLORS,
    EvaluationPlots,
    format_metrics,
    heat_color,
    saved_boundary,
)
from netbuilder.qt.training.panel import error_text
from netbuilder.qt.training.sample_saliency import SampleSaliency
from netbuilder.qt.training.samples_view import FINDING, SamplesBrowser, ShownSamples, samples_of

if TYPE_CHECKING:  # torch: imported on a task's thread, not when the window starts
    from netbuilder.engine.training.session import SplitEvaluation
NOT_TRAINED = QT_TRANSLATE_NOOP(
    "EvaluationView", "Train the network to see how it does on the test split."
)
NO_SPLIT = QT_TRANSLATE_NOOP("EvaluationView", "The dataset has no test or validation split.")


SAVED_WEIGHTS = QT_TRANSLATE_NOOP(
    "EvaluationView",
    "Trained weights loaded: <b>Evaluate now</b> to see how they do on the test split.",
)


# Widths (px) of the Evaluation tab's scroll area below which its parts stack: side by side,
# the confusion matrix and the samples with a saliency view need about 1,240 px; the samples'
# list, detail and saliency about 870; the saliency controls in one row about 430.
STACK_BODY_BELOW = 1240
STACK_SAMPLES_BELOW = 900
NARROW_BELOW = 480


class EvaluationView(QWidget):
    """Test metrics line plus the pictures that fit the task. ``prepared`` carries the
    PreparedRun that ``evaluate_saved`` built (the next evaluation reuses it)."""

    prepared = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The two plots cost ~65 ms to build, a quarter of the window's: built when the view
        # is first seen or a picture is first drawn (the window starts with it out of sight).
        self._plots: EvaluationPlots | None = None
        self.summary = QLabel(translate("EvaluationView", NOT_TRAINED))
        self.summary.setObjectName("evaluationSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.evaluate_button = QPushButton(translate("EvaluationView", "Evaluate now"))
        self.evaluate_button.setObjectName("evaluateButton")
        self.evaluate_button.setToolTip(
            translate("EvaluationView", "Evaluate the trained weights on the test split")
        )
        self.evaluate_button.setEnabled(False)

        self.confusion = QTableWidget()
        self.confusion.setObjectName("confusionMatrix")
        self._confusion_shown: tuple[np.ndarray, list[str] | None] | None = None
        theme_notifier().changed.connect(self._retheme)
        self.confusion.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.confusion.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.confusion.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.confusion_title = QLabel(
            translate("EvaluationView", "Confusion matrix (rows: true class, columns: predicted)")
        )
        self.confusion_title.setProperty("role", "heading")
        self.confusion_title.setWordWrap(True)  # a narrow results dock: two lines

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
        # The test samples it gets most wrong: filled by every evaluation, cleared with it.
        self.samples = SamplesBrowser()
        self.saliency = SampleSaliency(self.samples)  # the chosen image sample, explained
        body.addWidget(self.samples, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(head)
        layout.addLayout(body, 1)
        self._grid: Any = None  # the newest boundary grid not drawn yet
        self._drawn_grid: Any = None  # the one drawn (again, when the theme changes)
        self._points_shown: Any = None  # the data points the boundary plot shows
        self.evaluation_task: Task | None = None  # the newest evaluation, while it runs
        self._task_view = (True, False)  # (classification, two features)
        self.set_task("classification", two_features=False)

    @property
    def plots(self) -> EvaluationPlots:
        """The predicted-vs-true and decision-boundary plots, built on first use."""
        if self._plots is None:
            self._plots = EvaluationPlots()
            self._body.insertWidget(1, self._plots.scatter_plot, 1)  # before the samples
            self._body.insertWidget(2, self._plots.boundary_plot, 1)
            self._show_task_plots()
        return self._plots

    def event(self, event: QEvent) -> bool:
        if self._plots is None:
            when_seen(self, event, lambda: self.plots)
        if event.type() == QEvent.Type.ParentChange and self.parentWidget() is not None:
            # In a scroll area the view is as wide as its content needs, never narrower: the
            # width to fit is the area's (its viewport, the parent).
            self.parentWidget().installEventFilter(self)
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self.fit_width(self.parentWidget().width())
        return False

    def fit_width(self, width: int) -> None:
        """Side by side where ``width`` allows, stacked where it does not (a results dock at
        the window's side): the confusion matrix and plots over the samples below
        ``STACK_BODY_BELOW``; the samples' list, detail and saliency below
        ``STACK_SAMPLES_BELOW``; the saliency controls in two rows below ``NARROW_BELOW``."""
        stack_body = width < STACK_BODY_BELOW
        self._body.setDirection(
            QBoxLayout.Direction.TopToBottom if stack_body else QBoxLayout.Direction.LeftToRight
        )
        row = self.samples.browser.layout()
        if isinstance(row, QBoxLayout):
            stack_samples = width < STACK_SAMPLES_BELOW
            row.setDirection(
                QBoxLayout.Direction.TopToBottom
                if stack_samples
                else QBoxLayout.Direction.LeftToRight
            )
        self.saliency.view.set_narrow(width < NARROW_BELOW)

    def clear(self) -> None:
        """Back to the state before any run (another project was opened)."""
        self.cancel_evaluation()
        self.summary.setText(translate("EvaluationView", NOT_TRAINED))
        self.confusion.clear()
        self.confusion.setRowCount(0)
        self.confusion.setColumnCount(0)
        if self._plots is not None:
            self._plots.scatter.clear()
            self._plots.diagonal.setData([], [])
            self._plots.boundary_image.clear()
            self._plots.boundary_points.clear()
        self._grid, self._points_shown, self._drawn_grid = None, None, None
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
        and show the result; ``metrics=False`` (a run's end, whose summary is shown already)
        only adds a regression's predicted-vs-true picture and the samples. Returns the task,
        or None when there is nothing to compute."""
        trainer = prepared.trainer
        if split is None:
            split = "test" if trainer.has_split("test") else "val"
        if not trainer.has_split(split):
            if metrics:
                self.summary.setText(translate("EvaluationView", NO_SPLIT))
            self.samples.clear(translate("EvaluationView", NO_SPLIT))
            return None
        self.cancel_evaluation()
        self.samples.clear(FINDING)

        def work(context: Any) -> tuple[SplitEvaluation | None, ShownSamples]:
            # Without metrics, a classification needs only the samples' pass.
            wanted = metrics or trainer.task == "regression"
            result = prepared.evaluate_split(split, metrics=metrics) if wanted else None
            context.check()
            return result, samples_of(prepared, split, result)

        if split == "val":
            name = translate("EvaluationView", "Evaluating on the validation split")
        elif split == "test":
            name = translate("EvaluationView", "Evaluating on the test split")
        else:
            name = translate("EvaluationView", "Evaluating on the {split} split").format(
                split=split
            )
        task = Task(work, name=name, owner=self)
        task.returned.connect(lambda result: self._evaluated(task, *result))
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

        def work(context: Any) -> tuple[Any, SplitEvaluation | None, Any, Any]:
            run = prepare()
            context.check()
            trainer = run.trainer
            split = "test" if trainer.has_split("test") else "val"
            if not trainer.has_split(split):
                return run, None, saved_boundary(run), None
            result = run.evaluate_split(split)
            context.check()
            return run, result, saved_boundary(run), samples_of(run, split, result)

        task = Task(
            work,
            name=translate("EvaluationView", "Preparing the saved weights and evaluating them"),
            owner=self,
        )
        task.returned.connect(lambda result: self._saved_evaluated(task, *result))
        task.errored.connect(lambda exc: self._evaluation_failed(task, exc))
        task.finished.connect(lambda: self._evaluation_ended(task))
        self.evaluation_task = task
        self.summary.setText(f"{task.name}…")
        self.samples.clear(FINDING)
        return task.start()

    def _saved_evaluated(
        self, task: Task, run: Any, result: SplitEvaluation | None, grid: Any, samples: Any
    ) -> None:
        if task is not self.evaluation_task:
            return
        self.prepared.emit(run)
        if grid is not None:  # the weights' decision boundary, as a run's last one
            self.set_task(run.trainer.task, two_features=True)
            self.show_boundary(grid)
        if result is None:
            self.summary.setText(translate("EvaluationView", NO_SPLIT))
            self.samples.clear(translate("EvaluationView", NO_SPLIT))
        else:
            self._evaluated(task, result, samples)

    def cancel_evaluation(self) -> None:
        """Forget the running evaluation (new weights, another project): it will not be shown,
        and the samples of the weights it evaluated are stale."""
        self.samples.clear()
        task, self.evaluation_task = self.evaluation_task, None
        if task is not None:
            task.cancel()

    def _evaluated(
        self, task: Task, result: SplitEvaluation | None, samples: ShownSamples | None
    ) -> None:
        if task is not self.evaluation_task:
            return
        if result is not None and result.summary is not None:
            self.show_summary(result.summary)
        if result is not None and result.predicted is not None:
            self.show_regression(result.predicted, result.true)
        if samples is not None:
            self.samples.show_samples(samples)

    def _evaluation_failed(self, task: Task, exc: BaseException) -> None:
        if task is self.evaluation_task:
            self.summary.setText(
                translate("EvaluationView", "<b>Evaluation failed</b>: {error}").format(
                    error=escape(error_text(exc))
                )
            )
            self.samples.clear(
                translate("EvaluationView", "The evaluation failed: no samples to show.")
            )

    def _evaluation_ended(self, task: Task) -> None:
        if task is self.evaluation_task:
            self.evaluation_task = None

    # --- showing ------------------------------------------------------------------------------

    def show_summary(self, summary: dict[str, Any]) -> None:
        self.summary.setText(
            format_metrics(summary)
            or translate("EvaluationView", "No test split: nothing to evaluate.")
        )
        confusion = (summary.get("test_metrics") or {}).get("confusion") or (
            summary.get("val_metrics") or {}
        ).get("confusion")
        if confusion:
            self.show_confusion(np.asarray(confusion))

    def show_confusion(self, matrix: np.ndarray, labels: list[str] | None = None) -> None:
        """Counts in a table, each cell heat-coloured by its share of the true class's row."""
        self._confusion_shown = (matrix, labels)  # painted again when the theme changes
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
                cell = heat_color(frac)
                item.setBackground(QBrush(cell))
                item.setForeground(QBrush(ink_on(cell)))
                item.setToolTip(
                    translate(
                        "EvaluationView", "true {true}, predicted {predicted}: {count} ({share})"
                    ).format(true=labels[r], predicted=labels[c], count=count, share=f"{frac:.0%}")
                )
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

    def _retheme(self, _theme: object = None) -> None:
        """The theme changed: the confusion matrix's cells and the decision boundary's ground
        in its colours."""
        shown = self._confusion_shown
        if shown is not None:
            self.show_confusion(*shown)
        if self._grid is None and self._drawn_grid is not None:
            self.show_boundary(self._drawn_grid)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._grid is not None and self.plots.boundary_plot.isVisible():
            self._draw_boundary()

    def _draw_boundary(self) -> None:
        grid, self._grid = self._grid, None
        self._drawn_grid = grid
        cls, conf = np.asarray(grid.classes), np.asarray(grid.confidence)
        palette = np.array([QColor(c).getRgb()[:3] for c in CLASS_COLORS], dtype=np.float64)
        rgb = palette[cls % len(palette)]
        strength = (0.25 + 0.45 * np.clip((conf - 0.5) * 2, 0, 1))[..., None]
        ground = np.array(current_theme().color("plot_background").getRgb()[:3], np.float64)
        img = (ground * (1 - strength) + rgb * strength).astype(np.ubyte)  # [gy, gx, 3]
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
