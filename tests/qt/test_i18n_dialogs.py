"""The dialogs and the layer catalogue in Simplified Chinese (issue 17), and Edit > Preferences'
Language: saved, a restart asked for, and a restart that goes through the window's close."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton

from netbuilder import __version__
from netbuilder.io import project_to_dict, save_project
from netbuilder.io.recovery import find_recoveries, write_recovery
from netbuilder.model import Project
from netbuilder.model.catalogue import CATALOGUE
from netbuilder.qt import preferences
from netbuilder.qt.about import AboutDialog
from netbuilder.qt.app import examples_dir
from netbuilder.qt.error_report import ErrorDialog, ErrorReporter, error_event
from netbuilder.qt.i18n import LANGUAGE_KEY, catalogue_text
from netbuilder.qt.main_window import MainWindow
from netbuilder.qt.recovery import ask_recover, recovery_folder
from netbuilder.qt.torch_loader import torch_loader
from tests.qt.i18n_support import chinese, english_leftovers, english_words
from tests.test_translations import TOOL


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _click_when_shown(qtbot, button_text: str, seen: list[QMessageBox]) -> None:
    """Answer the next message box with its ``button_text`` button (kept in ``seen``)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box)
        buttons = {b.text(): b for b in box.findChildren(QPushButton)}
        qtbot.mouseClick(buttons[button_text], Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click)


# --- the dialogs in Chinese ----------------------------------------------------------------------


def test_preferences_in_chinese(make_window) -> None:
    with chinese():
        window = make_window()
        dialog = window.preferences_dialog()
        dialog.show()
        assert dialog.windowTitle() == "首选项"
        labels = {label.text() for label in dialog.findChildren(QLabel)}
        assert {"主题(&T)：", "语言(&L)：", "默认设备(&D)："} <= labels
        assert [dialog.language.itemText(i) for i in range(3)] == [
            "跟随系统",
            "English",
            "简体中文",
        ]
        folder = str(recovery_folder())
        assert english_leftovers(dialog, ignore=[folder, "English"]) == []
        dialog.reject()


def test_about_in_chinese(qtbot, monkeypatch) -> None:
    loader = torch_loader()  # torch not imported here: "loading…" in both rows
    monkeypatch.setattr(loader, "state", "loading")
    monkeypatch.setattr(loader, "device", None)
    monkeypatch.setattr(loader, "start", lambda: None)
    with chinese():
        dialog = AboutDialog(loader=loader)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.windowTitle() == "关于 netbuilder"
        assert dialog.copy_button.text() == "复制"
        assert dialog.values["Device"].text() == dialog.values["PyTorch"].text() == "加载中…"
        form_labels = {label.text() for label in dialog.findChildren(QLabel)}
        assert {"设备：", "系统："} <= form_labels
        versions = [dialog.values[name].text() for name in ("Python", "Qt", "System")]
        title = f"<b>netbuilder {__version__}</b>"
        assert english_leftovers(dialog, ignore=[title, *versions]) == []


