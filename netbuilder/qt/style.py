"""Category colours and fonts shared by the canvas and the panels.

One place for them keeps the palette, the node items and the issues list speaking one colour
language: a layer's category colour is the same wherever the layer appears, in the light and the
dark theme alike (``qt/theme.py`` holds every other colour).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

from netbuilder.model import CATEGORIES

#: One colour per catalogue category (soft, distinguishable, readable with dark text).
CATEGORY_COLORS: dict[str, QColor] = {
    "Input/Output": QColor("#5b8def"),
    "Linear": QColor("#4fb286"),
    "Convolution": QColor("#e0893e"),
    "Pooling": QColor("#d9b53f"),
    "Reshape": QColor("#8f9bb3"),
    "Regularization": QColor("#b07cc6"),
    "Normalization": QColor("#49a6b8"),
    "Embedding": QColor("#c9738f"),
    "Recurrent": QColor("#7a79d6"),
    "Activation": QColor("#8cbf4a"),
    "Merge": QColor("#cf6b5c"),
}
#: Colour of anything unknown (a layer type from a newer version, a category added later).
UNKNOWN_COLOR = QColor("#9e9e9e")
#: A block's cards (and its entries in the palette); its Input/Output ports inside it.
BLOCK_COLOR = QColor("#5c6bc0")
CATEGORY_COLORS["Blocks"] = BLOCK_COLOR
CATEGORY_COLORS["Block ports"] = QColor("#7986cb")
for _category in CATEGORIES:  # a category added to the catalogue still gets a colour
    CATEGORY_COLORS.setdefault(_category, UNKNOWN_COLOR)


def category_color(category: str) -> QColor:
    """The colour for ``category``; grey for one this table does not know."""
    return QColor(CATEGORY_COLORS.get(category, UNKNOWN_COLOR))


def node_font() -> QFont:
    """Font for node titles on the canvas (the application font, semi-bold)."""
    font = QFont(QApplication.font())
    font.setWeight(QFont.Weight.DemiBold)
    return font


def small_font() -> QFont:
    """Font for secondary text: shapes on edges, help lines under inspector fields."""
    font = QFont(QApplication.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(max(7.0, size * 0.88))
    return font


def mono_font() -> QFont:
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


def apply_theme(app: QApplication, name: str = "light") -> None:
    """Theme the application (see ``qt/theme.py``); kept for the benchmarks' scripts."""
    from netbuilder.qt.theme import apply_theme as apply

    apply(app, name)
