"""The background task mechanism: results, exceptions as objects, progress, cancel, registry."""

from __future__ import annotations

import gc
import logging
import sys
import threading

import pytest
from PySide6.QtCore import QCoreApplication

from netbuilder.engine.data.errors import DataError
from netbuilder.qt.task_progress import TaskProgress
from netbuilder.qt.tasks import SWITCH_INTERVAL_S, Task, TaskCancelled, describe, registry

TIMEOUT = 5_000


def _until_cancelled(context) -> None:
    """A long job that checks its cancel flag between (short, blocking) pieces of work."""
    gate = threading.Event()
    while True:
        context.check()
        gate.wait(0.002)


def test_a_result_arrives_on_the_gui_thread_after_the_thread_ended(qtbot) -> None:
    gui = threading.get_ident()  # (current_thread() would register a dummy Python thread)
    seen: dict[str, object] = {}

    def work(_context) -> int:
        seen["thread"] = threading.get_ident()
        return 42

    task = Task(work, name="answer")
    events: list[tuple[str, object, bool]] = []
    task.returned.connect(lambda v: events.append(("returned", v, task._thread.isRunning())))
    task.finished.connect(lambda: events.append(("finished", None, task._thread.isRunning())))
    task.returned.connect(lambda _v: seen.setdefault("handler", threading.get_ident()))
    errors: list[object] = []
    task.errored.connect(errors.append)
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT):
        task.start()
    assert events == [("returned", 42, False), ("finished", None, False)]
    assert seen["thread"] != gui and seen["handler"] == gui
    assert errors == [] and task.ended and not task.is_running
    assert task not in registry().tasks()
    assert not task._thread.isRunning()


def test_an_exception_arrives_as_the_object_with_its_traceback(qtbot) -> None:
    def work(_context):
        raise DataError("data.csv, line 7: 'x' is not a number", path="data.csv", line=7)

    task = Task(work, name="failing import")
    returned: list[object] = []
    task.returned.connect(returned.append)
    with qtbot.waitSignal(task.errored, timeout=TIMEOUT) as blocker:
        task.start()
    exc = blocker.args[0]
    assert isinstance(exc, DataError) and exc.line == 7 and exc.path == "data.csv"
    assert exc.__traceback__ is not None
    assert describe(exc) == "data.csv, line 7: 'x' is not a number"
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)
    assert returned == []


def test_an_unexpected_exception_is_also_logged_with_its_traceback(qtbot, caplog) -> None:
    def work(_context):
        return {}["missing"]

    task = Task(work, name="buggy")
    with caplog.at_level(logging.ERROR, logger="netbuilder.qt.tasks"):
        with qtbot.waitSignal(task.errored, timeout=TIMEOUT) as blocker:
            task.start()
    assert isinstance(blocker.args[0], KeyError)
    assert describe(blocker.args[0]) == "KeyError: 'missing'"
    assert any(r.exc_info and "buggy" in r.getMessage() for r in caplog.records)


def test_describe_names_the_file_of_an_os_error() -> None:
    exc = FileNotFoundError(2, "No such file or directory", "/data/gone.csv")
    assert describe(exc) == "/data/gone.csv: No such file or directory"


def test_progress_reaches_the_gui_thread(qtbot) -> None:
    reported = threading.Event()

    def work(context) -> str:
        context.progress(0.25)
        reported.wait(TIMEOUT / 1000)  # until the test has seen it
        return "done"

    task = Task(work, name="progressing")
    with qtbot.waitSignal(task.progress, timeout=TIMEOUT) as blocker:
        task.start()
    assert blocker.args == [0.25]
    with qtbot.waitSignal(task.returned, timeout=TIMEOUT):
        reported.set()


def test_cancel_stops_the_function_and_emits_only_finished(qtbot) -> None:
    task = Task(_until_cancelled, name="long import", cancellable=True)
    outcomes: list[object] = []
    task.returned.connect(outcomes.append)
    task.errored.connect(outcomes.append)
    task.start()
    assert task.is_running and registry().tasks() == [task]
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT):
        task.cancel()
    assert task.cancelled and outcomes == [] and registry().tasks() == []


