"""Small projects for the doctor's tests: MLPs on a built-in dataset, healthy or broken."""

from __future__ import annotations

import dataclasses

import torch

from netbuilder.engine.data.datasets import check_binding
from netbuilder.engine.network.compile import compile_graph
from netbuilder.engine.training.checkpoint import weights_to_bytes
from netbuilder.model import DatasetBinding, Graph, Project, TrainingSettings


def mlp_project(
    hidden: list[int],
    activation: str = "ReLU",
    *,
    dataset: str = "moons",
    n_out: int = 2,
    **training: object,
) -> Project:
    """Input -> (Linear, activation) x len(hidden) -> Linear(n_out) -> Output."""
    g = Graph()
    g.add_node("Input", {}, node_id="input_1")
    prev = "input_1"
    for k, width in enumerate(hidden, start=1):
        g.add_node("Linear", {"out_features": width}, node_id=f"linear_{k}")
        g.connect(prev, f"linear_{k}")
        g.add_node(activation, {}, node_id=f"act_{k}")
        g.connect(f"linear_{k}", f"act_{k}")
        prev = f"act_{k}"
    last = f"linear_{len(hidden) + 1}"
    g.add_node("Linear", {"out_features": n_out}, node_id=last)
    g.connect(prev, last)
    g.add_node("Output", {}, node_id="output_1")
    g.connect(last, "output_1")
    settings = dataclasses.replace(
        TrainingSettings(), loss="cross_entropy", optimizer="adam", lr=0.01, batch_size=32
    )
    settings = dataclasses.replace(settings, **training)
    return Project(
        graph=g, dataset=DatasetBinding(source="builtin", name=dataset), training=settings
    )


def initial_module(project: Project) -> torch.nn.Module:
    """The project's network with the seeded initial weights a run (and the doctor) starts from."""
    assert project.dataset is not None
    info = check_binding(project.dataset)
    torch.manual_seed(project.training.seed)
    return compile_graph(project.graph, info, loss=project.training.loss)


def scaled_weights(project: Project, layer: str, factor: float) -> bytes:
    """The project's seeded initial weights with ``layer``'s weight multiplied by ``factor``."""
    module = initial_module(project)
    with torch.no_grad():
        module.get_submodule(layer).weight.mul_(factor)
    return weights_to_bytes(module)
