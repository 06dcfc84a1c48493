"""What the doctor reports: findings with their measured numbers and a fix as plain data."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from netbuilder.model.errors import message_of
from netbuilder.model.i18n import translate


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

    @classmethod
    def from_dict(cls, data: Any) -> Remedy:
        """The remedy ``to_dict`` wrote (missing keys take their defaults); ``ValueError``
        saying what is wrong when ``data`` is not one."""
        if not isinstance(data, dict):
            raise ValueError(
                translate(
                    "Doctor",
                    "a remedy is a mapping, not {name}",
                ).format(name=type(data).__name__)
            )
        kind = data.get("kind")
        if not isinstance(kind, str) or not kind:
            raise ValueError(
                translate(
                    "Doctor",
                    "a remedy has no kind",
                )
            )
        values: dict[str, Any] = {"kind": kind, "label": data.get("label", kind)}
        for key in ("label", "setting", "node", "layer_type"):
            if key in data:
                values[key] = data[key]
            if not isinstance(values.get(key, ""), str):
                raise ValueError(
                    translate(
                        "Doctor",
                        "remedy {kind}: {key} is not text",
                    ).format(kind=repr(kind), key=key)
                )
        value = data.get("value")
        if value is not None and not isinstance(value, (bool, int, float, str)):
            raise ValueError(
                translate(
                    "Doctor",
                    "remedy {kind}: value {value} is not a number or text",
                ).format(kind=repr(kind), value=repr(value))
            )
        if kind == "set_setting" and not values.get("setting"):
            raise ValueError(
                translate(
                    "Doctor",
                    "remedy 'set_setting' names no setting",
                )
            )
        params = data.get("params", {})
        if not isinstance(params, dict):
            raise ValueError(
                translate(
                    "Doctor",
                    "remedy {kind}: params is not a mapping",
                ).format(kind=repr(kind))
            )
        return cls(**values, value=value, params=dict(params))


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

    @classmethod
    def from_dict(cls, data: Any) -> Finding:
        """The finding ``to_dict`` wrote (a saved history's ``summary["findings"]``), remedies
        included; missing keys take defaults (no node, nothing seen, empty words).
        ``ValueError`` saying what is wrong when ``data`` is not one."""
        if not isinstance(data, dict):
            raise ValueError(
                translate(
                    "Doctor",
                    "a finding is a mapping, not {name}",
                ).format(name=type(data).__name__)
            )
        rule = data.get("rule")
        if not isinstance(rule, str) or not rule:
            raise ValueError(
                translate(
                    "Doctor",
                    "a finding has no rule",
                )
            )
        node = data.get("node")
        if node is not None and not isinstance(node, str):
            raise ValueError(
                translate(
                    "Doctor",
                    "finding {rule}: node {node} is not a layer name",
                ).format(rule=repr(rule), node=repr(node))
            )
        seen = data.get("seen") or {}
        if not isinstance(seen, dict):
            raise ValueError(
                translate(
                    "Doctor",
                    "finding {rule}: seen is not a mapping",
                ).format(rule=repr(rule))
            )
        numbers = {
            str(k): float(v)
            for k, v in seen.items()
            if isinstance(v, (int, float)) and not isinstance(v, bool)
        }
        remedies = data.get("remedies") or []
        if not isinstance(remedies, list):
            raise ValueError(
                translate(
                    "Doctor",
                    "finding {rule}: remedies is not a list",
                ).format(rule=repr(rule))
            )
        try:
            parsed = tuple(Remedy.from_dict(r) for r in remedies)
        except ValueError as exc:
            raise ValueError(
                translate(
                    "Doctor",
                    "finding {rule}: {exc}",
                ).format(rule=repr(rule), exc=message_of(exc))
            ) from None
        return cls(
            rule=rule,
            node=node or None,
            seen=numbers,
            meaning=str(data.get("meaning") or ""),
            advice=str(data.get("advice") or ""),
            remedies=parsed,
        )


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
