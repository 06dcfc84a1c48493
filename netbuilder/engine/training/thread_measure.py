"""How many intra-op threads the training thread should use, measured rather than guessed."""

from __future__ import annotations

import math
import time

import torch
from torch import nn


def measure_threads(
    module: nn.Module,
    loss_fn: nn.Module,
    params: list[nn.Parameter],
    inputs: tuple[torch.Tensor, ...],
    y: torch.Tensor,
    batch_size: int,
    candidate: int,
    repeats: int = 5,
) -> int:
    """``candidate`` intra-op threads if they make a step clearly faster here, else 1.

    Measured in the training thread, since a secondary thread's OpenMP pool behaves
    differently, and on this machine as loaded now: on a busy 2-core machine two threads
    ran the digits CNN 20x slower than one. Forward and backward only; RNG state, buffers
    (BatchNorm statistics) and gradients are put back, so the run is unchanged.
    """
    xb = [t[:batch_size] for t in inputs]
    yb = y[:batch_size]
    rng = torch.get_rng_state()
    buffers = [b.detach().clone() for b in module.buffers()]

    def best_time(n_threads: int) -> float:
        torch.set_num_threads(n_threads)
        best = math.inf
        for _ in range(repeats):
            t0 = time.perf_counter()
            loss_fn(module(*xb), yb).backward()
            best = min(best, time.perf_counter() - t0)
        return best

    try:
        best_time(1)  # warm-up
        one, many = best_time(1), best_time(candidate)
    finally:
        torch.set_rng_state(rng)
        with torch.no_grad():
            for b, saved in zip(module.buffers(), buffers, strict=True):
                b.copy_(saved)
        for p in params:
            p.grad = None
    return candidate if many < 0.85 * one else 1
