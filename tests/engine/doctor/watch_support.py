"""Runs for the watch's tests: train a project briefly and return the record and findings."""

from __future__ import annotations

import dataclasses

import torch
from sklearn.datasets import load_digits

from netbuilder.engine.doctor.findings import Finding
from netbuilder.engine.doctor.watch import watch
from netbuilder.engine.doctor.watch_record import RunRecord, RunRecorder
from netbuilder.engine.training.checkpoint import weights_to_bytes
from netbuilder.engine.training.session import SessionResult, prepare
from netbuilder.model import DatasetBinding, Project
from tests.engine.doctor.support import initial_module, mlp_project


def train_and_watch(
    project: Project, weights: bytes | None = None, base_dir: object = None, **overrides: object
) -> tuple[SessionResult, RunRecord, list[Finding]]:
    run = prepare(project, base_dir, weights=weights, threads=1, **overrides)  # type: ignore[arg-type]
    recorder = RunRecorder()
    result = run.run(recorder)
    record = recorder.finish(result.train, run.settings.to_dict())
    return result, record, watch(record, project.graph)


def dead_bias_weights(project: Project, layer: str, bias: float = -20.0) -> bytes:
    """The seeded initial weights with ``layer``'s bias set very negative: every unit of the
    ReLU after it outputs 0 for every sample."""
    module = initial_module(project)
    with torch.no_grad():
        module.get_submodule(layer).bias.fill_(bias)
    return weights_to_bytes(module)


def few_digits_project(n: int = 40, epochs: int = 30, **training: object) -> Project:
    """A large MLP (512-512) on ``n`` digits, half of them for validation: it overfits."""
    digits = load_digits()
    project = mlp_project([512, 512], n_out=10, epochs=epochs, lr=0.01, batch_size=16)
    project = dataclasses.replace(
        project, training=dataclasses.replace(project.training, **training)
    )
    inline = {
        "x": (digits.data[:n] / 16).tolist(),
        "y": [[int(v)] for v in digits.target[:n]],
    }
    binding = DatasetBinding(
        source="inline",
        inline=inline,
        val_fraction=0.5,
        test_fraction=0.0,
        options={"task": "classification"},
    )
    return dataclasses.replace(project, dataset=binding)