def test_the_error_report_in_chinese(qtbot, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("NETBUILDER_LOG_DIR", str(tmp_path / "logs"))
    reporter = ErrorReporter()
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError as exc:
        event = error_event(type(exc), exc, exc.__traceback__)
    with chinese():
        dialog = ErrorDialog(event, reporter, None)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.windowTitle() == "netbuilder：意外错误"
        assert dialog.copy_button.text() == "复制详细信息"
        dialog.count_one_more()
        assert dialog.more_label.text() == "此后又出现 1 个错误，请查看日志。"
        dialog.show_button.click()
        assert dialog.show_button.text() == "隐藏回溯"
        dialog.show_button.click()
        shown_by_python = [event.message, f"日志：{reporter.log_path}"]
        assert english_leftovers(dialog, ignore=shown_by_python) == []


def test_the_issues_panel_in_chinese(make_window) -> None:
    with chinese():
        window = make_window()
        examples = examples_dir()
        assert examples is not None and window.open_example(examples / "digits_mlp.json")
        assert window.data_panel.bind_builtin("digits_images")  # Linear after [N, 1, 8, 8]
        doc = window.document
        panel = window.issues
        assert panel.tree.headerItem().text(0) == "层"
        assert panel.tree.headerItem().text(1) == "问题"
        assert panel.summary.text().startswith("1 个错误")
        assert panel.summary.text().endswith("点击一行可显示对应的层。")
        engine_words = {panel.tree.topLevelItem(0).text(1)}  # English until the engine's Text
        fix = panel.fix_button("linear_1")
        assert fix is not None and fix.text().startswith("修复：")  # the fix's own words: engine's
        node_labels = {node.label for node in doc.graph}
        shown = engine_words | node_labels | {fix.text()}
        assert english_leftovers(panel, ignore=shown) == []


def test_the_recovery_question_in_chinese(qtbot, make_window) -> None:
    path = write_recovery(
        recovery_folder(),
        "recovery-999999-deadbeef",
        project_to_dict(Project(name="lost work")),
        {},
        original=None,
        base_dir=None,
    )
    entry = find_recoveries(path.parent)[0][0]
    seen: list[QMessageBox] = []
    with chinese():
        window = make_window()
        _click_when_shown(qtbot, "稍后", seen)
        assert ask_recover(window, entry) == "later"
    (box,) = seen
    assert box.windowTitle() == "恢复未保存的工作"
    assert box.text().startswith("恢复 ") and "（未命名项目）" in box.text()
    assert not english_words(box.text()) and not english_words(box.informativeText())


# --- the catalogue ------------------------------------------------------------------------------


def test_every_catalogue_word_has_a_finished_translation() -> None:
    ts = TOOL.TRANSLATIONS / "catalogue_zh_CN.ts"
    done = {source for (context, source), (_, finished) in TOOL.messages(ts).items() if finished}
    words = set()
    for spec in CATALOGUE.values():
        words |= {spec.display_name, spec.category, spec.doc}
        words |= {param.help for param in spec.params}
    missing = sorted(word for word in words if word and word not in done)
    assert missing == []


def test_catalogue_words_show_in_chinese(qapp) -> None:
    with chinese():
        assert catalogue_text("Linear (Dense)") == "全连接层"
        assert catalogue_text("Conv2d") == "二维卷积"
        assert catalogue_text("ReLU") == "ReLU"
        assert catalogue_text("Reshape") == "变形"  # a category and a layer: one word for both
        assert has_chinese(catalogue_text(CATALOGUE["Dropout"].param("p").help))
    assert catalogue_text("Conv2d") == "Conv2d"


# --- the Language preference and the restart ----------------------------------------------------


def _choose_chinese(window: MainWindow):
    dialog = window.preferences_dialog()
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    return dialog


def test_choosing_chinese_is_saved_and_asks_for_a_restart_later_keeps_the_window(
    qtbot, make_window, qsettings, monkeypatch
) -> None:
    launched: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(preferences, "relaunch", lambda *a: launched.append(a) or True)
    window = make_window()
    dialog = _choose_chinese(window)
    seen: list[QMessageBox] = []
    _click_when_shown(qtbot, "Later", seen)
    dialog.accept()
    assert qsettings.value(LANGUAGE_KEY) == "zh_CN"
    assert [box.text() for box in seen] == ["The language changes when netbuilder restarts."]
    assert window.isVisible() and launched == []
    again = window.preferences_dialog()  # shown as saved; no question when it is not changed
    assert again.language.currentData() == "zh_CN"
    again.accept()
    assert window.isVisible() and len(seen) == 1


def test_restart_now_closes_the_window_and_relaunches_on_its_project(
    qtbot, make_window, qsettings, monkeypatch, tmp_path: Path
) -> None:
    launched: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(preferences, "relaunch", lambda *a: launched.append(a) or True)
    project = tmp_path / "mine.nbproj"
    save_project(project, Project(name="mine"))
    window = make_window()
    assert window.open_path(project, ask=False)
    dialog = _choose_chinese(window)
    _click_when_shown(qtbot, "Restart Now", [])
    dialog.accept()
    assert not window.isVisible()
    assert launched == [(sys.executable, ["-m", "netbuilder", str(project)])]


def test_cancel_in_the_save_question_cancels_the_restart(qtbot, make_window, monkeypatch) -> None:
    launched: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(preferences, "relaunch", lambda *a: launched.append(a) or True)
    window = make_window()
    window.document.add_node("ReLU", (0.0, 0.0))  # unsaved work
    asked: list[bool] = []

    def cancel() -> QMessageBox.StandardButton:
        asked.append(True)
        return QMessageBox.StandardButton.Cancel

    window.ask_save_changes = cancel  # type: ignore[method-assign]
    dialog = _choose_chinese(window)
    _click_when_shown(qtbot, "Restart Now", [])
    dialog.accept()
    assert asked == [True] and window.isVisible() and launched == []


def test_the_relaunch_command(monkeypatch, tmp_path: Path) -> None:
    assert preferences.relaunch_command(None) == (sys.executable, ["-m", "netbuilder"])
    path = tmp_path / "a b.nbproj"
    assert preferences.relaunch_command(path) == (sys.executable, ["-m", "netbuilder", str(path)])
    monkeypatch.setattr(sys, "frozen", True, raising=False)  # a bundled build: the executable
    assert preferences.relaunch_command(path) == (sys.executable, [str(path)])


def test_the_relaunch_runs_pythonw_on_windows(monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "python.exe").write_bytes(b"")
    (tmp_path / "pythonw.exe").write_bytes(b"")
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python.exe"))
    assert preferences.relaunch_command(None) == (
        str(tmp_path / "pythonw.exe"),
        ["-m", "netbuilder"],
    )


def test_the_relaunched_process_takes_the_language_from_preferences(
    qtbot, monkeypatch, tmp_path: Path
) -> None:
    """NETBUILDER_LANGUAGE (which beats Preferences) is not passed on to the new process."""
    monkeypatch.setenv("NETBUILDER_LANGUAGE", "en")
    monkeypatch.setattr(preferences.QCoreApplication, "quit", lambda: None)
    seen = tmp_path / "seen.txt"
    script = (
        f"import os, pathlib; p = pathlib.Path({str(seen)!r});"
        "p.with_suffix('.tmp').write_text(os.environ.get('NETBUILDER_LANGUAGE', 'unset'));"
        "p.with_suffix('.tmp').replace(p)"
    )
    assert preferences.relaunch(sys.executable, ["-c", script])
    qtbot.waitUntil(seen.exists, timeout=60_000)
    assert seen.read_text() == "unset"


def test_a_relaunch_that_fails_says_so(qtbot, make_window, monkeypatch) -> None:
    monkeypatch.setattr(preferences, "relaunch", lambda *a: False)
    monkeypatch.setattr(preferences.QCoreApplication, "quit", lambda: None)
    warned: list[str] = []
    monkeypatch.setattr(
        preferences.QMessageBox, "warning", lambda _p, _title, text: warned.append(text)
    )
    window = make_window()
    assert preferences.restart(window) is False
    assert not window.isVisible()
    assert len(warned) == 1 and "could not start again" in warned[0]
