"""The tint's legend over the canvas: a choice of what the tint shows, its colour bar and scale.

The choice sits on the legend because that is where a user looking at the tinted canvas
looks; the View menu has the same three entries. The legend lives in the strip the training
controller keeps above the canvas, so unlike the old colour bar it takes mouse clicks.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QLinearGradient, QPainter, QPaintEvent
from PySide6.QtWidgets import QComboBox, QFrame, QWidget

from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, translate
from netbuilder.qt.theme import current_theme
from netbuilder.qt.training.tint import (
    ACTIVATION,
    GRADIENT,
    KINDS,
    UPDATE,
    kind_label,
    legend_stops,
)

# Combo and caption on the left, bar and scale on the right: one row as high as the old
# legend, so the strip above the canvas (a small window's canvas is short) grows no taller.
WIDTH, HEIGHT = 400, 46
_PAD = 8
_COMBO_W = 130
_BAR_X, _BAR_Y, _BAR_H = _PAD + _COMBO_W + 12, 14, 10

_EXPLAINED = {
    GRADIENT: QT_TRANSLATE_NOOP(
        "TintLegend",
        "Gradient norm of each layer at the latest sample, on a log scale spanning the "
        "current norms: the colour says how a layer compares with the others.",
    ),
    ACTIVATION: QT_TRANSLATE_NOOP(
        "TintLegend",
        "Share of units in trouble, 0-100 %: dead units (always 0 over the batch) of "
        "ReLU layers, saturated outputs of sigmoid and tanh layers. Other layers have no such "
        "share and are not tinted; their tooltip gives the output's mean and std.",
    ),
    UPDATE: QT_TRANSLATE_NOOP(
        "TintLegend",
        "Update-to-weight ratio of the latest sampled step, ||Δw|| / ||w||, on a log "
        "scale centred on 1e-3, the rule of thumb: blue, the layer barely moves; red, it jumps. "
        "Only layers with weights have one.",
    ),
}


class TintLegend(QFrame):
    """A combo for the kind shown, a colour bar and its scale; ``kind_chosen`` when the
    user picks another kind (``set_kind`` from code does not emit)."""

    kind_chosen = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("tintLegend")
        self.setFixedSize(WIDTH, HEIGHT)
        self.kind = GRADIENT
        self.lo, self.hi = 1e-3, 1.0  # the gradient scale's ends
        self.caption = ""  # "sampled every 37 steps"
        self.empty = False  # nothing of this kind to show yet
        self.combo = QComboBox(self)
        self.combo.setObjectName("tintKind")
        for kind in KINDS:
            self.combo.addItem(kind_label(kind), kind)
        self.combo.setToolTip(translate("TintLegend", "What the tint of the canvas shows"))
        self.combo.move(_PAD - 2, 3)
        self.combo.resize(_COMBO_W, min(24, self.combo.sizeHint().height()))
        self.combo.activated.connect(lambda i: self.kind_chosen.emit(self.combo.itemData(i)))
        self.hide()

    def set_kind(self, kind: str) -> None:
        self.kind = kind
        self.combo.setCurrentIndex(KINDS.index(kind))
        self.setToolTip(translate("TintLegend", _EXPLAINED[kind]))
        self.update()

    def set_scale(self, lo: float, hi: float, caption: str, empty: bool, step: int = 0) -> None:
        """The scale's ends (gradient norms), "sampled every 37 steps", nothing to show yet;
        ``step``: the sample's step (the rate can have changed since, so the tooltip says it)."""
        self.lo, self.hi, self.caption, self.empty = lo, hi, caption, empty
        explained = translate("TintLegend", _EXPLAINED[self.kind])
        if step:
            explained = translate(
                "TintLegend", "{explained}\nThe values shown are from step {step}."
            ).format(explained=explained, step=step)
        self.setToolTip(explained)
        self.update()

    def text(self) -> str:
        """What the legend says, as words (tests, accessibility)."""
        left, middle, right = self._ticks()
        return f"{kind_label(self.kind)}, {self.caption}: {left} | {middle} | {right}"

    def _ticks(self) -> tuple[str, str, str]:
        if self.empty:
            return "", translate("TintLegend", "no values yet"), ""
        if self.kind == ACTIVATION:
            return "0%", translate("TintLegend", "dead / saturated units"), "100%"
        if self.kind == UPDATE:
            return (
                translate("TintLegend", "1e-6 too small"),
                "1e-3",
                translate("TintLegend", "too large 1"),
            )
        return f"{self.lo:.1e}", translate("TintLegend", "log scale"), f"{self.hi:.1e}"

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        theme = current_theme()
        ink = theme.color("window_text")
        back = theme.color("base")
        back.setAlpha(235)  # the canvas shows through a little
        p.setBrush(back)
        p.setPen(theme.color("card_border"))
        p.drawRoundedRect(self.rect().adjusted(0, 0, -1, -1), 5, 5)
        font = p.font()
        font.setPointSizeF(max(6.5, font.pointSizeF() * 0.88))
        p.setFont(font)
        metrics = p.fontMetrics()
        base = HEIGHT - 7
        p.setPen(theme.color("muted"))
        caption = self.caption
        if metrics.horizontalAdvance(caption) > _COMBO_W:  # "every 177 steps" says it all
            caption = caption.removeprefix("sampled ")  # English only: Chinese is short
        caption = metrics.elidedText(caption, Qt.TextElideMode.ElideRight, _COMBO_W)
        p.drawText(QPoint(_PAD, base), caption)
        width = WIDTH - _PAD - _BAR_X
        if not self.empty:
            grad = QLinearGradient(_BAR_X, 0, _BAR_X + width, 0)
            grad.setStops(legend_stops(self.kind))
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(grad)
            p.drawRect(_BAR_X, _BAR_Y, width, _BAR_H)
            if self.kind == UPDATE:  # the healthy middle, marked
                p.setPen(ink)
                mid = _BAR_X + width // 2
                p.drawLine(mid, _BAR_Y - 3, mid, _BAR_Y + _BAR_H + 2)
        left, middle, right = self._ticks()
        p.setPen(ink)
        p.drawText(QPoint(_BAR_X, base), left)
        p.drawText(QPoint(_BAR_X + width - metrics.horizontalAdvance(right), base), right)
        p.drawText(QPoint(_BAR_X + (width - metrics.horizontalAdvance(middle)) // 2, base), middle)
        p.end()
