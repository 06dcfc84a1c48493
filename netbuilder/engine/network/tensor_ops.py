"""Modules for the tensor operations ``torch.nn`` has no layer for: Permute, Mean, Scale, Pad,
Chunk and StochasticDepth (issue 14). Dimensions are counted with the batch (1 is the first
after it).

The ``.py`` export writes Permute, Mean, Scale, Pad and Chunk inline (``x.permute(0, 2, 1)``) and
StochasticDepth as a call of ``stochastic_depth``, whose source it copies (``depth_source``), so
exported code cannot drift from the app's.
"""

from __future__ import annotations

import inspect

import torch
from torch import nn
from torch.nn import functional

__all__ = [
    "Chunk",
    "Mean",
    "Pad",
    "Permute",
    "Scale",
    "StochasticDepth",
    "depth_source",
    "stochastic_depth",
]


def stochastic_depth(x: torch.Tensor, p: float, training: bool) -> torch.Tensor:
    """Drops each sample's whole residual branch with probability p while training, scaling
    the kept ones by 1 / (1 - p); the identity at evaluation."""
    if not training or p == 0.0:
        return x
    keep = 1.0 - p
    size = (x.shape[0],) + (1,) * (x.dim() - 1)  # one draw per sample
    mask = torch.empty(size, dtype=x.dtype, device=x.device).bernoulli_(keep)
    return x * mask.div_(keep)


def depth_source() -> str:
    """``stochastic_depth``'s source, written into the ``.py`` and torchrun exports."""
    return inspect.getsource(stochastic_depth)


class Permute(nn.Module):
    """Reorders the dimensions after the batch: dims (2, 1) turns [N, L, D] into [N, D, L]."""

    def __init__(self, dims: tuple[int, ...]) -> None:
        super().__init__()
        self.dims = tuple(dims)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.permute(0, *self.dims)

    def extra_repr(self) -> str:
        return f"dims={self.dims}"


class Mean(nn.Module):
    """Average over the given dimensions (counted with the batch), optionally kept as size 1."""

    def __init__(self, dims: tuple[int, ...], keepdim: bool = False) -> None:
        super().__init__()
        self.dims, self.keepdim = tuple(dims), keepdim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.mean(dim=self.dims, keepdim=self.keepdim)

    def extra_repr(self) -> str:
        return f"dims={self.dims}, keepdim={self.keepdim}"


class Scale(nn.Module):
    """Multiplies every element by a constant ``factor``."""

    def __init__(self, factor: float) -> None:
        super().__init__()
        self.factor = factor

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.factor

    def extra_repr(self) -> str:
        return f"factor={self.factor}"


class Pad(nn.Module):
    """Constant padding as ``torch.nn.functional.pad``: (before, after) pairs, last dim first."""

    def __init__(self, padding: tuple[int, ...], value: float = 0.0) -> None:
        super().__init__()
        self.padding, self.value = tuple(padding), value

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return functional.pad(x, self.padding, value=self.value)

    def extra_repr(self) -> str:
        return f"padding={self.padding}, value={self.value}"


class StochasticDepth(nn.Module):
    """Randomly drops a residual branch per sample while training (see ``stochastic_depth``)."""

    def __init__(self, p: float) -> None:
        super().__init__()
        self.p = p

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return stochastic_depth(x, self.p, self.training)

    def extra_repr(self) -> str:
        return f"p={self.p}"


class Chunk(nn.Module):
    """Piece ``index`` of ``torch.chunk(x, chunks, dim)``: a node has one output, so
    ``a, b = x.chunk(2, dim=1)`` is two Chunk nodes, index 0 and index 1."""

    def __init__(self, chunks: int, index: int, dim: int) -> None:
        super().__init__()
        self.chunks, self.index, self.dim = chunks, index, dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.chunk(x, self.chunks, dim=self.dim)[self.index]

    def extra_repr(self) -> str:
        return f"chunks={self.chunks}, index={self.index}, dim={self.dim}"
