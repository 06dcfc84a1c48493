"""What every corpus case builds on: the case record, a small valid project and its bindings."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from typing import Any

SEED = 12


@dataclass(frozen=True)
class Case:
    name: str
    file: str  # relative to the corpus folder
    resume: bool = False  # train with --resume: the checkpoint is what is damaged


def base_project(dataset: dict[str, Any] | None = None) -> dict[str, Any]:
    """A small valid project: 4 features -> Linear(8) -> ReLU -> Linear(3), on ``data.npz``."""
    nodes = [
        ("input_1", "Input", {"shape": [4], "dtype": "float32"}),
        ("linear_1", "Linear", {"out_features": 8, "bias": True}),
        ("relu_1", "ReLU", {}),
        ("linear_2", "Linear", {"out_features": 3, "bias": True}),
        ("output_1", "Output", {}),
    ]
    return {
        "format": "netbuilder-project",
        "format_version": "1.0",
        "app_version": "0.1.0",
        "name": "fuzz base",
        "notes": "",
        "graph": {
            "nodes": [
                {"id": i, "type": t, "params": p, "pos": [k * 200.0, 0.0]}
                for k, (i, t, p) in enumerate(nodes)
            ],
            "edges": [{"src": a[0], "dst": b[0], "port": 0} for a, b in itertools.pairwise(nodes)],
        },
        "dataset": dataset or npz_binding("data.npz"),
        "training": {
            "loss": "cross_entropy",
            "optimizer": "adam",
            "lr": 0.01,
            "batch_size": 16,
            "epochs": 1,
            "device": "cpu",
            "seed": 0,
        },
        "view": {},
    }


def npz_binding(path: str) -> dict[str, Any]:
    return {"source": "npz", "path": path, "options": {}, "val_fraction": 0.2, "test_fraction": 0.0}


def csv_binding(path: str, target: Any = "label") -> dict[str, Any]:
    return {
        "source": "csv",
        "path": path,
        "options": {"target": target},
        "val_fraction": 0.2,
        "test_fraction": 0.0,
    }


def flip(data: bytes, rng: random.Random) -> bytes:
    """``data`` with one bit flipped, at a place ``rng`` picks."""
    out = bytearray(data)
    at = rng.randrange(len(out))
    out[at] ^= 1 << rng.randrange(8)
    return bytes(out)
