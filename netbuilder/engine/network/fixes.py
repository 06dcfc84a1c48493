"""One-click repairs the shape check offers, planned once as a list of model edits.

``plan_fix`` says what a ``Fix`` changes (``model.edits``); ``apply_fix`` performs the plan on a
graph, and the window wraps the same plan in one undo macro, so both make the same calls and
place an inserted layer in the same spot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from netbuilder.model import Edge, Graph, get_spec
from netbuilder.model.edits import (
    AddNode,
    Connect,
    Disconnect,
    Edit,
    MoveNode,
    SetParams,
    apply_edits,
)
from netbuilder.model.layout import NODE_SIZE
from netbuilder.model.placement import GAP, free_spot, insert_on_edge, node_rects


@dataclass(frozen=True)
class Fix:
    """An obvious repair the window offers next to a shape error.

    kind "insert": add ``layer_type`` with ``params`` in front of input ``port`` of ``before``.
    kind "set_param": change ``params`` of node ``node``.
    """

    kind: str
    label: str
    layer_type: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    before: str = ""
    port: int = 0
    node: str = ""


def plan_fix(graph: Graph, fix: Fix) -> list[Edit]:
    """The edits that perform ``fix`` on ``graph`` (nothing is changed)."""
    if fix.kind == "set_param":
        return [SetParams(fix.node, dict(fix.params))]
    if fix.kind != "insert":
        raise ValueError(f"unknown kind of fix {fix.kind!r}")
    target = graph.node(fix.before)
    edge = graph.edge_into(fix.before, fix.port)
    new_id = graph.new_id(fix.layer_type)
    params = get_spec(fix.layer_type).validate_params(dict(fix.params), node=new_id)
    if edge is None:  # in front of its target, or the nearest free spot to that
        want = (target.pos[0] - NODE_SIZE[0] - GAP[0], target.pos[1])
        pos = free_spot(want, node_rects(graph))
        return [
            AddNode(new_id, fix.layer_type, params, pos),
            Connect(Edge(new_id, fix.before, fix.port)),
        ]
    # In line on the edge it splits; the target and what follows move right to make room.
    pos, moves = insert_on_edge(graph, edge.src, fix.before)
    return [
        *(MoveNode(n, p) for n, p in sorted(moves.items())),
        Disconnect(edge),
        AddNode(new_id, fix.layer_type, params, pos),
        Connect(Edge(edge.src, new_id, 0)),
        Connect(Edge(new_id, fix.before, fix.port)),
    ]


def apply_fix(graph: Graph, fix: Fix) -> str | None:
    """Perform ``fix``; returns the id of the inserted node (None when none was added)."""
    edits = plan_fix(graph, fix)
    apply_edits(graph, edits)
    return next((e.node_id for e in edits if isinstance(e, AddNode)), None)
