"""The light and dark themes: every colour the application paints with, in one place.

``apply_theme(app, "system" | "light" | "dark")`` sets the palette and style (``ThemeStyle``) of
the whole application; "system" follows the platform's colour scheme (Qt 6.5+:
``QStyleHints.colorScheme``) and changes with it. Views that paint themselves read
``current_theme()`` when they paint; the ones that cache what they drew (the canvas's
background and cards, the plots' backgrounds) redo it on ``QEvent.PaletteChange``, which Qt
sends to every widget when the application palette changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QProxyStyle,
    QStatusBar,
    QStyle,
    QStyleFactory,
    QStyleOptionDockWidget,
    QToolBar,
)

THEME_NAMES = ("system", "light", "dark")

#: Colours that read on both a light and a dark background: each has a contrast of at least 3:1
#: against the light and the dark theme's plot background (tests/qt/test_theme_colours.py).
#: Plot curves, the first ones in this order.
SERIES = ("#2f6fde", "#da7723", "#3f9b4a", "#b07cc6", "#cf6b5c", "#449cae", "#8491ac")
BLUE, ORANGE, GREEN, VIOLET = SERIES[0], SERIES[1], SERIES[2], "#7a79d6"
#: One colour per class (the data preview's scatter, the decision boundary), in class order.
CLASSES = (
    "#3b78e7",
    "#e5700a",
    "#1e8e3e",
    "#d93025",
    "#9436e6",
    "#12a0ab",
    "#e52592",
    "#7d6b00",
    "#676b71",
    "#a142f4",
)
#: One accent per catalogue category (a card's strip, the palette's swatches, per-layer plot
#: curves), at least 3:1 against the cards and the canvas of both themes. A category missing
#: here gets ``UNKNOWN_CATEGORY``.
CATEGORIES = (
    ("Input/Output", "#4e84ee"),
    ("Linear", "#429671"),
    ("Convolution", "#cb6f21"),
    ("Pooling", "#a28420"),
    ("Reshape", "#7987a4"),
    ("Regularization", "#a971c1"),
    ("Normalization", "#3f92a3"),
    ("Embedding", "#c66b89"),
    ("Recurrent", "#7a79d6"),
    ("Activation", "#6a9334"),
    ("Merge", "#cf6a5b"),
    ("Attention", "#9a7650"),
    ("Blocks", "#6e7bc7"),  # a block's cards, and its entries in the palette
    ("Block ports", "#7683ca"),  # a block's Input/Output ports, inside it
)
UNKNOWN_CATEGORY = "#878787"  # a layer type from a newer version, a category added later
#: A pixmap's fill before an icon is painted on it.
TRANSPARENT = Qt.GlobalColor.transparent
#: Text on a saturated accent (a card's badge, a selected row): white in both themes.
ON_ACCENT = "#ffffff"
#: Dark text, for an accent too light for white text on it (``ink_on`` chooses).
ON_LIGHT = "#1f2328"
#: The drawing pad: light ink on a dark ground in both themes, as the digits a network is
#: trained on are drawn; its frame a grey that shows on either.
PAD_PAPER, PAD_INK, PAD_FRAME = "#000000", "#ffffff", "#808080"
#: The saliency overlay, painted on the faded (light grey) input in both themes: red where
#: pixels raised the class's score, blue where they lowered it; Grad-CAM weak to strong.
SALIENCY_RAISED, SALIENCY_LOWERED = "#b2182b", "#2166ac"
CAM_WEAK, CAM_STRONG = "#ffd600", "#d7191c"
#: Colour maps as (position, colour) stops. The tint's sequential map is viridis from 0.2 to 0.9,
#: without its darkest and lightest ends, so that its every colour shows on a light and a dark
#: card (1.5:1 at least).
TINT_SEQUENTIAL = (
    (0.0, "#414487"),
    (0.25, "#2c728e"),
    (0.5, "#1e9c89"),
    (0.75, "#50c46a"),
    (1.0, "#bcdf27"),
)
#: Update ratio, diverging around the healthy 1e-3: blue (too small), green, amber, red.
TINT_UPDATE = (
    (0.0, "#283593"),
    (1 / 6, "#1e88e5"),
    (1 / 3, "#4fc3f7"),
    (5 / 12, "#43a047"),
    (7 / 12, "#43a047"),
    (2 / 3, "#ffb300"),
    (5 / 6, "#f4511e"),
    (1.0, "#c62828"),
)
#: A share of units in trouble: green (none) to amber to red (all).
TINT_SHARE = ((0.0, "#43a047"), (0.5, "#ffb300"), (1.0, "#d32f2f"))
#: Heat images (histograms over time, gradients over time): they fill their plot, so the
#: whole of viridis, perceptually uniform, reads in both themes.
HEAT_MAP = "viridis"


@dataclass(frozen=True)
class Theme:
    """One variant's colours, as ``#rrggbb`` strings (``color(name)`` for a QColor)."""

    name: str
    # the widgets' palette
    window: str
    window_text: str
    base: str
    alternate_base: str
    button: str
    tooltip_base: str
    disabled_text: str
    dock_title: str
    # text roles
    muted: str  # help lines, secondary text
    error: str
    warning: str
    ok: str
    link: str
    selection: str
    # the canvas
    canvas_background: str
    canvas_grid: str
    card: str
    card_unknown: str  # a layer type this version does not know
    card_border: str
    card_hover: str
    card_text: str
    block_card: str  # the body of a block's card
    valid: str  # a port or target a drag may connect to
    wire: str
    label_border: str  # the box of a shape label on a wire
    overview_frame: str
    overview_edge: str
    # plots and small charts
    plot_background: str
    plot_foreground: str
    bar_track: str
    heat_deep: str  # a confusion matrix's fullest cell (the emptiest is the table's base)
    reference: str  # a plot's reference line (predicted = true)
    banner: str  # the canvas's "training in progress" banner, under ON_ACCENT text

    @property
    def dark(self) -> bool:
        return self.name == "dark"

    def color(self, field: str) -> QColor:
        return QColor(getattr(self, field))

    def category(self, category: str) -> QColor:
        """The accent of a catalogue category (``UNKNOWN_CATEGORY``'s grey for any other)."""
        return QColor(dict(CATEGORIES).get(category, UNKNOWN_CATEGORY))

    def category_ink(self, category: str) -> QColor:
        """The category's colour as text on this theme's base (a palette heading): its accent
        blended toward the text colour until it reads (4.5:1)."""
        return readable(self.category(category), QColor(self.base), QColor(self.window_text))

    def palette(self) -> QPalette:
        pal = QPalette()
        role = QPalette.ColorRole
        for r, value in (
            (role.Window, self.window),
            (role.WindowText, self.window_text),
            (role.Base, self.base),
            (role.AlternateBase, self.alternate_base),
            (role.Text, self.window_text),
            (role.Button, self.button),
            (role.ButtonText, self.window_text),
            (role.BrightText, self.error),
            (role.Highlight, self.selection),
            (role.HighlightedText, ON_ACCENT),
            (role.ToolTipBase, self.tooltip_base),
            (role.ToolTipText, self.window_text),
            (role.PlaceholderText, self.muted),
            (role.Link, self.link),
            (role.LinkVisited, self.link),
        ):
            pal.setColor(r, QColor(value))
        # Fusion shades its frames and bevels from these.
        base = QColor(self.button)
        pal.setColor(role.Light, base.lighter(130))
        pal.setColor(role.Midlight, base.lighter(115))
        pal.setColor(role.Mid, base.darker(130) if not self.dark else base.lighter(140))
        pal.setColor(role.Dark, base.darker(160) if not self.dark else base.darker(140))
        pal.setColor(role.Shadow, QColor("#000000"))
        for r in (role.WindowText, role.Text, role.ButtonText):
            pal.setColor(QPalette.ColorGroup.Disabled, r, QColor(self.disabled_text))
        return pal


