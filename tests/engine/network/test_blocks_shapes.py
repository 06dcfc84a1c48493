"""Shapes through block uses: results, errors naming the layer inside, pending, cache, bodies."""

from __future__ import annotations

import math

from netbuilder.engine.data.info import DatasetInfo
from netbuilder.engine.network.block_shapes import check_body, first_use_inputs
from netbuilder.engine.network.compile import compile_graph
from netbuilder.engine.network.fixes import apply_fix
from netbuilder.engine.network.memory import estimate_memory
from netbuilder.engine.network.shapes import ShapeChecker, check_graph
from netbuilder.model import Graph
from netbuilder.model.blocks import BlockParam
from netbuilder.model.project import TrainingSettings
from tests.engine.network.block_nets import basic_net, nested_net, res_net

DIGITS_IMAGES = DatasetInfo("d", "classification", (3, 8, 8), (), 100, n_classes=7)


def test_a_use_has_its_body_output_shape_and_the_sum_of_its_parameters():
    g = basic_net()
    r = check_graph(g)
    assert r.ok
    assert r.shapes["basic_1"] == (8, 8, 8) and r.shapes["basic_2"] == (16, 8, 8)
    assert r.param_counts["basic_1"] == (3 * 8 * 9 + 8) + 2 * 8  # conv + bn
    assert r.param_counts["basic_2"] == (8 * 16 * 9 + 16) + 2 * 16
    assert r.inner["basic_2"]["conv"] == (16, 8, 8) and r.inner["basic_2"]["x"] == (8, 8, 8)
    module = compile_graph(g)
    assert r.total_params == sum(p.numel() for p in module.parameters())


def test_an_error_inside_a_use_names_the_layer_and_the_inner_results_keep_it():
    g = res_net(width_arg=True)
    body = g.blocks["ResBlock"].body
    body.set_params("c3", {"out_channels": 5})  # the residual add no longer fits
    r = check_graph(g)
    message = r.errors["res_block_1"]
    assert message.startswith("inside ResBlock: add (Add): Add needs inputs of the same shape")
    assert "res_block_1" in r.inner and r.inner["res_block_1"]["c3"] == (5, 8, 8)
    assert isinstance(r.inner["res_block_1"]["add"], str)
    assert "res_block_2" not in r.shapes  # downstream of the error: no shape, no message
    assert "res_block_2" not in r.errors


def test_nested_errors_name_each_level():
    g = nested_net()
    g.blocks["ResBlock"].body.set_params("c3", {"out_channels": 5})
    message = check_graph(g).errors["stage_1"]
    assert message.startswith(
        "inside Stage: res_block_1 (Block): inside ResBlock: add (Add): Add needs inputs"
    )


def test_an_unconnected_block_output_is_pending_and_blocks_compiling():
    g = res_net()
    body = g.blocks["ResBlock"].body
    body.disconnect(body.edge_into("out", 0))  # type: ignore[arg-type]
    r = check_graph(g)
    assert not r.errors and not r.ok
    assert r.pending["res_block_1"] == (
        "inside ResBlock: out (BlockOutput): BlockOutput has no input: connect one"
    )


def test_a_damaged_definition_is_the_uses_error():
    g = res_net()
    body = g.blocks["ResBlock"].body
    body.remove_node("out")
    r = check_graph(g)
    assert r.errors["res_block_1"] == (
        "inside ResBlock: block ResBlock needs exactly one Block output, has 0"
    )


def test_a_recheck_after_an_edit_elsewhere_reuses_the_use_results():
    g = nested_net()
    checker = ShapeChecker()
    first = checker.check(g)
    before = checker.computed
    g.set_params("fc", {"out_features": 7})
    again = checker.check(g)
    assert checker.computed - before == 2  # fc and out; the stage and its blocks are cached
    assert again.uses["stage_1"] is first.uses["stage_1"]
    # Editing the inner definition changes every use, at every depth
    g.blocks["ResBlock"].body.set_params("c3", {"kernel_size": 3, "padding": 1})
    third = checker.check(g)
    assert third.uses["stage_1"] is not first.uses["stage_1"]
    assert third.param_counts["stage_1"] > first.param_counts["stage_1"]


def test_check_body_with_a_uses_inputs_or_placeholders():
    g = basic_net()
    r = check_graph(g)
    ports = first_use_inputs(g, r, "Basic")
    assert ports == [((3, 8, 8), "float32")]
    d = g.blocks["Basic"]
    body = check_body(d, ports)
    assert body.ok and body.shapes["out"] == (8, 8, 8)
    # unused: placeholders, noted, and a problem that follows from them is pending
    d.body.set_params("conv", {"kernel_size": 7})
    alone = check_body(d)
    assert "x" in alone.notes and not alone.errors
    assert alone.pending["conv"].startswith("Waiting for a use: with the block input's")


def test_the_output_check_and_its_fix_work_through_a_use():
    g = Graph()
    g.add_node("Input", {"shape": [3, 8, 8]}, node_id="inp")
    g.add_node("Flatten", node_id="fl")
    g.add_node("Linear", {"out_features": 4}, node_id="head")
    g.add_node("Output", node_id="out")
    for a, b in [("inp", "fl"), ("fl", "head"), ("head", "out")]:
        g.connect(a, b)
    from netbuilder.model.block_edits import plan_make_block
    from netbuilder.model.edits import apply_edits

    plan, use = plan_make_block(g, ["head"], "Head")
    apply_edits(g, plan)
    g.blocks["Head"].params.append(BlockParam("classes", (("head", "out_features"),)))
    g.blocks.touch("Head")
    r = check_graph(g, DIGITS_IMAGES, "cross_entropy")
    assert r.errors["out"].endswith(f"set {use}'s classes to 7")
    apply_fix(g, r.fixes["out"])
    assert check_graph(g, DIGITS_IMAGES, "cross_entropy").ok


def test_memory_counts_the_activations_inside_uses():
    r = check_graph(basic_net())
    top = sum(math.prod(s) for s in r.shapes.values())
    inner = sum(
        math.prod(s) for use in r.inner.values() for s in use.values() if s.__class__ is tuple
    )
    assert inner > 0
    estimate = estimate_memory(r, TrainingSettings(batch_size=1))
    assert estimate.activation_bytes == (top + inner) * 4 * 2  # float32, forward and backward
