"""Trace a model with ``torch.fx`` and map each step to a catalogue layer.

Leaf ``torch.nn`` modules become one node each (named after their module path, so
``layer1.0.conv1`` is node ``layer1_0_conv1`` and its weights map one to one); functional calls
and tensor methods go through ``call_layers``. Every step that cannot be mapped is collected, so
the one report lists them all, each with its module path and source line.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from torch import fx, nn

from netbuilder.engine.importing.attention_layers import attention_call
from netbuilder.engine.importing.call_layers import call_layer
from netbuilder.engine.importing.errors import ImportFailure, Problem
from netbuilder.engine.importing.leaf_layers import Unmappable, leaf_layer
from netbuilder.engine.importing.values import RnnPart, Sizes, Tensor, Value
from netbuilder.model.graph import is_valid_node_id

_TORCH_DIR = str(Path(torch.__file__).resolve().parent)
BATCH = 2  # traced batch size; the check after mapping uses another one
SHAPE = "netbuilder_shape"  # node.meta key of a traced tensor's shape


@dataclass
class ImportedNode:
    """One node of the imported graph; ``source`` is the submodule whose weights it takes."""

    node_id: str
    type: str
    params: dict[str, Any]
    inputs: list[str]
    source: str = ""
    owner: str = ""  # module path of the module holding it ("layer1.0"; "" the model itself)


@dataclass
class TracedModel:
    nodes: list[ImportedNode]
    input_dtype: str  # "float32", or "int64" for token ids (the model starts with Embedding)
    rnn_modes: dict[str, str] = field(default_factory=dict)


class _Skip(Exception):
    """An input of this step already failed; its problem is reported once, there."""


def example_input(
    model: nn.Module, shape: tuple[int, ...], dtype: str, batch: int = BATCH
) -> torch.Tensor:
    """A random input of ``shape``; token ids stay below the smallest embedding's size."""
    if dtype == "int64":
        sizes = [m.num_embeddings for m in model.modules() if isinstance(m, nn.Embedding)]
        return torch.randint(0, min(sizes), (batch, *shape))
    return torch.randn(batch, *shape)


def trace_model(model: nn.Module, input_shape: tuple[int, ...], name: str) -> TracedModel:
    """The mapped nodes of ``model``; ImportFailure with every problem when some do not map."""
    return map_graph(fx.GraphModule(model, _trace(model, name)), input_shape, name)


def map_graph(module: fx.GraphModule, input_shape: tuple[int, ...], name: str) -> TracedModel:
    """The mapped nodes of a traced (or rebuilt) graph; ImportFailure with every problem."""
    model, graph = module, module.graph
    inputs = [n for n in graph.nodes if n.op == "placeholder"]
    if len(inputs) != 1:
        raise ImportFailure(
            f"{name} cannot be imported: its forward takes {len(inputs)} inputs; "
            "netbuilder import takes models with one input"
        )
    dtype = "int64" if _feeds_embedding(module, inputs[0]) else "float32"
    was_training = model.training
    model.eval()
    shapes = _Shapes(module)
    try:
        with torch.no_grad():
            shapes.run(example_input(model, input_shape, dtype))
    except Exception as exc:  # noqa: BLE001 - the model's own code may raise anything
        line = _Walker.line_of(shapes.current) if shapes.current is not None else ""
        raise ImportFailure(
            f"{name} cannot be imported: it does not run on an input of shape "
            f"{[BATCH, *input_shape]}{f' at {line}' if line else ''} ({_first_line(exc)}); "
            "check --input-shape"
        ) from None
    finally:
        model.train(was_training)
    walk = _Walker(module, inputs[0], dtype)
    walk.run()
    if walk.problems:
        n = len(walk.problems)
        raise ImportFailure(
            f"{name} cannot be imported: {n} operation{'s' if n > 1 else ''} "
            "netbuilder cannot map (nothing was written)",
            walk.problems,
        )
    for node in walk.nodes:
        if node.type == "Input":
            node.params["shape"] = tuple(input_shape)
        if node.node_id in walk.rnn_modes:
            node.params["output"] = walk.rnn_modes[node.node_id]
    return TracedModel(walk.nodes, dtype, walk.rnn_modes)


