"""Shape checking: shapes, plain-words errors with fixes, output vs loss, and the cache."""

from __future__ import annotations

import pytest

from netbuilder.engine.data.info import DatasetInfo
from netbuilder.engine.network.compile import compile_graph
from netbuilder.engine.network.fixes import apply_fix
from netbuilder.engine.network.shapes import ShapeChecker, check_graph, format_shape
from netbuilder.model import Graph

DIGITS = DatasetInfo("digits", "classification", (64,), (), 1797, n_classes=10)
DIGITS_IMAGES = DatasetInfo("digits", "classification", (1, 8, 8), (), 1797, n_classes=10)
REGRESSION = DatasetInfo("r", "regression", (5,), (3,), 100)
ONE_TARGET = DatasetInfo("r1", "regression", (5,), (), 100)
BINARY = DatasetInfo("b", "binary", (4,), (), 100, n_classes=2)


def make(nodes: list[tuple], edges: str) -> Graph:
    """nodes: (id, type[, params]); edges: "a>b b>c" (ports in listed order)."""
    g = Graph()
    for entry in nodes:
        g.add_node(entry[1], entry[2] if len(entry) > 2 else {}, node_id=entry[0])
    for pair in edges.split():
        src, dst = pair.split(">")
        g.connect(src, dst)
    return g


def mlp(hidden: int = 32, out: int = 10, in_shape=(64,)) -> Graph:
    return make(
        [
            ("input_1", "Input", {"shape": list(in_shape)}),
            ("linear_1", "Linear", {"out_features": hidden}),
            ("relu_1", "ReLU"),
            ("linear_2", "Linear", {"out_features": out}),
            ("output_1", "Output"),
        ],
        "input_1>linear_1 linear_1>relu_1 relu_1>linear_2 linear_2>output_1",
    )


def cnn_without_flatten() -> Graph:
    return make(
        [
            ("input_1", "Input"),
            ("conv2d_1", "Conv2d", {"out_channels": 8, "kernel_size": 3}),
            ("linear_2", "Linear", {"out_features": 10}),
            ("output_1", "Output"),
        ],
        "input_1>conv2d_1 conv2d_1>linear_2 linear_2>output_1",
    )


def test_format_shape():
    assert format_shape((64,)) == "[N, 64]"
    assert format_shape((8, 6, 6)) == "[N, 8, 6, 6]"
    assert format_shape(()) == "[N]"


def test_mlp_shapes_dtypes_and_param_counts():
    report = check_graph(mlp(), DIGITS, "cross_entropy")
    assert report.ok, report.messages()
    assert report.shapes == {
        "input_1": (64,),
        "linear_1": (32,),
        "relu_1": (32,),
        "linear_2": (10,),
        "output_1": (10,),
    }
    assert set(report.dtypes.values()) == {"float32"}
    assert report.param_counts["linear_1"] == 64 * 32 + 32
    assert report.total_params == 64 * 32 + 32 + 32 * 10 + 10
    assert report.shape_label("linear_1") == "[N, 32]"


def test_input_shape_comes_from_dataset_else_params():
    graph = mlp(in_shape=(3,))
    assert check_graph(graph).shapes["input_1"] == (3,)
    assert check_graph(graph, DIGITS).shapes["input_1"] == (64,)


def test_linear_after_conv_asks_for_flatten_and_the_fix_works():
    graph = cnn_without_flatten()
    report = check_graph(graph, DIGITS_IMAGES, "cross_entropy")
    assert report.errors == {
        "linear_2": "Linear needs [N, features] but receives [N, 8, 6, 6]; insert Flatten before it"
    }
    assert "linear_2" not in report.shapes and "output_1" not in report.shapes
    fix = report.fixes["linear_2"]
    assert (fix.kind, fix.layer_type, fix.before) == ("insert", "Flatten", "linear_2")
    assert fix.label == "Insert Flatten before linear_2"
    new_id = apply_fix(graph, fix)
    fixed = check_graph(graph, DIGITS_IMAGES, "cross_entropy")
    assert fixed.ok and fixed.shapes[new_id] == (8 * 6 * 6,)


