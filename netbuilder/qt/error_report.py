"""Unexpected exceptions: logged to a file, shown once in a dialog, and the window keeps running.

PySide6 hands an exception that escapes a slot (or any Python code Qt calls) to
``sys.excepthook``. ``install_error_reporter`` (``run_app``) puts ``ErrorReporter``'s hook there
and takes it away as the application quits. The hook writes the traceback to
``<log folder>/netbuilder.log`` (a rotating file; the folder is ``NETBUILDER_LOG_DIR`` or the
application's local data folder's ``logs``) and asks the GUI thread for a dialog: the message,
"Copy details" (versions, traceback, the log's last lines) and the log's path. When no log
file can be written there (a folder that cannot be made or written to), errors go to stderr and
the dialog says so, and why, instead of naming a file that does not exist.

No storms: while a dialog is open further errors are only logged and counted in it ("3 more
errors since; see the log"), and after it is closed the same traceback is not shown again for
``QUIET_S`` seconds. KeyboardInterrupt and SystemExit are not errors: the previous hook sees
them and the application exits.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from netbuilder.io.writable import file_problem
from netbuilder.qt.i18n import localized, translate

LOG_DIR_ENV = "NETBUILDER_LOG_DIR"
LOG_NAME = "netbuilder.log"
LOG_BYTES = 1_000_000  # per file; three older files are kept
TAIL_LINES = 40  # of the log, in the copied details
QUIET_S = 60.0  # the same traceback is not shown twice within this

log = logging.getLogger("netbuilder")

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def log_dir() -> Path:
    """``NETBUILDER_LOG_DIR``, else ``logs`` in the application's local data folder."""
    override = os.environ.get(LOG_DIR_ENV)
    if override:
        return Path(override)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base) / "logs"


