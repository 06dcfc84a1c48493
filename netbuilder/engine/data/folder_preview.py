"""What the Data tab reads of a binding: the whole table, or for an image folder above the
memory budget, its listing and a few decoded images.

Decoding a folder that streams while training (above training.data_memory_mb) would take the
memory the budget is there to keep free, and minutes. Its info (counts, classes, shape) comes
from the listing; only the images the previews draw are decoded: the first ``PER_CLASS`` of each
of the first ``MAX_CLASSES`` classes (the "By class" grid) and the first ``FIRST`` files (the
Images grid).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from netbuilder.engine.data.datasets import load_table_info, streamed_info
from netbuilder.engine.data.image_stream import ImageFiles
from netbuilder.engine.data.info import DatasetInfo
from netbuilder.engine.data.npz_check import human
from netbuilder.engine.data.preprocess import Table
from netbuilder.model.project import DatasetBinding

__all__ = ["FIRST", "MAX_CLASSES", "PER_CLASS", "load_preview", "preview_rows", "streamed_note"]

PER_CLASS = 8  # thumbnails per class in the "By class" grid
MAX_CLASSES = 30  # classes it shows
FIRST = 60  # images in the Images grid
_CHUNK = 32  # images decoded between two progress reports (and chances to cancel)


def preview_rows(y: np.ndarray, first: int = FIRST) -> np.ndarray:
    """Sorted indices of the rows a preview draws: the first ``PER_CLASS`` of each of the first
    ``MAX_CLASSES`` classes, and the first ``first`` rows."""
    picks = [np.arange(min(first, len(y)))]
    for c in range(MAX_CLASSES):
        picks.append(np.flatnonzero(y == c)[:PER_CLASS])
    return np.unique(np.concatenate(picks)).astype(np.int64)


def load_preview(
    binding: DatasetBinding,
    base_dir: Path | None = None,
    memory_mb: int = 0,
    *,
    progress: Callable[[float], None] | None = None,
) -> tuple[Table, DatasetInfo]:
    """``load_table_info``, except for an image folder above ``memory_mb``: its info from the
    listing and a table of the preview rows only (``extra["preview_of"]`` = the folder's
    size). ``progress`` hears the fraction decoded; what it raises ends the read."""
    streamed = streamed_info(binding, base_dir, memory_mb)
    if streamed is None:
        return load_table_info(binding, base_dir, progress=progress)
    table, info = streamed
    files: ImageFiles = table.x  # type: ignore[assignment]  # a lazy stand-in
    y = table.targets.y
    rows = preview_rows(y)
    parts = []
    for start in range(0, len(rows), _CHUNK):
        parts.append(files.decode(rows[start : start + _CHUNK]))
        if progress is not None:
            progress(min(1.0, (start + _CHUNK) / max(1, len(rows))))
    height, width = files.options.size
    empty = np.zeros((0, files.options.n_channels, height, width), dtype=np.float32)
    x = np.concatenate(parts) if parts else empty
    extra = {**table.extra, "preview_of": len(files), "preview_skipped": files.skipped}
    sample = replace(table, x=x, targets=replace(table.targets, y=y[rows]), extra=extra)
    return sample, info


def streamed_note(info: DatasetInfo) -> str | None:
    """ "12,000 images, 1.4 GiB as float32: read from disk in batches while training" for a
    folder that streams; None otherwise."""
    if not info.extra.get("streamed"):
        return None
    size = info.n_samples * int(np.prod(info.input_shape)) * 4
    what = f"{info.n_samples:,} images, {human(size)} as float32"
    return f"{what}: read from disk in batches while training"
