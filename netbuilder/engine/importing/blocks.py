"""Folded module instances -> block definitions, their uses and the project's graph.

Instances of one class with the same structure (body node types, edges and ports; values
aside) share one definition named after the class (``BasicBlock``). Body fields whose values
differ between those instances become the definition's arguments; fields that always take
equal values together are one argument (``conv1.out_channels`` and ``conv2.out_channels``:
``out_channels``). Instances of a class with another structure get a definition of their own,
named after what they have that the commonest one lacks (``BasicBlock_downsample``), or lack
(``InvertedResidual_no_add``), else numbered (``BasicBlock_2``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from torch import nn

from netbuilder.engine.importing.hierarchy import Folded, Item, fold_modules
from netbuilder.engine.importing.tracing import ImportedNode
from netbuilder.model.blocks import BLOCK_INPUT, BLOCK_OUTPUT, BlockDef, BlockParam, Blocks
from netbuilder.model.graph import Graph

#: (compiled module path, source module path) of each layer that takes weights.
WeightMap = list[tuple[str, str]]


def block_graph(
    nodes: list[ImportedNode], model: nn.Module
) -> tuple[Graph, WeightMap, dict[str, str]]:
    """The imported graph with each foldable module as a block use, where weights go, and the
    stage (first module path part: ``layer2``) of each top-level node inside one."""
    items, folded = fold_modules(nodes, model)
    blocks = Blocks()
    _define(folded, blocks)
    graph = Graph(blocks)
    _fill(graph, items)
    stages = {i.node_id: i.owner.split(".")[0] for i in items if i.owner}
    return graph, list(_weights(items, "")), stages


def flat_graph(nodes: list[ImportedNode]) -> tuple[Graph, WeightMap]:
    """One node per layer (``netbuilder import --flat``)."""
    graph = Graph()
    for n in nodes:
        graph.add_node(n.type, n.params, node_id=n.node_id)
    for n in nodes:
        for port, src in enumerate(n.inputs):
            graph.connect(src, n.node_id, port)
    return graph, [(n.node_id, n.source) for n in nodes if n.source]


def _define(folded: list[Folded], blocks: Blocks) -> None:
    groups: dict[tuple[Any, ...], list[Folded]] = {}
    for f in folded:
        groups.setdefault(f.key(), []).append(f)
    names = _names(list(groups.values()), blocks)
    # children fold before their parents, so the first instance's order makes a valid order
    for key in sorted(groups, key=lambda k: groups[k][0].order):
        instances = groups[key]
        name = names[key]
        body = Graph(blocks, body=True)
        _fill(body, instances[0].items, instances[0])
        params, values = _arguments(body, instances)
        blocks.add(BlockDef(name, body, params, doc=f"{instances[0].cls.__name__} (imported)"))
        for k, instance in enumerate(instances):
            instance.definition = name
            instance.args = {p.name: v[k] for p, v in zip(params, values, strict=True)}


def _names(groups: list[list[Folded]], blocks: Blocks) -> dict[tuple[Any, ...], str]:
    """Per structure: the class name for a class's commonest structure, else a name saying what
    differs from it."""
    by_class: dict[type, list[list[Folded]]] = {}
    for g in groups:
        by_class.setdefault(g[0].cls, []).append(g)
    taken: set[str] = set()
    out: dict[tuple[Any, ...], str] = {}
    for cls, variants in by_class.items():
        variants.sort(key=lambda g: (-len(g), g[0].order))
        main_ids = [i.node_id for i in variants[0][0].items]
        for k, g in enumerate(variants):
            base = cls.__name__
            ids = [i.node_id for i in g[0].items]
            extra = [i for i in ids if i not in main_ids]
            missing = [i for i in main_ids if i not in ids]  # in the main body's order
            if k and extra:
                base += "_" + _stem(extra[0])
            elif k and missing:
                base += "_no_" + _stem(missing[0])
            name = _new_name(base, taken | set(blocks.names()))
            taken.add(name)
            out[g[0].key()] = name
    return out


def _arguments(body: Graph, instances: list[Folded]) -> tuple[list[BlockParam], list[list[Any]]]:
    """The fields whose values differ between instances, merged when they always agree."""
    columns: dict[str, tuple[list[tuple[str, str]], list[Any]]] = {}
    for k, item in enumerate(instances[0].items):
        spec = body.node_spec(item.node_id)
        if spec is None:
            continue
        for p in spec.params:
            if p.name == "block":
                continue
            vector = [_params(inst.items[k]).get(p.name, p.default) for inst in instances]
            if all(_same(v, vector[0]) for v in vector):
                continue
            key = json.dumps([p.kind, str(p.choices), _plain(vector)])
            columns.setdefault(key, ([], vector))[0].append((item.node_id, p.name))
    firsts = [targets[0][1] for targets, _ in columns.values()]
    params: list[BlockParam] = []
    values: list[list[Any]] = []
    used = {"block"}
    for targets, vector in columns.values():
        node_id, name = targets[0]
        arg = name if firsts.count(name) == 1 else f"{node_id}_{name}"
        base, n = arg, 2
        while arg in used:
            arg, n = f"{base}_{n}", n + 1
        used.add(arg)
        params.append(BlockParam(arg, tuple(targets)))
        values.append(vector)
    return params, values


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def _plain(vector: list[Any]) -> list[Any]:
    return [[type(v).__name__, list(v) if isinstance(v, tuple | list) else v] for v in vector]


def _params(item: Item) -> dict[str, Any]:
    if item.child is not None:
        return {"block": item.child.definition, **item.child.args}
    return item.params


def _fill(graph: Graph, items: list[Item], instance: Folded | None = None) -> None:
    """Nodes and edges of ``items`` in ``graph`` (with ``instance``'s ports for a body)."""
    if instance is not None:
        for index, port_id in enumerate(instance.ports):
            graph.add_node(BLOCK_INPUT, {"index": index}, node_id=port_id)
    for item in items:
        graph.add_node(item.type, _params(item), node_id=item.node_id)
    for item in items:
        for port, src in enumerate(item.inputs):
            graph.connect(src, item.node_id, port)
    if instance is not None:
        graph.add_node(BLOCK_OUTPUT, node_id=instance.out_port)
        graph.connect(instance.output, instance.out_port)


def _weights(items: list[Item], prefix: str) -> Iterator[tuple[str, str]]:
    for item in items:
        path = f"{prefix}{item.node_id}"
        if item.child is not None:
            yield from _weights(item.child.items, path + ".")
        elif item.source:
            yield path, item.source


def _stem(node_id: str) -> str:
    """``downsample_0`` -> ``downsample``: what a variant's extra layer is called."""
    return node_id.rstrip("0123456789").rstrip("_") or node_id


def _new_name(base: str, taken: set[str]) -> str:
    scratch = Blocks()  # its new_name makes any text a valid block name
    name = scratch.new_name(base)
    stem, n = name, 2
    while name in taken:
        name, n = f"{stem}_{n}", n + 1
    return name
