"""Shapes through block uses: a use's result is its definition's body checked with its inputs.

A ``Block`` node is checked by instantiating its definition with the use's arguments and
checking that body with each ``BlockInput`` taking the shape and dtype of the use's input on the
same port; the use's shape is the ``BlockOutput``'s. Problems inside become the use's own, naming
the layer inside ("inside ResBlock: c2 (Conv2d): ..."), nested as deep as blocks nest. The whole
body check is kept on the report (``report.uses``, ``report.inner``) for compile and for a view
of the opened use.

Results are cached per (definition and every definition it uses, at their revisions; arguments;
input shapes; dtypes), so re-checking a 16-use ResNet after an edit elsewhere costs 16 lookups.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from netbuilder.engine.network.shape_report import BlockCheck, ShapeReport
from netbuilder.engine.network.shape_rules import Shape
from netbuilder.model import CATALOGUE, Graph
from netbuilder.model.blocks import BLOCK, BlockDef, Blocks

if TYPE_CHECKING:
    from netbuilder.engine.network.shapes import ShapeChecker

__all__ = ["check_body", "check_use", "first_use_inputs", "placeholder_port"]

Port = tuple[Shape, str]  # (shape without the batch dimension, dtype) entering one BlockInput


def placeholder_port() -> Port:
    """What an unused block's inputs are checked with: the Input layer's default sample."""
    default = CATALOGUE["Input"].defaults()
    return tuple(default["shape"]), str(default["dtype"])


def check_use(
    checker: ShapeChecker,
    blocks: Blocks,
    params: dict[str, Any],
    shapes: tuple[Shape, ...],
    dtypes: tuple[str, ...],
) -> BlockCheck:
    """The check of one use (``params``: the Block node's, ``block`` naming the definition)."""
    name = str(params.get("block"))
    definition = blocks[name]
    used = [blocks[d] for d in blocks.depends_on([name])]
    key = _key(used, params, shapes, dtypes)
    if key is not None:
        hit = checker._use_cache.get(key)
        if hit is not None:
            return hit[0]
    check = _check_use(checker, definition, params, shapes, dtypes)
    if key is not None:
        if len(checker._use_cache) >= checker.max_cache:
            checker._use_cache.clear()
        # The definitions stay referenced so that their ids in the key are never reused.
        checker._use_cache[key] = (check, used)
    return check


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
    from netbuilder.engine.network.shapes import ShapeChecker

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


def _check_use(
    checker: ShapeChecker,
    definition: BlockDef,
    params: dict[str, Any],
    shapes: tuple[Shape, ...],
    dtypes: tuple[str, ...],
) -> BlockCheck:
    name = definition.name
    body = definition.instantiate(params)
    args = tuple(
        (p.name, body.nodes[p.targets[0][0]].params.get(p.targets[0][1]))
        for p in definition.params
        if p.targets and p.targets[0][0] in body.nodes
    )
    input_ids = tuple(definition.input_ids())
    output_id = definition.output_id()
    problems = definition.problems()
    if problems:
        where, message = problems[0]
        return BlockCheck(
            name,
            body,
            ShapeReport(order=body.topological_order()),
            input_ids,
            output_id,
            problem=_inside(name, body, where, message),
            args=args,
        )
    report = checker.check(body, ports=list(zip(shapes, dtypes, strict=True)))
    assert output_id is not None  # problems() says so otherwise
    ins = body.inputs_by_node()
    needed = {output_id}
    for nid in reversed(report.order):
        if nid in needed:
            needed.update(src for _, src in ins.get(nid, ()))
    first = report.first_error(needed)
    if first is not None:
        where, message = first
        pending = where is not None and where in report.pending
        return BlockCheck(
            name,
            body,
            report,
            input_ids,
            output_id,
            problem=_inside(name, body, where, message),
            pending=pending,
            args=args,
        )
    live = set(report.order) - report.unused
    return BlockCheck(
        name,
        body,
        report,
        input_ids,
        output_id,
        shape=report.shapes[output_id],
        dtype=report.dtypes[output_id],
        param_count=sum(n for nid, n in report.param_counts.items() if nid in live),
        args=args,
    )


def inner_results(check: BlockCheck) -> dict[str, tuple[int, ...] | str]:
    """Body node id -> its shape, or its problem (error, pending or note), in body order."""
    r = check.report
    problems = {**r.notes, **r.pending, **r.errors}
    out: dict[str, tuple[int, ...] | str] = {}
    for nid in r.order:
        if nid in r.shapes:
            out[nid] = r.shapes[nid]
        elif nid in problems:
            out[nid] = problems[nid]
    return out


def _inside(name: str, body: Graph, where: str | None, message: str) -> str:
    if where is None or where not in body.nodes:
        return f"inside {name}: {message}"
    return f"inside {name}: {where} ({body.nodes[where].type}): {message}"


def _key(
    used: list[BlockDef],
    params: dict[str, Any],
    shapes: tuple[Shape, ...],
    dtypes: tuple[str, ...],
) -> tuple[Any, ...] | None:
    revisions = tuple((d.name, id(d), d.revision) for d in used)
    args = tuple(sorted((k, _freeze(v)) for k, v in params.items()))
    key = (revisions, args, shapes, dtypes)
    try:
        hash(key)
    except TypeError:  # pragma: no cover - params are validated into hashable values
        return None
    return key


def _freeze(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value
