"""The watch's per-layer rules: gradients, dead and saturated units, the update ratio.

Each rule reads the later part of the run (``LATE_SHARE`` of its rows: the state the run is in,
not how it started) and takes the median there, so one noisy batch neither raises nor hides a
finding. "Since" is the step after which the value never went back over the line.
"""

from __future__ import annotations

import math

import numpy as np

from netbuilder.engine.doctor.findings import Finding, Remedy
from netbuilder.engine.doctor.watch_record import RunRecord
from netbuilder.model import Graph
from netbuilder.model.i18n import translate

#: Layer types that squash their input and pass back at most a quarter (sigmoid) or all (tanh)
#: of the gradient, less once saturated: a vanishing gradient's usual cause.
SQUASHING = ("Sigmoid", "Tanh")

#: The rules judge the last half of the rows of a run (its state, not its start).
LATE_SHARE = 0.5
#: A layer whose gradient norm stays below this share of the largest layer's is vanishing: it
#: learns a thousand times slower (the pre-run check uses the same line).
VANISHING_RATIO = 1e-3
#: A layer whose gradient norm ends more than this many times larger than at the start of the
#: run is exploding (healthy runs stay within 10x; their gradients mostly shrink).
EXPLODING_GROWTH = 100.0
#: A ReLU layer with more than this share of units that output zero for every sample of a batch
#: has lost most of its units: a dead unit gets no gradient and never comes back. (Counted per
#: batch, a unit silent on one batch may fire on another: the bundled residual MLP, which trains
#: well, sits near 0.55 in one layer; a layer killed by its bias or the learning rate, near 1.)
DEAD_SHARE = 0.75
#: A sigmoid or tanh layer with more than this share of outputs within 0.01 of its limits is
#: saturated: it passes back almost no gradient.
SATURATED_SHARE = 0.5
#: Healthy runs update each layer's weights by about 1e-3 of their norm a step; more than 100x
#: off that (below UPDATE_LOW or above UPDATE_HIGH) the layer barely learns or thrashes.
UPDATE_LOW = 1e-5
UPDATE_HIGH = 1e-1


def _late(n: int) -> slice:
    return slice(min(n - 1, int(n * (1 - LATE_SHARE))), n) if n else slice(0, 0)


def _since(steps: np.ndarray, bad: np.ndarray) -> int:
    """The first step of the final stretch of ``bad`` rows."""
    good = np.flatnonzero(~bad)
    first = int(good[-1]) + 1 if good.size else 0
    return int(steps[min(first, len(steps) - 1)])


