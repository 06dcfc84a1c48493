"""What every shape rule is made of: the result and error types and the message helpers.

Kept apart from ``shape_rules.py`` so rules for more layer types can live in modules of their
own (``tensor_op_rules.py``) and be registered in ``RULES`` without an import cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "FLOAT",
    "INT",
    "InsertHint",
    "LayerResult",
    "Rule",
    "Shape",
    "ShapeProblem",
    "format_shape",
    "need_floats",
    "rank_problem",
    "sample",
]

Shape = tuple[int, ...]
FLOAT = "float32"
INT = "int64"


def format_shape(shape: tuple[int, ...], batch: str = "N") -> str:
    """``(64,)`` -> ``"[N, 64]"``; ``()`` -> ``"[N]"``."""
    return "[" + ", ".join([batch, *map(str, shape)]) + "]"


def sample(shape: tuple[int, ...]) -> str:
    """``(3, 4)`` -> ``"[3, 4]"``: one sample's shape, without the batch."""
    return "[" + ", ".join(map(str, shape)) + "]"


@dataclass(frozen=True)
class InsertHint:
    """An obvious repair: insert ``layer_type`` in front of the failing node (its input 0)."""

    layer_type: str
    params: dict[str, Any] = field(default_factory=dict)
    detail: str = ""  # shown in the label, e.g. "to [1, 8, 8]"


class ShapeProblem(Exception):
    """A layer cannot take its inputs; ``message`` says why and what would fix it."""

    def __init__(self, message: str, hint: InsertHint | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


LayerResult = tuple[Shape, str, int]  # (shape, dtype, parameter count)
Rule = Callable[[dict[str, Any], tuple[Shape, ...], tuple[str, ...]], LayerResult]


def need_floats(layer: str, dtypes: tuple[str, ...]) -> None:
    if any(d != FLOAT for d in dtypes):
        raise ShapeProblem(
            f"{layer} needs float values but receives {INT} indices; "
            "insert Embedding before it to turn indices into vectors"
        )


def rank_problem(
    layer: str, needs: str, s: Shape, fix: str, hint: InsertHint | None = None
) -> ShapeProblem:
    return ShapeProblem(f"{layer} needs {needs} but receives {format_shape(s)}; {fix}", hint)
