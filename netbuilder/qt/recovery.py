"""Autosave and recovery: unsaved work survives a crash or a kill, as in Blender and Orange.

While the window's project has unsaved changes, ``Autosaver`` writes it (graph, data binding,
settings, results) to a recovery file at most every ``INTERVAL_MS``: the document is copied on
the GUI thread (a dict, and references to the immutable result bytes) and written on a
background task (``qt/tasks.py``) through ``save_project``, which is atomic. The files go away
on a clean save, when the changes are undone, and on a clean close (Discard included).

Each window writes files of its own (``io/recovery.py``), and holds a ``QLockFile`` beside them
while they exist: Qt finds a lock stale when its process has died, so a file whose writer still
runs (another instance) is never offered. On the next start ``offer_recovery`` asks, for each
file left by a dead process, "Recover unsaved work from <time>?": Recover opens it with its
original path (Save writes there) and marked modified; Discard deletes it; Later keeps it for the
next start. A damaged file is set aside (``*.damaged``) with one line in the status bar.

The folder is the one chosen in Edit > Preferences, else ``<AppDataLocation>/recovery``, or
``$NETBUILDER_DATA_DIR/recovery`` (tests point it at a temporary folder). Choosing another moves
a window's own unsaved copy there (written in the new folder first, then removed from the old);
files already in the old folder (work set aside with Later, another instance's) stay where they
are, and are still found: the folders used before are remembered, and the next start offers
what each of them holds, forgetting a folder once nothing is left in it.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QLockFile, QObject, QSettings, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from netbuilder.io import ProjectFileError, load_project, project_to_dict
from netbuilder.io.recovery import (
    RecoveryEntry,
    find_recoveries,
    move_aside,
    new_session_name,
    remove_recovery,
    write_recovery,
)
from netbuilder.model import i18n as words  # Texts: logged in English, shown translated
from netbuilder.qt.document import Document
from netbuilder.qt.i18n import localized, translate
from netbuilder.qt.preferences import PREFIX, Preferences
from netbuilder.qt.tasks import Task, describe

if TYPE_CHECKING:
    from netbuilder.qt.main_window import MainWindow

log = logging.getLogger(__name__)
DATA_DIR_ENV = "NETBUILDER_DATA_DIR"
INTERVAL_MS = 30_000  # at most one recovery write every 30 s while changes are unsaved
WRITE_WAIT_MS = 600_000  # a clean close waits this long for a recovery write to end
Answer = Literal["recover", "discard", "later"]


#: The recovery folders used before the current one (a JSON list of paths).
EARLIER_KEY = PREFIX + "earlier_recovery_folders"


def default_recovery_folder() -> Path:
    """``$NETBUILDER_DATA_DIR/recovery``, else the platform's application data folder's
    (``~/.local/share/netbuilder/netbuilder/recovery`` on Linux)."""
    base = os.environ.get(DATA_DIR_ENV) or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation
    )
    return Path(base) / "recovery"


def recovery_folder(settings: QSettings | None = None) -> Path:
    """Where recovery files are written: the folder chosen in Preferences, else the default."""
    chosen = Preferences.load(settings).recovery_folder if settings is not None else ""
    return Path(chosen) if chosen else default_recovery_folder()


def earlier_recovery_folders(settings: QSettings) -> list[Path]:
    """The folders recovery files were written to before the current one, newest first."""
    try:
        paths = json.loads(str(settings.value(EARLIER_KEY, "[]")))
    except ValueError:
        return []
    if not isinstance(paths, list):
        return []
    return [Path(p) for p in paths if isinstance(p, str) and os.path.isabs(p)]


def set_earlier_recovery_folders(settings: QSettings, folders: list[Path]) -> None:
    unique = list(dict.fromkeys(str(f) for f in folders))
    if unique:
        settings.setValue(EARLIER_KEY, json.dumps(unique))
    else:
        settings.remove(EARLIER_KEY)
    settings.sync()


def remember_recovery_folder(settings: QSettings, old: Path, new: Path) -> None:
    """The folder changes from ``old`` to ``new``: ``old`` is searched at the next starts."""
    earlier = [f for f in earlier_recovery_folders(settings) if f != new]
    set_earlier_recovery_folders(settings, [old, *earlier] if old != new else earlier)


def _lock_for(folder: Path, session: str) -> QLockFile:
    lock = QLockFile(str(folder / f"{session}.lock"))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however old it is
    return lock


class Autosaver(QObject):
    """Writes ``document`` to its recovery file while it has unsaved changes."""

    #: A recovery file was written (its path).
    written = Signal(object)
    #: Writing failed: one line for the status bar.
    failed = Signal(str)

    def __init__(
        self,
        document: Document,
        folder: Path | None = None,
        interval_ms: int = INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.folder = folder if folder is not None else recovery_folder()
        self.session = new_session_name()
        self._lock: QLockFile | None = None
        self._task: Task | None = None
        self._dirty = False  # changed since the last write began
        self._closed = False
        self._adopted: list[tuple[Path, str]] = []  # recovered sessions (see ``adopt``)
        # This window's copies in folders it wrote to before (see ``set_folder``), with the
        # locks that keep another instance from offering them while this one runs.
        self._moved: list[tuple[Path, QLockFile]] = []
        self._writing_to: Path | None = None  # the folder of the latest write
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.write_now)
        document.undo_stack.indexChanged.connect(self._changed)
        document.results_changed.connect(self._changed)
        document.modified_changed.connect(self._on_modified)

    @property
    def path(self) -> Path:
        """This window's recovery file (it exists only while there is unsaved work)."""
        return self.folder / f"{self.session}.nbproj"

    def set_interval(self, interval_ms: int) -> None:
        self._timer.setInterval(interval_ms)

    def set_folder(self, folder: Path) -> None:
        """Write to ``folder`` from now on. Unsaved work is written there at once; the copy in
        the old folder goes once that is written (a crash in between still finds one)."""
        if folder == self.folder or self._closed:
            return
        if self._lock is not None:
            self._moved.append((self.folder, self._lock))
            self._lock = None
        self.folder = folder
        self._dirty = True
        if self._task is None:  # else _on_finished writes again
            self._timer.stop()
            self.write_now()

    def _on_modified(self, modified: bool) -> None:
        if modified:
            self._changed()
        else:
            self.discard()

    def _changed(self, *_args: Any) -> None:
        self._dirty = True
        if self._closed or self._task is not None or self._timer.isActive():
            return
        try:
            modified = self.document.is_modified
        except RuntimeError:  # the window is being deleted: its undo stack is gone
            return
        if modified:
            self._timer.start()

    def write_now(self) -> None:
        """Copy the document here, write it on a background task (``written`` when done)."""
        if self._closed or self._task is not None or not self.document.is_modified:
            return
        if not self._hold_lock():
            return
        doc = self.document
        snapshot = project_to_dict(doc.project)  # the worker gets its own copy of the project
        results = doc.results.members()  # immutable bytes and JSON values: shared safely
        folder, session, original, base_dir = self.folder, self.session, doc.path, doc.base_dir
        self._writing_to = folder
        self._dirty = False

        def write(_context: object) -> Path:
            return write_recovery(
                folder, session, snapshot, results, original=original, base_dir=base_dir
            )

        self._task = Task(write, name=translate("Recovery", "Saving a recovery copy"), owner=self)
        self._task.returned.connect(self._on_written)
        self._task.errored.connect(self._on_failed)
        self._task.finished.connect(self._on_finished)
        self._task.start()

    def _hold_lock(self) -> bool:
        if self._lock is not None:
            return True
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.failed.emit(
                translate("Recovery", "Autosave failed: cannot create {folder} ({reason})").format(
                    folder=self.folder, reason=exc.strerror
                )
            )
            return False
        lock = _lock_for(self.folder, self.session)
        if not lock.tryLock(0):
            self.failed.emit(
                translate("Recovery", "Autosave failed: cannot lock {folder}").format(
                    folder=self.folder
                )
            )
            return False
        self._lock = lock
        return True

    def adopt(self, folder: Path, session: str) -> None:
        """The window took over ``session``'s unsaved work (Recover): its files go once this
        window's own copy is written (or nothing is unsaved any more), so a crash in between
        still finds one of them."""
        self._adopted.append((folder, session))
        self.write_now()

    def _drop_adopted(self) -> None:
        for folder, session in self._adopted:
            remove_recovery(folder, session)
        self._adopted.clear()
        for folder, lock in self._moved:
            remove_recovery(folder, self.session)
            lock.unlock()
        self._moved.clear()

    def _on_written(self, path: Path) -> None:
        if path.parent != self.folder:
            return  # written to the folder used before set_folder: the new one comes next
        self._drop_adopted()
        if self.document.is_modified and not self._closed:
            self.written.emit(path)

    def _on_failed(self, exc: BaseException) -> None:
        self.failed.emit(
            translate("Recovery", "Autosave failed: {reason}").format(reason=describe(exc))
        )

    def _on_finished(self) -> None:
        self._task = None
        if self._closed or not self.document.is_modified:
            self.discard()  # saved (or undone) while the copy was being written
        elif self._moved and self._writing_to != self.folder:
            self.write_now()  # the folder changed during that write: the copy there, now
        elif self._dirty:
            self._timer.start()

    def discard(self) -> None:
        """Nothing unsaved any more: remove the recovery file (after a write in progress)."""
        self._timer.stop()
        if self._task is not None:
            return  # _on_finished comes back here
        remove_recovery(self.folder, self.session)
        self._drop_adopted()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def close(self) -> None:
        """The window closes cleanly: wait for a write in progress, then remove the file."""
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        doc = self.document
        doc.undo_stack.indexChanged.disconnect(self._changed)
        doc.results_changed.disconnect(self._changed)
        doc.modified_changed.disconnect(self._on_modified)
        if self._task is not None:
            self._task.cancel()
            # Until it ends (a write is not cancellable midway, and a big one takes a while):
            # a file left behind would be offered as lost work at the next start.
            self._task.wait(WRITE_WAIT_MS)  # delivers finished: _on_finished discards
        self.discard()