def gradient_rules(record: RunRecord, graph: Graph | None = None) -> list[Finding]:
    """Vanishing and exploding gradients per layer (``graph``: for the swap remedy)."""
    norms, steps, nodes = record.grad_norms, record.grad_steps, record.nodes
    if norms.ndim != 2 or len(norms) < 4 or not norms.shape[1]:
        return []
    found: list[Finding] = []
    finite = np.where(np.isfinite(norms), norms, np.nan)
    top = np.nanmax(finite, axis=1, keepdims=True) if norms.shape[1] > 1 else None
    late = _late(len(norms))
    head = slice(0, max(1, len(norms) // 10))
    for j, node in enumerate(nodes[: norms.shape[1]]):
        col = finite[:, j]
        if top is not None:
            with np.errstate(divide="ignore", invalid="ignore"):
                share = col / top[:, 0]
            late_share = float(np.nanmedian(share[late])) if np.isfinite(share[late]).any() else 1
            if late_share < VANISHING_RATIO:
                since = _since(steps, share < VANISHING_RATIO)
                found.append(_vanishing(node, late_share, since, _squashing_after(graph, node)))
                continue
        start = float(np.nanmedian(col[head])) if np.isfinite(col[head]).any() else math.nan
        end = float(np.nanmedian(col[late])) if np.isfinite(col[late]).any() else math.nan
        if start > 0 and end > EXPLODING_GROWTH * start:
            since = _since(steps, col > EXPLODING_GROWTH * start)
            found.append(_exploding(node, start, end, since, record))
    return found


def _squashing_after(graph: Graph | None, node: str) -> list[str]:
    """The top-level Sigmoid and Tanh nodes downstream of ``node``, nearest first: each one
    shrinks the gradient on its way back to ``node``. (Swapping only the one right after it
    left a deep sigmoid MLP's validation loss where it was: 0.6931 -> 0.6931 on moons in 4
    epochs; swapping all of them, 0.6919, and far more in longer runs.)"""
    if graph is None or node not in graph:
        return []
    found: list[str] = []
    queue, seen = [node], {node}
    while queue:
        current = queue.pop(0)
        for edge in graph.out_edges(current):
            if edge.dst in seen:
                continue
            seen.add(edge.dst)
            queue.append(edge.dst)
            if graph.node(edge.dst).type in SQUASHING:
                found.append(edge.dst)
    return found


def _vanishing(node: str, share: float, since: int, squash: list[str]) -> Finding:
    remedies = tuple(
        Remedy(
            "swap_layer",
            translate("Doctor", "Swap {node} for ReLU").format(node=name),
            node=name,
            layer_type="ReLU",
        )
        for name in squash
    )
    return Finding(
        rule="vanishing_gradient",
        node=node,
        seen={"share_of_largest": share, "since_step": since},
        meaning=translate(
            "Doctor",
            "since step {since} this layer's gradient has been {share} of the largest layer's "
            "(under {ratio}): it learns a thousand times slower than the rest",
        ).format(since=since, share=f"{share:.2g}", ratio=f"{VANISHING_RATIO:g}"),
        advice=translate(
            "Doctor",
            "swap the Sigmoid or Tanh layers after it for ReLU, insert BatchNorm, or add a "
            "skip connection around the layers in between",
        ),
        remedies=remedies,
    )


def _exploding(node: str, start: float, end: float, since: int, record: RunRecord) -> Finding:
    lr = float(record.settings.get("lr") or 0.0)
    label = translate("Doctor", "Set the learning rate to {lr}").format(lr=f"{lr / 10:.2g}")
    remedies = (Remedy("set_setting", label, "lr", lr / 10),)
    return Finding(
        rule="exploding_gradient",
        node=node,
        seen={"start": start, "end": end, "since_step": since},
        meaning=translate(
            "Doctor",
            "this layer's gradient norm grew from {start} to {end} (more than {growth}x) from "
            "step {since} on: the updates grow until the loss overflows",
        ).format(
            start=f"{start:.3g}", end=f"{end:.3g}", growth=f"{EXPLODING_GROWTH:g}", since=since
        ),
        advice=translate(
            "Doctor", "lower the learning rate, or set gradient clipping (grad_clip) to about 1"
        ),
        remedies=remedies if lr > 0 else (),
    )


def inside_rules(record: RunRecord) -> list[Finding]:
    """Dead units, saturated activations and the update ratio, from the sampled statistics."""
    s = record.inside
    if s is None or len(s) < 2:
        return []
    late = _late(len(s))
    found: list[Finding] = []
    for j, layer in enumerate(s.layers):
        dead = s.dead[:, j]
        if np.isfinite(dead[late]).any():
            share = float(np.nanmedian(dead[late]))
            if share > DEAD_SHARE:
                found.append(_dead(layer, share, _since(s.steps, dead > DEAD_SHARE)))
        sat = s.saturated[:, j]
        if np.isfinite(sat[late]).any():
            share = float(np.nanmedian(sat[late]))
            if share > SATURATED_SHARE:
                found.append(_saturated(layer, share, _since(s.steps, sat > SATURATED_SHARE)))
    lr = float(record.settings.get("lr") or 0.0)
    for j, node in enumerate(s.nodes):
        col = s.update_ratio[late, j]
        if not np.isfinite(col).any():
            continue
        ratio = float(np.nanmedian(col))
        if ratio < UPDATE_LOW or ratio > UPDATE_HIGH:
            found.append(_update(node, ratio, lr))
    return found


def _dead(layer: str, share: float, since: int) -> Finding:
    return Finding(
        rule="dead_units",
        node=layer,
        seen={"dead_share": share, "since_step": since},
        meaning=translate(
            "Doctor",
            "{share} of this layer's units output zero for every sample of a batch since step "
            "{since} (more than {limit}): a dead ReLU gets no gradient and never recovers",
        ).format(share=f"{share:.0%}", since=since, limit=f"{DEAD_SHARE:.0%}"),
        advice=translate(
            "Doctor",
            "lower the learning rate, swap ReLU for LeakyReLU, or check the bias of the "
            "layer before it",
        ),
        remedies=(
            Remedy(
                "swap_layer",
                translate("Doctor", "Swap ReLU for LeakyReLU"),
                node=layer,
                layer_type="LeakyReLU",
            ),
        ),
    )


def _saturated(layer: str, share: float, since: int) -> Finding:
    return Finding(
        rule="saturated_activations",
        node=layer,
        seen={"saturated_share": share, "since_step": since},
        meaning=translate(
            "Doctor",
            "{share} of this layer's outputs sit at its limits since step {since} (more than "
            "{limit}): a saturated sigmoid or tanh passes back almost no gradient",
        ).format(share=f"{share:.0%}", since=since, limit=f"{SATURATED_SHARE:.0%}"),
        advice=translate(
            "Doctor", "swap it for ReLU, insert BatchNorm before it, or lower the learning rate"
        ),
        remedies=(
            Remedy(
                "swap_layer",
                translate("Doctor", "Swap it for ReLU"),
                node=layer,
                layer_type="ReLU",
            ),
        ),
    )


def _update(node: str, ratio: float, lr: float) -> Finding:
    high = ratio > UPDATE_HIGH
    target = lr * 1e-3 / ratio if lr > 0 and ratio > 0 else 0.0
    remedies: tuple[Remedy, ...] = ()
    if target > 0 and target <= 10:
        label = translate("Doctor", "Set the learning rate to {lr}").format(lr=f"{target:.2g}")
        remedies = (Remedy("set_setting", label, "lr", target),)
    band = f"{UPDATE_LOW:g}-{UPDATE_HIGH:g}"
    return Finding(
        rule="update_ratio_high" if high else "update_ratio_low",
        node=node,
        seen={"update_ratio": ratio, "lr": lr},
        meaning=(
            translate(
                "Doctor",
                "each step changes this layer's weights by {ratio} of their norm (healthy runs "
                "sit near 1e-3; this is outside {band}): the updates thrash the weights",
            )
            if high
            else translate(
                "Doctor",
                "each step changes this layer's weights by {ratio} of their norm (healthy runs "
                "sit near 1e-3; this is outside {band}): the layer barely learns",
            )
        ).format(ratio=f"{ratio:.2g}", band=band),
        advice=translate(
            "Doctor", "lower the learning rate (about 1e-3 / ratio times the current one)"
        )
        if high
        else translate(
            "Doctor", "raise the learning rate (about 1e-3 / ratio times the current one)"
        ),
        remedies=remedies,
    )
