"""Block definitions from plain data (``BlockDef.to_dict`` / ``Blocks.to_list`` form), as
project files, block library files and undo commands hold them; each error names the place."""

from __future__ import annotations

from typing import Any

from netbuilder.model.blocks import (
    BLOCK,
    BlockDef,
    BlockError,
    BlockParam,
    Blocks,
    block_name_rule,
    is_valid_argument_name,
    is_valid_block_name,
)
from netbuilder.model.errors import GraphError
from netbuilder.model.i18n import translate

__all__ = ["block_from_dict", "load_blocks"]


def block_from_dict(entry: dict[str, Any], blocks: Blocks) -> BlockDef:
    """One ``BlockDef.to_dict`` entry, built against ``blocks`` (which holds what it uses).

    Raises BlockError naming the definition and field; GraphDataError from the body names the
    body's node or edge (the caller adds the definition's place).
    """
    from netbuilder.model.graph import Graph

    name = entry.get("name")
    if not is_valid_block_name(name):
        raise BlockError(
            translate("Graph", "block name {block} {rule}").format(
                block=repr(name), rule=block_name_rule()
            ),
            field="name",
        )
    body = Graph.from_dict(entry.get("graph", {}), blocks=blocks, body=True)
    params = []
    for i, p in enumerate(entry.get("params", [])):
        targets = tuple((str(t[0]), str(t[1])) for t in p.get("targets", []))
        if not is_valid_argument_name(p.get("name")):
            raise BlockError(
                translate(
                    "Graph",
                    "argument name {arg} must be a Python name (not a keyword, not starting "
                    "with _)",
                ).format(arg=repr(p.get("name"))),
                block=name,
                field=f"params[{i}].name",
            )
        if not targets:
            raise BlockError(
                translate("Graph", "argument {arg} sets no field").format(arg=p["name"]),
                block=name,
                field=f"params[{i}].targets",
            )
        params.append(BlockParam(p["name"], targets, str(p.get("help", ""))))
    definition = BlockDef(str(name), body, params, str(entry.get("doc", "")))
    _check_params(definition)
    return definition


def _check_params(definition: BlockDef) -> None:
    seen: set[str] = {"block"}
    for i, p in enumerate(definition.params):
        if p.name in seen:
            raise BlockError(
                translate(
                    "Graph", "block {block}: argument {arg} is given twice (or is 'block')"
                ).format(block=definition.name, arg=repr(p.name)),
                block=definition.name,
                field=f"params[{i}].name",
            )
        seen.add(p.name)
        kinds = set()
        for node_id, field_name in p.targets:
            node = definition.body.nodes.get(node_id)
            if node is None:
                raise BlockError(
                    translate(
                        "Graph",
                        "block {block}: argument {arg} sets {node}.{param}, and the block has no "
                        "layer {node}",
                    ).format(block=definition.name, arg=p.name, node=node_id, param=field_name),
                    block=definition.name,
                    field=f"params[{i}].targets",
                )
            try:
                spec = definition.body.spec_of(node.type, node.params).param(field_name)
            except (KeyError, GraphError):
                raise BlockError(
                    translate(
                        "Graph",
                        "block {block}: argument {arg} sets {node}.{param}, and {layer} has no "
                        "parameter {param}",
                    ).format(
                        block=definition.name,
                        arg=p.name,
                        node=node_id,
                        param=field_name,
                        layer=node.type,
                    ),
                    block=definition.name,
                    field=f"params[{i}].targets",
                ) from None
            kinds.add((spec.kind, spec.choices))
        if len(kinds) > 1:
            raise BlockError(
                translate(
                    "Graph", "block {block}: argument {arg} sets fields of different kinds"
                ).format(block=definition.name, arg=p.name),
                block=definition.name,
                field=f"params[{i}].targets",
            )


def load_blocks(entries: Any, blocks: Blocks) -> None:
    """Add the definitions of ``entries`` (``Blocks.to_list`` form) to ``blocks``.

    Entries may come in any order: one whose body uses a definition not built yet waits for it.
    Raises BlockError (with ``field`` ``blocks[i]...``) for the first entry that cannot be built.
    """
    from netbuilder.model.errors import GraphDataError

    if not isinstance(entries, list):
        raise BlockError(translate("Graph", "expected a list of block definitions"), field="blocks")
    pending = list(enumerate(entries))
    while pending:
        waiting = []
        for i, entry in pending:
            if not isinstance(entry, dict):
                raise BlockError(translate("Graph", "expected an object"), field=f"blocks[{i}]")
            missing = _uses(entry) - set(blocks.names())
            if missing:
                waiting.append((i, entry))
                continue
            try:
                blocks.add(block_from_dict(entry, blocks))
            except GraphDataError as exc:
                raise BlockError(
                    translate("Graph", "block {block}: {message}").format(
                        block=entry.get("name"), message=exc.message
                    ),
                    block=str(entry.get("name")),
                    node=exc.node,
                    field=f"blocks[{i}].graph.{exc.path}",
                ) from None
            except BlockError as exc:
                exc.field = f"blocks[{i}]" + (f".{exc.field}" if exc.field else "")
                raise
        if len(waiting) == len(pending):
            i, entry = waiting[0]
            names = ", ".join(sorted(_uses(entry) - set(blocks.names())))
            raise BlockError(
                translate(
                    "Graph", "block {block} uses {names}, which is not defined (or uses itself)"
                ).format(block=entry.get("name"), names=names),
                block=str(entry.get("name")),
                field=f"blocks[{i}]",
            )
        pending = waiting


def _uses(entry: dict[str, Any]) -> set[str]:
    graph = entry.get("graph")
    nodes = graph.get("nodes", []) if isinstance(graph, dict) else []
    out = set()
    for n in nodes if isinstance(nodes, list) else []:
        if isinstance(n, dict) and n.get("type") == BLOCK:
            params = n.get("params")
            if isinstance(params, dict) and isinstance(params.get("block"), str):
                out.add(params["block"])
    return out
