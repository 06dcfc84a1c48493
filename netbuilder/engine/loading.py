"""torch and the engine modules built on it, imported once, by whichever thread asks first.

Importing torch costs 2.2-2.5 s on a 2-core machine, so the window does not import it before
its first paint: it calls ``load_torch_engine`` on a background thread just after, and whatever
needs torch (a training run's preparation, an export) calls it too, which returns at once when
the import is done, or waits for the one under way. Every importer goes through one lock and
imports the modules in one order, so two threads never race for them (Python's per-module
import locks could otherwise hand one of them a partly initialised module).

The shape check (``network.shapes``, ``network.shape_rules``) and the data room need no torch
and are not listed.
"""

from __future__ import annotations

import ctypes
import importlib
import importlib.util
import os
import sys
import threading
from pathlib import Path

TORCH_MODULES = (
    "torch",
    "netbuilder.engine.training.session",  # trainer, metrics, checkpoints, network builders
    "netbuilder.engine.export",
)

_lock = threading.Lock()
_loaded = threading.Event()


def load_torch_engine() -> None:
    """Import ``TORCH_MODULES`` (thread-safe; a no-op once done). An ImportError propagates,
    and a later call tries again."""
    if _loaded.is_set():
        return
    with _lock:
        if _loaded.is_set():
            return
        _preload_native_libraries()
        for name in TORCH_MODULES:
            importlib.import_module(name)
        _loaded.set()


def _preload_native_libraries() -> None:
    """Load torch's C++ library with the GIL released, before ``import torch`` loads it with
    the GIL held.

    Loading libtorch_cpu runs its static initialisers (operator registration): ~0.3 s here,
    during which no other Python thread runs; a window importing torch in the background froze
    for 336 ms (its heartbeat's worst gap; ~60 ms with this). ctypes releases the GIL for a
    foreign call, so ``dlopen`` called through it does that work without the lock, and the
    import then finds the library loaded. The flags are torch's own (its global deps
    RTLD_GLOBAL first). Linux only; on any failure torch loads the libraries itself.
    """
    if not sys.platform.startswith("linux"):
        return
    spec = importlib.util.find_spec("torch")  # finds the package without importing it
    if spec is None or not spec.origin:
        return
    folder = Path(spec.origin).parent / "lib"
    try:
        dlopen = ctypes.CDLL(None).dlopen
    except (OSError, AttributeError):
        return
    dlopen.restype = ctypes.c_void_p
    dlopen.argtypes = [ctypes.c_char_p, ctypes.c_int]
    for name, mode in (
        ("libtorch_global_deps.so", os.RTLD_NOW | os.RTLD_GLOBAL),
        ("libtorch_cpu.so", os.RTLD_NOW),
    ):
        path = folder / name
        if not path.is_file() or not dlopen(bytes(path), mode):
            return


def torch_engine_loaded() -> bool:
    """True once ``load_torch_engine`` has finished (torch alone may be imported earlier)."""
    return _loaded.is_set()
