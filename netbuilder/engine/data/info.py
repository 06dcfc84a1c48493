"""What the rest of the engine needs to know about a dataset without touching its arrays."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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

    @property
    def is_image(self) -> bool:
        return len(self.input_shape) == 3
