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
    joined,
)
from netbuilder.engine.network.rule_basics import need_floats as _floats
from netbuilder.engine.network.rule_basics import rank_problem as _rank_problem
from netbuilder.engine.network.rule_basics import sample as _sample
from netbuilder.engine.network.rule_basics import source_of as _src
from netbuilder.engine.network.tensor_op_rules import TENSOR_OP_RULES
from netbuilder.model.i18n import translate

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
            translate("Shapes", "insert Reshape to {shape} before it").format(shape="[1]"),
            InsertHint("Reshape", {"shape": (1,)}, _to("[1]")),
        )
    if len(s) > 2:
        raise _rank_problem(
            "Linear",
            "[N, features]",
            s,
            translate("Shapes", "insert Flatten before it"),
            InsertHint("Flatten"),
        )
    _floats("Linear", dtypes)
    out = p["out_features"]
    return (*s[:-1], out), FLOAT, s[-1] * out + (out if p["bias"] else 0)


def _to(shape: str) -> str:
    """An ``InsertHint``'s detail: where the inserted layer reshapes to."""
    return translate("Shapes", "to {shape}").format(shape=shape)


def _window_out(
    layer: str, size: Shape, k: int, stride: int, pad: int, dil: int = 1
) -> tuple[int, ...]:
    span = dil * (k - 1) + 1
    if any(n + 2 * pad < span for n in size):
        fit = min(size) + 2 * pad
        if dil > 1 and pad:
            message = translate(
                "Shapes",
                "{layer} kernel {k} with dilation {dilation} (spanning {span}) is larger than "
                "the padded input {size}; use a window of at most {fit}, or add padding",
            )
        elif dil > 1:
            message = translate(
                "Shapes",
                "{layer} kernel {k} with dilation {dilation} (spanning {span}) is larger than "
                "the input {size}; use a window of at most {fit}, or add padding",
            )
        elif pad:
            message = translate(
                "Shapes",
                "{layer} kernel {k} is larger than the padded input {size}; "
                "use a window of at most {fit}, or add padding",
            )
        else:
            message = translate(
                "Shapes",
                "{layer} kernel {k} is larger than the input {size}; "
                "use a window of at most {fit}, or add padding",
            )
        raise ShapeProblem(
            message.format(
                layer=layer,
                k=k,
                dilation=dil,
                span=span,
                size="x".join(map(str, size)),
                fit=fit,
            )
        )
    return tuple((n + 2 * pad - span) // stride + 1 for n in size)


def _conv(layer: str, nd: int) -> Rule:
    needs = "[N, C, L]" if nd == 1 else "[N, C, H, W]"

    def rule(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
        s = shapes[0]
        if len(s) != nd + 1:
            hint = None
            if len(s) == 1 and nd == 1:
                hint = InsertHint("Reshape", {"shape": (1, s[0])}, _to(f"[1, {s[0]}]"))
            side = math.isqrt(s[0]) if len(s) == 1 else 0
            if nd == 2 and len(s) == 1 and side * side == s[0]:
                hint = InsertHint(
                    "Reshape", {"shape": (1, side, side)}, _to(f"[1, {side}, {side}]")
                )
            target = "[C, L]" if nd == 1 else "[C, H, W]"
            fix = translate("Shapes", "insert Reshape to {shape} before it").format(shape=target)
            raise _rank_problem(layer, needs, s, fix, hint)
        _floats(layer, dtypes)
        k, oc, groups = p["kernel_size"], p["out_channels"], p.get("groups", 1)
        if s[0] % groups or oc % groups:
            raise ShapeProblem(
                translate(
                    "Shapes",
                    "{layer} groups {groups} must divide both the {channels} input channels "
                    "and the {out} out_channels; choose groups that divides both",
                ).format(layer=layer, groups=groups, channels=s[0], out=oc)
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
        raise _rank_problem("ConvTranspose2d", "[N, C, H, W]", s, _reshape_to_image())
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
            translate(
                "Shapes",
                "ConvTranspose2d output_padding {padding} must be smaller than stride "
                "{stride}; set output_padding to {most} or raise stride",
            ).format(padding=op, stride=st, most=st - 1)
        )
    out = tuple((n - 1) * st - 2 * pad + (k - 1) + op + 1 for n in s[1:])
    if min(out) < 1:
        raise ShapeProblem(
            translate(
                "Shapes",
                "ConvTranspose2d padding {padding} is too large for the input {size}: "
                "the output would be empty; reduce padding",
            ).format(padding=pad, size="x".join(map(str, s[1:])))
        )
    return (oc, *out), FLOAT, s[0] * oc * k * k + (oc if p["bias"] else 0)


def _pool(layer: str) -> Rule:
    def rule(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
        s = shapes[0]
        if len(s) != 3:
            raise _rank_problem(layer, "[N, C, H, W]", s, _reshape_to_image())
        _floats(layer, dtypes)
        k, pad = p["kernel_size"], p["padding"]
        if pad > k // 2:
            raise ShapeProblem(
                translate(
                    "Shapes",
                    "{layer} padding {padding} must be at most half of kernel_size {k}; "
                    "set padding to {most} or less",
                ).format(layer=layer, padding=pad, k=k, most=k // 2)
            )
        out = _window_out(layer, s[1:], k, p["stride"] or k, pad)
        return (s[0], *out), FLOAT, 0

    return rule


def _adaptive_avg_pool2d(
    p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]
) -> LayerResult:
    s = shapes[0]
    if len(s) != 3:
        raise _rank_problem("AdaptiveAvgPool2d", "[N, C, H, W]", s, _reshape_to_image())
    _floats("AdaptiveAvgPool2d", dtypes)
    return (s[0], *p["output_size"]), FLOAT, 0


def _reshape_to_image() -> str:
    return translate("Shapes", "insert Reshape to {shape} before it").format(shape="[C, H, W]")


def _flatten(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    s, start = shapes[0], p["start_dim"]
    if len(s) == 0:
        raise ShapeProblem(
            translate("Shapes", "Flatten needs at least [N, features] but receives {shape}").format(
                shape=format_shape(s)
            )
        )
    if start > len(s):
        raise ShapeProblem(
            translate(
                "Shapes",
                "Flatten start_dim {start} is out of range for {shape}; "
                "use start_dim {most} or less (1 flattens each sample)",
            ).format(start=start, shape=format_shape(s), most=len(s))
        )
    return (*s[: start - 1], math.prod(s[start - 1 :])), dtypes[0], 0


def _reshape(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    s, target = shapes[0], tuple(p["shape"])
    total = math.prod(s)
    known = math.prod(n for n in target if n != -1)
    if -1 in target:
        if total % known:
            raise ShapeProblem(
                translate(
                    "Shapes",
                    "Reshape to {target} needs a multiple of {known} values per sample but "
                    "receives {shape} ({total} values); change the shape",
                ).format(target=_sample(target), known=known, shape=format_shape(s), total=total)
            )
        return tuple(total // known if n == -1 else n for n in target), dtypes[0], 0
    if known != total:
        raise ShapeProblem(
            translate(
                "Shapes",
                "Reshape to {target} needs {known} values per sample but receives {shape} "
                "({total} values); change the shape so its sizes multiply to {total}, "
                "or use -1 for one size",
            ).format(target=_sample(target), known=known, shape=format_shape(s), total=total)
        )
    return target, dtypes[0], 0


def _softmax(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    s, dim = shapes[0], p["dim"]
    rank = len(s) + 1
    if not -rank <= dim < rank:
        raise ShapeProblem(
            translate(
                "Shapes", "Softmax dim {dim} is out of range for {shape}; use dim -1 (the last)"
            ).format(dim=dim, shape=format_shape(s))
        )
    if dim % rank == 0:
        raise ShapeProblem(
            translate(
                "Shapes",
                "Softmax dim {dim} is the batch dimension of {shape}, which mixes samples; "
                "use dim -1 (the last)",
            ).format(dim=dim, shape=format_shape(s))
        )
    _floats("Softmax", dtypes)
    return s, FLOAT, 0


def _batchnorm1d(
    p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]
) -> LayerResult:
    s = shapes[0]
    if len(s) not in (1, 2):
        fix = (
            translate("Shapes", "use BatchNorm2d for images")
            if len(s) == 3
            else translate("Shapes", "insert Reshape to {shape} before it").format(shape="[1]")
        )
        needs = translate("Shapes", "[N, C] or [N, C, L]")
        raise _rank_problem("BatchNorm1d", needs, s, fix)
    _floats("BatchNorm1d", dtypes)
    return s, FLOAT, 2 * s[0]


def _batchnorm2d(
    p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]
) -> LayerResult:
    s = shapes[0]
    if len(s) != 3:
        raise _rank_problem(
            "BatchNorm2d", "[N, C, H, W]", s, translate("Shapes", "use BatchNorm1d instead")
        )
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
            translate("Shapes", "insert Reshape to {shape} before it").format(shape="[1]"),
            InsertHint("Reshape", {"shape": (1,)}, _to("[1]")),
        )
    _floats("LayerNorm", dtypes)
    return s, FLOAT, 2 * s[-1] if p["elementwise_affine"] else 0


def _embedding(
    p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]
) -> LayerResult:
    if dtypes[0] != INT:
        raise ShapeProblem(
            translate(
                "Shapes",
                "Embedding needs integer indices ({int}) but receives {dtype} values; "
                "feed it an Input whose dtype is {int}",
            ).format(int=INT, dtype=dtypes[0])
        )
    n, d = p["num_embeddings"], p["embedding_dim"]
    return (*shapes[0], d), FLOAT, n * d


def _recurrent(layer: str, gates: int) -> Rule:
    def rule(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
        s = shapes[0]
        if len(s) != 2:
            fix = (
                translate("Shapes", "insert Reshape to {shape} before it").format(
                    shape="[L, features]"
                )
                if len(s) < 2
                else translate(
                    "Shapes", "insert Reshape or Flatten to make [L, features] before it"
                )
            )
            needs = translate("Shapes", "[N, L, features] (a sequence)")
            raise _rank_problem(layer, needs, s, fix)
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
    """``[N, 8] from {src[0]}, [N, 4] from {src[1]}``: one ``Text`` whose parts are ``Text``s."""
    parts = [
        translate("Shapes", "{shape} from {source}").format(shape=format_shape(s), source=_src(i))
        for i, s in enumerate(shapes)
    ]
    return joined(parts)


def _same_shape(layer: str) -> Rule:
    def rule(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
        if any(s != shapes[0] for s in shapes):
            raise ShapeProblem(
                translate("Shapes", "{layer} needs inputs of the same shape: {inputs}").format(
                    layer=layer, inputs=_describe_inputs(shapes)
                )
            )
        _floats(layer, dtypes)
        return shapes[0], FLOAT, 0

    return rule


def _concat(p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]) -> LayerResult:
    dim, first = p["dim"], shapes[0]
    if any(len(s) != len(first) for s in shapes):
        raise ShapeProblem(
            translate(
                "Shapes", "Concat needs inputs with the same number of dimensions: {inputs}"
            ).format(inputs=_describe_inputs(shapes))
        )
    if dim > len(first):
        raise ShapeProblem(
            translate(
                "Shapes", "Concat dim {dim} is out of range for {shape}; use dim {most} or less"
            ).format(dim=dim, shape=format_shape(first), most=len(first) or 1)
        )
    axis = dim - 1
    if any(s[:axis] + s[axis + 1 :] != first[:axis] + first[axis + 1 :] for s in shapes):
        raise ShapeProblem(
            translate(
                "Shapes", "Concat needs inputs that match except along dim {dim}: {inputs}"
            ).format(dim=dim, inputs=_describe_inputs(shapes))
        )
    if any(d != dtypes[0] for d in dtypes):
        raise ShapeProblem(
            translate("Shapes", "Concat needs inputs of one dtype; got {dtypes}").format(
                dtypes=", ".join(dtypes)
            )
        )
    size = sum(s[axis] for s in shapes)
    return (*first[:axis], size, *first[axis + 1 :]), dtypes[0], 0


def _sequence_pool(
    p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]
) -> LayerResult:
    seq, ids = shapes
    if len(seq) != 2:
        raise ShapeProblem(
            translate(
                "Shapes",
                "SequencePool needs the sequence [N, L, D] at input 0 but {source} gives "
                "{shape}; feed it an Embedding or an LSTM/GRU with output sequence",
            ).format(source=_src(0), shape=format_shape(seq))
        )
    if dtypes[0] != FLOAT:
        raise ShapeProblem(
            translate(
                "Shapes",
                "SequencePool needs float vectors at input 0 but {source} gives int64 indices; "
                "insert an Embedding before it",
            ).format(source=_src(0))
        )
    if dtypes[1] != INT or len(ids) != 1:
        raise ShapeProblem(
            translate(
                "Shapes",
                "SequencePool needs the token ids [N, L] (int64) at input 1 but {source} gives "
                "{shape} {dtype}; connect the text Input there",
            ).format(source=_src(1), shape=format_shape(ids), dtype=dtypes[1])
        )
    if ids[0] != seq[0]:
        raise ShapeProblem(
            translate(
                "Shapes",
                "SequencePool: the sequence has {steps} steps but the token ids {ids}; "
                "connect the ids the sequence was made from",
            ).format(steps=seq[0], ids=ids[0])
        )
    return (seq[1],), FLOAT, 0


def _transpose(
    p: dict[str, Any], shapes: tuple[Shape, ...], dtypes: tuple[str, ...]
) -> LayerResult:
    s = shapes[0]
    d0, d1 = p["dim0"], p["dim1"]
    if max(d0, d1) > len(s):
        raise ShapeProblem(
            translate(
                "Shapes",
                "Transpose dims {dim0} and {dim1} are out of range for {shape}; "
                "use dims from 1 to {most}",
            ).format(dim0=d0, dim1=d1, shape=format_shape(s), most=len(s))
            if s
            else translate(
                "Shapes", "Transpose needs at least [N, A, B]; {source} gives {shape}"
            ).format(source=_src(0), shape=format_shape(s))
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
        raise ShapeProblem(
            translate("Shapes", "{layer} cannot take {shapes}: {reason}").format(
                layer=layer_type, shapes=got, reason=reason
            )
        ) from None
    count = sum(p.numel() for p in module.parameters())
    return tuple(out.shape[1:]), str(out.dtype).removeprefix("torch."), count