def test_a_result_computed_after_cancel_is_not_delivered(qtbot) -> None:
    go = threading.Event()

    def work(_context) -> str:
        go.wait(TIMEOUT / 1000)
        return "stale"  # never checks the flag

    task = Task(work, name="stubborn")
    returned: list[object] = []
    task.returned.connect(returned.append)
    task.start()
    task.cancel()
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT):
        go.set()
    assert returned == []


def test_the_registry_cancels_and_waits_for_every_task(qtbot) -> None:
    tasks = [Task(_until_cancelled, name=f"job {i}") for i in range(3)]
    finished: list[int] = []
    for i, task in enumerate(tasks):
        task.finished.connect(lambda i=i: finished.append(i))
        task.start()
    assert registry().tasks() == tasks
    registry().cancel_all()
    assert registry().wait_all(TIMEOUT)  # synchronous: outcomes delivered on return
    assert sorted(finished) == [0, 1, 2] and registry().tasks() == []
    assert not any(t._thread.isRunning() for t in tasks)
    QCoreApplication.sendPostedEvents()  # the threads' own queued notices: tasks already ended
    assert sorted(finished) == [0, 1, 2]


def test_gc_and_the_switch_interval_change_only_while_tasks_run(qtbot) -> None:
    assert gc.isenabled()
    interval = sys.getswitchinterval()
    task = Task(_until_cancelled, name="holding")
    task.start()
    assert not gc.isenabled() and sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL_S)
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT):
        task.cancel()
    assert gc.isenabled() and sys.getswitchinterval() == interval


def test_a_task_cannot_start_twice(qtbot) -> None:
    task = Task(lambda _c: None, name="once")
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT):
        task.start()
    with pytest.raises(RuntimeError, match="already started"):
        task.start()


def test_check_raises_once_cancelled() -> None:
    task = Task(lambda _c: None, name="unstarted")
    task.context.check()
    task.cancel()
    with pytest.raises(TaskCancelled):
        task.context.check()
    with pytest.raises(TaskCancelled):
        task.context.progress(0.5)


def test_the_progress_line_shows_a_task_and_cancels_it(qtbot) -> None:
    line = TaskProgress(all_tasks=True)
    qtbot.addWidget(line)
    line.show()
    reported = threading.Event()

    def work(context) -> None:
        context.progress(0.5)
        reported.wait(TIMEOUT / 1000)
        _until_cancelled(context)

    task = Task(work, name="Loading big.csv", cancellable=True)
    with qtbot.waitSignal(task.progress, timeout=TIMEOUT):
        task.start()
    assert line.isVisible() and line.task is task
    assert line.label.text() == "Loading big.csv…"
    assert line.bar.maximum() == 1000 and line.bar.value() == 500
    assert line.cancel_button.isVisible()
    reported.set()
    with qtbot.waitSignal(task.finished, timeout=TIMEOUT):
        line.cancel_button.click()
    assert task.cancelled and not line.isVisible() and line.task is None


def test_closing_one_window_leaves_another_windows_tasks_running(qtbot) -> None:
    from PySide6.QtWidgets import QLabel, QWidget

    first, second = QWidget(), QWidget()
    inside = QLabel(first)  # a panel of the first window starts the task
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    mine = Task(_until_cancelled, name="import in the first window", owner=inside).start()
    theirs = Task(_until_cancelled, name="export in the second", owner=second).start()
    assert registry().tasks_of(first) == [mine]
    registry().cancel_all(second)
    assert registry().wait_all(TIMEOUT, window=second)
    assert theirs.cancelled and not mine.cancelled and mine.is_running
    with qtbot.waitSignal(mine.finished, timeout=TIMEOUT):
        mine.cancel()


def test_a_task_whose_window_is_gone_belongs_to_no_other_window(qtbot) -> None:
    # a task still running after its window closed made closing any other window raise
    # RuntimeError (its owner's C++ object was deleted)
    import shiboken6
    from PySide6.QtWidgets import QLabel, QWidget

    gone, other = QWidget(), QWidget()
    qtbot.addWidget(other)
    stray = Task(_until_cancelled, name="outlived its window", owner=QLabel(gone)).start()
    shiboken6.delete(gone)
    assert registry().tasks_of(other) == []
    with qtbot.waitSignal(stray.finished, timeout=TIMEOUT):
        stray.cancel()
