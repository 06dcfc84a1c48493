"""Layered ("Sugiyama-style") automatic layout, pure Python.

Layers follow the longest path from a source, so every edge points forwards (left to right, or
top to bottom); the order inside each layer is improved by barycentre sweeps, which removes most
edge crossings of typical network graphs in a few passes. The canvas turns the result into one
undoable move; nothing here knows about Qt.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from netbuilder.model.graph import Graph

Point = tuple[float, float]

#: Size of a typical node card and the free space kept around it (scene units).
NODE_SIZE = (170.0, 100.0)
MARGIN = (110.0, 40.0)  # between layers (room for a shape label), between neighbours
SWEEPS = 8
#: Extra space between two rows of a wrapped layout: the edge from a row's end to the next
#: row's start runs through it.
ROW_GAP = 80.0


def assign_layers(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Layer of each node: the length of the longest path reaching it from any source."""
    order = list(dict.fromkeys(nodes))
    preds: dict[str, list[str]] = {n: [] for n in order}
    succs: dict[str, list[str]] = {n: [] for n in order}
    for src, dst in edges:
        if src in preds and dst in preds:
            preds[dst].append(src)
            succs[src].append(dst)
    indegree = {n: len(preds[n]) for n in order}
    ready = [n for n in order if indegree[n] == 0]
    layer = dict.fromkeys(order, 0)
    i = 0
    while i < len(ready):
        n = ready[i]
        i += 1
        for s in succs[n]:
            layer[s] = max(layer[s], layer[n] + 1)
            indegree[s] -= 1
            if indegree[s] == 0:
                ready.append(s)
    if len(ready) != len(order):
        raise ValueError("layered layout needs an acyclic graph")
    return layer


def order_layers(
    layer: Mapping[str, int], edges: Iterable[tuple[str, str]], sweeps: int = SWEEPS
) -> list[list[str]]:
    """Nodes per layer, ordered by alternating down/up barycentre sweeps (fewer crossings)."""
    edge_list = [(s, d) for s, d in edges if s in layer and d in layer]
    n_layers = max(layer.values(), default=-1) + 1
    layers: list[list[str]] = [[] for _ in range(n_layers)]
    for node, k in layer.items():  # insertion order is the starting order
        layers[k].append(node)
    up: dict[str, list[str]] = {n: [] for n in layer}
    down: dict[str, list[str]] = {n: [] for n in layer}
    for s, d in edge_list:
        down[s].append(d)
        up[d].append(s)

    best = [list(nodes) for nodes in layers]
    best_crossings = count_crossings(best, edge_list)
    for sweep in range(sweeps):
        if best_crossings == 0:
            break
        forward = sweep % 2 == 0
        indices = range(1, n_layers) if forward else range(n_layers - 2, -1, -1)
        neighbours = up if forward else down
        for k in indices:
            ref = layers[k - 1] if forward else layers[k + 1]
            rank = {n: i for i, n in enumerate(ref)}
            layers[k] = _sort_by_barycentre(layers[k], neighbours, rank)
        crossings = count_crossings(layers, edge_list)
        if crossings < best_crossings:
            best, best_crossings = [list(nodes) for nodes in layers], crossings
    return best


def _sort_by_barycentre(
    nodes: list[str], neighbours: Mapping[str, list[str]], rank: Mapping[str, int]
) -> list[str]:
    keyed = []
    for i, n in enumerate(nodes):
        ranks = [rank[m] for m in neighbours[n] if m in rank]
        # Nodes without neighbours in the reference layer keep their current place.
        bary = sum(ranks) / len(ranks) if ranks else float(i)
        keyed.append((bary, i, n))
    keyed.sort()
    return [n for _, _, n in keyed]


