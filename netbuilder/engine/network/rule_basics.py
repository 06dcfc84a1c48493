"""What every shape rule is made of: the result and error types and the message helpers.

Kept apart from ``shape_rules.py`` so rules for more layer types can live in modules of their
own (``tensor_op_rules.py``) and be registered in ``RULES`` without an import cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from netbuilder.model.i18n import Text, translate

__all__ = [
    "FLOAT",
    "INT",
    "InsertHint",
    "LayerResult",
    "Rule",
    "Shape",
    "ShapeProblem",
    "fill_names",
    "first_clause",
    "format_shape",
    "joined",
    "need_floats",
    "rank_problem",
    "sample",
    "source_of",
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
    detail: str = ""  # shown in the label, e.g. "to [1, 8, 8]" (a Text)


class ShapeProblem(Exception):
    """A layer cannot take its inputs; ``message`` says why and what would fix it."""

    def __init__(self, message: str, hint: InsertHint | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


LayerResult = tuple[Shape, str, int]  # (shape, dtype, parameter count)
Rule = Callable[[dict[str, Any], tuple[Shape, ...], tuple[str, ...]], LayerResult]


def source_of(index: int) -> str:
    """The placeholder for the node feeding input ``index`` (``{src[0]}``), filled by the
    checker: a rule's result is cached for any graph, so it does not know the node names."""
    return f"{{src[{index}]}}"


def fill_names(message: str, **names: Any) -> str:
    """``message`` with the checker's ``{node}`` and ``{src[i]}`` placeholders filled: in a
    ``Text``, in its fields (which hold them, and may be ``Text``s themselves)."""
    if isinstance(message, Text):
        fields = {
            key: fill_names(value, **names) if isinstance(value, str) else value
            for key, value in message.fields.items()
        }
        return Text(message.context, message.source, {**names, **fields})
    return message.format(**names)


def joined(parts: Sequence[str], separator: str = ", ") -> str:
    """``parts`` joined, each kept a field (so a window shows each ``Text`` translated)."""
    fields = {f"part{i}": part for i, part in enumerate(parts)}
    return Text("Shapes", separator.join(f"{{{key}}}" for key in fields), fields)


def need_floats(layer: str, dtypes: tuple[str, ...]) -> None:
    if any(d != FLOAT for d in dtypes):
        raise ShapeProblem(
            translate(
                "Shapes",
                "{layer} needs float values but receives {int} indices; "
                "insert Embedding before it to turn indices into vectors",
            ).format(layer=layer, int=INT)
        )


def rank_problem(
    layer: str, needs: str, s: Shape, fix: str, hint: InsertHint | None = None
) -> ShapeProblem:
    """``needs``: the shape it takes (a ``Text`` when it has words); ``fix``: a ``Text``."""
    problem = translate("Shapes", "{layer} needs {needs} but receives {shape}").format(
        layer=layer, needs=needs, shape=format_shape(s)
    )
    return ShapeProblem(
        translate("Shapes", "{problem}; {fix}").format(problem=problem, fix=fix), hint
    )


def first_clause(message: str) -> str:
    """What is wrong, without the advice after "; " (which may not apply)."""
    if isinstance(message, Text):
        if message.source.startswith("{problem}; ") and "problem" in message.fields:
            problem = message.fields["problem"]
            return problem if isinstance(problem, str) else str(problem)
        if "; " in message.source:  # shown in English: the clause alone has no translation
            return Text(message.context, message.source.split("; ", 1)[0], message.fields)
    return message.split("; ", 1)[0]
