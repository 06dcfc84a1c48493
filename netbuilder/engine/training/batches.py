"""Batches of a streamed image split, decoded by ``torch.utils.data.DataLoader`` workers.

The trainer keeps the order (its seeded ``randperm``) and the targets (small: on the device);
a ``StreamedInputs`` turns the epoch's index batches into input tensors on the device. Each
worker call decodes a whole batch (no per-image collation), pinned memory and non-blocking
copies are used on CUDA. Workers persist from pass to pass (epochs, evaluations) and
``close()`` joins them: the trainer calls it when ``run()`` returns or raises, so a stop, an
error or a closed window leaves no process behind.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator, Sequence
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader
from torch.utils.data import Dataset as TorchDataset

from netbuilder.engine.data.image_stream import ImageFiles

__all__ = ["StreamedInputs", "default_workers", "streamed_splits"]

EVAL_BATCH = 256
MAX_WORKERS = 8
EVAL_WORKERS = 2


def default_workers() -> int:
    """Decoding processes: one per core but one (the training thread's), at least one."""
    return max(1, min(MAX_WORKERS, (os.cpu_count() or 2) - 1))


def streamed_splits(
    data: Any, device: torch.device, workers: int | None = None
) -> dict[str, StreamedInputs]:
    """The splits of ``data`` (x_train, x_val, x_test) that stream from disk."""
    found = {}
    train_workers = default_workers() if workers is None else workers
    # Each split keeps its own pool for the run; evaluation reads between epochs, while the
    # training pool waits, so two processes serve it (not a second pool of one per core).
    eval_workers = min(EVAL_WORKERS, train_workers)
    for split in ("train", "val", "test"):
        x = getattr(data, f"x_{split}", None)
        if isinstance(x, ImageFiles):
            n = train_workers if split == "train" else eval_workers
            found[split] = StreamedInputs(x, device, workers=n)
    return found


class _BatchReader(TorchDataset[tuple[torch.Tensor, torch.Tensor]]):
    """Items are whole batches: the sampler hands over a list of indices. Each comes with the
    indices of its files that could not be decoded (a worker's count would stay in it)."""

    def __init__(self, files: ImageFiles) -> None:
        self.files = files

    def __len__(self) -> int:
        return len(self.files)

    def __getitem__(self, indices: Sequence[int]) -> tuple[torch.Tensor, torch.Tensor]:
        x, bad = self.files.decode_marked(indices)
        return torch.from_numpy(x), torch.tensor(bad, dtype=torch.int64)


class _IndexBatches:
    """The sampler of a persistent loader: the index batches of the current pass."""

    def __init__(self) -> None:
        self.batches: list[list[int]] = []

    def __iter__(self) -> Iterator[list[int]]:
        return iter(self.batches)

    def __len__(self) -> int:
        return len(self.batches)


class StreamedInputs:
    """One split's images, read in the order the trainer asks for."""

    def __init__(
        self, files: ImageFiles, device: torch.device, *, workers: int | None = None
    ) -> None:
        self.files = files
        self.device = device
        self.workers = default_workers() if workers is None else workers
        self._pin = device.type == "cuda"
        self._sampler = _IndexBatches()
        self._loader: DataLoader[tuple[torch.Tensor, torch.Tensor]] | None = None

    @property
    def skipped(self) -> int:
        """Files of this split met so far that could not be decoded (read as blanks)."""
        return len(self.files.bad_files)

    def __len__(self) -> int:
        return len(self.files)

    def sample(self, n: int) -> torch.Tensor:
        """The first ``n`` images, decoded here (for probes and diagnostics)."""
        x = torch.from_numpy(self.files.decode(range(min(n, len(self.files)))))
        return x.to(self.device)

    def batches(
        self, order: np.ndarray, batch_size: int, start: int = 0
    ) -> Generator[torch.Tensor, None, None]:
        """Input batches of ``order`` (sample indices), from batch ``start`` on. The workers
        stay up between passes (an epoch, an evaluation) until ``close()``: starting them
        cost ~0.3 s a pass on a loaded 2-core machine."""
        self._sampler.batches = [
            order[i : i + batch_size].tolist()
            for i in range(start * batch_size, len(order), batch_size)
        ]
        if self._loader is None:
            self._loader = DataLoader(
                _BatchReader(self.files),
                sampler=self._sampler,
                batch_size=None,
                num_workers=self.workers,
                pin_memory=self._pin,
                persistent_workers=self.workers > 0,
                prefetch_factor=4 if self.workers else None,
            )
        for x, bad in self._loader:
            if len(bad):
                self.files.bad_files.update(bad.tolist())
            yield x.to(self.device, non_blocking=True)

    def predict(self, module: nn.Module, *, close: bool = False) -> torch.Tensor:
        """Outputs of ``module`` on the whole split in eval mode; train mode is restored.
        ``close`` joins the workers afterwards (an evaluation outside a run)."""
        was_training = module.training
        module.eval()
        parts: list[torch.Tensor] = []
        feed = self.batches(np.arange(len(self.files)), EVAL_BATCH)
        try:
            with torch.no_grad():
                parts = [module(x) for x in feed]
        finally:
            feed.close()
            module.train(was_training)
            if close:
                self.close()
        return torch.cat(parts)

    def close(self) -> None:
        """Join the worker processes (a later pass starts new ones)."""
        loader, self._loader = self._loader, None
        iterator = getattr(loader, "_iterator", None)
        shutdown = getattr(iterator, "_shutdown_workers", None)  # the multi-process one's
        if shutdown is not None:
            shutdown()
