"""Per-layer values (gradient norms, update ratios, shares of units in trouble) of layers
inside block uses, folded onto the uses' cards.

Telemetry keys a layer inside a use by its layer path, ``<use>.<inner>`` (``res_block_1.c2``);
top-level layers by their node id. The canvas shows one card per use, so a use takes the colour
of its worst layer (for gradient norms: a non-finite norm first, else the one farthest from the
median on a log scale; other kinds pass their own ``badness``) and its tooltip lists the layers
with their values, worst first.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, translate

MAX_LISTED = 12  # layers listed in a use's tooltip


@dataclass(frozen=True)
class FoldedNorms:
    """``per_node``: one norm per canvas card; ``inside[use]``: (layer path, norm), worst first."""

    per_node: dict[str, float]
    inside: dict[str, list[tuple[str, float]]]


def _badness(value: float, log_median: float) -> float:
    if not math.isfinite(value) or value <= 0:
        return math.inf
    return abs(math.log10(value) - log_median)


def fold_block_norms(
    norms: dict[str, float], badness: Callable[[float], float] | None = None
) -> FoldedNorms:
    """Values keyed by node id or layer path -> one per card, plus each use's layers, worst
    first by ``badness`` (higher: worse; None: a gradient norm's distance from the median)."""
    if badness is None:
        finite = [v for v in norms.values() if math.isfinite(v) and v > 0]
        log_median = math.log10(float(np.median(finite))) if finite else 0.0
        badness = lambda v: _badness(v, log_median)  # noqa: E731 - a one-line key
    per_node: dict[str, float] = {}
    inside: dict[str, list[tuple[str, float]]] = {}
    for key, value in norms.items():
        head, dot, _rest = key.partition(".")
        if not dot:
            per_node[key] = value
        else:
            inside.setdefault(head, []).append((key, value))
    for use, rows in inside.items():
        rows.sort(key=lambda row: badness(row[1]), reverse=True)
        per_node.setdefault(use, rows[0][1])
    return FoldedNorms(per_node, inside)


def describe_inside(
    block: str,
    rows: list[tuple[str, float]],
    heading: str = QT_TRANSLATE_NOOP("GradientOverlay", "Gradient norms"),
    text: Callable[[str, float], str] | None = None,
) -> str:
    """The tooltip lines of a use: its layers' values (``text(path, value)``), worst first;
    ``heading`` is a source of the "GradientOverlay" context (or words already translated)."""
    lines = [
        translate("BlockGradients", "{heading} inside {block} (worst first):").format(
            heading=translate("GradientOverlay", heading), block=block
        )
    ]
    for path, value in rows[:MAX_LISTED]:
        inner = path.partition(".")[2]
        lines.append(f"  {inner}: {text(path, value) if text else f'{value:.2e}'}")
    if len(rows) > MAX_LISTED:
        lines.append(
            translate("BlockGradients", "  ... and {n} more").format(n=len(rows) - MAX_LISTED)
        )
    return "\n".join(lines)
