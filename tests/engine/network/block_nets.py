"""Small networks with block uses, shared by the engine, export and CLI tests of blocks."""

from __future__ import annotations

from netbuilder.model import Graph
from netbuilder.model.block_edits import plan_make_block, plan_repeat
from netbuilder.model.blocks import BlockParam
from netbuilder.model.edits import apply_edits
from netbuilder.model.project import DatasetBinding, Project, TrainingSettings
from tests.block_graphs import residual_net


def res_net(*, width_arg: bool = False) -> Graph:
    """inp -> c1 -> res_block_1 -> res_block_2 -> fl -> fc -> out, two uses of ResBlock
    (x -> r1 -> c2 -> add(+x) -> out). With ``width_arg`` ResBlock has an argument ``width``
    (c2.out_channels), and the uses differ through c3, a 1x1 Conv2d inside."""
    g = residual_net()
    plan, use = plan_make_block(g, ["r1", "c2", "add"], "ResBlock")
    apply_edits(g, plan)
    plan, _ = plan_repeat(g, use, 1)
    apply_edits(g, plan)
    if width_arg:
        d = g.blocks["ResBlock"]
        # x -> r1 -> c2(width) -> c3(back to the input's channels) -> add(+x)
        body = d.body
        body.add_node("Conv2d", {"out_channels": 8, "kernel_size": 1}, node_id="c3")
        body.disconnect(body.edge_into("add", 0))  # type: ignore[arg-type]
        body.connect("c2", "c3")
        body.connect("c3", "add", 0)
        d.params.append(BlockParam("width", (("c2", "out_channels"),)))
        g.blocks.touch("ResBlock")
        g.conform_block_uses("ResBlock")
        g.set_params("res_block_1", {"width": 4})
        g.set_params("res_block_2", {"width": 16})
    return g


def nested_net() -> Graph:
    """``res_net`` with its two ResBlock uses made one use ``stage_1`` of a block Stage."""
    g = res_net(width_arg=True)
    plan, use = plan_make_block(g, ["res_block_1", "res_block_2"], "Stage")
    apply_edits(g, plan)
    assert use == "stage_1"
    return g


def basic_net() -> Graph:
    """inp [3, 8, 8] -> basic_1 (planes 8) -> basic_2 (planes 16) -> fl -> fc -> out: two
    uses of Basic (x -> conv -> bn -> relu -> out) whose input channels differ (3 and 8)."""
    g = Graph()
    g.add_node("Input", {"shape": [3, 8, 8]}, node_id="inp")
    g.add_node("Conv2d", {"out_channels": 8, "padding": 1}, (200, 0), node_id="conv")
    g.add_node("BatchNorm2d", None, (400, 0), node_id="bn")
    g.add_node("ReLU", None, (600, 0), node_id="relu")
    g.add_node("Flatten", None, (800, 0), node_id="fl")
    g.add_node("Linear", {"out_features": 10}, (1000, 0), node_id="fc")
    g.add_node("Output", None, (1200, 0), node_id="out")
    for a, b in [("inp", "conv"), ("conv", "bn"), ("bn", "relu"), ("relu", "fl")]:
        g.connect(a, b)
    g.connect("fl", "fc")
    g.connect("fc", "out")
    plan, use = plan_make_block(g, ["conv", "bn", "relu"], "Basic")
    apply_edits(g, plan)
    g.blocks["Basic"].params.append(BlockParam("planes", (("conv", "out_channels"),)))
    g.blocks.touch("Basic")
    g.conform_block_uses("Basic")
    plan, _ = plan_repeat(g, use, 1)
    apply_edits(g, plan)
    assert use == "basic_1"
    g.set_params("basic_2", {"planes": 16})
    return g


def digits_res_project(epochs: int = 1) -> Project:
    """``res_net(width_arg=True)`` on the digits images (1 x 8 x 8, 10 classes): a small
    residual project with 2 uses of one block whose arguments differ."""
    g = res_net(width_arg=True)
    g.set_params("inp", {"shape": [1, 8, 8]})
    return Project(
        graph=g,
        dataset=DatasetBinding(source="builtin", name="digits_images"),
        training=TrainingSettings(epochs=epochs, batch_size=256, lr=0.003),
        name="Digits blocks",
    )
