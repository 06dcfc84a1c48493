"""Why a torchrun export refuses an image folder that streams from disk.

The torchrun script reads its data from ``data.npz`` (arrays, every rank its shard); an image
folder above training.data_memory_mb is never one array, so writing it would either exhaust the
memory the budget protects or write a half-made folder. The refusal says what to change.
"""

from __future__ import annotations

from typing import Any

from netbuilder.engine.data.image_stream import ImageFiles, memory_budget
from netbuilder.engine.data.npz_check import MAX_DATASET_BYTES, human

__all__ = ["streamed_export_problem"]

_MiB = 2**20


def streamed_export_problem(data: Any, memory_mb: int) -> str | None:
    """One line naming the streamed dataset and what to change, or None when it is in memory."""
    splits = [getattr(data, f"x_{s}", None) for s in ("train", "val", "test")]
    files = [x for x in splits if isinstance(x, ImageFiles)]
    if not files:
        return None
    n = sum(len(x) for x in files)
    size = sum(x.nbytes for x in files)
    budget = memory_budget(memory_mb)
    where = f"{memory_mb:,} MiB" if memory_mb > 0 else f"0 = auto, {budget // _MiB:,} MiB here"
    name = getattr(getattr(data, "info", None), "name", "the image folder")
    fix = "a smaller dataset.options.size"
    if size <= MAX_DATASET_BYTES:
        fix += f" or training.data_memory_mb of at least {-(-size // _MiB):,}"
    return (
        f"dataset {name}: its {n:,} images ({human(size)} as float32) stream from disk above "
        f"training.data_memory_mb ({where}), and the torchrun script takes its data as arrays "
        f"in data.npz; export it with {fix}"
    )
