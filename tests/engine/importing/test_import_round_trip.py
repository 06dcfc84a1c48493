"""Import round trip: the compiled project (with the copied weights) and its ``.py`` export
equal the source model on random input; node ids follow the module hierarchy."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import torch

from netbuilder.engine.export.codegen import export_python
from netbuilder.engine.importing import import_model, load_model
from netbuilder.engine.network.compile import compile_graph
from netbuilder.engine.training.checkpoint import load_weights
from netbuilder.io import load_project, save_project

MODELS = Path(__file__).parents[2] / "fixtures" / "models"

CASES = {
    "vgg": ("vgg.py:SmallVGG", (3, 16, 16), {}),
    "resnet": ("resnet.py:resnet_tiny", (3, 16, 16), {"num_classes": 5}),
    "bottleneck": ("resnet.py:resnet_bottleneck", (3, 12, 12), {}),
    "lstm": ("text_lstm.py:LSTMClassifier", (9,), {}),
    "gru": ("text_lstm.py:GRUTagger", (6,), {}),
    "mlp": ("mlp_skip.py:SkipMLP", (6,), {}),
    "mobilenet": ("mobilenet.py:TinyMobileNet", (3, 16, 16), {}),  # ReLU6, depthwise, Mean
    "senet": ("senet.py:SEResNet", (3, 12, 12), {}),  # [N, C, 1, 1] * [N, C, H, W]
    "transformer": ("text_transformer.py:TextTransformer", (7,), {}),
    "glu": ("text_transformer.py:GLUNet", (6,), {}),  # chunk, split
}


def _input(model: torch.nn.Module, shape: tuple[int, ...], batch: int = 5) -> torch.Tensor:
    torch.manual_seed(1)
    embeddings = [m for m in model.modules() if isinstance(m, torch.nn.Embedding)]
    if embeddings:
        return torch.randint(0, embeddings[0].num_embeddings, (batch, *shape))
    return torch.randn(batch, *shape)


def _source(name: str) -> tuple[torch.nn.Module, tuple[int, ...], str]:
    where, shape, kwargs = CASES[name]
    torch.manual_seed(0)
    source = f"{MODELS / where.split(':')[0]}:{where.split(':')[1]}"
    return load_model(source, kwargs), shape, where.split(":")[1]


@pytest.mark.parametrize("name", sorted(CASES))
def test_compiled_project_and_python_export_equal_the_source_model(name, tmp_path):
    model, shape, cls = _source(name)
    with torch.no_grad():  # trained-looking batch-norm statistics, not the initial 0 and 1
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
    imported = import_model(model, shape, name=cls)
    save_project(tmp_path / "p.nbproj", imported.project, weights=imported.weights)
    loaded = load_project(tmp_path / "p.nbproj")
    compiled = compile_graph(loaded.project.graph)
    load_weights(compiled, loaded.weights)
    x = _input(model, shape)
    model.eval()
    compiled.eval()
    export_python(loaded, tmp_path / "net.py", weights=True)
    spec = importlib.util.spec_from_file_location(f"exported_{name}", tmp_path / "net.py")
    assert spec is not None and spec.loader is not None
    exported = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(exported)
    code_model = exported.load(str(tmp_path / "net.safetensors"))
    with torch.no_grad():
        want, got, from_code = model(x), compiled(x), code_model(x)
    assert want.shape == got.shape == from_code.shape
    assert torch.allclose(got, want, atol=1e-5, rtol=0)
    assert torch.allclose(from_code, want, atol=1e-5, rtol=0)
    # every node except Input/Output has a position of its own (the auto-layout ran)
    positions = [n.pos for n in loaded.project.graph]
    assert len(set(positions)) == len(positions)


def test_resnet_nodes_follow_the_module_hierarchy_with_residual_adds():
    model, shape, cls = _source("resnet")
    graph = import_model(model, shape, name=cls, flat=True).project.graph
    assert {"conv1", "layer1_0_conv1", "layer2_0_downsample_0", "fc"} <= set(graph.nodes)
    adds = [n for n in graph if n.type == "Add"]
    assert [n.id for n in adds] == ["layer1_0_add", "layer1_1_add", "layer2_0_add", "layer2_1_add"]
    # the second block's skip comes straight from the first block's output relu
    assert set(graph.predecessors("layer1_1_add")) == {"layer1_1_bn2", "layer1_0_relu_2"}
    assert graph.nodes["input"].params["shape"] == (3, 16, 16)


def test_lstm_last_hidden_state_and_functional_calls_map_to_catalogue_types():
    model, shape, cls = _source("lstm")
    graph = import_model(model, shape, name=cls).project.graph
    assert graph.nodes["lstm"].params["output"] == "last"
    assert graph.nodes["lstm"].params["num_layers"] == 2
    assert graph.nodes["input"].params["dtype"] == "int64"
    assert graph.nodes["embedding"].params["padding_idx_zero"] is True
    model, shape, cls = _source("mlp")
    graph = import_model(model, shape, name=cls).project.graph
    types = {n.id: n.type for n in graph}
    assert types["relu"] == "ReLU" and types["add"] == "Add" and types["tanh"] == "Tanh"
    assert graph.nodes["concat"].params["dim"] == 1  # dim=-1 of [N, F], stored positive
    assert graph.predecessors("concat") == ["add", "input"]


def test_the_last_step_of_an_lstm_sequence_becomes_its_last_output():
    class LastStep(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.lstm = torch.nn.LSTM(4, 5, batch_first=True)
            self.fc = torch.nn.Linear(5, 2)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            out, _ = self.lstm(x)
            return self.fc(out[:, -1, :])

    imported = import_model(LastStep(), (7, 4), name="LastStep")
    assert imported.project.graph.nodes["lstm"].params["output"] == "last"
    assert [n.type for n in imported.project.graph] == ["Input", "LSTM", "Linear", "Output"]
    assert imported.max_difference <= 1e-5


def test_resnet_imports_as_one_basic_block_used_several_times(tmp_path):
    model, shape, cls = _source("resnet")
    imported = import_model(model, shape, name=cls)
    graph = imported.project.graph
    uses = [n for n in graph if n.type == "Block"]
    assert [n.params["block"] for n in uses].count("BasicBlock") == 3
    assert sorted(graph.blocks.names()) == ["BasicBlock", "BasicBlock_downsample"]
    assert [p.name for p in graph.blocks["BasicBlock"].params] == ["out_channels"]
    assert {n.params.get("out_channels") for n in uses} == {8, 16, None}
    assert imported.project.view == {"zoom": "fit"}  # the window opens it whole
    # the top level is a few cards: stem, four uses, head
    assert len(graph) == 12 and imported.layers == 36
    # bodies read left to right, from the port in to the port out
    body = graph.blocks["BasicBlock"].body
    assert body.node("x").pos[0] < body.node("conv1").pos[0] < body.node("out").pos[0]
    save_project(tmp_path / "p.nbproj", imported.project, weights=imported.weights)
    export_python(load_project(tmp_path / "p.nbproj"), tmp_path / "net.py", weights=True)
    code = (tmp_path / "net.py").read_text()
    assert code.count("class BasicBlock(") == 1
    assert code.count("class BasicBlock_downsample(") == 1
