"""Gradient norms of layers inside block uses, folded onto the uses' cards.

Telemetry keys a layer inside a use by its layer path, ``<use>.<inner>`` (``res_block_1.c2``);
top-level layers by their node id. The canvas shows one card per use, so a use takes the colour
of its worst layer (a non-finite norm first, else the one farthest from the median on a log
scale) and its tooltip lists the layers with their norms, worst first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

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


def fold_block_norms(norms: dict[str, float]) -> FoldedNorms:
    """Norms keyed by node id or layer path -> one per card, plus each use's layers."""
    finite = [v for v in norms.values() if math.isfinite(v) and v > 0]
    log_median = math.log10(float(np.median(finite))) if finite else 0.0
    per_node: dict[str, float] = {}
    inside: dict[str, list[tuple[str, float]]] = {}
    for key, value in norms.items():
        head, dot, _rest = key.partition(".")
        if not dot:
            per_node[key] = value
        else:
            inside.setdefault(head, []).append((key, value))
    for use, rows in inside.items():
        rows.sort(key=lambda row: _badness(row[1], log_median), reverse=True)
        per_node.setdefault(use, rows[0][1])
    return FoldedNorms(per_node, inside)


def describe_inside(block: str, rows: list[tuple[str, float]]) -> str:
    """The tooltip lines of a use: its layers' gradient norms, worst first."""
    lines = [f"Gradient norms inside {block} (worst first):"]
    for path, value in rows[:MAX_LISTED]:
        inner = path.partition(".")[2]
        lines.append(f"  {inner}: {value:.2e}")
    if len(rows) > MAX_LISTED:
        lines.append(f"  ... and {len(rows) - MAX_LISTED} more")
    return "\n".join(lines)
