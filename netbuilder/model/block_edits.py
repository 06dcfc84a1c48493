"""Block gestures as plans of plain edits: make a block, put a use's layers back, repeat a use.

Each planner reads the graph and returns a list of ``edits`` (or raises BlockError saying why
the gesture cannot be done); the window wraps the list as one undo macro, a test or the importer
applies it with ``apply_edits``. The graph is not changed by planning.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from netbuilder.model.blocks import (
    BLOCK,
    BLOCK_INPUT,
    BLOCK_OUTPUT,
    NOT_IN_BODY,
    PORT_TYPES,
    BlockDef,
    BlockError,
)
from netbuilder.model.edits import (
    AddBlock,
    AddNode,
    Connect,
    Disconnect,
    Edit,
    RemoveNode,
)
from netbuilder.model.graph import Edge, Graph, is_valid_node_id
from netbuilder.model.i18n import translate
from netbuilder.model.layout import NODE_SIZE
from netbuilder.model.placement import Rect, after, node_rects

#: Room between a body's port nodes and its layers, and between repeated uses (canvas units).
_STEP_X = 200.0
MAX_REPEAT = 64


def plan_make_block(graph: Graph, node_ids: Iterable[str], name: str) -> tuple[list[Edit], str]:
    """Replace the selected nodes by one use of a new block ``name`` made of them.

    Each distinct layer outside the selection that feeds it becomes one block input (in the
    order the layers run); the one selected layer whose output leaves the selection (or, when
    none leaves, the one selected layer that feeds no other selected layer) becomes the block's
    output. Returns the edits and the new use's node id.
    """
    ids = [n for n in graph.topological_order() if n in set(node_ids)]
    if not ids:
        raise BlockError(translate("Graph", "Select the layers to make a block of"))
    if name in graph.blocks:
        raise BlockError(
            translate("Graph", "A block named {block} already exists; choose another name").format(
                block=repr(name)
            ),
            block=name,
        )
    for nid in ids:
        node = graph.node(nid)
        if node.type in NOT_IN_BODY:
            raise BlockError(
                translate(
                    "Graph", "{label} is the network's {layer}; a block holds layers between them"
                ).format(label=node.label, layer=node.type),
                node=nid,
            )
        if node.type in PORT_TYPES:
            raise BlockError(
                translate(
                    "Graph",
                    "{label} is a port of the block shown; a block holds layers between its ports",
                ).format(label=node.label),
                node=nid,
            )
        if not node.known:
            raise BlockError(
                translate("Graph", "{label} has an unknown type and cannot go in a block").format(
                    label=node.label
                ),
                node=nid,
            )
    chosen = set(ids)
    edges_in = [e for nid in ids for e in graph.in_edges(nid) if e.src not in chosen]
    edges_out = [e for nid in ids for e in graph.out_edges(nid) if e.dst not in chosen]
    sources = list(dict.fromkeys(e.src for e in edges_in))
    if not sources:
        raise BlockError(
            translate("Graph", "A block needs an input: nothing outside the selection feeds it")
        )
    for nid in ids:
        back = [s for s in sources if s in graph.descendants(nid)]
        if back:
            raise BlockError(
                translate(
                    "Graph",
                    "A path leaves the selection at {label} and comes back through {back}; "
                    "select the layers between them too",
                ).format(label=graph.node(nid).label, back=graph.node(back[0]).label),
                node=back[0],
            )
    leaving = list(dict.fromkeys(e.src for e in edges_out))
    if len(leaving) > 1:
        names = _and([graph.node(n).label for n in leaving[:3]])
        raise BlockError(
            translate(
                "Graph",
                "A block has one output, and {names} both feed layers outside the selection; "
                "select fewer layers or include what they feed",
            ).format(names=names),
            node=leaving[1],
        )
    if leaving:
        result = leaving[0]
    else:
        sinks = [n for n in ids if not any(e.dst in chosen for e in graph.out_edges(n))]
        if len(sinks) != 1:
            raise BlockError(
                translate("Graph", "A block has one output; the selection ends in {names}").format(
                    names=_and([graph.node(n).label for n in sinks[:3]])
                ),
                node=sinks[-1],
            )
        result = sinks[0]

    # The definition: the selected nodes with their ids, plus ports; positions relative.
    xs = [graph.node(n).pos[0] for n in ids]
    ys = [graph.node(n).pos[1] for n in ids]
    left, top = min(xs), min(ys)
    body_nodes: list[dict[str, Any]] = []
    taken = set(ids)
    port_ids = []
    for k, _src in enumerate(sources):
        pid = _fresh(f"in_{k}" if len(sources) > 1 else "x", taken)
        port_ids.append(pid)
        body_nodes.append(
            {"id": pid, "type": BLOCK_INPUT, "params": {"index": k}, "pos": [0.0, 120.0 * k]}
        )
    for nid in ids:
        entry = graph.copy_subgraph([nid])["nodes"][0]
        entry["pos"] = [entry["pos"][0] - left + _STEP_X, entry["pos"][1] - top]
        body_nodes.append(entry)
    out_id = _fresh("out", taken)
    right = max(xs) - left + 2 * _STEP_X
    body_nodes.append({"id": out_id, "type": BLOCK_OUTPUT, "params": {}, "pos": [right, 0.0]})
    body_edges = graph.copy_subgraph(ids)["edges"]
    for e in edges_in:
        body_edges.append({"src": port_ids[sources.index(e.src)], "dst": e.dst, "port": e.dst_port})
    body_edges.append({"src": result, "dst": out_id, "port": 0})
    definition = {"name": name, "params": [], "graph": {"nodes": body_nodes, "edges": body_edges}}

    edits: list[Edit] = [AddBlock(definition)]
    edits += [Disconnect(e) for e in _edges_touching(graph, ids)]
    edits += [RemoveNode(n) for n in ids]
    use_id = _fresh_in(graph, name, exclude=chosen)
    pos = graph.node(ids[0]).pos  # where the selection starts: its first layer's place
    edits.append(AddNode(use_id, BLOCK, {"block": name}, pos))
    edits += [Connect(Edge(src, use_id, k)) for k, src in enumerate(sources)]
    edits += [Connect(Edge(use_id, e.dst, e.dst_port)) for e in edges_out]
    return edits, use_id


def plan_inline(graph: Graph, use_id: str) -> list[Edit]:
    """Put a block use's layers back in its place (detach it from the definition).

    Body layers get ids ``<use>_<layer>`` (made unique), with the use's arguments applied.
    """
    use = graph.node(use_id)
    if use.type != BLOCK:
        raise BlockError(
            translate("Graph", "{label} is not a block").format(label=use.label), node=use_id
        )
    definition = graph.blocks[use.params["block"]]
    problems = definition.problems()
    if problems:
        raise BlockError(problems[0][1], block=definition.name, node=use_id)
    body = definition.instantiate(use.params)
    inputs = definition.input_ids()
    output = definition.output_id()
    assert output is not None
    taken = set(graph.nodes) - {use_id}
    new_id: dict[str, str] = {}
    layers = [
        n for n in body.topological_order() if body.node(n).type not in (BLOCK_INPUT, BLOCK_OUTPUT)
    ]
    for nid in layers:
        new_id[nid] = _fresh(f"{use_id}_{nid}"[:60], taken)
    in_edges = graph.in_edges(use_id)
    feeds = graph.out_edges(use_id)
    edits: list[Edit] = [Disconnect(e) for e in in_edges + feeds]
    edits.append(RemoveNode(use_id))
    x0, y0 = use.pos
    bx = min((body.node(n).pos[0] for n in layers), default=0.0)
    by = min((body.node(n).pos[1] for n in layers), default=0.0)
    for nid in layers:
        node = body.node(nid)
        pos = (x0 + node.pos[0] - bx, y0 + node.pos[1] - by)
        edits.append(AddNode(new_id[nid], node.type, dict(node.params), pos))
    source_of = {port: graph_src for port, graph_src in ((e.dst_port, e.src) for e in in_edges)}
    port_index = {pid: k for k, pid in enumerate(inputs)}

    def outer(src: str) -> str | None:
        if src in port_index:
            return source_of.get(port_index[src])
        return new_id.get(src)

    for e in body.edges:
        if e.dst == output:
            continue
        src = outer(e.src)
        if src is not None and e.dst in new_id:
            edits.append(Connect(Edge(src, new_id[e.dst], e.dst_port)))
    result_edge = body.edge_into(output, 0)
    result = outer(result_edge.src) if result_edge is not None else None
    if result is not None:
        edits += [Connect(Edge(result, e.dst, e.dst_port)) for e in feeds]
    return edits


def plan_repeat(graph: Graph, use_id: str, copies: int) -> tuple[list[Edit], list[str]]:
    """Chain ``copies`` more uses of the same block (same arguments) after ``use_id``; what the
    use fed is fed by the last copy. The block must take one input. Returns edits and new ids."""
    use = graph.node(use_id)
    if use.type != BLOCK:
        raise BlockError(
            translate("Graph", "{label} is not a block; Repeat chains copies of a block").format(
                label=use.label
            ),
            node=use_id,
        )
    definition: BlockDef = graph.blocks[use.params["block"]]
    if definition.n_inputs != 1:
        raise BlockError(
            translate(
                "Graph",
                "Repeat chains a block's output into its input; {block} takes {count} inputs",
            ).format(block=definition.name, count=definition.n_inputs),
            node=use_id,
        )
    if not 1 <= copies <= MAX_REPEAT:
        raise BlockError(
            translate("Graph", "Repeat adds 1 to {most} copies, not {copies}").format(
                most=MAX_REPEAT, copies=copies
            ),
            node=use_id,
        )
    feeds = graph.out_edges(use_id)
    edits: list[Edit] = [Disconnect(e) for e in feeds]
    taken = set(graph.nodes)
    ids: list[str] = []
    prev = use_id
    # Each copy goes right after the one before, in the nearest free spot: nothing else moves.
    rects = node_rects(graph)
    spot: Rect = (*use.pos, *NODE_SIZE)
    for _ in range(copies):
        nid = _numbered(graph.new_id(BLOCK, definition.name).rpartition("_")[0], taken)
        ids.append(nid)
        pos = after(spot, rects)
        spot = (*pos, *NODE_SIZE)
        rects.append(spot)
        edits.append(AddNode(nid, BLOCK, dict(use.params), pos))
        edits.append(Connect(Edge(prev, nid, 0)))
        prev = nid
    edits += [Connect(Edge(prev, e.dst, e.dst_port)) for e in feeds]
    return edits, ids


def _edges_touching(graph: Graph, ids: list[str]) -> list[Edge]:
    seen: dict[tuple[str, str, int], Edge] = {}
    for nid in ids:
        for e in graph.in_edges(nid) + graph.out_edges(nid):
            seen[(e.src, e.dst, e.dst_port)] = e
    return list(seen.values())


def _fresh(base: str, taken: set[str]) -> str:
    """``base`` (made a valid id) or ``base_2``, ``base_3``... not in ``taken``; adds it."""
    if not is_valid_node_id(base):
        base = "node_" + "".join(c if c.isalnum() else "_" for c in base)[:50]
    out, n = base, 2
    while out in taken or not is_valid_node_id(out):
        out = f"{base}_{n}"
        n += 1
    taken.add(out)
    return out


def _numbered(base: str, taken: set[str]) -> str:
    n = 1
    while f"{base}_{n}" in taken:
        n += 1
    taken.add(f"{base}_{n}")
    return f"{base}_{n}"


def _fresh_in(graph: Graph, block_name: str, exclude: set[str]) -> str:
    """A new use id after the block's name; ids of nodes about to be removed may be reused."""
    nid = graph.new_id(BLOCK, block_name)
    base, _, _ = nid.rpartition("_")
    n = 1
    while f"{base}_{n}" in graph.nodes and f"{base}_{n}" not in exclude:
        n += 1
    return f"{base}_{n}"


def _and(names: list[str]) -> str:
    """``A and B and C``, each "and" a translatable sentence part."""
    out = names[0]
    for name in names[1:]:
        out = translate("Graph", "{first} and {second}").format(first=out, second=name)
    return out
