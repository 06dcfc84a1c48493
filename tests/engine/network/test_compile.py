"""Compiled graphs equal hand-written modules with the same weights; plan and naming."""

from __future__ import annotations

import copy
import itertools
import weakref

import pytest
import torch
from torch import nn

from netbuilder.engine.data.info import DatasetInfo
from netbuilder.engine.network.compile import (
    CompileError,
    compile_graph,
    node_of_parameter,
    parameterised_nodes,
)
from netbuilder.model import Graph, NetbuilderError

DIGITS = DatasetInfo("digits", "classification", (64,), (), 1797, n_classes=10)


def make(nodes: list[tuple], edges: str) -> Graph:
    g = Graph()
    for entry in nodes:
        g.add_node(entry[1], entry[2] if len(entry) > 2 else {}, node_id=entry[0])
    for pair in edges.split():
        src, dst = pair.split(">")
        g.connect(src, dst)
    return g


def same_outputs(compiled: nn.Module, reference: nn.Module, *inputs: torch.Tensor) -> None:
    reference.load_state_dict(compiled.state_dict())  # strict: the same keys on both sides
    compiled.eval()
    reference.eval()
    with torch.no_grad():
        assert torch.allclose(compiled(*inputs), reference(*inputs), atol=1e-6)


def test_mlp_matches_hand_written():
    graph = make(
        [
            ("input_1", "Input", {"shape": [64]}),
            ("linear_1", "Linear", {"out_features": 32}),
            ("relu_1", "ReLU"),
            ("dropout_1", "Dropout"),
            ("linear_2", "Linear", {"out_features": 10}),
            ("output_1", "Output"),
        ],
        "input_1>linear_1 linear_1>relu_1 relu_1>dropout_1 dropout_1>linear_2 linear_2>output_1",
    )

    class MLP(nn.Module):
        def __init__(self):
            super().__init__()
            self.linear_1, self.linear_2 = nn.Linear(64, 32), nn.Linear(32, 10)

        def forward(self, x):
            return self.linear_2(torch.relu(self.linear_1(x)))

    module = compile_graph(graph, DIGITS)
    assert module.input_ids == ["input_1"] and module.output_ids == ["output_1"]
    same_outputs(module, MLP(), torch.randn(7, 64))


