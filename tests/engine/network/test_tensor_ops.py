"""Issue 14's layer types beyond the shared tables: plain-words errors, grouped convolutions,
stochastic depth's training behaviour (in the app and in the exported code), old projects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from netbuilder.engine.data.info import DatasetInfo
from netbuilder.engine.export import prepare_model
from netbuilder.engine.export.codegen import python_source
from netbuilder.engine.network.builders import build_layer
from netbuilder.engine.network.compile import compile_graph
from netbuilder.engine.network.shape_rules import RULES, ShapeProblem
from netbuilder.engine.network.shapes import check_graph
from netbuilder.io import load_project
from netbuilder.model import CATALOGUE, Graph, ParamError
from tests.engine.export.test_export import chain, load_source

F, INT = "float32", "int64"
EXAMPLES = Path(__file__).resolve().parents[3] / "resources" / "examples"

# (type, params, input shapes, dtypes, words the message must hold)
PROBLEMS = [
    ("Conv2d", {"out_channels": 6, "groups": 4}, [(8, 5, 5)], [F], "divide both the 8 input"),
    ("Conv1d", {"out_channels": 6, "groups": 4}, [(8, 9)], [F], "6 out_channels"),
    ("Conv2d", {"out_channels": 8, "groups": 3}, [(6, 5, 5)], [F], "groups 3"),
    ("Permute", {"dims": [1, 1]}, [(4, 5)], [F], "each dimension of [N, 4, 5] once"),
    ("Permute", {"dims": [3, 1, 2]}, [(4, 5)], [F], "for example [2, 1]"),
    ("Permute", {}, [()], [F], "nothing to reorder"),
    ("Mean", {"dims": [3]}, [(4, 5)], [F], "from 1 to 2"),
    ("Mean", {"dims": [1, 1]}, [(4, 5)], [F], "different dimensions"),
    ("Mean", {}, [(4,)], [INT], "needs float values"),
    ("Scale", {"factor": 2.0}, [(4,)], [INT], "insert Embedding"),
    ("Pad", {"padding": [1, 2, 3]}, [(4, 5)], [F], "has 3 numbers; it needs pairs"),
    ("Pad", {"padding": [1, 1, 1, 1]}, [(4,)], [F], "at most 1 pairs"),
    ("Pad", {"value": 0.5}, [(4,)], [INT], "cannot fill int64"),
    ("Upsample", {"mode": "bilinear"}, [(3, 8)], [F], "use mode nearest"),
    ("Upsample", {}, [(8,)], [F], "[N, C, L] or [N, C, H, W]"),
    ("Upsample", {"scale_factor": 0.1}, [(3, 4, 4)], [F], "at least 0.25"),
    ("StochasticDepth", {}, [(4,)], [INT], "needs float values"),
    ("Chunk", {"chunks": 4, "index": 3}, [(5, 2)], [F], "make 3 pieces (index 0 to 2)"),
    ("Chunk", {"dim": 3}, [(5, 2)], [F], "use a dim from 1 to 2"),
    ("Chunk", {}, [()], [F], "nothing to cut"),
]


@pytest.mark.parametrize(("layer", "params", "shapes", "dtypes", "words"), PROBLEMS)
def test_rules_say_in_one_line_what_is_wrong(layer, params, shapes, dtypes, words):
    full = CATALOGUE[layer].validate_params(params)
    with pytest.raises(ShapeProblem) as info:
        RULES[layer](full, tuple(shapes), tuple(dtypes))
    message = info.value.message
    assert words in message and "\n" not in message and "{" not in message


def test_group_error_is_shown_against_its_node():
    graph = chain([("Conv2d", {"out_channels": 6, "groups": 4}, "grouped")], (8, 5, 5)).graph
    report = check_graph(graph)
    assert not report.ok
    assert "8 input channels" in report.errors["grouped"]
    assert "6 out_channels" in report.errors["grouped"]


def test_depthwise_convolution_has_one_filter_per_channel():
    conv = build_layer("Conv2d", {"out_channels": 8, "groups": 8}, [(8, 6, 6)])
    assert conv.weight.shape == (8, 1, 3, 3)
    with pytest.raises(ParamError, match="groups"):
        build_layer("Conv2d", {"groups": 0}, [(8, 6, 6)], node="conv_1")


def test_old_projects_without_groups_load_as_one_group():
    raw = json.loads((EXAMPLES / "digits_cnn.json").read_text())
    stored = [n for n in raw["graph"]["nodes"] if n["type"] == "Conv2d"]
    assert stored and all("groups" not in n.get("params", {}) for n in stored)
    loaded = load_project(EXAMPLES / "digits_cnn.json")
    convs = [n for n in loaded.project.graph.nodes.values() if n.type == "Conv2d"]
    assert convs and all(n.params["groups"] == 1 for n in convs)
    info = DatasetInfo("digits", "classification", (1, 8, 8), (), 1797, n_classes=10)
    assert check_graph(loaded.project.graph, info, loaded.project.training.loss).ok


def test_stochastic_depth_drops_whole_samples_while_training_only():
    torch.manual_seed(0)
    layer = build_layer("StochasticDepth", {"p": 0.3}, [(4, 3)])
    x = torch.rand(4000, 4, 3) + 1.0
    assert torch.equal(layer.eval()(x), x)
    y = layer.train()(x)
    kept = (y != 0).flatten(1).all(dim=1)
    dropped = (y == 0).flatten(1).all(dim=1)
    assert bool((kept | dropped).all())  # a sample is kept or dropped whole
    assert 0.27 < dropped.float().mean().item() < 0.33
    torch.testing.assert_close(y[kept], x[kept] / 0.7)
    none = build_layer("StochasticDepth", {"p": 0.0}, [(4, 3)]).train()
    assert torch.equal(none(x), x)


def test_exported_stochastic_depth_trains_like_the_apps():
    project = chain(
        [("Linear", {"out_features": 5}), ("StochasticDepth", {"p": 0.5}, "drop_path")], (3,)
    )
    model = prepare_model(project, with_weights=False)
    source = python_source(model)
    assert "drop_path = stochastic_depth(linear_1, 0.5, self.training)" in source
    net = load_source(source, "Chain")()
    net.load_state_dict(model.module.state_dict())
    x = torch.randn(64, 3)
    torch.manual_seed(1)
    want = model.module.train()(x)
    torch.manual_seed(1)
    got = net.train()(x)
    assert torch.equal(got, want) and bool((want == 0).any())


def test_inline_code_for_tensor_operations():
    project = chain(
        [
            ("Permute", {"dims": [2, 1]}, "swapped"),
            ("Pad", {"padding": [2, 1]}, "padded"),
            ("Mean", {"dims": [1], "keepdim": True}, "avg"),
            ("Scale", {"factor": 3.0}, "tripled"),
        ],
        (4, 6),
    )
    source = python_source(prepare_model(project, with_weights=False))
    assert "swapped = input_1.permute(0, 2, 1)" in source
    assert "padded = nn.functional.pad(swapped, (2, 1))" in source
    assert "avg = padded.mean(dim=1, keepdim=True)" in source
    assert "tripled = avg * 3.0" in source
    halves = chain([("Chunk", {"chunks": 2, "index": 1, "dim": 2}, "second")], (4, 6))
    source = python_source(prepare_model(halves, with_weights=False))
    assert "second = torch.chunk(input_1, 2, dim=2)[1]" in source
    assert "stochastic_depth" not in source  # the helper only when a node uses it


def test_catalogue_bounds_refuse_bad_values():
    with pytest.raises(ParamError, match="below the minimum 0"):
        CATALOGUE["Pad"].validate_params({"padding": [1, -1]})
    with pytest.raises(ParamError, match="mode"):
        CATALOGUE["Upsample"].validate_params({"mode": "bicubic"})
    with pytest.raises(ParamError, match="above the maximum"):
        CATALOGUE["StochasticDepth"].validate_params({"p": 1.0})
    assert CATALOGUE["Conv1d"].defaults()["groups"] == CATALOGUE["Conv2d"].defaults()["groups"] == 1


def test_an_inverted_residual_block_checks_compiles_and_learns():
    """MobileNetV2-style: expand, depthwise (groups = channels) with ReLU6, project, a
    stochastic-depth branch added back, then a channel mean; gradients reach every layer."""
    graph = Graph()
    layers = [
        ("input_1", "Input", {"shape": [4, 8, 8]}, []),
        ("expand", "Conv2d", {"out_channels": 16, "kernel_size": 1}, ["input_1"]),
        ("act", "ReLU6", {}, ["expand"]),
        ("depthwise", "Conv2d", {"out_channels": 16, "padding": 1, "groups": 16}, ["act"]),
        ("hswish", "Hardswish", {}, ["depthwise"]),
        ("project", "Conv2d", {"out_channels": 4, "kernel_size": 1}, ["hswish"]),
        ("drop_path", "StochasticDepth", {"p": 0.2}, ["project"]),
        ("residual", "Add", {}, ["input_1", "drop_path"]),
        ("pool", "Mean", {"dims": [2, 3]}, ["residual"]),
        ("head", "Linear", {"out_features": 3}, ["pool"]),
        ("output_1", "Output", {}, ["head"]),
    ]
    for nid, layer, params, sources in layers:
        graph.add_node(layer, params, node_id=nid)
        for src in sources:
            graph.connect(src, nid)
    info = DatasetInfo("blocks", "classification", (4, 8, 8), (), 32, n_classes=3)
    report = check_graph(graph, info, "cross_entropy")
    assert report.ok, report.messages()
    assert report.param_counts["depthwise"] == 16 * 9 + 16
    torch.manual_seed(0)
    module = compile_graph(graph, info).train()
    x, y = torch.randn(32, 4, 8, 8), torch.randint(0, 3, (32,))
    loss = torch.nn.functional.cross_entropy(module(x), y)
    loss.backward()
    for name, param in module.named_parameters():
        assert param.grad is not None and bool(param.grad.abs().sum() > 0), name


def test_multiply_broadcasts_like_torch_and_names_both_shapes_when_it_cannot():
    graph = Graph()
    graph.add_node("Input", {"shape": [4, 5, 5]}, node_id="image")
    graph.add_node("Mean", {"dims": [2, 3], "keepdim": True}, node_id="squeeze")
    graph.add_node("Multiply", {}, node_id="excite")
    graph.add_node("Mean", {"dims": [2, 3]}, node_id="flat_mean")
    graph.add_node("Multiply", {}, node_id="bad_rank")
    graph.add_node("Conv2d", {"out_channels": 3, "kernel_size": 1}, node_id="other")
    graph.add_node("Multiply", {}, node_id="bad_size")
    for src, dst in [("image", "squeeze"), ("image", "excite"), ("squeeze", "excite")]:
        graph.connect(src, dst)
    for src, dst in [("image", "flat_mean"), ("image", "bad_rank"), ("flat_mean", "bad_rank")]:
        graph.connect(src, dst)
    for src, dst in [("image", "other"), ("image", "bad_size"), ("other", "bad_size")]:
        graph.connect(src, dst)
    report = check_graph(graph)
    assert report.shapes["excite"] == (4, 5, 5)
    assert report.errors["bad_rank"] == (
        "Multiply needs inputs with the same number of dimensions: [N, 4, 5, 5] from image "
        "and [N, 4] from flat_mean; insert Reshape (e.g. to [C, 1, 1]) before the smaller one"
    )
    assert report.errors["bad_size"] == (
        "Multiply inputs [N, 4, 5, 5] from image and [N, 3, 5, 5] from other do not "
        "broadcast: dim 1 is 4 in one and 3 in the other (each dimension must be equal, or 1 "
        "in one of them)"
    )


def test_a_multiply_clash_names_the_input_that_gave_the_size():
    full = CATALOGUE["Multiply"].validate_params({})
    with pytest.raises(ShapeProblem) as info:
        RULES["Multiply"](full, ((4, 1, 5), (1, 3, 5), (4, 3, 2)), (F, F, F))
    assert info.value.message.startswith(
        "Multiply inputs [N, 4, 1, 5] from {src[0]} and [N, 4, 3, 2] from {src[2]} do not "
        "broadcast: dim 3 is 5 in one and 2 in the other"
    )
