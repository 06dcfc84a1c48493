"""Letting another thread have the interpreter to itself between two training steps.

A training loop on a secondary thread and a GUI thread share one GIL. Plain contention is
dear in a way that does not show in either thread's own time: PySide releases the GIL inside
many of the calls a plot makes while painting, and each release hands it to the trainer, which
runs until its next torch op and hands it back, so one frame of painting becomes hundreds of
thread switches and takes 2-3x as long while the trainer waits for most of it anyway.

``StepGate.hold()`` asks the training thread to park at its next step boundary (a flag read
once per step; ``park()`` blocks on an event, with the GIL released) and waits a few
milliseconds for it to do so; the GUI then paints alone, and the trainer loses only the
painting time. If the trainer does not park in time (a long step), the holder goes on anyway:
the gate never makes the GUI wait longer than ``timeout_s``. Time parked counts as training
time (it is not a pause).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class StepGate:
    """A training thread parks in ``park()`` while another thread is inside ``hold()``."""

    def __init__(self) -> None:
        self.requested = False  # read by the training loop once per step
        self._parked = threading.Event()
        self._open = threading.Event()
        self._open.set()
        self.holds = 0  # holds that found the trainer parked (for tests and benchmarks)
        self.parked_s = 0.0  # time the trainer spent parked

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
    def hold(self, timeout_s: float = 0.004) -> Iterator[bool]:
        """Run the body while the training thread is parked; yields whether it parked."""
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
