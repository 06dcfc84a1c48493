"""Imported module hierarchy -> blocks: one definition per class and structure, arguments for
the fields that differ, ids from the module path, weights under ``<use>.<layer>``."""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn

from netbuilder.engine.importing import load_model
from netbuilder.engine.importing.blocks import block_graph
from netbuilder.engine.importing.tracing import trace_model

MODELS = Path(__file__).parents[2] / "fixtures" / "models"


def _blocks(model: nn.Module, shape: tuple[int, ...]):
    return block_graph(trace_model(model, shape, "m").nodes, model)


def test_resnet_blocks_share_one_definition_with_an_argument_per_varying_size():
    model = load_model(f"{MODELS / 'resnet.py'}:resnet_tiny", {"num_classes": 5})
    graph, weights, stages = _blocks(model, (3, 16, 16))
    uses = {n.id: n.params for n in graph if n.type == "Block"}
    assert uses == {
        "layer1_0": {"block": "BasicBlock", "out_channels": 8},
        "layer1_1": {"block": "BasicBlock", "out_channels": 8},
        "layer2_0": {"block": "BasicBlock_downsample"},
        "layer2_1": {"block": "BasicBlock", "out_channels": 16},
    }
    basic = graph.blocks["BasicBlock"]
    assert [(p.name, p.targets) for p in basic.params] == [
        ("out_channels", (("conv1", "out_channels"), ("conv2", "out_channels")))
    ]
    assert basic.input_ids() == ["x"] and basic.output_id() == "out"
    assert basic.problems() == []
    assert set(basic.body.predecessors("add")) == {"bn2", "x"}
    down = graph.blocks["BasicBlock_downsample"]
    assert {"downsample_0", "downsample_1"} <= set(down.body.nodes)
    assert ("layer1_0.conv1", "layer1.0.conv1") in weights
    assert ("layer2_0.downsample_0", "layer2.0.downsample.0") in weights
    assert ("fc", "fc") in weights
    assert stages["layer2_1"] == "layer2" and "conv1" not in stages
    # instantiating a use gives the source's sizes
    assert basic.instantiate(uses["layer2_1"]).nodes["conv2"].params["out_channels"] == 16


class Unit(nn.Module):
    def __init__(self, width: int, out: int) -> None:
        super().__init__()
        self.fc1 = nn.Linear(width, out)
        self.fc2 = nn.Linear(out, out)
        self.act = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.fc2(self.act(self.fc1(x))))


