"""One input of a table as read, before the split: numbers, or the strings of a text or id
column. ``input_fitting`` turns it into network inputs once the training rows are known."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netbuilder.engine.data.text import TextOptions

__all__ = ["RAW_KINDS", "RawInput"]

RAW_KINDS = ("features", "ids", "text")


@dataclass(frozen=True)
class RawInput:
    """One input as read: ``values`` is float32 [N, k] for features (one-hot columns listed in
    ``categorical``), an object array of str [N] for ids and text. ``columns``: the feature
    names (one-hot ones as ``name=value``), or the one id / text column."""

    name: str
    kind: str
    values: np.ndarray
    columns: tuple[str, ...]
    categorical: tuple[int, ...] = ()
    text: TextOptions | None = None

    def __len__(self) -> int:
        return len(self.values)
