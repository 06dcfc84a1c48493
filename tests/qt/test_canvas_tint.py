"""What the canvas tint shows: gradient norm, activations (units in trouble) or update ratio,
chosen on the legend or in the View menu, remembered, and recoloured from kept values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from netbuilder.engine.training.inside import HIST_BINS, InsideSamples
from netbuilder.engine.training.telemetry import Progress
from netbuilder.model import Project
from netbuilder.qt.app import examples_dir
from netbuilder.qt.canvas.block_card import BlockNodeItem
from netbuilder.qt.training.overlay import log_color
from netbuilder.qt.training.tint import (
    ACTIVATION,
    GRADIENT,
    SETTINGS_KEY,
    UPDATE,
    activation_reading,
    share_color,
    update_color,
    update_position,
)
from tests.qt.block_support import residual_net

TIMEOUT = 20_000
MOONS_NODES = ("linear_1", "linear_2", "linear_3")
MOONS_LAYERS = ("input_1", "linear_1", "relu_1", "linear_2", "relu_2", "linear_3", "output_1")


def _inside(
    nodes: tuple[str, ...],
    layers: tuple[str, ...],
    ratios: list[float],
    dead: dict[str, float],
    saturated: dict[str, float] | None = None,
    every: int = 10,
) -> InsideSamples:
    """Two samples; only the second (newest) one's values matter to the tint."""
    m, p, n = 2, len(nodes), len(layers)
    saturated = saturated or {}
    dead_row = [dead.get(k, math.nan) for k in layers]
    sat_row = [saturated.get(k, math.nan) for k in layers]
    return InsideSamples(
        every=every,
        steps=np.array([1, 1 + every]),
        nodes=nodes,
        layers=layers,
        weight_norm=np.ones((m, p)),
        update_ratio=np.array([[0.5] * p, ratios]),  # the first row: stale, must not show
        act_mean=np.zeros((m, n)),
        act_std=np.ones((m, n)),
        dead=np.array([[0.0 if math.isfinite(v) else v for v in dead_row], dead_row]),
        saturated=np.array([sat_row, sat_row]),
        weight_range=np.ones((m, p)),
        grad_range=np.ones((m, p)),
        act_range=np.ones((m, n)),
        weight_hist=np.zeros((m, p, HIST_BINS)),
        grad_hist=np.zeros((m, p, HIST_BINS)),
        act_hist=np.zeros((m, n, HIST_BINS)),
    )


def _progress(nodes: tuple[str, ...], norms: list[float], inside: InsideSamples) -> Progress:
    return Progress(
        epoch=1,
        epochs=1,
        step=11,
        total_steps=100,
        steps=np.arange(1, 12),
        train_loss=np.full(11, 0.5),
        grad_norms=np.array([norms]),
        nodes=nodes,
        weight_norms={},
        lr=0.01,
        steps_per_s=100.0,
        inside=inside,
        grad_steps=np.array([11]),
    )


def _moons(make_window):
    w = make_window()
    assert w.open_example(examples_dir() / "moons_mlp.json")
    return w


def _feed(w, progress: Progress) -> None:
    """A report through the controller's own path: queued, applied, shown by the overlay."""
    ctl = w.training
    ctl._on_progress([progress])
    ctl._apply_progress()
    ctl._flush_overlay()


def _tip_line(w, node: str) -> str:
    return w.scene.node_item(node).toolTip().splitlines()[-1]


def _feed_moons(w) -> None:
    inside = _inside(
        MOONS_NODES,
        MOONS_LAYERS,
        ratios=[1e-3, 0.5, 1e-7],
        dead={"relu_1": 0.1, "relu_2": 0.6},
    )
    _feed(w, _progress(MOONS_NODES, [0.1, 0.2, 0.4], inside))


