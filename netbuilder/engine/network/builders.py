"""Layer builders: catalogue type + parameters + incoming shapes -> ``nn.Module``.

Sizes that follow from the incoming tensor (``in_features``, ``in_channels``, ``num_features``,
``input_size``, ``normalized_shape``) are read from ``input_shapes``, never from parameters, so
a network stays consistent when an upstream layer changes. Shapes exclude the batch dimension.
Plain ``torch.nn`` modules are used wherever one exists, so state_dict keys are the standard
ones (``linear_1.weight``) and exported code can name the same classes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import torch
from torch import nn

from netbuilder.engine.network.attention import SelfAttention
from netbuilder.engine.network.sequence import SequencePool, Transpose
from netbuilder.engine.network.tensor_ops import (
    Chunk,
    Mean,
    Pad,
    Permute,
    Scale,
    StochasticDepth,
)
from netbuilder.model import CATALOGUE, get_spec

Shape = tuple[int, ...]
Builder = Callable[[dict[str, Any], list[Shape], dict[str, Any]], nn.Module]


# --- small modules for what torch.nn lacks ------------------------------------------------


class Reshape(nn.Module):
    """Reshapes each sample; the batch dimension is kept."""

    def __init__(self, shape: tuple[int, ...]) -> None:
        super().__init__()
        self.shape = tuple(shape)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.reshape(x.shape[0], *self.shape)

    def extra_repr(self) -> str:
        return f"shape={self.shape}"


class Add(nn.Module):
    """Element-wise sum of its inputs (skip connections)."""

    def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
        out = inputs[0]
        for x in inputs[1:]:
            out = out + x
        return out


class Multiply(nn.Module):
    """Element-wise product of its inputs (gating)."""

    def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
        out = inputs[0]
        for x in inputs[1:]:
            out = out * x
        return out


class Concat(nn.Module):
    """Joins its inputs along ``dim`` (counted with the batch dimension, 1 = features)."""

    def __init__(self, dim: int = 1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
        return torch.cat(inputs, dim=self.dim)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"


def _recurrent_output(out: torch.Tensor, h_n: torch.Tensor, mode: str, dirs: int) -> torch.Tensor:
    if mode == "sequence":
        return out
    # Final hidden state of the top layer, all directions: [N, H * dirs]. For one direction
    # this equals out[:, -1]; for two it holds the backward pass's final state too.
    if dirs == 1:
        return h_n[-1]
    return torch.cat([h_n[-2], h_n[-1]], dim=1)


class LSTMLayer(nn.LSTM):
    """``nn.LSTM`` (batch first) returning one tensor: the sequence or the last hidden state.

    A subclass rather than a wrapper, so state_dict keys stay ``weight_ih_l0`` etc.
    """

    def __init__(self, *args: Any, output: str = "sequence", **kwargs: Any) -> None:
        super().__init__(*args, batch_first=True, **kwargs)
        self.output = output

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # type: ignore[override]
        out, (h_n, _) = super().forward(x)
        return _recurrent_output(out, h_n, self.output, 2 if self.bidirectional else 1)


class GRULayer(nn.GRU):
    """``nn.GRU`` (batch first) returning one tensor: the sequence or the last hidden state."""

    def __init__(self, *args: Any, output: str = "sequence", **kwargs: Any) -> None:
        super().__init__(*args, batch_first=True, **kwargs)
        self.output = output

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # type: ignore[override]
        out, h_n = super().forward(x)
        return _recurrent_output(out, h_n, self.output, 2 if self.bidirectional else 1)


# --- builders ---------------------------------------------------------------------------------


def _identity(p: dict[str, Any], s: list[Shape], kw: dict[str, Any]) -> nn.Module:
    return nn.Identity()


def _linear(p: dict[str, Any], s: list[Shape], kw: dict[str, Any]) -> nn.Module:
    return nn.Linear(s[0][-1], p["out_features"], bias=p["bias"], **kw)


def _conv(cls: type[nn.Module]) -> Builder:
    def build(p: dict[str, Any], s: list[Shape], kw: dict[str, Any]) -> nn.Module:
        return cls(
            s[0][0],
            p["out_channels"],
            p["kernel_size"],
            stride=p["stride"],
            padding=p["padding"],
            dilation=p["dilation"],
            groups=p["groups"],
            bias=p["bias"],
            **kw,
        )

    return build


def _conv_transpose2d(p: dict[str, Any], s: list[Shape], kw: dict[str, Any]) -> nn.Module:
    return nn.ConvTranspose2d(
        s[0][0],
        p["out_channels"],
        p["kernel_size"],
        stride=p["stride"],
        padding=p["padding"],
        output_padding=p["output_padding"],
        bias=p["bias"],
        **kw,
    )


def _pool(cls: type[nn.Module]) -> Builder:
    def build(p: dict[str, Any], s: list[Shape], kw: dict[str, Any]) -> nn.Module:
        k = p["kernel_size"]
        return cls(k, stride=p["stride"] or k, padding=p["padding"])

    return build


def _batchnorm(cls: type[nn.Module]) -> Builder:
    def build(p: dict[str, Any], s: list[Shape], kw: dict[str, Any]) -> nn.Module:
        return cls(s[0][0], eps=p["eps"], momentum=p["momentum"], **kw)

    return build


def _layernorm(p: dict[str, Any], s: list[Shape], kw: dict[str, Any]) -> nn.Module:
    return nn.LayerNorm(s[0][-1], eps=p["eps"], elementwise_affine=p["elementwise_affine"], **kw)


def _embedding(p: dict[str, Any], s: list[Shape], kw: dict[str, Any]) -> nn.Module:
    padding = 0 if p["padding_idx_zero"] else None
    return nn.Embedding(p["num_embeddings"], p["embedding_dim"], padding_idx=padding, **kw)


def _recurrent(cls: type[nn.Module]) -> Builder:
    def build(p: dict[str, Any], s: list[Shape], kw: dict[str, Any]) -> nn.Module:
        return cls(
            s[0][-1],
            p["hidden_size"],
            num_layers=p["num_layers"],
            bidirectional=p["bidirectional"],
            output=p["output"],
            **kw,
        )

    return build


def _self_attention(p: dict[str, Any], s: list[Shape], kw: dict[str, Any]) -> nn.Module:
    return SelfAttention(s[0][-1], p["num_heads"], dropout=p["dropout"], **kw)


def _encoder_layer(p: dict[str, Any], s: list[Shape], kw: dict[str, Any]) -> nn.Module:
    return nn.TransformerEncoderLayer(
        s[0][-1],
        p["nhead"],
        dim_feedforward=p["dim_feedforward"],
        dropout=p["dropout"],
        activation=p["activation"],
        batch_first=True,
        norm_first=p["norm_first"],
        **kw,
    )


def _plain(factory: Callable[[dict[str, Any]], nn.Module]) -> Builder:
    return lambda p, s, kw: factory(p)


BUILDERS: dict[str, Builder] = {
    "Input": _identity,
    "Output": _identity,
    "Identity": _identity,
    "Linear": _linear,
    "Conv1d": _conv(nn.Conv1d),
    "Conv2d": _conv(nn.Conv2d),
    "ConvTranspose2d": _conv_transpose2d,
    "MaxPool2d": _pool(nn.MaxPool2d),
    "AvgPool2d": _pool(nn.AvgPool2d),
    "AdaptiveAvgPool2d": _plain(lambda p: nn.AdaptiveAvgPool2d(tuple(p["output_size"]))),
    "Flatten": _plain(lambda p: nn.Flatten(p["start_dim"], -1)),
    "Reshape": _plain(lambda p: Reshape(p["shape"])),
    "Dropout": _plain(lambda p: nn.Dropout(p["p"])),
    "BatchNorm1d": _batchnorm(nn.BatchNorm1d),
    "BatchNorm2d": _batchnorm(nn.BatchNorm2d),
    "LayerNorm": _layernorm,
    "Embedding": _embedding,
    "LSTM": _recurrent(LSTMLayer),
    "GRU": _recurrent(GRULayer),
    "MultiheadSelfAttention": _self_attention,
    "TransformerEncoderLayer": _encoder_layer,
    "ReLU": _plain(lambda p: nn.ReLU()),
    "LeakyReLU": _plain(lambda p: nn.LeakyReLU(p["negative_slope"])),
    "GELU": _plain(lambda p: nn.GELU(approximate=p["approximate"])),
    "SiLU": _plain(lambda p: nn.SiLU()),
    "Sigmoid": _plain(lambda p: nn.Sigmoid()),
    "Tanh": _plain(lambda p: nn.Tanh()),
    "Softmax": _plain(lambda p: nn.Softmax(dim=p["dim"])),
    "Add": _plain(lambda p: Add()),
    "Multiply": _plain(lambda p: Multiply()),
    "Concat": _plain(lambda p: Concat(p["dim"])),
    "SequencePool": _plain(lambda p: SequencePool(p["mode"])),
    "Transpose": _plain(lambda p: Transpose(p["dim0"], p["dim1"])),
    "ReLU6": _plain(lambda p: nn.ReLU6()),
    "Hardswish": _plain(lambda p: nn.Hardswish()),
    "Hardsigmoid": _plain(lambda p: nn.Hardsigmoid()),
    "Permute": _plain(lambda p: Permute(p["dims"])),
    "Mean": _plain(lambda p: Mean(p["dims"], p["keepdim"])),
    "Scale": _plain(lambda p: Scale(p["factor"])),
    "Pad": _plain(lambda p: Pad(p["padding"], p["value"])),
    "Upsample": _plain(lambda p: nn.Upsample(scale_factor=p["scale_factor"], mode=p["mode"])),
    "StochasticDepth": _plain(lambda p: StochasticDepth(p["p"])),
    "Chunk": _plain(lambda p: Chunk(p["chunks"], p["index"], p["dim"])),
}

assert set(BUILDERS) == set(CATALOGUE), "every catalogue type needs a builder"


def build_layer(
    layer_type: str,
    params: dict[str, Any],
    input_shapes: list[tuple[int, ...]],
    *,
    device: torch.device | str | None = None,
    node: str | None = None,
) -> nn.Module:
    """Build the module for one node. Params are validated and defaults filled in.

    ``device="meta"`` builds without memory (shape inference). Raises UnknownLayerTypeError or
    ParamError (both NetbuilderError) naming ``node``.
    """
    spec = get_spec(layer_type, node=node)
    full = spec.validate_params(params, node=node)
    kw = {"device": device} if device is not None else {}
    return BUILDERS[layer_type](full, [tuple(s) for s in input_shapes], kw)
