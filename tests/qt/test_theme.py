"""The light and dark themes: the system's scheme followed, the canvas and plots repainted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel

from netbuilder.qt import theme
from netbuilder.qt.theme import DARK, LIGHT, apply_theme, current_theme

ROOT = Path(__file__).resolve().parents[2]


class _Hints(QObject):
    """Stands in for QStyleHints: the offscreen platform never reports a scheme."""

    colorSchemeChanged = Signal(Qt.ColorScheme)  # noqa: N815 - Qt's name
    scheme = Qt.ColorScheme.Dark

    def colorScheme(self) -> Qt.ColorScheme:  # noqa: N802 - Qt's name
        return self.scheme


@pytest.fixture
def themed(qapp, monkeypatch):
    """The application themable by the test, as it was afterwards; the system scheme is
    ``hints.scheme`` (dark unless the test says otherwise)."""
    hints = _Hints()
    monkeypatch.setattr(theme.QGuiApplication, "styleHints", staticmethod(lambda: hints))
    palette, sheet = QPalette(qapp.palette()), qapp.styleSheet()
    yield hints
    theme.reset_theme()
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def _window_color(qapp) -> str:
    return qapp.palette().color(QPalette.ColorRole.Window).name()


def _text_color(label: QLabel) -> str:
    return label.palette().color(QPalette.ColorRole.WindowText).name()


def test_the_dark_theme_is_applied_when_the_system_says_dark(qapp, themed) -> None:
    assert apply_theme(qapp, "system") is DARK
    assert current_theme() is DARK and _window_color(qapp) == DARK.window
    help_label = QLabel("a help line")
    help_label.setProperty("role", "help")
    help_label.ensurePolished()
    assert _text_color(help_label) == DARK.muted  # help labels' colour
    themed.colorSchemeChanged.emit(Qt.ColorScheme.Light)  # the user switched the desktop
    assert current_theme() is LIGHT and _window_color(qapp) == LIGHT.window
    assert _text_color(help_label) == LIGHT.muted
    themed.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert current_theme() is DARK


def test_a_chosen_theme_ignores_the_system(qapp, themed) -> None:
    apply_theme(qapp, "light")
    themed.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert current_theme() is LIGHT and _window_color(qapp) == LIGHT.window
    apply_theme(qapp, "dark")
    themed.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert current_theme() is DARK


def _pixel(window, scene_point: QPointF) -> str:
    image = window.view.viewport().grab().toImage()
    at = window.view.mapFromScene(scene_point)
    ratio = image.devicePixelRatio()
    return image.pixelColor(round(at.x() * ratio), round(at.y() * ratio)).name()


def test_the_canvas_cards_and_plots_follow_the_theme(qapp, themed, make_window, qtbot) -> None:
    apply_theme(qapp, "light")
    window = make_window()
    window.add_layer_at_centre("Linear")
    item = window.scene.node_items()[0]
    card = item.mapToScene(QPointF(item.boundingRect().center().x(), item._rect.bottom() - 3))
    blank = window.view.mapToScene(5, 5)
    assert _pixel(window, blank) == LIGHT.canvas_background
    assert _pixel(window, card) == LIGHT.card
    plot = window.training_plots.loss_plot
    assert plot.backgroundBrush().color() == QColor(LIGHT.plot_background)

    apply_theme(qapp, "dark")
    qtbot.waitUntil(lambda: _pixel(window, blank) == DARK.canvas_background)
    assert _pixel(window, card) == DARK.card
    assert {color.name() for *_, color in item._lines} >= {DARK.card_text, DARK.muted}
    assert plot.backgroundBrush().color() == QColor(DARK.plot_background)
    assert DARK.plot_foreground in plot.getPlotItem().titleLabel.text
    axis = plot.getPlotItem().getAxis("left")
    assert axis.textPen().color() == QColor(DARK.plot_foreground)
    assert DARK.block_card in window.breadcrumb.styleSheet()  # an open block's bar


def test_the_application_starts_in_the_saved_theme(tmp_path: Path) -> None:
    config = tmp_path / "netbuilder"
    config.mkdir()
    (config / "netbuilder.conf").write_text("[preferences]\ntheme=dark\n", encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    code = (
        "from netbuilder.qt.app import make_application; from netbuilder.qt.theme import "
        "current_theme; from PySide6.QtGui import QPalette; app = make_application(); "
        "print(current_theme().name, app.palette().color(QPalette.ColorRole.Window).name())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["dark", DARK.window]


def test_labels_are_styled_by_their_role_without_an_application_style_sheet(
    qapp, themed, make_window
) -> None:
    # A style sheet on the application would put every widget through QStyleSheetStyle (70-80
    # ms of the window's start-up): the theme's touches come from its style instead.
    apply_theme(qapp, "light")
    assert qapp.styleSheet() == ""
    labels = {}
    for role in ("help", "error", "heading"):
        labels[role] = QLabel(role)
        labels[role].setProperty("role", role)
        labels[role].ensurePolished()
    assert _text_color(labels["help"]) == LIGHT.muted
    assert _text_color(labels["error"]) == LIGHT.error
    assert labels["heading"].font().weight() == QFont.Weight.DemiBold
    window = make_window()
    params = window.statusBar().findChild(QLabel, "paramsLabel")
    params.ensurePolished()
    assert params.contentsMargins().left() == params.contentsMargins().right() == 6
    apply_theme(qapp, "dark")
    assert _text_color(labels["error"]) == DARK.error
