"""Check (c): overfit one small batch with the project's optimizer and learning rate.

A network that can learn at all drives the loss of a few samples it sees over and over close to
zero (Karpathy's "overfit one batch"). When it cannot, the learning rate is wrong, the network
has too little capacity, or something blocks the gradient; when the loss grows or stops being
finite, the learning rate is too high.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from netbuilder.engine.doctor.bench import Bench
from netbuilder.engine.doctor.findings import Finding, LrRange, Remedy
from netbuilder.model.i18n import translate

OVERFIT_SAMPLES = 32
OVERFIT_STEPS = 200
#: The final loss on the batch must fall below this share of its first value. The bundled
#: examples reach 0.001-0.05 of it in 200 steps; a tenth leaves room for dropout and noise.
OVERFIT_FRACTION = 0.1
#: A rate more than this factor away from the range test's suggestion is called too high or
#: too low: within it, the suggestion is no sharper than a half-decade grid search.
LR_OFF_FACTOR = 3.0


@dataclass(frozen=True)
class OverfitResult:
    start: float
    end: float  # eval mode, after the last step; nan/inf when the run diverged
    diverged: bool


def overfit_one_batch(bench: Bench) -> OverfitResult:
    bench.reset(seed=2)
    idx = next(bench.batches(OVERFIT_SAMPLES, seed=2))
    xb, yb = bench.batch(idx)
    module, loss_fn = bench.module, bench.loss_fn
    opt = bench.optimizer()
    start: float | None = None
    for _ in range(OVERFIT_STEPS):
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(module(*xb), yb)
        if start is None:
            start = float(loss.detach())
        loss.backward()
        opt.step()
    module.eval()
    try:
        with torch.no_grad():
            end = float(loss_fn(module(*xb), yb))
    finally:
        module.train()
        module.zero_grad(set_to_none=True)
    first = start if start is not None else math.nan
    diverged = not math.isfinite(end) or not math.isfinite(first) or end > first
    return OverfitResult(first, end, diverged)


def overfit_findings(bench: Bench, result: OverfitResult, lr_range: LrRange) -> list[Finding]:
    lr = float(bench.settings.lr)
    if not result.diverged and result.end <= OVERFIT_FRACTION * result.start:
        return []
    if not result.diverged and len(bench.nodes) < 2:
        # One layer with parameters (linear or logistic regression) cannot memorise arbitrary
        # targets: its floor is the data's own, so a high end loss says nothing about training.
        return []
    suggested = lr_range.suggested
    remedies: tuple[Remedy, ...] = ()
    if suggested is not None:
        remedies = (
            Remedy(
                "set_setting",
                translate("Doctor", "Set the learning rate to {lr}").format(lr=f"{suggested:.2g}"),
                "lr",
                suggested,
            ),
        )
    seen = {"start": result.start, "end": result.end, "lr": lr}
    if result.diverged:
        return [
            Finding(
                rule="overfit_diverged",
                node=None,
                seen=seen,
                meaning=translate(
                    "Doctor",
                    "training on one batch of {samples} samples for {steps} steps made the "
                    "loss grow or overflow: the learning rate {lr} is too high for this network",
                ).format(samples=OVERFIT_SAMPLES, steps=OVERFIT_STEPS, lr=f"{lr:g}"),
                advice=_lower(suggested),
                remedies=remedies,
            )
        ]
    if suggested is not None and lr > LR_OFF_FACTOR * suggested:
        advice = _lower(suggested)
    elif suggested is not None and lr < suggested / LR_OFF_FACTOR:
        advice = translate(
            "Doctor", "raise the learning rate; the range test suggests {lr}"
        ).format(lr=f"{suggested:.2g}")
    elif suggested is not None:
        advice = translate(
            "Doctor",
            "check the learning rate; the range test suggests {lr}; else give the network "
            "more capacity, or look for a layer that blocks the gradient",
        ).format(lr=f"{suggested:.2g}")
    else:
        advice = translate(
            "Doctor",
            "check the learning rate; else give the network more capacity, or look for "
            "a layer that blocks the gradient",
        )
    share = result.end / result.start if result.start > 0 else math.inf
    return [
        Finding(
            rule="overfit_failed",
            node=None,
            seen={**seen, "share": share},
            meaning=translate(
                "Doctor",
                "{steps} steps on one batch of {samples} samples left {share} of the first "
                "loss (a network that can learn gets below {fraction}): it will not fit the "
                "full data either",
            ).format(
                steps=OVERFIT_STEPS,
                samples=OVERFIT_SAMPLES,
                share=f"{share:.0%}",
                fraction=f"{OVERFIT_FRACTION:.0%}",
            ),
            advice=advice,
            remedies=remedies,
        )
    ]


def _lower(suggested: float | None) -> str:
    """The advice to lower the learning rate, to the range test's suggestion when there is one."""
    if suggested is None:
        return translate("Doctor", "lower the learning rate")
    return translate("Doctor", "lower the learning rate; the range test suggests {lr}").format(
        lr=f"{suggested:.2g}"
    )
