"""An exception escaping a slot is logged once, shown once (no dialog storms), and the window
keeps running; KeyboardInterrupt is not swallowed; the hook goes when the app quits.

pytest-qt's own capture of slot exceptions is off here, so the real ``sys.excepthook`` runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from netbuilder import __version__
from netbuilder.qt.error_report import LOG_DIR_ENV, LOG_NAME, ErrorDialog, ErrorReporter

pytestmark = pytest.mark.qt_no_exception_capture

ROOT = Path(__file__).resolve().parents[2]
ENTRY = "ERROR netbuilder: Unexpected error:"


@pytest.fixture
def clock() -> list[float]:
    return [1000.0]


@pytest.fixture
def exits() -> list[int]:
    return []


@pytest.fixture
def reporter(tmp_path, monkeypatch, clock, exits):
    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path / "logs"))
    before = sys.excepthook
    made = ErrorReporter(clock=lambda: clock[0], exit_app=exits.append)
    made.install()
    assert sys.excepthook == made.hook
    yield made
    made.uninstall()
    assert sys.excepthook is before


def log_entries(reporter: ErrorReporter) -> list[str]:
    text = reporter.log_path.read_text(encoding="utf-8") if reporter.log_path.exists() else ""
    return [line for line in text.splitlines() if ENTRY in line]


def shown_dialogs() -> list[ErrorDialog]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog) and w.isVisible()
    ]


def boom() -> None:
    raise ZeroDivisionError("boom from a slot")


def test_an_exception_in_a_slot_gives_one_dialog_one_log_entry_and_the_window_survives(
    make_window, reporter, qtbot, monkeypatch
) -> None:
    window = make_window()
    zoom = window.actions_by_name["zoom_in"]
    monkeypatch.setattr(window.view, "zoom_in", boom)
    QTimer.singleShot(0, zoom.trigger)  # the window's own action, from the event loop
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert dialog is not None and dialog.parent() is window
    assert dialog.message.text() == "ZeroDivisionError: boom from a slot"
    assert dialog.findChild(type(dialog.message), "logPath").text() == f"Log: {reporter.log_path}"
    assert not dialog.more_label.isVisible()
    assert len(log_entries(reporter)) == 1
    log_text = reporter.log_path.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log_text and "in boom" in log_text
    assert shown_dialogs() == [dialog] and reporter.dialogs_shown == 1
    dialog.grab().save("/tmp/shots-report/error_dialog.png")
    dialog.show_button.click()
    assert dialog.traceback_view.isVisible()
    dialog.grab().save("/tmp/shots-report/error_dialog_traceback.png")

    monkeypatch.undo()  # the window still works: the same action zooms
    scale = window.view.transform().m11()
    zoom.trigger()
    assert window.view.transform().m11() > scale
    assert window.isVisible() and len(log_entries(reporter)) == 1


def test_quick_errors_are_counted_in_the_one_dialog_and_each_is_logged(
    reporter, qtbot, clock
) -> None:
    for _ in range(3):
        QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.more == 2)
    dialog = reporter.dialog
    assert dialog is not None
    assert dialog.more_label.text() == "2 more errors since; see the log."
    assert len(log_entries(reporter)) == 3 and reporter.errors_seen == 3
    assert shown_dialogs() == [dialog] and reporter.dialogs_shown == 1

    dialog.close()  # the same error again within a minute: logged, not shown
    assert reporter.dialog is None
    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: reporter.errors_seen == 4)
    assert len(log_entries(reporter)) == 4
    assert reporter.dialog is None and reporter.dialogs_shown == 1 and shown_dialogs() == []

    clock[0] += 61  # a minute later it is shown again
    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert reporter.dialogs_shown == 2 and len(log_entries(reporter)) == 5


def test_copy_details_has_the_versions_the_traceback_and_the_log(reporter, qtbot) -> None:
    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert reporter.dialog is not None
    reporter.dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert f"netbuilder: {__version__}" in copied
    assert "Python: " in copied and "Qt: " in copied and "Device: " in copied
    assert "Traceback (most recent call last)" in copied
    assert "ZeroDivisionError: boom from a slot" in copied
    assert f"Last lines of {reporter.log_path}:" in copied and ENTRY in copied
    assert reporter.dialog.copy_button.text() == "Copied"


def _report_with_log_dir(folder: Path, monkeypatch, qtbot) -> tuple[ErrorReporter, str]:
    """A reporter logging to ``folder``; one error reported; (reporter, the dialog's log line)."""
    monkeypatch.setenv(LOG_DIR_ENV, str(folder))
    made = ErrorReporter(exit_app=lambda _code: None)
    made.install()
    try:
        QTimer.singleShot(0, boom)
        qtbot.waitUntil(lambda: made.dialog is not None)
        dialog = made.dialog
        assert dialog is not None
        assert not dialog.findChild(QPushButton, "openLogFolder").isEnabled()
        dialog.copy_button.click()
        return made, dialog.findChild(QLabel, "logPath").text()
    finally:
        made.uninstall()


def test_a_log_folder_that_cannot_be_made_is_named_with_why(
    tmp_path: Path, monkeypatch, qtbot, capsys
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")  # fails for root too
    made, said = _report_with_log_dir(blocker / "logs", monkeypatch, qtbot)
    assert made.log_problem is not None and not made.log_path.exists()
    assert said.startswith(f"No log file could be written: cannot create the folder {blocker}")
    assert "Not a directory" in said and "Errors go to stderr instead." in said
    assert f"Log: {made.log_path}" not in said
    copied = QApplication.clipboard().text()
    assert f"No log file: cannot create the folder {blocker / 'logs'}" in copied
    assert "Last lines of" not in copied
    assert "ZeroDivisionError: boom from a slot" in capsys.readouterr().err  # stderr has it


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anyway")
def test_a_read_only_log_folder_is_named_with_why(tmp_path: Path, monkeypatch, qtbot) -> None:
    folder = tmp_path / "logs"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        made, said = _report_with_log_dir(folder, monkeypatch, qtbot)
    finally:
        folder.chmod(0o700)
    assert said == (
        f"No log file could be written: cannot write to {folder} (Permission denied). "
        "Errors go to stderr instead."
    )
    assert not made.log_path.exists()


def test_keyboard_interrupt_is_not_swallowed(reporter, qtbot, exits, capsys) -> None:
    reporter.hook(KeyboardInterrupt, KeyboardInterrupt(), None)
    qtbot.waitUntil(lambda: exits == [130])
    reporter.hook(SystemExit, SystemExit(3), None)
    qtbot.waitUntil(lambda: exits == [130, 3])
    assert reporter.dialogs_shown == 0 and log_entries(reporter) == []
    assert "KeyboardInterrupt" in capsys.readouterr().err  # the previous hook saw it


# The real entry point: an error from a slot while run_app runs; the hook is gone after.
RUN_APP = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
import netbuilder.qt.app as app_module
from netbuilder.qt.error_report import ErrorDialog

app_module._painted = lambda window: None  # no torch import: not what this is about
app = app_module.make_application()
before = sys.excepthook

def boom():
    print("hooked", sys.excepthook is not before, flush=True)
    raise RuntimeError("boom from a slot")

def quit_once_shown():
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog)]
    if dialogs and dialogs[0].isVisible():
        print("dialog", dialogs[0].message.text(), flush=True)
        app.quit()
    else:
        QTimer.singleShot(10, quit_once_shown)