class LogFile(logging.Handler):
    """The rotating log file at ``path`` (``LOG_BYTES`` a file, three older ones kept), made at
    the first record: ``logging.handlers`` and what it imports (socket, pickle) are not
    worth their start-up time before anything is logged."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            from logging.handlers import RotatingFileHandler

            self._file = RotatingFileHandler(
                self.path, maxBytes=LOG_BYTES, backupCount=3, encoding="utf-8", delay=True
            )
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


@dataclass(frozen=True)
class ErrorEvent:
    """One unexpected exception, as the dialog and the copied details show it."""

    message: str  # "ZeroDivisionError: division by zero"
    traceback: str
    signature: tuple[object, ...]  # the type and the frames: "the same error"


def error_event(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> ErrorEvent:
    frames = tuple((f.filename, f.lineno, f.name) for f in traceback.extract_tb(tb))
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    message = f"{exc_type.__name__}: {exc}" if str(exc) else exc_type.__name__
    return ErrorEvent(message, text, (exc_type.__qualname__, frames))


class ErrorReporter(QObject):
    """Owns the except hook, the log file handler and the (one) error dialog."""

    _report = Signal(object)  # ErrorEvent, from whichever thread raised, to the GUI thread
    _exit = Signal(int)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        exit_app: Callable[[int], None] = QCoreApplication.exit,
    ) -> None:
        super().__init__(parent)
        self.log_path = log_dir() / LOG_NAME
        #: Why no log file is written (errors go to stderr), or None while ``log_path`` is.
        self.log_problem: str | None = None
        self.dialog: ErrorDialog | None = None
        self.errors_seen = 0  # reported on the GUI thread (each is in the log)
        self.dialogs_shown = 0
        self._clock = clock
        self._shown_at: dict[tuple[object, ...], float] = {}
        self._previous: ExceptHook | None = None
        self._previous_thread: Any = None  # threading.excepthook before install()
        self._handler: logging.Handler | None = None
        self._old_level = logging.NOTSET
        self._report.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._exit.connect(exit_app, Qt.ConnectionType.QueuedConnection)

    @property
    def installed(self) -> bool:
        return self._previous is not None

    def install(self) -> None:
        if self.installed:
            return
        self._previous = sys.excepthook
        sys.excepthook = self.hook
        # Python threads report through threading.excepthook, not sys.excepthook.
        self._previous_thread = threading.excepthook
        threading.excepthook = self._thread_hook
        self.log_problem = file_problem(self.log_path)
        handler: logging.Handler
        if self.log_problem is None:
            handler = LogFile(self.log_path)
        else:  # a read-only home: errors still reach the dialog and stderr
            handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        self._handler = handler
        self._old_level = log.level
        if log.getEffectiveLevel() > logging.INFO:
            log.setLevel(logging.INFO)
        log.addHandler(handler)

    def uninstall(self) -> None:
        """Put the previous hook back (if ours is still the one), close the log and the dialog."""
        if self._previous is None:
            return
        if sys.excepthook == self.hook:
            sys.excepthook = self._previous
        if threading.excepthook == self._thread_hook and self._previous_thread is not None:
            threading.excepthook = self._previous_thread
        self._previous_thread = None
        self._previous = None
        if self._handler is not None:
            log.removeHandler(self._handler)
            self._handler.close()
            self._handler = None
        log.setLevel(self._old_level)
        if self.dialog is not None:
            self.dialog.close()

    def hook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        """``sys.excepthook`` (and, through ``_thread_hook``, Python threads' exceptions). Logs,
        then asks the GUI thread for the dialog."""
        if not issubclass(exc_type, Exception):  # KeyboardInterrupt, SystemExit: not swallowed
            if self._previous is not None and not issubclass(exc_type, SystemExit):
                self._previous(exc_type, exc, tb)
            code = exc.code if isinstance(exc, SystemExit) else 130
            if code is None:
                code = 0  # sys.exit(): success
            elif not isinstance(code, int):
                print(code, file=sys.stderr)  # sys.exit("message"), as Python does
                code = 1
            self._exit.emit(code)
            return
        try:
            event = error_event(exc_type, exc, tb)
            log.error("Unexpected error: %s", event.message, exc_info=(exc_type, exc, tb))
            self._report.emit(event)
        except Exception:  # noqa: BLE001 - the report itself failed: at least print both
            if self._previous is not None:
                self._previous(exc_type, exc, tb)
                self._previous(*sys.exc_info())

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        """``threading.excepthook``: an exception ending a Python thread is reported like one
        on the GUI thread; anything else (SystemExit in a thread) goes to the previous hook."""
        if issubclass(args.exc_type, Exception) and args.exc_value is not None:
            self.hook(args.exc_type, args.exc_value, args.exc_traceback)
        elif self._previous_thread is not None:
            self._previous_thread(args)

    def _show(self, event: ErrorEvent) -> None:
        try:
            self._show_dialog(event)
        except Exception:
            log.exception("The error dialog itself failed")

    def _show_dialog(self, event: ErrorEvent) -> None:
        self.errors_seen += 1
        if self.dialog is not None and not shiboken6.isValid(self.dialog):
            self.dialog = None  # deleted with a parent that went away, without `finished`
        if self.dialog is not None:
            self.dialog.count_one_more()
            return
        now = self._clock()
        last = self._shown_at.get(event.signature)
        if last is not None and now - last < QUIET_S:
            return  # shown a moment ago: the log has it
        self._shown_at[event.signature] = now
        self.dialog = ErrorDialog(event, self, _main_window())
        self.dialog.finished.connect(self._closed)
        self.dialogs_shown += 1
        self.dialog.show()

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def details(self, event: ErrorEvent) -> str:
        """Versions, the traceback and the log's last lines: for a bug report."""
        from netbuilder.qt.about import version_text

        if self._handler is not None:
            self._handler.flush()
        if self.log_problem is not None:
            log_lines = [f"No log file: {self.log_problem}"]
        else:
            try:
                lines = self.log_path.read_text(encoding="utf-8").splitlines()[-TAIL_LINES:]
            except OSError:
                lines = ["(no log file)"]
            log_lines = [f"Last lines of {self.log_path}:", *lines]
        return "\n".join([version_text(), "", event.traceback.rstrip(), "", *log_lines])

    def log_text(self) -> str:
        """Where the log is, as the dialog says it: its path, or why there is none."""
        if self.log_problem is None:
            return translate("ErrorDialog", "Log: {path}").format(path=self.log_path)
        return translate(
            "ErrorDialog", "No log file could be written: {problem}. Errors go to stderr instead."
        ).format(problem=localized(self.log_problem))


def _main_window() -> QWidget | None:
    """The main window to put the dialog over: never a short-lived dialog (closing that would
    delete the error dialog with it)."""
    active = QApplication.activeWindow()
    if isinstance(active, QMainWindow):
        return active
    if active is not None and isinstance(active.parentWidget(), QMainWindow):
        return active.parentWidget()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow) and widget.isVisible():
            return widget
    return None


