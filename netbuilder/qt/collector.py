"""Holding Python's automatic cycle collection off while our own threads run Python.

The collector runs in whichever thread allocates when its thresholds are reached; during a
training run or the background import of torch that is mostly that thread, and collecting Qt
wrappers there crashes (seen: a segfault while the trainer imported torch._dynamo). So while
such a thread runs, automatic collection is off and the GUI thread collects (the training
frames do). Holds nest, so the import ending during a run does not turn collection back on
under it. Call both from the GUI thread only.
"""

from __future__ import annotations

import gc

_holds = 0


def hold_collection(*, collect: bool = True) -> None:
    """Keep automatic collection off until released; ``collect`` first collects on the GUI
    thread (before a long run; a short task need not pay a full collection to start)."""
    global _holds
    if _holds == 0:
        if collect:
            gc.collect()
        gc.disable()
    _holds += 1


def release_collection() -> None:
    global _holds
    _holds = max(0, _holds - 1)
    if _holds == 0:
        gc.enable()