LIGHT = Theme(
    name="light",  # i18n: ignore (an identifier)
    window="#f3f4f6",
    window_text="#1f2328",
    base="#ffffff",
    alternate_base="#f6f8fa",
    button="#f6f7f9",
    tooltip_base="#fffef5",
    disabled_text="#a0a4ab",
    dock_title="#eceff3",
    muted="#6b6f76",
    error="#c62828",
    warning="#a85a00",
    ok="#2e7d32",
    link="#2760c4",
    selection="#2f6fde",
    canvas_background="#f6f7f9",
    canvas_grid="#e4e7ec",
    card="#ffffff",
    card_unknown="#eeeff1",
    card_border="#c5cad3",
    card_hover="#8a93a3",
    card_text="#1f2328",
    block_card="#eef0fb",
    valid="#2e9d57",
    wire="#7d8590",
    label_border="#d5d9e0",
    overview_frame="#b8bec9",
    overview_edge="#9aa1ad",
    plot_background="#ffffff",
    plot_foreground="#1f2328",
    bar_track="#eef1f5",
    heat_deep="#2f6fde",
    reference="#6b6f76",
    banner="#2f6fde",
)

DARK = Theme(
    name="dark",  # i18n: ignore (an identifier)
    window="#25272b",
    window_text="#e6e8eb",
    base="#1b1d20",
    alternate_base="#222428",
    button="#2e3136",
    tooltip_base="#2e3136",
    disabled_text="#6e747c",
    dock_title="#2e3136",
    muted="#a0a6af",
    error="#ff6b6b",
    warning="#f5a742",
    ok="#63c46f",
    link="#6ea0ff",
    selection="#2f6fde",
    canvas_background="#1c1e22",
    canvas_grid="#2a2d32",
    card="#2b2e34",
    card_unknown="#35373c",
    card_border="#4a4f57",
    card_hover="#8a93a3",
    card_text="#e6e8eb",
    block_card="#2f3348",
    valid="#3fbf6e",
    wire="#9aa1ab",
    label_border="#4a4f57",
    overview_frame="#4a4f57",
    overview_edge="#7d8590",
    plot_background="#1b1d20",
    plot_foreground="#d6d9de",
    bar_track="#2e3136",
    heat_deep="#2a5db8",
    reference="#a0a6af",
    banner="#2f6fde",
)