def test_conv_fed_flat_features_asks_for_reshape_and_the_fix_works():
    graph = make(
        [
            ("input_1", "Input"),
            ("conv2d_1", "Conv2d", {"out_channels": 4}),
            ("flatten_1", "Flatten"),
            ("linear_1", "Linear", {"out_features": 10}),
            ("output_1", "Output"),
        ],
        "input_1>conv2d_1 conv2d_1>flatten_1 flatten_1>linear_1 linear_1>output_1",
    )
    report = check_graph(graph, DIGITS, "cross_entropy")
    assert report.errors["conv2d_1"] == (
        "Conv2d needs [N, C, H, W] but receives [N, 64]; insert Reshape to [C, H, W] before it"
    )
    fix = report.fixes["conv2d_1"]
    assert fix.layer_type == "Reshape" and fix.params == {"shape": (1, 8, 8)}
    apply_fix(graph, fix)
    fixed = check_graph(graph, DIGITS, "cross_entropy")
    assert fixed.ok, fixed.messages()
    assert fixed.shapes["conv2d_1"] == (4, 6, 6)


def test_add_of_different_shapes_names_both_sources():
    graph = make(
        [
            ("input_1", "Input"),
            ("linear_1", "Linear", {"out_features": 64}),
            ("linear_2", "Linear", {"out_features": 32}),
            ("add_1", "Add"),
            ("relu_1", "ReLU"),
            ("output_1", "Output"),
        ],
        "input_1>linear_1 input_1>linear_2 linear_1>add_1 linear_2>add_1 "
        "add_1>relu_1 relu_1>output_1",
    )
    report = check_graph(graph, DIGITS)
    assert report.messages() == [
        (
            "add_1",
            "Add needs inputs of the same shape: [N, 64] from linear_1, [N, 32] from linear_2",
        )
    ]
    # downstream of the error: no shape and no message of its own
    assert "relu_1" not in report.shapes and "relu_1" not in report.errors


def test_missing_inputs_and_merge_arity():
    graph = make(
        [
            ("input_1", "Input"),
            ("linear_1", "Linear"),
            ("concat_1", "Concat"),
            ("output_1", "Output"),
            ("linear_9", "Linear"),
        ],
        "input_1>linear_1 linear_1>concat_1 concat_1>output_1",
    )
    report = check_graph(graph, DIGITS)
    # Inputs not connected yet are pending, not mistakes: no errors, but nothing trains.
    assert report.errors == {} and report.error_count == 0
    assert report.unconnected["concat_1"].startswith("Concat needs at least 2 inputs")
    assert report.unconnected["linear_9"] == "Linear has no input: connect one"
    assert [n for n, _ in report.pending_messages()] == ["linear_9", "concat_1"]  # topological
    assert [n for n, _ in report.problems()] == ["linear_9", "concat_1"]
    assert not report.ok


def test_a_freshly_dropped_layer_is_pending_not_an_error():
    graph = mlp()
    graph.add_node("Conv2d", node_id="conv2d_1")  # dropped, not wired yet
    report = check_graph(graph, DIGITS, "cross_entropy")
    assert report.errors == {} and report.graph_errors == []
    assert report.pending == {"conv2d_1": "Conv2d has no input: connect one"}
    assert not report.ok  # still stops training ...
    assert report.first_error() == ("conv2d_1", "Conv2d has no input: connect one")
    assert "conv2d_1" not in report.fixes
    graph.connect("input_1", "conv2d_1")  # ... and wiring it makes it a real shape check
    wired = check_graph(graph, DIGITS, "cross_entropy")
    assert "conv2d_1" in wired.errors and not wired.pending


def test_a_real_error_stays_an_error_beside_pending_ones():
    graph = mlp(in_shape=(1, 8, 8))
    graph.add_node("ReLU", node_id="relu_9")
    report = check_graph(graph, DIGITS_IMAGES)
    assert list(report.errors) == ["linear_1"] and list(report.pending) == ["relu_9"]
    assert report.error_count == 1
    assert [n for n, _ in report.problems()] == ["linear_1", "relu_9"]


