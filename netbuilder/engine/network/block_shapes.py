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

from typing import Any, Protocol

from netbuilder.engine.network.shape_report import BlockCheck, ShapeReport
from netbuilder.engine.network.shape_rules import Shape
from netbuilder.model import CATALOGUE, Graph
from netbuilder.model.blocks import BlockDef, Blocks
from netbuilder.model.i18n import translate

__all__ = ["BodyChecker", "Port", "check_use", "inner_results", "placeholder_port"]

Port = tuple[Shape, str]  # (shape without the batch dimension, dtype) entering one BlockInput


class BodyChecker(Protocol):
    """What checking a use needs of ``shapes.ShapeChecker`` (which imports this module)."""

    max_cache: int
    _use_cache: dict[tuple[Any, ...], tuple[BlockCheck, list[BlockDef]]]

    def check(self, graph: Graph, *, ports: list[Port] | None = None) -> ShapeReport: ...


def placeholder_port() -> Port:
    """What an unused block's inputs are checked with: the Input layer's default sample."""
    default = CATALOGUE["Input"].defaults()
    return tuple(default["shape"]), str(default["dtype"])


def check_use(
    checker: BodyChecker,
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


def _check_use(
    checker: BodyChecker,
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
        return translate("Shapes", "inside {block}: {message}").format(block=name, message=message)
    return translate("Shapes", "inside {block}: {node} ({layer}): {message}").format(
        block=name, node=where, layer=body.nodes[where].type, message=message
    )


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
