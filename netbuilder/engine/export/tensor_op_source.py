"""Inline ``forward`` source for the tensor operations of ``engine/network/tensor_ops.py``:
``x.permute(0, 2, 1)``, ``x.mean(dim=(2, 3))``, ``x * 0.5``, ``nn.functional.pad(...)``,
``torch.chunk(x, 2, dim=1)[0]`` and
``stochastic_depth(x, p, self.training)``, read from the module the app built."""

from __future__ import annotations

from torch import nn

from netbuilder.engine.export.layout import Brackets, Chain, Expr
from netbuilder.engine.network.tensor_ops import Chunk, Mean, Pad, Permute, Scale, StochasticDepth

__all__ = ["TENSOR_OP_INLINE", "tensor_op_expr"]

TENSOR_OP_INLINE = frozenset({"Permute", "Mean", "Scale", "Pad", "Chunk", "StochasticDepth"})


def _ints(values: tuple[int, ...]) -> str:
    inner = ", ".join(str(v) for v in values)
    return f"({inner},)" if len(values) == 1 else f"({inner})"


def tensor_op_expr(layer_type: str, module: nn.Module, arg: str) -> Expr:
    """The expression computing ``layer_type`` (one of TENSOR_OP_INLINE) on variable ``arg``."""
    if isinstance(module, Permute):
        return Brackets(f"{arg}.permute(", ["0", *map(str, module.dims)], ")")
    if isinstance(module, Mean):
        dims = str(module.dims[0]) if len(module.dims) == 1 else _ints(module.dims)
        keep = ["keepdim=True"] if module.keepdim else []
        return Brackets(f"{arg}.mean(", [f"dim={dims}", *keep], ")")
    if isinstance(module, Scale):
        return Chain("*", [arg, repr(module.factor)])
    if isinstance(module, Pad):
        value = [f"value={module.value!r}"] if module.value != 0.0 else []
        return Brackets("nn.functional.pad(", [arg, _ints(module.padding), *value], ")")
    if isinstance(module, Chunk):
        chunks, dim = str(module.chunks), f"dim={module.dim}"
        return Brackets("torch.chunk(", [arg, chunks, dim], f")[{module.index}]")
    if isinstance(module, StochasticDepth):
        return Brackets("stochastic_depth(", [arg, repr(module.p), "self.training"], ")")
    raise KeyError(layer_type)  # pragma: no cover - TENSOR_OP_INLINE lists the types above
