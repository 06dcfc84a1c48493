"""Block definitions as their own ``nn.Module`` classes in the Python export.

A ResNet of 8 ``BasicBlock`` uses exports as ``class BasicBlock(nn.Module)`` used 8 times, not
60 flat layers. Each class is written from the uses the app compiled (``BlockModule``s): a
layer's constructor is the same in every use, except where its values differ between uses;
those become arguments of the class's ``__init__``, named, in this order of preference:

1. the block's own argument that sets that field (``width`` -> ``c2``'s ``out_channels``), or
   whose value it equals in every use (``c3``'s ``in_channels`` following ``width``);
2. the size of the block's input (``in_channels``: the first dimension of an image or a
   sequence's features; ``in_features``: the last dimension);
3. ``<layer>_<field>`` (``bn3_num_features``).

The block's arguments are always in ``__init__`` (their defaults the definition's), so a class
used once still reads as what it is. Submodules keep the body's node ids, so the state_dict of
the exported network equals the app's (``res_block_1.c2.weight``).
"""

from __future__ import annotations

import ast
import builtins
import inspect
import keyword
from dataclasses import dataclass
from typing import Any

from torch import nn

from netbuilder.engine.export.common import ExportError
from netbuilder.engine.export.constructors import literal
from netbuilder.engine.export.forward_source import (
    RESERVED,
    forward_lines,
    input_params,
    layer_lines,
)
from netbuilder.engine.export.layout import Brackets, parse_call, render
from netbuilder.engine.network.attention import SelfAttention
from netbuilder.engine.network.compile import BlockModule, GraphModule
from netbuilder.model import Graph
from netbuilder.model.blocks import Blocks
from netbuilder.model.i18n import translate

__all__ = ["BlockSources", "block_sources", "node_types_within"]


@dataclass
class BodyModel:
    """One use as the class writer sees it (the shape ``forward_source`` works from)."""

    module: GraphModule
    graph: Graph
    order: list[str]


@dataclass
class BlockSources:
    """Class sources (innermost first) and the call that builds each top-level use."""

    classes: list[str]
    calls: dict[str, str]  # top-level use id -> ``ResBlock(in_channels=8, width=16)``


def node_types_within(gm: GraphModule) -> set[str]:
    """Node types of the network and of every block use inside it."""
    return {t for m in gm.modules() if isinstance(m, GraphModule) for t in m.node_types.values()}


def block_sources(gm: GraphModule, blocks: Blocks, taken: set[str]) -> BlockSources:
    """The block classes for ``gm``'s uses; class names avoid ``taken`` (the network's)."""
    uses: dict[str, list[BlockModule]] = {}
    for m in gm.modules():
        if isinstance(m, BlockModule):
            uses.setdefault(m.block, []).append(m)
    if not uses:
        return BlockSources([], {})
    names = _class_names(list(uses), taken)
    calls: dict[int, str] = {}  # id(use module) -> its constructor call
    classes = []
    for block in _innermost_first(uses):
        writer = _ClassWriter(block, names[block], uses[block], blocks, calls)
        classes.append(writer.source())
    top = {nid: calls[id(m)] for nid, m in gm.named_children() if isinstance(m, BlockModule)}
    return BlockSources(classes, top)


