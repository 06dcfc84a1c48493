"""Layers for sequences that ``torch.nn`` lacks: pooling that ignores padding, and Transpose.

``SequencePool`` takes two inputs, the sequence [N, L, D] and the token ids [N, L] it was made
from, because only the ids know which positions are padding (index 0, at the end of each row,
as the text tokeniser pads). Written with ops that ONNX and ``torch.export`` express, so every
export format carries it; the ``.py`` export writes the same function (``pool_source``).
"""

from __future__ import annotations

import inspect

import torch
from torch import nn

__all__ = ["SequencePool", "Transpose", "pool_source", "sequence_pool"]


def sequence_pool(x: torch.Tensor, ids: torch.Tensor, mode: str) -> torch.Tensor:
    """[N, L, D] -> [N, D] over positions whose id is not 0 (all padding -> 0)."""
    mask = (ids != 0).unsqueeze(-1)  # [N, L, 1]
    count = mask.sum(dim=1)  # [N, 1]
    if mode == "mean":
        total = (x * mask.to(x.dtype)).sum(dim=1)
        return total / count.clamp(min=1).to(x.dtype)
    if mode == "max":
        low = torch.finfo(x.dtype).min
        pooled = x.masked_fill(~mask, low).amax(dim=1)
        return torch.where(count > 0, pooled, torch.zeros_like(pooled))
    # Padding is at the end of each row: the last real token is at count - 1.
    last = (count - 1).clamp(min=0)
    index = last.unsqueeze(-1).expand(-1, 1, x.shape[-1])
    picked = x.gather(1, index).squeeze(1)
    return torch.where(count > 0, picked, torch.zeros_like(picked))


def pool_source() -> str:
    """``sequence_pool``'s source, written into the ``.py`` and torchrun exports: one text, so
    the exported function cannot drift from the app's."""
    return inspect.getsource(sequence_pool)


class SequencePool(nn.Module):
    """Mean, max or last over the sequence dimension, ignoring padding (see the module doc)."""

    def __init__(self, mode: str = "mean") -> None:
        super().__init__()
        self.mode = mode

    def forward(self, x: torch.Tensor, ids: torch.Tensor) -> torch.Tensor:
        return sequence_pool(x, ids, self.mode)

    def extra_repr(self) -> str:
        return f"mode={self.mode!r}"


class Transpose(nn.Module):
    """Swaps two dimensions, counted with the batch (1 is the first after it)."""

    def __init__(self, dim0: int, dim1: int) -> None:
        super().__init__()
        self.dim0, self.dim1 = dim0, dim1

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.transpose(self.dim0, self.dim1)

    def extra_repr(self) -> str:
        return f"dim0={self.dim0}, dim1={self.dim1}"
