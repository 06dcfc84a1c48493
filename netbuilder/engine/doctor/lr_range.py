"""Check (d): the learning-rate range test (Smith, 2017; the fastai "lr finder").

From the initial weights, the project's optimizer takes up to ``RANGE_STEPS`` steps on batches
of the sample while the learning rate rises exponentially from ``LR_START`` to ``LR_END``; the
run stops when the running (exponentially smoothed) loss passes ``DIVERGE_FACTOR`` times its
lowest value, or a loss is not finite. The curve returned is the per-batch loss smoothed by a
centred moving average (``HALF_WINDOW`` points each side) against the learning rate: centred, so
the curve has no lag (an exponential average over 100 steps lags ~10 of them, a factor of ~6 in
the rate, which put the suggestion 3.8x above the grid's best on moons).

Suggested rate: a tenth of the rate at the lowest point of that curve. At the minimum the loss
is about to blow up, so the minimum itself is too high to train with for long; a tenth of it is
the largest rate still well inside the falling part of the curve (the rule of Smith's paper and
fastai's ``lr_min``). On the moons example it is 0.5x the best rate of a half-decade grid search
(tests/engine/doctor/test_examples_doctor.py, a slow test).
"""

from __future__ import annotations

import math

from netbuilder.engine.doctor.bench import Bench
from netbuilder.engine.doctor.findings import LrRange

LR_START = 1e-7
LR_END = 10.0
RANGE_STEPS = 100
#: Exponential smoothing of the running loss that decides when to stop (fastai's 0.98 would
#: stop late: over 100 steps it averages half of them).
SMOOTHING = 0.9
HALF_WINDOW = 3
DIVERGE_FACTOR = 4.0
#: Points left out when looking for the minimum: the first smoothed values average only a few
#: batches, so one easy batch there can be the lowest point of a curve that barely falls
#: (fastai's plot skips the first 10 too).
SKIP_START = 10
#: The lowest smoothed loss must be this share below the start (the mean of the first
#: ``SKIP_START`` points) for a suggestion: on a flat curve the minimum is noise (a deep
#: sigmoid MLP's flat curve would otherwise suggest 2e-7).
MIN_FALL = 0.05
#: Batch size: the project's, at most this many (a range test is about the step size).
RANGE_BATCH = 256


def lr_range_test(bench: Bench) -> LrRange:
    bench.reset(seed=3)
    opt = bench.optimizer(LR_START)
    ratio = (LR_END / LR_START) ** (1.0 / max(1, RANGE_STEPS - 1))
    size = min(RANGE_BATCH, int(bench.settings.batch_size))
    batches = bench.batches(size, seed=3)
    lrs: list[float] = []
    raw: list[float] = []
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
        raw.append(value)
        if smoothed > DIVERGE_FACTOR * best:
            break
        best = min(best, smoothed)
        loss.backward()
        opt.step()
    bench.module.zero_grad(set_to_none=True)
    losses = centred_average(raw, HALF_WINDOW)
    return LrRange(tuple(lrs), tuple(losses), suggest(lrs, losses))


def centred_average(values: list[float], half: int) -> list[float]:
    """Each value averaged with up to ``half`` neighbours on each side (fewer at the ends)."""
    out = []
    for i in range(len(values)):
        window = values[max(0, i - half) : i + half + 1]
        out.append(sum(window) / len(window))
    return out


def suggest(lrs: list[float], losses: list[float]) -> float | None:
    """A tenth of the rate at the lowest smoothed loss after the first ``SKIP_START``; None
    when the curve is shorter than that (it diverged at once) or never fell by ``MIN_FALL``."""
    if len(losses) <= SKIP_START + 1:
        return None
    k = min(range(SKIP_START, len(losses)), key=losses.__getitem__)
    start = sum(losses[:SKIP_START]) / SKIP_START
    if not losses[k] < (1.0 - MIN_FALL) * start:
        return None
    return lrs[k] / 10.0
