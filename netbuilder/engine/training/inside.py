"""Inside the network, sampled: per-layer statistics every ``every``-th optimizer step.

On a sampled step (global steps 1, 1 + every, 1 + 2 * every, ...) forward hooks, registered for
that step only, keep a reference to each layer's output; after the update the sampler computes,
on the device and with no host sync:

- per layer with parameters (the telemetry's nodes): the weight norm before the update and the
  update-to-weight ratio ``||w_after - w_before|| / ||w_before||`` (healthy runs sit near 1e-3);
- per layer (``GraphModule.layers()`` paths, or the module's children): output mean and std
  (population std over every element of the batch); for ReLU-like layers (ReLU, ReLU6) the
  share of dead units, a unit (a feature of a 2-d output, a channel, dim 1, of a larger one)
  being dead when its output is exactly 0 for every sample and position of the batch; for
  sigmoid-like layers (Sigmoid, Hardsigmoid) and Tanh the share of saturated output values:
  ``y < SIGMOID_LOW`` or ``y > 1 - SIGMOID_LOW`` for sigmoids, ``|y| > TANH_HIGH`` for Tanh;
- histograms of ``HIST_BINS`` equal bins of each layer's weights (all its parameters, before
  the update), gradients (after clipping, as applied) and outputs over a range stated per
  sample and layer: ``[-r, r]``, ``r`` the largest magnitude counted. Histograms count an
  evenly strided subsample of each tensor (at most about ``HIST_SAMPLE`` values); norms,
  ratios, mean, std and the shares are exact. (The segment ids of a new set of output sizes
  are built once on the host and copied over; they are cached.)

Each sample is one flat device tensor; the telemetry's flush reads every pending sample back in
its single device-to-host transfer, and ``unpack`` turns them into ``InsideSamples``. A sample
costs about half a plain step of the benchmark's CNN and one and a half of its MLP (a few dozen
small ops); by default its whole cost is measured (``sample_budget``: the sampled step against
plain ones, and the read-back) and ``every`` chosen so that sampling takes at most about 1% of
the run (see ``AUTO_SHARE``); ``every`` is carried in the data, so a plot can say how values
were sampled, and ``steps`` says where.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import torch
from torch import nn

from netbuilder.engine.network.compile import GraphModule
from netbuilder.engine.training.sample_budget import SampleBudget

# Chosen by measurement (``every=None``, see ``sample_budget``): every k >= AUTO_FIRST steps,
# k such that sampling, counted whole (the sampled step's time less a plain step's, and the
# read-back at the flush), takes at most about AUTO_SHARE of the run's time. A CNN sample (the
# benchmark's, 64 images of 8x8) cost ~0.5 plain steps, an MLP's ~1.5 (on one CPU thread).
AUTO_FIRST = 10
AUTO_SHARE = 0.01
HIST_BINS = 32
# Histograms see at most about this many values of each tensor: 32 bins hold ~32 values each
# on average. 4096 made the histograms ~60% of a CNN sample's cost (64x16x8x8 outputs).
HIST_SAMPLE = 1024
SIGMOID_LOW = 0.01  # a sigmoid output below this or above 1 - this is saturated
TANH_HIGH = 0.99  # a tanh output beyond +-this is saturated
DEAD_KINDS: tuple[type[nn.Module], ...] = (nn.ReLU, nn.ReLU6)
SIGMOID_KINDS: tuple[type[nn.Module], ...] = (nn.Sigmoid, nn.Hardsigmoid)


@dataclass
class InsideSamples:
    """Sampled per-layer statistics; row ``i`` of every array belongs to ``steps[i]``.

    Columns follow ``nodes`` (layers with parameters, as ``Progress.nodes``) or ``layers``
    (every layer). ``dead`` is NaN for layers that are not ReLU-like, ``saturated`` for layers
    that are not sigmoid or tanh. ``*_hist[i, j]`` counts values in ``HIST_BINS`` equal bins
    over ``[-*_range[i, j], *_range[i, j]]``.
    """

    every: int  # sampled every this many steps
    steps: np.ndarray  # [m]
    nodes: tuple[str, ...]
    layers: tuple[str, ...]
    weight_norm: np.ndarray  # [m, nodes]
    update_ratio: np.ndarray  # [m, nodes]
    act_mean: np.ndarray  # [m, layers]
    act_std: np.ndarray  # [m, layers]
    dead: np.ndarray  # [m, layers]
    saturated: np.ndarray  # [m, layers]
    weight_range: np.ndarray  # [m, nodes]
    grad_range: np.ndarray  # [m, nodes]
    act_range: np.ndarray  # [m, layers]
    weight_hist: np.ndarray  # [m, nodes, HIST_BINS]
    grad_hist: np.ndarray  # [m, nodes, HIST_BINS]
    act_hist: np.ndarray  # [m, layers, HIST_BINS]

    def __len__(self) -> int:
        return len(self.steps)

    def rows(self, keep: np.ndarray | slice) -> InsideSamples:
        """The samples at ``keep`` (an index, mask or slice of rows)."""
        values: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            values[f.name] = v[keep] if isinstance(v, np.ndarray) else v
        return InsideSamples(**values)


_ARRAYS = [f.name for f in fields(InsideSamples) if f.name not in ("every", "nodes", "layers")]


class InsideHistory:
    """A bounded history of samples for drawing over time: when it holds more than ``cap``
    samples it keeps every other one, so it always spans the whole run (``stride``: how many
    samples each kept one stands for). ``add`` costs only its own samples (it runs at every
    flush); the arrays are joined when ``samples`` is read."""

    def __init__(self, cap: int = 256) -> None:
        self.cap = cap
        self.stride = 1
        self._parts: list[InsideSamples] = []
        self._count = 0
        self._skip = 0  # samples to skip before the next one kept at the current stride

    def add(self, new: InsideSamples) -> None:
        take = np.arange(self._skip, len(new), self.stride)
        self._skip = (self._skip - len(new)) % self.stride
        if take.size:
            self._parts.append(new.rows(take))
            self._count += int(take.size)
        if self._count > 2 * self.cap:
            self._join()

    @property
    def samples(self) -> InsideSamples | None:
        """Every kept sample, oldest first (None before the first)."""
        self._join()
        return self._parts[0] if self._parts else None

    def _join(self) -> None:
        if len(self._parts) > 1:
            last = self._parts[-1]
            joined = {n: np.concatenate([getattr(p, n) for p in self._parts]) for n in _ARRAYS}
            self._parts = [
                InsideSamples(last.every, nodes=last.nodes, layers=last.layers, **joined)
            ]
        while self._count > self.cap:
            self._parts = [self._parts[0].rows(slice(0, None, 2))]
            self._count = len(self._parts[0])
            self.stride *= 2
            self._skip = 0


class LayerSampler:
    """Computes the sampled statistics of one training step on the device."""

    def __init__(
        self,
        module: nn.Module,
        nodes: tuple[str, ...],
        params: Sequence[nn.Parameter],
        param_node: Sequence[int],
        *,
        every: int | None = None,
    ) -> None:
        self.budget = SampleBudget(every, share=AUTO_SHARE, first=AUTO_FIRST, whole=True)
        self._own = 0.0  # seconds the sampler's own code took in the current sample
        self.nodes = nodes
        self.params = list(params)
        layers = module.layers() if isinstance(module, GraphModule) else module.named_children()
        self._layers = [(name, mod) for name, mod in layers]
        self.layers = tuple(name for name, _ in self._layers)
        device = self.params[0].device if self.params else torch.device("cpu")
        self._device = device
        assign = torch.zeros(len(self.params), len(nodes), dtype=torch.float32)
        for i, j in enumerate(param_node):
            assign[i, j] = 1.0
        self._assign = assign.to(device)
        # Histograms see an evenly strided subsample of each tensor (at most HIST_SAMPLE values).
        self._strides = [_stride(q.numel()) for q in self.params]
        self._param_seg = _segment_ids(
            [
                len(range(0, q.numel(), st))
                for q, st in zip(self.params, self._strides, strict=True)
            ],
            list(param_node),
            device,
        )
        self._prev: list[torch.Tensor] | None = None  # the weights before the update
        self._seg_cache: dict[tuple[int, ...], torch.Tensor] = {}
        self._handles: list[Any] = []
        self._outs: list[torch.Tensor | None] = []
        self._grad_sub: torch.Tensor | None = None
        self._pending: list[torch.Tensor] = []
        self._steps: list[int] = []
        self.hook_calls = 0  # forward hooks run (tests count them)

    @property
    def auto(self) -> bool:
        """Whether ``every`` is chosen by measurement."""
        return self.budget.auto

    @property
    def every(self) -> int:
        """The sampling interval, in steps (measured ones may still change it)."""
        return self.budget.every

    def due(self, step: int) -> bool:
        """Whether the step after ``step`` steps done is sampled; called at the start of every
        step (the budget times plain steps)."""
        return self.budget.due(step + 1)

    # --- one sampled step -----------------------------------------------------------------

    def start(self) -> None:
        """Before the forward pass of a sampled step: keep each layer's output."""
        t0 = time.thread_time()
        self._outs = [None] * len(self._layers)
        for i, (_name, mod) in enumerate(self._layers):
            self._handles.append(mod.register_forward_hook(self._hook(i)))
        self._own = time.thread_time() - t0

    def _hook(self, i: int) -> Any:
        def hook(_mod: nn.Module, _inp: Any, out: Any) -> None:
            self.hook_calls += 1
            if isinstance(out, torch.Tensor) and out.is_floating_point():
                self._outs[i] = out.detach()

        return hook

    def before_update(self) -> None:
        """After the backward pass, before the optimizer step: weights and gradients."""
        t0 = time.thread_time()
        self._remove_hooks()
        with torch.no_grad():
            weights = [q.detach() for q in self.params]
            if self._prev is None:
                self._prev = [w.clone() for w in weights]
            else:
                torch._foreach_copy_(self._prev, weights)
            grads = [q.grad if q.grad is not None else torch.zeros_like(q) for q in self.params]
            self._grad_sub = _subsample(grads, self._strides)
        self._own += time.thread_time() - t0

    def after_update(self, step: int) -> None:
        """After the optimizer step of global step ``step`` (1-based): compute the sample."""
        if self._grad_sub is None or self._prev is None:
            return
        t0 = time.thread_time()
        with torch.no_grad():
            self._pending.append(self._sample(self._prev, self._grad_sub))
        self._steps.append(step)
        self._grad_sub = None
        self._outs = []
        self.budget.sampled(step, self._own + time.thread_time() - t0)

    def cancel(self) -> None:
        """A sampled step that was not applied (non-finite): drop what it kept."""
        self._remove_hooks()
        self._grad_sub = None
        self._outs = []

    def _remove_hooks(self) -> None:
        for h in self._handles:
            h.remove()
        self._handles.clear()

    def _sample(self, prev: list[torch.Tensor], grad_sub: torch.Tensor) -> torch.Tensor:
        """One flat tensor: ``[w_norm P, ratio P, mean L, std L, dead L, saturated L,
        ranges (weights P, grads P, outputs L), histograms (the same rows) x HIST_BINS]``.

        Norms are exact (fused over the parameters); the three kinds of histogram are one
        histogram over subsamples of weights, gradients and outputs together (a step of a
        small model is bound by the number of ops, not their size)."""
        p, n, device = len(self.nodes), len(self._layers), self._device
        delta = torch._foreach_sub([q.detach() for q in self.params], prev)
        norms = torch.stack([*torch._foreach_norm(prev), *torch._foreach_norm(delta)]).float()
        per_node = (norms.reshape(2, -1).square() @ self._assign).sqrt()
        w_norm = per_node[0]
        ratio = per_node[1] / w_norm.clamp_min(1e-30)
        outs = [o if o is not None else torch.zeros(0, device=device) for o in self._outs]
        outs += [torch.zeros(0, device=device)] * (n - len(outs))
        nan = torch.full((), float("nan"), device=device)
        stats = []
        for (_name, mod), out in zip(self._layers, outs, strict=True):
            has = out.numel() > 0
            std, mean = _std_mean(out) if has else (nan, nan)
            dead = _dead_share(out) if has and isinstance(mod, DEAD_KINDS) else nan
            if has and isinstance(mod, SIGMOID_KINDS):
                sat = ((out - 0.5).abs() > 0.5 - SIGMOID_LOW).float().mean()
            elif has and isinstance(mod, nn.Tanh):
                sat = (out.abs() > TANH_HIGH).float().mean()
            else:
                sat = nan
            stats += [mean, std, dead, sat]
        strides = [_stride(o.numel()) for o in outs]
        act_sub = _subsample(outs, strides) if outs else torch.zeros(0, device=device)
        sizes = tuple(len(range(0, o.numel(), st)) for o, st in zip(outs, strides, strict=True))
        seg = self._seg_cache.get(sizes)
        if seg is None:
            layer_seg = _segment_ids(list(sizes), list(range(n)), device)
            seg = torch.cat([self._param_seg, self._param_seg + p, layer_seg + 2 * p])
            if len(self._seg_cache) > 8:
                self._seg_cache.clear()
            self._seg_cache[sizes] = seg
        w_sub = _subsample(prev, self._strides)
        hist, rng = _seg_hist(torch.cat([w_sub.float(), grad_sub.float(), act_sub]), seg, 2 * p + n)
        by_layer = (
            torch.stack(stats).float().reshape(n, 4).T.reshape(-1) if n else nan.reshape(1)[:0]
        )
        return torch.cat([w_norm, ratio, by_layer, rng, hist.reshape(-1)])

    # --- read-back ------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._pending)

    def take(self) -> torch.Tensor:
        """Every pending sample as one flat tensor (then none is pending)."""
        out = torch.cat(self._pending) if self._pending else torch.zeros(0)
        self._pending = []
        return out

    def unpack(self, host: np.ndarray) -> InsideSamples:
        """``InsideSamples`` from what ``take`` gave, read back to the host."""
        steps = np.asarray(self._steps, dtype=np.int64)
        self._steps = []
        m, p, n, b = len(steps), len(self.nodes), len(self.layers), HIST_BINS
        rows = host.reshape(m, -1)
        cuts = [p, p, n, n, n, n, p, p, n, p * b, p * b]
        pieces = np.split(rows, np.cumsum(cuts), axis=1)
        w_norm, ratio, mean, std, dead, sat, w_rng, g_rng, a_rng, w_hist, g_hist, a_hist = pieces
        return InsideSamples(
            every=self.every,
            steps=steps,
            nodes=self.nodes,
            layers=self.layers,
            weight_norm=w_norm,
            update_ratio=ratio,
            act_mean=mean,
            act_std=std,
            dead=dead,
            saturated=sat,
            weight_range=w_rng,
            grad_range=g_rng,
            act_range=a_rng,
            weight_hist=w_hist.reshape(m, p, b),
            grad_hist=g_hist.reshape(m, p, b),
            act_hist=a_hist.reshape(m, n, b),
        )

    def discard(self) -> None:
        self.cancel()
        self._pending = []
        self._steps = []


