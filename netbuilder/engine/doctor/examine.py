"""Run every pre-run check on a project and collect the findings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import torch

from netbuilder.engine.doctor.bench import build_bench
from netbuilder.engine.doctor.findings import DoctorReport
from netbuilder.engine.doctor.gradients import gradient_findings, layer_gradient_norms
from netbuilder.engine.doctor.init_loss import init_loss_findings, loss_at_init
from netbuilder.engine.doctor.lr_range import lr_range_test
from netbuilder.engine.doctor.overfit import overfit_findings, overfit_one_batch
from netbuilder.model import Project


def examine(
    project: Project,
    base_dir: str | Path | None = None,
    *,
    weights: bytes | None = None,
    step: Callable[[float], None] | None = None,
) -> DoctorReport:
    """The doctor's pre-run checks on a fresh, seeded copy of ``project``'s network (or one
    starting from ``weights``, safetensors bytes such as the project's saved weights).

    Raises NetbuilderError (naming what and where) when the project cannot be trained at all.
    The project, its graph and its saved weights are not changed; the RNG state is restored.
    ``step(fraction)`` is called before each check (the window's progress bar); an exception
    it raises (a cancelled task) ends the examination there.
    """
    report = step if step is not None else _ignore
    rng = torch.random.get_rng_state()
    try:
        report(0.0)
        bench = build_bench(project, base_dir, weights=weights)
        report(0.2)
        init = loss_at_init(bench)
        findings = init_loss_findings(bench, init)
        report(0.3)
        findings += gradient_findings(bench, layer_gradient_norms(bench))
        report(0.4)
        lr_range = lr_range_test(bench)
        report(0.6)
        findings += overfit_findings(bench, overfit_one_batch(bench), lr_range)
    finally:
        torch.random.set_rng_state(rng)
    return DoctorReport(tuple(findings), init, lr_range)


def _ignore(_fraction: float) -> None:
    pass
