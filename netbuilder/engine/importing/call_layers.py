"""Functional calls and tensor methods -> catalogue layers (``torch.cat`` -> Concat, ...).

Each mapper gets the walk and the fx node and returns the value the call produces. Dimensions
are normalised with the traced shapes, so ``dim=-1`` becomes the positive index netbuilder
stores; anything touching the batch dimension is refused.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import torch
import torch.nn.functional as F  # noqa: N812 - the usual name
from torch import fx

from netbuilder.engine.importing.leaf_layers import Unmappable, square
from netbuilder.engine.importing.pieces import chunk, piece, split
from netbuilder.engine.importing.values import (
    AttentionPair,
    Pieces,
    RnnPart,
    Sizes,
    Tensor,
    Value,
    Walk,
    argument,
)
from netbuilder.engine.importing.values import after_batch as _dim
from netbuilder.model import is_known

Mapper = Callable[[Walk, fx.Node], Value]


def _need(kind: str) -> str:
    if not is_known(kind):
        raise Unmappable(f"this netbuilder has no {kind} layer yet")
    return kind


def _activation(kind: str, **params: tuple[int, str, Any]) -> Mapper:
    """``params``: catalogue name -> (position after the tensor, keyword, default)."""

    def mapper(walk: Walk, node: fx.Node) -> Value:
        values = {k: argument(node, i, name, d) for k, (i, name, d) in params.items()}
        return walk.add(_need(kind), values, [walk.tensor(node.args[0])])

    return mapper


def _merge(kind: str) -> Mapper:
    def mapper(walk: Walk, node: fx.Node) -> Value:
        a, b = node.args[0], node.args[1]
        if len(node.args) > 2 or node.kwargs.get("alpha", 1) != 1:
            raise Unmappable("add with alpha; write x + alpha * y")
        if isinstance(walk.value(a), Tensor) and isinstance(walk.value(b), Tensor):
            x, y = walk.tensor(a), walk.tensor(b)
            _merge_shapes(walk, kind, walk.shape(a), walk.shape(b))
            if x == y and kind == "Add":
                if not is_known("Scale"):
                    raise Unmappable("x + x (a tensor added to itself) needs the Scale layer")
                return walk.add("Scale", {"factor": 2.0}, [x])
            return walk.add(kind, {}, [x, y])
        return _scale(walk, a, b, kind)

    return mapper


def _merge_shapes(walk: Walk, kind: str, a: tuple[int, ...], b: tuple[int, ...]) -> None:
    """Add takes one shape; Multiply broadcasts, but only between tensors of one rank."""
    if kind == "Add" and a != b:
        raise Unmappable(
            f"adding tensors of shapes {list(a)} and {list(b)} (broadcasting); netbuilder's "
            "Add takes tensors of one shape: expand or reshape the smaller one first"
        )
    if kind == "Multiply" and len(a) != len(b):
        raise Unmappable(
            f"multiplying tensors of shapes {list(a)} and {list(b)}; netbuilder's Multiply "
            "broadcasts between tensors with the same number of dimensions: view the smaller "
            "one with size-1 dimensions (s.view(n, c, 1, 1))"
        )


def _scale(walk: Walk, a: Any, b: Any, kind: str) -> Value:
    tensor, factor = (a, b) if isinstance(walk.value(a), Tensor) else (b, a)
    if kind != "Multiply" or not isinstance(factor, int | float) or isinstance(factor, bool):
        raise Unmappable(f"{kind.lower()} with a constant or a non-tensor; only tensors merge")
    if not is_known("Scale"):
        raise Unmappable("multiplying by a constant needs the Scale layer (not here yet)")
    return walk.add("Scale", {"factor": float(factor)}, [walk.tensor(tensor)])


def _divide(walk: Walk, node: fx.Node) -> Value:
    x, c = node.args[0], node.args[1]
    if not isinstance(c, int | float) or isinstance(c, bool) or c == 0:
        raise Unmappable("division by a tensor or by zero; only division by a constant maps")
    return _scale(walk, x, 1.0 / c, "Multiply")


def _cat(walk: Walk, node: fx.Node) -> Value:
    tensors = list(argument(node, 0, "tensors", []))
    dim = argument(node, 1, "dim", 0)
    inputs = [walk.tensor(t) for t in tensors]
    return walk.add("Concat", {"dim": _dim(walk, tensors[0], dim)}, inputs)


def _reshape(walk: Walk, node: fx.Node) -> Value:
    """view/reshape/flatten/squeeze/unsqueeze as Flatten or Reshape, by the traced shapes."""
    x = node.args[0]
    before, after = walk.shape(x), walk.out_shape()
    if not after or after[0] != before[0]:
        raise Unmappable("a reshape that changes the batch dimension")
    if len(after) == 2:
        return walk.add("Flatten", {"start_dim": 1}, [walk.tensor(x)])
    return walk.add("Reshape", {"shape": tuple(after[1:])}, [walk.tensor(x)])


def _flatten(walk: Walk, node: fx.Node) -> Value:
    start = argument(node, 1, "start_dim", 0)
    end = argument(node, 2, "end_dim", -1)
    rank = len(walk.shape(node.args[0]))
    if end not in (-1, rank - 1):
        return _reshape(walk, node)
    return walk.add(
        "Flatten",
        {"start_dim": _dim(walk, node.args[0], start, "start_dim")},
        [walk.tensor(node.args[0])],
    )


def _dims(node: fx.Node, name: str) -> list[Any]:
    rest = list(node.args[1:])
    if len(rest) == 1 and isinstance(rest[0], tuple | list):
        return list(rest[0])
    named = node.kwargs.get(name, ())
    return rest or (list(named) if isinstance(named, tuple | list) else [])


def _permute(walk: Walk, node: fx.Node) -> Value:
    x = node.args[0]
    rank = len(walk.shape(x))
    dims = [d + rank if isinstance(d, int) and d < 0 else d for d in _dims(node, "dims")]
    if not dims or dims[0] != 0:
        raise Unmappable(f"permute{tuple(dims)} moves the batch dimension")
    if is_known("Permute"):
        return walk.add("Permute", {"dims": tuple(dims[1:])}, [walk.tensor(x)])
    moved = [i for i, d in enumerate(dims) if d != i]
    if len(moved) != 2:
        raise Unmappable("a permutation of more than two dimensions needs the Permute layer")
    return walk.add("Transpose", {"dim0": moved[0], "dim1": moved[1]}, [walk.tensor(x)])


def _transpose(walk: Walk, node: fx.Node) -> Value:
    x = node.args[0]
    d0 = _dim(walk, x, argument(node, 1, "dim0"), "dim0")
    d1 = _dim(walk, x, argument(node, 2, "dim1"), "dim1")
    return walk.add("Transpose", {"dim0": d0, "dim1": d1}, [walk.tensor(x)])


def _mean(walk: Walk, node: fx.Node) -> Value:
    x = node.args[0]
    dims = argument(node, 1, "dim")
    if dims is None:
        raise Unmappable("a mean over every dimension (the batch too); give dim")
    dims = dims if isinstance(dims, tuple | list) else (dims,)
    keepdim = bool(argument(node, 2, "keepdim", False))
    params = {"dims": tuple(sorted(_dim(walk, x, d) for d in dims)), "keepdim": keepdim}
    return walk.add(_need("Mean"), params, [walk.tensor(x)])


def _adaptive_avg_pool2d(walk: Walk, node: fx.Node) -> Value:
    size = argument(node, 1, "output_size")
    pair = (size, size) if isinstance(size, int) else tuple(size)
    return walk.add("AdaptiveAvgPool2d", {"output_size": pair}, [walk.tensor(node.args[0])])


def _pool(kind: str) -> Mapper:
    def mapper(walk: Walk, node: fx.Node) -> Value:
        k = square(argument(node, 1, "kernel_size"), "kernel_size")
        stride = argument(node, 2, "stride")
        if kind == "MaxPool2d":
            refused = square(argument(node, 4, "dilation", 1), "dilation") != 1 or argument(
                node, 5, "ceil_mode", False
            )
        else:
            refused = (
                argument(node, 4, "ceil_mode", False)
                or not argument(node, 5, "count_include_pad", True)
                or argument(node, 6, "divisor_override") is not None
            )
        if refused:
            raise Unmappable("dilation, ceil_mode or a divisor setting netbuilder's pooling lacks")
        params = {
            "kernel_size": k,
            "stride": square(stride, "stride") if stride else k,
            "padding": square(argument(node, 3, "padding", 0), "padding"),
        }
        return walk.add(kind, params, [walk.tensor(node.args[0])])

    return mapper


def _dropout(walk: Walk, node: fx.Node) -> Value:
    if not argument(node, 2, "training", True):
        return walk.tensor(node.args[0])  # F.dropout(..., training=False) is the identity
    p = argument(node, 1, "p", 0.5)
    return walk.add("Dropout", {"p": p}, [walk.tensor(node.args[0])])


def _alias(walk: Walk, node: fx.Node) -> Value:
    return walk.tensor(node.args[0])


def _sizes(walk: Walk, node: fx.Node) -> Value:
    return Sizes()


def _getattr(walk: Walk, node: fx.Node) -> Value:
    if node.args[1] in ("shape", "ndim"):
        return Sizes()
    raise Unmappable(f"reading .{node.args[1]} of a tensor")


def _getitem(walk: Walk, node: fx.Node) -> Value:
    base, index = walk.value(node.args[0]), node.args[1]
    if isinstance(base, Sizes) or (isinstance(base, RnnPart) and not node.users):
        return Sizes()  # a size, or a part of an LSTM's output that is never used
    if isinstance(base, RnnPart):
        return _rnn_item(walk, base, index)
    if isinstance(base, Pieces):
        return piece(walk, base, index, bool(node.users))
    if isinstance(base, AttentionPair):
        return _attention_item(base, index, bool(node.users))
    if isinstance(base, Tensor) and base.rnn and _is_last_step(index):
        return walk.rnn_output(base.node_id, "last")
    raise Unmappable("indexing or slicing a tensor; netbuilder has no slicing layer yet")


def _attention_item(pair: AttentionPair, index: Any, used: bool) -> Value:
    if index == 0:
        return Tensor(pair.node_id)
    if index == 1 and not used:
        return Sizes()
    raise Unmappable(
        "the attention weights (output [1]) are used; netbuilder's self-attention gives only "
        "the attended values (output [0])"
    )


def _is_last_step(index: Any) -> bool:
    if not isinstance(index, tuple) or len(index) not in (2, 3) or index[1] != -1:
        return False
    return all(i == slice(None) for i in index[:1] + index[2:])


def _rnn_item(walk: Walk, part: RnnPart, index: Any) -> Value:
    path = (*part.path, index)
    h_n = (1, 0) if part.kind == "LSTM" else (1,)
    if path == (0,):
        return Tensor(part.node_id, rnn=not part.bidirectional)
    if h_n[: len(path)] == path:
        return RnnPart(part.node_id, part.kind, part.bidirectional, path)
    if path[: len(h_n)] == h_n and path[len(h_n) :] == (-1,) and not part.bidirectional:
        return walk.rnn_output(part.node_id, "last")
    raise Unmappable(
        f"{part.kind} output{''.join(f'[{i}]' for i in path)}; netbuilder's {part.kind} gives "
        "the whole sequence (output[0]) or the last hidden state (h_n[-1], one direction)"
    )


_RELU: Mapper = _activation("ReLU")
_GELU = _activation("GELU", approximate=(1, "approximate", "none"))

FUNCTIONS: dict[Any, Mapper] = {
    operator.add: _merge("Add"),
    operator.iadd: _merge("Add"),
    torch.add: _merge("Add"),
    operator.mul: _merge("Multiply"),
    operator.imul: _merge("Multiply"),
    torch.mul: _merge("Multiply"),
    operator.truediv: _divide,
    torch.cat: _cat,
    torch.concat: _cat,
    torch.flatten: _flatten,
    torch.reshape: _reshape,
    torch.permute: _permute,
    torch.transpose: _transpose,
    torch.mean: _mean,
    torch.chunk: chunk,
    torch.split: split,
    torch.relu: _RELU,
    F.relu: _RELU,
    F.relu6: _activation("ReLU6"),
    F.hardswish: _activation("Hardswish"),
    F.hardsigmoid: _activation("Hardsigmoid"),
    F.gelu: _GELU,
    F.silu: _activation("SiLU"),
    torch.sigmoid: _activation("Sigmoid"),
    F.sigmoid: _activation("Sigmoid"),
    torch.tanh: _activation("Tanh"),
    F.tanh: _activation("Tanh"),
    F.leaky_relu: _activation("LeakyReLU", negative_slope=(1, "negative_slope", 0.01)),
    F.softmax: _activation("Softmax", dim=(1, "dim", None)),
    torch.softmax: _activation("Softmax", dim=(1, "dim", None)),
    F.adaptive_avg_pool2d: _adaptive_avg_pool2d,
    F.max_pool2d: _pool("MaxPool2d"),
    F.avg_pool2d: _pool("AvgPool2d"),
    F.dropout: _dropout,
    operator.getitem: _getitem,
    getattr: _getattr,
}

METHODS: dict[str, Mapper] = {
    "add": _merge("Add"),
    "add_": _merge("Add"),
    "mul": _merge("Multiply"),
    "mul_": _merge("Multiply"),
    "view": _reshape,
    "reshape": _reshape,
    "squeeze": _reshape,
    "unsqueeze": _reshape,
    "flatten": _flatten,
    "permute": _permute,
    "transpose": _transpose,
    "mean": _mean,
    "chunk": chunk,
    "split": split,
    "relu": _RELU,
    "relu_": _RELU,
    "sigmoid": _activation("Sigmoid"),
    "tanh": _activation("Tanh"),
    "softmax": _activation("Softmax", dim=(1, "dim", None)),
    "contiguous": _alias,
    "size": _sizes,
    "dim": _sizes,
}


def call_layer(walk: Walk, node: fx.Node) -> Value:
    """The value a ``call_function``/``call_method`` node produces; ``Unmappable`` if none."""
    table: dict[Any, Mapper] = FUNCTIONS if node.op == "call_function" else METHODS
    mapper = table.get(node.target)
    if mapper is None:
        raise Unmappable("netbuilder has no layer for this call; " + _advice(node))
    return mapper(walk, node)


def _advice(node: fx.Node) -> str:
    if node.op == "call_method":
        return "write it with a supported layer or leave it out of the model"
    return "move it into an nn.Module netbuilder knows, or leave it out of the model"
