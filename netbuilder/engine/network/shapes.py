"""Shape checking: each node's output shape, or a plain-words error saying how to fix it.

``ShapeChecker`` keeps a cache keyed by (type, parameters, input shapes, input dtypes), so a
re-check after one edit recomputes only the nodes whose inputs or parameters changed. Nodes
downstream of an error get no shape and no error of their own (one cause, one message). Layer
rules live in ``shape_rules``; this module walks the graph and checks the output against the
dataset and the loss.

Not everything that stops training is a mistake. A layer not wired yet, a graph without its
Input or Output yet, and a shape problem that follows only from an Input's placeholder shape
(the project has no dataset) are *pending*: they block training and compilation like errors,
but a view shows them as quiet notes while the user is still building.
"""

from __future__ import annotations

from typing import Any

from netbuilder.engine.data.info import DatasetInfo
from netbuilder.engine.network.block_shapes import (
    Port,
    check_use,
    inner_results,
    placeholder_port,
)
from netbuilder.engine.network.fixes import Fix
from netbuilder.engine.network.inputs import input_sources, vocab_problem
from netbuilder.engine.network.output_check import LOSS_NAMES, check_output, check_squashed_logits
from netbuilder.engine.network.rule_basics import fill_names, first_clause
from netbuilder.engine.network.shape_report import BlockCheck, ShapeReport
from netbuilder.engine.network.shape_rules import (
    RULES,
    LayerResult,
    Shape,
    ShapeProblem,
    format_shape,
    meta_infer,
)
from netbuilder.model import CATALOGUE, Graph, GraphError
from netbuilder.model.blocks import BLOCK, BLOCK_INPUT, BLOCK_OUTPUT, PORT_SPECS, BlockDef
from netbuilder.model.errors import message_of
from netbuilder.model.i18n import translate

__all__ = ["ShapeChecker", "ShapeReport", "check_graph", "format_shape"]


