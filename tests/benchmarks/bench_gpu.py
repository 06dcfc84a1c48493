"""The trainer on a CUDA device: device choice, host syncs per step, speed against a raw loop.

    python tests/benchmarks/bench_gpu.py [--seconds 3]

Run by hand on a machine with an NVIDIA GPU (not by pytest, not in CI). Prints ``name: value``
lines:

- ``auto_device``: what ``training.device = "auto"`` picks (goal: cuda);
- ``guard_mode_adam``: the finite guard's mechanism with fused Adam on the GPU (goal: found_inf,
  which needs no host sync);
- ``<model>_syncs_per_step``: synchronising CUDA calls per training step, counted with
  ``torch.cuda.set_sync_debug_mode`` (goal: well under 1; the 30 Hz reports read back a few
  values per flush, never per step);
- ``<model>_trainer_steps_per_s`` / ``<model>_raw_steps_per_s`` / ``<model>_trainer_vs_raw``:
  the same model, data, batch size and optimizer in a hand-written loop (goal >= 0.9);
- ``example_<name>_test_accuracy`` / ``_device``: a bundled example trained through the session
  with the device left on auto.
"""

from __future__ import annotations

import argparse
import time
import warnings
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import torch
from torch import nn

from netbuilder.engine.training.setup import resolve_device
from netbuilder.engine.training.trainer import Trainer
from netbuilder.model import TrainingSettings

BATCH = 256
EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def data(n: int, features: int, classes: int, image: bool) -> SimpleNamespace:
    rng = np.random.default_rng(0)
    shape = (n, 1, 32, 32) if image else (n, features)
    x = rng.standard_normal(shape).astype(np.float32)
    y = rng.integers(0, classes, n).astype(np.int64)
    return SimpleNamespace(x_train=x, y_train=y, x_val=x[:0], y_val=y[:0])


def mlp() -> nn.Module:
    return nn.Sequential(
        nn.Linear(256, 1024), nn.ReLU(), nn.Linear(1024, 1024), nn.ReLU(), nn.Linear(1024, 10)
    )  # fmt: skip


def cnn() -> nn.Module:
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(64 * 8 * 8, 256), nn.ReLU(), nn.Linear(256, 10),
    )  # fmt: skip


def settings(epochs: int) -> TrainingSettings:
    return TrainingSettings(
        optimizer="adam", lr=1e-3, batch_size=BATCH, epochs=epochs, seed=0, device="cuda"
    )


def raw_rate(build, d: SimpleNamespace, seconds: float) -> float:
    dev = torch.device("cuda")
    torch.manual_seed(0)
    model = build().to(dev)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, fused=True)
    loss_fn = nn.CrossEntropyLoss()
    x, y = torch.as_tensor(d.x_train, device=dev), torch.as_tensor(d.y_train, device=dev)
    n = len(y)
    steps, t0, start = 0, 0.0, None
    gen = torch.Generator().manual_seed(0)
    while True:
        perm = torch.randperm(n, generator=gen).to(dev)
        for b in range(0, n, BATCH):
            idx = perm[b : b + BATCH]
            opt.zero_grad(set_to_none=True)
            loss_fn(model(x[idx]), y[idx]).backward()
            opt.step()
            steps += 1
            if steps == 20:  # warm-up done
                torch.cuda.synchronize()
                start, t0 = steps, time.perf_counter()
            if start is not None and steps % 50 == 0:
                torch.cuda.synchronize()
                if time.perf_counter() - t0 >= seconds:
                    return (steps - start) / (time.perf_counter() - t0)


def trainer_rate(build, d: SimpleNamespace, seconds: float) -> tuple[float, float, str]:
    """(steps/s, syncs per step, guard mode)."""
    n = len(d.y_train)
    per_epoch = -(-n // BATCH)
    torch.manual_seed(0)
    warm = Trainer(build(), d, settings(1))
    warm.run()
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    probe = Trainer(build(), d, settings(2))
    probe.run()
    torch.cuda.synchronize()
    rate0 = 2 * per_epoch / (time.perf_counter() - t0)
    epochs = max(2, int(rate0 * seconds / per_epoch))
    trainer = Trainer(build(), d, settings(epochs))
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    trainer.run()
    torch.cuda.synchronize()
    rate = trainer.step / (time.perf_counter() - t0)
    # Syncs: a separate, short run with the debug mode on (it slows every call down).
    counted = Trainer(build(), d, settings(2))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        torch.cuda.set_sync_debug_mode("warn")
        try:
            counted.run()
        finally:
            torch.cuda.set_sync_debug_mode("default")
    syncs = sum(1 for w in caught if "synchroniz" in str(w.message).lower())
    return rate, syncs / max(1, counted.step), trainer.guard.mode


def example(name: str) -> None:
    from netbuilder.engine.training.session import prepare
    from netbuilder.io import load_project

    loaded = load_project(EXAMPLES / f"{name}.json")
    t0 = time.perf_counter()
    run = prepare(loaded, device="auto")
    result = run.run()
    seconds = time.perf_counter() - t0
    print(f"example_{name}_device: {run.trainer.device.type}")
    print(f"example_{name}_status: {result.train.status}")
    print(f"example_{name}_seconds: {seconds:.2f}")
    accuracy = result.test.metrics.get("accuracy") if result.test is not None else None
    if accuracy is not None:
        print(f"example_{name}_test_accuracy: {accuracy:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    if not torch.cuda.is_available():
        print("cuda_available: 0")
        return
    print(f"gpu: {torch.cuda.get_device_name(0)}")
    print(f"torch: {torch.__version__}")
    print(f"auto_device: {resolve_device('auto').type}")
    for name, build, d in (
        ("mlp", mlp, data(60_000, 256, 10, image=False)),
        ("cnn", cnn, data(20_000, 0, 10, image=True)),
    ):
        raw = raw_rate(build, d, args.seconds)
        rate, syncs, mode = trainer_rate(build, d, args.seconds)
        print(f"{name}_raw_steps_per_s: {raw:.0f}")
        print(f"{name}_trainer_steps_per_s: {rate:.0f}")
        print(f"{name}_trainer_vs_raw: {rate / raw:.2f}")
        print(f"{name}_syncs_per_step: {syncs:.3f}")
        print(f"guard_mode_adam: {mode}")
    for name in ("digits_cnn", "shapes_cnn"):
        try:
            example(name)
        except Exception as exc:  # noqa: BLE001 - a report line, not a crash of the whole check
            print(f"example_{name}_error: {type(exc).__name__}: {exc}")


if __name__ == "__main__":
    main()
