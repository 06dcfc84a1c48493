"""Overlay on the canvas during and after training: nodes tinted by the chosen kind (gradient
norm, activations, update ratio: see ``tint``), badges for sick values, a tooltip line each.

The legend, with the choice, is placed by the training controller in a strip above the canvas.
``classify_gradients`` is pure: a node whose norm is non-finite, far below the median
(vanishing, < ``VANISH_RATIO`` x median) or far above it (exploding, > ``EXPLODE_RATIO`` x
median) gets a badge on the canvas and an explained row in the Issues list.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtGui import QAction, QActionGroup, QColor
from PySide6.QtWidgets import QMenu

from netbuilder.qt.canvas.block_card import BlockNodeItem
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, translate
from netbuilder.qt.training.block_gradients import describe_inside, fold_block_norms
from netbuilder.qt.training.tint import (
    ACTIVATION,
    GRADIENT,
    KINDS,
    SETTINGS_KEY,
    UPDATE,
    Reading,
    activation_reading,
    badge,
    badness,
    gradient_reading,
    kind_label,
    log_color,
    sampled_text,
    share_color,
    update_color,
    update_reading,
    value_text,
)
from netbuilder.qt.training.tint_legend import TintLegend

if TYPE_CHECKING:  # torch is not imported before the window first paints
    from netbuilder.engine.training.inside import InsideSamples

VANISH_RATIO = 1e-3
EXPLODE_RATIO = 1e3
UPDATE_INTERVAL_S = 1.0  # the canvas recolours nodes once a second
__all__ = ["GradientIssue", "GradientOverlay", "classify_gradients", "log_color"]


@dataclass(frozen=True)
class GradientIssue:
    """A node whose gradient looks wrong; ``kind``: vanishing, exploding or non_finite."""

    node: str
    kind: str
    norm: float
    message: str


def classify_gradients(norms: dict[str, float]) -> list[GradientIssue]:
    """Vanishing / exploding / non-finite nodes relative to the median norm of the others."""
    finite = [v for v in norms.values() if math.isfinite(v)]
    median = float(np.median(finite)) if finite else math.nan
    issues: list[GradientIssue] = []
    for node, v in norms.items():
        if not math.isfinite(v):
            issues.append(
                GradientIssue(
                    node,
                    "non_finite",
                    v,
                    translate(
                        "GradientOverlay",
                        "gradient is {value} (NaN or infinity): training cannot continue; lower "
                        "the learning rate, clip gradients, or check the data for NaN values",
                    ).format(value=v),
                )
            )
        elif len(finite) >= 2 and median > 0 and v < VANISH_RATIO * median:
            issues.append(
                GradientIssue(
                    node,
                    "vanishing",
                    v,
                    translate(
                        "GradientOverlay",
                        "vanishing gradient: {value} is over 1000x below the median ({median}); "
                        "this layer barely learns (try ReLU instead of sigmoid/tanh, "
                        "normalisation, residual connections or a better initialisation)",
                    ).format(value=f"{v:.2e}", median=f"{median:.2e}"),
                )
            )
        elif len(finite) >= 2 and median > 0 and v > EXPLODE_RATIO * median:
            issues.append(
                GradientIssue(
                    node,
                    "exploding",
                    v,
                    translate(
                        "GradientOverlay",
                        "exploding gradient: {value} is over 1000x above the median ({median}); "
                        "lower the learning rate or enable gradient clipping",
                    ).format(value=f"{v:.2e}", median=f"{median:.2e}"),
                )
            )
    return issues


class GradientOverlay:
    """Tints ``scene``'s nodes by the chosen kind (gradient norm, activations, update ratio)
    from the latest values of each kind, kept so that switching recolours at once, during a
    run and after it; keeps the last gradient issues found."""

    def __init__(self, scene: Any, view: Any) -> None:
        self.scene = scene
        self.view = view
        self.legend = TintLegend(view)  # a child of the view: not scrolled with the canvas
        self.legend.kind_chosen.connect(self.set_kind)
        self.kind = GRADIENT
        self.settings: Any = None
        self.actions: dict[str, QAction] = {}
        self.issues: list[GradientIssue] = []
        self.norms: dict[str, float] = {}
        self.readings: dict[str, Reading] = {}
        self._marked: set[str] = set()  # nodes with a tint, badge or tooltip line of ours
        self.legend.set_kind(self.kind)

    # --- the choice -------------------------------------------------------------------------

    def bind(self, settings: Any, menu: QMenu) -> None:
        """Remember the choice in ``settings``; offer it in ``menu`` (the View menu)."""
        self.settings = settings
        sub = menu.addMenu(translate("GradientOverlay", "Canvas &Tint"))
        sub.setObjectName("tintMenu")
        group = QActionGroup(sub)
        for kind in KINDS:
            action = sub.addAction(kind_label(kind))
            action.setCheckable(True)
            action.setStatusTip(translate("GradientOverlay", TINT_TIPS[kind]))
            action.triggered.connect(lambda _c=False, k=kind: self.set_kind(k))
            group.addAction(action)
            self.actions[kind] = action
        saved = str(settings.value(SETTINGS_KEY, GRADIENT))
        self.set_kind(saved if saved in KINDS else GRADIENT, remember=False)

    def set_kind(self, kind: str, remember: bool = True) -> None:
        """Show ``kind`` from the values kept: recolours now, without new data. ``remember``:
        in the settings (not when read from them: a window that changed nothing writes none)."""
        if kind not in KINDS:
            return
        self.kind = kind
        self.legend.set_kind(kind)
        if kind in self.actions:
            self.actions[kind].setChecked(True)
        if remember and self.settings is not None and self.settings.value(SETTINGS_KEY) != kind:
            self.settings.setValue(SETTINGS_KEY, kind)
        if self.readings:
            self._recolour()

    # --- values -------------------------------------------------------------------------------

    def update(
        self, norms: dict[str, float] | None, inside: InsideSamples | None = None
    ) -> list[GradientIssue]:
        """Keep the latest values and recolour. ``norms``: node id, or layer path
        ``use.inner`` inside a block use -> latest gradient norm (None: unchanged);
        ``inside``: the newest per-layer samples (only its last row is read). Returns the
        gradient issues (a layer inside a use: by its path). While a block's body is on the
        canvas, its layers show the values they have in its use."""
        if norms is not None:
            self.norms = dict(norms)
            self.readings[GRADIENT] = gradient_reading(self.norms)
            network = getattr(getattr(self.scene, "document", None), "graph", None)
            top = {
                k: v for k, v in norms.items() if network is None or k.partition(".")[0] in network
            }
            self.issues = classify_gradients(top)
        if inside is not None and len(inside):
            self.readings[UPDATE] = update_reading(inside)
            self.readings[ACTIVATION] = activation_reading(inside)
        self._recolour()
        return self.issues

    def clear(self) -> None:
        for node in self._marked:
            self._clear_node(node)
        self._marked = set()
        self.issues, self.norms, self.readings = [], {}, {}
        self.legend.hide()

    # --- painting -----------------------------------------------------------------------------

    def _recolour(self) -> None:
        """Tint, badge and tooltip line of every node from the chosen kind's reading: work
        in proportion to the layer count."""
        kind = self.kind
        reading = self.readings.get(kind) or Reading(kind, {})
        prefix = _shown_prefix(getattr(self.scene, "document", None))
        values, tips = _local(reading.values, prefix), _local(reading.tips, prefix)
        labels = _local(reading.labels, prefix)
        folded = fold_block_norms(values, badness(kind))
        item = self.scene.node_item
        present = {n: v for n, v in folded.per_node.items() if item(n) is not None}
        positive = [v for v in present.values() if math.isfinite(v) and v > 0]
        lo, hi = (min(positive), max(positive)) if positive else (1e-3, 1.0)
        badges = self._badges(kind, values, labels, folded.inside, set(present))
        for use, rows in folded.inside.items():
            card = item(use)
            if isinstance(card, BlockNodeItem) and use in present:
                name = str(card.spec.display_name if card.spec else use)
                card.set_detail(
                    describe_inside(
                        name,
                        rows,
                        _HEADINGS[kind],
                        lambda path, v: value_text(kind, v, labels.get(path, "")),
                    )
                )
        for node, v in present.items():
            self.scene.set_node_tint(node, _color(kind, v, lo, hi))
            self.scene.set_node_badge(node, badges.get(node))
            if node not in folded.inside:
                _set_detail(item(node), tips.get(node))
        untinted = {n for n in tips if n not in present and item(n) is not None}
        for node in untinted:  # a tooltip line says why (activations of a Linear layer)
            self.scene.set_node_tint(node, None)
            self.scene.set_node_badge(node, None)
            _set_detail(item(node), tips[node])
        marked = set(present) | untinted
        for node in self._marked - marked:
            self._clear_node(node)
        self._marked = marked
        self.legend.set_scale(lo, hi, sampled_text(reading), not present, reading.step)
        self.legend.setVisible(bool(self.readings))

    def _badges(
        self,
        kind: str,
        values: dict[str, float],
        labels: dict[str, str],
        inside: dict[str, list[tuple[str, float]]],
        present: set[str],
    ) -> dict[str, str]:
        """Badges of the shown nodes; a use's worst layer's badge marks the use."""
        out: dict[str, str] = {}
        if kind == GRADIENT:
            shown = {k: v for k, v in values.items() if k.partition(".")[0] in present}
            for issue in classify_gradients(shown):
                out.setdefault(
                    issue.node.partition(".")[0], translate("GradientOverlay", _BADGES[issue.kind])
                )
            return out
        for node in present:
            path, v = inside[node][0] if node in inside else (node, values[node])
            text = badge(kind, v, labels.get(path, ""))
            if text is not None:
                out[node] = text
        return out

    def _clear_node(self, node: str) -> None:
        item = self.scene.node_item(node)
        if item is not None:
            self.scene.set_node_tint(node, None)
            self.scene.set_node_badge(node, None)
            _set_detail(item, None)


def _color(kind: str, value: float, lo: float, hi: float) -> QColor:
    if kind == ACTIVATION:
        return share_color(value)
    return update_color(value) if kind == UPDATE else log_color(value, lo, hi)


def _set_detail(item: Any, text: str | None) -> None:
    if item is not None:
        item.set_detail(text)


def _local(values: dict[str, Any], prefix: str | None) -> dict[str, Any]:
    """Keys as the canvas shows them: with a block's body open, its layers' paths in its use
    lose the use's prefix (and the rest of the network is not on the canvas)."""
    if prefix is None:
        return values
    return {k[len(prefix) :]: v for k, v in values.items() if k.startswith(prefix)}


