"""What the rest of the engine needs to know about a dataset without touching its arrays."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

INPUT_KINDS = ("features", "image", "ids", "text", "tokens")  # tokens: indices, no vocabulary


@dataclass(frozen=True)
class InputInfo:
    """One tensor the dataset feeds the network. An Input node reads the one whose ``name`` its
    ``data`` parameter names (an empty ``data`` reads a dataset's only input)."""

    name: str
    shape: tuple[int, ...]  # one sample, without the batch dimension
    dtype: str = "float32"  # int64 for ids and tokens
    kind: str = "features"  # one of INPUT_KINDS
    columns: tuple[str, ...] = ()  # source columns (feature names after one-hot encoding)
    vocab_size: int = 0  # ids / text: indices run 0..vocab_size-1 (0 is padding or unknown)


@dataclass(frozen=True)
class DatasetInfo:
    """Shapes exclude the batch dimension. ``task`` is classification, binary or regression."""

    name: str
    task: str
    input_shape: tuple[int, ...]
    target_shape: tuple[int, ...]  # () for class indices, (k,) for k regression targets
    n_samples: int
    n_classes: int = 0  # classification / binary: number of classes
    input_dtype: str = "float32"  # or "int64" for token indices
    feature_names: tuple[str, ...] = ()
    class_names: tuple[str, ...] = ()
    target_names: tuple[str, ...] = ()
    class_counts: tuple[int, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # Several inputs (named column groups): one InputInfo each, in the order of the Dataset's
    # x tuples. Empty for a one-input dataset, which ``input_infos`` describes from input_shape.
    inputs: tuple[InputInfo, ...] = ()

    @property
    def input_infos(self) -> tuple[InputInfo, ...]:
        """Every input, also for a one-input dataset (named ``"x"``)."""
        if self.inputs:
            return self.inputs
        kind = (
            "image"
            if len(self.input_shape) == 3
            else ("text" if self.input_dtype == "int64" else "features")
        )
        kind = str(self.extra.get("input_kind", kind))  # a one-input ids dataset says so
        return (
            InputInfo(
                "x",
                tuple(self.input_shape),
                self.input_dtype,
                kind,
                tuple(self.feature_names),
                int(self.extra.get("vocab_size", 0) or 0),
            ),
        )

    @property
    def is_image(self) -> bool:
        return len(self.input_shape) == 3
