"""Shared builders for the project-file tests: a realistic project and document editing."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from netbuilder.io import project_to_dict
from netbuilder.model import DatasetBinding, Graph, Project, TrainingSettings


def build_branchy_project() -> Project:
    """Input -> Linear -> ReLU -> two branches -> Add -> Concat(with a skip) -> head -> Output."""
    g = Graph()
    g.add_node("Input", {"shape": [64]}, (0, 0), node_id="inp")
    g.add_node("Linear", {"out_features": 128}, (120, 0), node_id="fc1", name="trunk")
    g.add_node("ReLU", None, (240, 0), node_id="act1")
    g.add_node("Linear", {"out_features": 64, "bias": False}, (360, -60), node_id="left")
    g.add_node("Linear", {"out_features": 64}, (360, 60), node_id="right")
    g.add_node("Add", None, (480, 0), node_id="add")
    g.add_node("Concat", {"dim": 1}, (600, 0), node_id="cat")
    g.add_node("Dropout", {"p": 0.25}, (720, 0), node_id="drop")
    g.add_node("LayerNorm", {"eps": 1.5e-7}, (780, 0), node_id="norm")
    g.add_node("Linear", {"out_features": 10}, (840, 0), node_id="head")
    g.add_node("Output", None, (960, 0.125), node_id="out_1")
    for src, dst, port in [
        ("inp", "fc1", 0),
        ("fc1", "act1", 0),
        ("act1", "left", 0),
        ("act1", "right", 0),
        ("left", "add", 0),
        ("right", "add", 1),
        ("add", "cat", 0),
        ("act1", "cat", 1),
        ("cat", "drop", 0),
        ("drop", "norm", 0),
        ("norm", "head", 0),
        ("head", "out_1", 0),
    ]:
        g.connect(src, dst, port)
    return Project(
        graph=g,
        dataset=DatasetBinding(source="builtin", name="digits", val_fraction=0.2, split_seed=7),
        training=TrainingSettings(lr=3e-4, epochs=5, batch_size=32, optimizer="adamw"),
        name="Branchy digits",
        notes="Two branches, a skip connection.\nÜnïcode too: 日本",
        view={"zoom": 1.25, "center": [10.5, -3.0], "selected": ["fc1"]},
    )


@pytest.fixture
def project() -> Project:
    return build_branchy_project()


@pytest.fixture
def document() -> dict[str, Any]:
    """A valid current-format document (fresh copy per test)."""
    return copy.deepcopy(project_to_dict(build_branchy_project()))