class ShapeChecker:
    """Checks graphs, remembering per-layer results between checks (one per open graph)."""

    def __init__(self, *, use_meta: bool = False, max_cache: int = 20_000) -> None:
        self.use_meta = use_meta  # run every layer on the meta device (slow; for verification)
        self.max_cache = max_cache
        self._cache: dict[tuple[Any, ...], LayerResult | ShapeProblem] = {}
        self._use_cache: dict[tuple[Any, ...], tuple[BlockCheck, list[BlockDef]]] = {}
        self.computed = 0  # layer results computed (not from the cache); for tests

    def clear(self) -> None:
        self._cache.clear()
        self._use_cache.clear()

    def check(
        self,
        graph: Graph,
        dataset: DatasetInfo | None = None,
        loss: str | None = None,
        *,
        no_dataset: bool = False,
        ports: list[Port] | None = None,
    ) -> ShapeReport:
        """``no_dataset``: the project has no dataset, so an Input still at its default shape is
        a placeholder (noted), and shape problems downstream of one are pending, not errors.

        A block body (``graph.is_body``) takes its inputs from ``ports`` (shape and dtype per
        input port, see ``block_shapes``); without them its BlockInputs are placeholders."""
        order = graph.topological_order()
        report = ShapeReport(order=order)
        body = graph.is_body
        shapes, dtypes, errors = report.shapes, report.dtypes, report.errors
        ins = graph.inputs_by_node()
        nodes = graph.nodes
        inputs, outputs = [], []
        placeholder = _placeholder_inputs(graph) if no_dataset and dataset is None else set()
        guessed: set[str] = set()  # nodes whose shapes follow from a placeholder Input
        sources, input_errors = input_sources(graph, order, dataset) if dataset else ({}, {})
        for nid in order:
            node = nodes[nid]
            layer = node.type
            spec = CATALOGUE.get(layer) or PORT_SPECS.get(layer)
            if layer == BLOCK:
                try:
                    spec = graph.spec_of(layer, node.params)
                except GraphError as exc:
                    errors[nid] = message_of(exc)
                    continue
            if spec is None:
                errors[nid] = translate(
                    "Shapes",
                    "Unknown layer type {layer}: this version of netbuilder cannot build it; "
                    "replace or remove it",
                ).format(layer=repr(layer))
                continue
            if layer == BLOCK_INPUT:
                inputs.append(nid)
                report.param_counts[nid] = 0
                index = int(node.params.get("index", 0))
                if ports is not None and index < len(ports):
                    shapes[nid], dtypes[nid] = tuple(ports[index][0]), ports[index][1]
                else:
                    shapes[nid], dtypes[nid] = placeholder_port()
                    guessed.add(nid)
                    report.notes[nid] = translate(
                        "Shapes",
                        "No use of this block gives this input a shape yet: shapes inside are "
                        "worked out from a placeholder, {shape}",
                    ).format(shape=format_shape(shapes[nid]))
                continue
            if layer == "Input":
                inputs.append(nid)
                report.param_counts[nid] = 0
                if nid in input_errors:
                    errors[nid] = input_errors[nid]
                    continue
                if nid in sources:
                    shapes[nid], dtypes[nid] = tuple(sources[nid].shape), sources[nid].dtype
                else:
                    shapes[nid], dtypes[nid] = tuple(node.params["shape"]), node.params["dtype"]
                if nid in placeholder:
                    guessed.add(nid)
                    report.notes[nid] = translate(
                        "Shapes",
                        "No dataset chosen yet: choose one in the Data tab, or set this Input's "
                        "shape (now a placeholder, {shape})",
                    ).format(shape=format_shape(shapes[nid]))
                continue
            if layer in ("Output", BLOCK_OUTPUT):
                outputs.append(nid)
            edges = ins.get(nid, [])
            srcs = [src for _, src in edges]
            label = str(node.params.get("block")) if layer == BLOCK else layer
            missing = self._missing_inputs(label, spec, edges)
            if missing:
                report.unconnected[nid] = missing
                continue
            if any(s in guessed for s in srcs):
                guessed.add(nid)
            try:
                in_shapes = tuple([shapes[s] for s in srcs])
                in_dtypes = tuple([dtypes[s] for s in srcs])
            except KeyError:
                continue  # downstream of an error: no shape, no message of its own
            vocab = vocab_problem(graph, nid, ins, sources) if layer == "Embedding" else None
            if vocab is not None:
                errors[nid] = vocab[0]
                report.fixes[nid] = Fix(
                    "set_param",
                    translate("Shapes", "Set {node}.{param} to {value}").format(
                        node=nid, param="num_embeddings", value=vocab[1]
                    ),
                    params={"num_embeddings": vocab[1]},
                    node=nid,
                )
                continue
            if layer == BLOCK:
                self._use(report, nid, graph, node.params, in_shapes, in_dtypes)
                continue
            if layer == BLOCK_OUTPUT:
                shapes[nid], dtypes[nid], report.param_counts[nid] = in_shapes[0], in_dtypes[0], 0
                continue
            result = self._layer(layer, node.params, in_shapes, in_dtypes)
            if isinstance(result, ShapeProblem):
                errors[nid] = fill_names(result.message, node=nid, src=srcs)
                if result.hint is not None:
                    h = result.hint
                    label = (
                        translate("Shapes", "Insert {layer} {detail} before {node}")
                        if h.detail
                        else translate("Shapes", "Insert {layer} before {node}")
                    )
                    report.fixes[nid] = Fix(
                        "insert",
                        label.format(layer=h.layer_type, detail=h.detail, node=nid),
                        layer_type=h.layer_type,
                        params=dict(h.params),
                        before=nid,
                        port=0,
                    )
                continue
            shapes[nid], dtypes[nid], report.param_counts[nid] = result
        if not inputs and not body:
            report.incomplete.append(translate("Shapes", "The graph has no Input node; add one"))
        if not outputs and not body:
            report.incomplete.append(
                translate(
                    "Shapes",
                    "The graph has no Output node; add one and connect the last layer to it",
                )
            )
        if loss is not None:
            if loss not in LOSS_NAMES:
                report.graph_errors.append(
                    translate("Shapes", "Unknown loss {loss}; use one of {names}").format(
                        loss=repr(loss), names=", ".join(LOSS_NAMES)
                    )
                )
            elif len(outputs) > 1:
                report.graph_errors.append(
                    translate(
                        "Shapes", "Training needs exactly one Output node; found {count}: {nodes}"
                    ).format(count=len(outputs), nodes=", ".join(outputs))
                )
            elif outputs and outputs[0] in shapes:
                check_output(report, graph, outputs[0], ins, dataset, loss)
                check_squashed_logits(report, graph, outputs[0], ins, loss)
        report.unused = _unused(order, ins, inputs, outputs)
        if dataset is not None and not dataset.inputs:
            used = [i for i in inputs if i not in report.unused]
            for extra in used[1:]:  # a dataset feeds exactly one tensor to the network
                errors[extra] = translate(
                    "Shapes",
                    "{dataset} gives the network one input, but {node} and this node are both "
                    "Inputs; start every branch from one Input and remove this one",
                ).format(dataset=dataset.name, node=used[0])
        for nid in [n for n in order if n in guessed and n in errors]:
            report.awaiting_data[nid] = _awaiting(errors.pop(nid), body)
            report.fixes.pop(nid, None)  # the fix is a dataset, not a layer
        return report

    def _use(
        self,
        report: ShapeReport,
        nid: str,
        graph: Graph,
        params: dict[str, Any],
        shapes: tuple[Shape, ...],
        dtypes: tuple[str, ...],
    ) -> None:
        """Check one block use (see ``block_shapes``) and put its results on ``report``."""
        check = check_use(self, graph.blocks, params, shapes, dtypes)
        report.uses[nid] = check
        report.inner[nid] = inner_results(check)
        if check.problem is not None:
            if check.pending:
                report.unconnected[nid] = check.problem
            else:
                report.errors[nid] = check.problem
            return
        assert check.shape is not None and check.dtype is not None
        report.shapes[nid], report.dtypes[nid] = check.shape, check.dtype
        report.param_counts[nid] = check.param_count

    @staticmethod
    def _missing_inputs(layer: str, spec: Any, edges: list[tuple[int, str]]) -> str:
        if spec.variadic:
            if len(edges) < 2:
                more = (
                    translate(
                        "Shapes", "{layer} needs at least 2 inputs; it has {count}: connect another"
                    )
                    if edges
                    else translate(
                        "Shapes", "{layer} needs at least 2 inputs; it has {count}: connect two"
                    )
                )
                return more.format(layer=layer, count=len(edges))
            return ""
        if len(edges) == spec.inputs:
            return ""
        if spec.inputs == 1:
            return translate("Shapes", "{layer} has no input: connect one").format(layer=layer)
        ports = {p for p, _ in edges}
        gap = min(set(range(spec.inputs)) - ports)
        return translate("Shapes", "{layer} needs {count} inputs; connect input {gap}").format(
            layer=layer, count=spec.inputs, gap=gap
        )

    def _layer(
        self,
        layer: str,
        params: dict[str, Any],
        shapes: tuple[Shape, ...],
        dtypes: tuple[str, ...],
    ) -> LayerResult | ShapeProblem:
        key: tuple[Any, ...] | None = (layer, tuple(params.items()), shapes, dtypes)
        try:
            hash(key)
        except TypeError:  # pragma: no cover - params are validated into hashable values
            key = None
        if key is not None:
            hit = self._cache.get(key)
            if hit is not None:
                return hit
        self.computed += 1
        rule = RULES.get(layer)
        result: LayerResult | ShapeProblem
        try:
            if rule is not None:
                result = rule(params, shapes, dtypes)  # its problems have the plainer words
            if rule is None or self.use_meta:
                result = meta_infer(layer, params, shapes, dtypes)
        except ShapeProblem as problem:
            result = problem
        if key is not None:
            if len(self._cache) >= self.max_cache:
                self._cache.clear()
            self._cache[key] = result
        return result


