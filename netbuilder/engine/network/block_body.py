"""A block definition's body checked on its own, for the block editor.

The editor shows the body of a definition with the shapes of a real use: ``first_use_inputs``
finds the input shapes of the first use in the project (top level first, then inside other
blocks' uses), ``check_body`` checks the body with them. A block not used anywhere is checked
with placeholder inputs: noted on each BlockInput, and problems that follow from them pending.
"""

from __future__ import annotations

from collections.abc import Sequence

from netbuilder.engine.network.block_shapes import Port
from netbuilder.engine.network.shape_report import ShapeReport
from netbuilder.engine.network.shapes import ShapeChecker
from netbuilder.model import Graph
from netbuilder.model.blocks import BLOCK, BlockDef

__all__ = ["check_body", "first_use_inputs"]


def check_body(
    definition: BlockDef,
    ports: Sequence[Port] | None = None,
    checker: ShapeChecker | None = None,
) -> ShapeReport:
    """A definition's body on its own (the block editor), as it stands (no arguments applied).

    ``ports``: the shapes/dtypes of a use's inputs (``first_use_inputs``); without them (an
    unused block) its inputs take placeholder shapes, noted on each BlockInput, and problems
    that follow from them are pending, not errors.
    """
    report = (checker or ShapeChecker()).check(
        definition.body, ports=list(ports) if ports is not None else None
    )
    for where, message in definition.problems():
        if where is None or where not in definition.body.nodes:
            report.graph_errors.append(message)
        else:
            report.errors.setdefault(where, message)
    return report


def first_use_inputs(graph: Graph, report: ShapeReport, name: str) -> list[Port] | None:
    """The input shapes of the first use of block ``name`` found in ``graph`` (top level first,
    then inside the uses of other blocks), for ``check_body``; None when no use has them."""
    stack: list[tuple[Graph, ShapeReport]] = [(graph, report)]
    while stack:
        g, r = stack.pop(0)
        ins = g.inputs_by_node()
        for nid in r.order:
            node = g.nodes[nid]
            if node.type != BLOCK or node.params.get("block") != name:
                continue
            srcs = [src for _, src in ins.get(nid, ())]
            if srcs and all(s in r.shapes for s in srcs):
                return [(r.shapes[s], r.dtypes[s]) for s in srcs]
        stack += [(use.body, use.report) for use in r.uses.values()]
    return None