class ErrorDialog(QDialog):
    """The "Something went wrong" dialog: the message, how many more since, the log; not modal."""

    def __init__(self, event: ErrorEvent, reporter: ErrorReporter, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowTitle(translate("ErrorDialog", "netbuilder: unexpected error"))
        self.error = event
        self.reporter = reporter
        self.more = 0
        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(translate("ErrorDialog", "<b>Something went wrong.</b>"))
        hint = QLabel(
            translate(
                "ErrorDialog",
                "netbuilder keeps running. If the window misbehaves, save your work under a new "
                "name and restart. Copy the details into a bug report to help fix this.",
            )
        )
        hint.setWordWrap(True)
        self.message = QLabel(event.message)
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.more_label = QLabel()
        self.more_label.setObjectName("moreErrors")
        self.more_label.hide()
        path = QLabel(reporter.log_text())
        path.setObjectName("logPath")
        path.setWordWrap(True)
        path.setProperty("role", "help")
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.traceback_view = QPlainTextEdit(event.traceback)
        self.traceback_view.setReadOnly(True)
        self.traceback_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.traceback_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.traceback_view.setMinimumHeight(140)
        self.traceback_view.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(translate("ErrorDialog", "Copy Details"))
        self.copy_button.setObjectName("copyDetails")
        self.copy_button.setToolTip(
            translate("ErrorDialog", "Versions, the traceback and the log's last lines")
        )
        self.copy_button.clicked.connect(self.copy_details)
        self.show_button = QPushButton(translate("ErrorDialog", "Show Traceback"))
        self.show_button.setCheckable(True)
        self.show_button.toggled.connect(self._show_traceback)
        folder = QPushButton(translate("ErrorDialog", "Open Log Folder"))
        folder.setObjectName("openLogFolder")
        folder.setEnabled(reporter.log_problem is None)
        folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(reporter.log_path.parent)))
        )
        for button in (self.copy_button, self.show_button, folder):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        text = QVBoxLayout()
        for widget in (title, hint, self.message, self.more_label, path):
            text.addWidget(widget)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.traceback_view, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def count_one_more(self) -> None:
        self.more += 1
        if self.more == 1:
            more = translate("ErrorDialog", "{count} more error since; see the log.")
        else:
            more = translate("ErrorDialog", "{count} more errors since; see the log.")
        self.more_label.setText(more.format(count=self.more))
        self.more_label.show()
        self._grow()

    def _grow(self) -> None:
        """Room for what was just shown, keeping the size a person gave it."""
        hint = self.sizeHint()
        self.resize(max(self.width(), hint.width()), max(self.height(), hint.height()))

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.reporter.details(self.error))
        self.copy_button.setText(translate("ErrorDialog", "Copied"))

    def _show_traceback(self, shown: bool) -> None:
        self.traceback_view.setVisible(shown)
        self.show_button.setText(
            translate("ErrorDialog", "Hide Traceback")
            if shown
            else translate("ErrorDialog", "Show Traceback")
        )
        self._grow()


def install_error_reporter(app: QCoreApplication) -> ErrorReporter:
    """Report unexpected errors until ``app`` quits (then the previous hook is back)."""
    reporter = ErrorReporter(app)
    reporter.install()
    app.aboutToQuit.connect(reporter.uninstall)
    return reporter
