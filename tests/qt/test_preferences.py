"""Edit > Preferences: saved with QSettings, shown again in a new window, and applied."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette

from netbuilder.qt import theme
from netbuilder.qt.preferences import Preferences
from netbuilder.qt.recovery import recovery_folder
from netbuilder.qt.theme import DARK, LIGHT, current_theme


@pytest.fixture
def restore_theme(qapp):
    palette, sheet = QPalette(qapp.palette()), qapp.styleSheet()
    yield
    theme.reset_theme()
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def _choose(combo, value: str) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_preferences_persist_across_windows_and_apply(make_window, restore_theme) -> None:
    first = make_window()
    assert first.actions_by_name["preferences"] in first.edit_menu.actions()
    dialog = first.preferences_dialog()
    assert dialog.chosen() == Preferences()  # nothing saved yet: the defaults
    _choose(dialog.theme, "dark")
    assert current_theme() is DARK  # applied at once, before OK
    _choose(dialog.device, "cpu")
    dialog.memory.setValue(2048)
    dialog.inside.setChecked(False)
    dialog.accept()
    assert first.training.inside_every == 0  # the next run records no layer statistics

    second = make_window()
    again = second.preferences_dialog()
    assert again.chosen() == Preferences("dark", "cpu", 2048, inside_statistics=False)
    assert again.folder.text() == str(recovery_folder()) and again.folder.isReadOnly()
    assert second.training.inside_every == 0
    second.new_project()
    training = second.document.project.training
    assert (training.device, training.data_memory_mb) == ("cpu", 2048)


def test_cancel_puts_the_saved_theme_back(make_window, restore_theme, qsettings) -> None:
    Preferences(theme="light").save(qsettings)
    window = make_window()
    dialog = window.preferences_dialog()
    _choose(dialog.theme, "dark")
    assert current_theme() is DARK
    dialog.reject()
    assert current_theme() is LIGHT
    assert Preferences.load(qsettings).theme == "light"


def test_values_not_understood_are_the_defaults(qsettings) -> None:
    qsettings.setValue("preferences/theme", "purple")
    qsettings.setValue("preferences/device", "tpu")
    qsettings.setValue("preferences/data_memory_mb", "lots")
    qsettings.setValue("preferences/inside_statistics", "false")
    assert Preferences.load(qsettings) == Preferences(inside_statistics=False)


def test_open_folder_makes_the_recovery_folder(make_window, monkeypatch, tmp_path) -> None:
    opened = []
    monkeypatch.setattr(
        "netbuilder.qt.preferences.QDesktopServices.openUrl", lambda url: opened.append(url)
    )
    dialog = make_window().preferences_dialog()
    target = tmp_path / "somewhere" / "recovery"
    dialog.open_folder(target)
    assert target.is_dir() and opened[0].toLocalFile() == str(target)
