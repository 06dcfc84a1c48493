"""The training plots' axes and legends early in a run, when the data is a few points."""

from __future__ import annotations

import numpy as np
import pytest

from netbuilder.qt.training.plotkit import LOG_MIN_DECADES, fit_y
from netbuilder.qt.training.plots import TrainingPlots


@pytest.fixture
def plots(qtbot):
    w = TrainingPlots()
    qtbot.addWidget(w)
    w.resize(1200, 520)
    w.show()
    qtbot.waitExposed(w)
    w.reset(("linear_1", "linear_2", "linear_3"), None, "accuracy", 66_000, 3000)
    return w


def _y_range(plot) -> tuple[float, float]:
    return tuple(plot.getPlotItem().getViewBox().viewRange()[1])


def test_a_log_axis_over_a_few_points_spans_whole_decades(plots):
    lo, hi = _y_range(plots.grad_plot)  # empty: decades, not 1..10 with 2, 3, ... 9 stacked
    assert hi - lo >= LOG_MIN_DECADES
    # A run's first report: three norms within a few percent of each other.
    fit_y(plots.grad_plot, True, np.array([[0.31, 0.30, 0.32]]))
    lo, hi = _y_range(plots.grad_plot)
    assert hi - lo >= LOG_MIN_DECADES and lo < np.log10(0.30) < np.log10(0.32) < hi
    # Linear axes keep their tight fit.
    fit_y(plots.loss_plot, False, np.array([0.70, 0.69]))
    lo, hi = _y_range(plots.loss_plot)
    assert hi - lo < 0.2


def test_legends_sit_above_the_data_not_on_it(plots, qtbot):
    pairs = ((plots.loss_plot, plots.loss_legend, 2), (plots.grad_plot, plots.grad_legend, 3))

    def placed(plot, legend) -> bool:  # once laid out: in a row between title and data
        view = plot.getPlotItem().getViewBox().sceneBoundingRect()
        box = legend.sceneBoundingRect()
        return box.height() > 0 and box.top() > 0 and box.bottom() <= view.top() + 1

    for plot, legend, n in pairs:
        assert len(legend.items) == n
        qtbot.waitUntil(lambda p=plot, g=legend: placed(p, g), timeout=5000)
        view = plot.getPlotItem().getViewBox().sceneBoundingRect()
        assert not legend.sceneBoundingRect().intersects(view)
        # Right-aligned: the row ends near the plot's right edge.
        assert legend.sceneBoundingRect().right() > view.center().x()
