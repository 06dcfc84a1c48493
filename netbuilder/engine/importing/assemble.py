"""Traced nodes -> a laid-out project, checked against the source model before it is kept.

The compiled project, with the source's weights copied in, must give the source model's output
on a random input of another batch size (within 1e-5); if it does not, nothing is written: an
import is never wrong silently.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from netbuilder.engine.importing.blocks import WeightMap, block_graph, flat_graph
from netbuilder.engine.importing.errors import ImportFailure
from netbuilder.engine.importing.tracing import (
    BATCH,
    ImportedNode,
    TracedModel,
    example_input,
    trace_model,
)
from netbuilder.engine.network.compile import GraphModule, compile_graph
from netbuilder.engine.training.checkpoint import weights_to_bytes
from netbuilder.model import Graph, NetbuilderError
from netbuilder.model.layout import arrange_graph
from netbuilder.model.project import Project

TOLERANCE = 1e-5
CANVAS_ASPECT = 16 / 10  # long chains wrap into rows about the shape of a window
#: ``Project.view`` of an import: the window opens it fitted, whole, rather than at 1:1.
FITTED_VIEW = {"zoom": "fit"}


@dataclass
class ImportedProject:
    project: Project
    weights: bytes  # the source's weights under the new node ids (safetensors)
    max_difference: float  # largest |project - source| on the check input
    layers: int  # nodes other than Input/Output


def import_model(
    model: nn.Module,
    input_shape: tuple[int, ...],
    *,
    name: str,
    source: str = "",
    flat: bool = False,
) -> ImportedProject:
    """Trace, map, lay out and check ``model``; ImportFailure (with its report) otherwise.

    Each instance of a user module class holding two or more layers becomes a block use
    (``blocks``); ``flat`` keeps one node per layer instead.
    """
    traced = trace_model(model, input_shape, name)
    return build_project(traced, model, model, input_shape, name=name, source=source, flat=flat)


def build_project(
    traced: TracedModel,
    weights_from: nn.Module,
    reference: nn.Module,
    input_shape: tuple[int, ...],
    *,
    name: str,
    source: str = "",
    flat: bool = False,
) -> ImportedProject:
    """Mapped nodes -> a laid-out project, ``weights_from``'s submodules copied into their
    nodes (its module classes also decide the blocks) and the result checked against
    ``reference`` (the source model, or a ``.pt2`` archive's program)."""
    graph, weights, stages, compiled = _build(weights_from, traced.nodes, name, flat)
    _copy_weights(weights_from, compiled, weights)
    difference = _difference(reference, compiled, input_shape, traced.input_dtype, name)
    _lay_out(graph, stages)
    notes = f"Imported from {source or name} by netbuilder import."
    project = Project(graph=graph, name=name, notes=notes, view=dict(FITTED_VIEW))
    layers = sum(1 for n in traced.nodes if n.type not in ("Input", "Output"))
    return ImportedProject(project, weights_to_bytes(compiled), difference, layers)


def _build(
    model: nn.Module, nodes: list[ImportedNode], name: str, flat: bool
) -> tuple[Graph, WeightMap, dict[str, str], GraphModule]:
    """The graph (by blocks unless ``flat``), where weights go, stages, and its module. Blocks
    that the engine refuses fall back to one node per layer: they are a view, not the import."""
    if not flat:
        try:
            graph, weights, stages = block_graph(nodes, model)
            return graph, weights, stages, compile_graph(graph)
        except NetbuilderError:
            pass
    try:
        graph, weights = flat_graph(nodes)
    except NetbuilderError as exc:
        raise ImportFailure(f"{name} cannot be imported: {exc}") from None
    try:
        compiled = compile_graph(graph)
    except NetbuilderError as exc:
        raise ImportFailure(
            f"{name} cannot be imported: the mapped network is wrong ({exc})"
        ) from None
    return graph, weights, {}, compiled


def _lay_out(graph: Graph, stages: dict[str, str]) -> None:
    """Rows of about the window's shape, a stage (``layer2``) per row; bodies left to right."""
    for node_id, pos in arrange_graph(graph, aspect=CANVAS_ASPECT, stages=stages).items():
        graph.move_node(node_id, pos)
    for definition in graph.blocks:
        for node_id, pos in arrange_graph(definition.body, origin=(0.0, 0.0)).items():
            definition.body.move_node(node_id, pos)


def _copy_weights(model: nn.Module, compiled: GraphModule, weights: WeightMap) -> None:
    """Each mapped module's parameters and buffers into its node (same names inside); a
    layer inside a block use is ``<use>.<layer>`` (``layer1_0.conv1``)."""
    with torch.no_grad():
        for path, source in weights:
            target = compiled.get_submodule(path)
            target.load_state_dict(model.get_submodule(source).state_dict())


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