def _shown_prefix(document: Any) -> str | None:
    """``"res_block_1."`` while that use's block is open on the canvas (``"a.b."`` for a
    block opened inside another); "" when the use is not known; None: the network."""
    if document is None or getattr(document, "shown_block", None) is None:
        return None
    navigator = document.navigator
    if len(navigator.use_path) != len(navigator.path):
        return ""
    return "".join(f"{use}." for use in navigator.use_path)


_BADGES = {
    "vanishing": QT_TRANSLATE_NOOP("GradientOverlay", "↓ grad"),
    "exploding": QT_TRANSLATE_NOOP("GradientOverlay", "↑ grad"),
    "non_finite": "NaN",
}
_HEADINGS = {
    GRADIENT: QT_TRANSLATE_NOOP("GradientOverlay", "Gradient norms"),
    ACTIVATION: QT_TRANSLATE_NOOP("GradientOverlay", "Units in trouble"),
    UPDATE: QT_TRANSLATE_NOOP("GradientOverlay", "Update ratios"),
}
TINT_TIPS = {
    GRADIENT: QT_TRANSLATE_NOOP(
        "GradientOverlay", "Tint the canvas's layers by their gradient norm"
    ),
    ACTIVATION: QT_TRANSLATE_NOOP(
        "GradientOverlay", "Tint the canvas's layers by their activations"
    ),
    UPDATE: QT_TRANSLATE_NOOP("GradientOverlay", "Tint the canvas's layers by their update ratio"),
}
