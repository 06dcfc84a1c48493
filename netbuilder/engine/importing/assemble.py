"""Traced nodes -> a laid-out project, checked against the source model before it is kept.

The compiled project, with the source's weights copied in, must give the source model's output
on a random input of another batch size (within 1e-5); if it does not, nothing is written: an
import is never wrong silently.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from netbuilder.engine.importing.errors import ImportFailure
from netbuilder.engine.importing.tracing import BATCH, TracedModel, example_input, trace_model
from netbuilder.engine.network.compile import GraphModule, compile_graph
from netbuilder.engine.training.checkpoint import weights_to_bytes
from netbuilder.model import Graph, NetbuilderError
from netbuilder.model.layout import arrange_graph
from netbuilder.model.project import Project

TOLERANCE = 1e-5
CANVAS_ASPECT = 16 / 9  # long chains wrap into rows about the shape of a window


@dataclass
class ImportedProject:
    project: Project
    weights: bytes  # the source's weights under the new node ids (safetensors)
    max_difference: float  # largest |project - source| on the check input
    layers: int  # nodes other than Input/Output


def import_model(
    model: nn.Module, input_shape: tuple[int, ...], *, name: str, source: str = ""
) -> ImportedProject:
    """Trace, map, lay out and check ``model``; ImportFailure (with its report) otherwise."""
    traced = trace_model(model, input_shape, name)
    return build_project(traced, model, model, input_shape, name=name, source=source)


def build_project(
    traced: TracedModel,
    weights: nn.Module,
    reference: nn.Module,
    input_shape: tuple[int, ...],
    *,
    name: str,
    source: str = "",
) -> ImportedProject:
    """Mapped nodes -> a laid-out project, ``weights``' submodules copied into their nodes and
    the result checked against ``reference``."""
    graph = _graph(traced, name)
    try:
        compiled = compile_graph(graph)
    except NetbuilderError as exc:
        raise ImportFailure(
            f"{name} cannot be imported: the mapped network is wrong ({exc})"
        ) from None
    _copy_weights(weights, compiled, traced)
    difference = _difference(reference, compiled, input_shape, traced.input_dtype, name)
    for node_id, pos in arrange_graph(graph, aspect=CANVAS_ASPECT).items():
        graph.move_node(node_id, pos)
    notes = f"Imported from {source or name} by netbuilder import."
    project = Project(graph=graph, name=name, notes=notes)
    layers = sum(1 for n in traced.nodes if n.type not in ("Input", "Output"))
    return ImportedProject(project, weights_to_bytes(compiled), difference, layers)


def _graph(traced: TracedModel, name: str) -> Graph:
    graph = Graph()
    try:
        for node in traced.nodes:
            graph.add_node(node.type, node.params, node_id=node.node_id)
        for node in traced.nodes:
            for port, src in enumerate(node.inputs):
                graph.connect(src, node.node_id, port)
    except NetbuilderError as exc:
        raise ImportFailure(f"{name} cannot be imported: {exc}") from None
    return graph


def _copy_weights(model: nn.Module, compiled: GraphModule, traced: TracedModel) -> None:
    """Each mapped module's parameters and buffers into its node (same names inside)."""
    with torch.no_grad():
        for node in traced.nodes:
            if node.source:
                target = compiled.get_submodule(node.node_id)
                target.load_state_dict(model.get_submodule(node.source).state_dict())


def _difference(
    model: nn.Module, compiled: GraphModule, shape: tuple[int, ...], dtype: str, name: str
) -> float:
    was_training = model.training
    model.eval()
    compiled.eval()
    x = example_input(model, shape, dtype, batch=BATCH + 1)
    try:
        with torch.no_grad():
            want, got = model(x), compiled(x)
    finally:
        model.train(was_training)
    if not isinstance(want, torch.Tensor) or not isinstance(got, torch.Tensor):
        raise ImportFailure(f"{name} cannot be imported: it returns more than one tensor")
    if want.shape != got.shape:
        raise ImportFailure(
            f"{name} cannot be imported: the mapped network gives shape {list(got.shape)} "
            f"where the model gives {list(want.shape)} (a batch-size-dependent reshape?)"
        )
    difference = float((want.float() - got.float()).abs().max()) if want.numel() else 0.0
    scale = max(1.0, float(want.float().abs().max())) if want.numel() else 1.0
    if not difference <= TOLERANCE * scale:
        raise ImportFailure(
            f"{name} cannot be imported: the mapped network differs from the model by "
            f"{difference:.3g} on a random input; please report this model"
        )
    return difference
