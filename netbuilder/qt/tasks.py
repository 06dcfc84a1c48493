"""Work that would block the GUI thread (importing a file, exporting, evaluating) runs here.

``Task(fn, name=...)`` runs ``fn(context)`` on a QThread of its own. The function reports
``context.progress(fraction)`` and checks ``context.check()``; both raise ``TaskCancelled`` once
``cancel()`` was asked, so cancelling is cooperative (a thread is never killed). The task's
signals arrive on the GUI thread, after its thread has ended: ``returned(result)`` or
``errored(exception)`` (the exception object itself, traceback attached), then ``finished()``.
A cancelled task emits only ``finished``: whatever it computed is stale by definition. Connect
before ``start()``. Every running task is in ``registry()`` so a window (on close) and tests
can cancel and wait for them; ``owner`` (the widget or object that started it) says which window
a task belongs to, so closing one window leaves another's tasks running.

Why not superqt's thread workers (napari's), which STYLE.md favours: a function worker cannot be
told to stop (``quit()`` only drops its result; a job must be rewritten as a generator to be
cancelled), while the engine's readers are plain functions taking a progress callback; its workers
swap ``warnings.showwarning`` process-wide from their threads; and it adds four packages. The
training worker already runs on a QThread of its own, and this is that pattern made general: one
QThread per job, its outcome delivered once the thread has ended.

Two interpreter settings change while any task runs. Python's cycle collector runs in whichever
thread allocates when its thresholds are reached; collecting Qt wrappers off the GUI thread has
crashed this app (see training/controller.py), so automatic collection is held
(``collector.hold_collection``, as training runs and the background import of torch do).
And PySide releases the GIL in most calls it wraps, so each of a paint's
hundreds of calls waited for the task's thread to be told to drop it, up to the switch interval
(5 ms): the Data panel's preview repainted beside a CSV read froze the window for 0.3-0.65 s in
one read of three. With a 0.2 ms interval the longest freeze in 30 reads was 34 ms, and the read
took no longer (the interval only matters while the GUI thread waits for the GIL).
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QWidget

from netbuilder.model import NetbuilderError
from netbuilder.model.errors import message_of
from netbuilder.model.i18n import Text
from netbuilder.qt.collector import hold_collection, release_collection
from netbuilder.qt.i18n import localized

log = logging.getLogger(__name__)
PROGRESS_INTERVAL_S = 0.05  # at most 20 progress signals a second reach the GUI thread
CLOSE_TIMEOUT_MS = 30_000  # what closing the window waits for tasks that cannot stop early
SWITCH_INTERVAL_S = 0.0002  # the GIL switch interval while tasks run (see the docstring)


class TaskCancelled(Exception):
    """Raised inside a task's function by ``check()``/``progress()`` once it was cancelled."""


class TaskContext:
    """What the function sees: a cancel flag to check and a progress channel."""

    def __init__(self, task: Task) -> None:
        self._task = task
        self._cancel = threading.Event()
        self._last = 0.0

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise TaskCancelled(self._task.name)

    def progress(self, value: Any) -> None:
        """Report ``value`` (a fraction 0..1, or None for "busy"); throttled. Checks cancel."""
        self.check()
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL_S:
            self._last = now
            self._task.progress.emit(value)


class _TaskThread(QThread):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task: Task | None = task

    def run(self) -> None:
        if self.task is not None:
            self.task._work()


