"""Pause, resume and stop from another thread; the non-finite guard."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import numpy as np
import pytest
import torch
from torch import nn

from netbuilder.engine.training.trainer import Trainer
from netbuilder.model import TrainingSettings

WAIT = 60  # seconds; waits end on an event long before this


class Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc1 = nn.Linear(4, 16)
        self.fc2 = nn.Linear(16, 16)
        self.fc3 = nn.Linear(16, 2)

    def forward(self, x):
        return self.fc3(torch.relu(self.fc2(torch.relu(self.fc1(x)))))


def data(n: int = 64, nan_row: int | None = None) -> SimpleNamespace:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(n, 4)).astype(np.float32)
    y = rng.normal(size=(n, 2)).astype(np.float32)
    if nan_row is not None:
        x[nan_row, 2] = np.nan
    return SimpleNamespace(x_train=x, y_train=y, x_val=x[:8], y_val=y[:8])


def trainer(**kw) -> Trainer:
    torch.manual_seed(0)
    settings = dict(
        loss="mse", optimizer="sgd", lr=0.01, batch_size=8, epochs=100_000, device="cpu"
    )
    settings.update(kw.pop("settings", {}))
    return Trainer(
        Net(), kw.pop("data", None) or data(), TrainingSettings(**settings), threads=1, **kw
    )


def start(tr: Trainer, callback=None):
    out: dict = {}
    th = threading.Thread(target=lambda: out.setdefault("result", tr.run(callback)))
    th.start()
    return th, out


def test_pause_blocks_resume_continues_stop_ends_within_a_step():
    tr = trainer(report_hz=1000.0)
    first = threading.Event()
    th, out = start(tr, lambda p: first.set())
    assert first.wait(WAIT)
    tr.pause()
    assert tr.paused_event.wait(WAIT)
    paused_at = tr.step
    assert tr.step == paused_at  # blocked: no step while paused
    tr.resume()
    more = threading.Event()
    tr_cb_target = paused_at + 5

    def watch(p):
        if p.step >= tr_cb_target:
            more.set()

    tr._callback = watch
    assert more.wait(WAIT)
    tr.pause()
    assert tr.paused_event.wait(WAIT)
    stopped_at = tr.step
    assert stopped_at > paused_at
    tr.stop()
    th.join(WAIT)
    assert not th.is_alive()
    result = out["result"]
    assert result.status == "stopped"
    assert result.steps == stopped_at  # the stop took effect before any further step
    assert all(torch.isfinite(p).all() for p in tr.params)


def test_stop_from_the_callback_ends_after_that_step():
    tr = trainer(report_hz=1000.0)
    seen = []

    def cb(p):
        seen.append(p.step)
        if len(seen) == 3:
            tr.stop()

    result = tr.run(cb)
    assert result.status == "stopped"
    assert result.steps == seen[2]
    weights = [p.detach().clone() for p in tr.params]
    # A later run continues from the same weights and position.
    again = tr.run(max_steps=2)
    assert again.steps == seen[2] + 2
    assert any(not torch.equal(w, p) for w, p in zip(weights, tr.params, strict=True))


def test_huge_learning_rate_stops_cleanly_with_finite_weights():
    tr = trainer(settings={"lr": 10.0, "epochs": 200})
    result = tr.run()
    assert result.status == "non_finite"
    nf = result.non_finite
    assert nf is not None and nf.step >= 1
    assert nf.node in tr.nodes
    assert "non-finite" in result.message and f"step {nf.step}" in result.message
    assert all(bool(torch.isfinite(p).all()) for p in tr.params)
    assert result.steps < tr.total_steps
    # The last finite state is kept exactly, so it can be resumed (with a lower lr).
    assert tr.can_resume and result.steps == nf.step - 1
    assert tr.checkpoint()[1]["after_non_finite"] is True


def test_nan_in_the_data_names_the_first_layer():
    tr = trainer(data=data(nan_row=5), settings={"batch_size": 64, "epochs": 3})
    result = tr.run()
    assert result.status == "non_finite"
    assert result.non_finite.step == 1
    assert result.non_finite.node == "fc1"
    assert not result.non_finite.loss_finite
    assert all(bool(torch.isfinite(p).all()) for p in tr.params)


class Blow(nn.Module):
    """A layer that starts producing infinities when told to (a stand-in for log(0) & co)."""

    def __init__(self) -> None:
        super().__init__()
        self.on = False

    def forward(self, x):
        return x * float("inf") if self.on else x


class BlowNet(Net):
    def __init__(self) -> None:
        super().__init__()
        self.boom = Blow()

    def forward(self, x):
        return self.fc3(torch.relu(self.boom(self.fc2(torch.relu(self.fc1(x))))))


def test_layer_going_non_finite_mid_run_is_named_at_that_step():
    torch.manual_seed(0)
    settings = TrainingSettings(
        loss="mse", optimizer="sgd", lr=0.01, batch_size=8, epochs=20, device="cpu"
    )
    tr = Trainer(BlowNet(), data(), settings, threads=1, report_hz=1000.0)
    injected = {}

    def cb(p):
        if p.step >= 10 and not injected:
            tr.module.boom.on = True
            injected["after"] = p.step

    result = tr.run(cb)
    assert result.status == "non_finite"
    assert result.non_finite.step == injected["after"] + 1
    assert result.non_finite.node == "boom"
    assert "'boom'" in result.message
    assert all(bool(torch.isfinite(p).all()) for p in tr.params)


def test_step_gate_parks_the_trainer_between_steps_and_stop_releases_it():
    tr = trainer(report_hz=1000.0)
    first = threading.Event()
    th, out = start(tr, lambda p: first.set())
    assert first.wait(WAIT)
    with tr.gate.hold(timeout_s=WAIT) as parked:
        assert parked
        at = tr.step
        for _ in range(50_000):  # the holder runs alone: no step is taken meanwhile
            pass
        assert tr.step == at
    moved = threading.Event()
    tr._callback = lambda p: moved.set() if p.step > at else None
    assert moved.wait(WAIT)  # released: training goes on
    with tr.gate.hold(timeout_s=WAIT) as parked:
        assert parked
        tr.stop()  # stopping never waits for the hold to end
        th.join(WAIT)
        assert not th.is_alive()
    assert out["result"].status == "stopped"
    assert not tr.gate.requested


def test_step_gate_without_a_trainer_gives_up_after_its_timeout():
    from netbuilder.engine.training.step_gate import StepGate

    gate = StepGate()
    with gate.hold(timeout_s=0.001) as parked:
        assert not parked and gate.requested
    assert not gate.requested and gate.holds == 0


def test_reported_rate_is_smoothed_over_about_a_second():
    tr = trainer()
    seen = []
    tr._callback = seen.append
    values = tr.telemetry.flush()
    now = time.perf_counter()
    tr._last_report, tr.state.step = (now - 0.1, 0, 0.0), 100
    tr._emit(values, None)
    assert seen[-1].steps_per_s == pytest.approx(1000, rel=0.05)  # the first report: as is
    # One slow interval (the machine busy for a second) moves the rate, but not all the way.
    now = time.perf_counter()
    tr._last_report, tr.state.step = (now - 1.0, 100, 0.0), 110
    tr._emit(values, None)
    assert 10 * 1.5 < seen[-1].steps_per_s < 1000 * 0.7
