"""Parameter and layer descriptions: the types the catalogue's table is made of.

Kept apart from the table so ``catalogue.py`` stays a readable list of layers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from netbuilder.model.errors import ParamError

#: ``LayerSpec.inputs`` value for merge layers that take two or more inputs.
VARIADIC = -1

PARAM_KINDS = ("int", "float", "bool", "choice", "tuple", "text")

#: Longest value of a "text" parameter (names such as a dataset input's).
MAX_TEXT = 64


@dataclass(frozen=True)
class ParamSpec:
    name: str
    kind: str  # one of PARAM_KINDS
    default: Any
    help: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    length: int | None = None  # tuples: exact length, or None for any length >= 1
    allow_minus_one: bool = False  # tuples: -1 allowed once (Reshape)
    key: bool = False  # shown on the node in the canvas

    def coerce(self, value: Any, *, layer: str = "", node: str | None = None) -> Any:
        """Return ``value`` as this parameter's type, or raise ParamError saying what is wrong."""
        where = f"{layer}.{self.name}" if layer else self.name

        def fail(msg: str) -> ParamError:
            return ParamError(f"{where}: {msg}", node=node, field=self.name)

        if self.kind == "bool":
            if isinstance(value, bool):
                return value
            raise fail(f"expected true or false, got {value!r}")
        if self.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                else:
                    raise fail(f"expected a whole number, got {value!r}")
            self._check_bounds(value, fail)
            return value
        if self.kind == "float":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise fail(f"expected a number, got {value!r}")
            try:
                value = float(value)
            except OverflowError:
                raise fail(f"{value} is too large") from None
            if not math.isfinite(value):
                raise fail(f"expected a finite number, got {value!r}")
            self._check_bounds(value, fail)
            return value
        if self.kind == "choice":
            if value not in self.choices:
                raise fail(f"expected one of {', '.join(self.choices)}; got {value!r}")
            return value
        if self.kind == "text":
            if not isinstance(value, str):
                raise fail(f"expected text, got {value!r}")
            value = value.strip()
            if len(value) > MAX_TEXT:
                raise fail(f"at most {MAX_TEXT} characters, got {len(value)}")
            if not value.isprintable():
                raise fail("expected printable text on one line")
            return value
        if self.kind == "tuple":
            if not isinstance(value, (list, tuple)) or not value:
                raise fail(f"expected a list of whole numbers, got {value!r}")
            if self.length is not None and len(value) != self.length:
                raise fail(f"expected {self.length} numbers, got {len(value)}")
            out = []
            for item in value:
                if isinstance(item, bool) or not isinstance(item, int):
                    raise fail(f"expected whole numbers, got {item!r}")
                if item == -1 and self.allow_minus_one:
                    out.append(item)
                    continue
                self._check_bounds(item, fail)
                out.append(item)
            if out.count(-1) > 1:
                raise fail("at most one -1 (inferred size) is allowed")
            return tuple(out)
        raise fail(f"unknown parameter kind {self.kind!r}")  # pragma: no cover

    def _check_bounds(self, value: float, fail: Callable[[str], ParamError]) -> None:
        if self.minimum is not None and value < self.minimum:
            raise fail(f"{value} is below the minimum {_fmt(self.minimum)}")
        if self.maximum is not None and value > self.maximum:
            raise fail(f"{value} is above the maximum {_fmt(self.maximum)}")


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


@dataclass(frozen=True)
class LayerSpec:
    type: str
    display_name: str
    category: str
    doc: str
    inputs: int = 1  # fixed number of input ports, or VARIADIC (two or more)
    params: tuple[ParamSpec, ...] = field(default=())

    @property
    def variadic(self) -> bool:
        return self.inputs == VARIADIC

    @property
    def min_inputs(self) -> int:
        return 2 if self.variadic else self.inputs

    def param(self, name: str) -> ParamSpec:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def validate_params(
        self, params: dict[str, Any] | None, *, node: str | None = None
    ) -> dict[str, Any]:
        """Full, coerced parameter dict: defaults filled in, unknown names refused."""
        params = dict(params or {})
        known = {p.name for p in self.params}
        unknown = sorted(set(params) - known)
        if unknown:
            hint = f"; {self.type} takes {', '.join(sorted(known))}" if known else ""
            raise ParamError(
                f"{self.type} has no parameter {unknown[0]!r}{hint}", node=node, field=unknown[0]
            )
        out: dict[str, Any] = {}
        for p in self.params:
            value = params.get(p.name, p.default)
            out[p.name] = p.coerce(value, layer=self.type, node=node)
        return out


# --- helpers to keep the table short --------------------------------------------------------


def _int(
    name: str,
    default: int,
    help: str,
    minimum: float | None = 1,
    maximum: float | None = 1_000_000,
    key: bool = False,
) -> ParamSpec:
    return ParamSpec(name, "int", default, help, minimum, maximum, key=key)


def _float(
    name: str,
    default: float,
    help: str,
    minimum: float | None = None,
    maximum: float | None = None,
    key: bool = False,
) -> ParamSpec:
    return ParamSpec(name, "float", default, help, minimum, maximum, key=key)


def _bool(name: str, default: bool, help: str) -> ParamSpec:
    return ParamSpec(name, "bool", default, help)


def _choice(
    name: str, default: str, choices: Iterable[str], help: str, key: bool = False
) -> ParamSpec:
    return ParamSpec(name, "choice", default, help, choices=tuple(choices), key=key)


def _tuple(
    name: str,
    default: Sequence[int],
    help: str,
    length: int | None = None,
    minimum: float | None = 1,
    allow_minus_one: bool = False,
    key: bool = False,
) -> ParamSpec:
    return ParamSpec(
        name,
        "tuple",
        tuple(default),
        help,
        minimum,
        1_000_000,
        length=length,
        allow_minus_one=allow_minus_one,
        key=key,
    )


def _text(name: str, default: str, help: str, key: bool = False) -> ParamSpec:
    return ParamSpec(name, "text", default, help, key=key)
