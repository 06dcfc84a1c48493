"""What the canvas tint can show, and how each kind reads, colours and describes its values.

Three kinds, each one latest value per node id or layer path (``use.inner`` inside a block use):

- ``gradient``: the gradient norm, coloured on a log scale spanning the current norms
  (relative: gradients have no universal healthy size, only outliers against the others);
- ``activation``: the share of units in trouble, 0-100 %, on a fixed scale: dead units of
  ReLU-like layers, saturated outputs of sigmoid/tanh layers. Other layers have no such share,
  so they are not tinted (their tooltip still gives the output's mean and std): a colour for
  them on another scale would read as the same thing;
- ``update``: the update-to-weight ratio of a step, on a fixed log scale centred on the ~1e-3
  rule of thumb, diverging so that too small (blue: the layer barely learns) and too large
  (red: it jumps around) both stand out. Only layers with weights have one.

A ``Reading`` is one kind's latest values, built once per overlay update from the newest
sample only, so its cost follows the layer count, not the run's length.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PySide6.QtGui import QColor

from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, translate
from netbuilder.qt.theme import TINT_SEQUENTIAL, TINT_SHARE, TINT_UPDATE, color_map, theme_color

GRADIENT, ACTIVATION, UPDATE = "gradient", "activation", "update"
KINDS = (GRADIENT, ACTIVATION, UPDATE)
# What each kind is called (sources of the "Tint" context: ``kind_label`` translates).
LABELS = {
    GRADIENT: QT_TRANSLATE_NOOP("Tint", "Gradient norm"),
    ACTIVATION: QT_TRANSLATE_NOOP("Tint", "Activations"),
    UPDATE: QT_TRANSLATE_NOOP("Tint", "Update ratio"),
}
SETTINGS_KEY = "canvas/tint"

UPDATE_TARGET = 1e-3  # rule of thumb for a healthy update-to-weight ratio
UPDATE_DECADES = 3.0  # the scale runs from 1e-6 to 1
UPDATE_BADGE_DECADES = 2.0  # beyond 1e-5 or 1e-1 a node also gets a badge
TROUBLE_BADGE = 0.5  # half the units dead or saturated: a badge
ALPHA = 150

# The theme's maps. Update: green from about 3e-4 to 3e-3, blue below, amber then red above
# (0: 1e-6, 0.5: 1e-3, 1: 1). Gradient: a sequential map whose every colour shows on a light and
# a dark card.
_UPDATE_CMAP = color_map(TINT_UPDATE)
_SHARE_CMAP = color_map(TINT_SHARE)
_GRADIENT_CMAP = color_map(TINT_SEQUENTIAL)


@dataclass(frozen=True)
class Reading:
    """One kind's latest values: ``values`` are coloured (a key absent: not tinted);
    ``tips`` hold a tooltip line per key, also for keys that are not tinted; ``every``: sampled
    every this many steps (0: not said); ``step``: the optimizer step it was taken at."""

    kind: str
    values: dict[str, float]
    tips: dict[str, str] = field(default_factory=dict)
    every: int = 0
    step: int = 0
    labels: dict[str, str] = field(default_factory=dict)  # "dead", "saturated" per key


def gradient_reading(norms: dict[str, float]) -> Reading:
    tip = translate("Tint", "Gradient norm: {value}")
    tips = {k: tip.format(value=f"{v:.2e}") for k, v in norms.items()}
    return Reading(GRADIENT, dict(norms), tips)


def update_reading(inside: Any) -> Reading:
    """The newest row of ``inside`` (an ``InsideSamples``): update ratio and weight norm of
    each layer with weights."""
    ratios, norms = inside.update_ratio[-1].tolist(), inside.weight_norm[-1].tolist()
    values = dict(zip(inside.nodes, ratios, strict=True))
    step = int(inside.steps[-1])
    tip = translate(
        "Tint", "Update ratio at step {step}: {ratio} (healthy near 1e-3); weight norm {norm}"
    )
    tips = {
        k: tip.format(step=step, ratio=f"{r:.1e}", norm=f"{w:.3g}")
        for k, r, w in zip(inside.nodes, ratios, norms, strict=True)
    }
    return Reading(UPDATE, values, tips, int(inside.every), step)


def activation_reading(inside: Any) -> Reading:
    """The newest row of ``inside``: the share of dead (ReLU-like) or saturated (sigmoid,
    tanh) units of each layer that has one; the output's mean and std of every layer."""
    dead, sat = inside.dead[-1], inside.saturated[-1]
    mean, std = inside.act_mean[-1].tolist(), inside.act_std[-1].tolist()
    share = np.where(np.isnan(dead), sat, dead).tolist()
    is_dead = (~np.isnan(dead)).tolist()
    values: dict[str, float] = {}
    tips: dict[str, str] = {}
    labels: dict[str, str] = {}
    step = int(inside.steps[-1])
    for i, key in enumerate(inside.layers):
        stats = translate("Tint", "output mean {mean}, std {std}").format(
            mean=f"{mean[i]:.3g}", std=f"{std[i]:.3g}"
        )
        if math.isnan(share[i]):
            if math.isfinite(mean[i]):  # the Input and Output nodes have no output measured
                tips[key] = translate(
                    "Tint",
                    "Activations at step {step}: {stats} (not tinted: no dead or saturated units)",
                ).format(step=step, stats=stats)
            continue
        label = "dead" if is_dead[i] else "saturated"
        values[key], labels[key] = share[i], label
        if label == "dead":
            tip = translate("Tint", "Activations at step {step}: {share} of units dead; {stats}")
        else:
            tip = translate(
                "Tint", "Activations at step {step}: {share} of units saturated; {stats}"
            )
        tips[key] = tip.format(step=step, share=f"{share[i]:.0%}", stats=stats)
    return Reading(ACTIVATION, values, tips, int(inside.every), step, labels)


