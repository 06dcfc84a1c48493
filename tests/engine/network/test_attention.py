"""The attention layers: standard PyTorch modules underneath (same keys, same outputs), clear
errors for the heads, and an exported SelfAttention class equal to the app's."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from netbuilder.engine.export import prepare_model, python_source
from netbuilder.engine.network.builders import build_layer
from netbuilder.engine.network.shape_rules import RULES, ShapeProblem
from netbuilder.engine.network.shapes import check_graph
from netbuilder.model import CATALOGUE
from tests.engine.export.test_export import chain, load_source

F = "float32"


def test_self_attention_is_multihead_attention_of_x_with_itself():
    torch.manual_seed(0)
    layer = build_layer("MultiheadSelfAttention", {"num_heads": 2}, [(5, 8)]).eval()
    ref = nn.MultiheadAttention(8, 2, batch_first=True).eval()
    assert list(layer.state_dict()) == list(ref.state_dict())  # in_proj_weight, out_proj.weight
    ref.load_state_dict(layer.state_dict())
    x = torch.randn(3, 5, 8)
    with torch.no_grad():
        want, _ = ref(x, x, x)
        assert torch.allclose(layer(x), want, atol=1e-6)


def test_encoder_layer_is_torchs_batch_first_layer_with_the_params():
    params = {"nhead": 2, "dim_feedforward": 12, "activation": "gelu", "norm_first": True}
    layer = build_layer("TransformerEncoderLayer", params, [(5, 8)])
    assert isinstance(layer, nn.TransformerEncoderLayer)
    assert layer.self_attn.batch_first and layer.norm_first
    assert (layer.self_attn.num_heads, layer.linear1.out_features) == (2, 12)


@pytest.mark.parametrize(
    ("layer", "heads"),
    [("MultiheadSelfAttention", "num_heads"), ("TransformerEncoderLayer", "nhead")],
)
def test_heads_that_do_not_divide_the_width_are_named_with_both_numbers(layer, heads):
    full = CATALOGUE[layer].validate_params({heads: 4})
    with pytest.raises(ShapeProblem) as info:
        RULES[layer](full, ((7, 30),), (F,))
    message = info.value.message
    assert "embed_dim 30" in message and f"{heads} 4" in message
    assert f"use {heads} 2, 3, 5" in message  # the nearest that divide 30
    with pytest.raises(ShapeProblem, match=r"needs a sequence \[N, L, D\] but receives \[N, 30\]"):
        RULES[layer](full, ((30,),), (F,))
    with pytest.raises(ShapeProblem, match="insert Embedding"):
        RULES[layer](full, ((7, 32),), ("int64",))


def test_the_checker_marks_the_attention_node():
    project = chain([("MultiheadSelfAttention", {"num_heads": 4}, "attn")], input_shape=(6, 10))
    result = check_graph(project.graph, no_dataset=True)
    assert "attn" in result.errors
    assert "embed_dim 10" in result.errors["attn"] and "num_heads 4" in result.errors["attn"]


def test_python_export_writes_a_small_self_attention_class():
    project = chain(
        [
            ("MultiheadSelfAttention", {"num_heads": 2, "dropout": 0.1}, "attn"),
            ("TransformerEncoderLayer", {"nhead": 2, "dim_feedforward": 16}, "encoder"),
        ],
        input_shape=(5, 8),
        name="Attention",
    )
    model = prepare_model(project, with_weights=False)
    source = python_source(model)
    assert "class SelfAttention(nn.MultiheadAttention):" in source
    assert "self.attn = SelfAttention(8, 2, dropout=0.1)" in source
    assert "nn.TransformerEncoderLayer(\n" in source
    assert "            8, 2, dim_feedforward=16, batch_first=True\n" in source
    assert "attn = self.attn(input_1)" in source
    net = load_source(source, "Attention")()
    net.load_state_dict(model.module.state_dict())
    x = torch.randn(4, 5, 8)
    with torch.no_grad():
        assert torch.allclose(net.eval()(x), model.module.eval()(x), atol=1e-6)
