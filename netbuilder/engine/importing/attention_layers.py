"""Attention modules -> MultiheadSelfAttention and TransformerEncoderLayer nodes.

``nn.MultiheadAttention`` maps when it is called as self-attention, ``attn(x, x, x)``, and only
its values (``[0]``) are used; ``nn.TransformerEncoderLayer`` maps as it is (torch's and the
catalogue's are the same module, built batch first); ``nn.TransformerEncoder`` unrolls into its
layers, one node each named after its module path (``encoder.layers.0`` -> ``encoder_layers_0``),
and its final ``norm`` when it has one. fx keeps all three as leaves, so torch's fast path and
nested-tensor checks never enter the traced graph. A setting the catalogue cannot express (a
mask, batch_first=False, kdim != embed_dim, ...) is reported, never dropped.
"""

from __future__ import annotations

import inspect
from typing import Any

import torch.nn.functional as F  # noqa: N812 - the usual name
from torch import fx, nn

from netbuilder.engine.importing.leaf_layers import Layer, Unmappable, leaf_layer
from netbuilder.engine.importing.values import AttentionPair, Tensor, Value, Walk

__all__ = ["attention_call", "encoder_layer", "self_attention"]

LAYER_NORM_EPS = 1e-5  # the catalogue's Transformer layer uses torch's default


def attention_call(walk: Walk, node: fx.Node, module: nn.Module) -> Value | None:
    """The value of a call of an attention module; None when ``module`` is not one."""
    if isinstance(module, nn.MultiheadAttention):
        call = _bind(module, node)
        x = call.get("query")
        if not (call.get("key") is x and call.get("value") is x):
            raise Unmappable(
                "attention with different query, key and value (cross-attention); netbuilder's "
                "self-attention attends a sequence to itself: call it as attn(x, x, x)"
            )
        _no_masks(call, "key_padding_mask", "attn_mask", "is_causal")
        kind, params = self_attention(module)
        out = walk.add(kind, params, [walk.tensor(x)])
        return AttentionPair(out.node_id)
    if isinstance(module, nn.TransformerEncoderLayer):
        call = _bind(module, node)
        _no_masks(call, "src_mask", "src_key_padding_mask", "is_causal")
        kind, params = encoder_layer(module)
        return walk.add(kind, params, [walk.tensor(call.get("src"))])
    if isinstance(module, nn.TransformerEncoder):
        call = _bind(module, node)
        _no_masks(call, "mask", "src_key_padding_mask", "is_causal")
        return _unrolled(walk, str(node.target), module, walk.tensor(call.get("src")))
    return None


def _unrolled(walk: Walk, path: str, encoder: nn.TransformerEncoder, x: Tensor) -> Tensor:
    layers = []
    for i, layer in enumerate(encoder.layers):
        if not isinstance(layer, nn.TransformerEncoderLayer):
            kind = type(layer).__name__
            raise Unmappable(f"layer {i} is a {kind}, not a TransformerEncoderLayer")
        layers.append((f"{path}.layers.{i}", encoder_layer(layer)))
    if encoder.norm is not None:
        layers.append((f"{path}.norm", leaf_layer(encoder.norm)))
    for source, (kind, params) in layers:  # every layer maps before any node is added
        x = walk.add(kind, params, [x], source=source)
    return x


def _bind(module: nn.Module, node: fx.Node) -> dict[str, Any]:
    try:
        bound = inspect.signature(module.forward).bind(*node.args, **node.kwargs)
    except TypeError as exc:
        raise Unmappable(f"called with arguments it does not take ({exc})") from None
    return dict(bound.arguments)


def _no_masks(call: dict[str, Any], *names: str) -> None:
    given = [n for n in names if call.get(n) not in (None, False)]
    if given:
        raise Unmappable(
            f"called with {', '.join(given)}; netbuilder's attention layers attend to every "
            "position without a mask: leave the mask out (pad sequences to one length), or "
            "keep this part outside the imported model"
        )


def _check_attention(m: nn.MultiheadAttention, where: str) -> None:
    refused = []
    if not m.batch_first:
        refused.append("batch_first=False (build it with batch_first=True: [N, L, D])")
    if not m._qkv_same_embed_dim:
        refused.append(f"kdim/vdim {m.kdim}/{m.vdim} other than embed_dim {m.embed_dim}")
    if not {"in_proj_bias", "out_proj.bias"} <= dict(m.named_parameters()).keys():
        refused.append("bias=False")
    if m.bias_k is not None or m.add_zero_attn:
        refused.append("add_bias_kv or add_zero_attn")
    if refused:
        raise Unmappable(
            f"{where}{'; '.join(refused)}: netbuilder's attention cannot express "
            f"{'this setting' if len(refused) == 1 else 'these settings'}"
        )


def self_attention(m: nn.MultiheadAttention) -> Layer:
    _check_attention(m, "")
    return "MultiheadSelfAttention", {"num_heads": m.num_heads, "dropout": float(m.dropout)}


def _activation(m: nn.TransformerEncoderLayer) -> str:
    act: Any = m.activation
    if act is F.relu or isinstance(act, nn.ReLU):
        return "relu"
    if act is F.gelu or (isinstance(act, nn.GELU) and act.approximate == "none"):
        return "gelu"
    raise Unmappable(
        f"activation {getattr(act, '__name__', type(act).__name__)}; netbuilder's Transformer "
        "layer uses relu or gelu"
    )


def encoder_layer(m: nn.TransformerEncoderLayer) -> Layer:
    _check_attention(m.self_attn, "its self_attn has ")
    norms = (m.norm1, m.norm2)
    if any(n.eps != LAYER_NORM_EPS for n in norms) or m.linear1.bias is None:
        raise Unmappable(
            f"layer_norm_eps={m.norm1.eps} or bias=False; netbuilder's Transformer layer uses "
            f"layer_norm_eps={LAYER_NORM_EPS} and biases"
        )
    p = m.dropout.p
    if {m.dropout1.p, m.dropout2.p, float(m.self_attn.dropout)} != {p}:
        raise Unmappable("dropouts of different rates; netbuilder's Transformer layer has one")
    return "TransformerEncoderLayer", {
        "nhead": m.self_attn.num_heads,
        "dim_feedforward": m.linear1.out_features,
        "dropout": float(p),
        "activation": _activation(m),
        "norm_first": bool(m.norm_first),
    }
