"""Image folders larger than memory: listed and split up front, decoded batch by batch.

An image folder whose float32 size (N x C x H x W x 4 bytes) exceeds the memory budget
(training.data_memory_mb; 0 = a quarter of this machine's memory) is not decoded whole. Its
files are listed and split exactly as the in-memory path splits them (seeded, stratified), the
per-channel statistics come from a seeded sample of up to ``STATS_SAMPLE`` training images, and
each split becomes an ``ImageFiles``: a lazy array that decodes (and standardises) only the rows
asked for. The trainer reads it through ``torch.utils.data.DataLoader`` workers.

A file that cannot be decoded while streaming becomes a blank image (the training mean) and is
counted by the reader that met it: a long run is never ended by one damaged file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from netbuilder.engine.data.errors import DataError
from netbuilder.engine.data.images import ImageOptions, decode_batch, list_images
from netbuilder.engine.data.memory import memory_budget
from netbuilder.engine.data.npz_check import human
from netbuilder.engine.data.preprocess import Table, encode_targets, fit_standardizer
from netbuilder.model.i18n import translate

__all__ = [
    "STATS_SAMPLE",
    "ImageFiles",
    "image_bytes",
    "memory_budget",
    "sample_statistics",
    "skipped_note",
    "streamed_table",
]

STATS_SAMPLE = 2000  # training images decoded for the mean and std of a streamed set


class ImageFiles:
    """A split of an image folder, decoded when read: ``x[i]``, ``x[a:b]``, ``x[[i, j]]`` or
    ``decode(indices)``. It has ``shape``, ``dtype`` and ``len`` like the array it stands for,
    but is never turned into one (``np.asarray`` refuses: that is what streaming avoids)."""

    def __init__(
        self,
        files: Sequence[str | Path],
        options: ImageOptions,
        mean: np.ndarray | None = None,
        std: np.ndarray | None = None,
    ) -> None:
        self.files = tuple(str(f) for f in files)
        self.options = options
        self.mean = None if mean is None else np.asarray(mean, dtype=np.float32)
        self.std = None if std is None else np.asarray(std, dtype=np.float32)
        height, width = options.size
        self.shape = (len(self.files), options.n_channels, height, width)
        self.dtype = np.dtype(np.float32)
        self.ndim = 4
        self.skipped = 0  # files met by this reader that could not be decoded
        self.bad_files: set[int] = set()  # their indices (a worker's reach the trainer)

    def __len__(self) -> int:
        return len(self.files)

    @property
    def nbytes(self) -> int:
        return image_bytes(len(self), self.options)

    def with_statistics(self, mean: np.ndarray | None, std: np.ndarray | None) -> ImageFiles:
        return ImageFiles(self.files, self.options, mean, std)

    def subset(self, indices: Sequence[int] | np.ndarray) -> ImageFiles:
        return ImageFiles([self.files[int(i)] for i in indices], self.options, self.mean, self.std)

    def decode(self, indices: Sequence[int] | np.ndarray) -> np.ndarray:
        """float32 [len(indices), C, H, W], standardised when the split has statistics."""
        return self.decode_marked(indices)[0]

    def decode_marked(self, indices: Sequence[int] | np.ndarray) -> tuple[np.ndarray, list[int]]:
        """``decode`` and the indices of the files in it that could not be decoded."""
        rows = [int(i) for i in indices]
        out, bad = decode_batch([self.files[i] for i in rows], self.options)
        if self.mean is not None and self.std is not None:
            out -= self.mean
            out /= self.std
        if bad:
            out[bad] = 0.0 if self.mean is not None else self._blank()
            self.skipped += len(bad)
        marked = [rows[k] for k in bad]
        self.bad_files.update(marked)
        return out, marked

    def _blank(self) -> float:
        return 0.5 if self.options.scale else 127.5

    def __getitem__(self, index: Any) -> np.ndarray:
        if isinstance(index, (int, np.integer)):
            one: np.ndarray = self.decode([int(index) % max(1, len(self))])[0]
            return one
        if isinstance(index, slice):
            return self.decode(range(*index.indices(len(self))))
        return self.decode(np.asarray(index).reshape(-1))

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        raise DataError(
            translate(
                "Data",
                "the {count} images stream from disk ({nbytes} as float32, above "
                "training.data_memory_mb) and are not available as one array here; "
                "raise training.data_memory_mb to load them whole",
            ).format(count=len(self), nbytes=human(self.nbytes)),
            field="data_memory_mb",
        )


def skipped_note(count: int) -> str | None:
    """What a run says of the streamed files it could not decode; None when there were none."""
    if count <= 0:
        return None
    text = (
        translate("Data", "{count} image file could not be decoded and trained as blank images")
        if count == 1
        else translate(
            "Data", "{count} image files could not be decoded and trained as blank images"
        )
    )
    return text.format(count=f"{count:,}")


def image_bytes(n: int, options: ImageOptions) -> int:
    height, width = options.size
    return n * options.n_channels * height * width * 4


def streamed_table(path: Path, options: ImageOptions) -> Table:
    """The table of an image folder with a lazy ``x`` (``ImageFiles``, no statistics). Nothing
    is decoded."""
    files, labels, ignored = list_images(path)
    targets = encode_targets(
        np.asarray(labels),
        "auto",
        where=translate("Data", "the classes of {file}").format(file=path.name),
    )
    extra: dict[str, Any] = {
        "image_root": str(path),
        "image_options": options.to_dict(),
        "image_scale": options.scale,
        "skipped": 0,
        "skipped_files": [],
        "streamed": True,
    }
    if ignored:
        extra["ignored_files"] = ignored
    x: Any = ImageFiles(files, options)  # stands for the [N, C, H, W] array it never builds
    return Table(x=x, targets=targets, source=path.name, extra=extra)


def sample_statistics(
    train: ImageFiles, seed: int, sample: int = STATS_SAMPLE
) -> tuple[np.ndarray, np.ndarray]:
    """Per-channel mean and std of a seeded sample of the training images."""
    rng = np.random.default_rng(seed)
    n = len(train)
    picked = np.sort(rng.choice(n, size=min(n, sample), replace=False))
    raw = train.with_statistics(None, None)
    return fit_standardizer(raw.decode(picked))
