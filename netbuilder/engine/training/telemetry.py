"""Per-step training values kept on the device and read back in batches.

Each step appends its loss; the per-parameter gradient norms (``torch._foreach_norm``) are
taken only every ``every``-th step (global steps 1, 1 + every, ...; ``every`` chosen by
measurement so that they take about 1% of the run, see ``NORM_SHARE`` and ``sample_budget``),
on every device, and on a step the host check found non-finite (to name its first layer). The
finite guard checks every step's gradients with one fused kernel and one flag
(``finite_guard``); off the host its on-device count of flagged steps comes back in the flush.
Nothing is read back until ``flush``, which stacks everything buffered since the last flush,
folds per-parameter norms into per-node norms with one matmul, and makes one device-to-host
transfer (with the per-layer statistics sampled since, see ``inside``). The progress objects
the caller receives are defined here too.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
import torch
from torch import nn

from netbuilder.engine.network.compile import GraphModule, layer_of_parameter
from netbuilder.engine.training.inside import InsideSamples, LayerSampler
from netbuilder.engine.training.sample_budget import SampleBudget
from netbuilder.model.i18n import Text, translate

# Per-layer gradient norms, sampled every k >= NORM_FIRST steps, k such that the norms (their
# measured cost: one fused kernel) take at most about NORM_SHARE of the run (``sample_budget``).
NORM_FIRST = 10
NORM_SHARE = 0.01


@dataclass
class EpochResult:
    """One finished epoch. ``val_loss`` is None without a validation split."""

    epoch: int  # 1-based
    train_loss: float
    val_loss: float | None
    val_metrics: dict[str, Any]
    lr: float
    step: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "epoch": self.epoch,
            "train_loss": _json_float(self.train_loss),
            "val_loss": _json_float(self.val_loss),
            "val_metrics": self.val_metrics,
            "lr": self.lr,
            "step": self.step,
            "seconds": round(self.seconds, 4),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EpochResult:
        values: dict[str, Any] = {k: data.get(k) for k in cls.__dataclass_fields__}
        return cls(**values)


@dataclass
class Progress:
    """What the trainer reports at most ~30 times a second.

    ``steps`` and ``train_loss`` hold one entry per optimizer step since the previous report;
    ``grad_norms`` one row per sampled step (every ``grad_every`` steps): ``grad_norms[i, j]``
    is the gradient L2 norm of node ``nodes[j]`` at step ``grad_steps[i]`` (empty columns when
    telemetry is off). A measured interval starts at 10 (steps 1, 11) and may then widen, and
    one gap may be longer while the budget pays for the first samples: ``grad_steps`` (and
    ``inside.steps``) say exactly where values were sampled. ``epoch_result`` is set when an
    epoch ended since the previous report. ``inside`` holds the per-layer statistics sampled every
    ``inside.every`` steps since the previous report (weight norms, update ratios, activation
    mean/std, dead and saturated shares, histograms: see ``engine.training.inside``); None
    when none was sampled or sampling is off.
    """

    epoch: int  # 1-based epoch being trained
    epochs: int
    step: int  # optimizer steps done so far
    total_steps: int
    steps: np.ndarray
    train_loss: np.ndarray
    grad_norms: np.ndarray
    nodes: tuple[str, ...]
    weight_norms: dict[str, float]
    lr: float
    steps_per_s: float  # smoothed over about the last second of training
    epoch_result: EpochResult | None = None
    inside: InsideSamples | None = None
    grad_steps: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    grad_every: int = 1


@dataclass
class FlushedValues:
    steps: np.ndarray
    losses: np.ndarray
    grad_norms: np.ndarray  # [rows, n_nodes]: one row per sampled step
    weight_norms: np.ndarray  # [n_nodes]
    inside: InsideSamples | None = None
    grad_steps: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    grad_every: int = 1
    # Off the host: how many of the last steps ran with the finite guard's device flag set
    # (the first of them is the first non-finite step); 0 on the host.
    flagged: int = 0

    def series(self) -> dict[str, Any]:
        """The per-step fields of a ``Progress``."""
        return {
            "steps": self.steps,
            "train_loss": self.losses,
            "grad_norms": self.grad_norms,
            "grad_steps": self.grad_steps,
            "grad_every": self.grad_every,
        }


@dataclass
class NonFinite:
    """Where a run first went non-finite."""

    step: int  # 1-based optimizer step
    epoch: int
    node: str | None
    loss_finite: bool
    detail: str = ""

    def message(self) -> str:
        what = (
            translate("Training", "the gradients")
            if self.loss_finite
            else translate("Training", "the loss")
        )
        where: str = ""
        if self.node and self.detail:
            where = translate("Training", "; the first layer affected was {node} ({detail})")
        elif self.node:
            where = translate("Training", "; the first layer affected was {node}")
        if isinstance(where, Text):
            where = where.format(node=repr(self.node), detail=self.detail)
        return translate(
            "Training",
            "Training stopped: {what} became non-finite (NaN or infinity) at step {step} "
            "(epoch {epoch}){where}. The last finite weights were kept; try a lower learning "
            "rate, gradient clipping, or check the data for NaN values.",
        ).format(what=what, step=self.step, epoch=self.epoch, where=where)


def group_parameters(
    module: nn.Module, node_params: dict[str, Sequence[str]] | None = None
) -> tuple[tuple[str, ...], list[nn.Parameter], list[int]]:
    """(nodes, trainable params, node index of each param).

    Without ``node_params`` a parameter belongs to its layer path (``compile_graph`` names
    submodules by node id, so ``<node_id>.weight`` is the node's; inside a block use,
    ``res_block_1.c2.weight`` is ``res_block_1.c2``'s, see ``layer_of_parameter``).
    """
    named = [(n, p) for n, p in module.named_parameters() if p.requires_grad]
    owner: dict[str, str] = {}
    if node_params:
        for node, names in node_params.items():
            for name in names:
                owner[name] = node
    nodes: list[str] = []
    params: list[nn.Parameter] = []
    index: list[int] = []
    for name, p in named:
        node = owner.get(name) or layer_of_parameter(name, module)
        if node not in nodes:
            nodes.append(node)
        params.append(p)
        index.append(nodes.index(node))
    return tuple(nodes), params, index


class GradTelemetry:
    """Buffers per-step losses and sampled per-parameter gradient norms on the device.

    A step appends its loss to a list (a list append costs ~0.1 us); a sampled step appends its
    fused norms too, and the flush stacks them once. ``every=None``: chosen by measurement.
    """

    def __init__(
        self,
        nodes: tuple[str, ...],
        params: list[nn.Parameter],
        param_node: list[int],
        *,
        enabled: bool = True,
        every: int | None = None,
    ) -> None:
        self.nodes = nodes
        self.params = params
        self.enabled = enabled and bool(params)
        device = params[0].device if params else torch.device("cpu")
        assign = torch.zeros(len(params), len(nodes), dtype=torch.float32)
        for i, j in enumerate(param_node):
            assign[i, j] = 1.0
        self._assign = assign.to(device)
        self._losses: list[torch.Tensor] = []
        self._norms: list[torch.Tensor] = []
        self._norm_steps: list[int] = []
        self.budget = SampleBudget(every, share=NORM_SHARE, first=NORM_FIRST, whole=False)
        self.first_step = 1  # global step number of the first buffered value
        self.sampler: LayerSampler | None = None  # sampled per-layer statistics, if any
        # Off the host, the finite guard's on-device count of flagged steps (read and zeroed
        # by the flush).
        self.flagged: torch.Tensor | None = None

    @property
    def auto(self) -> bool:
        """Whether ``every`` is chosen by measurement."""
        return self.budget.auto

    @property
    def every(self) -> int:
        """The interval of the gradient norms, in steps."""
        return self.budget.every

    def __len__(self) -> int:
        return len(self._losses)

    def begin(self, first_step: int) -> None:
        """A run (or its continuation) starts at global step ``first_step``."""
        self.first_step = first_step
        self.budget.begin(first_step)
        if self.sampler is not None:
            self.sampler.budget.begin(first_step)

    def record(self, loss: torch.Tensor, step: int) -> tuple[torch.Tensor, ...] | None:
        """Buffer the loss of the step after ``step`` steps done; on a sampled step its
        gradient norms too, which are returned."""
        self._losses.append(loss.detach())
        if not self.enabled or not self.budget.due(step + 1):
            return None
        t0 = time.thread_time()
        norms = self._sample(step + 1)
        self.budget.sampled(step + 1, time.thread_time() - t0)
        return norms

    def record_failed(self, step: int) -> None:
        """The step after ``step`` steps done went non-finite: its norms name the layer."""
        if self.enabled and (not self._norm_steps or self._norm_steps[-1] != step + 1):
            self._sample(step + 1)

    def _sample(self, global_step: int) -> tuple[torch.Tensor, ...]:
        grads = [p.grad for p in self.params]
        # Not ``None in grads``: that calls Tensor.__eq__ on each gradient (~100 us a step).
        if any(g is None for g in grads):
            grads = [
                g if g is not None else torch.zeros_like(p)
                for g, p in zip(grads, self.params, strict=True)
            ]
        norms = torch._foreach_norm(cast("list[torch.Tensor]", grads))  # no None left
        self._norms.extend(norms)
        self._norm_steps.append(global_step)
        return norms

    def flush(self) -> FlushedValues:
        """Everything buffered since the last flush, in one device-to-host transfer."""
        k = len(self._losses)
        n_nodes = len(self.nodes)
        steps = np.arange(self.first_step, self.first_step + k, dtype=np.int64)
        self.first_step += k
        flagged = self.flagged
        if not self.params:
            parts = [torch.stack(self._losses).float().reshape(k)] if k else []
            if flagged is not None:
                parts.append(flagged.reshape(1).to(parts[0].device if parts else flagged.device))
            host0 = torch.cat(parts).cpu().numpy() if parts else np.zeros(0)
            self._losses.clear()
            if flagged is not None:
                flagged.zero_()
            count = int(host0[k]) if flagged is not None else 0
            return FlushedValues(steps, host0[:k], np.zeros((k, 0)), np.zeros(0), flagged=count)
        with torch.no_grad():
            weights = torch._foreach_norm([p.detach() for p in self.params])
            w_nodes = (torch.stack(weights).float().pow(2) @ self._assign).sqrt()
            parts = [w_nodes]
            if k:
                parts.append(torch.stack(self._losses).float().reshape(k))
            rows = len(self._norm_steps)
            if rows:
                per_param = torch.stack(self._norms).float().reshape(rows, len(self.params))
                per_node = (per_param.pow(2) @ self._assign).sqrt()
                parts.append(per_node.reshape(-1))
            sampler = self.sampler if self.sampler is not None and len(self.sampler) else None
            t0 = time.thread_time()
            if sampler is not None:
                parts.append(sampler.take().to(w_nodes.device))
            t_take = time.thread_time() - t0
            if flagged is not None:
                parts.append(flagged.reshape(1).to(w_nodes.device))
            host = torch.cat(parts).cpu().numpy().astype(np.float64)
            if flagged is not None:
                flagged.zero_()
        count = int(host[-1]) if flagged is not None else 0
        grad_steps = np.asarray(self._norm_steps, dtype=np.int64)
        self._losses.clear()
        self._norms.clear()
        self._norm_steps.clear()
        end = n_nodes + k + rows * n_nodes
        inside = None
        if sampler is not None:  # the samples' own share of the flush, charged to them
            t0 = time.thread_time()
            inside = sampler.unpack(host[end : len(host) - (flagged is not None)])
            sampler.budget.charge(t_take + time.thread_time() - t0)
        weight_norms = host[:n_nodes]
        losses = host[n_nodes : n_nodes + k]
        grad_norms = host[n_nodes + k : end].reshape(rows, n_nodes if self.enabled else 0)
        return FlushedValues(
            steps, losses, grad_norms, weight_norms, inside, grad_steps, self.every, count
        )

    def end_sample(self, failed_step: int | None = None) -> None:
        """Drop a sampled step in progress (its update was not applied, or it failed); with
        ``failed_step`` (steps done before the step that went non-finite) keep that step's
        gradient norms, which name the layer."""
        if failed_step is not None:
            self.record_failed(failed_step)
        if self.sampler is not None:
            self.sampler.cancel()

    def discard(self) -> None:
        self._losses.clear()
        self._norms.clear()
        self._norm_steps.clear()
        if self.sampler is not None:
            self.sampler.discard()


def first_non_finite(values: FlushedValues, nodes: tuple[str, ...]) -> tuple[int, str | None, bool]:
    """(row, node, loss_finite) of the first step with a non-finite loss or gradient.

    row is -1 if there is none.
    """
    bad = ~np.isfinite(values.losses)
    if 0 < values.flagged <= len(bad):  # off the host: the device flag's first step
        bad[len(bad) - values.flagged] = True
    grads, grad_steps = values.grad_norms, values.grad_steps
    if grads.shape[1] and len(grads) and len(values.steps):
        bad_rows = grad_steps[~np.isfinite(grads).all(axis=1)] - int(values.steps[0])
        bad[bad_rows[(bad_rows >= 0) & (bad_rows < len(bad))]] = True
    rows = np.flatnonzero(bad)
    if rows.size == 0:
        return -1, None, True
    row = int(rows[0])
    node = None
    match = np.flatnonzero(grad_steps == values.steps[row])
    if grads.shape[1] and len(match):
        cols = np.flatnonzero(~np.isfinite(grads[int(match[0])]))
        if cols.size:
            node = nodes[int(cols[0])]
    return row, node, bool(np.isfinite(values.losses[row]))


def first_non_finite_output(module: nn.Module, inputs: tuple[torch.Tensor, ...]) -> str | None:
    """The first layer (in execution order; a layer path inside block uses) whose forward
    output is non-finite, if any."""
    found: list[str] = []
    handles = []

    def make_hook(name: str) -> Callable[[nn.Module, tuple[Any, ...], Any], None]:
        def hook(_mod: nn.Module, _inp: tuple[Any, ...], out: Any) -> None:
            if not found and isinstance(out, torch.Tensor) and out.is_floating_point():
                if not bool(torch.isfinite(out).all()):
                    found.append(name)

        return hook

    layers = module.layers() if isinstance(module, GraphModule) else module.named_children()
    for name, mod in layers:
        handles.append(mod.register_forward_hook(make_hook(name)))
    was_training = module.training
    try:
        module.eval()
        with torch.no_grad():
            module(*inputs)
    except Exception:  # noqa: BLE001 - a diagnostic only; the run already failed
        pass
    finally:
        for h in handles:
            h.remove()
        module.train(was_training)
    return found[0] if found else None


def _json_float(x: float | None) -> float | None:
    if x is None:
        return None
    return float(x) if math.isfinite(x) else None


__all__ = [
    "EpochResult",
    "FlushedValues",
    "GradTelemetry",
    "NonFinite",
    "Progress",
    "first_non_finite",
    "first_non_finite_output",
    "group_parameters",
]
