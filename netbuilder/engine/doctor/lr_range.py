"""Check (d): the learning-rate range test (Smith, 2017; the fastai "lr finder").

From the initial weights, the project's optimizer takes ``RANGE_STEPS`` steps on batches of the
sample while the learning rate rises exponentially from ``LR_START`` to ``LR_END``; the run
stops when the smoothed loss passes ``DIVERGE_FACTOR`` times its lowest value (or is not
finite). The curve is the smoothed loss against the learning rate.

Suggested rate: a tenth of the rate at the lowest smoothed loss. At the minimum the loss is
about to blow up (the smoothing also lags a few steps behind), so the minimum itself is too
high to train with for long; a tenth of it is the largest rate still well inside the falling
part of the curve (the rule of Smith's paper and fastai's ``lr_min``). On the moons example it
lands within a factor of 3 of the best rate of a grid search (tests/engine/doctor).
"""

from __future__ import annotations

import math

from netbuilder.engine.doctor.bench import Bench
from netbuilder.engine.doctor.findings import LrRange

LR_START = 1e-7
LR_END = 10.0
RANGE_STEPS = 100
#: Exponential smoothing of the per-batch loss (fastai uses 0.98 over 100 steps; the lag it
#: adds moves the minimum a few steps late, which the tenth-of-the-minimum rule absorbs).
SMOOTHING = 0.9
DIVERGE_FACTOR = 4.0
#: Points left out when looking for the minimum: the first smoothed values average only a few
#: batches, so one easy batch there can be the lowest point of a curve that barely falls
#: (fastai's plot skips the first 10 too).
SKIP_START = 10
#: Batch size: the project's, at most this many (a range test is about the step size).
RANGE_BATCH = 256


def lr_range_test(bench: Bench) -> LrRange:
    bench.reset(seed=3)
    opt = bench.optimizer(LR_START)
    ratio = (LR_END / LR_START) ** (1.0 / max(1, RANGE_STEPS - 1))
    size = min(RANGE_BATCH, int(bench.settings.batch_size))
    batches = bench.batches(size, seed=3)
    lrs: list[float] = []
    losses: list[float] = []
    avg, best = 0.0, math.inf
    module, loss_fn = bench.module, bench.loss_fn
    for step in range(RANGE_STEPS):
        lr = LR_START * ratio**step
        for group in opt.param_groups:
            group["lr"] = lr
        xb, yb = bench.batch(next(batches))
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(module(*xb), yb)
        value = float(loss.detach())
        if not math.isfinite(value):
            break
        avg = SMOOTHING * avg + (1 - SMOOTHING) * value
        smoothed = avg / (1 - SMOOTHING ** (step + 1))  # bias-corrected, as Adam's moments
        lrs.append(lr)
        losses.append(smoothed)
        if smoothed > DIVERGE_FACTOR * best:
            break
        best = min(best, smoothed)
        loss.backward()
        opt.step()
    bench.module.zero_grad(set_to_none=True)
    return LrRange(tuple(lrs), tuple(losses), suggest(lrs, losses))


def suggest(lrs: list[float], losses: list[float]) -> float | None:
    """A tenth of the rate at the lowest smoothed loss after the first ``SKIP_START``; None
    when the curve is shorter than that (it diverged at once)."""
    if len(losses) <= SKIP_START + 1:
        return None
    k = min(range(SKIP_START, len(losses)), key=losses.__getitem__)
    return lrs[k] / 10.0