def check_graph(
    graph: Graph,
    dataset: DatasetInfo | None = None,
    loss: str | None = None,
    *,
    no_dataset: bool = False,
) -> ShapeReport:
    """One-off check with a fresh checker (use a ``ShapeChecker`` to re-check cheaply)."""
    return ShapeChecker().check(graph, dataset, loss, no_dataset=no_dataset)


def _placeholder_inputs(graph: Graph) -> set[str]:
    """Inputs still at the catalogue's default shape and dtype: nobody chose them."""
    default = CATALOGUE["Input"].defaults()
    return {
        node.id
        for node in graph
        if node.type == "Input"
        and tuple(node.params["shape"]) == tuple(default["shape"])
        and node.params["dtype"] == default["dtype"]
    }


def _awaiting(message: str, body: bool = False) -> str:
    """A shape problem that follows from a placeholder Input, said as such: its own advice
    (insert a Reshape...) would fit the placeholder, not the data."""
    problem = first_clause(message)
    if body:
        return translate(
            "Shapes", "Waiting for a use: with the block input's placeholder shape, {problem}"
        ).format(problem=problem)
    return translate(
        "Shapes", "Waiting for a dataset: with the Input's placeholder shape, {problem}"
    ).format(problem=problem)


def _unused(
    order: list[str], ins: dict[str, list[tuple[int, str]]], inputs: list[str], outputs: list[str]
) -> frozenset[str]:
    """Nodes on no path from an Input to an Output (not compiled)."""
    feeds_output = set(outputs)
    for nid in reversed(order):
        if nid in feeds_output:
            feeds_output.update(src for _, src in ins.get(nid, ()))
    from_input = set(inputs)
    for nid in order:
        if nid not in from_input and any(src in from_input for _, src in ins.get(nid, ())):
            from_input.add(nid)
    return frozenset(order) - (feeds_output & from_input)