# --- the next start ---------------------------------------------------------------------------


def written_text(entry: RecoveryEntry) -> str:
    """The file's time in the user's time zone, as "2026-11-30 08:40"."""
    try:
        when = datetime.fromtimestamp(entry.written, tz=UTC).astimezone()
    except (OverflowError, OSError, ValueError):
        return translate("Recovery", "an unknown time")
    return when.strftime("%Y-%m-%d %H:%M")


def ask_recover(parent: QWidget | None, entry: RecoveryEntry) -> Answer:
    """The question, as a message box: tests replace this function (``offer_recovery``'s
    ``ask``, or this module's attribute in a subprocess)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("Recovery", "Recover unsaved work"))
    box.setText(question_text(entry))
    info = translate(
        "Recovery",
        "netbuilder stopped before {title} was saved. Recover opens the unsaved version; "
        "Discard deletes it; Later keeps it for the next start.",
    ).format(title=_title(entry))
    if entry.original_changed:
        info += translate(
            "Recovery",
            " {title} has been saved since: the recovered work opens as an untitled copy, so "
            "saving it cannot overwrite the newer file.",
        ).format(title=_title(entry))
    box.setInformativeText(info)
    recover = box.addButton(translate("Recovery", "Recover"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(
        translate("Recovery", "Discard"), QMessageBox.ButtonRole.DestructiveRole
    )
    box.addButton(translate("Recovery", "Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(recover)
    box.exec()
    clicked = box.clickedButton()
    return "recover" if clicked is recover else "discard" if clicked is discard else "later"


def question_text(entry: RecoveryEntry) -> str:
    if entry.original_changed:
        question = translate(
            "Recovery", "Recover unsaved work from {time} ({title}, saved again since)?"
        )
    else:
        question = translate("Recovery", "Recover unsaved work from {time} ({title})?")
    return question.format(time=written_text(entry), title=_title(entry))


def _title(entry: RecoveryEntry) -> str:
    """The file's name, or "untitled project" in the window's language."""
    if entry.original is None:
        return translate("Recovery", "untitled project")
    return entry.title


def offer_recovery(window: MainWindow, ask: Any = None, folder: Path | None = None) -> bool:
    """At start: offer each recovery file of a dead process, newest first, until one is
    recovered into ``window``. True when one was. Never raises for a bad file. Looks in
    ``folder``, else in the window's recovery folder and the ones used before it (a folder
    used before is forgotten once it holds no recovery file)."""
    ask = ask if ask is not None else ask_recover  # looked up now: tests patch the module
    if folder is not None:
        entries, problems = find_recoveries(folder)
    else:
        entries, problems = _find_in_every_folder(window.settings)
    recovered = False
    for entry in entries:
        if recovered:
            break
        lock = _lock_for(entry.folder, entry.session)
        if not lock.tryLock(0):
            continue  # its window is still open (another instance): not ours to offer
        try:
            recovered = _offer_one(window, entry, ask, problems)
        finally:
            lock.unlock()
    if problems:
        for line in problems:
            log.warning("%s", line)
        window.statusBar().showMessage(localized(problems[0]), 15_000)
    return recovered


def _find_in_every_folder(settings: QSettings) -> tuple[list[RecoveryEntry], list[str]]:
    entries, problems = find_recoveries(recovery_folder(settings))
    kept = []
    for earlier in earlier_recovery_folders(settings):
        found, trouble = find_recoveries(earlier)
        entries += found
        problems += trouble
        if found:
            kept.append(earlier)
    if kept != earlier_recovery_folders(settings):
        set_earlier_recovery_folders(settings, kept)
    entries.sort(key=lambda e: e.written, reverse=True)
    return entries, problems


def _offer_one(window: MainWindow, entry: RecoveryEntry, ask: Any, problems: list[str]) -> bool:
    try:
        loaded = load_project(entry.project_path)
    except ProjectFileError as exc:
        move_aside(entry.folder, entry.session)
        problems.append(
            words.translate("Recovery", "Recovery file {name} set aside: {reason}").format(
                name=entry.project_path.name, reason=exc.message
            )
        )
        return False
    answer = ask(window, entry)
    if answer == "discard":
        remove_recovery(entry.folder, entry.session)
        return False
    if answer != "recover":
        return False
    base_dir = entry.base_dir or (entry.original.parent if entry.original else None)
    # A file saved since the copy was made is not overwritten by a Save of the older work.
    path = None if entry.original_changed else entry.original
    window._replace(  # the window's own way to swap a project in (File > Open uses it)
        loaded.project, path, list(loaded.warnings), loaded.results, base_dir=base_dir
    )
    window.document.mark_unsaved()
    window.autosaver.adopt(entry.folder, entry.session)  # its files go once ours is written
    when = written_text(entry)
    if entry.original_changed:
        said = translate(
            "Recovery",
            "Recovered unsaved work from {time}; {title} was saved since, so this is an "
            "untitled copy",
        ).format(time=when, title=_title(entry))
    elif path:
        said = translate(
            "Recovery", "Recovered unsaved work from {time}; Save writes to {path}"
        ).format(time=when, path=path)
    else:
        said = translate("Recovery", "Recovered unsaved work from {time}").format(time=when)
    window.statusBar().showMessage(said)
    return True