# --- colours ------------------------------------------------------------------------------


def _qcolor(cmap: Any, t: float) -> QColor:
    c: QColor = cmap.map(min(1.0, max(0.0, t)), mode="qcolor")
    c.setAlpha(ALPHA)
    return c


def log_color(value: float, lo: float, hi: float) -> QColor:
    """Colour of a gradient norm on a log scale from ``lo`` to ``hi`` (viridis-like)."""
    if not math.isfinite(value) or value <= 0:
        return theme_color("error")
    a, b = math.log10(max(lo, 1e-30)), math.log10(max(hi, 1e-30))
    return _qcolor(_GRADIENT_CMAP, 0.5 if b <= a else (math.log10(value) - a) / (b - a))


def update_position(ratio: float) -> float:
    """Where a ratio sits on the update scale: 0 at 1e-6, 0.5 at 1e-3, 1 at 1 (clamped)."""
    if not math.isfinite(ratio):
        return 1.0
    if ratio <= 0:
        return 0.0
    t = (math.log10(ratio) - math.log10(UPDATE_TARGET)) / (2 * UPDATE_DECADES) + 0.5
    return min(1.0, max(0.0, t))


def update_color(ratio: float) -> QColor:
    if not math.isfinite(ratio):
        return theme_color("error")
    return _qcolor(_UPDATE_CMAP, update_position(ratio))


def share_color(share: float) -> QColor:
    return _qcolor(_SHARE_CMAP, share)


def legend_stops(kind: str) -> list[tuple[float, QColor]]:
    cmap = {GRADIENT: _GRADIENT_CMAP, ACTIVATION: _SHARE_CMAP, UPDATE: _UPDATE_CMAP}[kind]
    return [(i / 12, cmap.map(i / 12, mode="qcolor")) for i in range(13)]


# --- which layer of a block use is worst, and badges ----------------------------------------


def badness(kind: str) -> Callable[[float], float] | None:
    """How bad a value is for ``kind`` (a use's card shows its worst inner layer); None for
    gradient norms, judged against the median of them all (``fold_block_norms``'s own)."""
    if kind == ACTIVATION:
        return lambda v: v if math.isfinite(v) else -1.0
    if kind == UPDATE:
        return lambda v: math.inf if not math.isfinite(v) or v <= 0 else abs(math.log10(v) + 3)
    return None


def badge(kind: str, value: float, label: str = "") -> str | None:
    """The badge of an activation or update value far from healthy (gradients: the issues')."""
    if kind == ACTIVATION and math.isfinite(value) and value >= TROUBLE_BADGE:
        if label == "dead":
            return translate("Tint", "dead {share}").format(share=f"{value:.0%}")
        return translate("Tint", "sat. {share}").format(share=f"{value:.0%}")
    if kind == UPDATE:
        if not math.isfinite(value):
            return "NaN"
        if value <= 0 or abs(math.log10(value) + 3) > UPDATE_BADGE_DECADES:
            if value < UPDATE_TARGET:
                return translate("Tint", "↓ upd")
            return translate("Tint", "↑ upd")
    return None


def value_text(kind: str, value: float, label: str = "") -> str:
    """A value as a use's tooltip lists it."""
    if kind == ACTIVATION:
        if label == "dead":
            return translate("Tint", "{share} dead").format(share=f"{value:.0%}")
        if label == "saturated":
            return translate("Tint", "{share} saturated").format(share=f"{value:.0%}")
        return f"{value:.0%}"
    return f"{value:.1e}" if kind == UPDATE else f"{value:.2e}"


def sampled_text(reading: Reading | None) -> str:
    """The legend's caption: "sampled every 37 steps"."""
    if reading is None or reading.every <= 0:
        return translate("Tint", "latest values")
    if reading.every == 1:
        return translate("Tint", "sampled every step")
    return translate("Tint", "sampled every {n} steps").format(n=reading.every)


def kind_label(kind: str) -> str:
    """What the tint of ``kind`` is called, in the window's language."""
    return translate("Tint", LABELS[kind])
