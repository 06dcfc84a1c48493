"""What the doctor reports: findings with their measured numbers and a fix as plain data."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Remedy:
    """A fix the window can apply later, as data (``remedies.plan_remedy`` turns the graph ones
    into ``model.edits`` plans).

    kind "set_setting": set training ``setting`` to ``value`` (e.g. lr, early_stopping).
    kind "insert_after": insert ``layer_type`` with ``params`` after node ``node``.
    kind "swap_layer": replace node ``node`` by a ``layer_type`` layer with ``params``.
    kind "reinit_layer": put layer ``node``'s tensors in the starting weights back to the
    seeded default initialisation (``reinit.reinit_layer``; the graph is not changed).
    """

    kind: str
    label: str
    setting: str = ""
    value: Any = None
    node: str = ""
    layer_type: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in ("", None, {})}


@dataclass(frozen=True)
class Finding:
    """One measured fact that will likely spoil training.

    ``node``: the layer path (``use.inner`` inside a block use) or None for the whole run;
    ``seen``: the numbers measured; ``meaning``: what it usually means; ``advice``: what to try.
    """

    rule: str
    node: str | None
    seen: dict[str, float]
    meaning: str
    advice: str
    remedies: tuple[Remedy, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "node": self.node,
            "seen": dict(self.seen),
            "meaning": self.meaning,
            "advice": self.advice,
            "remedies": [r.to_dict() for r in self.remedies],
        }


@dataclass(frozen=True)
class LrRange:
    """The learning-rate range test's curve (smoothed losses) and its suggestion."""

    lrs: tuple[float, ...]
    losses: tuple[float, ...]
    suggested: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"lrs": list(self.lrs), "losses": list(self.losses), "suggested": self.suggested}


@dataclass(frozen=True)
class InitLoss:
    """The loss at initialisation against what a well-scaled network starts near."""

    seen: float
    expected: float

    def to_dict(self) -> dict[str, float]:
        return {"seen": self.seen, "expected": self.expected}


@dataclass(frozen=True)
class DoctorReport:
    findings: tuple[Finding, ...]
    loss_at_init: InitLoss
    lr_range: LrRange

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": [f.to_dict() for f in self.findings],
            "loss_at_init": self.loss_at_init.to_dict(),
            "lr_range": self.lr_range.to_dict(),
        }
