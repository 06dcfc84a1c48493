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


def test_sampled_gradient_norms_are_drawn_at_their_own_steps(plots):
    from netbuilder.engine.training.telemetry import Progress

    def report(first: int, n: int, grad_steps: list[int]) -> Progress:
        steps = np.arange(first, first + n)
        return Progress(
            epoch=1,
            epochs=3000,
            step=int(steps[-1]),
            total_steps=66_000,
            steps=steps,
            train_loss=np.full(n, 0.5),
            grad_norms=np.array([[0.1, 0.2, 0.3]] * len(grad_steps)).reshape(-1, 3),
            nodes=plots.nodes,
            weight_norms={},
            lr=0.01,
            steps_per_s=100.0,
            grad_steps=np.array(grad_steps, dtype=np.int64),
            grad_every=10,
        )

    plots.add_progress([report(1, 15, [1, 11]), report(16, 10, [21]), report(26, 3, [])])
    plots.refresh()
    assert plots.grads.view(0).tolist() == [1.0, 11.0, 21.0]  # x: the step each was taken at
    curve = plots.grad_curves["linear_2"]
    x, y = curve.xData, curve.yData
    assert x.tolist() == [1.0, 11.0, 21.0] and np.allclose(y, 0.2)
    assert "sampled every 10 steps" in plots.grad_plot.getPlotItem().getAxis("bottom").labelText
    # Hover: the last sample at or before x.
    assert plots.describe_at(plots.grad_plot, 12.0).startswith("step 11")
    assert plots.latest_norms == {"linear_1": 0.1, "linear_2": 0.2, "linear_3": 0.3}


def test_the_gradient_heatmap_puts_each_sample_at_its_step():
    # Samples at steps 1, 11, 300, 600 (the first come sooner): each column of the image shows
    # the norms sampled at or before its steps, so the image lines up with the step axis.
    import numpy as np

    from netbuilder.qt.training.plot_tables import heatmap_image

    grads = np.array([[1, 1.0], [11, 0.1], [300, 0.01], [600, 0.001]])
    img, levels, (x0, x1) = heatmap_image(grads, every=300)
    assert (x0, x1) == (1.0, 900.0) and levels[0] == -3.0
    width = (x1 - x0) / len(img)

    def at(step: float) -> float:
        return float(img[int((step - x0) / width), 0])

    assert at(5) == 0.0 and at(20) == -1.0 and at(299) == -1.0
    assert at(310) == -2.0 and at(620) == -3.0 and at(899) == -3.0
