"""Colours and fonts shared by the canvas and the panels, and the light application theme.

One place for them keeps the palette, the node items and the issues list speaking one colour
language: a layer's category colour is the same wherever the layer appears.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
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
ERROR_COLOR = QColor("#d32f2f")
WARNING_COLOR = QColor("#ef8f00")
OK_COLOR = QColor("#2e7d32")
MUTED_TEXT_COLOR = QColor("#6b6f76")
CANVAS_BACKGROUND = QColor("#f6f7f9")
CANVAS_GRID = QColor("#e4e7ec")
SELECTION_COLOR = QColor("#2f6fde")

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


_STYLESHEET = """
QDockWidget::title { padding: 4px 6px; background: #eceff3; }
QToolBar { spacing: 2px; border: none; }
QStatusBar QLabel { padding: 0 6px; }
QLabel[role="help"] { color: #6b6f76; }
QLabel[role="error"] { color: #d32f2f; }
QLabel[role="heading"] { font-weight: 600; }
"""


def apply_theme(app: QApplication) -> None:
    """A calm light theme on Fusion, the same on every platform (and offscreen)."""
    app.setStyle("Fusion")
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor("#f3f4f6"))
    pal.setColor(QPalette.ColorRole.WindowText, QColor("#1f2328"))
    pal.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#f6f8fa"))
    pal.setColor(QPalette.ColorRole.Text, QColor("#1f2328"))
    pal.setColor(QPalette.ColorRole.Button, QColor("#f6f7f9"))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor("#1f2328"))
    pal.setColor(QPalette.ColorRole.Highlight, SELECTION_COLOR)
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor("#fffef5"))
    pal.setColor(QPalette.ColorRole.ToolTipText, QColor("#1f2328"))
    pal.setColor(QPalette.ColorRole.PlaceholderText, MUTED_TEXT_COLOR)
    pal.setColor(QPalette.ColorRole.Link, SELECTION_COLOR)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#a0a4ab"))
    app.setPalette(pal)
    app.setStyleSheet(_STYLESHEET)
