"""The body of the exported ``nn.Module``: one constructor line per layer, and ``forward``
with one variable per node (merges, Reshape, Transpose and SequencePool written inline)."""

from __future__ import annotations

import builtins
import json
import keyword
from typing import Any, Protocol

from torch import nn

from netbuilder.engine.export.common import ExportError
from netbuilder.engine.export.constructors import constructor_source, self_attention_source
from netbuilder.engine.export.layout import Brackets, Chain, Expr, render
from netbuilder.engine.export.tensor_op_source import TENSOR_OP_INLINE, tensor_op_expr
from netbuilder.engine.network.attention import SelfAttention
from netbuilder.engine.network.builders import Reshape
from netbuilder.engine.network.compile import GraphModule
from netbuilder.model import Graph
from netbuilder.model.i18n import translate


class SourceModel(Protocol):
    """What the class body is written from: the network (``ExportModel``) or a block use."""

    @property
    def module(self) -> GraphModule: ...
    @property
    def graph(self) -> Graph: ...
    @property
    def order(self) -> list[str]: ...


__all__ = ["INLINE", "RESERVED", "forward_lines", "input_params", "layer_lines"]

INLINE = frozenset(
    {
        "Input",
        "Output",
        "Identity",
        "BlockInput",
        "BlockOutput",
        "Add",
        "Multiply",
        "Concat",
        "Reshape",
        "SequencePool",
        "Transpose",
        *TENSOR_OP_INLINE,
    }
)
RESERVED = frozenset(
    {"torch", "nn", "load", "main", "np", "dist", "Path", "F", "self", "sequence_pool"}
    | {"encode", "encode_ids", "standardize", "standardize_input", "stochastic_depth"}
    | {"SelfAttention"}
)


def _sources(model: SourceModel) -> dict[str, list[str]]:
    """Node -> its input nodes in port order (compiled nodes only)."""
    live = set(model.order)
    return {
        n: [src for _, src in pairs if src in live]
        for n, pairs in model.graph.inputs_by_node().items()
        if n in live
    }


def _is_recurrent_wrapper(module: nn.Module) -> bool:
    return isinstance(module, (nn.LSTM, nn.GRU)) and hasattr(module, "output")


def layer_lines(model: SourceModel, calls: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(node id, constructor source) for every node that owns a module in the class;
    ``calls``: the source for block uses (``ResBlock(in_channels=8, width=16)``)."""
    out = []
    types = model.module.node_types
    for nid in model.order:
        if types[nid] in INLINE:
            continue
        if calls is not None and nid in calls:
            out.append((nid, calls[nid]))
            continue
        module = model.module.get_submodule(nid)
        if isinstance(module, SelfAttention):  # written beside the class (attention_source)
            out.append((nid, self_attention_source(module)))
            continue
        source = constructor_source(module)
        plain = type(module).__module__.startswith("torch.nn") or _is_recurrent_wrapper(module)
        if source is None or not plain:
            raise ExportError(
                translate(
                    "Export",
                    "layer {nid} ({types}, built as {name}) has no plain PyTorch "
                    "equivalent the Python export knows how to write",
                ).format(nid=repr(nid), types=types[nid], name=type(module).__name__),
                node=nid,
            )
        out.append((nid, source))
    return out


def _fresh(base: str, taken: set[str]) -> str:
    name = base
    while name in taken:
        name += "_"
    taken.add(name)
    return name


def input_params(model: SourceModel) -> list[str]:
    """``forward``'s argument names, in ``input_ids`` order: each Input's dataset input name
    (``user``, ``item``) when that is a usable Python name, else its node id."""
    gm = model.module
    taken = set(model.order)
    out = []
    for nid, name in zip(gm.input_ids, gm.input_names, strict=True):
        usable = (
            name.isidentifier()
            and name.isascii()
            and not keyword.iskeyword(name)
            and not hasattr(builtins, name)
            and name not in RESERVED
            and (name == nid or name not in taken)
            and name not in out
        )
        out.append(name if usable else nid)
    return out


def forward_lines(model: SourceModel) -> tuple[list[str], list[str]]:
    """(statements, returned variables) of ``forward``; one variable per computing node."""
    gm = model.module
    types, srcs = gm.node_types, _sources(model)
    var: dict[str, str] = dict(zip(gm.input_ids, input_params(model), strict=True))
    taken = set(model.order) | set(var.values())
    lines: list[str] = []
    for nid in model.order:
        t = types[nid]
        args = [var[s] for s in srcs.get(nid, [])]
        if t in ("Input", "BlockInput"):
            continue
        if t in ("Output", "Identity", "BlockOutput"):
            var[nid] = args[0]
            continue
        var[nid] = nid
        if t == "Reshape":
            reshape = gm.get_submodule(nid)
            assert isinstance(reshape, Reshape)
            dims = [str(d) for d in reshape.shape]
            batch = Brackets(f"{args[0]}.shape[", ["0"], "]")
            expr: Expr = Brackets(f"{args[0]}.reshape(", [batch, *dims], ")")
        elif t in ("Add", "Multiply"):
            if len(args) == 2:
                fn = "torch.add(" if t == "Add" else "torch.mul("
                expr = Brackets(fn, list(args), ")")
            else:
                expr = Chain("+" if t == "Add" else "*", list(args))
        elif t == "Transpose":
            m = gm.get_submodule(nid)
            expr = Brackets(f"{args[0]}.transpose(", [str(m.dim0), str(m.dim1)], ")")
        elif t == "SequencePool":
            mode = json.dumps(gm.get_submodule(nid).mode)
            expr = Brackets("sequence_pool(", [*args, mode], ")")
        elif t in TENSOR_OP_INLINE:
            expr = tensor_op_expr(t, gm.get_submodule(nid), args[0])
        elif t == "Concat":
            dim = gm.get_submodule(nid).dim
            expr = Brackets("torch.cat(", [Brackets("[", list(args), "]"), f"dim={dim}"], ")")
        else:
            module = gm.get_submodule(nid)
            call = Brackets(f"self.{nid}(", list(args), ")")
            if _is_recurrent_wrapper(module):
                lines += _recurrent_lines(nid, module, call, taken)
                continue
            expr = call
        lines += render(expr, 8, prefix=f"{nid} = ")
    returns = [var[o] for o in gm.output_ids]
    return lines, returns


def _recurrent_lines(nid: str, module: Any, call: Brackets, taken: set[str]) -> list[str]:
    """LSTM/GRU returning the whole sequence or the top layer's final hidden state."""
    if module.output == "sequence":
        return render(call, 8, prefix=f"{nid}, _ = ")
    h = _fresh("h_n", set(taken))
    state = f"({h}, _)" if isinstance(module, nn.LSTM) else h
    lines = ["        # Final hidden state of the top layer (both directions when bidirectional)"]
    lines += render(call, 8, prefix=f"_, {state} = ")
    if module.bidirectional:
        lines += render(
            Brackets("torch.cat(", [Brackets("[", [f"{h}[-2]", f"{h}[-1]"], "]"), "dim=1"], ")"),
            8,
            prefix=f"{nid} = ",
        )
    else:
        lines.append(f"        {nid} = {h}[-1]")
    return lines
