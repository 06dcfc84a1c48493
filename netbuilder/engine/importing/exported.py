"""The graph of a ``torch.export`` program, rewritten at the level ``tracing`` maps.

``ExportedProgram.module()`` is flat: ATen calls (``aten.conv2d``, ``aten.batch_norm``) that
take their weights from ``get_attr`` nodes. This walk puts each weighted call back into a real
``nn`` module at its parameters' path (``features.0.weight`` -> module ``features.0``), stateless
layers (ReLU, pooling, dropout) at their module's path from ``nn_module_stack``, and functional
ATen calls (add, cat, flatten, view, mean, ...) as the torch calls ``call_layers`` knows. Each
node keeps its ``stack_trace``, so an operation that does not map is reported at its source line
like one from a ``.py`` file. Anything else stays as its ATen call, which the walk reports.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import torch
from torch import fx, nn

from netbuilder.engine.importing.errors import ImportFailure
from netbuilder.engine.importing.exported_ops import (
    ALIAS,
    CHECKS,
    FUNCTIONS,
    STATELESS,
    TUPLES,
    WEIGHTED,
    weights_of,
)


class Rebuilt:
    """The rewritten model: ``module`` (an fx GraphModule with real nn modules) and the
    exported program's input shape without the batch (``batch``: the exported batch size, or
    None when the archive's batch dimension is dynamic)."""

    def __init__(self, module: fx.GraphModule, shape: tuple[int, ...], batch: int | None) -> None:
        self.module = module
        self.shape = shape
        self.batch = batch


def rebuild(program: Any, name: str) -> Rebuilt:
    """``program`` (an ExportedProgram) as a GraphModule of nn modules and torch calls."""
    flat = program.module()
    rewriter = _Rewriter(flat, name)
    for node in flat.graph.nodes:
        rewriter.step(node)
    module = fx.GraphModule(rewriter.root, rewriter.graph)
    inputs = [n for n in flat.graph.nodes if n.op == "placeholder"]
    if len(inputs) != 1:
        raise ImportFailure(
            f"{name} cannot be imported: its program takes {len(inputs)} inputs; "
            "netbuilder import takes models with one input"
        )
    value = inputs[0].meta.get("val")
    sizes = list(value.shape) if isinstance(value, torch.Tensor) else []
    if len(sizes) < 2 or not all(isinstance(s, int) for s in sizes[1:]):
        raise ImportFailure(
            f"{name} cannot be imported: its input must have a batch dimension and fixed sizes "
            f"after it (the archive's input is {sizes})"
        )
    batch = sizes[0] if isinstance(sizes[0], int) else None
    return Rebuilt(module, tuple(int(s) for s in sizes[1:]), batch)


class ExportedReference(nn.Module):
    """The exported program as the reference the import is checked against. A program exported
    for one batch size refuses others, so each sample then runs alone in a batch of that size."""

    def __init__(self, program: Any, rebuilt: Rebuilt) -> None:
        super().__init__()
        self.rebuilt = rebuilt.module  # its Embedding sizes pick the token ids of a check input
        run: Callable[..., Any] = program.module()
        object.__setattr__(self, "_run", run)  # not a child module: it refuses eval()
        self._batch = rebuilt.batch

    def forward(self, x: torch.Tensor) -> Any:
        if self._batch is None or x.shape[0] == self._batch:
            return self._run(x)  # type: ignore[operator]
        rows = [
            self._run(  # type: ignore[operator]
                x[i : i + 1].expand(self._batch, *x.shape[1:])
            )[:1]
            for i in range(len(x))
        ]
        return torch.cat(rows)


# --- the rewrite --------------------------------------------------------------------------


