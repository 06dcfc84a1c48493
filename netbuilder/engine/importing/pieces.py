"""``chunk`` and ``split`` -> one Chunk node per piece used.

``a, b = x.chunk(2, dim=1)`` traces as a chunk call and one ``getitem`` per name; the call
becomes a ``Pieces`` value and each ``[i]`` that is used becomes Chunk(chunks, index=i, dim).
A ``split`` whose pieces are the ones ``torch.chunk`` would cut maps the same way; other sizes
are reported (a Chunk node cuts equal pieces).
"""

from __future__ import annotations

from typing import Any

from torch import fx

from netbuilder.engine.importing.leaf_layers import Unmappable
from netbuilder.engine.importing.values import (
    Pieces,
    Sizes,
    Value,
    Walk,
    after_batch,
    argument,
)
from netbuilder.engine.network.tensor_op_rules import chunk_sizes
from netbuilder.model import is_known

__all__ = ["chunk", "piece", "split"]


def _need_chunk() -> None:
    if not is_known("Chunk"):
        raise Unmappable("this netbuilder has no Chunk layer yet")


def chunk(walk: Walk, node: fx.Node) -> Value:
    """``torch.chunk(x, chunks, dim)`` and ``x.chunk(chunks, dim)``."""
    _need_chunk()
    x, chunks = node.args[0], argument(node, 1, "chunks")
    if not isinstance(chunks, int) or isinstance(chunks, bool) or chunks < 1:
        raise Unmappable(f"chunks={chunks!r} is not a fixed positive number")
    dim = after_batch(walk, x, argument(node, 2, "dim", 0))
    count = len(chunk_sizes(walk.shape(x)[dim], chunks))
    return Pieces(walk.tensor(x), max(chunks, 2), dim, count)


def split(walk: Walk, node: fx.Node) -> Value:
    """``torch.split(x, size_or_sizes, dim)`` and ``x.split(...)``, when torch.chunk would cut
    the same pieces."""
    _need_chunk()
    x, size = node.args[0], argument(node, 1, "split_size_or_sections")
    if size is None:
        size = argument(node, 1, "split_size")
    dim = after_batch(walk, x, argument(node, 2, "dim", 0))
    length = walk.shape(x)[dim]
    if isinstance(size, int) and not isinstance(size, bool) and size > 0:
        sizes = [min(size, length - start) for start in range(0, length, size)]
    elif isinstance(size, list | tuple) and all(isinstance(s, int) for s in size):
        sizes = list(size)
    else:
        raise Unmappable(f"split sizes {size!r} are not fixed numbers")
    chunks = len(sizes)
    if sizes != chunk_sizes(length, chunks):
        raise Unmappable(
            f"split into sizes {sizes} along dim {dim}; netbuilder's Chunk cuts equal pieces "
            f"as torch.chunk does ({chunk_sizes(length, chunks)} here): split into equal sizes, "
            "or use a Linear/Conv per part"
        )
    return Pieces(walk.tensor(x), max(chunks, 2), dim, chunks)


def piece(walk: Walk, pieces: Pieces, index: Any, used: bool) -> Value:
    """``pieces[index]``: a Chunk node when it is used (an unused ``_`` adds nothing)."""
    if not isinstance(index, int) or isinstance(index, bool):
        raise Unmappable(
            f"taking {index!r} of a chunk/split result; take single pieces ([0], [1], ...)"
        )
    if not -pieces.count <= index < pieces.count:
        raise Unmappable(f"piece {index} of {pieces.count}; there is no such piece")
    if not used:
        return Sizes()
    if pieces.count == 1:  # a chunk into one piece is the tensor itself
        return pieces.source
    params = {"chunks": pieces.chunks, "index": index % pieces.count, "dim": pieces.dim}
    return walk.add("Chunk", params, [pieces.source])