class Task(QObject):
    """One function run off the GUI thread; see the module's docstring."""

    progress = Signal(object)
    returned = Signal(object)
    errored = Signal(object)
    finished = Signal()

    def __init__(
        self,
        fn: Callable[[TaskContext], Any],
        *,
        name: str = "",
        cancellable: bool = False,
        owner: QObject | None = None,
    ) -> None:
        super().__init__()  # never parented to a widget: deleting one must not kill the thread
        self.name = name or getattr(fn, "__name__", "task")
        self.owner = owner
        self.cancellable = cancellable
        self.context = TaskContext(self)
        self._fn: Callable[[TaskContext], Any] | None = fn
        self._outcome: tuple[str, Any] = ("errored", RuntimeError(f"{self.name} did not run"))
        self._thread = _TaskThread(self)
        self._thread.setObjectName(f"task: {self.name}")
        self._thread.finished.connect(self._end)
        self.started = False
        self.ended = False

    @property
    def cancelled(self) -> bool:
        return self.context.cancelled

    @property
    def is_running(self) -> bool:
        return self.started and not self.ended

    def start(self) -> Task:
        if self.started:
            raise RuntimeError(f"task {self.name!r} was already started")
        self.started = True
        registry()._add(self)
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Ask the function to stop; from now on only ``finished`` will be emitted."""
        self.context._cancel.set()

    def wait(self, timeout_ms: int = CLOSE_TIMEOUT_MS) -> bool:
        """Block until the thread has ended, then deliver the outcome now; False on timeout."""
        if self.started and not self._thread.wait(timeout_ms):
            return False
        self._end()
        return True

    def _work(self) -> None:  # on the task's thread
        fn, self._fn = self._fn, None
        try:
            if fn is None:
                raise RuntimeError(f"{self.name} ran twice")
            self._outcome = ("returned", fn(self.context))
        except TaskCancelled:
            self._outcome = ("cancelled", None)
        except BaseException as exc:  # noqa: BLE001 - every failure goes to ``errored``
            self._outcome = ("errored", exc)

    @Slot()
    def _end(self) -> None:
        if self.ended or not self.started:
            return
        self.ended = True
        self._thread.wait()  # returns at once: ``finished`` comes as the thread ends
        self._thread.task = None  # no cycle between the task and its thread
        (kind, value), self._outcome = self._outcome, ("ended", None)
        registry()._remove(self)
        if self.cancelled:
            pass
        elif kind == "returned":
            self.returned.emit(value)
        elif kind == "errored":
            if not isinstance(value, (NetbuilderError, OSError)):  # a bug: keep its traceback
                log.error("task %r failed", self.name, exc_info=value)
            self.errored.emit(value)
        self.finished.emit()


def describe(exc: BaseException) -> str:
    """The message for the user: the engine's errors say file, line and field already."""
    if isinstance(exc, NetbuilderError) or isinstance(message_of(exc), Text):
        return localized(exc)  # an error raised with a Text: in the window's language
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    return f"{type(exc).__name__}: {exc}"


class TaskRegistry(QObject):
    """The tasks now running, oldest first; ``changed`` when one starts or ends."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._tasks: list[Task] = []  # strong references: a running task is never collected
        self._switch_interval = sys.getswitchinterval()

    def tasks(self) -> list[Task]:
        return list(self._tasks)

    def tasks_of(self, window: QWidget | None) -> list[Task]:
        """The running tasks started from ``window`` (None: every task)."""
        if window is None:
            return self.tasks()
        return [t for t in self._tasks if t.owner is None or window_of(t.owner) is window]

    def cancel_all(self, window: QWidget | None = None) -> None:
        for task in self.tasks_of(window):
            task.cancel()

    def wait_all(self, timeout_ms: int = CLOSE_TIMEOUT_MS, window: QWidget | None = None) -> bool:
        """Wait for the running tasks (of ``window``, else all) to end, outcomes delivered;
        False if one did not."""
        deadline = time.monotonic() + timeout_ms / 1000
        for task in self.tasks_of(window):
            left = max(0, int(1000 * (deadline - time.monotonic())))
            if not task.wait(left):
                log.error("task %r still running after %d ms", task.name, timeout_ms)
                return False
        return True

    def _add(self, task: Task) -> None:
        if not self._tasks:
            self._switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(SWITCH_INTERVAL_S, self._switch_interval))
        self._tasks.append(task)
        hold_collection(collect=False)  # a task is short: no full collection to start it
        self.changed.emit()

    def _remove(self, task: Task) -> None:
        if task in self._tasks:
            self._tasks.remove(task)
            release_collection()
            if not self._tasks:
                sys.setswitchinterval(self._switch_interval)
            self.changed.emit()


_registry: TaskRegistry | None = None


def window_of(obj: QObject) -> QWidget | None:
    """The top-level window ``obj`` lives in (through its parents), or None (also when it is
    gone: a task can outlive the window that started it by its close timeout)."""
    node: QObject | None = obj
    while node is not None and shiboken6.isValid(node):
        if isinstance(node, QWidget):
            return node.window()
        node = node.parent()
    return None


def registry() -> TaskRegistry:
    global _registry
    if _registry is None:
        _registry = TaskRegistry()
    return _registry
