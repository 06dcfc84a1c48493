"""What an fx value becomes during an import, and what call mappers may ask of the walk."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from torch import fx


@dataclass(frozen=True)
class Tensor:
    """The output of a graph node. ``rnn``: an LSTM/GRU's sequence (``[:, -1]`` may follow)."""

    node_id: str
    rnn: bool = False


@dataclass(frozen=True)
class Sizes:
    """A value that is not a tensor: ``x.size(0)``, ``x.shape``; only shapes may use it."""


@dataclass(frozen=True)
class RnnPart:
    """Part of an LSTM/GRU's output tuple: ``path`` are the indices taken so far."""

    node_id: str
    kind: str
    bidirectional: bool
    path: tuple[int, ...] = ()


Value = Tensor | Sizes | RnnPart


class Walk(Protocol):
    """The tracer's side of a call mapper."""

    def add(self, layer_type: str, params: dict[str, Any], inputs: list[Tensor]) -> Tensor: ...

    def tensor(self, arg: Any) -> Tensor: ...

    def value(self, arg: Any) -> Value | None: ...

    def shape(self, arg: Any) -> tuple[int, ...]: ...

    def out_shape(self) -> tuple[int, ...]: ...

    def rnn_output(self, node_id: str, mode: str) -> Tensor: ...


def argument(node: fx.Node, index: int, name: str, default: Any = None) -> Any:
    """Positional argument ``index`` (after the tensor for methods) or keyword ``name``."""
    if len(node.args) > index:
        return node.args[index]
    return node.kwargs.get(name, default)
