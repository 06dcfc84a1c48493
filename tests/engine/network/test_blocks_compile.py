"""Compiling block uses: modules under the use id, layer paths, telemetry rows, equivalence."""

from __future__ import annotations

import pytest
import torch

from netbuilder.engine.network.compile import (
    BlockModule,
    CompileError,
    compile_graph,
    layer_of_parameter,
    node_of_parameter,
)
from netbuilder.engine.training.telemetry import first_non_finite_output, group_parameters
from netbuilder.model.block_edits import plan_inline
from netbuilder.model.edits import apply_edits
from tests.engine.network.block_nets import basic_net, nested_net, res_net


def test_a_use_is_one_module_and_its_parameters_are_use_dot_inner():
    module = compile_graph(res_net(width_arg=True))
    use = module.get_submodule("res_block_2")
    assert isinstance(use, BlockModule) and use.block == "ResBlock" and use.args == {"width": 16}
    names = [n for n, _ in module.named_parameters()]
    assert names[:2] == ["c1.weight", "c1.bias"]
    assert "res_block_1.c2.weight" in names and "res_block_2.c3.bias" in names
    assert module.get_submodule("res_block_2.c2").out_channels == 16  # type: ignore[operator]


@pytest.mark.parametrize("make", [basic_net, nested_net])
def test_a_use_computes_what_its_inlined_layers_compute(make):
    g = make()
    torch.manual_seed(0)
    module = compile_graph(g).eval()
    flat = g.copy()
    while uses := [n.id for n in flat if n.type == "Block"]:
        apply_edits(flat, plan_inline(flat, uses[0]))
    inlined = compile_graph(flat).eval()
    # inline names the layers <use>_<inner>: the same weights under the flattened names
    state = {k.replace(".", "_", k.count(".") - 1): v for k, v in module.state_dict().items()}
    inlined.load_state_dict(state)
    x = torch.randn(3, 3, 8, 8)
    assert torch.allclose(module(x), inlined(x), atol=1e-6)


def test_layer_paths_reach_the_layer_inside_nested_uses():
    module = compile_graph(nested_net())
    name = "stage_1.res_block_2.c3.weight"
    assert node_of_parameter(name) == "stage_1"
    assert layer_of_parameter(name, module) == "stage_1.res_block_2.c3"
    assert module.layer_of_parameter("_orig_mod.c1.bias") == "c1"
    paths = [p for p, _ in module.layers()]
    assert paths[:3] == ["inp", "c1", "stage_1.res_block_1.r1"]
    nodes, params, index = group_parameters(module)
    assert nodes == (
        "c1",
        "stage_1.res_block_1.c2",
        "stage_1.res_block_1.c3",
        "stage_1.res_block_2.c2",
        "stage_1.res_block_2.c3",
        "fc",
    )
    assert len(params) == len(index) == 12


def test_the_non_finite_culprit_is_a_layer_path():
    module = compile_graph(nested_net())
    with torch.no_grad():
        module.get_parameter("stage_1.res_block_2.c2.weight").fill_(float("nan"))
    culprit = first_non_finite_output(module, (torch.randn(2, 3, 8, 8),))
    assert culprit == "stage_1.res_block_2.c2"


def test_an_error_inside_a_use_stops_compiling_naming_the_use_and_layer():
    g = res_net()
    g.blocks["ResBlock"].body.set_params("c2", {"out_channels": 3})
    with pytest.raises(CompileError) as info:
        compile_graph(g)
    assert info.value.node == "res_block_1"
    assert "inside ResBlock: add (Add)" in info.value.reason


def test_weights_that_no_longer_fit_name_the_layer_inside_the_use():
    from netbuilder.engine.training.checkpoint import (
        CheckpointError,
        load_weights,
        weights_to_bytes,
    )

    saved = weights_to_bytes(compile_graph(res_net(width_arg=True)))
    g = res_net(width_arg=True)
    g.set_params("res_block_2", {"width": 12})
    with pytest.raises(CheckpointError, match=r"but node 'res_block_2\.c2' needs"):
        load_weights(compile_graph(g), saved)


def test_no_node_id_can_clash_with_an_attribute_of_the_compiled_network():
    # A submodule named ``layers`` or ``block`` (common in imported models) made add_module
    # raise KeyError, one named ``body`` or ``report`` a TypeError: ids must avoid them.
    from torch import nn

    from netbuilder.model import is_valid_node_id

    module = compile_graph(res_net(width_arg=True))
    use = module.get_submodule("res_block_1")
    plain = set(dir(nn.Module())) | set(vars(nn.Module()))
    own = (set(dir(use)) | set(vars(use)) | set(vars(module))) - plain
    own -= set(module._modules) | set(use._modules)  # the layers themselves
    clashing = sorted(n for n in own if not n.startswith("_") and is_valid_node_id(n))
    assert clashing == []