def _class_names(blocks: list[str], taken: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in blocks:
        cls = name
        while cls in taken or cls in RESERVED or hasattr(builtins, cls) or cls in out.values():
            cls += "Block"
        out[name] = cls
    return out


def _innermost_first(uses: dict[str, list[BlockModule]]) -> list[str]:
    order: list[str] = []

    def visit(name: str) -> None:
        if name in order:
            return
        for m in uses[name]:
            for child in m.children():
                if isinstance(child, BlockModule):
                    visit(child.block)
        order.append(name)

    for name in uses:
        visit(name)
    return order


def _body(use: BlockModule) -> BodyModel:
    report = use.report
    return BodyModel(use, use.body, [n for n in report.order if n not in report.unused])


def _signature_names(head: str) -> list[str]:
    """Positional parameter names of the called class (``nn.Conv2d(`` -> in_channels, ...)."""
    name = head[:-1]
    cls: Any = None
    if name.startswith("nn."):
        cls = getattr(nn, name[3:], None)
    elif name == "SelfAttention":
        cls = SelfAttention
    if cls is None:
        return []
    if isinstance(cls, type) and issubclass(cls, nn.RNNBase):  # LSTM(*args, **kwargs)
        return ["input_size", "hidden_size", "num_layers"]
    try:
        return [p for p in inspect.signature(cls).parameters if p not in ("self", "args", "kwargs")]
    except (TypeError, ValueError):  # pragma: no cover - torch classes have signatures
        return []


def _default_source(head: str, name: str) -> str | None:
    cls = getattr(nn, head[3:-1], None) if head.startswith("nn.") else None
    if cls is None:
        return None
    param = inspect.signature(cls).parameters.get(name)
    if param is None or param.default is inspect.Parameter.empty:
        return None
    return literal(param.default)


def _split(source: str) -> tuple[str, list[tuple[str, str, bool]]]:
    """``nn.Conv2d(8, 4, 3, padding=1)`` -> head and (name, value source, positional)."""
    call = parse_call(source)
    if not isinstance(call, Brackets):
        return source, []
    names = _signature_names(call.open)
    out = []
    for i, item in enumerate(call.items):
        text = item if isinstance(item, str) else _flat(item)
        key, eq, value = text.partition("=")
        if eq and key.isidentifier():
            out.append((key, value, False))
        else:
            out.append((names[i] if i < len(names) else f"arg{i}", text, True))
    return call.open, out


def _flat(item: Brackets | str) -> str:
    if isinstance(item, str):
        return item
    return item.open + ", ".join(_flat(i) for i in item.items) + item.close


def _annotation(source: str) -> str:
    try:
        value = ast.literal_eval(source)
    except (ValueError, SyntaxError):
        return "int"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, tuple):
        return "tuple[int, ...]"
    return type(value).__name__ if isinstance(value, int | float | str) else "int"


