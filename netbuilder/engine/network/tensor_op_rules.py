"""Shape rules for the tensor operations real models use between their layers (issue 14):
hard activations, Permute, Mean, Scale, Pad, Upsample, StochasticDepth, Chunk, and Multiply,
which broadcasts as PyTorch does (a [N, C, 1, 1] gate scales [N, C, H, W]: squeeze-and-excitation).

Registered in ``shape_rules.RULES``; like every rule they must agree with ``meta_infer`` and a
real forward pass (tests/engine/network/test_builders.py). Dimensions are counted with the
batch, as PyTorch counts them: 1 is the first dimension after the batch.
"""

from __future__ import annotations

import math
from typing import Any

from netbuilder.engine.network.rule_basics import (
    INT,
    LayerResult,
    Rule,
    Shape,
    ShapeProblem,
    format_shape,
    need_floats,
    rank_problem,
    sample,
)

__all__ = ["TENSOR_OP_RULES"]


def _elementwise(layer: str) -> Rule:
    def rule(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
        need_floats(layer, dtypes)
        return shapes[0], dtypes[0], 0

    return rule


def _dims_range(s: Shape) -> str:
    return f"from 1 to {len(s)}" if len(s) > 1 else "1"


def _permute(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    s, dims = shapes[0], tuple(p["dims"])
    if not s:
        raise rank_problem("Permute", "at least [N, A, B]", s, "it has nothing to reorder")
    if sorted(dims) != list(range(1, len(s) + 1)):
        example = sample(tuple(range(len(s), 0, -1)))
        raise ShapeProblem(
            f"Permute dims {sample(dims)} must name each dimension of {format_shape(s)} once, "
            f"{_dims_range(s)} (the batch stays first); for example {example}"
        )
    return tuple(s[d - 1] for d in dims), dtypes[0], 0


def _mean(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    s, dims, keep = shapes[0], tuple(p["dims"]), p["keepdim"]
    if not s:
        raise rank_problem("Mean", "at least [N, features]", s, "there is nothing to average")
    if len(set(dims)) != len(dims) or max(dims) > len(s):
        raise ShapeProblem(
            f"Mean dims {sample(dims)} must be different dimensions of {format_shape(s)}, "
            f"{_dims_range(s)} (the batch is never averaged)"
        )
    need_floats("Mean", dtypes)
    if keep:
        return tuple(1 if i in dims else n for i, n in enumerate(s, 1)), dtypes[0], 0
    return tuple(n for i, n in enumerate(s, 1) if i not in dims), dtypes[0], 0


def _pad(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    s, pad, value = shapes[0], tuple(p["padding"]), p["value"]
    if len(pad) % 2:
        raise ShapeProblem(
            f"Pad padding {sample(pad)} has {len(pad)} numbers; it needs pairs (before, after), "
            "the last dimension's pair first"
        )
    pairs = len(pad) // 2
    if pairs > len(s):
        raise ShapeProblem(
            f"Pad padding {sample(pad)} pads {pairs} dimensions but {format_shape(s)} has "
            f"{len(s)} after the batch; give at most {len(s)} pairs"
        )
    if dtypes[0] == INT and not float(value).is_integer():
        raise ShapeProblem(
            f"Pad value {value} cannot fill {INT} indices; use a whole number such as 0"
        )
    out = list(s)
    for i in range(pairs):
        out[len(s) - 1 - i] += pad[2 * i] + pad[2 * i + 1]
    return tuple(out), dtypes[0], 0


def _upsample(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    s, factor, mode = shapes[0], p["scale_factor"], p["mode"]
    if mode == "bilinear" and len(s) != 3:
        raise rank_problem(
            "Upsample (bilinear)",
            "[N, C, H, W]",
            s,
            "use mode nearest for [N, C, L], or insert Reshape to [C, H, W] before it",
        )
    if len(s) not in (2, 3):
        raise rank_problem(
            "Upsample", "[N, C, L] or [N, C, H, W]", s, "insert Reshape to [C, H, W] before it"
        )
    need_floats("Upsample", dtypes)
    # PyTorch's size: the product in double precision, truncated.
    out = tuple(math.floor(float(n) * factor) for n in s[1:])
    if min(out) < 1:
        least = 1 / min(s[1:])
        raise ShapeProblem(
            f"Upsample scale_factor {factor} shrinks {'x'.join(map(str, s[1:]))} to nothing; "
            f"use a scale_factor of at least {least:.3g}"
        )
    return (s[0], *out), dtypes[0], 0


def _multiply(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    """Broadcast like ``torch.mul``; inputs of different ranks are refused, since PyTorch would
    line the shorter one's batch up with a dimension of the longer one."""
    out = shapes[0]
    for i, s in enumerate(shapes[1:], 1):
        if len(s) != len(out):
            raise ShapeProblem(
                "Multiply needs inputs with the same number of dimensions: "
                f"{format_shape(shapes[0])} from {{src[0]}} and {format_shape(s)} from "
                f"{{src[{i}]}}; insert Reshape (e.g. to [C, 1, 1]) before the smaller one"
            )
        pairs = list(zip(out, s, strict=True))
        clash = [d for d, (a, b) in enumerate(pairs, 1) if a != b and 1 not in (a, b)]
        if clash:
            d = clash[0]
            j = next(j for j in range(i) if shapes[j][d - 1] == out[d - 1])  # gave that size
            raise ShapeProblem(
                f"Multiply inputs {format_shape(shapes[j])} from {{src[{j}]}} and "
                f"{format_shape(s)} from {{src[{i}]}} do not broadcast: dim {d} is "
                f"{out[d - 1]} in one and {s[d - 1]} in the other (each dimension must be "
                "equal, or 1 in one of them)"
            )
        out = tuple(b if a == 1 else a for a, b in pairs)
    need_floats("Multiply", dtypes)
    return out, dtypes[0], 0


def chunk_sizes(length: int, chunks: int) -> list[int]:
    """The sizes of the pieces ``torch.chunk`` cuts ``length`` into (maybe fewer than
    ``chunks``: 5 in 4 chunks is 2, 2, 1)."""
    step = -(-length // chunks)
    return [min(step, length - start) for start in range(0, length, step)] if length else []


def _chunk(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    s, chunks, index, dim = shapes[0], p["chunks"], p["index"], p["dim"]
    if dim > len(s):
        raise ShapeProblem(
            f"Chunk dim {dim} is out of range for {format_shape(s)}; use a dim "
            f"{_dims_range(s)} (the batch is never cut)"
            if s
            else f"Chunk needs at least [N, A] but receives {format_shape(s)}; nothing to cut"
        )
    sizes = chunk_sizes(s[dim - 1], chunks)
    if index >= len(sizes):
        pieces = f"{len(sizes)} pieces (index 0 to {len(sizes) - 1})" if sizes else "no pieces"
        raise ShapeProblem(
            f"Chunk index {index} is past the last piece: {chunks} chunks of dim {dim} "
            f"(size {s[dim - 1]}) of {format_shape(s)} make {pieces}"
        )
    return (*s[: dim - 1], sizes[index], *s[dim:]), dtypes[0], 0


TENSOR_OP_RULES: dict[str, Rule] = {
    **{a: _elementwise(a) for a in ("ReLU6", "Hardswish", "Hardsigmoid")},
    "Permute": _permute,
    "Mean": _mean,
    "Scale": _elementwise("Scale"),
    "Pad": _pad,
    "Upsample": _upsample,
    "StochasticDepth": _elementwise("StochasticDepth"),
    "Multiply": _multiply,
    "Chunk": _chunk,
}
