"""A remedy's graph change as a ``model.edits`` plan (the window wraps it in one undo macro).

Only top-level nodes are edited: a remedy on a layer inside a block use (``use.inner``) would
change the block's definition for every use, so it is left to the person (no plan).
"""

from __future__ import annotations

from netbuilder.engine.doctor.findings import Remedy
from netbuilder.engine.network.fixes import Fix, plan_fix
from netbuilder.model import Edge, Graph, get_spec
from netbuilder.model.edits import AddNode, Connect, Disconnect, Edit, RemoveNode


def plan_remedy(graph: Graph, remedy: Remedy) -> list[Edit] | None:
    """The edits performing ``remedy`` on ``graph`` (unchanged), or None when it is not a graph
    edit (a training setting) or cannot be planned (a layer inside a block use)."""
    if remedy.kind == "set_setting" or "." in remedy.node or remedy.node not in graph:
        return None
    if remedy.kind == "insert_after":
        out = graph.out_edges(remedy.node)
        if not out:
            return None
        first = out[0]
        return plan_fix(
            graph,
            Fix(
                "insert",
                remedy.label,
                layer_type=remedy.layer_type,
                params=dict(remedy.params),
                before=first.dst,
                port=first.dst_port,
            ),
        )
    if remedy.kind == "swap_layer":
        return _swap(graph, remedy)
    raise ValueError(f"unknown kind of remedy {remedy.kind!r}")


def _swap(graph: Graph, remedy: Remedy) -> list[Edit]:
    old = graph.node(remedy.node)
    new_id = graph.new_id(remedy.layer_type)
    params = get_spec(remedy.layer_type).validate_params(dict(remedy.params), node=new_id)
    ins, outs = graph.in_edges(old.id), graph.out_edges(old.id)
    return [
        *(Disconnect(e) for e in (*ins, *outs)),
        RemoveNode(old.id),
        AddNode(new_id, remedy.layer_type, params, old.pos),
        *(Connect(Edge(e.src, new_id, e.dst_port)) for e in ins),
        *(Connect(Edge(new_id, e.dst, e.dst_port)) for e in outs),
    ]
