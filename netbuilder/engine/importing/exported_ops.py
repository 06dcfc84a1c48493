"""ATen calls of an exported program -> nn modules and torch calls (tables for ``exported``).

``WEIGHTED``: calls that take weights, rebuilt as the nn module those weights belong to.
``STATELESS``: layers without weights, rebuilt as their nn module. ``FUNCTIONS``: calls
``call_layers`` maps, as the torch function or tensor method it knows. A mapper returns None for
a variant netbuilder has no layer for; the ATen call then stays, and the walk reports it.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, Protocol

import torch
from torch import fx, nn

Args = list[Any]
Call = tuple[Any, Args, str]  # (target, arguments, "function" or "method")


class Rewrite(Protocol):
    def param(self, arg: Any) -> torch.Tensor | None: ...

    def refuse(self, what: str) -> None: ...


ALIAS: Call = (None, [], "alias")  # the call returns its input unchanged
# checks an export adds for dynamic sizes: nothing to map, the import's own check runs instead
CHECKS = frozenset(
    {
        "aten._assert_scalar.default",
        "aten._assert_tensor_metadata.default",
        "aten.sym_constrain_range_for_size.default",
    }
)
TUPLES = frozenset({"aten._native_batch_norm_legit_no_training.default"})


def _arg(args: Args, index: int, default: Any) -> Any:
    return args[index] if len(args) > index and args[index] is not None else default


def _ints(value: Any, n: int) -> tuple[int, ...]:
    values = [int(v) for v in value] if isinstance(value, list | tuple) else [int(value)]
    return tuple(values * n if len(values) == 1 else values)


def _rank(arg: Any) -> int:
    value = arg.meta.get("val") if isinstance(arg, fx.Node) else None
    return value.dim() if isinstance(value, torch.Tensor) else 0


def _load(module: nn.Module, tensors: dict[str, torch.Tensor | None]) -> nn.Module:
    with torch.no_grad():
        for name, tensor in tensors.items():
            if tensor is not None:
                getattr(module, name).copy_(tensor)
    return module


# --- calls with weights -------------------------------------------------------------------


def weights_of(op: str, args: Args) -> list[Any]:
    """The arguments of ``op`` that are its weights (the first names the module's path)."""
    if op == "aten.embedding.default":
        return [args[0]]
    if op == "aten.layer_norm.default":
        return [_arg(args, 2, None), _arg(args, 3, None)]
    if "batch_norm" in op:
        return [args[3], args[4], args[1], args[2]]
    return [args[1], _arg(args, 2, None)]


def _conv(rw: Rewrite, args: Args, node: fx.Node) -> tuple[nn.Module, Any] | None:
    w, b = rw.param(args[1]), rw.param(_arg(args, 2, None))
    if w is None:
        return None
    if str(node.target) == "aten.convolution.default":
        stride, padding, dilation, transposed, _, groups = args[3:9]
        if transposed:
            return None
    else:
        stride, padding, dilation, groups = (
            _arg(args, 3, 1),
            _arg(args, 4, 0),
            _arg(args, 5, 1),
            _arg(args, 6, 1),
        )
    n = w.dim() - 2
    kind = {1: nn.Conv1d, 2: nn.Conv2d}.get(n)
    if kind is None:
        return None
    make: Any = kind  # the int-or-tuple arguments are typed as int
    module = make(
        w.shape[1] * groups,
        w.shape[0],
        tuple(w.shape[2:]),
        stride=_ints(stride, n),
        padding=padding if isinstance(padding, str) else _ints(padding, n),
        dilation=_ints(dilation, n),
        groups=groups,
        bias=b is not None,
    )
    return _load(module, {"weight": w, "bias": b}), args[0]


def _linear(rw: Rewrite, args: Args, node: fx.Node) -> tuple[nn.Module, Any] | None:
    w, b = rw.param(args[1]), rw.param(_arg(args, 2, None))
    if w is None:
        return None
    module = nn.Linear(w.shape[1], w.shape[0], bias=b is not None)
    return _load(module, {"weight": w, "bias": b}), args[0]


def _batch_norm(rw: Rewrite, args: Args, node: fx.Node) -> tuple[nn.Module, Any] | None:
    w, b, mean, var = (rw.param(a) for a in (args[1], args[2], args[3], args[4]))
    if mean is None or var is None:
        return None
    if str(node.target) == "aten.batch_norm.default":
        if args[5]:
            rw.refuse("batch_norm")
        momentum, eps = args[6], args[7]
    else:
        momentum, eps = args[5], args[6]
    kind = nn.BatchNorm2d if _rank(args[0]) == 4 else nn.BatchNorm1d
    module = kind(len(mean), eps=eps, momentum=momentum, affine=w is not None)
    tensors = {"weight": w, "bias": b, "running_mean": mean, "running_var": var}
    return _load(module, tensors), args[0]


def _layer_norm(rw: Rewrite, args: Args, node: fx.Node) -> tuple[nn.Module, Any] | None:
    w, b = rw.param(_arg(args, 2, None)), rw.param(_arg(args, 3, None))
    if w is None:
        return None
    module = nn.LayerNorm(list(args[1]), eps=_arg(args, 4, 1e-5), bias=b is not None)
    return _load(module, {"weight": w, "bias": b}), args[0]


def _embedding(rw: Rewrite, args: Args, node: fx.Node) -> tuple[nn.Module, Any] | None:
    w = rw.param(args[0])
    if w is None:
        return None
    padding = _arg(args, 2, -1)
    module = nn.Embedding(w.shape[0], w.shape[1], padding_idx=None if padding < 0 else padding)
    return _load(module, {"weight": w}), args[1]


Weighted = Callable[[Rewrite, Args, fx.Node], "tuple[nn.Module, Any] | None"]
WEIGHTED: dict[str, Weighted] = {
    "aten.conv1d.default": _conv,
    "aten.conv2d.default": _conv,
    "aten.conv2d.padding": _conv,
    "aten.convolution.default": _conv,
    "aten.linear.default": _linear,
    "aten.batch_norm.default": _batch_norm,
    "aten._native_batch_norm_legit_no_training.default": _batch_norm,
    "aten.layer_norm.default": _layer_norm,
    "aten.embedding.default": _embedding,
}


# --- layers without weights ---------------------------------------------------------------


def _plain(make: Callable[[], nn.Module]) -> Callable[[Rewrite, Args, fx.Node], nn.Module]:
    return lambda rw, args, node: make()


def _hardtanh(rw: Rewrite, args: Args, node: fx.Node) -> nn.Module | None:
    low, high = _arg(args, 1, -1.0), _arg(args, 2, 1.0)
    return nn.ReLU6() if (low, high) == (0.0, 6.0) else None


def _max_pool(rw: Rewrite, args: Args, node: fx.Node) -> nn.Module | None:
    kernel = _ints(args[1], 2)
    stride = _ints(args[2], 2) if _arg(args, 2, []) else kernel
    padding, dilation = _ints(_arg(args, 3, 0), 2), _ints(_arg(args, 4, 1), 2)
    if _arg(args, 5, False):
        return None  # ceil_mode
    return nn.MaxPool2d(kernel, stride, padding, dilation)


def _avg_pool(rw: Rewrite, args: Args, node: fx.Node) -> nn.Module | None:
    kernel = _ints(args[1], 2)
    stride = _ints(args[2], 2) if _arg(args, 2, []) else kernel
    if _arg(args, 4, False) or not _arg(args, 5, True) or _arg(args, 6, None) is not None:
        return None  # ceil_mode, count_include_pad=False or a divisor: no such layer
    make: Any = nn.AvgPool2d  # typed as pairs; _ints gives two
    module: nn.Module = make(kernel, stride, _ints(_arg(args, 3, 0), 2))
    return module


def _dropout(rw: Rewrite, args: Args, node: fx.Node) -> nn.Module | None:
    if _arg(args, 2, False):
        rw.refuse("dropout")
    return nn.Dropout(float(args[1]))


def _gelu(rw: Rewrite, args: Args, node: fx.Node) -> nn.Module | None:
    return nn.GELU(approximate=str(node.kwargs.get("approximate", _arg(args, 1, "none"))))


Stateless = Callable[[Rewrite, Args, fx.Node], "nn.Module | None"]
STATELESS: dict[str, Stateless] = {
    "aten.relu.default": _plain(nn.ReLU),
    "aten.relu_.default": _plain(nn.ReLU),
    "aten.hardtanh.default": _hardtanh,
    "aten.hardtanh_.default": _hardtanh,
    "aten.sigmoid.default": _plain(nn.Sigmoid),
    "aten.tanh.default": _plain(nn.Tanh),
    "aten.silu.default": _plain(nn.SiLU),
    "aten.silu_.default": _plain(nn.SiLU),
    "aten.hardswish.default": _plain(nn.Hardswish),
    "aten.hardswish_.default": _plain(nn.Hardswish),
    "aten.hardsigmoid.default": _plain(nn.Hardsigmoid),
    "aten.hardsigmoid_.default": _plain(nn.Hardsigmoid),
    "aten.gelu.default": _gelu,
    "aten.leaky_relu.default": lambda rw, a, n: nn.LeakyReLU(float(_arg(a, 1, 0.01))),
    "aten.leaky_relu_.default": lambda rw, a, n: nn.LeakyReLU(float(_arg(a, 1, 0.01))),
    "aten.max_pool2d.default": _max_pool,
    "aten.avg_pool2d.default": _avg_pool,
    "aten.adaptive_avg_pool2d.default": lambda rw, a, n: nn.AdaptiveAvgPool2d(_ints(a[1], 2)),
    "aten.dropout.default": _dropout,
    "aten.dropout_.default": _dropout,
    "aten.softmax.int": lambda rw, a, n: nn.Softmax(int(a[1])),
    "aten._softmax.default": lambda rw, a, n: nn.Softmax(int(a[1])),
}


# --- functional calls ---------------------------------------------------------------------


def _merge(target: Any) -> Callable[[Args, fx.Node], Call | None]:
    def call(args: Args, node: fx.Node) -> Call | None:
        if node.kwargs.get("alpha", _arg(args, 2, 1)) != 1:
            return None
        return target, args[:2], "function"

    return call


def _reshape(args: Args, node: fx.Node) -> Call:
    """``view(x, [1, -1])``: an export writes its batch size; any batch is meant."""
    sizes = list(args[1])
    value, out = _val(args[0]), _val(node)
    batch = sizes[0] if sizes else None
    if (
        value is not None
        and out is not None
        and (isinstance(batch, fx.Node) or batch == value.shape[0])
    ):
        sizes = [-1, *(int(s) for s in out.shape[1:])]
    return "reshape", [args[0], *sizes], "method"


def _val(arg: Any) -> torch.Tensor | None:
    value = arg.meta.get("val") if isinstance(arg, fx.Node) else None
    return value if isinstance(value, torch.Tensor) else None


FUNCTIONS: dict[str, Callable[[Args, fx.Node], Call | None]] = {
    "aten.add.Tensor": _merge(operator.add),
    "aten.add_.Tensor": _merge(operator.add),
    "aten.mul.Tensor": _merge(operator.mul),
    "aten.mul_.Tensor": _merge(operator.mul),
    "aten.cat.default": lambda a, n: (torch.cat, [list(a[0]), _arg(a, 1, 0)], "function"),
    "aten.flatten.using_ints": lambda a, n: (torch.flatten, a, "function"),
    "aten.view.default": _reshape,
    "aten.reshape.default": _reshape,
    "aten._unsafe_view.default": _reshape,
    "aten.mean.dim": lambda a, n: (torch.mean, [a[0], list(a[1]), _arg(a, 2, False)], "function"),
    "aten.permute.default": lambda a, n: (torch.permute, [a[0], list(a[1])], "function"),
    "aten.transpose.int": lambda a, n: (torch.transpose, a, "function"),
    "aten.sym_size.int": lambda a, n: ("size", [a[0], a[1]], "method"),  # a dynamic batch
    "aten.contiguous.default": lambda a, n: ALIAS,
    "aten.clone.default": lambda a, n: ALIAS,
    "aten.alias.default": lambda a, n: ALIAS,
    "aten.detach.default": lambda a, n: ALIAS,
}