def _common_factor(bases: list[str], values: list[str]) -> int | None:
    """k when every value is ``base * k`` (k > 1), -k when every one is ``base // k``."""
    if not all(
        b.isdigit() and v.isdigit() and int(b) > 0 for b, v in zip(bases, values, strict=True)
    ):
        return None
    pairs = [(int(b), int(v)) for b, v in zip(bases, values, strict=True)]
    if all(v == pairs[0][1] for _, v in pairs):
        return None  # a constant: no reason to tie it to anything
    if all(v % b == 0 and v // b == pairs[0][1] // pairs[0][0] > 1 for b, v in pairs):
        return pairs[0][1] // pairs[0][0]
    if all(v > 0 and b % v == 0 and b // v == pairs[0][0] // pairs[0][1] > 1 for b, v in pairs):
        return -(pairs[0][0] // pairs[0][1])
    return None


def _value(value: Any) -> Any:
    return tuple(_value(v) for v in value) if isinstance(value, list | tuple) else value


class _ClassWriter:
    """Writes one block's class from its uses and records each use's constructor call."""

    def __init__(
        self,
        block: str,
        cls: str,
        uses: list[BlockModule],
        blocks: Blocks,
        calls: dict[int, str],
    ) -> None:
        self.block, self.cls, self.uses, self.calls = block, cls, uses, calls
        definition = blocks.get(block)
        self.targets: dict[tuple[str, str], str] = {}
        self.defaults: dict[str, str] = {}
        for p in definition.params if definition is not None else []:
            for target in p.targets:
                self.targets.setdefault(target, p.name)
            self.defaults[p.name] = literal(_value(definition.param_spec(p).default))  # type: ignore[union-attr]
        self.args = [name for name in uses[0].args]
        self.sizes: list[str] = []  # input sizes used, in the order first needed
        self.extra: list[str] = []  # further per-use values (``<layer>_<field>``)
        self.values: dict[str, list[str]] = {}  # __init__ parameter -> its source per use

    def source(self) -> str:
        bodies = [_body(u) for u in self.uses]
        for name in self.args:
            self.values[name] = [literal(_value(u.args.get(name))) for u in self.uses]
        per_use = []
        for body in bodies:
            inner = {
                nid: self.calls[id(m)]
                for nid, m in body.module.named_children()
                if isinstance(m, BlockModule)
            }
            per_use.append(layer_lines(body, inner))
        layers = [(nid, self._layer(i, nid, per_use)) for i, (nid, _) in enumerate(per_use[0])]
        forward = [forward_lines(b) for b in bodies]
        for other in forward[1:]:
            if other != forward[0]:
                raise ExportError(
                    translate(
                        "Export",
                        "block {block}: its uses differ in what forward does (a shape or "
                        "operation set per use); the Python export cannot write that as one "
                        "class",
                    ).format(block=self.block)
                )
        params = [*self.sizes, *self.args, *self.extra]
        for k, use in enumerate(self.uses):
            items = [f"{p}={self.values[p][k]}" for p in params]
            self.calls[id(use)] = f"{self.cls}({', '.join(items)})"
        return self._class_source(params, layers, bodies[0], *forward[0])

    def _layer(self, i: int, nid: str, per_use: list[list[tuple[str, str]]]) -> str:
        sources = [lines[i][1] for lines in per_use]
        if all(s == sources[0] for s in sources) and not self._targeted(nid):
            return sources[0]
        head, first = _split(sources[0])
        split = [_split(s)[1] for s in sources]
        names = list(dict.fromkeys(n for items in split for n, _, _ in items))
        positional = {n for n, _, pos in first if pos}
        items = []
        for name in names:
            values = []
            for entries in split:
                found = {n: v for n, v, _ in entries}
                value = found.get(name, _default_source(head, name))
                if value is None:
                    raise ExportError(
                        translate(
                            "Export",
                            "block {block}: layer {nid} is built differently by its uses",
                        ).format(block=self.block, nid=nid)
                    )
                values.append(value)
            expr = self._expr(nid, name, values)
            default = _default_source(head, name)
            if name not in positional and expr == default:
                continue
            items.append(expr if name in positional else f"{name}={expr}")
        return f"{head}{', '.join(items)})"

    def _targeted(self, nid: str) -> bool:
        return any(node == nid for node, _ in self.targets)

    def _expr(self, nid: str, field: str, values: list[str]) -> str:
        arg = self.targets.get((nid, field))
        if arg is not None and self.values.get(arg) == values:
            return arg
        if all(v == values[0] for v in values):
            return values[0]
        for arg in self.args:
            if self.values[arg] == values:
                return arg
        sizes = self._input_sizes()
        for size, got in sizes.items():
            if got == values:
                return self._use_size(size, got)
        # ``planes * 4`` (a bottleneck's expansion), ``in_channels * 6`` (an inverted residual)
        for name, got in [*((a, self.values[a]) for a in self.args), *sizes.items()]:
            factor = _common_factor(got, values)
            if factor is not None:
                if name in sizes:
                    self._use_size(name, got)
                return f"{name} * {factor}" if factor > 1 else f"{name} // {-factor}"
        name = f"{nid}_{field}"
        while name in self.values or keyword.iskeyword(name) or name in RESERVED:
            name += "_"
        self.extra.append(name)
        self.values[name] = values
        return name

    def _use_size(self, size: str, values: list[str]) -> str:
        if size not in self.sizes:
            self.sizes.append(size)
            self.values[size] = values
        return size

    def _input_sizes(self) -> dict[str, list[str]]:
        """``in_channels`` / ``in_features`` (``_1``... for later ports) per use."""
        out: dict[str, list[str]] = {}
        n_ports = len(self.uses[0].input_shapes)
        for port in range(n_ports):
            suffix = f"_{port}" if port else ""
            shapes = [u.input_shapes[port] for u in self.uses]
            if all(len(s) >= 2 for s in shapes):
                out[f"in_channels{suffix}"] = [str(s[0]) for s in shapes]
            if all(len(s) >= 1 for s in shapes):
                out[f"in_features{suffix}"] = [str(s[-1]) for s in shapes]
        return out

    def _class_source(
        self,
        params: list[str],
        layers: list[tuple[str, str]],
        model: BodyModel,
        body: list[str],
        returns: list[str],
    ) -> str:
        lines = [f"class {self.cls}(nn.Module):"]
        lines.append(
            f'    """Block {self.block}: one layer per node of its body, named by its id."""'
        )
        signature: list[str | Brackets] = ["self"]
        for p in params:
            annotation = _annotation(self.values[p][0])
            default = f" = {self.defaults[p]}" if p in self.defaults else ""
            signature.append(f"{p}: {annotation}{default}")
        lines.append("")
        lines += render(Brackets("def __init__(", signature, ") -> None:"), 4)
        lines.append("        super().__init__()")
        for nid, source in layers:
            lines += render(parse_call(source), 8, prefix=f"self.{nid} = ")
        inputs = [f"{name}: torch.Tensor" for name in input_params(model)]
        lines.append("")
        lines += render(Brackets("def forward(", ["self", *inputs], ") -> torch.Tensor:"), 4)
        lines += body
        lines.append(f"        return {returns[0]}")
        return "\n".join(lines) + "\n"
