"""Per-layer shape rules: output shape, dtype and parameter count, computed from the inputs.

Why analytic: building a module and running it on the ``meta`` device costs 0.1-50 ms per layer
on a 2-core CPU (an LSTM's meta forward is the slow end), too slow to re-check a 200-node graph
on every edit. These rules also say in plain words what is wrong and what would fix it. Types
without a rule fall back to ``meta_infer``; tests check that both, and real forward passes,
agree for every catalogue type.

Shapes exclude the batch dimension; dtypes are the strings "float32" / "int64". Error messages
may hold ``{node}`` and ``{src[i]}`` placeholders, filled in by the checker, so one cached
result serves every node with the same type, parameters and inputs.
"""

from __future__ import annotations

import math
from typing import Any

from netbuilder.engine.network.attention_rules import ATTENTION_RULES
from netbuilder.engine.network.rule_basics import (
    FLOAT,
    INT,
    InsertHint,
    LayerResult,
    Rule,
    Shape,
    ShapeProblem,
    format_shape,
)
from netbuilder.engine.network.rule_basics import need_floats as _floats
from netbuilder.engine.network.rule_basics import rank_problem as _rank_problem
from netbuilder.engine.network.rule_basics import sample as _sample
from netbuilder.engine.network.tensor_op_rules import TENSOR_OP_RULES

__all__ = [
    "FLOAT",
    "INT",
    "RULES",
    "InsertHint",
    "LayerResult",
    "Rule",
    "Shape",
    "ShapeProblem",
    "format_shape",
    "meta_infer",
]

# --- rules ------------------------------------------------------------------------------------


def _passthrough(
    p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]
) -> LayerResult:
    return shapes[0], dtypes[0], 0


