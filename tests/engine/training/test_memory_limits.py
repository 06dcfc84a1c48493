"""Free memory, the fit check and out-of-memory recognition (engine.training.memory_errors)."""

from __future__ import annotations

import pytest
import torch

from netbuilder.engine.network.memory import MemoryEstimate, format_bytes
from netbuilder.engine.training.memory_errors import (
    MemoryLimitError,
    _mem_available,
    check_fits,
    is_out_of_memory,
)

ESTIMATE = MemoryEstimate(10**6, 32, 4 * 10**6, 4 * 10**6, 8 * 10**6, 2 * 10**6)


def test_meminfo_is_read_in_bytes(tmp_path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:  1000 kB\nMemAvailable:    2048 kB\n")
    assert _mem_available(meminfo) == 2048 * 1024
    assert _mem_available(tmp_path / "missing") is None


def test_fit_check_names_the_estimate_and_the_free_memory():
    check_fits(ESTIMATE, torch.device("cpu"), free=ESTIMATE.total_bytes)
    with pytest.raises(MemoryLimitError) as info:
        check_fits(ESTIMATE, torch.device("cpu"), free=10**6)
    assert str(info.value) == (
        f"training needs ~{format_bytes(18 * 10**6)} for batch 32 (params 3.8 MiB), more than "
        "the 977 KiB free on cpu; lower training.batch_size or make the network smaller"
    )


def test_out_of_memory_errors_are_recognised_and_others_are_not():
    assert is_out_of_memory(MemoryError())
    assert is_out_of_memory(RuntimeError("DefaultCPUAllocator: can't allocate memory: 4 TB"))
    assert is_out_of_memory(torch.OutOfMemoryError("CUDA out of memory. Tried to allocate"))
    assert not is_out_of_memory(RuntimeError("mat1 and mat2 shapes cannot be multiplied"))
