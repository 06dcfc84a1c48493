"""A remedy's graph change as a ``model.edits`` plan (the window wraps it in one undo macro),
and a finding's remedies applied to a copy of a project exactly as the window's Fix button
applies them (``plan_finding``; the tests train the fixed copy to prove the fix helps).

Only top-level nodes are edited: a remedy on a layer inside a block use (``use.inner``) would
change the block's definition for every use, so it is left to the person (no plan).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from netbuilder.engine.doctor.findings import Finding, Remedy
from netbuilder.engine.network.fixes import Fix, plan_fix
from netbuilder.model import Edge, Graph, NetbuilderError, Project, TrainingSettings, get_spec
from netbuilder.model.edits import AddNode, Connect, Disconnect, Edit, RemoveNode, apply_edits

#: Remedies that are not graph edits (``plan_remedy`` gives None for them).
NOT_GRAPH = ("set_setting", "reinit_layer")


def plan_remedy(graph: Graph, remedy: Remedy) -> list[Edit] | None:
    """The edits performing ``remedy`` on ``graph`` (unchanged), or None when it is not a graph
    edit (a training setting, starting weights) or cannot be planned (inside a block use)."""
    if remedy.kind in NOT_GRAPH or "." in remedy.node or remedy.node not in graph:
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


@dataclass
class FindingPlan:
    """What one click on a finding's Fix does. ``graph``: each graph remedy with its edits
    (planned after the ones before it, so ids do not collide); ``settings``: the training
    settings to set; ``reinit``: the layer paths to re-initialise in the starting weights."""

    graph: list[tuple[Remedy, list[Edit]]] = field(default_factory=list)
    settings: list[Remedy] = field(default_factory=list)
    reinit: list[Remedy] = field(default_factory=list)

    @property
    def edits(self) -> list[Edit]:
        return [e for _, plan in self.graph for e in plan]


def plan_finding(graph: Graph, finding: Finding, training: TrainingSettings) -> FindingPlan:
    """``finding``'s remedies that can be applied now: the graph ones planned on a copy of
    ``graph``, the settings ``training`` has, the re-initialisations. A Fix applies graph
    edits when there are any, else the settings, else the re-initialisations (one kind per
    click, one undo step). Left out: a layer inside a block use, a remedy that no longer fits."""
    work = graph.copy()
    plan = FindingPlan()
    for remedy in finding.remedies:
        if remedy.kind == "set_setting":
            if hasattr(training, remedy.setting):
                plan.settings.append(remedy)
            continue
        if remedy.kind == "reinit_layer":
            plan.reinit.append(remedy)
            continue
        try:
            edits = plan_remedy(work, remedy)
        except (NetbuilderError, ValueError):
            edits = None
        if edits:
            apply_edits(work, edits)
            plan.graph.append((remedy, edits))
    return plan


def apply_finding(
    project: Project,
    finding: Finding,
    weights: bytes | None = None,
    base_dir: str | Path | None = None,
) -> tuple[Project, bytes | None]:
    """A copy of ``project`` (and the starting ``weights``) with ``finding``'s Fix applied as
    the window applies it; ``project`` and ``weights`` are not changed."""
    plan = plan_finding(project.graph, finding, project.training)
    if plan.graph:
        graph = project.graph.copy()
        apply_edits(graph, plan.edits)
        return dataclasses.replace(project, graph=graph), weights
    if plan.settings:
        values = {r.setting: r.value for r in plan.settings}
        return dataclasses.replace(
            project, training=dataclasses.replace(project.training, **values)
        ), weights
    if plan.reinit and weights is not None:
        from netbuilder.engine.doctor.reinit import reinit_layer

        for remedy in plan.reinit:
            weights = reinit_layer(project, weights, remedy.node, base_dir)
    return project, weights