def test_cnn_matches_hand_written():
    graph = make(
        [
            ("input_1", "Input", {"shape": [1, 8, 8]}),
            ("conv2d_1", "Conv2d", {"out_channels": 4, "padding": 1}),
            ("batch_norm2d_1", "BatchNorm2d"),
            ("relu_1", "ReLU"),
            ("max_pool2d_1", "MaxPool2d"),
            ("flatten_1", "Flatten"),
            ("linear_1", "Linear", {"out_features": 10}),
            ("output_1", "Output"),
        ],
        "input_1>conv2d_1 conv2d_1>batch_norm2d_1 batch_norm2d_1>relu_1 relu_1>max_pool2d_1 "
        "max_pool2d_1>flatten_1 flatten_1>linear_1 linear_1>output_1",
    )

    class CNN(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv2d_1 = nn.Conv2d(1, 4, 3, padding=1)
            self.batch_norm2d_1 = nn.BatchNorm2d(4)
            self.linear_1 = nn.Linear(4 * 4 * 4, 10)

        def forward(self, x):
            x = nn.functional.max_pool2d(torch.relu(self.batch_norm2d_1(self.conv2d_1(x))), 2)
            return self.linear_1(x.flatten(1))

    module = compile_graph(graph)
    with torch.no_grad():  # non-trivial running statistics
        module.batch_norm2d_1.running_mean.uniform_(-1, 1)
    same_outputs(module, CNN(), torch.randn(5, 1, 8, 8))


def test_residual_mlp_with_add_matches_hand_written():
    graph = make(
        [
            ("input_1", "Input", {"shape": [16]}),
            ("linear_1", "Linear", {"out_features": 16}),
            ("relu_1", "ReLU"),
            ("linear_2", "Linear", {"out_features": 16}),
            ("add_1", "Add"),
            ("linear_3", "Linear", {"out_features": 3}),
            ("output_1", "Output"),
        ],
        "input_1>linear_1 linear_1>relu_1 relu_1>linear_2 linear_2>add_1 input_1>add_1 "
        "add_1>linear_3 linear_3>output_1",
    )

    class Residual(nn.Module):
        def __init__(self):
            super().__init__()
            self.linear_1, self.linear_2 = nn.Linear(16, 16), nn.Linear(16, 16)
            self.linear_3 = nn.Linear(16, 3)

        def forward(self, x):
            return self.linear_3(self.linear_2(torch.relu(self.linear_1(x))) + x)

    same_outputs(compile_graph(graph), Residual(), torch.randn(4, 16))


def test_concat_branch_matches_hand_written():
    graph = make(
        [
            ("input_1", "Input", {"shape": [6]}),
            ("linear_1", "Linear", {"out_features": 5}),
            ("tanh_1", "Tanh"),
            ("linear_2", "Linear", {"out_features": 3}),
            ("concat_1", "Concat"),
            ("linear_3", "Linear", {"out_features": 2}),
            ("output_1", "Output"),
        ],
        "input_1>linear_1 linear_1>tanh_1 input_1>linear_2 tanh_1>concat_1 linear_2>concat_1 "
        "concat_1>linear_3 linear_3>output_1",
    )

    class Branches(nn.Module):
        def __init__(self):
            super().__init__()
            self.linear_1, self.linear_2 = nn.Linear(6, 5), nn.Linear(6, 3)
            self.linear_3 = nn.Linear(8, 2)

        def forward(self, x):
            return self.linear_3(torch.cat([torch.tanh(self.linear_1(x)), self.linear_2(x)], 1))

    same_outputs(compile_graph(graph), Branches(), torch.randn(4, 6))


def test_lstm_matches_hand_written():
    graph = make(
        [
            ("input_1", "Input", {"shape": [7, 3]}),
            ("lstm_1", "LSTM", {"hidden_size": 8, "num_layers": 2, "output": "last"}),
            ("linear_1", "Linear", {"out_features": 2}),
            ("output_1", "Output"),
        ],
        "input_1>lstm_1 lstm_1>linear_1 linear_1>output_1",
    )

    class Recurrent(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm_1 = nn.LSTM(3, 8, num_layers=2, batch_first=True)
            self.linear_1 = nn.Linear(8, 2)

        def forward(self, x):
            out, _ = self.lstm_1(x)
            return self.linear_1(out[:, -1])

    same_outputs(compile_graph(graph), Recurrent(), torch.randn(4, 7, 3))


def test_several_inputs_and_outputs_in_topological_order():
    graph = make(
        [
            ("a", "Input", {"shape": [3]}),
            ("b", "Input", {"shape": [3]}),
            ("add_1", "Add"),
            ("out_sum", "Output"),
            ("relu_1", "ReLU"),
            ("out_relu", "Output"),
        ],
        "a>add_1 b>add_1 add_1>out_sum b>relu_1 relu_1>out_relu",
    )
    module = compile_graph(graph)
    assert module.input_ids == ["a", "b"] and module.output_ids == ["out_sum", "out_relu"]
    x, y = torch.randn(2, 3), torch.randn(2, 3)
    total, rectified = module(x, y)
    assert torch.equal(total, x + y) and torch.equal(rectified, torch.relu(y))
    with pytest.raises(TypeError, match="expected 2 input"):
        module(x)


def test_stray_nodes_are_not_compiled_and_do_not_block():
    graph = make(
        [
            ("input_1", "Input", {"shape": [4]}),
            ("linear_1", "Linear", {"out_features": 2}),
            ("output_1", "Output"),
            ("linear_9", "Linear"),
            ("input_2", "Input"),
        ],
        "input_1>linear_1 linear_1>output_1 input_1>linear_9",
    )
    graph.add_node("Conv2d", node_id="conv2d_1")  # an error of its own: no input
    module = compile_graph(graph)
    assert [name for name, _ in module.named_children()] == ["input_1", "linear_1", "output_1"]
    assert module.input_ids == ["input_1"]


def test_invalid_graph_raises_compile_error_naming_the_node():
    graph = make(
        [
            ("input_1", "Input", {"shape": [1, 8, 8]}),
            ("linear_2", "Linear"),
            ("output_1", "Output"),
        ],
        "input_1>linear_2 linear_2>output_1",
    )
    with pytest.raises(CompileError, match="insert Flatten before it") as info:
        compile_graph(graph)
    assert info.value.node == "linear_2" and isinstance(info.value, NetbuilderError)
    with pytest.raises(CompileError, match="no Output node"):
        compile_graph(make([("input_1", "Input")], ""))
    with pytest.raises(CompileError, match="cross-entropy over 10 classes") as info:
        compile_graph(
            make([("input_1", "Input"), ("output_1", "Output")], "input_1>output_1"),
            DIGITS,
            loss="cross_entropy",
        )
    assert info.value.node == "output_1"


def test_parameters_map_back_to_nodes():
    graph = make(
        [
            ("input_1", "Input", {"shape": [4]}),
            ("linear_1", "Linear"),
            ("relu_1", "ReLU"),
            ("layer_norm_1", "LayerNorm"),
            ("output_1", "Output"),
        ],
        "input_1>linear_1 linear_1>relu_1 relu_1>layer_norm_1 layer_norm_1>output_1",
    )
    module = compile_graph(graph)
    names = [n for n, _ in module.named_parameters()]
    assert names == ["linear_1.weight", "linear_1.bias", "layer_norm_1.weight", "layer_norm_1.bias"]
    assert all(node_of_parameter(n) in graph for n in names)
    assert node_of_parameter("_orig_mod.module.lstm_1.weight_ih_l0") == "lstm_1"
    assert parameterised_nodes(module) == ["linear_1", "layer_norm_1"]


def test_chain_reuses_slots_and_releases_intermediates():
    nodes = [("input_1", "Input", {"shape": [8]})]
    nodes += [(f"linear_{i}", "Linear", {"out_features": 8}) for i in range(6)]
    nodes += [("output_1", "Output")]
    ids = [n[0] for n in nodes]
    graph = make(nodes, " ".join(f"{a}>{b}" for a, b in itertools.pairwise(ids)))
    module = compile_graph(graph)
    assert module._n_slots == 1
    seen = {}
    module.linear_0.register_forward_hook(lambda m, i, o: seen.update(first=weakref.ref(o)))
    module.linear_5.register_forward_hook(lambda m, i, o: seen.update(alive=seen["first"]()))
    with torch.no_grad():
        module(torch.randn(2, 8))
    assert seen["alive"] is None  # linear_0's output was released before the last layer ran


def test_branch_slots_are_cleared_when_not_reused():
    graph = make(
        [
            ("input_1", "Input", {"shape": [4]}),
            ("linear_1", "Linear", {"out_features": 4}),
            ("linear_2", "Linear", {"out_features": 4}),
            ("concat_1", "Concat"),
            ("output_1", "Output"),
        ],
        "input_1>linear_1 input_1>linear_2 linear_1>concat_1 linear_2>concat_1 concat_1>output_1",
    )
    module = compile_graph(graph)
    x = torch.randn(3, 4)
    expected = torch.cat([module.linear_1(x), module.linear_2(x)], 1)
    assert torch.allclose(module(x), expected)
    last = module._plan[-1]
    assert set(last[3]) | {last[2]} == set(range(module._n_slots))  # nothing left holding data


def test_deepcopy_is_independent_and_trains():
    graph = make(
        [
            ("input_1", "Input", {"shape": [4]}),
            ("linear_1", "Linear", {"out_features": 1}),
            ("output_1", "Output"),
        ],
        "input_1>linear_1 linear_1>output_1",
    )
    module = compile_graph(graph)
    clone = copy.deepcopy(module)
    with torch.no_grad():
        clone.linear_1.weight.zero_()
        clone.linear_1.bias.fill_(2.0)
    x = torch.randn(3, 4)
    assert torch.equal(clone(x), torch.full((3, 1), 2.0))
    assert not torch.equal(module(x), clone(x))
    module(x).sum().backward()
    assert module.linear_1.weight.grad is not None
