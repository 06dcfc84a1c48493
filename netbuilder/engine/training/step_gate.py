"""Letting another thread have the interpreter to itself between two training steps.

A training loop on a secondary thread and a GUI thread share one GIL. Plain contention is
dear in a way that does not show in either thread's own time: PySide releases the GIL inside
many of the calls a plot makes while painting, and each release hands it to the trainer, which
runs until its next torch op and hands it back, so one frame of painting becomes hundreds of
thread switches and takes 2-3x as long while the trainer waits for most of it anyway.

``StepGate.hold()`` asks the training thread to park at its next step boundary (a flag read
once per step; ``park()`` blocks on an event, with the GIL released) and waits a few
milliseconds for it to do so (about one step, which the trainer reports in ``step_s``, between
4 and 12 ms); the GUI then paints alone, and the trainer loses only the painting time. If the
trainer does not park in time (a longer step), the holder goes on anyway: the gate never makes
the GUI wait longer than that. Time parked counts as training time (it is not a pause).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

MIN_WAIT_S = 0.004
MAX_WAIT_S = 0.012  # a GUI frame may start this much late (heartbeat goal: < 33 ms)


class StepGate:
    """A training thread parks in ``park()`` while another thread is inside ``hold()``."""

    def __init__(self) -> None:
        self.requested = False  # read by the training loop once per step
        self._parked = threading.Event()
        self._open = threading.Event()
        self._open.set()
        self.holds = 0  # holds that found the trainer parked (for tests and benchmarks)
        self.parked_s = 0.0  # time the trainer spent parked
        self.step_s = 0.0  # the trainer's recent seconds per step (0: not known yet)

    def park(self) -> None:
        """Training thread, between steps, when ``requested``: wait until the hold ends."""
        t0 = time.perf_counter()
        self._parked.set()
        self._open.wait()
        self._parked.clear()
        self.parked_s += time.perf_counter() - t0

    def release(self) -> None:
        """Let a parked trainer go even inside a hold (stopping must never wait on a hold)."""
        self._open.set()

    @contextmanager
    def hold(self, timeout_s: float | None = None) -> Iterator[bool]:
        """Run the body while the training thread is parked; yields whether it parked.
        ``timeout_s``: the longest to wait for that (default: about one step, 4-12 ms)."""
        if timeout_s is None:
            timeout_s = min(MAX_WAIT_S, max(MIN_WAIT_S, 1.5 * self.step_s))
        self._parked.clear()
        self._open.clear()
        self.requested = True
        try:
            parked = self._parked.wait(timeout_s)
            self.holds += parked
            yield parked
        finally:
            self.requested = False
            self._open.set()
