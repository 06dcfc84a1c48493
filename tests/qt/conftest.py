"""Shared setup for the Qt tests: headless, isolated settings, strict about warnings and threads.

The platform must be chosen before Qt is imported anywhere, so this module sets it first.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading
import weakref
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, QThread

# Tests must never read or write the real user's settings, recent files or caches.
QStandardPaths.setTestModeEnabled(True)

_HERE = Path(__file__).parent
_PLATFORM_NOISE = (
    r"This plugin does not support propagateSizeHints\(\)",
    r"This plugin does not support raise\(\)",  # a dialog brought to the front
    r"This plugin does not support grabbing the keyboard",  # an open menu
)
_STARTED_THREADS: weakref.WeakSet[QThread] = weakref.WeakSet()
_original_start = QThread.start


def _recording_start(self: QThread, *args, **kwargs):
    _STARTED_THREADS.add(self)
    return _original_start(self, *args, **kwargs)


QThread.start = _recording_start  # type: ignore[method-assign]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Any Qt warning logged during a Qt test fails it (unless the test sets its own level)."""
    for item in items:
        if _HERE not in Path(item.path).parents:
            continue
        if not item.get_closest_marker("qt_log_level_fail"):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
        # The offscreen platform's own notice, not a problem of the code under test.
        item.add_marker(pytest.mark.qt_log_ignore(*_PLATFORM_NOISE))


@pytest.fixture(autouse=True)
def _no_threads_left_running():
    """Fail a test that leaves a QThread (or a new Python thread) running after teardown."""
    before = set(threading.enumerate())
    yield
    running = []
    for thread in list(_STARTED_THREADS):
        try:
            if thread.isRunning():
                running.append(thread)
        except RuntimeError:  # the C++ object is already gone
            continue
    for thread in running:  # clean up so the next test starts from a quiet state
        thread.quit()
        thread.wait(5000)
    # A QThread that calls into ``threading`` (a thread pool started from a task) gets a
    # _DummyThread stand-in that never reports itself dead; the QThread is checked above.
    leaked = [
        t
        for t in threading.enumerate()
        if t not in before and t.is_alive() and not isinstance(t, threading._DummyThread)
    ]
    if running or leaked:
        names = [t.objectName() or type(t).__name__ for t in running] + [t.name for t in leaked]
        pytest.fail(f"test left threads running: {', '.join(names)}")


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Recovery files (autosave) go to the test's own folder, never the user's data folder."""
    folder = tmp_path / "appdata"
    monkeypatch.setenv("NETBUILDER_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def blocks_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The block library is the test's own folder (not made yet), never the user's."""
    folder = tmp_path / "blocks"
    monkeypatch.setenv("NETBUILDER_BLOCKS_DIR", str(folder))
    return folder


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    """A private QSettings file per test, to inject into windows instead of the user's settings."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def _empty_clipboard():
    """Leave the clipboard empty: offscreen Qt crashes at exit destroying copied QMimeData."""
    yield
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        QApplication.clipboard().clear()


@pytest.fixture
def make_window(qtbot, qsettings):
    """Main windows as a user sees them: shown, exposed, ``size`` (None: the window's own
    first-launch size), with private settings; "Save changes?" is answered Discard (a test
    that cares sets its own answer). Runs still going at teardown are stopped."""
    from PySide6.QtWidgets import QMessageBox

    from netbuilder.qt.main_window import MainWindow

    made: list[MainWindow] = []

    def make(size: tuple[int, int] | None = (1400, 900)) -> MainWindow:
        w = MainWindow(qsettings)
        w.ask_save_changes = lambda: QMessageBox.StandardButton.Discard  # type: ignore[method-assign]
        qtbot.addWidget(w)
        if size is not None:
            w.resize(*size)
        w.show()
        qtbot.waitExposed(w)
        made.append(w)
        return w

    yield make
    for w in made:
        w.training.shutdown()
