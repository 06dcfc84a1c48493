"""Checkpoints resume bit for bit; weights round-trip; bad input is refused clearly."""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
import pytest
import safetensors.torch
import torch
from torch import nn

from netbuilder.engine.training.checkpoint import CheckpointError, load_weights, weights_to_bytes
from netbuilder.engine.training.trainer import Trainer
from netbuilder.model import NetbuilderError, TrainingSettings


class Net(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.fc1 = nn.Linear(5, 32)
        self.bn = nn.BatchNorm1d(32)
        self.drop = nn.Dropout(0.3)
        self.fc2 = nn.Linear(32, 3)

    def forward(self, x):
        return self.fc2(self.drop(torch.relu(self.bn(self.fc1(x)))))


def data() -> SimpleNamespace:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(150, 5)).astype(np.float32)
    y = rng.integers(0, 3, size=150).astype(np.int64)
    return SimpleNamespace(x_train=x[:100], y_train=y[:100], x_val=x[100:], y_val=y[100:])


def make(seed: int = 0, **kw) -> Trainer:
    torch.manual_seed(seed)
    settings = dict(
        optimizer="adamw",
        lr=0.01,
        weight_decay=0.01,
        batch_size=12,
        epochs=6,
        schedule="onecycle",
        grad_clip=1.0,
        early_stopping=50,
        device="cpu",
    )
    settings.update(kw)
    return Trainer(Net(), data(), TrainingSettings(**settings), threads=1)


@pytest.mark.parametrize(
    "n,extra",
    [
        (5, {}),  # mid-epoch (9 steps per epoch)
        (9, {}),  # exactly at an epoch boundary
        (13, {"schedule": "plateau", "optimizer": "sgd", "momentum": 0.9}),
        (7, {"schedule": "step", "step_size": 1, "optimizer": "rmsprop"}),
    ],
)
def test_resume_after_n_steps_equals_2n_straight(n, extra):
    straight = make(**extra)
    straight.run(max_steps=2 * n)

    first = make(**extra)
    first.run(max_steps=n)
    blob, meta = first.checkpoint()
    meta = json.loads(json.dumps(meta, allow_nan=False))  # JSON-ready, no NaN/inf tokens
    torch.manual_seed(12345)  # the global RNG is put back by the checkpoint
    resumed = make(seed=99, **extra)  # different initial weights: overwritten
    resumed.load_checkpoint(blob, meta)
    result = resumed.run(max_steps=n)

    assert result.steps == 2 * n
    for (name, a), b in zip(
        straight.module.state_dict().items(), resumed.module.state_dict().values(), strict=True
    ):
        assert torch.equal(a, b), name
    for a, b in zip(
        straight.optimizer.state.values(), resumed.optimizer.state.values(), strict=True
    ):
        for key in a:
            assert torch.equal(torch.as_tensor(a[key]), torch.as_tensor(b[key])), key
    assert [h.to_dict()["train_loss"] for h in straight.history] == [
        h.to_dict()["train_loss"] for h in resumed.history
    ]


def test_checkpoint_holds_no_pickle_and_names_its_parts():
    tr = make()
    tr.run(max_steps=4)
    blob, meta = tr.checkpoint()
    tensors = safetensors.torch.load(blob)
    assert "model/fc1.weight" in tensors and "rng/generator" in tensors and "data/perm" in tensors
    assert meta["step"] == 4 and meta["batch"] == 4 and meta["epoch"] == 0
    assert b"pickle" not in blob[:200]


def test_checkpoint_refuses_a_different_batch_size():
    tr = make()
    tr.run(max_steps=3)
    blob, meta = tr.checkpoint()
    other = make(batch_size=10)
    with pytest.raises(CheckpointError, match="batch_size"):
        other.load_checkpoint(blob, meta)
    with pytest.raises(CheckpointError, match="not a netbuilder"):
        other.load_checkpoint(blob, {"format": "x"})


def test_weights_round_trip_and_mismatch_is_named():
    torch.manual_seed(0)
    a = Net()
    blob = weights_to_bytes(a)
    torch.manual_seed(1)
    b = Net()
    load_weights(b, blob)
    for x, y in zip(a.state_dict().values(), b.state_dict().values(), strict=True):
        assert torch.equal(x, y)

    class Wider(Net):
        def __init__(self):
            super().__init__()
            self.fc2 = nn.Linear(32, 4)

    with pytest.raises(CheckpointError, match=r"fc2\.weight has shape \[3, 32\].*'fc2'"):
        load_weights(Wider(), blob)
    with pytest.raises(NetbuilderError, match=r"weights\.safetensors: damaged"):
        load_weights(b, b"not safetensors")


@pytest.mark.parametrize(("field", "value"), [("optimizer", "sgd"), ("lr", 0.5), ("epochs", 9)])
def test_resume_with_changed_settings_names_the_setting(field, value):
    first = make()
    first.run(max_steps=4)
    data_bytes, meta = first.checkpoint()
    other = make(**{field: value})  # onecycle spans all epochs, so epochs matter too
    with pytest.raises(CheckpointError, match=f"training.{field}"):
        other.load_checkpoint(data_bytes, json.loads(json.dumps(meta)))


def test_a_damaged_checkpoint_is_refused_without_a_traceback():
    first = make()
    first.run(max_steps=4)
    data_bytes, meta = first.checkpoint()
    meta = json.loads(json.dumps(meta))
    del meta["optimizer"]
    with pytest.raises(CheckpointError, match=r"checkpoint\.json: optimizer: .* missing"):
        make().load_checkpoint(data_bytes, meta)
