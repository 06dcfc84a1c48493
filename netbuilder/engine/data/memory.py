"""The memory budget for decoded data (training.data_memory_mb), without importing numpy or
Pillow: the training form shows the auto value before the window first paints."""

from __future__ import annotations

import os

__all__ = ["AUTO_SHARE", "memory_budget"]

AUTO_SHARE = 4  # auto budget: 1/AUTO_SHARE of the machine's physical memory
_FALLBACK_MEMORY = 8 * 2**30  # when the platform does not say


def memory_budget(data_memory_mb: int = 0) -> int:
    """Bytes of decoded images that may live in memory; 0 = a share of physical memory."""
    if data_memory_mb > 0:
        return int(data_memory_mb) * 2**20
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        total = _FALLBACK_MEMORY
    return max(1, int(total) // AUTO_SHARE)
