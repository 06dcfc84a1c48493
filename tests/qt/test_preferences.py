"""Edit > Preferences: saved with QSettings, shown again in a new window, and applied."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QPushButton

from netbuilder.io import project_to_dict
from netbuilder.io.recovery import write_recovery
from netbuilder.model import Project
from netbuilder.qt import theme
from netbuilder.qt.preferences import Preferences
from netbuilder.qt.recovery import (
    default_recovery_folder,
    earlier_recovery_folders,
    offer_recovery,
    recovery_folder,
)
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
    assert again.folder.text() == str(recovery_folder()) and not again.folder.isReadOnly()
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


TIMEOUT = 10_000


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_the_recovery_folder_is_chosen_saved_and_used(
    make_window, qtbot, qsettings, tmp_path: Path
) -> None:
    window = make_window()
    window.autosaver.set_interval(0)
    assert window.autosaver.folder == default_recovery_folder()
    dialog = window.preferences_dialog()
    assert dialog.folder.text() == str(default_recovery_folder())
    mine = tmp_path / "my autosaves"
    asked: list[Path] = []
    dialog.ask_folder = lambda start: asked.append(start) or str(mine)  # type: ignore[method-assign]
    dialog.findChild(QPushButton, "chooseRecoveryFolder").click()
    assert asked == [default_recovery_folder()] and dialog.folder.text() == str(mine)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert mine.is_dir() and window.autosaver.folder == mine  # from now on

    # Stored in the ini file: another QSettings on it (another start) reads the same folder.
    qsettings.sync()
    again = QSettings(qsettings.fileName(), QSettings.Format.IniFormat)
    assert again.value("preferences/recovery_folder") == str(mine)
    assert Preferences.load(again).recovery_folder == str(mine) == str(recovery_folder(again))
    assert earlier_recovery_folders(again) == [default_recovery_folder()]

    with qtbot.waitSignal(window.autosaver.written, timeout=TIMEOUT) as blocker:
        window.document.add_node("ReLU", (0.0, 0.0))
    assert blocker.args[0].parent == mine

    second = make_window()
    assert second.autosaver.folder == mine
    assert second.preferences_dialog().folder.text() == str(mine)


def test_back_to_the_default_saves_no_folder(make_window, qsettings, tmp_path: Path) -> None:
    Preferences(recovery_folder=str(tmp_path / "elsewhere")).save(qsettings)
    window = make_window()
    assert window.autosaver.folder == tmp_path / "elsewhere"
    dialog = window.preferences_dialog()
    dialog.folder.setText("")  # empty: the default
    dialog.accept()
    assert Preferences.load(qsettings).recovery_folder == ""
    assert window.autosaver.folder == default_recovery_folder()


def test_unsaved_work_moves_to_the_new_folder(make_window, qtbot, tmp_path: Path) -> None:
    window = make_window()
    window.autosaver.set_interval(0)
    with qtbot.waitSignal(window.autosaver.written, timeout=TIMEOUT) as blocker:
        window.document.add_node("ReLU", (0.0, 0.0))
    old = blocker.args[0]
    assert old.parent == default_recovery_folder()
    dialog = window.preferences_dialog()
    dialog.folder.setText(str(tmp_path / "new"))
    with qtbot.waitSignal(window.autosaver.written, timeout=TIMEOUT) as blocker:
        dialog.accept()  # written there at once, not 30 s later
    assert blocker.args[0] == tmp_path / "new" / old.name and blocker.args[0].exists()
    session = old.name.removesuffix(".nbproj")
    assert [n for n in _files(old.parent) if n.startswith(session)] == []  # lock included
    assert window.close()  # a clean close: nothing left in either folder
    assert _files(tmp_path / "new") == []


@pytest.mark.parametrize("kind", ["under a file", "relative"])
def test_an_unusable_recovery_folder_is_refused_with_why(
    make_window, qsettings, tmp_path: Path, kind: str
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    window = make_window()
    dialog = window.preferences_dialog()
    dialog.show()
    dialog.folder.setText(str(blocker / "recovery") if kind == "under a file" else "rel/dir")
    dialog.accept()
    error = dialog.findChild(QLabel, "recoveryFolderError")
    assert dialog.isVisible() and error.isVisible()  # still open, saying why
    if kind == "under a file":
        assert error.text().startswith(
            f"The recovery folder cannot be used: cannot create the folder {blocker}"
        )
    else:
        assert error.text() == "The recovery folder must be a full path, not rel/dir."
    assert Preferences.load(qsettings).recovery_folder == ""  # nothing saved
    assert window.autosaver.folder == default_recovery_folder()
    dialog.folder.setText(str(tmp_path / "fine"))
    dialog.folder.textEdited.emit(dialog.folder.text())
    assert not error.isVisible()
    dialog.accept()
    assert not dialog.isVisible() and window.autosaver.folder == tmp_path / "fine"


def test_files_left_in_the_old_folder_are_still_offered(
    make_window, qsettings, tmp_path: Path
) -> None:
    old = default_recovery_folder()
    write_recovery(
        old,
        "recovery-999999-deadbeef",
        project_to_dict(Project(name="lost")),
        {},
        original=None,
        base_dir=None,
    )
    window = make_window()
    dialog = window.preferences_dialog()
    dialog.folder.setText(str(tmp_path / "new"))
    dialog.accept()
    assert earlier_recovery_folders(qsettings) == [old]

    later = make_window()  # the next start
    asked: list[Path] = []
    assert not offer_recovery(later, ask=lambda _w, entry: asked.append(entry.folder) or "later")
    assert asked == [old]
    assert earlier_recovery_folders(qsettings) == [old]  # kept: its file is still there
    assert not offer_recovery(later, ask=lambda _w, _entry: "discard")
    assert not offer_recovery(later, ask=lambda _w, _entry: pytest.fail("nothing is left"))
    assert earlier_recovery_folders(qsettings) == []  # forgotten once empty


def test_preferences_say_where_training_runs_are_kept(make_window) -> None:
    dialog = make_window().preferences_dialog()
    assert dialog.findChild(QLabel, "runsWhere").text() == "Inside each project file"
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "kept in the project file itself" in texts