def test_each_kind_tints_its_nodes_says_their_values_and_its_scale(make_window):
    w = _moons(make_window)
    _feed_moons(w)
    overlay, scene = w.training.overlay, w.scene
    assert overlay.kind == GRADIENT and overlay.legend.isVisibleTo(w)
    assert scene.node_item("linear_1").tint == log_color(0.1, 0.1, 0.4)
    assert _tip_line(w, "linear_3") == "Gradient norm: 4.00e-01"
    assert scene.node_item("relu_1").tint is None
    assert overlay.legend.text().startswith("Gradient norm")

    overlay.set_kind(ACTIVATION)
    assert scene.node_item("relu_1").tint == share_color(0.1)
    assert scene.node_item("relu_2").tint == share_color(0.6)
    assert scene.node_item("relu_2").badge == "dead 60%"  # half or more of its units
    assert scene.node_item("relu_1").badge is None
    assert "10% of units dead" in _tip_line(w, "relu_1")
    linear = scene.node_item("linear_1")
    assert linear.tint is None and linear.badge is None  # no units in trouble to count
    assert "not tinted" in _tip_line(w, "linear_1") and "std 1" in _tip_line(w, "linear_1")
    text = overlay.legend.text()
    assert text.startswith("Activations, sampled every 10 steps") and "dead / saturated" in text

    overlay.set_kind(UPDATE)
    assert scene.node_item("linear_1").tint == update_color(1e-3)
    assert scene.node_item("linear_1").badge is None  # healthy
    assert scene.node_item("linear_2").badge == "\u2191 upd"  # 0.5: far too large
    assert scene.node_item("linear_3").badge == "\u2193 upd"  # 1e-7: far too small
    assert _tip_line(w, "linear_2").startswith("Update ratio at step 11: 5.0e-01")
    assert "from step 11" in overlay.legend.toolTip()
    assert scene.node_item("relu_1").tint is None  # no weights, no ratio
    assert "Activations" not in scene.node_item("relu_1").toolTip()
    assert overlay.legend.text().startswith("Update ratio, sampled every 10 steps")
    assert "1e-3" in overlay.legend.text()


def test_update_colours_diverge_from_the_healthy_middle(qapp):
    assert update_position(1e-3) == pytest.approx(0.5)
    healthy, small, large = update_color(1e-3), update_color(1e-6), update_color(1.0)
    assert 90 < healthy.hslHue() < 150  # green
    assert 190 < small.hslHue() < 260  # blue
    assert large.hslHue() < 20 or large.hslHue() > 340  # red
    assert update_color(math.nan) != healthy


def test_saturated_shares_are_read_for_sigmoid_and_tanh_layers(qapp):
    inside = _inside(("fc",), ("fc", "sig", "act"), [1e-3], {"act": 0.0}, {"sig": 0.75}, every=37)
    reading = activation_reading(inside)
    assert reading.values == {"sig": 0.75, "act": 0.0}  # "fc": not tinted
    assert reading.labels == {"sig": "saturated", "act": "dead"}
    assert "75% of units saturated" in reading.tips["sig"] and reading.every == 37


def test_switching_on_the_legend_or_the_menu_recolours_without_new_data(make_window):
    w = _moons(make_window)
    _feed_moons(w)
    overlay = w.training.overlay
    combo = overlay.legend.combo
    combo.setCurrentIndex(2)
    combo.activated.emit(2)  # as a user's pick
    assert overlay.kind == UPDATE and overlay.actions[UPDATE].isChecked()
    assert w.scene.node_item("linear_1").tint == update_color(1e-3)
    overlay.actions[ACTIVATION].trigger()  # View > Canvas Tint > Activations
    assert combo.currentText() == "Activations"
    assert w.scene.node_item("relu_2").tint == share_color(0.6)
    assert w.scene.node_item("linear_1").tint is None
    menu = w.findChild(type(w.view_menu), "tintMenu")
    assert menu is not None and [a.text() for a in menu.actions()] == [
        "Gradient norm",
        "Activations",
        "Update ratio",
    ]