class Stage(nn.Module):
    def __init__(self, width: int, out: int) -> None:
        super().__init__()
        self.first = Unit(width, out)
        self.second = Unit(out, out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.second(self.first(x))


class TwoExits(nn.Module):
    """Hands two tensors on: cannot be one block, so its layers stay loose."""

    def __init__(self) -> None:
        super().__init__()
        self.a = nn.Linear(4, 4)
        self.b = nn.Linear(4, 4)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return self.a(x), self.b(x)


class Nested(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.stage1 = Stage(4, 6)
        self.stage2 = Stage(6, 3)
        self.split = TwoExits()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        a, b = self.split(x)
        return self.stage2(self.stage1(a + b))


def test_blocks_nest_and_a_module_with_two_exits_stays_flat():
    graph, weights, _ = _blocks(Nested(), (4,))
    top = [n.id for n in graph]
    assert top == ["input", "split_a", "split_b", "add", "stage1", "stage2", "output"]
    stage = graph.blocks["Stage"]
    assert graph.node("stage1").params == {"block": "Stage", "out_features": 6}
    assert graph.node("stage2").params == {"block": "Stage", "out_features": 3}
    assert [n.id for n in stage.body if n.type == "Block"] == ["first", "second"]
    unit = graph.blocks["Unit"]
    # fc1 and fc2 always share a width inside each Stage use: one argument
    assert [(p.name, p.targets) for p in unit.params] == [
        ("out_features", (("fc1", "out_features"), ("fc2", "out_features")))
    ]
    (arg,) = stage.params
    assert set(arg.targets) == {("first", "out_features"), ("second", "out_features")}
    assert graph.blocks.depends_on(["Stage"]) == ["Unit", "Stage"]
    assert ("stage2.first.fc1", "stage2.first.fc1") in weights


def test_blocks_the_engine_refuses_fall_back_to_one_node_per_layer(monkeypatch):
    from netbuilder.engine.importing import assemble, import_model
    from netbuilder.model.blocks import BlockError

    def refuse(*_args: object) -> None:
        raise BlockError("no blocks today", block="Stage")

    monkeypatch.setattr(assemble, "block_graph", refuse)
    imported = import_model(Nested(), (4,), name="Nested")
    graph = imported.project.graph
    assert len(graph.blocks) == 0 and "stage1_first_fc1" in graph.nodes
    assert imported.max_difference <= 1e-5


def test_nested_blocks_import_with_the_source_weights():
    from netbuilder.engine.importing import import_model

    torch.manual_seed(0)
    imported = import_model(Nested(), (4,), name="Nested")
    assert sorted(imported.project.graph.blocks.names()) == ["Stage", "Unit"]
    assert imported.max_difference <= 1e-5  # compiled with stage2.first.fc1 etc. copied in


class ConvBNReLU(nn.Sequential):
    """A named Sequential, as torchvision's Conv2dNormActivation: a block of its own."""

    def __init__(self, cin: int, cout: int) -> None:
        super().__init__(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU())


class Stem(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.features = nn.Sequential(ConvBNReLU(3, 4), ConvBNReLU(4, 6))
        self.pool = nn.AdaptiveAvgPool2d(1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.pool(self.features(x))


def test_a_named_sequential_subclass_is_a_block_and_a_plain_sequential_is_not():
    graph, weights, stages = _blocks(Stem(), (3, 8, 8))
    assert [n.id for n in graph if n.type == "Block"] == ["features_0", "features_1"]
    body = graph.blocks["ConvBNReLU"].body
    assert [n.type for n in body] == ["BlockInput", "Conv2d", "BatchNorm2d", "ReLU", "BlockOutput"]
    assert ("features_1.layer_0", "features.1.0") in weights
    assert stages == {"features_0": "features", "features_1": "features"}
    from netbuilder.engine.importing import import_model

    assert import_model(Stem(), (3, 8, 8), name="Stem").max_difference <= 1e-5


def test_a_variant_without_a_layer_is_named_after_what_it_lacks():
    model = load_model(f"{MODELS / 'mobilenet.py'}:TinyMobileNet", {})
    graph, _, _ = _blocks(model, (3, 16, 16))
    uses = {n.id: n.params["block"] for n in graph if n.type == "Block"}
    assert uses == {
        "blocks_0": "InvertedResidual",
        "blocks_1": "InvertedResidual_no_add",
        "blocks_2": "InvertedResidual",
    }
    (merged, _) = graph.blocks["InvertedResidual"].params
    # a depthwise convolution's groups always equal its channels: one argument sets all three
    assert set(merged.targets) == {
        ("expand", "out_channels"),
        ("depthwise", "out_channels"),
        ("depthwise", "groups"),
    }


class Body(nn.Module):
    """Submodules named like the compiled network's own attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.block = nn.Linear(8, 8)
        self.body = nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(self.block(x))


class Layered(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.layers = nn.Linear(4, 8)
        self.report = Body()
        self.args = Body()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.args(self.report(self.layers(x)))


def test_submodules_named_layers_block_or_body_import():
    # they became node ids the compiled network could not register (KeyError, TypeError)
    from netbuilder.engine.importing import import_model

    torch.manual_seed(0)
    imported = import_model(Layered(), (4,), name="Layered")
    graph = imported.project.graph
    assert {"layers", "report", "args"}.isdisjoint(graph.nodes)
    assert {"block", "body"}.isdisjoint(graph.blocks["Body"].body.nodes)
    assert imported.max_difference <= 1e-5