class _Rewriter:
    def __init__(self, flat: fx.GraphModule, name: str) -> None:
        self.flat = flat
        self.name = name
        self.root = nn.Module()
        self.graph = fx.Graph()
        self.env: dict[fx.Node, Any] = {}
        self.placed: dict[str, nn.Module] = {}
        self.current: fx.Node | None = None

    def step(self, node: fx.Node) -> None:
        self.current = node
        if node.op == "placeholder":
            self.env[node] = self._copy_meta(self.graph.placeholder(str(node.target)), node)
        elif node.op == "get_attr":
            self.env[node] = _Param(str(node.target), _attribute(self.flat, str(node.target)))
        elif node.op == "call_module" or str(node.target) in CHECKS:
            return  # _guards_fn and runtime asserts: the archive's input checks
        elif node.op == "output":
            outs = [self._value(a) for a in _flatten_args(node.args[0])]
            self.graph.output(outs[0] if len(outs) == 1 else tuple(outs))
        elif node.target is operator.getitem and isinstance(self._env(node.args[0]), tuple):
            self.env[node] = self._env(node.args[0])[int(str(node.args[1]))]
        else:
            self.env[node] = self._call(node)

    # --- one ATen call ------------------------------------------------------------------------

    def _call(self, node: fx.Node) -> Any:
        op = str(node.target)  # "aten.conv2d.default"
        args = list(node.args)
        weights = [a for a in weights_of(op, args) if a is not None] if op in WEIGHTED else []
        if weights and all(isinstance(self.env.get(a), _Param) for a in weights):
            built = WEIGHTED[op](self, args, node)
            if built is not None:
                module, x = built
                path = str(self.env[weights[0]].target).rpartition(".")[0] or "weights"
                return self._module_call(path, module, x, node)
        stateless = STATELESS[op](self, args, node) if op in STATELESS else None
        if stateless is not None:
            path = self._stateless_path(node, stateless)
            return self._module_call(path, stateless, args[0], node)
        call = FUNCTIONS[op](args, node) if op in FUNCTIONS else None
        if call is ALIAS:
            return self._value(args[0])
        if call is not None:
            target, new_args, kind = call
            if kind == "method":
                new = self.graph.call_method(target, self._map(tuple(new_args)))
            else:
                new = self.graph.call_function(target, self._map(tuple(new_args)))
            return self._copy_meta(new, node)
        raw = self.graph.call_function(
            node.target,  # type: ignore[arg-type]
            self._map(node.args),
            self._map(node.kwargs),
        )
        return self._copy_meta(raw, node)

    def _module_call(self, path: str, module: nn.Module, x: Any, node: fx.Node) -> fx.Node:
        have = self.placed.get(path)
        if have is None or type(have) is not type(module) or _has_state(module):
            if have is not None and not _has_state(module):
                path = self._unique(path)
            elif have is None:
                _place(self.root, path, module)
                self.placed[path] = module
            # a weighted module met twice keeps its first copy: the walk reports shared weights
        new = self.graph.call_module(path, (self._value(x),))
        if str(node.target) in TUPLES:
            return (self._copy_meta(new, node),)  # type: ignore[return-value]
        return self._copy_meta(new, node)

    def _stateless_path(self, node: fx.Node, module: nn.Module) -> str:
        stack = list((node.meta.get("nn_module_stack") or {}).values())
        if stack:
            path, kind = stack[-1]
            if str(kind).startswith("torch.nn.modules.") and path:
                return str(path)
        scope = str(stack[-1][0]) if stack else ""
        short = type(module).__name__.lower()
        return f"{scope}.{short}" if scope else short

    def _unique(self, path: str) -> str:
        n = 2
        while f"{path}_{n}" in self.placed:
            n += 1
        return f"{path}_{n}"

    def _env(self, arg: Any) -> Any:
        return self.env.get(arg) if isinstance(arg, fx.Node) else None

    # --- values -------------------------------------------------------------------------------

    def _value(self, arg: Any) -> Any:
        value = self.env.get(arg) if isinstance(arg, fx.Node) else arg
        if isinstance(value, _Param):
            return self._attr(value)
        return value

    def _map(self, args: Any) -> Any:
        return fx.node.map_aggregate(args, self._value)

    def _attr(self, param: _Param) -> fx.Node:
        path = f"constant.{param.target}"
        if path not in self.placed:
            holder = nn.Module()
            holder.register_buffer("value", param.tensor.detach().clone())
            _place(self.root, path, holder)
            self.placed[path] = holder
        return self.graph.get_attr(f"{path}.value")

    def _copy_meta(self, new: fx.Node, old: fx.Node) -> fx.Node:
        if old.meta.get("stack_trace"):
            new.meta["stack_trace"] = old.meta["stack_trace"]
        stack = old.meta.get("nn_module_stack") or {}
        new.meta["nn_module_stack"] = {path: (path, kind) for path, kind in stack.values()}
        return new

    def param(self, arg: Any) -> torch.Tensor | None:
        value = self.env.get(arg) if isinstance(arg, fx.Node) else None
        return value.tensor.detach().clone() if isinstance(value, _Param) else None

    def refuse(self, what: str) -> None:
        raise ImportFailure(
            f"{self.name} cannot be imported: the archive was exported in training mode "
            f"({what} uses the batch's statistics or is random); export it after model.eval()"
        )


class _Param:
    def __init__(self, target: str, tensor: torch.Tensor) -> None:
        self.target = target
        self.tensor = tensor


def _attribute(module: nn.Module, target: str) -> torch.Tensor:
    owner, _, leaf = target.rpartition(".")
    value = getattr(module.get_submodule(owner) if owner else module, leaf)
    if not isinstance(value, torch.Tensor):
        raise ImportFailure(f"{target} in the archive is not a tensor")
    return value


def _has_state(module: nn.Module) -> bool:
    return any(True for _ in module.parameters()) or any(True for _ in module.buffers())


def _place(root: nn.Module, path: str, module: nn.Module) -> None:
    parent = root
    *folders, leaf = path.split(".")
    for part in folders:
        child = parent._modules.get(part)
        if child is None:
            child = nn.Module()
            parent.add_module(part, child)
        parent = child
    parent.add_module(leaf, module)


def _flatten_args(value: Any) -> list[Any]:
    return list(value) if isinstance(value, tuple | list) else [value]