def test_the_tint_clears_with_another_project(make_window):
    w = _moons(make_window)
    _feed_moons(w)
    overlay = w.training.overlay
    overlay.set_kind(ACTIVATION)
    assert w.scene.node_item("relu_2").tint is not None
    assert w.open_example(examples_dir() / "moons_mlp.json")  # another project: cleared
    assert all(item.tint is None and item.detail is None for item in w.scene.node_items())
    assert not overlay.legend.isVisibleTo(w)
    overlay.set_kind(UPDATE)  # nothing kept to show
    assert all(item.tint is None for item in w.scene.node_items())


def test_the_choice_is_remembered(make_window, qsettings):
    w = make_window()
    assert qsettings.value(SETTINGS_KEY) is None  # read, not written, until a choice
    w.training.overlay.actions[UPDATE].trigger()
    assert qsettings.value(SETTINGS_KEY) == UPDATE
    again = make_window()
    overlay = again.training.overlay
    assert overlay.kind == UPDATE and overlay.actions[UPDATE].isChecked()
    assert overlay.legend.combo.currentText() == "Update ratio"


def test_a_use_shows_its_worst_inner_layer_for_the_kind(make_window):
    from netbuilder.model.block_edits import plan_make_block
    from netbuilder.model.edits import apply_edits

    w = make_window()
    graph = residual_net()
    edits, use = plan_make_block(graph, ["r1", "c2", "add"], "ResBlock")
    apply_edits(graph, edits)
    w.document.replace_project(Project(graph=graph))
    nodes = ("c1", f"{use}.c2", "fc")
    layers = ("c1", f"{use}.r1", f"{use}.c2", f"{use}.add", "fl", "fc")
    inside = _inside(nodes, layers, [1e-3, 0.3, 2e-3], {f"{use}.r1": 0.9})
    _feed(w, _progress(nodes, [0.5, 0.6, 0.5], inside))
    overlay, card = w.training.overlay, w.scene.node_item(use)
    assert isinstance(card, BlockNodeItem)

    overlay.set_kind(ACTIVATION)
    assert card.tint == share_color(0.9) and card.badge == "dead 90%"
    assert "Units in trouble inside ResBlock" in card.toolTip() and "r1: 90% dead" in card.toolTip()
    assert w.scene.node_item("c1").tint is None

    overlay.set_kind(UPDATE)
    assert card.tint == update_color(0.3) and card.badge == "\u2191 upd"
    assert "Update ratios inside ResBlock" in card.toolTip() and "c2: 3.0e-01" in card.toolTip()
    assert "Units in trouble" not in card.toolTip()
    assert w.scene.node_item("fc").tint == update_color(2e-3)


def test_a_real_run_ends_with_an_update_ratio_tint_on_the_linear_layers(make_window, qtbot):
    w = make_window((1200, 800))  # shown: the canvas and plots are drawn
    assert w.open_example(examples_dir() / "moons_mlp.json")
    w.training_panel.fields["epochs"].setValue(3)
    overlay = w.training.overlay
    overlay.set_kind(UPDATE)
    with qtbot.waitSignal(w.training.run_ended, timeout=TIMEOUT) as ended:
        w.training_panel.start_button.click()
    assert ended.args[0].train.status == "completed"
    reading = overlay.readings[UPDATE]
    assert reading.every >= 1 and set(reading.values) == set(MOONS_NODES)
    for node in MOONS_NODES:
        item = w.scene.node_item(node)
        assert item.tint == update_color(reading.values[node])
        assert f"Update ratio at step {reading.step}:" in item.toolTip()
    assert w.scene.node_item("relu_1").tint is None
    assert overlay.legend.isVisibleTo(w) and "sampled every" in overlay.legend.text()
    overlay.set_kind(ACTIVATION)  # after the run: from the kept values
    assert w.scene.node_item("relu_1").tint is not None
    assert w.scene.node_item("linear_1").tint is None