def cnn_without_data() -> Graph:
    """A CNN wired on an empty canvas: the Input keeps its default shape [N, 2]."""
    return make(
        [
            ("input_1", "Input"),
            ("conv2d_1", "Conv2d"),
            ("relu_1", "ReLU"),
            ("flatten_1", "Flatten"),
            ("linear_1", "Linear", {"out_features": 10}),
            ("output_1", "Output"),
        ],
        "input_1>conv2d_1 conv2d_1>relu_1 relu_1>flatten_1 flatten_1>linear_1 linear_1>output_1",
    )


def test_without_a_dataset_a_default_input_is_a_placeholder_not_the_users_mistake():
    report = check_graph(cnn_without_data(), loss="cross_entropy", no_dataset=True)
    assert report.errors == {} and report.error_count == 0
    assert "choose one in the Data tab, or set this Input's shape" in report.notes["input_1"]
    waiting = report.awaiting_data["conv2d_1"]
    assert waiting.startswith("Waiting for a dataset: with the Input's placeholder shape, ")
    assert "[N, 2]" in waiting and "Reshape" not in waiting  # the fix is data, not a layer
    assert "conv2d_1" not in report.fixes
    assert not report.ok
    assert report.problems() == [("conv2d_1", waiting)]  # the note itself blocks nothing


def test_the_placeholder_rule_needs_no_dataset_and_a_default_input():
    graph = cnn_without_data()
    plain = check_graph(graph, loss="cross_entropy")  # callers that do not say: as before
    assert "Reshape" in plain.errors["conv2d_1"]
    bound = check_graph(graph, DIGITS, "cross_entropy", no_dataset=True)  # data is known
    assert "conv2d_1" in bound.errors and not bound.notes
    graph.set_params("input_1", {"shape": (5,)})  # a shape the user chose: a real mistake
    chosen = check_graph(graph, loss="cross_entropy", no_dataset=True)
    assert "conv2d_1" in chosen.errors and not chosen.notes and not chosen.awaiting_data


def test_a_placeholder_input_that_fits_is_only_a_note():
    report = check_graph(mlp(in_shape=(2,)), loss="cross_entropy", no_dataset=True)
    assert list(report.notes) == ["input_1"] and report.ok
    assert report.shapes["output_1"] == (10,)  # shapes still flow from the placeholder


def test_kernel_larger_than_input():
    graph = make(
        [
            ("input_1", "Input", {"shape": [2, 3, 3]}),
            ("conv2d_1", "Conv2d", {"kernel_size": 5}),
            ("output_1", "Output"),
        ],
        "input_1>conv2d_1 conv2d_1>output_1",
    )
    assert "kernel 5 is larger than the input 3x3" in check_graph(graph).errors["conv2d_1"]
    graph.set_params("conv2d_1", {"padding": 1})
    assert check_graph(graph).shapes["conv2d_1"] == (16, 1, 1)


def test_unknown_layer_type_and_embedding_fed_floats():
    data = {
        "nodes": [
            {"id": "input_1", "type": "Input", "params": {"shape": [5]}},
            {"id": "magic_1", "type": "Magic", "params": {}},
            {"id": "embedding_1", "type": "Embedding", "params": {}},
            {"id": "output_1", "type": "Output"},
        ],
        "edges": [
            {"src": "input_1", "dst": "embedding_1"},
            {"src": "embedding_1", "dst": "output_1"},
        ],
    }
    report = check_graph(Graph.from_dict(data))
    assert "Unknown layer type 'Magic'" in report.errors["magic_1"]
    assert report.errors["embedding_1"].startswith(
        "Embedding needs integer indices (int64) but receives float32"
    )
    graph = Graph.from_dict(data)
    graph.set_params("input_1", {"dtype": "int64"})
    fixed = check_graph(graph)
    assert fixed.shapes["embedding_1"] == (5, 32) and fixed.dtypes["input_1"] == "int64"


