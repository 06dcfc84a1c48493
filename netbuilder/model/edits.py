"""Graph changes as plain values: planned once, then applied to a graph or wrapped as undo steps.

A planner (the shape checker's one-click fixes, say) returns a list of edits; ``apply_edits``
performs them through ``Graph`` methods, and the window turns the same list into one undo
macro. Either way the same calls are made, so what the tests check is what the user gets.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from netbuilder.model.block_loading import block_from_dict
from netbuilder.model.graph import Edge, Graph


@dataclass(frozen=True)
class AddNode:
    node_id: str
    layer_type: str
    params: dict[str, Any] = field(default_factory=dict)
    pos: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True)
class Connect:
    edge: Edge


@dataclass(frozen=True)
class Disconnect:
    edge: Edge


@dataclass(frozen=True)
class SetParams:
    node_id: str
    params: dict[str, Any]


@dataclass(frozen=True)
class MoveNode:
    """Move a node out of the way (an inserted layer needs the room)."""

    node_id: str
    pos: tuple[float, float]


@dataclass(frozen=True)
class RemoveNode:
    """Remove a node (its edges must be disconnected first, by earlier edits)."""

    node_id: str


@dataclass(frozen=True)
class AddBlock:
    """Add a block definition (``BlockDef.to_dict`` form) to the graph's block library."""

    definition: dict[str, Any]


Edit = AddNode | Connect | Disconnect | SetParams | MoveNode | RemoveNode | AddBlock


def apply_edit(graph: Graph, edit: Edit) -> None:
    """Perform one edit; raises the graph rule's error when it breaks one."""
    match edit:
        case AddNode(node_id, layer_type, params, pos):
            graph.add_node(layer_type, dict(params), pos, node_id=node_id)
        case Connect(edge):
            graph.connect(edge.src, edge.dst, edge.dst_port)
        case Disconnect(edge):
            graph.disconnect(edge)
        case SetParams(node_id, params):
            graph.set_params(node_id, dict(params))
        case MoveNode(node_id, pos):
            graph.move_node(node_id, pos)
        case RemoveNode(node_id):
            graph.remove_node(node_id)
        case AddBlock(definition):
            graph.blocks.add(block_from_dict(copy.deepcopy(definition), graph.blocks))


def apply_edits(graph: Graph, edits: Iterable[Edit]) -> None:
    """Perform ``edits`` in order (no rollback: the window's undo macro has its own)."""
    for edit in edits:
        apply_edit(graph, edit)