class _Shapes(fx.Interpreter):
    """Runs the traced graph once, keeping each tensor's shape in ``node.meta[SHAPE]``."""

    current: fx.Node | None = None

    def run_node(self, n: fx.Node) -> Any:
        self.current = n
        result = super().run_node(n)
        if isinstance(result, torch.Tensor):
            n.meta[SHAPE] = tuple(result.shape)
        return result


def _trace(model: nn.Module, name: str) -> fx.Graph:
    tracer = fx.Tracer()
    tracer.record_stack_traces = True
    try:
        return tracer.trace(model)
    except Exception as exc:  # noqa: BLE001 - TraceError, or whatever the forward raises
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if _is_user(f.filename)]
        where = ""
        if frames:
            f = frames[-1]
            where = f" at {Path(f.filename).name}:{f.lineno} `{(f.line or '').strip()}`"
        control = "control flow" in str(exc) or "iterate" in str(exc)
        hint = (
            "the forward branches or loops on tensor values (data-dependent control flow), "
            "which a traced graph cannot hold; rewrite it without the branch"
            if control
            else _first_line(exc)
        )
        raise ImportFailure(f"{name} cannot be traced{where}: {hint}") from None


def _is_user(filename: str) -> bool:
    return not str(Path(filename).resolve()).startswith(_TORCH_DIR)


def _feeds_embedding(module: fx.GraphModule, placeholder: fx.Node) -> bool:
    return any(
        u.op == "call_module" and isinstance(module.get_submodule(str(u.target)), nn.Embedding)
        for u in placeholder.users
    )


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def _snake(text: str) -> str:
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z][a-z])", "_", text).lower()
    return re.sub(r"\W", "_", text).strip("_")


