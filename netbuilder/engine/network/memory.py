"""How much memory training a network needs, from the shape report alone (nothing allocated).

A 10^9-parameter network used to pass ``check`` and then fail inside torch ("tried to allocate
4000000000000 bytes") or push the machine into swap. The estimate is plain arithmetic on the
shapes the checker already has, so ``check``, the window and ``train`` can name the figure
before anything is built:

- parameters, their gradients, and the optimizer's state (Adam/AdamW: 2 per parameter; SGD or
  RMSprop with momentum: 1; RMSprop: 1 more), plus a copy for early stopping's best weights;
- activations: every node's output for one batch, twice (the backward pass keeps them and
  produces gradients of the same size).

Float32 throughout (4 bytes an element): what the trainer uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from netbuilder.model.i18n import translate

if TYPE_CHECKING:
    from netbuilder.engine.network.shapes import ShapeReport
    from netbuilder.model.project import TrainingSettings

BYTES_PER_ELEMENT = 4
BACKWARD_FACTOR = 2  # activations kept for backward, plus their gradients


@dataclass(frozen=True)
class MemoryEstimate:
    """Bytes training needs, by kind, for ``batch_size`` samples a step."""

    parameters: int  # count
    batch_size: int
    param_bytes: int
    grad_bytes: int
    optimizer_bytes: int
    activation_bytes: int

    @property
    def total_bytes(self) -> int:
        return self.param_bytes + self.grad_bytes + self.optimizer_bytes + self.activation_bytes

    def summary(self) -> str:
        """``~1.2 GiB for batch 64 (params 40 MiB)``: what check and the window show."""
        return translate("Memory", "~{total} for batch {batch} (params {params})").format(
            total=format_bytes(self.total_bytes),
            batch=self.batch_size,
            params=format_bytes(self.param_bytes),
        )


def optimizer_states(settings: TrainingSettings) -> int:
    """Tensors the optimizer keeps per parameter tensor."""
    momentum = 1 if settings.momentum > 0 else 0
    return {"adam": 2, "adamw": 2, "sgd": momentum, "rmsprop": 1 + momentum}.get(
        settings.optimizer, 2
    )


def estimate_memory(report: ShapeReport, settings: TrainingSettings) -> MemoryEstimate:
    """The estimate for ``report``'s shapes (nodes without a shape count nothing)."""
    params = report.total_params
    param_bytes = params * BYTES_PER_ELEMENT
    copies = optimizer_states(settings) + (1 if settings.early_stopping > 0 else 0)
    batch = max(1, int(settings.batch_size))
    per_sample = report.activation_elements()  # layers inside block uses included
    return MemoryEstimate(
        parameters=params,
        batch_size=batch,
        param_bytes=param_bytes,
        grad_bytes=param_bytes,
        optimizer_bytes=copies * param_bytes,
        activation_bytes=per_sample * batch * BYTES_PER_ELEMENT * BACKWARD_FACTOR,
    )


def format_bytes(n: float) -> str:
    """1.2 GiB, 40 MiB, 512 KiB, 10 B: two significant figures where it matters."""
    units = ("B", "KiB", "MiB", "GiB", "TiB", "PiB")
    value, unit = float(n), 0
    while value >= 1024 and unit < len(units) - 1:
        value /= 1024
        unit += 1
    if unit == 0:
        return f"{int(value)} B"
    return f"{value:.1f} {units[unit]}" if value < 10 else f"{value:.0f} {units[unit]}"
