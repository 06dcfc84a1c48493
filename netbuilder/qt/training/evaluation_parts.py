"""The Evaluation tab's pieces that are not the view itself: the one-line summary of a run's
metrics (beside its baseline), the confusion matrix's cell colours, and the two pyqtgraph plots
(built on first use by ``EvaluationView.plots``)."""

from __future__ import annotations

from html import escape
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from netbuilder.engine.training.baseline import describe as describe_baseline
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, localized, translate
from netbuilder.qt.theme import CLASSES, Theme, blend, current_theme
from netbuilder.qt.training.panel import status_text
from netbuilder.qt.training.plotkit import ThemedPlotWidget, metric_label

CLASS_COLORS = list(CLASSES)


def heat_color(fraction: float) -> QColor:
    """The table's background (white, or the dark theme's) to deep blue for a cell holding
    ``fraction`` of its row."""
    f = float(np.clip(fraction, 0.0, 1.0))
    theme = current_theme()
    return blend(theme.color("base"), theme.color("heat_deep"), f)


def format_metrics(summary: dict[str, Any]) -> str:
    """One readable line of a run's summary (test metrics when there are any)."""
    parts = []
    status = summary.get("status")
    if status:
        parts.append(f"<b>{escape(status_text(str(status)))}</b>")
    test = bool(summary.get("test_metrics"))
    metrics = summary.get("test_metrics") or summary.get("val_metrics") or {}
    base = summary.get("baseline")
    for k, v in metrics.items():
        if isinstance(v, (int, float)):
            if test:
                part = translate("EvaluationView", "test {metric} {value}")
            else:
                part = translate("EvaluationView", "validation {metric} {value}")
            part = part.format(metric=metric_label(k), value=f"<b>{_metric(k, v)}</b>")
            parts.append(part + _beside(k, base))
    for key, label in (
        ("test_loss", QT_TRANSLATE_NOOP("EvaluationView", "test loss {value}")),
        ("val_loss", QT_TRANSLATE_NOOP("EvaluationView", "validation loss {value}")),
    ):
        if summary.get(key) is not None:
            parts.append(translate("EvaluationView", label).format(value=f"{summary[key]:.4f}"))
    if summary.get("steps_per_s"):
        parts.append(
            translate("EvaluationView", "{steps} steps at {rate}/s").format(
                steps=summary["steps"], rate=f"{summary['steps_per_s']:.0f}"
            )
        )
    return " · ".join(parts)


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
    return translate("EvaluationView", " (baseline: {value}, {how})").format(
        value=_metric(key, value), how=escape(localized(describe_baseline(base)))
    )


def saved_boundary(run: Any) -> Any:
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


class EvaluationPlots:
    """The evaluation's two pyqtgraph plots and their items."""

    def __init__(self) -> None:
        self.scatter_plot = ThemedPlotWidget(translate("EvaluationPlots", "Predicted vs true"))
        self.scatter_plot.setObjectName("predictedVsTrue")
        self.scatter_plot.getPlotItem().getAxis("left").setLabel(
            translate("EvaluationPlots", "predicted")
        )
        self.scatter_plot.getPlotItem().getAxis("bottom").setLabel(
            translate("EvaluationPlots", "true")
        )
        self.scatter = pg.ScatterPlotItem(size=5, pen=None)
        self.diagonal = pg.PlotDataItem()
        self.scatter_plot.addItem(self.diagonal)
        self.scatter_plot.addItem(self.scatter)
        self.scatter_plot.on_theme(self._theme_scatter)

        self.boundary_plot = ThemedPlotWidget(
            translate("EvaluationPlots", "Decision boundary (training data)")
        )
        self.boundary_plot.setObjectName("decisionBoundary")
        self.boundary_plot.setAspectLocked(False)
        self.boundary_image = pg.ImageItem()
        self.boundary_points = pg.ScatterPlotItem(size=5)
        self.boundary_plot.addItem(self.boundary_image)
        self.boundary_plot.addItem(self.boundary_points)
        self.boundary_plot.on_theme(self._theme_boundary)

    def _theme_scatter(self, theme: Theme) -> None:
        dots = theme.color("selection")
        dots.setAlpha(140)
        self.scatter.setBrush(pg.mkBrush(dots))
        self.diagonal.setPen(pg.mkPen(theme.reference, style=Qt.PenStyle.DashLine))

    def _theme_boundary(self, theme: Theme) -> None:
        """The data points ringed in the plot's background colour, so that each shows on the
        class colours painted under it."""
        self.boundary_points.setPen(pg.mkPen(theme.plot_background, width=0.5))
