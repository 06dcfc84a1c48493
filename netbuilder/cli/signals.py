"""Ctrl-C and SIGTERM for the headless commands: one line and an exit code, never a traceback.

``main`` installs ``install()`` before anything else (importing torch takes seconds). Until a
command says otherwise a signal raises ``Interrupted``, which ``main`` turns into one line and
exit 130 (SIGINT) or 143 (SIGTERM). ``netbuilder train`` switches, while it trains, to calling
its stop function (training ends at the next step and the result is still saved), and while it
saves, to only remembering the signal: a second Ctrl-C waits for the save to finish.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

SIGNALS = (signal.SIGINT, signal.SIGTERM)
NAMES = {signal.SIGINT: "SIGINT", signal.SIGTERM: "SIGTERM"}


class Interrupted(BaseException):
    """A signal arrived while the command could not stop cleanly by itself."""

    def __init__(self, signum: int) -> None:
        super().__init__(NAMES.get(signal.Signals(signum), str(signum)))
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


class _State:
    received: int | None = None  # the first signal since the last reset
    on_signal: Callable[[], None] | None = None  # set: call it; None with defer: remember only
    defer = False
    pending: int | None = None  # the last signal, for ``deferred`` to act on afterwards


def install() -> dict[int, Any]:
    """Raise ``Interrupted`` on SIGINT and SIGTERM (the start of every command); returns the
    handlers they replace, for ``restore``."""
    _State.received, _State.on_signal, _State.defer = None, None, False
    previous: dict[int, Any] = {}
    for signum in SIGNALS:
        try:
            previous[signum] = signal.signal(signum, _handle)
        except ValueError:  # not the main thread (main() called from a test's thread)
            break
    return previous


def restore(previous: dict[int, Any]) -> None:
    """Put back the handlers ``install`` replaced (main() may be called in-process)."""
    for signum, handler in previous.items():
        signal.signal(signum, handler)


def _handle(signum: int, _frame: FrameType | None) -> None:
    if _State.received is None:
        _State.received = signum
    _State.pending = signum
    if _State.on_signal is not None:
        _State.on_signal()
    elif not _State.defer:
        raise Interrupted(signum)


def received() -> int | None:
    """The signal that asked the command to stop, if one did."""
    return _State.received


@contextmanager
def stopping_with(stop: Callable[[], None]) -> Iterator[None]:
    """While inside, a signal calls ``stop`` (and is remembered) instead of raising.

    A signal that came before and was lost (raised inside a library that swallows every
    exception, as some import-time code does) ends the command here, before the work starts:
    otherwise a run started after it would go on as if nothing had been asked."""
    if _State.received is not None:
        raise Interrupted(_State.received)
    previous = _State.on_signal, _State.defer
    _State.on_signal, _State.defer = stop, True
    try:
        yield
    finally:
        _State.on_signal, _State.defer = previous


@contextmanager
def deferred() -> Iterator[None]:
    """While inside (a save), signals are only remembered: the work always finishes. A signal
    that came meanwhile is then handled as the enclosing state says (raise, or stop)."""
    previous = _State.on_signal, _State.defer
    _State.on_signal, _State.defer = None, True
    _State.pending = None
    try:
        yield
    finally:
        _State.on_signal, _State.defer = previous
    pending = _take_pending()
    if pending is not None:
        if _State.on_signal is not None:
            _State.on_signal()
        elif not _State.defer:
            raise Interrupted(pending)


def _take_pending() -> int | None:
    pending, _State.pending = _State.pending, None
    return pending


def name(signum: int) -> str:
    return NAMES.get(signal.Signals(signum), f"signal {signum}")