def test_linear_fed_indices_and_flatten_reshape_softmax_errors():
    graph = make(
        [
            ("input_1", "Input", {"shape": [6], "dtype": "int64"}),
            ("linear_1", "Linear"),
            ("output_1", "Output"),
        ],
        "input_1>linear_1 linear_1>output_1",
    )
    assert "insert Embedding before it" in check_graph(graph).errors["linear_1"]
    for layer, params, expected in [
        ("Reshape", {"shape": [5, 5]}, "Reshape to [5, 5] needs 25 values per sample"),
        ("Reshape", {"shape": [-1, 5]}, "needs a multiple of 5 values"),
        ("Flatten", {"start_dim": 3}, "Flatten start_dim 3 is out of range for [N, 6]"),
        ("Softmax", {"dim": 0}, "batch dimension"),
        ("BatchNorm2d", {}, "BatchNorm2d needs [N, C, H, W] but receives [N, 6]"),
        ("LSTM", {}, "LSTM needs [N, L, features] (a sequence) but receives [N, 6]"),
    ]:
        g = make([("input_1", "Input", {"shape": [6]}), ("x", layer, params)], "input_1>x")
        assert expected in check_graph(g).errors["x"], layer


@pytest.mark.parametrize(
    ("dataset", "loss", "out", "expected", "fix_value"),
    [
        (
            DIGITS,
            "cross_entropy",
            64,
            (
                "Output gives [N, 64] but cross-entropy over 10 classes needs [N, 10]; "
                "set the last Linear's out_features to 10"
            ),
            10,
        ),
        (BINARY, "bce_with_logits", 2, "binary cross-entropy needs [N] or [N, 1]", 1),
        (REGRESSION, "mse", 1, "mean squared error needs the target's shape [N, 3]", 3),
        (ONE_TARGET, "huber", 4, "needs the target's shape [N]", 1),
    ],
)
def test_output_checked_against_loss_with_set_param_fix(dataset, loss, out, expected, fix_value):
    graph = mlp(out=out, in_shape=dataset.input_shape)
    report = check_graph(graph, dataset, loss)
    assert expected in report.errors["output_1"]
    fix = report.fixes["output_1"]
    assert (fix.kind, fix.node, fix.params) == (
        "set_param",
        "linear_2",
        {"out_features": fix_value},
    )
    apply_fix(graph, fix)
    assert check_graph(graph, dataset, loss).ok


def test_one_target_regression_accepts_one_column():
    assert check_graph(mlp(out=1, in_shape=(5,)), ONE_TARGET, "l1").ok


def test_output_fed_by_non_linear_offers_inserting_a_linear():
    graph = make(
        [
            ("input_1", "Input"),
            ("linear_1", "Linear", {"out_features": 32}),
            ("relu_1", "ReLU"),
            ("output_1", "Output"),
        ],
        "input_1>linear_1 linear_1>relu_1 relu_1>output_1",
    )
    report = check_graph(graph, DIGITS, "cross_entropy")
    fix = report.fixes["output_1"]
    assert (fix.kind, fix.layer_type, fix.params) == ("insert", "Linear", {"out_features": 10})
    apply_fix(graph, fix)
    assert check_graph(graph, DIGITS, "cross_entropy").ok


def test_graph_errors_are_not_tied_to_nodes():
    report = check_graph(make([("linear_1", "Linear")], ""))
    # a graph being built: without its Input and Output yet, pending rather than wrong
    assert report.graph_errors == [] and report.error_count == 0 and not report.ok
    assert any("no Input node" in m for m in report.incomplete)
    assert any("no Output node" in m for m in report.incomplete)
    assert [n for n, _ in report.problems()][:2] == [None, None]
    two = make(
        [("input_1", "Input"), ("output_1", "Output"), ("output_2", "Output")],
        "input_1>output_1 input_1>output_2",
    )
    assert check_graph(two).ok
    assert "exactly one Output" in check_graph(two, loss="mse").graph_errors[0]


