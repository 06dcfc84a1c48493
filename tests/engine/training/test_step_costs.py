"""What a training step does per step, counted rather than timed (timings on a shared machine
move by more than the few percent the telemetry costs): on the CPU one ``.item()`` (the finite
guard's host check: with telemetry, of one flag set by one fused check of the loss and every
gradient; without, of the loss), per-layer gradient norms only every k-th step (k >= 10), and
the stacked read-back of the telemetry only at a flush; per-layer statistics sampled every k
steps add no host read (they come back in the flush)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import torch

from netbuilder.engine.training.sample_budget import SampleBudget
from netbuilder.engine.training.telemetry import GradTelemetry
from netbuilder.engine.training.trainer import Trainer
from netbuilder.model import TrainingSettings
from tests.engine.training.test_trainer import Net, blobs


@pytest.mark.parametrize(("telemetry", "every"), [(True, 0), (True, 2), (False, 0)])
def test_a_step_reads_back_the_loss_and_the_gradient_norms_once(
    telemetry: bool, every: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``every``: per-layer statistics sampled every that many steps; they add no host read
    (they reach the host in the flush's one transfer)."""
    torch.manual_seed(0)
    settings = TrainingSettings(device="cpu", batch_size=16, epochs=3).validate()
    trainer = Trainer(
        Net(),
        blobs("classification"),
        settings,
        telemetry=telemetry,
        threads=1,
        inside_every=every,
    )
    # Norms every 10 steps (the measured interval depends on the machine's speed).
    trainer.telemetry.budget = SampleBudget(10, share=0.01, first=10, whole=False)
    trainer.run(max_steps=1)  # set-up off the count
    calls: Counter[str] = Counter()
    item, norm, flush = torch.Tensor.item, torch._foreach_norm, GradTelemetry.flush
    check = torch._amp_foreach_non_finite_check_and_unscale_
    tolist = torch.Tensor.tolist

    def counted(name: str, fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return fn(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(torch.Tensor, "item", counted("item", item))
    monkeypatch.setattr(torch.Tensor, "tolist", counted("tolist", tolist))
    monkeypatch.setattr(torch, "_foreach_norm", counted("norm", norm))
    monkeypatch.setattr(
        torch, "_amp_foreach_non_finite_check_and_unscale_", counted("check", check)
    )
    monkeypatch.setattr(GradTelemetry, "flush", counted("flush", flush))
    steps_before = trainer.step
    reports: list[Any] = []
    result = trainer.run(reports.append, max_steps=trainer.steps_per_epoch * 2)
    steps = trainer.step - steps_before
    assert result.status == "stopped" and steps == trainer.steps_per_epoch * 2
    n_params = len(trainer.params)  # 4: two Linear layers' weights and biases
    assert n_params == 4
    # A flush: one norm of the weights (telemetry or not); at each epoch's end and at most
    # report_hz times a second besides, never once a step.
    assert 2 <= calls["flush"] <= 2 + 3
    sampler = trainer.telemetry.sampler
    samples = steps // every if every else 0  # sampled steps counted (the first one was not)
    # Gradient norms: one fused norm per sampled step (every k >= 10 steps), each row at its
    # step; a per-layer statistics sample: two more (the weights before the update, and the
    # update).
    rows = [int(s) for r in reports for s in r.grad_steps]
    k = trainer.telemetry.every
    assert rows == list(range(rows[0], rows[0] + k * len(rows), k)) if rows else True
    assert k >= 10 and len(rows) <= steps // 10 + 1 and (len(rows) >= 1) == telemetry
    assert calls["norm"] == len(rows) + calls["flush"] + 2 * samples
    # The guard's one fused check a step (with telemetry), and one host read a step: its flag,
    # or the loss (a little room for the validation at each epoch's end, never one more a step).
    assert calls["check"] == (steps if telemetry else 0)
    assert steps <= calls["item"] <= steps + 2 * calls["flush"]
    assert calls["tolist"] <= 2 * calls["flush"]
    if every:
        assert sampler is not None and sampler.hook_calls == 3 * (1 + samples)
    else:
        assert sampler is None


def test_the_forced_device_path_checks_every_step_on_the_device_and_reads_once_a_flush(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The accelerator's guard (``found_inf``), forced on the CPU: the fused check of the loss
    and the gradients every step, into a device flag and its count; no host read a step and
    no per-step gradient norms."""
    torch.manual_seed(0)
    settings = TrainingSettings(device="cpu", batch_size=16, epochs=3).validate()
    trainer = Trainer(Net(), blobs("classification"), settings, threads=1, inside_every=0)
    trainer.telemetry.budget = SampleBudget(10, share=0.01, first=10, whole=False)
    trainer.guard.set_mode("found_inf")
    trainer.run(max_steps=1)
    calls: Counter[str] = Counter()
    item, norm, flush = torch.Tensor.item, torch._foreach_norm, GradTelemetry.flush
    check = torch._amp_foreach_non_finite_check_and_unscale_

    def counted(name: str, fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return fn(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(torch.Tensor, "item", counted("item", item))
    monkeypatch.setattr(torch, "_foreach_norm", counted("norm", norm))
    monkeypatch.setattr(
        torch, "_amp_foreach_non_finite_check_and_unscale_", counted("check", check)
    )
    monkeypatch.setattr(GradTelemetry, "flush", counted("flush", flush))
    reports: list[Any] = []
    steps = trainer.steps_per_epoch * 2
    assert trainer.run(reports.append, max_steps=steps).status == "stopped"
    rows = [int(s) for r in reports for s in r.grad_steps]
    assert rows == [11] and calls["norm"] == len(rows) + calls["flush"]
    assert calls["check"] == steps
    assert calls["item"] <= 2 * calls["flush"]  # the validation's at each epoch's end
