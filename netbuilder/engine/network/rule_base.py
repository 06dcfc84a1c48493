"""What every shape rule is made of: the result and rule types, ``ShapeProblem`` and the small
helpers for its messages. Kept apart from the rules so rule modules beside ``shape_rules.py``
(``attention_rules.py``) import it without importing ``shape_rules``, which registers them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Shape = tuple[int, ...]
FLOAT = "float32"
INT = "int64"


def format_shape(shape: tuple[int, ...], batch: str = "N") -> str:
    """``(64,)`` -> ``"[N, 64]"``; ``()`` -> ``"[N]"``."""
    return "[" + ", ".join([batch, *map(str, shape)]) + "]"


def sample_shape(shape: tuple[int, ...]) -> str:
    """``(3, 4)`` -> ``"[3, 4]"``: one sample's shape, no batch."""
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


def require_floats(layer: str, dtypes: tuple[str, ...]) -> None:
    """ShapeProblem unless every input holds floats (token indices need an Embedding first)."""
    if any(d != FLOAT for d in dtypes):
        raise ShapeProblem(
            f"{layer} needs float values but receives {INT} indices; "
            "insert Embedding before it to turn indices into vectors"
        )


def rank_problem(
    layer: str, needs: str, s: Shape, fix: str, hint: InsertHint | None = None
) -> ShapeProblem:
    return ShapeProblem(f"{layer} needs {needs} but receives {format_shape(s)}; {fix}", hint)