def test_unused_nodes_are_reported():
    graph = mlp()
    graph.add_node("Linear", node_id="linear_9")
    graph.connect("relu_1", "linear_9")
    report = check_graph(graph, DIGITS)
    assert report.unused == frozenset({"linear_9"})
    assert report.shapes["linear_9"] == (64,)


def test_param_counts_equal_the_compiled_modules():
    graph = make(
        [
            ("input_1", "Input", {"shape": [1, 8, 8]}),
            ("conv2d_1", "Conv2d", {"out_channels": 4, "padding": 1}),
            ("batch_norm2d_1", "BatchNorm2d"),
            ("max_pool2d_1", "MaxPool2d"),
            ("flatten_1", "Flatten"),
            ("layer_norm_1", "LayerNorm"),
            ("linear_1", "Linear", {"out_features": 12}),
            ("reshape_1", "Reshape", {"shape": [3, 4]}),
            ("gru_1", "GRU", {"hidden_size": 5, "bidirectional": True, "output": "last"}),
            ("output_1", "Output"),
        ],
        "input_1>conv2d_1 conv2d_1>batch_norm2d_1 batch_norm2d_1>max_pool2d_1 "
        "max_pool2d_1>flatten_1 flatten_1>layer_norm_1 layer_norm_1>linear_1 "
        "linear_1>reshape_1 reshape_1>gru_1 gru_1>output_1",
    )
    report = check_graph(graph)
    assert report.ok, report.messages()
    module = compile_graph(graph)
    for nid, count in report.param_counts.items():
        assert count == sum(p.numel() for p in getattr(module, nid).parameters()), nid
    assert report.total_params == sum(p.numel() for p in module.parameters())


def test_meta_checker_agrees_with_the_rules():
    graph = make(
        [
            ("input_1", "Input", {"shape": [3, 9, 9]}),
            ("conv2d_1", "Conv2d", {"stride": 2}),
            ("avg_pool2d_1", "AvgPool2d", {"kernel_size": 2, "stride": 1}),
            ("conv_transpose2d_1", "ConvTranspose2d", {"out_channels": 2, "stride": 2}),
            ("adaptive_avg_pool2d_1", "AdaptiveAvgPool2d", {"output_size": [3, 3]}),
            ("flatten_1", "Flatten"),
            ("linear_1", "Linear"),
            ("linear_2", "Linear"),
            ("concat_1", "Concat"),
            ("softmax_1", "Softmax"),
            ("conv2d_2", "Conv2d", {"kernel_size": 11}),
            ("output_1", "Output"),
        ],
        "input_1>conv2d_1 conv2d_1>avg_pool2d_1 avg_pool2d_1>conv_transpose2d_1 "
        "conv_transpose2d_1>adaptive_avg_pool2d_1 adaptive_avg_pool2d_1>flatten_1 "
        "flatten_1>linear_1 "
        "flatten_1>linear_2 linear_1>concat_1 linear_2>concat_1 concat_1>softmax_1 "
        "softmax_1>output_1 input_1>conv2d_2",
    )
    fast, meta = ShapeChecker().check(graph), ShapeChecker(use_meta=True).check(graph)
    assert fast.shapes == meta.shapes and fast.param_counts == meta.param_counts
    assert fast.errors == meta.errors and set(fast.errors) == {"conv2d_2"}


