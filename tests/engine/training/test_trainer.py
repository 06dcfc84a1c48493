"""The trainer on hand-built modules: every loss, optimizer and schedule; clipping; early stop."""

from __future__ import annotations

import math
import threading
from types import SimpleNamespace

import numpy as np
import pytest
import torch
from torch import nn

from netbuilder.engine.training.setup import choose_threads, make_scheduler, resolve_device
from netbuilder.engine.training.trainer import Trainer
from netbuilder.model import SettingsError, TrainingSettings


class Net(nn.Module):
    def __init__(self, n_in: int = 4, n_out: int = 3, hidden: int = 16) -> None:
        super().__init__()
        self.fc1 = nn.Linear(n_in, hidden)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(hidden, n_out)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


def blobs(task: str, n: int = 120, seed: int = 0) -> SimpleNamespace:
    """Separable toy data for ``task`` with train/val/test splits."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 4)).astype(np.float32)
    if task == "classification":
        y = (x[:, 0] > 0).astype(np.int64) + (x[:, 1] > 0.5).astype(np.int64)
    elif task == "binary":
        y = (x[:, 0] + x[:, 1] > 0).astype(np.int64)
    else:
        y = (x @ np.array([[1.0, -2.0], [0.5, 0.0], [0.0, 1.0], [0.2, 0.3]])).astype(np.float32)
    a, b = int(n * 0.7), int(n * 0.85)
    return SimpleNamespace(
        x_train=x[:a], y_train=y[:a], x_val=x[a:b], y_val=y[a:b], x_test=x[b:], y_test=y[b:]
    )


def make(task="classification", n_out=None, **settings) -> Trainer:
    torch.manual_seed(0)
    n_out = n_out or {"classification": 3, "binary": 1, "regression": 2}[task]
    defaults = {"classification": "cross_entropy", "binary": "bce_with_logits"}
    settings.setdefault("loss", defaults.get(task, "mse"))
    settings.setdefault("batch_size", 16)
    settings.setdefault("epochs", 5)
    s = TrainingSettings(device="cpu", **settings).validate()
    return Trainer(Net(n_out=n_out), blobs(task), s, threads=1)


@pytest.mark.parametrize(
    "task,loss",
    [
        ("classification", "cross_entropy"),
        ("binary", "bce_with_logits"),
        ("regression", "mse"),
        ("regression", "l1"),
        ("regression", "huber"),
    ],
)
def test_every_loss_trains(task, loss):
    trainer = make(task, loss=loss, lr=0.02, epochs=15)
    before = trainer.evaluate("val").loss
    result = trainer.run()
    assert result.status == "completed"
    assert result.steps == 15 * math.ceil(84 / 16)
    assert result.history[-1].val_loss < before * 0.8
    metric = "r2" if task == "regression" else "accuracy"
    assert metric in result.val_metrics


def test_binary_output_of_shape_n_works():
    class Squeeze(Net):
        def forward(self, x):
            return super().forward(x).squeeze(-1)

    torch.manual_seed(0)
    s = TrainingSettings(loss="bce_with_logits", epochs=10, lr=0.05, batch_size=16, device="cpu")
    trainer = Trainer(Squeeze(n_out=1), blobs("binary"), s, threads=1)
    result = trainer.run()
    assert result.val_metrics["accuracy"] > 0.8
    assert np.array(result.val_metrics["confusion"]).sum() == 18


@pytest.mark.parametrize(
    "optimizer,extra",
    [
        ("sgd", {"momentum": 0.9, "nesterov": True, "weight_decay": 1e-4}),
        ("sgd", {}),
        ("adam", {}),
        ("adamw", {"weight_decay": 0.01}),
        ("rmsprop", {"momentum": 0.5}),
    ],
)
def test_every_optimizer_lowers_the_loss(optimizer, extra):
    lr = 0.05 if optimizer == "sgd" else 0.01
    trainer = make(optimizer=optimizer, lr=lr, epochs=8, **extra)
    before = trainer.evaluate("train").loss
    result = trainer.run()
    assert type(trainer.optimizer).__name__.lower() == optimizer
    assert result.history[-1].train_loss < before


def test_step_schedule_decays_every_step_size_epochs():
    trainer = make(schedule="step", step_size=2, gamma=0.5, lr=0.1, epochs=5)
    result = trainer.run()
    assert [h.lr for h in result.history] == pytest.approx([0.1, 0.1, 0.05, 0.05, 0.025])


def test_cosine_and_onecycle_run_per_step():
    cos = make(schedule="cosine", lr=0.1, epochs=4)
    lrs: list[float] = []
    cos.run(lambda p: lrs.append(p.lr))
    assert cos.optimizer.param_groups[0]["lr"] == pytest.approx(0.0, abs=1e-9)
    one = make(schedule="onecycle", lr=0.1, epochs=4)
    one.run()
    assert one.scheduler.last_epoch == one.total_steps
    assert one.optimizer.param_groups[0]["lr"] < 0.1 / 100


def test_plateau_schedule_cuts_lr_when_val_loss_stalls():
    trainer = make(schedule="plateau", gamma=0.5, lr=1e-7, epochs=6)
    result = trainer.run()
    assert result.history[-1].lr < 1e-7


def test_onecycle_keeps_sgd_momentum_off():
    trainer = make(schedule="onecycle", optimizer="sgd", lr=0.1, epochs=1)
    trainer.run()
    assert trainer.optimizer.param_groups[0]["momentum"] == 0.0
    assert make_scheduler(trainer.settings, trainer.optimizer, 5) is not None


def test_gradient_clipping_bounds_each_update():
    trainer = make(optimizer="sgd", lr=1.0, grad_clip=0.01, epochs=1)
    before = [p.detach().clone() for p in trainer.params]
    trainer.run(max_steps=1)
    moved = torch.sqrt(
        sum(((p.detach() - b) ** 2).sum() for p, b in zip(trainer.params, before, strict=True))
    )
    assert 0 < float(moved) <= 0.01 + 1e-6


def test_early_stopping_restores_the_best_weights():
    trainer = make(lr=0.5, optimizer="sgd", momentum=0.9, epochs=200, early_stopping=2)
    result = trainer.run()
    assert result.status == "early_stopped"
    assert result.epochs_completed < 200
    best = min(h.val_loss for h in result.history)
    assert trainer.evaluate("val").loss == pytest.approx(best, rel=1e-5)
    assert result.val_loss == pytest.approx(best)


def test_progress_carries_per_step_losses_and_per_node_norms():
    trainer = make(epochs=3)
    reports = []
    trainer.run(reports.append)
    steps = np.concatenate([r.steps for r in reports])
    assert steps.tolist() == list(range(1, trainer.total_steps + 1))
    norms = np.concatenate([r.grad_norms for r in reports])
    at = np.concatenate([r.grad_steps for r in reports])
    every = reports[-1].grad_every
    # One row per sampled step, each at its true step: 1, then every k >= 10 steps (k measured)
    assert every >= 10 and at[0] == 1 and (np.diff(at) >= 10).all()
    assert norms.shape == (len(at), 2)
    assert reports[0].nodes == ("fc1", "fc2")
    assert np.isfinite(norms).all() and (norms > 0).all()
    assert set(reports[-1].weight_norms) == {"fc1", "fc2"}
    epochs = [r.epoch_result.epoch for r in reports if r.epoch_result]
    assert epochs == [1, 2, 3]


def test_reported_grad_norms_match_torch():
    trainer = make(epochs=1, optimizer="sgd", lr=1e-9)
    reports = []
    trainer.run(reports.append, max_steps=1)
    x, y = trainer._splits["train"]
    idx = torch.randperm(trainer.n_train, generator=torch.Generator().manual_seed(0))[:16]
    trainer.module.zero_grad()
    trainer.loss_fn(trainer.module(x[0][idx]), y[idx]).backward()
    want = torch.sqrt(
        trainer.module.fc1.weight.grad.pow(2).sum() + trainer.module.fc1.bias.grad.pow(2).sum()
    )
    assert reports[-1].grad_norms[0, 0] == pytest.approx(float(want), rel=1e-5)


def test_telemetry_off_still_reports_losses():
    torch.manual_seed(0)
    s = TrainingSettings(epochs=2, batch_size=16, device="cpu")
    trainer = Trainer(Net(), blobs("classification"), s, threads=1, telemetry=False)
    reports = []
    trainer.run(reports.append)
    assert sum(len(r.train_loss) for r in reports) == trainer.total_steps
    assert reports[-1].grad_norms.shape[1] == 0


def test_thread_count_is_set_inside_and_restored():
    trainer = make(epochs=1)
    trainer.threads = 1
    seen = []
    outside: list[int] = []

    def work():
        outside.append(torch.get_num_threads())
        trainer.run(lambda p: seen.append(torch.get_num_threads()))
        outside.append(torch.get_num_threads())

    t = threading.Thread(target=work)
    t.start()
    t.join(timeout=60)
    assert seen and set(seen) == {1}
    assert outside[0] == outside[1]


def test_choose_threads_by_work():
    cpu = torch.device("cpu")
    assert choose_threads(17_000, 64, cpu) == 1
    assert choose_threads(2_000_000, 64, cpu) >= 1
    assert choose_threads(2_000_000, 64, torch.device("meta")) == 1


def test_device_auto_is_cpu_here_and_missing_devices_are_errors():
    if not torch.cuda.is_available():
        assert resolve_device("auto").type in ("cpu", "mps")
        with pytest.raises(SettingsError, match="cuda"):
            resolve_device("cuda")


def test_full_batch_uses_no_shuffle_and_matches_plain_pytorch():
    x = np.array([[1, 2], [3, 4], [5, 6]], dtype=np.float32)
    y = np.array([[1], [0], [1]], dtype=np.float32)
    data = SimpleNamespace(x_train=x, y_train=y, x_val=x[:0], y_val=y[:0])
    s = TrainingSettings(
        loss="mse", optimizer="sgd", lr=0.01, batch_size=3, epochs=100, device="cpu"
    )
    torch.manual_seed(0)
    result = Trainer(nn.Linear(2, 1), data, s, threads=1).run()
    torch.manual_seed(0)
    ref = nn.Linear(2, 1)
    opt = torch.optim.SGD(ref.parameters(), lr=0.01)
    xt, yt = torch.tensor(x), torch.tensor(y)
    for _ in range(100):
        opt.zero_grad()
        loss = nn.functional.mse_loss(ref(xt), yt)
        loss.backward()
        opt.step()
    assert result.train_loss == pytest.approx(loss.item(), abs=1e-7)
    assert result.val_loss is None