def count_crossings(layers: list[list[str]], edges: Iterable[tuple[str, str]]) -> int:
    """Number of pairwise crossings between edges joining adjacent layers."""
    where: dict[str, tuple[int, int]] = {}
    for k, nodes in enumerate(layers):
        for i, n in enumerate(nodes):
            where[n] = (k, i)
    by_gap: dict[int, list[tuple[int, int]]] = {}
    for s, d in edges:
        (ks, i_s), (kd, i_d) = where[s], where[d]
        if kd == ks + 1:
            by_gap.setdefault(ks, []).append((i_s, i_d))
    total = 0
    for pairs in by_gap.values():
        pairs.sort()
        for a in range(len(pairs)):
            for b in range(a + 1, len(pairs)):
                if pairs[a][0] < pairs[b][0] and pairs[a][1] > pairs[b][1]:
                    total += 1
    return total


def layered_layout(
    nodes: Iterable[str],
    edges: Iterable[tuple[str, str]],
    direction: str = "LR",
    *,
    node_size: Point = NODE_SIZE,
    origin: Point = (0.0, 0.0),
    aspect: float | None = None,
    max_width: float | None = None,
    stages: Mapping[str, str] | None = None,
) -> dict[str, Point]:
    """Top-left position per node; layers run along ``direction`` ("LR" or "TB").

    ``node_size`` is the largest node's (width, height), so cards never overlap. Each layer is
    centred on the widest one so the drawing is symmetric around the main path. With
    ``aspect`` (width / height of the canvas), a long run of layers wraps into rows (or
    columns, for "TB") like lines of text, so the drawing has about the canvas's shape and
    fits it at a readable zoom; the layers themselves, branches included, stay whole.
    ``max_width`` (scene units along the layers) caps a row's length when that is possible.
    ``stages`` (node -> stage name, such as an imported ResNet's ``layer2``): with ``aspect``,
    each run of layers of one stage starts a row of its own (wrapping when it is too long).
    """
    if direction not in ("LR", "TB"):
        raise ValueError(f"direction must be 'LR' or 'TB', got {direction!r}")
    w, h = node_size
    if direction == "LR":
        layer_gap, node_gap = w + MARGIN[0], h + MARGIN[1]
    else:
        layer_gap, node_gap = h + MARGIN[0], w + MARGIN[1]
    edge_list = list(edges)
    layer = assign_layers(nodes, edge_list)
    layer, edge_list, dummies = _split_long_edges(layer, edge_list)
    layers = order_layers(layer, edge_list)
    spans = [(0, len(layers))]
    if aspect is not None and len(layers) > 1:
        wanted = aspect if direction == "LR" else 1.0 / aspect
        sizes = [len(n) for n in layers]
        if stages:
            keys = [_stage_of(nodes_, stages) for nodes_ in layers]
            spans = stage_rows(sizes, keys, layer_gap, node_gap, wanted, max_along=max_width)
        else:
            per_row = layers_per_row(sizes, layer_gap, node_gap, wanted, max_along=max_width)
            spans = [(i, min(i + per_row, len(layers))) for i in range(0, len(layers), per_row)]
    out: dict[str, Point] = {}
    row_start = 0.0
    for first, end in spans:
        row = layers[first:end]
        widest = max(len(nodes_) for nodes_ in row)
        for k, layer_nodes in enumerate(row):
            shift = (widest - len(layer_nodes)) * node_gap / 2.0
            for i, n in enumerate(layer_nodes):
                if n in dummies:
                    continue
                along, across = k * layer_gap, row_start + shift + i * node_gap
                x, y = (along, across) if direction == "LR" else (across, along)
                out[n] = (origin[0] + x, origin[1] + y)
        row_start += widest * node_gap + ROW_GAP
    return out


