"""Attention layers: multi-head self-attention as a one-input layer.

``nn.MultiheadAttention`` takes query, key and value and returns the attended values and the
attention weights; a canvas node has one input and one output. ``SelfAttention`` is a subclass
(not a wrapper) so its state_dict keys stay the standard ``in_proj_weight``,
``out_proj.weight``..., and the ``.py`` export writes the same class (``attention_source``).
``nn.TransformerEncoderLayer`` needs no wrapper: it is built as it is, batch first.
"""

from __future__ import annotations

import torch
from torch import nn

__all__ = ["SelfAttention", "attention_source"]


class SelfAttention(nn.MultiheadAttention):
    """Multi-head self-attention over [N, L, D], batch first: ``forward(x)`` attends x to
    itself and returns only the attended values [N, L, D], not the attention weights."""

    def __init__(
        self,
        embed_dim: int,
        num_heads: int,
        dropout: float = 0.0,
        device: torch.device | str | None = None,
    ) -> None:
        super().__init__(embed_dim, num_heads, dropout=dropout, batch_first=True, device=device)

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # type: ignore[override]
        out, _ = super().forward(x, x, x, need_weights=False)
        return out


def attention_source() -> str:
    """``SelfAttention`` as the ``.py`` and torchrun exports write it: the app's class without
    its ``device`` pass-through. The export tests hold the two to the same outputs."""
    return _EXPORTED


_EXPORTED = """\
class SelfAttention(nn.MultiheadAttention):
    \"\"\"Multi-head self-attention over [N, L, D], batch first: ``forward(x)`` attends x to
    itself and returns only the attended values [N, L, D], not the attention weights.\"\"\"

    def __init__(self, embed_dim: int, num_heads: int, dropout: float = 0.0) -> None:
        super().__init__(embed_dim, num_heads, dropout=dropout, batch_first=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = super().forward(x, x, x, need_weights=False)
        return out
"""
