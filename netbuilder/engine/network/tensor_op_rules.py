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
    source_of,
)
from netbuilder.model.i18n import translate

__all__ = ["TENSOR_OP_RULES"]


def _elementwise(layer: str) -> Rule:
    def rule(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
        need_floats(layer, dtypes)
        return shapes[0], dtypes[0], 0

    return rule


def _dims_range(s: Shape) -> str:
    if len(s) > 1:
        return translate("Shapes", "from 1 to {most}").format(most=len(s))
    return "1"


def _permute(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    s, dims = shapes[0], tuple(p["dims"])
    if not s:
        raise rank_problem(
            "Permute",
            translate("Shapes", "at least [N, A, B]"),
            s,
            translate("Shapes", "it has nothing to reorder"),
        )
    if sorted(dims) != list(range(1, len(s) + 1)):
        example = sample(tuple(range(len(s), 0, -1)))
        raise ShapeProblem(
            translate(
                "Shapes",
                "Permute dims {dims} must name each dimension of {shape} once, {range} "
                "(the batch stays first); for example {example}",
            ).format(
                dims=sample(dims), shape=format_shape(s), range=_dims_range(s), example=example
            )
        )
    return tuple(s[d - 1] for d in dims), dtypes[0], 0


def _mean(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    s, dims, keep = shapes[0], tuple(p["dims"]), p["keepdim"]
    if not s:
        raise rank_problem(
            "Mean",
            translate("Shapes", "at least [N, features]"),
            s,
            translate("Shapes", "there is nothing to average"),
        )
    if len(set(dims)) != len(dims) or max(dims) > len(s):
        raise ShapeProblem(
            translate(
                "Shapes",
                "Mean dims {dims} must be different dimensions of {shape}, {range} "
                "(the batch is never averaged)",
            ).format(dims=sample(dims), shape=format_shape(s), range=_dims_range(s))
        )
    need_floats("Mean", dtypes)
    if keep:
        return tuple(1 if i in dims else n for i, n in enumerate(s, 1)), dtypes[0], 0
    return tuple(n for i, n in enumerate(s, 1) if i not in dims), dtypes[0], 0


def _pad(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    s, pad, value = shapes[0], tuple(p["padding"]), p["value"]
    if len(pad) % 2:
        raise ShapeProblem(
            translate(
                "Shapes",
                "Pad padding {padding} has {count} numbers; it needs pairs (before, after), "
                "the last dimension's pair first",
            ).format(padding=sample(pad), count=len(pad))
        )
    pairs = len(pad) // 2
    if pairs > len(s):
        raise ShapeProblem(
            translate(
                "Shapes",
                "Pad padding {padding} pads {pairs} dimensions but {shape} has {most} after "
                "the batch; give at most {most} pairs",
            ).format(padding=sample(pad), pairs=pairs, shape=format_shape(s), most=len(s))
        )
    if dtypes[0] == INT and not float(value).is_integer():
        raise ShapeProblem(
            translate(
                "Shapes",
                "Pad value {value} cannot fill {int} indices; use a whole number such as 0",
            ).format(value=value, int=INT)
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
            translate(
                "Shapes", "use mode nearest for [N, C, L], or insert Reshape to [C, H, W] before it"
            ),
        )
    if len(s) not in (2, 3):
        raise rank_problem(
            "Upsample",
            translate("Shapes", "[N, C, L] or [N, C, H, W]"),
            s,
            translate("Shapes", "insert Reshape to {shape} before it").format(shape="[C, H, W]"),
        )
    need_floats("Upsample", dtypes)
    # PyTorch's size: the product in double precision, truncated.
    out = tuple(math.floor(float(n) * factor) for n in s[1:])
    if min(out) < 1:
        least = 1 / min(s[1:])
        raise ShapeProblem(
            translate(
                "Shapes",
                "Upsample scale_factor {factor} shrinks {size} to nothing; "
                "use a scale_factor of at least {least}",
            ).format(factor=factor, size="x".join(map(str, s[1:])), least=f"{least:.3g}")
        )
    return (s[0], *out), dtypes[0], 0


def _multiply(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    """Broadcast like ``torch.mul``; inputs of different ranks are refused, since PyTorch would
    line the shorter one's batch up with a dimension of the longer one."""
    out = shapes[0]
    for i, s in enumerate(shapes[1:], 1):
        if len(s) != len(out):
            raise ShapeProblem(
                translate(
                    "Shapes",
                    "Multiply needs inputs with the same number of dimensions: {first} from "
                    "{first_source} and {shape} from {source}; insert Reshape (e.g. to "
                    "[C, 1, 1]) before the smaller one",
                ).format(
                    first=format_shape(shapes[0]),
                    first_source=source_of(0),
                    shape=format_shape(s),
                    source=source_of(i),
                )
            )
        pairs = list(zip(out, s, strict=True))
        clash = [d for d, (a, b) in enumerate(pairs, 1) if a != b and 1 not in (a, b)]
        if clash:
            d = clash[0]
            j = next(j for j in range(i) if shapes[j][d - 1] == out[d - 1])  # gave that size
            raise ShapeProblem(
                translate(
                    "Shapes",
                    "Multiply inputs {first} from {first_source} and {shape} from {source} do "
                    "not broadcast: dim {dim} is {one} in one and {other} in the other (each "
                    "dimension must be equal, or 1 in one of them)",
                ).format(
                    first=format_shape(shapes[j]),
                    first_source=source_of(j),
                    shape=format_shape(s),
                    source=source_of(i),
                    dim=d,
                    one=out[d - 1],
                    other=s[d - 1],
                )
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
            translate(
                "Shapes",
                "Chunk dim {dim} is out of range for {shape}; use a dim {range} "
                "(the batch is never cut)",
            ).format(dim=dim, shape=format_shape(s), range=_dims_range(s))
            if s
            else translate(
                "Shapes", "Chunk needs at least [N, A] but receives {shape}; nothing to cut"
            ).format(shape=format_shape(s))
        )
    sizes = chunk_sizes(s[dim - 1], chunks)
    if index >= len(sizes):
        pieces = (
            translate("Shapes", "{count} pieces (index 0 to {last})").format(
                count=len(sizes), last=len(sizes) - 1
            )
            if sizes
            else translate("Shapes", "no pieces")
        )
        raise ShapeProblem(
            translate(
                "Shapes",
                "Chunk index {index} is past the last piece: {chunks} chunks of dim {dim} "
                "(size {size}) of {shape} make {pieces}",
            ).format(
                index=index,
                chunks=chunks,
                dim=dim,
                size=s[dim - 1],
                shape=format_shape(s),
                pieces=pieces,
            )
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