def _stride(numel: int) -> int:
    """An odd stride that keeps at most about HIST_SAMPLE of ``numel`` values (odd: tensor
    dimensions are often powers of two, and an even stride would see only some of them)."""
    stride = max(1, -(-numel // HIST_SAMPLE))
    return stride if stride == 1 or stride % 2 else stride + 1


def _subsample(tensors: list[torch.Tensor], strides: list[int]) -> torch.Tensor:
    return torch.cat([t.reshape(-1)[::st] for t, st in zip(tensors, strides, strict=True)])


def _segment_ids(sizes: list[int], ids: list[int], device: torch.device) -> torch.Tensor:
    counts = torch.tensor(sizes, dtype=torch.long)
    return torch.repeat_interleave(torch.tensor(ids, dtype=torch.long), counts).to(device)


def _seg_hist(x: torch.Tensor, seg: torch.Tensor, n: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Per segment: ``HIST_BINS`` counts over ``[-r, r]`` and ``r``, the largest magnitude.

    Nine element-wise ops (one ``addcmul`` for the bin position, one ``bincount`` for the
    counts); thirteen before, with ``index_add_`` of a tensor of ones."""
    x = torch.nan_to_num(x, nan=0.0, posinf=0.0, neginf=0.0)
    r = torch.zeros(n, dtype=x.dtype, device=x.device).scatter_reduce_(0, seg, x.abs(), "amax")
    half = HIST_BINS / 2
    pos = torch.addcmul(torch.full((), half, dtype=x.dtype, device=x.device), x,
                        (half / r.clamp_min(1e-30))[seg])  # fmt: skip
    idx = pos.clamp_(0, HIST_BINS - 1).long() + seg * HIST_BINS  # truncation: floor, as pos >= 0
    counts = torch.bincount(idx, minlength=n * HIST_BINS).to(x.dtype)
    return counts.reshape(n, HIST_BINS), r


def _std_mean(out: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Population std and mean over every element, in two passes (the mean, then the norm of
    the deviations): ``torch.std_mean`` gave the same values but took 680 us on a 64x16x8x8
    output on one CPU thread, against 42 us for this (PyTorch 2.13)."""
    x = out.float()
    mean = x.mean()
    return torch.linalg.vector_norm(x - mean) / math.sqrt(x.numel()), mean


def _dead_share(out: torch.Tensor) -> torch.Tensor:
    """Share of units (features of a 2-d output, channels of a larger one) that are exactly 0
    for every sample and position. The layers judged (``DEAD_KINDS``) never output a negative
    value, so a unit is dead when its largest output is 0 (one ``amax`` over the batch and
    positions: 12 us on a 64x16x8x8 output, against 230 us for ``ne(0).any(...)``; a NaN output
    counts as alive either way)."""
    if out.dim() >= 2:
        largest = out.amax(dim=[0, *range(2, out.dim())])  # one value per unit
    else:
        largest = out.amax().reshape(1)
    return (largest == 0).float().mean()


__all__ = [
    "AUTO_FIRST",
    "AUTO_SHARE",
    "HIST_BINS",
    "SIGMOID_LOW",
    "TANH_HIGH",
    "InsideHistory",
    "InsideSamples",
    "LayerSampler",
]
