"""The "Inside the network" tab: sampled per-layer statistics drawn per layer, histograms over
time of one layer on a common range, following the canvas selection, reset for a new run."""

from __future__ import annotations

import numpy as np
import pytest

from netbuilder.engine.training.inside import HIST_BINS, InsideSamples
from netbuilder.engine.training.telemetry import Progress
from netbuilder.qt.training.histograms import OUT_BINS, common_range_image
from netbuilder.qt.training.inside_plots import EMPTY, HEALTHY_BAND, RECORDED, WAITING
from netbuilder.qt.training.plots import TrainingPlots

NODES = ("linear_1", "linear_2")
LAYERS = ("linear_1", "relu_1", "linear_2", "sigmoid_1")


def _inside(first: int, m: int, every: int = 10, scale: float = 1.0) -> InsideSamples:
    """``m`` samples from step ``first`` on: layer j's values are j + 1 (times ``scale``)."""
    p, n = len(NODES), len(LAYERS)
    nan = np.full((m, 1), np.nan)
    hist = np.zeros((m, n, HIST_BINS))
    hist[:, :, HIST_BINS // 2] = 100.0  # every value just above 0
    return InsideSamples(
        every=every,
        steps=np.arange(first, first + every * m, every),
        nodes=NODES,
        layers=LAYERS,
        weight_norm=np.tile([2.0, 3.0], (m, 1)) * scale,
        update_ratio=np.tile([1e-3, 2e-3], (m, 1)),
        act_mean=np.tile([0.1, 0.2, 0.3, 0.4], (m, 1)),
        act_std=np.tile([1.0, 0.5, 0.8, 0.2], (m, 1)),
        dead=np.hstack([nan, np.full((m, 1), 0.25), nan, nan]),
        saturated=np.hstack([nan, nan, nan, np.full((m, 1), 0.5)]),
        weight_range=np.full((m, p), scale),
        grad_range=np.full((m, p), 0.01),
        act_range=np.full((m, n), 2.0),
        weight_hist=hist[:, :p].copy(),
        grad_hist=hist[:, :p].copy(),
        act_hist=hist.copy(),
    )


def _report(step: int, inside: InsideSamples | None) -> Progress:
    return Progress(
        epoch=1,
        epochs=10,
        step=step,
        total_steps=1000,
        steps=np.array([step]),
        train_loss=np.array([0.5]),
        grad_norms=np.zeros((0, len(NODES))),
        nodes=NODES,
        weight_norms={},
        lr=0.01,
        steps_per_s=100.0,
        inside=inside,
    )


@pytest.fixture
def plots(qtbot):
    w = TrainingPlots()
    qtbot.addWidget(w)
    inside = w.inside
    qtbot.addWidget(inside)
    inside.resize(1200, 520)
    inside.show()
    qtbot.waitExposed(inside)
    qtbot.waitUntil(lambda: inside._built, timeout=5000)  # built when first seen
    w.reset(NODES, None, "accuracy", 1000, 10)
    return w


def test_statistics_are_drawn_per_layer_with_how_they_were_sampled(plots):
    inside = plots.inside
    assert inside.message.text() == WAITING and not inside.content.isVisibleTo(inside)
    plots.add_progress([_report(5, _inside(1, 2)), _report(9, None), _report(30, _inside(21, 1))])
    plots.refresh()
    assert inside.content.isVisibleTo(inside) and not inside.message.isVisibleTo(inside)
    ratio = inside.curves["ratio"]
    assert set(ratio) == set(NODES)  # layers with weights only
    assert ratio["linear_2"].xData.tolist() == [1.0, 11.0, 21.0]
    assert np.allclose(ratio["linear_2"].yData, 2e-3)
    assert np.allclose(inside.curves["wnorm"]["linear_1"].yData, 2.0)
    assert set(inside.curves["mean"]) == set(LAYERS)  # every layer
    assert np.allclose(inside.curves["std"]["sigmoid_1"].yData, 0.2)
    # Dead shares for ReLU-like layers, saturated ones for sigmoid/tanh: nothing for others.
    assert set(inside.curves["share"]) == {"relu_1/dead", "sigmoid_1/saturated"}
    lo, hi = inside.plots["share"].getPlotItem().getViewBox().viewRange()[1]
    assert lo <= 0.0 and 0.5 <= hi < 1.0  # from 0, up to the data (not always to 100%)
    for name in ("ratio", "wnorm", "mean", "std", "share", "hist"):
        label = inside.plots[name].getPlotItem().getAxis("bottom").labelText
        assert label == "step, sampled every 10"
    # The healthy band stays in sight on the ratio's log axis.
    lo, hi = inside.plots["ratio"].getPlotItem().getViewBox().viewRange()[1]
    assert lo <= np.log10(HEALTHY_BAND[0]) and np.log10(HEALTHY_BAND[1]) <= hi
    # A layer has the gradient plot's colour in every plot.
    grad_pen = plots.grad_curves["linear_2"].opts["pen"].color().name()
    assert inside.curves["wnorm"]["linear_2"].opts["pen"].color().name() == grad_pen
    assert grad_pen in inside.legend.text()
    # Hover: the last sample at or before x.
    text = inside.describe_at(inside.plots["ratio"], 15.0)
    assert text.startswith("step 11: ") and "linear_2 0.002" in text
    assert "relu_1 dead 25%" in inside.describe_at(inside.plots["share"], 30.0)


def test_a_clicked_curve_names_its_layer(plots, qtbot):
    plots.add_progress([_report(5, _inside(1, 2))])
    plots.refresh()
    curve = plots.inside.curves["mean"]["relu_1"]
    with qtbot.waitSignal(plots.node_clicked) as clicked:  # the window selects it on the canvas
        curve.sigClicked.emit(curve, None)
    assert clicked.args == ["relu_1"]


def test_rows_over_different_ranges_are_spread_onto_the_largest():
    hist = np.zeros((2, 4))
    hist[0] = [0, 10, 10, 0]  # over [-1, 1]: 20 values within [-0.5, 0.5]
    hist[1] = [5, 5, 5, 5]  # over [-2, 2]
    image, top = common_range_image(hist, np.array([1.0, 2.0]), bins=8)
    assert top == 2.0 and image.shape == (2, 8)
    assert np.allclose(image.sum(axis=1), [20, 20])  # counts are kept
    # Row 0 fills the bins over [-0.5, 0.5] only (bins 3 and 4 of 8 over [-2, 2]).
    assert np.allclose(image[0], [0, 0, 0, 10, 10, 0, 0, 0])
    assert np.allclose(image[1], 2.5)
    # Every value 0 (range 0): all counts at 0.
    image, top = common_range_image(np.array([[0, 7, 0, 0]]), np.array([0.0]), bins=8)
    assert top == 0.0 and image[0, 4] == 7 and image.sum() == 7


def test_histograms_follow_the_selection_on_a_common_range(plots):
    inside = plots.inside
    hists = inside.histograms
    plots.add_progress([_report(5, _inside(1, 2, scale=0.5)), _report(30, _inside(21, 1))])
    plots.refresh()
    assert hists.layer == "linear_1"  # weights first: a layer that has them
    assert hists.kind == "Weights"
    image = hists.image.image
    assert image.shape[1] == OUT_BINS and image.shape[0] >= 3  # time columns x value bins
    assert hists.top == 1.0  # the largest range of the run (0.5, then 1.0)
    rect = hists.image.mapRectToParent(hists.image.boundingRect())
    assert rect.top() == pytest.approx(-1.0) and rect.bottom() == pytest.approx(1.0)
    assert rect.left() == pytest.approx(1.0) and rect.right() == pytest.approx(31.0)
    assert hists.title == "Weights of linear_1, ±1"  # the common range, said
    # The first samples' values (range 0.5) sit nearer 0 than the last's (range 1).
    first, last = hists._shown[1][0], hists._shown[1][-1]
    centre = np.arange(OUT_BINS) - (OUT_BINS - 1) / 2
    assert abs((first * centre).sum() / first.sum()) < abs((last * centre).sum() / last.sum())
    # The canvas selection picks the layer; a node without samples leaves it.
    inside.select_nodes(["linear_2"])
    assert hists.layer == "linear_2" and "linear_2" in hists.title
    inside.select_nodes(["input_1"])
    assert hists.layer == "linear_2"
    inside.select_nodes(["relu_1"])  # no weights: said so, nothing drawn
    assert hists.image.image is None and "has no weights" in hists.title
    hists.kind_box.setCurrentText("Activations")
    assert hists.image.image is not None and hists.top == 2.0
    assert hists.describe_at(2.0, 0.01).startswith("step 1: activations in [0, ")


def test_reset_forgets_the_run(plots):
    inside = plots.inside
    plots.add_progress([_report(5, _inside(1, 2))])
    plots.refresh()
    assert inside.samples is not None
    plots.reset(())  # another project
    assert inside.samples is None and inside.message.text() == EMPTY
    assert not inside.content.isVisibleTo(inside)
    assert all(not curves for curves in inside.curves.values())
    assert inside.histograms.image.image is None and inside.histograms.layer == ""
    plots.show_history({"epochs": [{"epoch": 1, "step": 10, "train_loss": 0.5}]})
    assert inside.message.text() == RECORDED  # a saved run has no samples


def test_a_run_in_the_window_shows_inside_the_network(make_window, qtbot):
    from netbuilder.qt.app import examples_dir

    window = make_window((1200, 800))
    assert window.open_example(examples_dir() / "digits_mlp.json")
    # ~46 steps: samples at steps 1 and 11, then as often as 1% of the run's time allows.
    window.training_panel.fields["epochs"].setValue(2)
    inside = window.training_plots.inside
    assert inside.message.text() == EMPTY
    with qtbot.waitSignal(window.training.run_ended, timeout=30_000):
        window.training_panel.start_button.click()
    samples = inside.samples
    assert samples is not None and len(samples) >= 2
    tab = next(
        i
        for i in range(window.results_tabs.count())
        if window.results_tabs.tabText(i) == "Inside the network"
    )
    window.results_dock.raise_()
    window.results_tabs.setCurrentIndex(tab)
    qtbot.waitUntil(lambda: inside._built and bool(inside.curves["ratio"]), timeout=10_000)
    curve = inside.curves["ratio"]["linear_1"]
    assert curve.xData.tolist() == samples.steps.astype(float).tolist()
    assert np.all(curve.yData > 0)
    assert "relu_1/dead" in inside.curves["share"]
    note = inside.plots["wnorm"].getPlotItem().getAxis("bottom").labelText
    assert note == f"step, sampled every {samples.every}"
    # The histograms follow the canvas selection.
    window.scene.select_nodes(["linear_2"])
    assert inside.histograms.layer == "linear_2" and inside.histograms.image.image is not None
    # Another project: the run's samples go.
    assert window.open_example(examples_dir() / "moons_mlp.json")
    assert inside.samples is None and inside.message.text() == EMPTY