def test_recheck_after_edit_recomputes_only_what_changed_and_matches_a_fresh_check():
    graph = make(
        [
            ("input_1", "Input"),
            ("linear_1", "Linear", {"out_features": 32}),
            ("relu_1", "ReLU"),
            ("linear_2", "Linear", {"out_features": 16}),
            ("relu_2", "ReLU"),
            ("linear_3", "Linear", {"out_features": 10}),
            ("output_1", "Output"),
        ],
        "input_1>linear_1 linear_1>relu_1 relu_1>linear_2 linear_2>relu_2 relu_2>linear_3 "
        "linear_3>output_1",
    )
    checker = ShapeChecker()
    checker.check(graph, DIGITS, "cross_entropy")
    before = checker.computed
    graph.set_params("linear_2", {"out_features": 20})
    again = checker.check(graph, DIGITS, "cross_entropy")
    assert checker.computed - before == 3  # linear_2, relu_2, linear_3; output_1 is unchanged
    fresh = check_graph(graph, DIGITS, "cross_entropy")
    assert (again.shapes, again.errors, again.param_counts) == (
        fresh.shapes,
        fresh.errors,
        fresh.param_counts,
    )
    graph.set_params("linear_2", {"out_features": 16})
    checker.check(graph, DIGITS, "cross_entropy")
    assert checker.computed - before == 3  # back to known values: all from the cache


def test_cached_errors_name_the_right_nodes():
    graph = make(
        [
            ("input_1", "Input"),
            ("a", "Linear", {"out_features": 4}),
            ("b", "Linear", {"out_features": 5}),
            ("add_1", "Add"),
            ("c", "Linear", {"out_features": 4}),
            ("d", "Linear", {"out_features": 5}),
            ("add_2", "Add"),
        ],
        "input_1>a input_1>b a>add_1 b>add_1 input_1>c input_1>d c>add_2 d>add_2",
    )
    report = ShapeChecker().check(graph)
    assert "from a, [N, 5] from b" in report.errors["add_1"]
    assert "from c, [N, 5] from d" in report.errors["add_2"]


@pytest.mark.parametrize(
    ("dataset", "loss", "out", "expected"),
    [
        (DIGITS, "bce_with_logits", 1, "is for two classes, but digits has 10"),
        (REGRESSION, "cross_entropy", 3, "needs class labels, but the targets of r are numbers"),
        (DIGITS, "mse", 10, "is for numeric targets, but digits has 10 classes"),
    ],
)
def test_a_loss_that_cannot_fit_the_data_is_reported_on_the_output(dataset, loss, out, expected):
    report = check_graph(mlp(out=out, in_shape=dataset.input_shape), dataset, loss)
    assert expected in report.errors["output_1"]
    assert not report.ok


def test_a_second_input_is_refused_when_a_dataset_is_bound():
    g = Graph()
    g.add_node("Input", node_id="a")
    g.add_node("Input", node_id="b")
    g.add_node("Concat", node_id="cat")
    g.add_node("Linear", {"out_features": 10}, node_id="fc")
    g.add_node("Output", node_id="out")
    for src, dst in (("a", "cat"), ("b", "cat"), ("cat", "fc"), ("fc", "out")):
        g.connect(src, dst)
    report = check_graph(g, DIGITS, "cross_entropy")
    assert "both Inputs" in report.errors["b"] and "a" not in report.errors
    assert check_graph(g).ok  # without data, two Inputs are a valid two-input network


@pytest.mark.parametrize(
    "dataset,loss,squash,out,warned",
    [
        (DIGITS, "cross_entropy", "Softmax", 10, True),
        (BINARY, "bce_with_logits", "Sigmoid", 1, True),
        (DIGITS, "cross_entropy", "Sigmoid", 10, False),
        (REGRESSION, "mse", "Sigmoid", 3, False),
    ],
)
def test_squashing_before_a_loss_that_squashes_is_a_warning(dataset, loss, squash, out, warned):
    graph = make(
        [
            ("input_1", "Input", {"shape": list(dataset.input_shape)}),
            ("linear_1", "Linear", {"out_features": out}),
            ("squash_1", squash),
            ("drop_1", "Dropout"),
            ("output_1", "Output"),
        ],
        "input_1>linear_1 linear_1>squash_1 squash_1>drop_1 drop_1>output_1",
    )
    report = check_graph(graph, dataset, loss)
    assert report.ok  # it trains; it is advice, not an error
    if warned:
        (node, message), *_ = report.warning_messages()
        assert node == "squash_1"
        assert f"{squash} before" in message and "remove squash_1" in message
    else:
        assert report.warnings == {}
