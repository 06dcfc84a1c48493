"""Gradient overlay on the canvas: nodes tinted by gradient norm, badges for sick gradients.

Colours come from a log scale spanning the current norms (the legend is placed by the
training controller, in a strip above the canvas).
``classify_gradients`` is pure: a node whose norm is non-finite, far below the median
(vanishing, < ``VANISH_RATIO`` x median) or far above it (exploding, > ``EXPLODE_RATIO`` x
median) gets a badge on the canvas and an explained row in the Issues list.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget

from netbuilder.qt.canvas.block_card import BlockNodeItem
from netbuilder.qt.training.block_gradients import describe_inside, fold_block_norms

VANISH_RATIO = 1e-3
EXPLODE_RATIO = 1e3
UPDATE_INTERVAL_S = 1.0  # the canvas recolours nodes once a second
_CMAP = pg.colormap.get("viridis")
_LEGEND_STOPS = [(i / 8, _CMAP.map(i / 8, mode="qcolor")) for i in range(9)]


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
                    f"gradient is {v} (NaN or infinity): training cannot continue; lower the "
                    "learning rate, clip gradients, or check the data for NaN values",
                )
            )
        elif len(finite) >= 2 and median > 0 and v < VANISH_RATIO * median:
            issues.append(
                GradientIssue(
                    node,
                    "vanishing",
                    v,
                    f"vanishing gradient: {v:.2e} is over 1000x below the median ({median:.2e}); "
                    "this layer barely learns (try ReLU instead of sigmoid/tanh, normalisation, "
                    "residual connections or a better initialisation)",
                )
            )
        elif len(finite) >= 2 and median > 0 and v > EXPLODE_RATIO * median:
            issues.append(
                GradientIssue(
                    node,
                    "exploding",
                    v,
                    f"exploding gradient: {v:.2e} is over 1000x above the median "
                    f"({median:.2e}); lower the learning rate or enable gradient clipping",
                )
            )
    return issues


def log_color(value: float, lo: float, hi: float) -> QColor:
    """Colour of ``value`` on a log scale from ``lo`` to ``hi`` (viridis)."""
    if not math.isfinite(value) or value <= 0:
        return QColor("#d32f2f")
    a, b = math.log10(max(lo, 1e-30)), math.log10(max(hi, 1e-30))
    t = 0.5 if b <= a else (math.log10(value) - a) / (b - a)
    c: QColor = _CMAP.map(min(1.0, max(0.0, t)), mode="qcolor")
    c.setAlpha(150)
    return c


class GradientLegend(QLabel):
    """A small colour bar with the log range, painted in a corner of the canvas."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("gradientLegend")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFixedSize(230, 46)
        self.lo, self.hi = 1e-3, 1.0
        self.hide()

    def set_range(self, lo: float, hi: float) -> None:
        self.lo, self.hi = lo, hi
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(QColor(255, 255, 255, 225))
        p.setPen(QColor("#c9ced6"))
        p.drawRoundedRect(self.rect().adjusted(0, 0, -1, -1), 5, 5)
        grad = QLinearGradient(10, 0, self.width() - 10, 0)
        grad.setStops(_LEGEND_STOPS)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(grad)
        p.drawRect(10, 22, self.width() - 20, 10)
        p.setPen(QColor("#1f2328"))
        p.drawText(QPoint(10, 16), "Gradient norm (log)")
        p.drawText(QPoint(10, 44), f"{self.lo:.1e}")
        hi = f"{self.hi:.1e}"
        p.drawText(QPoint(self.width() - 10 - p.fontMetrics().horizontalAdvance(hi), 44), hi)
        p.end()


class GradientOverlay:
    """Tints ``scene``'s nodes from per-node gradient norms; keeps the last issues found."""

    def __init__(self, scene: Any, view: Any) -> None:
        self.scene = scene
        self.view = view
        self.legend = GradientLegend(view)  # a child of the view: not scrolled with the canvas
        self.issues: list[GradientIssue] = []
        self.norms: dict[str, float] = {}
        self._tinted: set[str] = set()

    def update(self, norms: dict[str, float]) -> list[GradientIssue]:
        """Recolour from ``norms`` (node id, or layer path ``use.inner`` inside a block use ->
        latest gradient norm); returns the issues (a layer inside a use: by its path)."""
        self.norms = dict(norms)
        folded = fold_block_norms(norms)
        present = {n: v for n, v in folded.per_node.items() if self.scene.node_item(n) is not None}
        positive = [v for v in present.values() if math.isfinite(v) and v > 0]
        lo, hi = (min(positive), max(positive)) if positive else (1e-3, 1.0)
        layers = {k: v for k, v in norms.items() if k.partition(".")[0] in present}
        self.issues = classify_gradients(layers)
        badges: dict[str, str] = {}
        for issue in self.issues:  # the worst issue of a use's layers marks the use
            badges.setdefault(issue.node.partition(".")[0], _BADGES[issue.kind])
        for use, rows in folded.inside.items():
            item = self.scene.node_item(use)
            if isinstance(item, BlockNodeItem):
                item.set_detail(
                    describe_inside(str(item.spec.display_name if item.spec else use), rows)
                )
        for node, v in present.items():
            self.scene.set_node_tint(node, log_color(v, lo, hi))
            self.scene.set_node_badge(node, badges.get(node))
        for node in self._tinted - set(present):
            self._clear_node(node)
        self._tinted = set(present)
        self.legend.set_range(lo, hi)
        self.legend.setVisible(bool(present))
        return self.issues

    def clear(self) -> None:
        for node in self._tinted:
            self._clear_node(node)
        self._tinted = set()
        self.issues, self.norms = [], {}
        self.legend.hide()

    def _clear_node(self, node: str) -> None:
        item = self.scene.node_item(node)
        if item is not None:
            self.scene.set_node_tint(node, None)
            self.scene.set_node_badge(node, None)
            if isinstance(item, BlockNodeItem):
                item.set_detail(None)


_BADGES = {"vanishing": "↓ grad", "exploding": "↑ grad", "non_finite": "NaN"}
