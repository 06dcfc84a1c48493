"""Graph -> ``nn.Module``: each node's module registered under its node id.

Parameter names are ``<node_id>.<name>`` (``linear_1.weight``), so every parameter and every
gradient maps back to a canvas node. ``forward`` runs a plan precomputed at compile time: a flat
list of steps over numbered value slots. Slots are reused once a value is dead, so intermediate
tensors are released as soon as nothing later needs them, and Input/Output/Identity nodes cost
nothing at run time (they alias their input's slot).
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn

from netbuilder.engine.data.info import DatasetInfo
from netbuilder.engine.network.builders import build_layer
from netbuilder.engine.network.shape_report import BlockCheck
from netbuilder.engine.network.shapes import ShapeChecker, ShapeReport
from netbuilder.model import Graph, NetbuilderError
from netbuilder.model.blocks import BLOCK, BLOCK_INPUT, BLOCK_OUTPUT
from netbuilder.model.i18n import translate

__all__ = [
    "BlockModule",
    "CompileError",
    "GraphModule",
    "compile_graph",
    "layer_of_parameter",
    "node_of_parameter",
    "parameterised_nodes",
]

_INPUT_TYPES = frozenset({"Input", BLOCK_INPUT})
_ALIAS_TYPES = frozenset({"Input", "Output", "Identity", BLOCK_INPUT, BLOCK_OUTPUT})
_WRAPPER_PREFIXES = ("_orig_mod.", "module.")  # torch.compile, DistributedDataParallel


class CompileError(NetbuilderError):
    """The graph cannot be turned into a module; ``node`` names the first failing node."""

    def __init__(self, message: str, *, node: str | None = None) -> None:
        super().__init__(
            translate("Shapes", "{node}: {message}").format(node=node, message=message)
            if node
            else message
        )
        self.node = node
        self.reason = message


# A step: (module, argument slot (int) or slots (tuple), output slot, slots to clear after).
Step = tuple[nn.Module, Any, int, tuple[int, ...]]


class GraphModule(nn.Module):
    """The compiled network. ``forward(*inputs)`` takes one tensor per id in ``input_ids``."""

    def __init__(
        self,
        modules: dict[str, nn.Module],
        plan: list[Step],
        input_ids: list[str],
        input_slots: list[int],
        output_ids: list[str],
        output_slots: list[int],
        n_slots: int,
        node_types: dict[str, str],
        report: ShapeReport,
    ) -> None:
        super().__init__()
        for node_id, module in modules.items():
            self.add_module(node_id, module)
        self._plan = plan
        self._input_slots = tuple(input_slots)
        self._output_slots = tuple(output_slots)
        self._n_slots = n_slots
        self._single_output = len(output_slots) == 1
        self.input_ids = list(input_ids)
        # Each Input node's ``data`` (the dataset input it reads; "" for a dataset's only one)
        # and the names inputs go by in exports; compile_graph fills both in.
        self.input_data = ["" for _ in input_ids]
        self.input_names = list(input_ids)
        self.output_ids = list(output_ids)
        self.node_types = dict(node_types)
        self.input_shapes = [report.shapes[n] for n in input_ids]
        self.input_dtypes = [report.dtypes[n] for n in input_ids]
        self.output_shapes = [report.shapes[n] for n in output_ids]
        self.report = report

    def forward(self, *inputs: torch.Tensor) -> torch.Tensor | tuple[torch.Tensor, ...]:
        if len(inputs) != len(self._input_slots):
            raise TypeError(
                f"expected {len(self._input_slots)} input tensor(s) "
                f"({', '.join(self.input_ids)}), got {len(inputs)}"
            )
        vals: list[Any] = [None] * self._n_slots
        for slot, x in zip(self._input_slots, inputs, strict=True):
            vals[slot] = x
        for module, args, out, clear in self._plan:
            if args.__class__ is int:
                vals[out] = module(vals[args])
            else:
                vals[out] = module(*[vals[i] for i in args])
            if clear:
                for i in clear:
                    vals[i] = None
        if self._single_output:
            single: torch.Tensor = vals[self._output_slots[0]]
            return single
        return tuple([vals[i] for i in self._output_slots])

    def extra_repr(self) -> str:
        return f"inputs={self.input_ids}, outputs={self.output_ids}"

    def layers(self, prefix: str = "") -> list[tuple[str, nn.Module]]:
        """(layer path, module) of every layer, in execution order, through block uses:
        ``c1``, ``res_block_1.c2``, ``stage_1.block_2.conv1``."""
        out: list[tuple[str, nn.Module]] = []
        for name, child in self.named_children():
            if isinstance(child, GraphModule):
                out += child.layers(f"{prefix}{name}.")
            else:
                out.append((prefix + name, child))
        return out

    def layer_of_parameter(self, name: str) -> str:
        """``res_block_1.c2.weight`` -> ``res_block_1.c2``: the layer path owning a parameter
        (``attn.mha.in_proj_weight`` -> ``attn``: a layer's own inner modules stay its own)."""
        return layer_of_parameter(name, self)


def compile_graph(
    graph: Graph,
    dataset: DatasetInfo | None = None,
    *,
    loss: str | None = None,
    checker: ShapeChecker | None = None,
) -> GraphModule:
    """Build the module for the nodes on a path from an Input to an Output.

    Raises CompileError naming the first node (in topological order) that cannot be built.
    Problems in stray nodes off every such path do not stop compilation.
    """
    report = (checker or ShapeChecker()).check(graph, dataset, loss)
    if report.graph_errors or report.incomplete:
        raise CompileError((report.graph_errors + report.incomplete)[0])
    live = set(report.order) - report.unused
    outputs = [n for n in report.order if graph.nodes[n].type == "Output"]
    # Ancestors of outputs that are not fed by an Input (a missing input) still block.
    needed = set(outputs)
    ins = graph.inputs_by_node()
    for nid in reversed(report.order):
        if nid in needed:
            needed.update(src for _, src in ins.get(nid, ()))
    first = report.first_error(needed)
    if first is not None:
        culprit, message = first
        raise CompileError(message, node=culprit)
    order = [n for n in report.order if n in live]
    inputs = [n for n in order if graph.nodes[n].type == "Input"]
    module = _build(graph, report, order, inputs, outputs, GraphModule)
    module.input_data = [str(graph.nodes[n].params.get("data", "")) for n in module.input_ids]
    module.input_names = input_names(module.input_ids, module.input_data)
    return module


def _build(
    graph: Graph,
    report: ShapeReport,
    order: list[str],
    input_ids: list[str],
    output_ids: list[str],
    cls: type[GraphModule],
) -> GraphModule:
    ins = graph.inputs_by_node()
    modules: dict[str, nn.Module] = {}
    for nid in order:
        node = graph.nodes[nid]
        if node.type in (BLOCK_INPUT, BLOCK_OUTPUT):
            continue  # aliases of their values: nothing to build
        if node.type == BLOCK:
            modules[nid] = _block_module(report.uses[nid])
            continue
        in_shapes = [report.shapes[src] for _, src in ins.get(nid, ())]
        modules[nid] = build_layer(node.type, node.params, in_shapes, node=nid)
    return _plan(graph, order, ins, modules, input_ids, output_ids, report, cls)


class BlockModule(GraphModule):
    """One block use: its body's layers registered under their body ids (so the use's
    parameters are ``<use id>.<body id>.<name>``); ``forward`` takes the BlockInputs in port
    order. ``block`` names the definition (exported code names its class after it)."""

    block = ""
    body: Graph  # the use's body (its arguments applied); for exporters
    args: dict[str, Any]  # the use's argument values (every argument of the definition)

    def extra_repr(self) -> str:
        return f"block={self.block}, " + super().extra_repr()


def _block_module(check: BlockCheck) -> BlockModule:
    """The module of a use whose check found no problem (compile stops before otherwise)."""
    report = check.report
    assert check.output_id is not None
    order = [n for n in report.order if n not in report.unused]
    module = _build(
        check.body, report, order, list(check.input_ids), [check.output_id], BlockModule
    )
    assert isinstance(module, BlockModule)
    module.block = check.name
    module.body = check.body
    module.args = dict(check.args)
    return module


def input_names(input_ids: list[str], datas: list[str]) -> list[str]:
    """The name each input goes by outside the app (exported ``forward`` arguments, ONNX input
    names): the dataset input its node reads, else the node id (also for a name taken twice)."""
    names: list[str] = []
    for nid, data in zip(input_ids, datas, strict=True):
        clash = data in names or (data in input_ids and data != nid)
        names.append(data if data and not clash else nid)
    return names


def _plan(
    graph: Graph,
    order: list[str],
    ins: dict[str, list[tuple[int, str]]],
    modules: dict[str, nn.Module],
    input_ids: list[str],
    output_ids: list[str],
    report: ShapeReport,
    cls: type[GraphModule],
) -> GraphModule:
    """Assign value slots (reusing dead ones) and list the calls in order."""
    types = {n: graph.nodes[n].type for n in order}
    value_of: dict[str, str] = {}  # node -> node whose computed value it is (aliases resolved)
    for nid in order:
        t = types[nid]
        alias = t in _ALIAS_TYPES and t not in _INPUT_TYPES
        value_of[nid] = value_of[ins[nid][0][1]] if alias else nid
    computing = [n for n in order if value_of[n] == n and types[n] not in _INPUT_TYPES]
    step_index = {n: i for i, n in enumerate(computing)}
    last_use: dict[str, float] = {}
    for n in computing:
        for _, src in ins[n]:
            last_use[value_of[src]] = step_index[n]
    for o in output_ids:
        last_use[value_of[o]] = float("inf")

    slot_of: dict[str, int] = {}
    free: list[int] = []
    n_slots = 0
    for n in input_ids:
        slot_of[n] = n_slots
        n_slots += 1
    raw: list[tuple[str, Any, int, list[int]]] = []
    for i, n in enumerate(computing):
        arg_values = [value_of[src] for _, src in ins[n]]
        args = [slot_of[v] for v in arg_values]
        for v in dict.fromkeys(arg_values):
            if last_use.get(v) == i:
                free.append(slot_of[v])
        if free:
            out = free.pop()
        else:
            out = n_slots
            n_slots += 1
        slot_of[n] = out
        released = [slot_of[v] for v in dict.fromkeys(arg_values) if last_use.get(v) == i]
        raw.append((n, args[0] if len(args) == 1 else tuple(args), out, released))
    # A released slot that is never written again would keep its tensor alive: clear it.
    plan: list[Step] = []
    for i, (n, args, out, released) in enumerate(raw):
        clear = tuple(s for s in released if s != out and all(r[2] != s for r in raw[i + 1 :]))
        plan.append((modules[n], args, out, clear))
    output_slots = [slot_of[value_of[o]] for o in output_ids]
    return cls(
        modules,
        plan,
        input_ids,
        [slot_of[n] for n in input_ids],
        output_ids,
        output_slots,
        n_slots,
        types,
        report,
    )


def node_of_parameter(name: str) -> str:
    """``"linear_1.weight"`` -> ``"linear_1"``; also through torch.compile / DDP wrappers.
    A parameter inside a block use gives the use (see ``layer_of_parameter``)."""
    return _strip_wrappers(name).split(".", 1)[0]


def _strip_wrappers(name: str) -> str:
    stripped = True
    while stripped:
        stripped = False
        for prefix in _WRAPPER_PREFIXES:
            if name.startswith(prefix):
                name = name[len(prefix) :]
                stripped = True
    return name


def layer_of_parameter(name: str, module: nn.Module) -> str:
    """The layer path of parameter ``name`` of ``module`` (a GraphModule, possibly wrapped by
    torch.compile or DDP): the node ids down through block uses to the layer that owns it.
    For a top-level layer that is its node id, as ``node_of_parameter`` gives."""
    name = _strip_wrappers(name)
    while not isinstance(module, GraphModule):
        inner = getattr(module, "_orig_mod", None) or getattr(module, "module", None)
        if not isinstance(inner, nn.Module):
            return name.split(".", 1)[0]
        module = inner
    path: list[str] = []
    current: nn.Module = module
    for part in name.split(".")[:-1]:
        child = current._modules.get(part)
        if child is None:
            break
        path.append(part)
        if not isinstance(child, GraphModule):
            break
        current = child
    return ".".join(path) or name.split(".", 1)[0]


def parameterised_nodes(module: nn.Module) -> list[str]:
    """Node ids that own parameters, in execution order (rows of a gradient table)."""
    return list(dict.fromkeys(node_of_parameter(n) for n, _ in module.named_parameters()))