QTimer.singleShot(0, boom)
QTimer.singleShot(0, quit_once_shown)
code = app_module.run_app()
print("exit", code, "restored", sys.excepthook is before, flush=True)
"""


def test_run_app_installs_the_hook_and_removes_it_when_the_app_ends(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    env[LOG_DIR_ENV] = str(tmp_path / "logs")
    env["NETBUILDER_DATA_DIR"] = str(tmp_path / "data")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", RUN_APP],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "hooked True",
        "dialog RuntimeError: boom from a slot",
        "exit 0 restored True",
    ], done.stderr
    log = (tmp_path / "logs" / LOG_NAME).read_text(encoding="utf-8")
    assert log.count(ENTRY) == 1 and "RuntimeError: boom from a slot" in log


def test_a_dialog_deleted_with_its_parent_is_replaced_not_looped_on(reporter, qtbot, clock) -> None:
    import shiboken6

    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    shiboken6.delete(reporter.dialog)  # as when a parent dialog closes: no `finished`
    clock[0] += 61
    QTimer.singleShot(0, boom)
    qtbot.waitUntil(lambda: reporter.errors_seen == 2)
    assert reporter.dialog is not None and shiboken6.isValid(reporter.dialog)
    assert reporter.dialogs_shown == 2 and len(log_entries(reporter)) == 2


def test_sys_exit_codes_are_kept(reporter, qtbot, exits, capsys) -> None:
    reporter.hook(SystemExit, SystemExit(None), None)  # sys.exit(): success
    reporter.hook(SystemExit, SystemExit("bye"), None)  # a message: printed, failure
    qtbot.waitUntil(lambda: exits == [0, 1])
    assert "bye" in capsys.readouterr().err and log_entries(reporter) == []


def test_an_exception_ending_a_python_thread_is_reported(reporter, qtbot) -> None:
    import threading

    worker = threading.Thread(target=boom)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert reporter.errors_seen == 1 and len(log_entries(reporter)) == 1


def test_why_no_log_could_be_written_reads_in_chinese(tmp_path: Path, monkeypatch, qtbot) -> None:
    from tests.qt.i18n_support import chinese

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with chinese():
        made, said = _report_with_log_dir(blocker / "logs", monkeypatch, qtbot)
    assert said.startswith(f"无法写入日志文件：无法创建文件夹 {blocker / 'logs'}（")
    assert made.log_problem == f"cannot create the folder {blocker / 'logs'} (Not a directory)"
    copied = QApplication.clipboard().text()
    assert f"No log file: cannot create the folder {blocker / 'logs'}" in copied  # for a report
