"""Gradient colours through blocks: a use is coloured by its worst layer, which hover lists."""

from __future__ import annotations

import math

from netbuilder.model import Project
from netbuilder.qt.canvas.block_card import BlockNodeItem
from netbuilder.qt.training.block_gradients import fold_block_norms
from netbuilder.qt.training.overlay import log_color
from tests.qt.block_support import residual_net


def test_fold_takes_the_worst_layer_of_each_use():
    norms = {"c1": 1.0, "fc": 1.0, "res_block_1.c2": 1.2, "res_block_1.r1": 1e-6}
    folded = fold_block_norms(norms)
    assert folded.per_node == {"c1": 1.0, "fc": 1.0, "res_block_1": 1e-6}
    assert [p for p, _ in folded.inside["res_block_1"]] == ["res_block_1.r1", "res_block_1.c2"]
    bad = fold_block_norms({"c1": 1.0, "u.a": 2.0, "u.b": math.nan})
    assert math.isnan(bad.per_node["u"])


def test_a_use_takes_its_worst_layers_colour_badge_and_lists_them(make_window) -> None:
    from netbuilder.model.block_edits import plan_make_block
    from netbuilder.model.edits import apply_edits

    w = make_window()
    graph = residual_net()
    edits, use = plan_make_block(graph, ["r1", "c2", "add"], "ResBlock")
    apply_edits(graph, edits)
    w.document.replace_project(Project(graph=graph))
    norms = {"c1": 0.5, "fc": 0.5, "fl": 0.4, f"{use}.c2": 0.6, f"{use}.r1": 1e-7}
    issues = w.training.overlay.update(norms)
    card = w.scene.node_item(use)
    assert isinstance(card, BlockNodeItem)
    assert card.tint == log_color(1e-7, 1e-7, 0.5)  # the vanishing layer inside
    assert card.badge == "\u2193 grad"
    assert [i.node for i in issues] == [f"{use}.r1"]  # the issue names the layer inside
    tip = card.toolTip()
    assert "Gradient norms inside ResBlock" in tip and tip.index("r1:") < tip.index("c2:")
    w.training.overlay.clear()
    assert card.tint is None and "Gradient norms" not in card.toolTip()


def test_per_layer_plot_colour_of_a_layer_inside_a_use_is_the_inner_layers(qapp):
    from netbuilder.model.block_edits import plan_make_block
    from netbuilder.model.edits import apply_edits
    from netbuilder.qt.style import category_color
    from netbuilder.qt.training.plotkit import node_color

    graph = residual_net()
    edits, use = plan_make_block(graph, ["r1", "c2", "add"], "ResBlock")
    apply_edits(graph, edits)
    assert node_color(graph, f"{use}.c2") == category_color("Convolution")
    assert node_color(graph, f"{use}.nothing") == category_color("")
