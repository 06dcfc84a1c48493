"""``torch.nn`` leaf modules -> (catalogue type, parameters).

Every setting a catalogue type cannot express is refused (``Unmappable``) rather than dropped,
so an imported layer computes exactly what the source layer did. Types other engineers add to
the catalogue (ReLU6, Hardswish, convolution ``groups``, ...) are used once ``is_known`` says
they are there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from torch import nn

from netbuilder.model import get_spec, is_known

Layer = tuple[str, dict[str, Any]]


class Unmappable(Exception):
    """A module or call netbuilder has no layer for; the message says why and what to do."""


def has_param(layer_type: str, name: str) -> bool:
    return is_known(layer_type) and any(p.name == name for p in get_spec(layer_type).params)


def square(value: Any, what: str) -> int:
    """An int, or a tuple of equal ints (netbuilder's sizes are the same on every side)."""
    if isinstance(value, int):
        return value
    if isinstance(value, tuple) and value and all(v == value[0] for v in value):
        return int(value[0])
    raise Unmappable(f"{what} {value!r} differs per side; netbuilder uses one {what} for all sides")


def _linear(m: nn.Linear) -> Layer:
    return "Linear", {"out_features": m.out_features, "bias": m.bias is not None}


def _conv(m: nn.Conv1d | nn.Conv2d) -> Layer:
    kind = "Conv1d" if isinstance(m, nn.Conv1d) else "Conv2d"
    if m.padding_mode != "zeros":
        raise Unmappable(f"padding_mode={m.padding_mode!r}; netbuilder pads with zeros only")
    if isinstance(m.padding, str):
        raise Unmappable(f"padding={m.padding!r}; give the padding as a number")
    params: dict[str, Any] = {
        "out_channels": m.out_channels,
        "kernel_size": square(m.kernel_size, "kernel_size"),
        "stride": square(m.stride, "stride"),
        "padding": square(m.padding, "padding"),
        "dilation": square(m.dilation, "dilation"),
        "bias": m.bias is not None,
    }
    if m.groups != 1:
        if not has_param(kind, "groups"):
            raise Unmappable(f"groups={m.groups}; this netbuilder has no grouped convolution")
        params["groups"] = m.groups
    return kind, params


def _batchnorm(m: nn.BatchNorm1d | nn.BatchNorm2d) -> Layer:
    if not m.affine or not m.track_running_stats or m.momentum is None:
        raise Unmappable(
            "affine=False, track_running_stats=False or momentum=None; netbuilder's batch "
            "norm learns a scale and shift and keeps running statistics with a fixed momentum"
        )
    kind = "BatchNorm1d" if isinstance(m, nn.BatchNorm1d) else "BatchNorm2d"
    return kind, {"eps": m.eps, "momentum": m.momentum}


def _layernorm(m: nn.LayerNorm) -> Layer:
    if len(m.normalized_shape) != 1:
        raise Unmappable(
            f"normalized_shape={tuple(m.normalized_shape)}; netbuilder normalises over the "
            "last dimension only"
        )
    if m.elementwise_affine and m.bias is None:
        raise Unmappable("bias=False; netbuilder's LayerNorm learns a shift with its scale")
    return "LayerNorm", {"eps": m.eps, "elementwise_affine": m.elementwise_affine}


def _pool(m: nn.MaxPool2d | nn.AvgPool2d) -> Layer:
    kind = "MaxPool2d" if isinstance(m, nn.MaxPool2d) else "AvgPool2d"
    if m.ceil_mode:
        raise Unmappable("ceil_mode=True; netbuilder's pooling rounds sizes down")
    if isinstance(m, nn.MaxPool2d) and (square(m.dilation, "dilation") != 1 or m.return_indices):
        raise Unmappable("dilation or return_indices; netbuilder's max pooling has neither")
    if isinstance(m, nn.AvgPool2d) and (not m.count_include_pad or m.divisor_override):
        raise Unmappable("count_include_pad=False or divisor_override; not in netbuilder")
    k = square(m.kernel_size, "kernel_size")
    stride = square(m.stride, "stride") if m.stride is not None else k
    return kind, {"kernel_size": k, "stride": stride, "padding": square(m.padding, "padding")}


def _adaptive(m: nn.AdaptiveAvgPool2d) -> Layer:
    size: Any = m.output_size
    pair = (size, size) if isinstance(size, int) else tuple(size)
    if any(s is None for s in pair):
        raise Unmappable("an output_size of None (keep that side); give both sizes")
    return "AdaptiveAvgPool2d", {"output_size": pair}


def _embedding(m: nn.Embedding) -> Layer:
    if m.padding_idx not in (None, 0) or m.max_norm is not None:
        raise Unmappable("padding_idx other than 0, or max_norm; not in netbuilder")
    return "Embedding", {
        "num_embeddings": m.num_embeddings,
        "embedding_dim": m.embedding_dim,
        "padding_idx_zero": m.padding_idx == 0,
    }


def _recurrent(m: nn.LSTM | nn.GRU) -> Layer:
    kind = "LSTM" if isinstance(m, nn.LSTM) else "GRU"
    if not m.batch_first:
        raise Unmappable("batch_first=False; netbuilder's recurrent layers take [N, L, features]")
    if not m.bias or (m.dropout and m.num_layers > 1) or getattr(m, "proj_size", 0):
        raise Unmappable("bias=False, dropout between layers or proj_size; not in netbuilder")
    return kind, {
        "hidden_size": m.hidden_size,
        "num_layers": m.num_layers,
        "bidirectional": m.bidirectional,
    }


def _flatten(m: nn.Flatten) -> Layer:
    if m.end_dim != -1 or m.start_dim < 1:
        raise Unmappable("flattening other than from a dimension to the end; use Reshape")
    return "Flatten", {"start_dim": m.start_dim}


def _softmax(m: nn.Softmax) -> Layer:
    if m.dim is None:
        raise Unmappable("Softmax without dim; give dim")
    return "Softmax", {"dim": m.dim}


def _plain(kind: str, **params: Callable[[Any], Any]) -> Callable[[Any], Layer]:
    def mapper(m: Any) -> Layer:
        if not is_known(kind):
            raise Unmappable(f"this netbuilder has no {kind} layer yet")
        return kind, {name: read(m) for name, read in params.items()}

    return mapper


LEAF_LAYERS: dict[type[nn.Module], Callable[[Any], Layer]] = {
    nn.Linear: _linear,
    nn.Conv1d: _conv,
    nn.Conv2d: _conv,
    nn.BatchNorm1d: _batchnorm,
    nn.BatchNorm2d: _batchnorm,
    nn.LayerNorm: _layernorm,
    nn.MaxPool2d: _pool,
    nn.AvgPool2d: _pool,
    nn.AdaptiveAvgPool2d: _adaptive,
    nn.Embedding: _embedding,
    nn.LSTM: _recurrent,
    nn.GRU: _recurrent,
    nn.Flatten: _flatten,
    nn.Softmax: _softmax,
    nn.Identity: _plain("Identity"),
    nn.Dropout: _plain("Dropout", p=lambda m: m.p),
    nn.ReLU: _plain("ReLU"),
    nn.ReLU6: _plain("ReLU6"),
    nn.Hardswish: _plain("Hardswish"),
    nn.Hardsigmoid: _plain("Hardsigmoid"),
    nn.LeakyReLU: _plain("LeakyReLU", negative_slope=lambda m: m.negative_slope),
    nn.GELU: _plain("GELU", approximate=lambda m: m.approximate),
    nn.SiLU: _plain("SiLU"),
    nn.Sigmoid: _plain("Sigmoid"),
    nn.Tanh: _plain("Tanh"),
}


def leaf_layer(module: nn.Module) -> Layer:
    """The catalogue type and parameters of a leaf module; ``Unmappable`` when there is none."""
    mapper = LEAF_LAYERS.get(type(module))
    if mapper is None:
        raise Unmappable(
            f"no netbuilder layer for {type(module).__module__}.{type(module).__name__}; "
            "replace it with supported layers, or leave it out of the imported part"
        )
    return mapper(module)
