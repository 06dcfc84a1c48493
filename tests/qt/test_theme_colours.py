"""Every colour is the theme's: none written outside ``qt/theme.py``, and each reads (WCAG
contrast) on what it is painted on, in the light and the dark theme."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette

from netbuilder.model import CATEGORIES
from netbuilder.qt import theme
from netbuilder.qt.theme import (
    CATEGORIES as CATEGORY_ACCENTS,
)
from netbuilder.qt.theme import (
    CLASSES,
    DARK,
    LIGHT,
    ON_ACCENT,
    SERIES,
    TINT_SEQUENTIAL,
    UNKNOWN_CATEGORY,
    VIOLET,
    Theme,
    apply_theme,
    contrast,
    ink_on,
)

QT_DIR = Path(theme.__file__).resolve().parent
THEMES = pytest.mark.parametrize("t", [LIGHT, DARK], ids=["light", "dark"])

HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
# A colour inside a longer string: a style sheet's or an HTML span's ("color: #d7191c").
EMBEDDED = re.compile(
    r"(?:color|background)\s*:\s*(?:#[0-9a-fA-F]{3,8}\b|rgba?\(\s*\d|[a-z]+\s*[;'\"]|[a-z]+$)"
)
#: Calls whose first argument, a literal, would be a colour.
COLOR_CALLS = {"QColor", "mkColor", "mkPen", "mkBrush", "QBrush", "QPen", "fromRgb", "fromRgbF"}
QT_COLOR_NAMES = {
    "white",
    "black",
    "red",
    "darkRed",
    "green",
    "darkGreen",
    "blue",
    "darkBlue",
    "cyan",
    "darkCyan",
    "magenta",
    "darkMagenta",
    "yellow",
    "darkYellow",
    "gray",
    "darkGray",
    "lightGray",
    "transparent",
    "color0",
    "color1",
}
SINGLE_LETTER = {"r", "g", "b", "c", "m", "y", "k", "w"}  # pyqtgraph's colour shorthands


def _is_literal_color_arg(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            return True
        if isinstance(node.value, str):
            return bool(HEX.fullmatch(node.value)) or node.value in SINGLE_LETTER
    if isinstance(node, ast.Tuple):
        return bool(node.elts) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, (int, float)) for e in node.elts
        )
    return False


def _call_name(node: ast.Call) -> str:
    f = node.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def colour_literals(source: str) -> list[tuple[int, str]]:
    """``(line, what)`` for each colour written in ``source`` as a literal."""
    found: list[tuple[int, str]] = []
    docstrings = {
        id(n.body[0].value)
        for n in ast.walk(ast.parse(source))
        if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and n.body
        and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
    }
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) in docstrings:
                continue
            if HEX.fullmatch(node.value) or EMBEDDED.search(node.value):
                found.append((node.lineno, repr(node.value)))
        elif isinstance(node, ast.Attribute):
            inner = node.value
            if node.attr in QT_COLOR_NAMES and (
                (isinstance(inner, ast.Attribute) and inner.attr == "GlobalColor")
                or (isinstance(inner, ast.Name) and inner.id == "Qt")
            ):
                found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Call) and _call_name(node) in COLOR_CALLS:
            args = list(node.args)
            if args and _is_literal_color_arg(args[0]):
                found.append((node.lineno, ast.unparse(node)))
            for kw in node.keywords:
                if kw.arg in ("color", "brush", "pen") and _is_literal_color_arg(kw.value):
                    found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.keyword) and node.arg in ("brush", "pen", "color"):
            if isinstance(node.value, ast.Tuple) and _is_literal_color_arg(node.value):
                found.append((node.value.lineno, ast.unparse(node)))
    return found


def test_the_scanner_finds_each_kind_of_literal() -> None:
    source = (
        "'''A #123456 in a docstring is no colour.'''\n"
        "a = QColor('#123456')\n"
        "b = QColor(0, 0, 0)\n"
        "c = Qt.GlobalColor.transparent\n"
        "d = Qt.red\n"
        "e = pg.mkPen('w', width=1)\n"
        "f = pg.mkBrush(47, 111, 222, 140)\n"
        "g = pg.LinearRegionItem(brush=(46, 125, 50, 28))\n"
        "h = 'background: rgba(47,111,222,215); color: white;'\n"
        "i = f\"<span style='color:#d7191c'>Red</span>\"\n"
        "j = QColor(name)  # a variable: the theme's\n"
        "k = '#1 of 3'\n"
    )
    lines = [line for line, _ in colour_literals(source)]
    assert sorted(set(lines)) == [2, 3, 4, 5, 6, 7, 8, 9, 10]


def test_no_colour_is_written_outside_the_theme_module() -> None:
    offenders = []
    for path in sorted(QT_DIR.rglob("*.py")):
        if path.name == "theme.py" and path.parent == QT_DIR:
            continue
        for line, what in colour_literals(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(QT_DIR.parent.parent)}:{line}: {what}")
    assert not offenders, "colours outside qt/theme.py:\n" + "\n".join(offenders)


# --- contrast -----------------------------------------------------------------------------

BODY_TEXT = {  # text colour -> what it is written on
    "window_text": ("window", "base", "alternate_base", "button", "tooltip_base", "dock_title"),
    "muted": ("window", "base"),
    "error": ("window", "base"),
    "warning": ("window", "base"),
    "ok": ("window", "base"),
    "link": ("window", "base"),
    "card_text": ("card", "card_unknown", "block_card"),
    "plot_foreground": ("plot_background",),
}
GRAPHICS = {  # lines and marks -> their ground (3:1)
    "valid": ("canvas_background", "card"),
    "wire": ("canvas_background",),
    "reference": ("plot_background",),
    "selection": ("canvas_background", "base"),
    "card_hover": ("card",),
}


@THEMES
def test_body_text_reads_on_its_background(t: Theme) -> None:
    low = [
        f"{fg} on {bg}: {contrast(getattr(t, fg), getattr(t, bg)):.2f}"
        for fg, grounds in BODY_TEXT.items()
        for bg in grounds
        if contrast(getattr(t, fg), getattr(t, bg)) < 4.5
    ]
    assert not low, f"{t.name}: text under 4.5:1: {low}"
    assert contrast(ON_ACCENT, t.selection) >= 4.5  # selected rows, badges


@THEMES
def test_lines_and_accents_read_on_their_ground(t: Theme) -> None:
    low = [
        f"{fg} on {bg}"
        for fg, grounds in GRAPHICS.items()
        for bg in grounds
        if contrast(getattr(t, fg), getattr(t, bg)) < 3
    ]
    for name, color in (*enumerate(SERIES), ("violet", VIOLET), *enumerate(CLASSES)):
        if contrast(color, t.plot_background) < 3:
            low.append(f"plot colour {name} {color} on plot_background")
    for category in (*CATEGORIES, "Blocks", "Block ports", "no such category"):
        for ground in ("card", "canvas_background", "base"):
            if contrast(t.category(category), getattr(t, ground)) < 3:
                low.append(f"{category} on {ground}")
        if contrast(t.category_ink(category), t.base) < 4.5:
            low.append(f"{category}'s heading on base")
    for _, color in TINT_SEQUENTIAL:  # a tint's colour must show on a card
        if contrast(color, t.card) < 1.5:
            low.append(f"tint {color} on card")
    assert not low, f"{t.name}: under 3:1: {low}"


def test_every_catalogue_category_has_its_own_accent() -> None:
    accents = dict(CATEGORY_ACCENTS)
    assert set(CATEGORIES) <= set(accents)
    assert len(set(accents.values())) == len(accents)  # told apart
    assert UNKNOWN_CATEGORY not in accents.values()


def test_the_grounds_and_their_text_differ_between_the_themes() -> None:
    for field in (
        "window",
        "window_text",
        "base",
        "canvas_background",
        "card",
        "card_text",
        "plot_background",
        "plot_foreground",
        "muted",
        "error",
        "link",
        "heat_deep",
        "reference",
    ):
        assert getattr(LIGHT, field) != getattr(DARK, field), field
    assert LIGHT.category_ink("Pooling") != DARK.category_ink("Pooling")  # darker, lighter


def test_ink_on_picks_the_readable_text_colour() -> None:
    assert ink_on("#ffd600").name() != ON_ACCENT  # dark text on yellow
    assert ink_on("#2166ac").name() == ON_ACCENT
    for ground in ("#ffd600", "#2166ac", "#b2182b", "#d7191c", LIGHT.heat_deep, DARK.heat_deep):
        assert contrast(ink_on(ground), ground) >= 4.5, ground


@pytest.fixture
def restore_theme(qapp):
    palette, sheet = QPalette(qapp.palette()), qapp.styleSheet()
    yield
    theme.reset_theme()
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def test_palette_headings_and_card_accents_follow_the_theme(
    qapp, restore_theme, make_window
) -> None:
    apply_theme(qapp, "light")
    window = make_window()
    window.add_layer_at_centre("MaxPool2d")
    item = window.scene.node_items()[0]
    header = window.layer_palette._categories["Pooling"]
    assert header.foreground(0).color() == LIGHT.category_ink("Pooling")
    assert item.accent == LIGHT.category("Pooling")
    apply_theme(qapp, "dark")
    assert header.foreground(0).color() == DARK.category_ink("Pooling")
    assert item.accent == DARK.category("Pooling")


def test_the_confusion_matrix_is_repainted_in_the_new_theme(qapp, restore_theme, qtbot) -> None:
    import numpy as np

    from netbuilder.qt.training.evaluation import EvaluationView

    apply_theme(qapp, "light")
    view = EvaluationView()
    qtbot.addWidget(view)
    view.show_confusion(np.array([[9, 1], [0, 10]]))
    empty = view.confusion.item(1, 0)
    assert empty.background().color() == QColor(LIGHT.base)
    apply_theme(qapp, "dark")
    empty = view.confusion.item(1, 0)
    assert empty.background().color() == QColor(DARK.base)
    full = view.confusion.item(1, 1)
    assert contrast(full.foreground().color(), full.background().color()) >= 4.5


def test_the_lr_range_plot_follows_the_theme(qapp, restore_theme, qtbot) -> None:
    from netbuilder.qt.training.lr_range_view import LrRangeView

    apply_theme(qapp, "light")
    view = LrRangeView()
    qtbot.addWidget(view)
    view.build()
    assert view._curve.opts["pen"].color() == QColor(LIGHT.selection)
    apply_theme(qapp, "dark")
    assert view._curve.opts["pen"].color() == QColor(DARK.selection)
    assert view._marker.pen.color() == QColor(DARK.error)
