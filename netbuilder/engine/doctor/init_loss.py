"""Check (a): the loss at initialisation against the loss of an all-zero output.

A well-initialised network's outputs start small, so its first loss is close to the loss of
outputs that are exactly zero: ln(C) for cross-entropy over C classes, ln 2 for binary
cross-entropy, the targets' mean square for MSE (their variance once standardised). That zero
output loss is the expected value; it is computed with the project's own loss, so every loss
gets its own (L1, Huber) without a table.
"""

from __future__ import annotations

import math

import torch

from netbuilder.engine.doctor.bench import Bench
from netbuilder.engine.doctor.findings import Finding, InitLoss, Remedy
from netbuilder.engine.doctor.layers import last_layer
from netbuilder.model.i18n import translate

#: A first loss above this many times the expected one is a finding. The bundled examples
#: start within 1.05x of it; a digits MLP whose output weights are 30x too large starts at
#: 1.9x (100x: 5.6x, since default inits give small logits). 1.5x is far outside seeding noise
#: and means logits spread over several units: confidently wrong from the first step.
INIT_LOSS_FACTOR = 1.5


def loss_at_init(bench: Bench) -> InitLoss:
    """The loss of the initial weights on the sample (eval mode: no dropout noise)."""
    bench.reset()
    module = bench.module
    module.eval()
    try:
        with torch.no_grad():
            out = module(*bench.inputs)
            seen = float(bench.loss_fn(out, bench.targets))
            expected = float(bench.loss_fn(torch.zeros_like(out), bench.targets))
    finally:
        module.train()
    return InitLoss(seen=seen, expected=expected)


def init_loss_findings(bench: Bench, init: InitLoss) -> list[Finding]:
    if math.isfinite(init.seen) and init.seen <= INIT_LOSS_FACTOR * init.expected:
        return []
    node = last_layer(bench)
    ratio = init.seen / init.expected if init.expected > 0 else float("inf")
    # The default initialisation starts near the zero-output loss, so a wrong scale comes from
    # the starting weights: only then can re-initialising the layer put it right.
    remedies: tuple[Remedy, ...] = ()
    if bench.from_weights and node is not None:
        label = translate("Doctor", "Re-initialise {node}'s weights").format(node=node)
        remedies = (Remedy("reinit_layer", label, node=node),)
    return [
        Finding(
            rule="loss_at_init",
            node=node,
            seen={"loss": init.seen, "expected": init.expected, "ratio": ratio},
            meaning=translate(
                "Doctor",
                "the first loss is {ratio}x what an untrained network should start near "
                "(above {factor}x): the outputs start large and confidently wrong, "
                "usually because the output layer's weights are scaled too large",
            ).format(ratio=f"{ratio:.1f}", factor=f"{INIT_LOSS_FACTOR:g}"),
            advice=translate(
                "Doctor",
                "re-initialise {node} with smaller weights (the default "
                "initialisation), or standardise the inputs; the first epochs otherwise only "
                "undo the scale",
            ).format(node=node or translate("Doctor", "the output layer")),
            remedies=remedies,
        )
    ]
