"""torch after the first paint: imported on a background thread, never on the GUI thread.

The window must paint without torch (it costs 2.2-2.5 s of a start-up that otherwise takes
~0.6 s). ``run_app`` starts ``torch_loader()`` once the main window has painted: a Python
thread runs ``engine.loading.load_torch_engine`` and asks for the GPU's name, and ``loaded``
comes back on the GUI thread, well before a person can have set up a run. Work that needs
torch runs off the GUI thread and calls ``load_torch_engine`` there (a training run's
preparation, an export or evaluation task), so it waits for that import or does it; the GUI
thread never imports torch-using modules and never blocks on Python's import lock.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from netbuilder.engine.loading import load_torch_engine, torch_engine_loaded
from netbuilder.qt.collector import hold_collection, release_collection

if TYPE_CHECKING:
    from netbuilder.engine.training.setup import DeviceInfo


def gpu_name() -> str | None:
    """The CUDA device's name, or None without one (imports torch)."""
    try:
        import torch

        if torch.cuda.is_available():
            return str(torch.cuda.get_device_name(0))
    except Exception:  # noqa: BLE001 - a broken driver must not break the window
        return None
    return None


class TorchLoader(QObject):
    """One per process (``torch_loader()``): ``start`` once, after the first paint."""

    started = Signal()  # the import began (state "loading")
    loaded = Signal(object)  # the GPU's name, or None
    failed = Signal(str)
    # From the import thread: (gpu name, DeviceInfo or None, error message).
    _finished = Signal(object, object, object)

    def __init__(self) -> None:
        super().__init__()
        self.state = "idle"  # -> "loading" -> "loaded" | "failed" (start() tries again)
        self.gpu: str | None = None
        self.device: DeviceInfo | None = None  # what an ``auto`` run uses (Help > About)
        self.error: str | None = None
        self._thread: threading.Thread | None = None
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    @property
    def is_loaded(self) -> bool:
        return self.state == "loaded"

    def start(self) -> None:
        """Start the background import (GUI thread); nothing when loading or loaded."""
        if self.state in ("loading", "loaded"):
            return
        self.state = "loading"
        hold_collection()
        self._thread = threading.Thread(
            target=self._import,
            name="torchImport",  # i18n: ignore (a thread's name)
            daemon=True,
        )
        self._thread.start()
        self.started.emit()

    def _import(self) -> None:  # on the import thread
        try:
            load_torch_engine()
            gpu = gpu_name()
        except Exception as exc:  # noqa: BLE001 - reported to the user, who may retry
            self._finished.emit(None, None, f"{type(exc).__name__}: {exc}")
            return
        self._finished.emit(gpu, _device_info(), None)

    @Slot(object, object, object)
    def _on_finished(self, gpu: Any, device: Any, error: Any) -> None:
        if self._thread is not None:
            self._thread.join()  # it has emitted its last word: returns at once
            self._thread = None
        release_collection()
        if error is None and torch_engine_loaded():
            self.state, self.gpu, self.device, self.error = "loaded", gpu, device, None
            self.loaded.emit(gpu)
        else:
            self.state, self.error = "failed", str(error)
            self.failed.emit(self.error)


def _device_info() -> DeviceInfo | None:
    """The device an ``auto`` run picks (on the import thread, torch loaded), or None."""
    try:
        from netbuilder.engine.training.setup import describe_device

        return describe_device()
    except Exception:  # noqa: BLE001 - a broken driver must not break the window
        return None


_loader: TorchLoader | None = None


def torch_loader() -> TorchLoader:
    """The process's loader (created on first use, on the GUI thread)."""
    global _loader
    if _loader is None:
        _loader = TorchLoader()
    return _loader