def layers_per_row(
    sizes: list[int],
    layer_gap: float,
    node_gap: float,
    aspect: float,
    *,
    max_along: float | None = None,
) -> int:
    """How many consecutive layers go in one row so that the wrapped drawing's width / height
    comes closest to ``aspect``; ``sizes`` are the nodes per layer. With ``max_along``, rows
    are no longer than that (the canvas's width at a readable zoom) when they can be."""
    best, best_error = len(sizes), math.inf
    for per_row in range(len(sizes), 0, -1):
        rows = [sizes[i : i + per_row] for i in range(0, len(sizes), per_row)]
        width = min(per_row, len(sizes)) * layer_gap
        if max_along is not None and width - layer_gap / 2 > max_along and per_row > 1:
            continue
        height = sum(max(r) * node_gap for r in rows) + (len(rows) - 1) * ROW_GAP
        error = abs(math.log(width / height / aspect))
        if error < best_error - 1e-9:
            best, best_error = per_row, error
    return best


def _stage_of(nodes: list[str], stages: Mapping[str, str]) -> str | None:
    """The stage of a layer: that of its nodes when they agree (placeholders aside)."""
    keys = {stages.get(n) for n in nodes if not n.startswith("\0")}
    return keys.pop() if len(keys) == 1 else None


def stage_rows(
    sizes: list[int],
    keys: list[str | None],
    layer_gap: float,
    node_gap: float,
    aspect: float,
    *,
    max_along: float | None = None,
) -> list[tuple[int, int]]:
    """Rows (first layer, end) where each run of layers with one key starts a row, and runs
    longer than the row length wrap; the row length is chosen as ``layers_per_row`` does."""
    runs: list[tuple[int, int]] = []
    for i, key in enumerate(keys):
        if runs and keys[runs[-1][0]] == key:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    best: list[tuple[int, int]] = runs
    best_error = math.inf
    for per_row in range(max(e - s for s, e in runs), 0, -1):
        rows = [(i, min(i + per_row, e)) for s, e in runs for i in range(s, e, per_row)]
        along = max(e - s for s, e in rows) * layer_gap
        if max_along is not None and along - layer_gap / 2 > max_along and per_row > 1:
            continue
        across = sum(max(sizes[s:e]) * node_gap for s, e in rows) + (len(rows) - 1) * ROW_GAP
        error = abs(math.log(along / across / aspect))
        if error < best_error - 1e-9:
            best, best_error = rows, error
    return best


def _split_long_edges(
    layer: dict[str, int], edges: list[tuple[str, str]]
) -> tuple[dict[str, int], list[tuple[str, str]], set[str]]:
    """Replace each edge that skips layers by a chain through placeholder nodes, one per
    skipped layer. The placeholders take a slot in those layers, so the nodes in between
    make room and a skip connection stays visible instead of running behind them."""
    layer = dict(layer)
    out: list[tuple[str, str]] = []
    dummies: set[str] = set()
    for i, (src, dst) in enumerate(edges):
        if src not in layer or dst not in layer or layer[dst] - layer[src] <= 1:
            out.append((src, dst))
            continue
        prev = src
        for k in range(layer[src] + 1, layer[dst]):
            dummy = f"\0skip{i}:{k}"  # cannot clash with a node id
            layer[dummy] = k
            dummies.add(dummy)
            out.append((prev, dummy))
            prev = dummy
        out.append((prev, dst))
    return layer, out, dummies


def arrange_graph(
    graph: Graph,
    direction: str = "LR",
    *,
    node_size: Point = NODE_SIZE,
    origin: Point | None = None,
    aspect: float | None = None,
    max_width: float | None = None,
    stages: Mapping[str, str] | None = None,
) -> dict[str, Point]:
    """``layered_layout`` of a whole graph, starting at its current top-left corner by default."""
    if origin is None:
        xs = [n.pos[0] for n in graph] or [0.0]
        ys = [n.pos[1] for n in graph] or [0.0]
        origin = (min(xs), min(ys))
    edges = [(e.src, e.dst) for e in sorted(graph.edges, key=lambda e: (e.dst, e.dst_port))]
    return layered_layout(
        list(graph.nodes),
        edges,
        direction,
        node_size=node_size,
        origin=origin,
        aspect=aspect,
        max_width=max_width,
        stages=stages,
    )
