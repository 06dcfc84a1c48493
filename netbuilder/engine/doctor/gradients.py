"""Check (b): one forward and backward pass; every layer with parameters gets a finite,
non-zero gradient, and none gets a vanishing share of the largest layer's."""

from __future__ import annotations

import math

import torch

from netbuilder.engine.doctor.bench import Bench
from netbuilder.engine.doctor.findings import Finding, Remedy
from netbuilder.engine.doctor.layers import squashing_nodes, top_node
from netbuilder.model.i18n import translate

#: A layer whose gradient norm is below this share of the largest layer's is vanishing: under
#: SGD it learns a thousand times slower. The bundled examples' smallest share is ~0.02; a
#: 6-layer sigmoid MLP's first layer gets ~1e-5 (each sigmoid passes back at most a quarter).
VANISHING_RATIO = 1e-3
#: Samples in the pass: the project's batch size, at most this many.
GRAD_BATCH = 256


def layer_gradient_norms(bench: Bench) -> dict[str, float]:
    """Gradient L2 norm of each layer path after one pass on a batch of the sample."""
    bench.reset(seed=1)
    idx = next(bench.batches(min(GRAD_BATCH, int(bench.settings.batch_size)), seed=1))
    xb, yb = bench.batch(idx)
    loss = bench.loss_fn(bench.module(*xb), yb)
    loss.backward()
    sums = [0.0] * len(bench.nodes)
    zero = torch.zeros((), dtype=torch.float64, device=bench.targets.device)
    each = [p.grad.double().pow(2).sum() if p.grad is not None else zero for p in bench.params]
    squares = torch.stack(each).cpu().tolist()
    for value, k in zip(squares, bench.param_node, strict=True):
        sums[k] += value
    bench.module.zero_grad(set_to_none=True)
    return {node: math.sqrt(s) for node, s in zip(bench.nodes, sums, strict=True)}


def gradient_findings(bench: Bench, norms: dict[str, float]) -> list[Finding]:
    found: list[Finding] = []
    finite = {n: v for n, v in norms.items() if math.isfinite(v)}
    for node, value in norms.items():
        if not math.isfinite(value):
            found.append(
                Finding(
                    rule="gradient_not_finite",
                    node=node,
                    seen={"grad_norm": value},
                    meaning=translate(
                        "Doctor",
                        "the first backward pass already gives this layer an infinite or "
                        "NaN gradient: something in the forward pass overflows (a log of 0, a "
                        "huge input, an exploding activation)",
                    ),
                    advice=translate(
                        "Doctor", "standardise the inputs and check the layers feeding this one"
                    ),
                )
            )
        elif value == 0.0:
            found.append(
                Finding(
                    rule="gradient_zero",
                    node=node,
                    seen={"grad_norm": 0.0},
                    meaning=translate(
                        "Doctor",
                        "no gradient reaches this layer: it never learns (its output is "
                        "cut off from the loss, or every unit before it is dead)",
                    ),
                    advice=translate(
                        "Doctor",
                        "check that the layer's output reaches the loss through "
                        "differentiable layers; a ReLU before it may be dead (negative bias)",
                    ),
                )
            )
    largest = max(finite.values(), default=0.0)
    if largest <= 0.0:
        return found
    vanishing = [n for n, v in finite.items() if 0.0 < v < VANISHING_RATIO * largest]
    squash = squashing_nodes(bench)
    for node in vanishing:
        share = finite[node] / largest
        remedies: tuple[Remedy, ...]
        if squash:
            remedies = tuple(
                Remedy(
                    "swap_layer",
                    translate("Doctor", "Swap {node} for ReLU").format(node=s),
                    node=s,
                    layer_type="ReLU",
                )
                for s in squash
            )
            advice = translate(
                "Doctor",
                "swap the sigmoid/tanh activations ({nodes}) for ReLU, or insert "
                "BatchNorm after the early layers",
            ).format(nodes=", ".join(squash))
        else:
            advice = translate(
                "Doctor",
                "insert BatchNorm after this layer, or use a residual connection around it",
            )
            remedies = (
                Remedy(
                    "insert_after",
                    translate("Doctor", "Insert BatchNorm after {node}").format(
                        node=top_node(node)
                    ),
                    node=top_node(node),
                    layer_type=_batch_norm_for(bench, top_node(node)),
                ),
            )
        found.append(
            Finding(
                rule="vanishing_gradient",
                node=node,
                seen={"grad_norm": finite[node], "largest": largest, "share": share},
                meaning=translate(
                    "Doctor",
                    "this layer's gradient is {share} of the largest layer's (below "
                    "{ratio}): it will barely learn while the others do",
                ).format(share=f"{share:.1e}", ratio=f"{VANISHING_RATIO:g}"),
                advice=advice,
                remedies=remedies,
            )
        )
    return found


def _batch_norm_for(bench: Bench, node: str) -> str:
    """BatchNorm2d after a 2-d convolution, BatchNorm1d otherwise."""
    return "BatchNorm2d" if bench.graph.node(node).type == "Conv2d" else "BatchNorm1d"
