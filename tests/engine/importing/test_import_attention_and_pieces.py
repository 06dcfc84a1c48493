"""Import of attention modules, chunk/split pieces and broadcast gates: what each becomes, and
the report line for each setting netbuilder cannot express."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from torch import nn

from netbuilder.engine.export import prepare_model, python_source
from netbuilder.engine.importing import ImportFailure, import_model, load_model
from netbuilder.engine.importing.attention_layers import encoder_layer, self_attention
from netbuilder.engine.importing.leaf_layers import Unmappable

MODELS = Path(__file__).parents[2] / "fixtures" / "models"


def _problems(model: nn.Module, shape: tuple[int, ...]) -> list[str]:
    with pytest.raises(ImportFailure) as caught:
        import_model(model, shape, name=type(model).__name__)
    return [p.describe() for p in caught.value.problems]


def test_transformer_encoder_unrolls_into_its_layers_and_chunks_become_pieces():
    torch.manual_seed(0)
    model = load_model(f"{MODELS / 'text_transformer.py'}:TextTransformer")
    imported = import_model(model, (7,), name="TextTransformer", flat=True)
    nodes = imported.project.graph.nodes
    for layer in ("encoder_layers_0", "encoder_layers_1"):
        assert nodes[layer].type == "TransformerEncoderLayer"
        assert nodes[layer].params == {
            "nhead": 4,
            "dim_feedforward": 32,
            "dropout": 0.1,
            "activation": "relu",
            "norm_first": False,
        }
    assert nodes["attention"].type == "MultiheadSelfAttention"
    assert nodes["attention"].params["num_heads"] == 2
    assert nodes["glu_chunk"].params == {"chunks": 2, "index": 0, "dim": 1}
    assert nodes["glu_chunk_2"].params == {"chunks": 2, "index": 1, "dim": 1}
    source = python_source(prepare_model(imported.project, with_weights=False))
    assert "glu_chunk = torch.chunk(glu_fc, 2, dim=1)[0]" in source
    assert "glu_chunk_2 = torch.chunk(glu_fc, 2, dim=1)[1]" in source


def test_an_encoder_with_a_final_norm_pre_norm_and_gelu_imports_exactly():
    class Encoder(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            layer = nn.TransformerEncoderLayer(
                8, 2, 12, activation="gelu", norm_first=True, batch_first=True
            )
            self.encoder = nn.TransformerEncoder(
                layer, 3, norm=nn.LayerNorm(8), enable_nested_tensor=False
            )
            self.head = nn.Linear(8, 2)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return self.head(self.encoder(x).mean(1))

    torch.manual_seed(0)
    imported = import_model(Encoder(), (5, 8), name="Encoder")
    graph = imported.project.graph
    chain = [n.id for n in graph if n.type in ("TransformerEncoderLayer", "LayerNorm")]
    assert chain == [f"encoder_layers_{i}" for i in range(3)] + ["encoder_norm"]
    assert graph.nodes["encoder_layers_2"].params["activation"] == "gelu"
    assert graph.nodes["encoder_layers_2"].params["norm_first"] is True
    assert imported.max_difference <= 1e-5


def test_squeeze_and_excitation_gates_multiply_by_broadcasting():
    torch.manual_seed(0)
    model = load_model(f"{MODELS / 'senet.py'}:SEResNet")
    graph = import_model(model, (3, 12, 12), name="SEResNet", flat=True).project.graph
    assert graph.nodes["layer2_se_mean"].params == {"dims": (2, 3), "keepdim": True}
    assert set(graph.predecessors("layer2_se_multiply")) == {
        "layer2_se_hardsigmoid",
        "layer2_bn2",
    }
    assert graph.nodes["layer1_se_reshape"].params["shape"] == (8, 1, 1)


def test_free_parameters_and_unexpressible_attention_settings_are_reported():
    model = load_model(f"{MODELS / 'text_transformer.py'}:PositionTable")
    problems = _problems(model, (5,))
    assert len(problems) == 2
    assert problems[0].startswith("(top level): positions at text_transformer.py:71 ")
    assert "free nn.Parameter" in problems[0]
    assert problems[1].startswith("encoder: nn.TransformerEncoderLayer at text_transformer.py")
    assert "batch_first=False" in problems[1]


class _Odd(nn.Module):
    """Each forward line is one construct the import must refuse."""

    def __init__(self) -> None:
        super().__init__()
        self.attn = nn.MultiheadAttention(4, 2, batch_first=True)
        self.cross = nn.MultiheadAttention(4, 2, batch_first=True, kdim=3, vdim=3)
        self.layer = nn.TransformerEncoderLayer(4, 2, 8, batch_first=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        weights = self.attn(x, x, x)[1]
        crossed = self.cross(x, x[..., :3], x[..., :3])[0]
        masked = self.layer(x, src_key_padding_mask=x[..., 0] > 0)
        a, b = torch.split(x, [1, 3], dim=2)
        added = x + x.mean(1, keepdim=True)
        scaled = x * x.mean(1)
        return weights.sum() + crossed + masked + a.sum() + b.sum() + added + scaled


def test_each_unmappable_attention_piece_and_broadcast_is_a_report_line():
    problems = _problems(_Odd(), (2, 4))  # traced as [2, 2, 4]: x * x.mean(1) runs
    text = "\n".join(problems)
    assert "the attention weights (output [1]) are used" in text
    assert "self.cross(x, x[..., :3], x[..., :3])" in text  # its line, named
    assert "cross-attention" in text
    assert "called with src_key_padding_mask" in text
    assert "split into sizes [1, 3] along dim 2" in text
    assert "adding tensors of shapes [2, 2, 4] and [2, 1, 4]" in text
    assert "multiplying tensors of shapes [2, 2, 4] and [2, 4]" in text
    assert all(": " in p and "\n" not in p for p in problems)


@pytest.mark.parametrize(
    ("module", "words"),
    [
        (nn.MultiheadAttention(4, 2, bias=False, batch_first=True), "bias=False"),
        (nn.MultiheadAttention(4, 2, batch_first=True, kdim=3), "kdim/vdim 3/4"),
        (nn.MultiheadAttention(4, 2, batch_first=True, add_bias_kv=True), "add_bias_kv"),
        (nn.TransformerEncoderLayer(4, 2, 8, batch_first=True, layer_norm_eps=1e-6), "eps"),
        (nn.TransformerEncoderLayer(4, 2, 8, batch_first=True, activation=torch.tanh), "tanh"),
    ],
)
def test_attention_settings_the_catalogue_lacks_are_refused(module, words):
    mapper = self_attention if isinstance(module, nn.MultiheadAttention) else encoder_layer
    with pytest.raises(Unmappable, match=words):
        mapper(module)