THEMES = {"light": LIGHT, "dark": DARK}


def luminance(color: QColor) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.redF(), color.greenF(), color.blueF()
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(a: QColor | str, b: QColor | str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21 (text wants 4.5, graphics 3)."""
    la, lb = sorted((luminance(QColor(a)), luminance(QColor(b))))
    return (lb + 0.05) / (la + 0.05)


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved ``t`` (0..1) of the way to ``b``."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


def readable(color: QColor, background: QColor, toward: QColor, ratio: float = 4.5) -> QColor:
    """``color`` as it is if it reads on ``background``, else blended toward ``toward`` (a text
    colour) just enough that it does."""
    for step in range(11):
        out = blend(color, toward, step / 10)
        if contrast(out, background) >= ratio:
            return out
    return QColor(toward)


def ink_on(background: QColor | str) -> QColor:
    """White or dark text, whichever reads better on ``background``."""
    light, dark = QColor(ON_ACCENT), QColor(ON_LIGHT)
    return light if contrast(light, background) >= contrast(dark, background) else dark


def color_map(stops: tuple[tuple[float, str], ...] | str) -> Any:
    """A pyqtgraph ColorMap of ``stops`` (``TINT_UPDATE``...) or of a named map (``HEAT_MAP``);
    pyqtgraph is imported here, on first use, not with the theme."""
    import pyqtgraph as pg

    if isinstance(stops, str):
        return pg.colormap.get(stops)
    return pg.ColorMap(pos=[p for p, _ in stops], color=[c for _, c in stops])


class _State:
    current: Theme = LIGHT
    choice: str = "light"  # what was asked for: "system" follows the platform
    following: bool = False  # connected to the platform's colorSchemeChanged
    style: ThemeStyle | None = None  # the application's, once a theme is applied


class ThemeNotifier(QObject):
    """``changed(Theme)`` after a theme has been applied."""

    changed = Signal(object)


_notifier: ThemeNotifier | None = None


def theme_notifier() -> ThemeNotifier:
    global _notifier
    if _notifier is None:
        _notifier = ThemeNotifier()
    return _notifier


def current_theme() -> Theme:
    """The theme applied last (light until one is)."""
    return _State.current


def theme_color(field: str) -> QColor:
    """A colour of the current theme by its field name: ``theme_color("error")``."""
    return _State.current.color(field)


#: Style icons drawn in black (Fusion's arrows and frames): unreadable on a dark theme.
MONOCHROME_ICONS = frozenset({"SP_ArrowBack", "SP_ArrowForward", "SP_TitleBarMaxButton"})


def themed_icon(icon: QIcon, name: str) -> QIcon:
    """``icon`` as it is, or, for a black one on the dark theme, painted in its text colour."""
    if name not in MONOCHROME_ICONS or not _State.current.dark:
        return icon
    out = QIcon()
    color = _State.current.color("window_text")
    for size in icon.availableSizes() or [QSize(16, 16), QSize(24, 24)]:
        for mode in (QIcon.Mode.Normal, QIcon.Mode.Disabled):
            pixmap = icon.pixmap(size, mode)
            painter = QPainter(pixmap)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
            ink = QColor(color if mode == QIcon.Mode.Normal else _State.current.disabled_text)
            painter.fillRect(pixmap.rect(), ink)
            painter.end()
            out.addPixmap(pixmap, mode)
    return out


def theme_choice() -> str:
    return _State.choice


def system_theme() -> Theme:
    """Dark when the platform says its colour scheme is dark, else light."""
    hints = QGuiApplication.styleHints()
    return DARK if hints.colorScheme() == Qt.ColorScheme.Dark else LIGHT


def resolve(name: str) -> Theme:
    return system_theme() if name == "system" else THEMES.get(name, LIGHT)


# --- the style: Fusion and a few touches -----------------------------------------------------
#
# Not a style sheet: one on the application puts every widget through QStyleSheetStyle, which
# cost the window's start-up 70-80 ms (even with a single rule). The touches are applied where
# the style sheet applied them: when a widget is polished (labels), and in the drawing of the
# docks' title bars and the toolbar, which get a style of their own (``ChromeStyle``) so that
# only their metrics, not every widget's, go through Python.

#: ``QLabel`` property ``role``: the theme colour of its text.
ROLE_COLORS = {"help": "muted", "error": "error"}
HEADING_WEIGHT = QFont.Weight.DemiBold  # ``role`` "heading" (600)
STATUS_LABEL_PADDING = 6  # px left and right of a label in the status bar
DOCK_TITLE_MARGIN = 4  # px around a dock's title
DOCK_TITLE_PADDING = 6  # px more before and after its text
TOOLBAR_SPACING = 2  # px between a toolbar's buttons


def style_label(label: QLabel) -> None:
    """A label's text colour or weight from its ``role`` property (help, error, heading), in
    the current theme; a label in the status bar gets room either side."""
    role = label.property("role")
    if role in ROLE_COLORS and not label.styleSheet():  # (its own style sheet decides)
        color = _State.current.color(ROLE_COLORS[role])
        palette = label.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            for text in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
                palette.setColor(group, text, color)
        for text in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
            palette.setColor(QPalette.ColorGroup.Disabled, text, color)
        label.setPalette(palette)
    elif role == "heading" and label.font().weight() != HEADING_WEIGHT:
        font = label.font()
        font.setWeight(HEADING_WEIGHT)
        label.setFont(font)
    parent = label.parentWidget()
    while parent is not None and not isinstance(parent, QStatusBar):
        parent = parent.parentWidget()
    if parent is not None and label.contentsMargins().isNull():
        pad = STATUS_LABEL_PADDING
        label.setContentsMargins(pad, 0, pad, 0)
        if label.indent() < 0:  # what QLabel gives a label with a frame: an "x" more room
            label.setIndent(label.fontMetrics().horizontalAdvance("x"))


_PM = QStyle.PixelMetric
CHROME_METRICS = {
    _PM.PM_DockWidgetTitleMargin: DOCK_TITLE_MARGIN,
    _PM.PM_ToolBarItemSpacing: TOOLBAR_SPACING,
    _PM.PM_ToolBarFrameWidth: 0,  # a toolbar without a border
    _PM.PM_ToolBarItemMargin: 0,
}
_proxy_metric = QProxyStyle.pixelMetric


class ChromeStyle(QProxyStyle):
    """The docks' and the toolbar's style: a dock's title on the theme's ``dock_title`` with
    room around it; a flat toolbar, its buttons close together."""

    def pixelMetric(  # noqa: N802 - Qt override
        self, metric: QStyle.PixelMetric, option: Any = None, widget: Any = None
    ) -> int:
        # Called some 3,000 times while the window opens: kept short.
        value = CHROME_METRICS.get(metric)
        return _proxy_metric(self, metric, option, widget) if value is None else value

    def drawControl(  # noqa: N802 - Qt override
        self, element: QStyle.ControlElement, option: Any, painter: Any, widget: Any = None
    ) -> None:
        if element == QStyle.ControlElement.CE_ToolBar:
            return  # no panel or border: the window's background
        if element == QStyle.ControlElement.CE_DockWidgetTitle:
            painter.fillRect(option.rect, _State.current.color("dock_title"))
            option = QStyleOptionDockWidget(option)
            pad = DOCK_TITLE_PADDING
            option.rect = option.rect.adjusted(pad, 0, -pad, 0)
        super().drawControl(element, option, painter, widget)


class ThemeStyle(QProxyStyle):
    """The application's style: Fusion on every platform (and offscreen), so both variants
    look alike; labels styled by ``style_label``, docks and toolbars by ``ChromeStyle``."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.chrome = ChromeStyle(QStyleFactory.create("Fusion"))

    def polish(self, target: Any) -> Any:  # QStyle.polish: of a widget, the app, a palette
        result = super().polish(target)
        if isinstance(target, QLabel):
            style_label(target)
        elif isinstance(target, QDockWidget | QToolBar) and target.style() is not self.chrome:
            target.setStyle(self.chrome)
        return result


def apply_theme(app: QApplication, name: str = "light") -> Theme:
    """Theme the whole application: ``"system"`` (following the platform), ``"light"`` or
    ``"dark"``, in the style ``ThemeStyle`` (Fusion on every platform)."""
    if name not in THEME_NAMES:
        name = "system"
    _State.choice = name
    if not isinstance(app.style(), ThemeStyle):
        _State.style = ThemeStyle()  # (kept: the application does not own a Python object)
        app.setStyle(_State.style)
    if not _State.following:
        QGuiApplication.styleHints().colorSchemeChanged.connect(on_color_scheme_changed)
        _State.following = True
    theme = resolve(name)
    _set(app, theme)
    return theme


def on_color_scheme_changed(scheme: Qt.ColorScheme) -> None:
    """The platform's scheme changed: follow it when the choice is "system"."""
    app = QApplication.instance()
    if _State.choice != "system" or not isinstance(app, QApplication):
        return
    _set(app, DARK if scheme == Qt.ColorScheme.Dark else LIGHT)


def _set(app: QApplication, theme: Theme) -> None:
    _State.current = theme
    app.setPalette(theme.palette())
    for widget in app.allWidgets():
        if not widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
            continue  # (styled when it is)
        if widget.styleSheet():  # its style sheet's palette is redone, from the new one
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        elif isinstance(widget, QLabel):  # a help or error label's colour follows
            style_label(widget)
    theme_notifier().changed.emit(theme)


def reset_theme() -> None:
    """Forget the applied theme (tests): light, not following the platform."""
    if _State.following:
        QGuiApplication.styleHints().colorSchemeChanged.disconnect(on_color_scheme_changed)
    _State.current, _State.choice, _State.following = LIGHT, "light", False
