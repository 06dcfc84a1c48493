"""After a non-finite loss or an out-of-memory error the weights are exactly those of the last
good step, and a checkpoint of that state resumes with a lower learning rate."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
import torch
from torch import nn

from netbuilder.engine.training.trainer import Trainer
from netbuilder.model import TrainingSettings

BAD_STEP = 7  # the training forward pass that goes wrong (1-based)


class Fuse(nn.Module):
    """Counts training forward passes; from pass ``at`` on, does ``what`` (inf or OOM)."""

    def __init__(self, at: int | None, what: str) -> None:
        super().__init__()
        self.at, self.what, self.calls = at, what, 0

    def forward(self, x):
        if not self.training:
            return x
        self.calls += 1
        if self.at is None or self.calls < self.at:
            return x
        if self.what == "grad":  # finite forward, NaN gradient (d sqrt(0) = inf, times 0)
            return x + (x * 0).sqrt()
        if self.what == "oom":
            raise RuntimeError(
                "DefaultCPUAllocator: can't allocate memory: you tried to allocate "
                "4000000000000 bytes. Error code 12 (Cannot allocate memory)"
            )
        return x * float("inf")


class Net(nn.Module):
    def __init__(self, at: int | None = None, what: str = "inf", bn: bool = False) -> None:
        super().__init__()
        self.fc1 = nn.Linear(4, 16)
        self.fuse = Fuse(at, what)
        self.bn = nn.BatchNorm1d(16) if bn else nn.Identity()  # its statistics see the inf
        self.fc2 = nn.Linear(16, 3)

    def forward(self, x):
        return self.fc2(self.bn(self.fuse(torch.relu(self.fc1(x)))))


def blobs() -> SimpleNamespace:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(96, 4)).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.int64) + (x[:, 1] > 0.5).astype(np.int64)
    return SimpleNamespace(x_train=x, y_train=y, x_val=x[:16], y_val=y[:16])


def make(
    at: int | None,
    what: str = "inf",
    report_hz: float = 1000.0,
    bn: bool = False,
    telemetry: bool = True,
    **kw,
) -> Trainer:
    torch.manual_seed(0)
    kw.setdefault("optimizer", "adam")
    settings = TrainingSettings(
        loss="cross_entropy", lr=0.01, batch_size=8, epochs=3, device="cpu", **kw
    ).validate()
    net = Net(at, what, bn)
    return Trainer(net, blobs(), settings, threads=1, report_hz=report_hz, telemetry=telemetry)


def reference(steps: int, **kw) -> Trainer:
    tr = make(None, **kw)
    assert tr.run(max_steps=steps).steps == steps
    return tr


def same_state(a: Trainer, b: Trainer) -> None:
    theirs = b.module.state_dict()
    for name, x in a.module.state_dict().items():
        assert torch.equal(x, theirs[name]), name
    assert a.state.step == b.state.step and a.state.batch == b.state.batch
    assert a.optimizer.param_groups[0]["lr"] == b.optimizer.param_groups[0]["lr"]


@pytest.mark.parametrize("what", ["inf", "grad"])
@pytest.mark.parametrize("bn", [False, True], ids=["plain", "batchnorm"])
def test_host_guard_keeps_the_weights_of_the_last_finite_step_exactly(what, bn):
    tr = make(BAD_STEP, what=what, bn=bn)
    assert tr.guard.mode == "host"
    result = tr.run()
    assert result.status == "non_finite" and result.non_finite.step == BAD_STEP
    assert result.non_finite.loss_finite == (what == "grad")
    assert result.steps == BAD_STEP - 1
    same_state(tr, reference(BAD_STEP - 1, bn=bn))  # BatchNorm's running statistics too


def test_a_nan_gradient_between_sampled_norms_is_caught_and_its_layer_named():
    # Norms are sampled every 10 steps (1, 11, ...); BAD_STEP is not one of them: the guard's
    # fused check stops it before its update, and that step's norms name the first layer.
    tr = make(BAD_STEP, what="grad", report_hz=1.0)
    assert tr.telemetry.every >= 10 and (BAD_STEP - 1) % tr.telemetry.every != 0
    result = tr.run()
    assert result.status == "non_finite" and result.non_finite.step == BAD_STEP
    assert result.non_finite.loss_finite and result.non_finite.node == "fc1"
    same_state(tr, reference(BAD_STEP - 1))


def test_without_gradient_norms_a_nan_gradient_falls_back_to_the_last_flush():
    # Telemetry off: nothing sees the NaN gradient before it is applied; the next loss does,
    # and the weights go back to their copy from the last finite flush (finite, not exact).
    tr = make(BAD_STEP, what="grad", telemetry=False)
    result = tr.run()
    assert result.status == "non_finite"
    assert all(bool(torch.isfinite(p).all()) for p in tr.params)
    assert not tr.can_resume


@pytest.mark.parametrize("schedule", ["none", "cosine"])
def test_device_flag_guard_skips_every_update_after_the_first_non_finite(schedule):
    # The CUDA mechanism (the fused kernel's found_inf), run here on the CPU: the flush comes
    # once a second, long after the bad step, and the steps in between must all be skipped.
    tr = make(BAD_STEP, report_hz=1.0, schedule=schedule)
    tr.guard.set_mode("found_inf")
    result = tr.run()
    assert result.status == "non_finite" and result.non_finite.step == BAD_STEP
    ref = reference(BAD_STEP - 1, schedule=schedule)
    same_state(tr, ref)
    for p, q in zip(tr.params, ref.params, strict=True):  # Adam's moments and step count too
        for key, value in ref.optimizer.state[q].items():
            assert torch.equal(tr.optimizer.state[p][key], value), key


def test_checkpoint_after_non_finite_resumes_with_a_lower_learning_rate():
    tr = make(BAD_STEP)
    assert tr.run().status == "non_finite"
    data, meta = tr.checkpoint()
    assert meta["after_non_finite"] is True and meta["step"] == BAD_STEP - 1
    torch.manual_seed(0)
    lower = TrainingSettings(
        loss="cross_entropy", optimizer="adam", lr=0.001, batch_size=8, epochs=3, device="cpu"
    ).validate()
    again = Trainer(Net(), blobs(), lower, threads=1)
    again.load_checkpoint(data, meta)
    assert again.optimizer.param_groups[0]["lr"] == pytest.approx(0.001)
    assert again.step == BAD_STEP - 1
    assert again.run().status == "completed"


def test_out_of_memory_stops_with_batch_and_model_size_and_keeps_the_last_weights():
    tr = make(BAD_STEP, what="oom")
    result = tr.run()
    assert result.status == "out_of_memory"
    assert "batch size 8" in result.message and "131 parameters" in result.message
    assert "Traceback" not in result.message and "\n" not in result.message
    same_state(tr, reference(BAD_STEP - 1))


def test_out_of_memory_in_the_first_pass_measuring_threads_is_a_status_not_a_traceback(
    monkeypatch,
):
    from netbuilder.engine.training import trainer as trainer_module

    monkeypatch.setattr(trainer_module, "choose_threads", lambda *_args: 2)  # measured first
    torch.manual_seed(0)
    settings = TrainingSettings(
        loss="cross_entropy", lr=0.01, batch_size=8, epochs=3, device="cpu", optimizer="adam"
    ).validate()
    tr = Trainer(Net(1, "oom"), blobs(), settings, threads=None, report_hz=1000.0)
    threads = torch.get_num_threads()
    result = tr.run()
    assert result.status == "out_of_memory" and "batch size 8" in result.message
    assert tr.step == 0 and torch.get_num_threads() == threads


def test_found_inf_is_used_only_where_a_skipped_step_leaves_the_state_exact():
    """Fused SGD creates its momentum empty and skips the kernel: a first step skipped there
    would keep garbage, so off the CPU it gets the snapshot mode."""
    from netbuilder.engine.training.finite_guard import FiniteGuard

    weights = [torch.zeros(3, requires_grad=True)]
    gpu = torch.device("cuda")  # only the mode choice: nothing is placed on it
    sgd = torch.optim.SGD(weights, lr=0.1, momentum=0.9)
    sgd.defaults["fused"] = True
    adam = torch.optim.Adam(weights, lr=0.1)
    adam.defaults["fused"] = True
    assert FiniteGuard(sgd, gpu, weights).mode == "snapshot"
    assert FiniteGuard(adam, gpu, weights).mode == "found_inf"
    assert FiniteGuard(adam, torch.device("cpu"), weights).mode == "host"


def fixed_norms(tr: Trainer, every: int) -> Trainer:
    """Gradient norms every ``every`` steps (the measured interval depends on the machine)."""
    from netbuilder.engine.training.sample_budget import SampleBudget

    tr.telemetry.budget = SampleBudget(every, share=0.01, first=10, whole=False)
    return tr


@pytest.mark.parametrize("mode", ["found_inf", "snapshot"])
def test_the_device_path_samples_the_same_norms_at_the_same_steps(mode):
    # The accelerator's mechanisms, forced on the CPU: gradient norms sampled as on the host
    # (not every step), the same values at the same steps, and the same training.
    host = fixed_norms(make(None, report_hz=1.0), 4)
    device = fixed_norms(make(None, report_hz=1.0), 4)
    device.guard.set_mode(mode)
    runs = []
    for tr in (host, device):
        reports = []
        assert tr.run(reports.append, max_steps=30).status == "stopped"
        runs.append(reports)
    (a, b) = ([np.concatenate([getattr(r, k) for r in reports]) for k in
               ("grad_steps", "grad_norms", "train_loss")] for reports in runs)  # fmt: skip
    assert a[0].tolist() == b[0].tolist() == list(range(1, 31, 4))
    np.testing.assert_array_equal(a[1], b[1])
    np.testing.assert_array_equal(a[2], b[2])
    same_state(host, device)


@pytest.mark.parametrize(("what", "mode"), [("grad", "found_inf"), ("inf", "snapshot"),
                                            ("grad", "snapshot")])  # fmt: skip
def test_the_device_flag_finds_the_exact_step_between_sampled_norms(what, mode):
    # Norms every 4 steps (1, 5, 9, ...): BAD_STEP (7) is not sampled; the device flag and its
    # on-device count, read once a second at the flush, still name the step exactly.
    tr = fixed_norms(make(BAD_STEP, what=what, report_hz=1.0), 4)
    tr.guard.set_mode(mode)
    result = tr.run()
    assert result.status == "non_finite" and result.non_finite.step == BAD_STEP
    assert result.steps == BAD_STEP - 1
    assert result.non_finite.loss_finite == (what == "grad")
    if mode == "found_inf":  # every update from the bad step on was skipped: exact
        same_state(tr, reference(BAD_STEP - 1))
        assert tr.can_resume
    else:  # the copy from the last finite flush (here: the run's start), finite
        assert all(bool(torch.isfinite(p).all()) for p in tr.params) and not tr.can_resume


@pytest.mark.parametrize("mode", ["found_inf", "snapshot"])
def test_without_the_fused_check_the_device_flag_still_finds_the_exact_step(monkeypatch, mode):
    # MPS before torch 2.8 has no fused non-finite check: a sum per tensor sets the flag.
    from netbuilder.engine.training import finite_guard

    monkeypatch.setattr(finite_guard, "_fused_check_works", lambda device: False)
    tr = fixed_norms(make(BAD_STEP, what="grad", report_hz=1.0), 4)
    tr.guard.set_mode(mode)
    assert not tr.guard._fused
    result = tr.run()
    assert result.status == "non_finite" and result.non_finite.step == BAD_STEP
