"""Running the Qt-free trainer on a QThread: a thin adapter whose only outputs are signals.

``TrainingWorker`` lives on the thread: it prepares the run, emits ``ready`` and waits for
``TrainingRun.go()`` (the window lays out and paints for the run first), then calls
``PreparedRun.run``; the trainer's progress reports are sent as lists, at most 4
``progress`` signals a second whatever the step rate (each wakes the GUI thread, which then
competes for the GIL; the window draws them in frames a few times a second anyway).
Every ``BOUNDARY_INTERVAL_S`` the worker also computes the decision boundary of a two-feature
classifier under ``no_grad`` between steps (``engine.training.boundary``).
``TrainingRun`` (GUI thread) owns the thread: pause/resume/stop are forwarded straight to the
trainer (they are thread-safe flags), and stopping is always cooperative: the thread is never
killed from outside. ``exclusive()`` is how the GUI updates widgets while the trainer is
parked between two steps (``engine/training/step_gate.py``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThread, QTimer, Signal, Slot

from netbuilder.engine.loading import load_torch_engine
from netbuilder.model import NetbuilderError
from netbuilder.model.errors import message_of
from netbuilder.model.i18n import translate

GO_TIMEOUT_S = 5.0  # the longest a prepared run waits for the window to be ready for it
BOUNDARY_INTERVAL_S = 2.0
SIGNAL_INTERVAL_S = 0.25  # 4 progress signals a second; the window shows them in its frames
PAUSE_POLL_MS = 15


def prepare_session(project: Any, base_dir: Any, **kwargs: Any) -> Any:
    """``engine.training.session.prepare``, importing torch on the calling thread (the
    worker's) when the background import has not finished: the GUI thread never waits for it."""
    load_torch_engine()
    from netbuilder.engine.training.session import prepare

    return prepare(project, base_dir, **kwargs)


def prepare_saved_weights(project: Any, base_dir: Any, weights: bytes) -> Any:
    """A project prepared with the weights its file holds (to evaluate them), on the calling
    thread (a task's): data read, network compiled, weights loaded. Weights that no longer fit
    the graph (edited since they were saved) raise a ``NetbuilderError`` that says so."""
    load_torch_engine()
    from netbuilder.engine.training.checkpoint import CheckpointError
    from netbuilder.engine.training.session import prepare

    try:
        return prepare(project, base_dir, weights=weights)
    except CheckpointError as exc:
        reason = message_of(exc)
        raise NetbuilderError(
            translate(
                "TrainingWorker",
                "The saved weights no longer fit the network: {reason}. "
                "Train it again to evaluate it.",
            ).format(reason=reason)
        ) from exc


@contextmanager
def exclusive(gate: Any) -> Iterator[None]:
    """Update widgets in the body and paint them before returning, while the training thread
    is parked at a step boundary (``engine.step_gate``); without a gate, just paint at once.

    Qt paints later, from posted events (a scene's change notice, then the window's update
    request), so those are sent here, inside the hold.
    """
    with gate.hold() if gate is not None else nullcontext():
        yield
        for _ in range(3):
            QCoreApplication.sendPostedEvents()


@dataclass
class RunInfo:
    """What the GUI needs to know about a run once it is prepared."""

    nodes: tuple[str, ...]
    total_steps: int
    steps_per_epoch: int
    epochs: int
    task: str
    device: str
    n_classes: int
    gate: Any = None  # the trainer's StepGate

    @classmethod
    def of(cls, run: Any) -> RunInfo:
        t = run.trainer
        return cls(
            tuple(t.nodes),
            t.total_steps,
            t.steps_per_epoch,
            t.settings.epochs,
            t.task,
            str(t.device),
            int(t.n_classes),
            t.gate,
        )


class TrainingWorker(QObject):
    """Trains one prepared run on whatever thread it was moved to."""

    ready = Signal(object)  # RunInfo
    progress = Signal(object)  # list[engine.telemetry.Progress], oldest first
    boundary = Signal(object)  # BoundaryGrid
    finished = Signal(object)  # engine.session.SessionResult
    failed = Signal(object)  # the exception itself: the window tells expected ones apart

    def __init__(self, prepare: Callable[[], Any], boundaries: bool = True):
        super().__init__()
        self._prepare = prepare
        self._boundaries = boundaries
        self._boundary_data: np.ndarray | None = None
        self._boundary_labels: np.ndarray | None = None
        self.run_obj: Any = None
        self.cancel = False  # set from the GUI thread when stop comes before the trainer exists
        self._next_boundary = 0.0
        self._pending: list[Any] = []
        self._next_signal = 0.0
        # Set by the GUI once it has laid out and painted for the run (see TrainingRun.go):
        # the GUI's setup is dear Python, and done while the first steps ran it took ~10% of
        # a 3-second run from the trainer.
        self.go = threading.Event()

    @Slot()
    def work(self) -> None:
        """Prepare (on this thread, so loading data never blocks the GUI) and train."""
        try:
            self.run_obj = self._prepare()
            if self.cancel:
                self.run_obj.stop()
            x = self.run_obj.single_input()
            if self._boundaries and x is not None and x.ndim == 2 and x.shape[1] == 2:
                self._boundary_data = x
                self._boundary_labels = np.asarray(self.run_obj.dataset.y_train).reshape(-1)
            self.ready.emit(RunInfo.of(self.run_obj))
            self.go.wait(GO_TIMEOUT_S)
            result = self.run_obj.run(self._on_progress, keep_checkpoint=True)
        except Exception as exc:  # noqa: BLE001 - any failure becomes a message for the user
            self._send_pending()
            # Without its traceback: the frames would keep this thread's objects alive.
            self.failed.emit(exc.with_traceback(None))
            return
        self._send_pending()
        self._emit_boundary(force=True)
        self.finished.emit(result)

    def _on_progress(self, progress: Any) -> None:
        # The trainer reports at most ~30 times a second, plus once per epoch; short epochs
        # would add more, so reports are batched into one signal per SIGNAL_INTERVAL_S.
        self._pending.append(progress)
        if time.monotonic() >= self._next_signal:
            self._send_pending()
        self._emit_boundary()

    def _send_pending(self) -> None:
        if self._pending:
            batch, self._pending = self._pending, []
            self._next_signal = time.monotonic() + SIGNAL_INTERVAL_S
            self.progress.emit(batch)

    def _emit_boundary(self, force: bool = False) -> None:
        if self._boundary_data is None or self.run_obj is None:
            return
        now = time.monotonic()
        if not force and now < self._next_boundary:
            return
        self._next_boundary = now + BOUNDARY_INTERVAL_S
        from netbuilder.engine.training.boundary import boundary_grid  # torch: on this thread

        try:
            grid = boundary_grid(
                self.run_obj.module, self._boundary_data, self.run_obj.trainer.task
            )
        except Exception:  # noqa: BLE001 - a picture must never break the run
            grid = None
        if grid is not None:
            grid.points, grid.labels = self._boundary_data, self._boundary_labels
            self.boundary.emit(grid)


class TrainingRun(QObject):
    """One run on its own QThread, controlled from the GUI thread.

    Signals are emitted on the GUI thread: ``progress``, ``boundary``, ``paused``, ``resumed``,
    ``finished`` (SessionResult), ``failed`` (the exception) and ``ended`` (after either, once the
    thread has stopped).
    """

    ready = Signal(object)
    progress = Signal(object)
    boundary = Signal(object)
    paused = Signal()
    resumed = Signal()
    finished = Signal(object)
    failed = Signal(object)  # the exception itself: the window tells expected ones apart
    ended = Signal()

    def __init__(
        self, prepare: Callable[[], Any], boundaries: bool = True, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.thread = QThread()
        self.thread.setObjectName("trainingThread")
        self.worker = TrainingWorker(prepare, boundaries)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.work)
        self.worker.ready.connect(self.ready)
        self.worker.progress.connect(self.progress)
        self.worker.boundary.connect(self.boundary)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.thread.finished.connect(self._on_thread_finished)
        self.is_paused = False
        self._stop_requested = False
        self._outcome: tuple[Any, Any] | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(PAUSE_POLL_MS)
        self._poll.timeout.connect(self._check_paused)

    # --- control ------------------------------------------------------------------------------

    def start(self) -> None:
        self.thread.start()

    def go(self) -> None:
        """Let the prepared run start training (the window is ready for its progress)."""
        self.worker.go.set()

    @property
    def is_running(self) -> bool:
        return self.thread.isRunning()

    @property
    def prepared(self) -> Any:
        """The PreparedRun once the worker has built it (read it only after ``ended``)."""
        return self.worker.run_obj

    def pause(self) -> None:
        """Ask the trainer to stop before its next step; ``paused`` once it has."""
        run = self.worker.run_obj
        if run is None or self.is_paused or self._stop_requested:
            return
        run.pause()
        self.is_paused = True
        self._poll.start()

    def resume(self) -> None:
        run = self.worker.run_obj
        if run is None or not self.is_paused:
            return
        self._poll.stop()
        self.is_paused = False
        run.resume()
        self.resumed.emit()

    def stop(self) -> None:
        """Cooperative stop: the trainer ends before its next step; weights are kept."""
        self._stop_requested = True
        self._poll.stop()
        self.is_paused = False
        self.worker.cancel = True
        self.worker.go.set()
        run = self.worker.run_obj
        if run is not None:
            run.stop()

    def stop_and_wait(self, timeout_ms: int = 10_000) -> bool:
        """Stop and block (with a local event loop) until the thread has ended."""
        if not self.thread.isRunning():
            return True
        loop = QEventLoop()
        self.thread.finished.connect(loop.quit)
        deadline = QTimer()
        deadline.setSingleShot(True)
        deadline.timeout.connect(loop.quit)
        # The worker may still be preparing (no trainer yet): keep asking until it has one.
        nag = QTimer()
        nag.setInterval(20)
        nag.timeout.connect(self.stop)
        self.stop()
        nag.start()
        deadline.start(timeout_ms)
        if self.thread.isRunning():
            loop.exec()
        nag.stop()
        deadline.stop()
        return self.thread.wait(2000)

    # --- internals ----------------------------------------------------------------------------

    def _check_paused(self) -> None:
        run = self.worker.run_obj
        if run is None or not self.thread.isRunning():
            self._poll.stop()
            return
        if run.trainer.paused_event.is_set():
            self._poll.stop()
            self.paused.emit()

    def _on_finished(self, result: Any) -> None:
        self._outcome = ("finished", result)
        self.thread.quit()

    def _on_failed(self, exc: BaseException) -> None:
        self._outcome = ("failed", exc)
        self.thread.quit()

    def _on_thread_finished(self) -> None:
        self._poll.stop()
        self.thread.wait()  # returns at once: the thread's event loop has already ended
        outcome, self._outcome = self._outcome, None
        if outcome is not None:
            kind, value = outcome
            (self.finished if kind == "finished" else self.failed).emit(value)
        self.ended.emit()
