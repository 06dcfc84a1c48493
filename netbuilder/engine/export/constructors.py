"""Constructor source for built layers: ``nn.Linear(64, 128)`` from an ``nn.Linear`` instance.

Read from the module the app built (``builders.py`` is the one place that decides a layer's
arguments), so exported code cannot disagree with the app about ``in_features`` and friends.
Arguments equal to PyTorch's defaults are left out to keep the code short.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from torch import nn
from torch.nn import functional as F  # noqa: N812

from netbuilder.engine.network.attention import SelfAttention

__all__ = ["constructor_source", "literal", "self_attention_source"]


def literal(value: Any) -> str:
    """Python source for a plain value; equal tuple entries collapse (``(3, 3)`` -> ``3``)."""
    if isinstance(value, tuple) and value and all(v == value[0] for v in value):
        return literal(value[0])
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, tuple):
        return "(" + ", ".join(literal(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


def _call(name: str, positional: list[Any], keywords: list[tuple[str, Any, Any]]) -> str:
    """``nn.name(pos..., key=value...)`` keeping only keywords that differ from their default."""
    args = [literal(v) for v in positional]
    for key, value, default in keywords:
        if value != default and literal(value) != literal(default):
            args.append(f"{key}={literal(value)}")
    return f"nn.{name}({', '.join(args)})"


def _linear(m: nn.Linear) -> str:
    return _call("Linear", [m.in_features, m.out_features], [("bias", m.bias is not None, True)])


def _conv(m: nn.modules.conv._ConvNd) -> str:
    keys: list[tuple[str, Any, Any]] = [
        ("stride", m.stride, 1),
        ("padding", m.padding, 0),
    ]
    if m.transposed:
        keys.append(("output_padding", m.output_padding, 0))
    keys += [
        ("dilation", m.dilation, 1),
        ("groups", m.groups, 1),
        ("bias", m.bias is not None, True),
        ("padding_mode", m.padding_mode, "zeros"),
    ]
    kind = type(m).__name__ if type(m) in _CONVS else _base_name(m, _CONVS)
    return _call(kind, [m.in_channels, m.out_channels, m.kernel_size], keys)


def _max_pool(m: nn.MaxPool2d) -> str:
    return _call(
        "MaxPool2d",
        [m.kernel_size],
        [
            ("stride", m.stride, m.kernel_size),
            ("padding", m.padding, 0),
            ("dilation", m.dilation, 1),
            ("return_indices", m.return_indices, False),
            ("ceil_mode", m.ceil_mode, False),
        ],
    )


def _avg_pool(m: nn.AvgPool2d) -> str:
    return _call(
        "AvgPool2d",
        [m.kernel_size],
        [
            ("stride", m.stride, m.kernel_size),
            ("padding", m.padding, 0),
            ("ceil_mode", m.ceil_mode, False),
            ("count_include_pad", m.count_include_pad, True),
            ("divisor_override", m.divisor_override, None),
        ],
    )


def _batch_norm(m: nn.modules.batchnorm._BatchNorm) -> str:
    return _call(
        _base_name(m, (nn.BatchNorm1d, nn.BatchNorm2d)),
        [m.num_features],
        [
            ("eps", m.eps, 1e-5),
            ("momentum", m.momentum, 0.1),
            ("affine", m.affine, True),
            ("track_running_stats", m.track_running_stats, True),
        ],
    )


def _layer_norm(m: nn.LayerNorm) -> str:
    keys = [("eps", m.eps, 1e-5), ("elementwise_affine", m.elementwise_affine, True)]
    if m.elementwise_affine:
        keys.append(("bias", m.bias is not None, True))
    return _call("LayerNorm", [m.normalized_shape], keys)


def _embedding(m: nn.Embedding) -> str:
    return _call(
        "Embedding",
        [m.num_embeddings, m.embedding_dim],
        [
            ("padding_idx", m.padding_idx, None),
            ("max_norm", m.max_norm, None),
            ("norm_type", m.norm_type, 2.0),
            ("scale_grad_by_freq", m.scale_grad_by_freq, False),
            ("sparse", m.sparse, False),
        ],
    )


def _recurrent(m: nn.RNNBase) -> str:
    keys = [
        ("num_layers", m.num_layers, 1),
        ("bias", m.bias, True),
        ("batch_first", m.batch_first, False),
        ("dropout", m.dropout, 0.0),
        ("bidirectional", m.bidirectional, False),
    ]
    if isinstance(m, nn.LSTM):
        keys.append(("proj_size", m.proj_size, 0))
    return _call(_base_name(m, (nn.LSTM, nn.GRU)), [m.input_size, m.hidden_size], keys)


def _flatten(m: nn.Flatten) -> str:
    return _call("Flatten", [], [("start_dim", m.start_dim, 1), ("end_dim", m.end_dim, -1)])


def _simple(*attrs: tuple[str, Any]) -> Callable[[nn.Module], str]:
    """Activations and friends: keyword arguments named like their attributes."""

    def render(m: nn.Module) -> str:
        keys = [(name, getattr(m, name), default) for name, default in attrs]
        return _call(type(m).__name__, [], keys)

    return render


def _softmax(m: nn.Softmax) -> str:
    return f"nn.Softmax(dim={literal(m.dim)})"


def _dropout(m: nn.Dropout) -> str:
    return _call("Dropout", [m.p], [("inplace", m.inplace, False)])


def _adaptive_avg_pool(m: nn.AdaptiveAvgPool2d) -> str:
    size = m.output_size
    if isinstance(size, tuple):  # kept as a tuple: the module stores what it was given
        return f"nn.AdaptiveAvgPool2d(({', '.join(literal(v) for v in size)}))"
    return _call("AdaptiveAvgPool2d", [size], [])


def _multihead_attention(m: nn.MultiheadAttention) -> str:
    return _call(
        "MultiheadAttention",
        [m.embed_dim, m.num_heads],
        [
            ("dropout", m.dropout, 0.0),
            ("bias", m.in_proj_bias is not None, True),
            ("add_bias_kv", m.bias_k is not None, False),
            ("add_zero_attn", m.add_zero_attn, False),
            ("kdim", None if m.kdim == m.embed_dim else m.kdim, None),
            ("vdim", None if m.vdim == m.embed_dim else m.vdim, None),
            ("batch_first", m.batch_first, False),
        ],
    )


def self_attention_source(m: SelfAttention) -> str:
    """``SelfAttention(64, 4)``: the class the ``.py`` export writes beside the network."""
    return _call("SelfAttention", [m.embed_dim, m.num_heads], [("dropout", m.dropout, 0.0)])[3:]


_ACTIVATIONS = {F.relu: "relu", F.gelu: "gelu"}


def _encoder_layer(m: nn.TransformerEncoderLayer) -> str | None:
    activation = _ACTIVATIONS.get(m.activation)
    if activation is None:  # a module or a function given by the caller: no plain literal
        return None
    return _call(
        "TransformerEncoderLayer",
        [m.self_attn.embed_dim, m.self_attn.num_heads],
        [
            ("dim_feedforward", m.linear1.out_features, 2048),
            ("dropout", m.dropout.p, 0.1),
            ("activation", activation, "relu"),
            ("layer_norm_eps", m.norm1.eps, 1e-5),
            ("batch_first", m.self_attn.batch_first, False),
            ("norm_first", m.norm_first, False),
            ("bias", m.linear1.bias is not None, True),
        ],
    )


def _upsample(m: nn.Upsample) -> str:
    return _call(
        "Upsample",
        [],
        [
            ("size", m.size, None),
            ("scale_factor", m.scale_factor, None),
            ("mode", m.mode, "nearest"),
            ("align_corners", m.align_corners, None),
            ("recompute_scale_factor", m.recompute_scale_factor, None),
        ],
    )


_CONVS = (nn.Conv1d, nn.Conv2d, nn.ConvTranspose2d)

_TABLE: dict[type, Callable[[Any], str | None]] = {
    nn.Linear: _linear,
    nn.Conv1d: _conv,
    nn.Conv2d: _conv,
    nn.ConvTranspose2d: _conv,
    nn.MaxPool2d: _max_pool,
    nn.AvgPool2d: _avg_pool,
    nn.AdaptiveAvgPool2d: _adaptive_avg_pool,
    nn.Flatten: _flatten,
    nn.Dropout: _dropout,
    nn.BatchNorm1d: _batch_norm,
    nn.BatchNorm2d: _batch_norm,
    nn.LayerNorm: _layer_norm,
    nn.Embedding: _embedding,
    nn.LSTM: _recurrent,
    nn.GRU: _recurrent,
    nn.ReLU: _simple(("inplace", False)),
    nn.LeakyReLU: _simple(("negative_slope", 0.01), ("inplace", False)),
    nn.GELU: _simple(("approximate", "none")),
    nn.SiLU: _simple(("inplace", False)),
    nn.Sigmoid: _simple(),
    nn.Tanh: _simple(),
    nn.Softmax: _softmax,
    nn.Identity: _simple(),
    nn.ReLU6: _simple(("inplace", False)),
    nn.Hardswish: _simple(("inplace", False)),
    nn.Hardsigmoid: _simple(("inplace", False)),
    nn.Upsample: _upsample,
    nn.MultiheadAttention: _multihead_attention,
    nn.TransformerEncoderLayer: _encoder_layer,
}


def _base_name(m: nn.Module, bases: tuple[type, ...]) -> str:
    for cls in bases:
        if isinstance(m, cls):
            return cls.__name__
    raise KeyError(type(m).__name__)


def constructor_source(module: nn.Module) -> str | None:
    """``nn.X(...)`` re-creating ``module`` (same class in torch.nn, same arguments), or None
    when there is no plain ``torch.nn`` equivalent. Subclasses (the app's ``LSTMLayer``) map to
    their ``torch.nn`` base; the caller adds whatever forward behaviour the subclass has."""
    for cls in type(module).__mro__:
        render = _TABLE.get(cls)
        if render is not None:
            return render(module)
    return None
