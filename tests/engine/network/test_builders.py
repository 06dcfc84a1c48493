"""Every catalogue type builds, runs on real data, and agrees with the shape rules and meta."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from netbuilder.engine.network.builders import BUILDERS, build_layer
from netbuilder.engine.network.shape_rules import RULES, meta_infer
from netbuilder.model import CATALOGUE, ParamError, UnknownLayerTypeError

F, INT = "float32", "int64"

# (type, params, input shapes, input dtypes)
CASES = [
    ("Input", {}, [(5,)], [F]),
    ("Output", {}, [(7,)], [F]),
    ("Identity", {}, [(3, 4)], [F]),
    ("Linear", {"out_features": 6}, [(5,)], [F]),
    ("Linear", {"out_features": 3, "bias": False}, [(4, 5)], [F]),
    (
        "Conv1d",
        {"out_channels": 4, "kernel_size": 3, "stride": 2, "padding": 1, "dilation": 2},
        [(3, 11)],
        [F],
    ),
    ("Conv2d", {"out_channels": 4, "kernel_size": 3, "padding": 1}, [(2, 8, 8)], [F]),
    (
        "Conv2d",
        {"out_channels": 5, "kernel_size": 3, "stride": 2, "dilation": 2, "bias": False},
        [(3, 9, 7)],
        [F],
    ),
    (
        "ConvTranspose2d",
        {"out_channels": 3, "kernel_size": 3, "stride": 2, "padding": 1, "output_padding": 1},
        [(2, 4, 5)],
        [F],
    ),
    ("MaxPool2d", {"kernel_size": 2}, [(3, 7, 8)], [F]),
    ("MaxPool2d", {"kernel_size": 3, "stride": 1, "padding": 1}, [(3, 5, 5)], [F]),
    ("AvgPool2d", {"kernel_size": 3, "stride": 2}, [(2, 7, 9)], [F]),
    ("AdaptiveAvgPool2d", {"output_size": [2, 3]}, [(4, 7, 9)], [F]),
    ("Flatten", {}, [(2, 3, 4)], [F]),
    ("Flatten", {"start_dim": 2}, [(2, 3, 4)], [F]),
    ("Reshape", {"shape": [2, -1]}, [(12,)], [F]),
    ("Reshape", {"shape": [3, 4]}, [(2, 6)], [F]),
    ("Dropout", {"p": 0.3}, [(6,)], [F]),
    ("BatchNorm1d", {}, [(6,)], [F]),
    ("BatchNorm1d", {"eps": 1e-3}, [(4, 5)], [F]),
    ("BatchNorm2d", {}, [(3, 4, 4)], [F]),
    ("LayerNorm", {}, [(4, 6)], [F]),
    ("LayerNorm", {"elementwise_affine": False}, [(5,)], [F]),
    ("Embedding", {"num_embeddings": 20, "embedding_dim": 4}, [(7,)], [INT]),
    ("LSTM", {"hidden_size": 5}, [(6, 3)], [F]),
    (
        "LSTM",
        {"hidden_size": 5, "num_layers": 2, "bidirectional": True, "output": "last"},
        [(6, 3)],
        [F],
    ),
    ("GRU", {"hidden_size": 4, "output": "last"}, [(6, 3)], [F]),
    ("GRU", {"hidden_size": 4, "num_layers": 2, "bidirectional": True}, [(6, 3)], [F]),
    ("ReLU", {}, [(3, 4)], [F]),
    ("LeakyReLU", {"negative_slope": 0.2}, [(3,)], [F]),
    ("GELU", {"approximate": "tanh"}, [(3,)], [F]),
    ("SiLU", {}, [(3,)], [F]),
    ("Sigmoid", {}, [(3,)], [F]),
    ("Tanh", {}, [(3,)], [F]),
    ("Softmax", {"dim": 1}, [(3, 2)], [F]),
    ("Add", {}, [(4,), (4,), (4,)], [F, F, F]),
    ("Multiply", {}, [(2, 3), (2, 3)], [F, F]),
    ("Concat", {}, [(3,), (5,)], [F, F]),
    ("Concat", {"dim": 2}, [(2, 3), (2, 4)], [F, F]),
    (
        "Embedding",
        {"num_embeddings": 20, "embedding_dim": 4, "padding_idx_zero": True},
        [(7,)],
        [INT],
    ),
    ("SequencePool", {}, [(7, 4), (7,)], [F, INT]),
    ("SequencePool", {"mode": "max"}, [(7, 4), (7,)], [F, INT]),
    ("SequencePool", {"mode": "last"}, [(5, 3), (5,)], [F, INT]),
    ("Transpose", {}, [(6, 4)], [F]),
    ("Transpose", {"dim0": 1, "dim1": 3}, [(2, 3, 4)], [F]),
    # issue 14: grouped and depthwise convolutions, hard activations, tensor operations
    ("Conv1d", {"out_channels": 6, "kernel_size": 3, "groups": 3}, [(3, 11)], [F]),
    ("Conv2d", {"out_channels": 8, "padding": 1, "groups": 4, "bias": False}, [(4, 6, 5)], [F]),
    ("Conv2d", {"out_channels": 4, "groups": 4}, [(4, 5, 5)], [F]),  # depthwise
    ("ReLU6", {}, [(3, 4)], [F]),
    ("Hardswish", {}, [(5,)], [F]),
    ("Hardsigmoid", {}, [(2, 3)], [F]),
    ("Permute", {}, [(6, 4)], [F]),
    ("Permute", {"dims": [2, 3, 1]}, [(2, 3, 4)], [F]),
    ("Permute", {"dims": [1]}, [(7,)], [INT]),
    ("Mean", {}, [(6, 4)], [F]),
    ("Mean", {"dims": [2, 3], "keepdim": True}, [(3, 5, 4)], [F]),
    ("Mean", {"dims": [3, 1]}, [(3, 5, 4)], [F]),
    ("Scale", {"factor": -0.5}, [(3, 4)], [F]),
    ("Pad", {}, [(5,)], [F]),
    ("Pad", {"padding": [1, 0, 2, 3], "value": 0.5}, [(2, 4, 5)], [F]),
    ("Pad", {"padding": [0, 3]}, [(6,)], [INT]),
    ("Upsample", {}, [(2, 5)], [F]),
    ("Upsample", {"scale_factor": 1.5, "mode": "bilinear"}, [(2, 7, 5)], [F]),
    ("Upsample", {"scale_factor": 0.5}, [(2, 7, 5)], [F]),
    ("StochasticDepth", {"p": 0.3}, [(4, 3)], [F]),
    ("Multiply", {}, [(3, 1, 1), (3, 4, 5)], [F, F]),  # a squeeze-and-excitation gate
    ("Multiply", {}, [(3, 4, 5), (1, 4, 1), (3, 1, 5)], [F, F, F]),
    ("Chunk", {}, [(6,)], [F]),
    ("Chunk", {"chunks": 4, "index": 2, "dim": 2}, [(3, 5)], [F]),  # pieces 2, 2, 1
    ("Chunk", {"chunks": 3, "index": 1, "dim": 1}, [(7, 2)], [INT]),
    ("MultiheadSelfAttention", {}, [(5, 8)], [F]),
    ("MultiheadSelfAttention", {"num_heads": 3, "dropout": 0.2}, [(4, 6)], [F]),
    ("TransformerEncoderLayer", {"nhead": 2, "dim_feedforward": 12}, [(5, 8)], [F]),
    (
        "TransformerEncoderLayer",
        {"nhead": 3, "dim_feedforward": 7, "activation": "gelu", "norm_first": True},
        [(4, 6)],
        [F],
    ),
]


def _real_inputs(shapes, dtypes, batch=3):
    return [
        torch.randint(0, 20, (batch, *s)) if d == INT else torch.randn(batch, *s)
        for s, d in zip(shapes, dtypes, strict=True)
    ]


def test_builders_cover_the_catalogue():
    assert set(BUILDERS) == set(CATALOGUE)
    assert {case[0] for case in CASES} == set(CATALOGUE)
    assert set(RULES) == set(CATALOGUE) - {"Input"}  # Input takes its shape from the dataset


@pytest.mark.parametrize(("layer", "params", "shapes", "dtypes"), CASES, ids=lambda v: str(v))
def test_real_forward_matches_rule_and_meta(layer, params, shapes, dtypes):
    torch.manual_seed(0)
    module = build_layer(layer, params, shapes)
    out = module(*_real_inputs(shapes, dtypes))
    real = (tuple(out.shape[1:]), str(out.dtype).removeprefix("torch."))
    count = sum(p.numel() for p in module.parameters())
    full = CATALOGUE[layer].validate_params(params)
    meta = meta_infer(layer, full, tuple(shapes), tuple(dtypes))
    assert meta == (*real, count)
    if layer in RULES:
        assert RULES[layer](full, tuple(shapes), tuple(dtypes)) == (*real, count)


def test_sizes_come_from_the_input_shape():
    linear = build_layer("Linear", {"out_features": 3}, [(17,)])
    assert (linear.in_features, linear.out_features) == (17, 3)
    conv = build_layer("Conv2d", {"out_channels": 8}, [(5, 10, 10)])
    assert conv.in_channels == 5
    assert build_layer("BatchNorm2d", {}, [(6, 4, 4)]).num_features == 6
    assert build_layer("LayerNorm", {}, [(2, 9)]).normalized_shape == (9,)
    assert build_layer("LSTM", {"hidden_size": 4}, [(7, 11)]).input_size == 11


def test_pool_stride_zero_means_kernel_size():
    pool = build_layer("MaxPool2d", {"kernel_size": 3, "stride": 0}, [(1, 9, 9)])
    assert pool.stride == 3
    assert build_layer("AvgPool2d", {"kernel_size": 2, "stride": 1}, [(1, 4, 4)]).stride == 1


def test_reshape_keeps_the_batch_dimension():
    module = build_layer("Reshape", {"shape": [4, -1]}, [(8,)])
    x = torch.arange(5 * 8.0).reshape(5, 8)
    assert torch.equal(module(x), x.reshape(5, 4, 2))


def test_lstm_state_dict_keys_are_standard_and_last_is_final_step():
    torch.manual_seed(0)
    seq = build_layer("LSTM", {"hidden_size": 4}, [(6, 3)])
    last = build_layer("LSTM", {"hidden_size": 4, "output": "last"}, [(6, 3)])
    ref = nn.LSTM(3, 4, batch_first=True)
    assert set(seq.state_dict()) == set(ref.state_dict())
    last.load_state_dict(seq.state_dict())
    x = torch.randn(2, 6, 3)
    assert torch.allclose(last(x), seq(x)[:, -1])


def test_bidirectional_last_joins_both_directions_final_states():
    torch.manual_seed(0)
    gru = build_layer("GRU", {"hidden_size": 4, "bidirectional": True, "output": "last"}, [(6, 3)])
    ref = nn.GRU(3, 4, batch_first=True, bidirectional=True)
    ref.load_state_dict(gru.state_dict())
    x = torch.randn(2, 6, 3)
    out, _ = ref(x)
    expected = torch.cat([out[:, -1, :4], out[:, 0, 4:]], dim=1)
    assert torch.allclose(gru(x), expected, atol=1e-6)


def test_merge_modules_take_any_number_of_inputs():
    a, b, c = torch.ones(2, 3), torch.full((2, 3), 2.0), torch.full((2, 3), 3.0)
    assert torch.equal(build_layer("Add", {}, [(3,)] * 3)(a, b, c), torch.full((2, 3), 6.0))
    assert torch.equal(build_layer("Multiply", {}, [(3,)] * 3)(a, b, c), torch.full((2, 3), 6.0))
    assert build_layer("Concat", {}, [(3,)] * 3)(a, b, c).shape == (2, 9)


def test_meta_device_builds_without_memory():
    module = build_layer("Linear", {"out_features": 4096}, [(4096,)], device="meta")
    assert module.weight.is_meta


def test_unknown_type_and_bad_params_raise_typed_errors():
    with pytest.raises(UnknownLayerTypeError, match="Transformer"):
        build_layer("Transformer", {}, [(4,)], node="t1")
    with pytest.raises(ParamError, match="out_features") as info:
        build_layer("Linear", {"out_features": 0}, [(4,)], node="linear_1")
    assert info.value.node == "linear_1"
