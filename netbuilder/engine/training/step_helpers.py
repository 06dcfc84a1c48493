"""Small helpers of the training loop (kept out of trainer.py)."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from torch import nn

from netbuilder.engine.training.telemetry import FlushedValues


def as_inputs(x: Any, device: torch.device) -> tuple[torch.Tensor, ...]:
    items = x if isinstance(x, (tuple, list)) else (x,)
    return tuple(
        torch.as_tensor(np.asarray(t) if not torch.is_tensor(t) else t).to(device) for t in items
    )


def clip_gradients(
    params: list[nn.Parameter], norms: tuple[torch.Tensor, ...] | None, max_norm: float
) -> None:
    """Scale gradients to total L2 norm ``max_norm``, reusing the telemetry's norms."""
    if norms is None:
        torch.nn.utils.clip_grad_norm_(params, max_norm)
        return
    total = torch.linalg.vector_norm(torch.stack(norms))
    coef = (max_norm / (total + 1e-6)).clamp(max=1.0)
    torch._foreach_mul_([p.grad for p in params if p.grad is not None], coef)


def truncate(values: FlushedValues, rows: int) -> FlushedValues:
    inside, grad_rows = values.inside, len(values.grad_steps)
    if len(values.steps) > rows:  # no sample of a step never applied
        if inside is not None:
            inside = inside.rows(inside.steps < values.steps[rows])
        grad_rows = int(np.searchsorted(values.grad_steps, values.steps[rows]))
    return FlushedValues(
        values.steps[:rows],
        values.losses[:rows],
        values.grad_norms[:grad_rows],
        values.weight_norms,
        inside,
        values.grad_steps[:grad_rows],
        values.grad_every,
    )
