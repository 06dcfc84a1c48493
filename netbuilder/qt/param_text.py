"""A parameter's value as the inspector's text fields read and write it."""

from __future__ import annotations

import re
from typing import Any

from netbuilder.model import ParamSpec
from netbuilder.model.i18n import translate


def parse_tuple(text: str) -> list[int]:
    """``"8, 8"`` / ``"8x8"`` / ``"[8 8]"`` -> ``[8, 8]``; ValueError with a readable message."""
    # \u00d7 is the multiplication sign: "8 \u00d7 8" as a user may paste it
    parts = [p for p in re.split(r"[\s,x\u00d7;]+", text.strip().strip("[]()")) if p]
    if not parts:
        raise ValueError(
            translate("ParamText", "enter whole numbers separated by commas, e.g. 8, 8")
        )
    try:
        return [int(p) for p in parts]
    except ValueError:
        raise ValueError(
            translate("ParamText", "{text} is not a list of whole numbers, e.g. 8, 8").format(
                text=repr(text.strip())
            )
        ) from None


def format_value(spec: ParamSpec, value: Any) -> str:
    if spec.kind == "tuple":
        return ", ".join(str(v) for v in value)
    if spec.kind == "float":
        return format(float(value), ".6g")
    return str(value)