class _Walker:
    """Walks the fx graph once; implements ``values.Walk`` for the call mappers."""

    def __init__(self, module: fx.GraphModule, placeholder: fx.Node, dtype: str) -> None:
        self.module = module
        self.placeholder = placeholder
        self.dtype = dtype
        self.nodes: list[ImportedNode] = []
        self.ids: set[str] = set()
        self.values: dict[fx.Node, Value] = {}
        self.broken: set[fx.Node] = set()
        self.problems: list[Problem] = []
        self.rnn_modes: dict[str, str] = {}
        self.called: set[str] = set()
        self.current: fx.Node = placeholder

    # --- values.Walk ----------------------------------------------------------------------

    def add(
        self,
        layer_type: str,
        params: dict[str, Any],
        inputs: list[Tensor],
        source: str | None = None,
    ) -> Tensor:
        """A node for the current step; ``source``: the submodule it stands for, when that is
        not the step's own (a layer of an unrolled ``nn.TransformerEncoder``)."""
        node = self.current
        ids = [t.node_id for t in inputs]
        if len(set(ids)) != len(ids):
            raise Unmappable(
                f"the same tensor enters {layer_type} twice; a netbuilder node takes each "
                "tensor once (pass it through an Identity layer for the second use)"
            )
        if source is not None:
            base = source
        elif node.op == "call_module":
            base, source = str(node.target), str(node.target)
        else:
            base, source = f"{self._scope(node)}.{_snake(layer_type)}", ""
        owner = source.rpartition(".")[0] if source else self._scope(node)
        node_id = self._unique(base)
        self.nodes.append(ImportedNode(node_id, layer_type, params, ids, source, owner))
        return Tensor(node_id)

    def value(self, arg: Any) -> Value | None:
        if not isinstance(arg, fx.Node):
            return None
        if arg in self.broken:
            raise _Skip
        return self.values[arg]

    def tensor(self, arg: Any) -> Tensor:
        value = self.value(arg)
        if not isinstance(value, Tensor):
            raise Unmappable("a value that is not a tensor (a size, a tuple) used as a tensor")
        if value.rnn:
            return self.rnn_output(value.node_id, "sequence")
        return value

    def shape(self, arg: Any) -> tuple[int, ...]:
        shape = arg.meta.get(SHAPE) if isinstance(arg, fx.Node) else None
        if shape is None:
            raise Unmappable("a value that is not a tensor used as one")
        return tuple(shape)

    def out_shape(self) -> tuple[int, ...]:
        return self.shape(self.current)

    def rnn_output(self, node_id: str, mode: str) -> Tensor:
        if self.rnn_modes.setdefault(node_id, mode) != mode:
            raise Unmappable(
                f"{node_id} is used both as the whole sequence and as its last step; "
                "netbuilder's recurrent layers give one of the two"
            )
        return Tensor(node_id)

    # --- the walk -------------------------------------------------------------------------

    def run(self) -> None:
        for node in self.module.graph.nodes:
            self.current = node
            try:
                self.values[node] = self._step(node)
            except _Skip:
                self.broken.add(node)
            except Unmappable as exc:
                self.broken.add(node)
                self.problems.append(
                    Problem(self._operation(node), self._path(node), self.line_of(node), str(exc))
                )

    def _step(self, node: fx.Node) -> Value:
        if node is self.placeholder:
            node_id = self._unique("input")
            self.nodes.append(
                ImportedNode(node_id, "Input", {"shape": (), "dtype": self.dtype}, [])
            )
            return Tensor(node_id)
        if node.op == "placeholder":
            return Sizes()  # an argument with a default value: a constant during the trace
        if node.op == "call_module":
            return self._module_step(node)
        if node.op in ("call_function", "call_method"):
            return call_layer(self, node)
        if node.op == "get_attr":
            raise Unmappable(
                f"the parameter or buffer {node.target} is used directly in forward (a free "
                "nn.Parameter such as a learned position table); netbuilder maps only layers "
                "(nn modules) and calls between them: compute it with a layer (positions with "
                "a Conv1d over the sequence), or leave it out"
            )
        outputs = node.args[0] if isinstance(node.args[0], tuple | list) else [node.args[0]]
        for out in outputs:
            source = self.tensor(out)
            node_id = self._unique("output")
            self.nodes.append(ImportedNode(node_id, "Output", {}, [source.node_id]))
        return Sizes()

    def _module_step(self, node: fx.Node) -> Value:
        module = self.module.get_submodule(str(node.target))
        stateful = any(True for _ in module.parameters()) or any(True for _ in module.buffers())
        if stateful and str(node.target) in self.called:
            raise Unmappable(
                "a module called more than once (its weights are shared); netbuilder's layers "
                "each have their own weights: give each call its own module"
            )
        self.called.add(str(node.target))
        attention = attention_call(self, node, module)
        if attention is not None:
            return attention
        if len(node.args) != 1 or node.kwargs:
            raise Unmappable("a module called with more than one argument (such as a state)")
        layer_type, params = leaf_layer(module)
        out = self.add(layer_type, params, [self.tensor(node.args[0])])
        if isinstance(module, nn.LSTM | nn.GRU):
            return RnnPart(out.node_id, layer_type, bool(module.bidirectional))
        return out

    # --- names and places -----------------------------------------------------------------

    def _unique(self, base: str) -> str:
        stem = re.sub(r"\W", "_", base.replace(".", "_")).strip("_")[:56] or "node"
        if not is_valid_node_id(stem):
            stem = f"layer_{stem}"[:56]
        node_id, n = stem, 2
        while node_id in self.ids or not is_valid_node_id(node_id):
            node_id, n = f"{stem}_{n}", n + 1
        self.ids.add(node_id)
        return node_id

    @staticmethod
    def _scope(node: fx.Node) -> str:
        stack = node.meta.get("nn_module_stack") or {}
        return str(next(reversed(stack))) if stack else ""

    def _path(self, node: fx.Node) -> str:
        return str(node.target) if node.op == "call_module" else self._scope(node)

    def _operation(self, node: fx.Node) -> str:
        if node.op == "call_module":
            cls = type(self.module.get_submodule(str(node.target)))
            package = cls.__module__.replace("torch.nn.modules", "nn").split(".")[0]
            return f"{package}.{cls.__name__}"
        if node.op == "call_method":
            return f"tensor.{node.target}()"
        if node.op == "call_function":
            target: Any = node.target
            module = (getattr(target, "__module__", None) or "torch").lstrip("_")
            return f"{module}.{getattr(target, '__name__', str(target))}"
        return str(node.target)

    @staticmethod
    def line_of(node: fx.Node) -> str:
        text = node.stack_trace or ""
        frames = re.findall(r'File "([^"]+)", line (\d+), in \S+(?:\n(?! *File ") *(.*))?', text)
        user = [f for f in frames if _is_user(f[0])]
        if not user:
            return ""
        file, line, code = user[-1]
        return f"{Path(file).name}:{line}" + (f" `{code.strip()}`" if code.strip() else "")
