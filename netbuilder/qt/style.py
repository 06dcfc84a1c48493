"""Category colours and fonts shared by the canvas and the panels.

One place for them keeps the palette, the node items and the issues list speaking one colour
language: a layer's category colour is the same wherever the layer appears. The colours
themselves are the theme's (``qt/theme.py`` holds every colour).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QApplication

from netbuilder.qt.theme import current_theme

#: A block's cards (and its entries in the palette) are coloured as this category.
BLOCKS = "Blocks"


def category_color(category: str) -> QColor:
    """The current theme's accent for ``category``; grey for one the theme does not know."""
    return current_theme().category(category)


def category_ink(category: str) -> QColor:
    """The category's colour as text on the current theme's base (the palette's headings)."""
    return current_theme().category_ink(category)


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
