"""The doctor's workbench: a project's compiled network, loss, optimizer factory and a small,
seeded sample of its training data, all built by the engine's own training setup.

``prepare`` validates the project and compiles a fresh, seeded network exactly as a run would
start from it (the project and its saved weights are not touched); every check restores the
initial weights before it starts, so the checks do not depend on each other's order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from netbuilder.engine.data.image_stream import ImageFiles
from netbuilder.engine.training.metrics import adapt_targets
from netbuilder.engine.training.session import network_dataset, prepare
from netbuilder.engine.training.setup import make_loss, make_optimizer
from netbuilder.engine.training.telemetry import group_parameters
from netbuilder.model import Project, TrainingSettings
from netbuilder.model.graph import Graph

#: Training samples the doctor reads at most: enough for a loss at init to within a few per
#: cent and for a few hundred range-test batches, small enough to decode in a second.
MAX_SAMPLES = 1024


@dataclass
class Bench:
    graph: Graph
    settings: TrainingSettings
    module: nn.Module
    loss_fn: nn.Module
    task: str
    inputs: tuple[torch.Tensor, ...]  # the sample, on the module's device
    targets: torch.Tensor
    nodes: tuple[str, ...]  # layer paths with trainable parameters, in the module's order
    params: list[nn.Parameter]
    param_node: list[int]
    initial: dict[str, torch.Tensor]
    #: Built from given starting weights (a layer's wrong scale can then be re-initialised).
    from_weights: bool = False

    @property
    def n(self) -> int:
        return int(self.targets.shape[0])

    def reset(self, seed: int = 0) -> None:
        """Initial weights back, train mode, and the RNG seeded (dropout draws the same)."""
        with torch.no_grad():
            for name, t in self.module.state_dict().items():
                t.copy_(self.initial[name])
        self.module.train()
        self.module.zero_grad(set_to_none=True)
        torch.manual_seed(int(self.settings.seed) + seed)

    def batch(self, indices: torch.Tensor) -> tuple[tuple[torch.Tensor, ...], torch.Tensor]:
        return tuple(t[indices] for t in self.inputs), self.targets[indices]

    def optimizer(self, lr: float | None = None) -> torch.optim.Optimizer:
        """The project's optimizer (its kind, momentum, weight decay) over the network."""
        settings = self.settings if lr is None else dataclasses.replace(self.settings, lr=lr)
        return make_optimizer(settings, self.params)

    def batches(self, size: int, seed: int = 0) -> Iterator[torch.Tensor]:
        """Index batches of seeded permutations of the sample, endlessly."""
        gen = torch.Generator().manual_seed(int(self.settings.seed) + seed)
        size = max(1, min(size, self.n))
        while True:
            perm = torch.randperm(self.n, generator=gen).to(self.targets.device)
            for i in range(0, self.n - size + 1, size):
                yield perm[i : i + size]


def build_bench(
    project: Project, base_dir: str | Path | None = None, *, weights: bytes | None = None
) -> Bench:
    """Validate and compile ``project`` (raises NetbuilderError saying what is wrong), from a
    fresh seeded initialisation or from ``weights`` (safetensors bytes)."""
    run = prepare(project, base_dir, telemetry=False, threads=1, weights=weights)
    module = run.module
    device = next((p.device for p in module.parameters()), torch.device("cpu"))
    data = network_dataset(run.dataset, run.input_data)
    x, y = data.split("train")
    n = min(MAX_SAMPLES, len(y))
    pick = np.sort(np.random.default_rng(int(run.settings.seed)).permutation(len(y))[:n])
    inputs = tuple(_tensor(a, pick, device) for a in (x if isinstance(x, (tuple, list)) else (x,)))
    with torch.no_grad():
        module.eval()
        out_shape = tuple(module(*(t[:1] for t in inputs)).shape[1:])
        module.train()
    targets = adapt_targets(torch.as_tensor(np.asarray(y)[pick]), run.trainer.task, out_shape)
    nodes, params, param_node = group_parameters(module)
    initial = {k: v.detach().clone() for k, v in module.state_dict().items()}
    return Bench(
        graph=project.graph,
        settings=run.settings,
        module=module,
        loss_fn=make_loss(run.settings.loss),
        task=run.trainer.task,
        inputs=inputs,
        targets=targets.to(device),
        nodes=nodes,
        params=params,
        param_node=param_node,
        initial=initial,
        from_weights=weights is not None,
    )


def _tensor(a: Any, pick: np.ndarray, device: torch.device) -> torch.Tensor:
    rows = a.decode(pick) if isinstance(a, ImageFiles) else np.asarray(a)[pick]
    return torch.as_tensor(rows).to(device)
