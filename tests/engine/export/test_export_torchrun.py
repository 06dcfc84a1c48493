"""The torchrun export: a DDP training script plus its data, runnable unchanged with torchrun."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import safetensors.torch
import torch
from torch import nn

from netbuilder.engine.data.datasets import load_dataset
from netbuilder.engine.export import ExportError, export, prepare_model, python_source
from netbuilder.engine.export.torchrun import (
    loss_source,
    optimizer_source,
    scheduler_source,
)
from netbuilder.engine.training.setup import make_loss, make_optimizer, make_scheduler
from netbuilder.io import load_project
from netbuilder.model import TrainingSettings
from tests.engine.export.test_export import EXAMPLES, assert_ruff_clean, chain, load_source, slow

FAST = ["moons_mlp"]  # runs in the default test run; the rest with pytest -m slow
EPOCHS = 3


def _torchrun(script: Path, *args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("torchrun")
    launcher = [exe] if exe else [sys.executable, "-m", "torch.distributed.run"]
    env = {
        **os.environ,
        "OMP_NUM_THREADS": "1",
        "GLOO_SOCKET_IFNAME": "lo",  # loopback only
        "MASTER_ADDR": "127.0.0.1",
    }
    env.pop("CUDA_VISIBLE_DEVICES", None)
    return subprocess.run(
        [*launcher, "--standalone", "--nproc_per_node=2", str(script), *args],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=script.parent,
        env=env,
    )


def _check_training_run(tmp_path: Path, path: Path) -> None:
    loaded = load_project(path)
    folder = tmp_path / "run"
    result = export(loaded, "torchrun", folder)
    assert sorted(p.name for p in folder.iterdir()) == ["data.npz", "train.py"]
    assert result.files == [folder / "train.py", folder / "data.npz"]
    proc = _torchrun(folder / "train.py", "--epochs", str(EPOCHS))
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    logged = re.findall(r"^epoch \d+/\d+ train_loss (\S+)", proc.stdout, re.MULTILINE)
    losses = [float(v) for v in logged]
    assert len(losses) == EPOCHS  # logged once per epoch, by process 0 only
    assert losses[-1] < losses[0]
    assert "val_loss" in proc.stdout
    weights = safetensors.torch.load_file(folder / "weights.safetensors")
    assert not any(k.startswith("module.") for k in weights)
    # The weights load, strictly, into the module of the Python export.
    model = prepare_model(loaded, with_weights=False)
    cls = load_source(python_source(model, "Net"), "Net")
    net = cls()
    net.load_state_dict(weights, strict=True)
    changed = any(not torch.equal(weights[k], v) for k, v in model.module.state_dict().items())
    assert changed  # it trained


@pytest.mark.parametrize("name", FAST)
def test_torchrun_script_trains_with_two_processes(tmp_path, name):
    _check_training_run(tmp_path, next(p for p in EXAMPLES if p.stem == name))


def test_script_tears_the_process_group_down_in_order(tmp_path):
    """Issue 12: process 1 of 2 aborted at exit, 1 full run in 2 ("terminate called without an
    active exception"): it left the group while process 0 was still saving, and Python's
    shutdown met a Gloo worker thread still releasing the last collective's tensors."""
    export(load_project(EXAMPLES[3]), "torchrun", tmp_path / "run")
    script = (tmp_path / "run" / "train.py").read_text()
    order = [
        "save_file(weights, args.out)",
        "    dist.barrier()\n",  # every process waits for process 0's save
        "    del ddp_model\n",
        "    dist.destroy_process_group()\n",
        'if __name__ == "__main__":\n    main()\n',
        "    os._exit(0)\n",  # after main(): never inside it, never before the save
    ]
    at = [script.find(piece) for piece in order]
    assert -1 not in at and at == sorted(at), dict(zip(order, at, strict=True))
    assert script.count("os._exit(") == 1 and script.rstrip().endswith("os._exit(0)")


@slow
@pytest.mark.parametrize("path", [p for p in EXAMPLES if p.stem not in FAST], ids=lambda p: p.stem)
def test_torchrun_script_trains_every_example(tmp_path, path):
    _check_training_run(tmp_path, path)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_script_is_ruff_clean_and_data_is_preprocessed(tmp_path, path):
    loaded = load_project(path)
    export(loaded, "torchrun", tmp_path / "run")
    script = (tmp_path / "run" / "train.py").read_text()
    assert_ruff_clean(tmp_path / "run" / "train.py")
    for needed in (
        "DistributedDataParallel(",
        "DistributedSampler(",
        "sampler.set_epoch(epoch)",
        'backend="nccl" if torch.cuda.is_available() else "gloo"',
        'os.environ.get("LOCAL_RANK"',
        "dist.destroy_process_group()",
        "if rank == 0:",
    ):
        assert needed in script
    settings = loaded.project.training
    assert f"EPOCHS = {settings.epochs}" in script
    assert f"SEED = {settings.seed}" in script
    with np.load(tmp_path / "run" / "data.npz", allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    dataset = load_dataset(loaded.project.dataset, path.parent)
    for split in ("train", "val"):  # standardised already; x_<input>_<split> for several inputs
        x = getattr(dataset, f"x_{split}")
        if isinstance(x, tuple):
            for info, array in zip(dataset.info.inputs, x, strict=True):
                np.testing.assert_array_equal(arrays[f"x_{info.name}_{split}"], array)
        else:
            np.testing.assert_array_equal(arrays[f"x_{split}"], x)
    if settings.loss == "cross_entropy":
        assert arrays["y_train"].dtype == np.int64 and arrays["y_train"].ndim == 1
    else:  # bce / regression: float targets in the output's shape
        assert arrays["y_train"].dtype == np.float32 and arrays["y_train"].ndim == 2
    assert ("mean" in arrays) == (dataset.mean is not None)


def test_script_and_data_as_a_py_file_with_npz_beside_it(tmp_path):
    result = export(load_project(EXAMPLES[3]), "torchrun", tmp_path / "fit.py")
    assert result.files == [tmp_path / "fit.py", tmp_path / "fit.npz"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fit.npz", "fit.py"]
    assert 'DATA = Path(__file__).with_name("fit.npz")' in (tmp_path / "fit.py").read_text()


def test_an_earlier_export_is_replaced_but_other_folders_are_not(tmp_path):
    project = load_project(EXAMPLES[3])
    folder = tmp_path / "run"
    export(project, "torchrun", folder)
    (folder / "weights.safetensors").write_bytes(b"from a run")
    export(project, "torchrun", folder)
    assert sorted(p.name for p in folder.iterdir()) == ["data.npz", "train.py"]
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(ExportError, match="holds other files"):
        export(project, "torchrun", folder)
    assert (folder / "notes.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run"]


def test_project_without_dataset_is_refused(tmp_path):
    with pytest.raises(ExportError, match="dataset"):
        export(chain([("Linear", {"out_features": 1})]), "torchrun", tmp_path / "run")
    assert list(tmp_path.iterdir()) == []


SETTINGS = [
    TrainingSettings(optimizer="sgd", lr=0.05, momentum=0.9, nesterov=True, weight_decay=1e-4),
    TrainingSettings(optimizer="adamw", lr=3e-4, weight_decay=0.01, schedule="cosine"),
    TrainingSettings(optimizer="rmsprop", momentum=0.5, schedule="onecycle", loss="huber"),
    TrainingSettings(optimizer="sgd", schedule="onecycle", loss="l1"),
    TrainingSettings(optimizer="adam", schedule="step", step_size=3, gamma=0.5, loss="mse"),
    TrainingSettings(schedule="plateau", gamma=0.2, loss="bce_with_logits"),
]


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: f"{s.optimizer}-{s.schedule}")
def test_generated_training_setup_matches_the_app(settings):
    """Loss, optimizer and schedule in the script are the ones the app's trainer builds."""
    namespace = {"nn": nn, "torch": torch}
    loss = eval(loss_source(settings), namespace)
    want_loss = make_loss(settings.loss)
    assert type(loss) is type(want_loss)
    params = [nn.Parameter(torch.zeros(3))]
    opt = eval(optimizer_source(settings), {**namespace, "parameters": params})
    want_opt = make_optimizer(settings, [nn.Parameter(torch.zeros(3))])
    assert type(opt) is type(want_opt) and opt.defaults == want_opt.defaults
    source, when = scheduler_source(settings)
    epochs, steps = 4, 5
    scope = {**namespace, "optimizer": opt, "epochs": epochs, "steps_per_epoch": steps}
    sched = eval(source, scope)
    want = make_scheduler(dataclasses.replace(settings, epochs=epochs), want_opt, steps)
    assert type(sched) is type(want)
    if want is not None:
        assert _plain(sched.state_dict()) == _plain(want.state_dict())
    assert when == {"none": "never", "step": "epoch", "plateau": "plateau"}.get(
        settings.schedule, "step"
    )


def _plain(state: dict) -> dict:
    return {k: v for k, v in state.items() if not callable(v)}