def _elementwise(layer: str) -> Rule:
    def rule(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
        _floats(layer, dtypes)
        return shapes[0], FLOAT, 0

    return rule


def _linear(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    s = shapes[0]
    if len(s) == 0:
        raise _rank_problem(
            "Linear",
            "[N, features]",
            s,
            "insert Reshape to [1] before it",
            InsertHint("Reshape", {"shape": (1,)}, "to [1]"),
        )
    if len(s) > 2:
        raise _rank_problem(
            "Linear", "[N, features]", s, "insert Flatten before it", InsertHint("Flatten")
        )
    _floats("Linear", dtypes)
    out = p["out_features"]
    return (*s[:-1], out), FLOAT, s[-1] * out + (out if p["bias"] else 0)


def _window_out(
    layer: str, size: Shape, k: int, stride: int, pad: int, dil: int = 1
) -> tuple[int, ...]:
    span = dil * (k - 1) + 1
    if any(n + 2 * pad < span for n in size):
        what = f"kernel {k}" + (f" with dilation {dil} (spanning {span})" if dil > 1 else "")
        padded = "padded input" if pad else "input"
        fit = min(size) + 2 * pad
        raise ShapeProblem(
            f"{layer} {what} is larger than the {padded} {'x'.join(map(str, size))}; "
            f"use a window of at most {fit}, or add padding"
        )
    return tuple((n + 2 * pad - span) // stride + 1 for n in size)


def _conv(layer: str, nd: int) -> Rule:
    needs = "[N, C, L]" if nd == 1 else "[N, C, H, W]"

    def rule(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
        s = shapes[0]
        if len(s) != nd + 1:
            hint = None
            if len(s) == 1 and nd == 1:
                hint = InsertHint("Reshape", {"shape": (1, s[0])}, f"to [1, {s[0]}]")
            side = math.isqrt(s[0]) if len(s) == 1 else 0
            if nd == 2 and len(s) == 1 and side * side == s[0]:
                hint = InsertHint("Reshape", {"shape": (1, side, side)}, f"to [1, {side}, {side}]")
            target = "[C, L]" if nd == 1 else "[C, H, W]"
            raise _rank_problem(layer, needs, s, f"insert Reshape to {target} before it", hint)
        _floats(layer, dtypes)
        k, oc, groups = p["kernel_size"], p["out_channels"], p.get("groups", 1)
        if s[0] % groups or oc % groups:
            raise ShapeProblem(
                f"{layer} groups {groups} must divide both the {s[0]} input channels and the "
                f"{oc} out_channels; choose groups that divides both"
            )
        out = _window_out(layer, s[1:], k, p["stride"], p["padding"], p["dilation"])
        count = oc * (s[0] // groups) * k**nd + (oc if p["bias"] else 0)
        return (oc, *out), FLOAT, count

    return rule


def _conv_transpose2d(
    p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]
) -> LayerResult:
    s = shapes[0]
    if len(s) != 3:
        raise _rank_problem(
            "ConvTranspose2d", "[N, C, H, W]", s, "insert Reshape to [C, H, W] before it"
        )
    _floats("ConvTranspose2d", dtypes)
    k, st, pad, op, oc = (
        p["kernel_size"],
        p["stride"],
        p["padding"],
        p["output_padding"],
        p["out_channels"],
    )
    if op >= st:
        raise ShapeProblem(
            f"ConvTranspose2d output_padding {op} must be smaller than stride {st}; "
            f"set output_padding to {st - 1} or raise stride"
        )
    out = tuple((n - 1) * st - 2 * pad + (k - 1) + op + 1 for n in s[1:])
    if min(out) < 1:
        raise ShapeProblem(
            f"ConvTranspose2d padding {pad} is too large for the input "
            f"{'x'.join(map(str, s[1:]))}: the output would be empty; reduce padding"
        )
    return (oc, *out), FLOAT, s[0] * oc * k * k + (oc if p["bias"] else 0)


def _pool(layer: str) -> Rule:
    def rule(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
        s = shapes[0]
        if len(s) != 3:
            raise _rank_problem(layer, "[N, C, H, W]", s, "insert Reshape to [C, H, W] before it")
        _floats(layer, dtypes)
        k, pad = p["kernel_size"], p["padding"]
        if pad > k // 2:
            raise ShapeProblem(
                f"{layer} padding {pad} must be at most half of kernel_size {k}; "
                f"set padding to {k // 2} or less"
            )
        out = _window_out(layer, s[1:], k, p["stride"] or k, pad)
        return (s[0], *out), FLOAT, 0

    return rule


def _adaptive_avg_pool2d(
    p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]
) -> LayerResult:
    s = shapes[0]
    if len(s) != 3:
        raise _rank_problem(
            "AdaptiveAvgPool2d", "[N, C, H, W]", s, "insert Reshape to [C, H, W] before it"
        )
    _floats("AdaptiveAvgPool2d", dtypes)
    return (s[0], *p["output_size"]), FLOAT, 0


def _flatten(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    s, start = shapes[0], p["start_dim"]
    if len(s) == 0:
        raise ShapeProblem(f"Flatten needs at least [N, features] but receives {format_shape(s)}")
    if start > len(s):
        raise ShapeProblem(
            f"Flatten start_dim {start} is out of range for {format_shape(s)}; "
            f"use start_dim {len(s)} or less (1 flattens each sample)"
        )
    return (*s[: start - 1], math.prod(s[start - 1 :])), dtypes[0], 0


def _reshape(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    s, target = shapes[0], tuple(p["shape"])
    total = math.prod(s)
    known = math.prod(n for n in target if n != -1)
    got = f"receives {format_shape(s)} ({total} values)"
    if -1 in target:
        if total % known:
            raise ShapeProblem(
                f"Reshape to {_sample(target)} needs a multiple of {known} values per sample "
                f"but {got}; change the shape"
            )
        return tuple(total // known if n == -1 else n for n in target), dtypes[0], 0
    if known != total:
        raise ShapeProblem(
            f"Reshape to {_sample(target)} needs {known} values per sample but {got}; "
            "change the shape so its sizes multiply to "
            f"{total}, or use -1 for one size"
        )
    return target, dtypes[0], 0


def _softmax(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    s, dim = shapes[0], p["dim"]
    rank = len(s) + 1
    if not -rank <= dim < rank:
        raise ShapeProblem(
            f"Softmax dim {dim} is out of range for {format_shape(s)}; use dim -1 (the last)"
        )
    if dim % rank == 0:
        raise ShapeProblem(
            f"Softmax dim {dim} is the batch dimension of {format_shape(s)}, which mixes "
            "samples; use dim -1 (the last)"
        )
    _floats("Softmax", dtypes)
    return s, FLOAT, 0


def _batchnorm1d(
    p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]
) -> LayerResult:
    s = shapes[0]
    if len(s) not in (1, 2):
        fix = "use BatchNorm2d for images" if len(s) == 3 else "insert Reshape to [1] before it"
        raise _rank_problem("BatchNorm1d", "[N, C] or [N, C, L]", s, fix)
    _floats("BatchNorm1d", dtypes)
    return s, FLOAT, 2 * s[0]


def _batchnorm2d(
    p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]
) -> LayerResult:
    s = shapes[0]
    if len(s) != 3:
        raise _rank_problem("BatchNorm2d", "[N, C, H, W]", s, "use BatchNorm1d instead")
    _floats("BatchNorm2d", dtypes)
    return s, FLOAT, 2 * s[0]


def _layernorm(
    p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]
) -> LayerResult:
    s = shapes[0]
    if len(s) == 0:
        raise _rank_problem(
            "LayerNorm",
            "[N, features]",
            s,
            "insert Reshape to [1] before it",
            InsertHint("Reshape", {"shape": (1,)}, "to [1]"),
        )
    _floats("LayerNorm", dtypes)
    return s, FLOAT, 2 * s[-1] if p["elementwise_affine"] else 0


def _embedding(
    p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]
) -> LayerResult:
    if dtypes[0] != INT:
        raise ShapeProblem(
            f"Embedding needs integer indices ({INT}) but receives {dtypes[0]} values; "
            f"feed it an Input whose dtype is {INT}"
        )
    n, d = p["num_embeddings"], p["embedding_dim"]
    return (*shapes[0], d), FLOAT, n * d


def _recurrent(layer: str, gates: int) -> Rule:
    def rule(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
        s = shapes[0]
        if len(s) != 2:
            fix = (
                "insert Reshape to [L, features] before it"
                if len(s) < 2
                else "insert Reshape or Flatten to make [L, features] before it"
            )
            raise _rank_problem(layer, "[N, L, features] (a sequence)", s, fix)
        _floats(layer, dtypes)
        h, dirs = p["hidden_size"], 2 if p["bidirectional"] else 1
        count, width = 0, s[1]
        for _ in range(p["num_layers"]):
            count += dirs * gates * h * (width + h + 2)
            width = h * dirs
        shape = (s[0], h * dirs) if p["output"] == "sequence" else (h * dirs,)
        return shape, FLOAT, count

    return rule


def _describe_inputs(shapes: tuple[Shape, ...]) -> str:
    return ", ".join(f"{format_shape(s)} from {{src[{i}]}}" for i, s in enumerate(shapes))


def _same_shape(layer: str) -> Rule:
    def rule(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
        if any(s != shapes[0] for s in shapes):
            raise ShapeProblem(
                f"{layer} needs inputs of the same shape: {_describe_inputs(shapes)}"
            )
        _floats(layer, dtypes)
        return shapes[0], FLOAT, 0

    return rule


def _concat(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    dim, first = p["dim"], shapes[0]
    if any(len(s) != len(first) for s in shapes):
        raise ShapeProblem(
            f"Concat needs inputs with the same number of dimensions: {_describe_inputs(shapes)}"
        )
    if dim > len(first):
        raise ShapeProblem(
            f"Concat dim {dim} is out of range for {format_shape(first)}; "
            f"use dim {len(first) or 1} or less"
        )
    axis = dim - 1
    if any(s[:axis] + s[axis + 1 :] != first[:axis] + first[axis + 1 :] for s in shapes):
        raise ShapeProblem(
            f"Concat needs inputs that match except along dim {dim}: {_describe_inputs(shapes)}"
        )
    if any(d != dtypes[0] for d in dtypes):
        raise ShapeProblem(f"Concat needs inputs of one dtype; got {', '.join(dtypes)}")
    size = sum(s[axis] for s in shapes)
    return (*first[:axis], size, *first[axis + 1 :]), dtypes[0], 0


def _sequence_pool(
    p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]
) -> LayerResult:
    seq, ids = shapes
    if len(seq) != 2:
        raise ShapeProblem(
            f"SequencePool needs the sequence [N, L, D] at input 0 but {{src[0]}} gives "
            f"{format_shape(seq)}; feed it an Embedding or an LSTM/GRU with output sequence"
        )
    if dtypes[0] != FLOAT:
        raise ShapeProblem(
            "SequencePool needs float vectors at input 0 but {src[0]} gives int64 indices; "
            "insert an Embedding before it"
        )
    if dtypes[1] != INT or len(ids) != 1:
        raise ShapeProblem(
            f"SequencePool needs the token ids [N, L] (int64) at input 1 but {{src[1]}} gives "
            f"{format_shape(ids)} {dtypes[1]}; connect the text Input there"
        )
    if ids[0] != seq[0]:
        raise ShapeProblem(
            f"SequencePool: the sequence has {seq[0]} steps but the token ids {ids[0]}; "
            "connect the ids the sequence was made from"
        )
    return (seq[1],), FLOAT, 0


def _transpose(
    p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]
) -> LayerResult:
    s = shapes[0]
    d0, d1 = p["dim0"], p["dim1"]
    if max(d0, d1) > len(s):
        raise ShapeProblem(
            f"Transpose dims {d0} and {d1} are out of range for {format_shape(s)}; "
            f"use dims from 1 to {len(s)}"
            if s
            else f"Transpose needs at least [N, A, B]; {{src[0]}} gives {format_shape(s)}"
        )
    out = list(s)
    out[d0 - 1], out[d1 - 1] = out[d1 - 1], out[d0 - 1]
    return tuple(out), dtypes[0], 0


RULES: dict[str, Rule] = {
    "Output": _passthrough,
    "Identity": _passthrough,
    "Linear": _linear,
    "Conv1d": _conv("Conv1d", 1),
    "Conv2d": _conv("Conv2d", 2),
    "ConvTranspose2d": _conv_transpose2d,
    "MaxPool2d": _pool("MaxPool2d"),
    "AvgPool2d": _pool("AvgPool2d"),
    "AdaptiveAvgPool2d": _adaptive_avg_pool2d,
    "Flatten": _flatten,
    "Reshape": _reshape,
    "Dropout": _elementwise("Dropout"),
    "BatchNorm1d": _batchnorm1d,
    "BatchNorm2d": _batchnorm2d,
    "LayerNorm": _layernorm,
    "Embedding": _embedding,
    "LSTM": _recurrent("LSTM", 4),
    "GRU": _recurrent("GRU", 3),
    **{a: _elementwise(a) for a in ("ReLU", "LeakyReLU", "GELU", "SiLU", "Sigmoid", "Tanh")},
    "Softmax": _softmax,
    "Add": _same_shape("Add"),
    "Concat": _concat,
    "SequencePool": _sequence_pool,
    "Transpose": _transpose,
    **TENSOR_OP_RULES,  # rules of newer types live in modules of their own
    **ATTENTION_RULES,
}


def meta_infer(
    layer_type: str, params: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]
) -> LayerResult:
    """Shape, dtype and parameter count by building the layer and running it on ``meta``.

    The fallback for types without a rule, and the reference the rules are tested against.
    """
    import torch

    from netbuilder.engine.network.builders import build_layer

    try:
        module = build_layer(layer_type, params, list(shapes), device="meta").eval()
        args = [
            torch.empty((2, *s), dtype=getattr(torch, d), device="meta")
            for s, d in zip(shapes, dtypes, strict=True)
        ]
        with torch.no_grad():
            out = module(*args)
    except (RuntimeError, ValueError, IndexError, TypeError) as exc:
        got = ", ".join(format_shape(s) for s in shapes)
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ShapeProblem(f"{layer_type} cannot take {got}: {reason}") from None
    count = sum(p.numel() for p in module.parameters())
    return tuple(out.shape[1:]), str(out.dtype).removeprefix("torch."), count
