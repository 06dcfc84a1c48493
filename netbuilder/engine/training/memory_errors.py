"""Memory the training device has, and what to say when a run does not fit in it.

``check_fits`` refuses a run whose estimate (``engine.network.memory``) is beyond the device's
free memory before anything is allocated; ``is_out_of_memory`` recognises the errors torch
raises when it runs out anyway (CUDA's ``OutOfMemoryError``, the CPU allocator's
``RuntimeError``, a plain ``MemoryError``) so the trainer can stop with a message instead.
"""

from __future__ import annotations

from pathlib import Path

import torch

from netbuilder.engine.network.memory import MemoryEstimate, format_bytes
from netbuilder.model.errors import NetbuilderError
from netbuilder.model.i18n import translate

_CPU_OOM = ("DefaultCPUAllocator: can't allocate", "not enough memory", "out of memory")


class MemoryLimitError(NetbuilderError):
    """Training would need more memory than the device has free."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.field = "batch_size"


def free_bytes(device: torch.device) -> int | None:
    """Memory free for training on ``device`` now; None where it cannot be told."""
    if device.type == "cuda":
        try:
            free, _total = torch.cuda.mem_get_info(device)
            # Held by this process's caching allocator but unused (an earlier run's): free
            # for this one, though the driver counts it as taken.
            cached = torch.cuda.memory_reserved(device) - torch.cuda.memory_allocated(device)
        except RuntimeError:
            return None
        return int(free) + max(0, int(cached))
    if device.type == "cpu":
        return _mem_available(Path("/proc/meminfo"))
    return None


def _mem_available(meminfo: Path) -> int | None:
    try:
        text = meminfo.read_text()
    except OSError:
        return None  # not Linux: no refusal, the out-of-memory handling still holds
    for line in text.splitlines():
        if line.startswith("MemAvailable:"):
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                return int(parts[1]) * 1024
    return None


def check_fits(estimate: MemoryEstimate, device: torch.device, free: int | None = None) -> None:
    """Raise ``MemoryLimitError`` naming the estimate when it is beyond ``device``'s free
    memory (``free``: measured now when not given)."""
    free = free_bytes(device) if free is None else free
    if free is None or estimate.total_bytes <= free:
        return
    raise MemoryLimitError(
        translate(
            "Training",
            "training needs {summary}, more than the {format_bytes} free on "
            "{type}; lower training.batch_size or make the network smaller",
        ).format(summary=estimate.summary(), format_bytes=format_bytes(free), type=device.type)
    )


def is_out_of_memory(exc: BaseException) -> bool:
    """Whether ``exc`` is torch (or Python) running out of memory."""
    if isinstance(exc, MemoryError):
        return True
    oom = getattr(torch, "OutOfMemoryError", None)
    if oom is not None and isinstance(exc, oom):
        return True
    return isinstance(exc, RuntimeError) and any(s in str(exc) for s in _CPU_OOM)


def out_of_memory_message(
    exc: BaseException, batch_size: int, parameters: int, device: torch.device
) -> str:
    """One line: what ran out, with the batch size and the model's size named."""
    del exc  # torch's text is pages long on CUDA; the figures below say what matters
    size = format_bytes(parameters * 4)
    return translate(
        "Training",
        "Training stopped: out of memory on {device} with batch size {batch_size} and "
        "{parameters} parameters ({size}). The weights of the last completed step were "
        "kept; lower training.batch_size or make the network smaller.",
    ).format(device=device.type, batch_size=batch_size, parameters=f"{parameters:,}", size=size)
