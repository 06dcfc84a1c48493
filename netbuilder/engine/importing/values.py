"""What an fx value becomes during an import, and what call mappers may ask of the walk."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from torch import fx

from netbuilder.engine.importing.leaf_layers import Unmappable


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


@dataclass(frozen=True)
class Pieces:
    """The tuple ``x.chunk(chunks, dim)`` (or an equal ``split``) returns: each ``[i]`` taken
    becomes one Chunk node. ``dim`` is counted with the batch."""

    source: Tensor
    chunks: int
    dim: int
    count: int  # how many pieces torch gives (maybe fewer than chunks)


@dataclass(frozen=True)
class AttentionPair:
    """``nn.MultiheadAttention``'s (values, weights); only the values map (``[0]``)."""

    node_id: str


Value = Tensor | Sizes | RnnPart | Pieces | AttentionPair


class Walk(Protocol):
    """The tracer's side of a call mapper."""

    def add(
        self,
        layer_type: str,
        params: dict[str, Any],
        inputs: list[Tensor],
        source: str | None = None,
    ) -> Tensor: ...

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


def after_batch(walk: Walk, x: Any, dim: Any, what: str = "dim") -> int:
    """``dim`` of tensor ``x`` as netbuilder stores it: positive, counted with the batch (1 is
    the first after it); ``Unmappable`` for the batch itself or a dimension given at run time."""
    if not isinstance(dim, int):
        raise Unmappable(f"{what}={dim!r} is not a fixed number")
    rank = len(walk.shape(x))
    d = dim + rank if dim < 0 else dim
    if d < 1 or d >= rank:
        raise Unmappable(f"{what}={dim} is the batch dimension (or outside the tensor)")
    return d
