"""Which dataset input each Input node reads.

A one-input dataset feeds every Input node its only input (and the shape check allows one
Input). A dataset with several inputs (``DatasetInfo.inputs``) feeds each Input node the input
its ``data`` parameter names; the compiled network takes its inputs in ``input_ids`` order, so
the session reorders the dataset's arrays with ``order_inputs``. Torch-free.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from netbuilder.engine.data.info import DatasetInfo, InputInfo
from netbuilder.model import Graph
from netbuilder.model.i18n import translate

__all__ = ["input_sources", "order_inputs", "vocab_problem"]


def input_sources(
    graph: Graph, order: Sequence[str], info: DatasetInfo
) -> tuple[dict[str, InputInfo], dict[str, str]]:
    """(Input node -> the dataset input it reads, Input node -> why it reads none)."""
    found: dict[str, InputInfo] = {}
    errors: dict[str, str] = {}
    infos = info.input_infos
    names = ", ".join(i.name for i in infos)
    by_name = {i.name: i for i in infos}
    reader: dict[str, str] = {}  # dataset input -> first Input node reading it
    for nid in order:
        node = graph.nodes[nid]
        if node.type != "Input":
            continue
        data = str(node.params.get("data", "") or "")
        if not info.inputs:  # one input: an empty data, or its name
            if data and data not in by_name:
                errors[nid] = translate(
                    "Shapes",
                    "reads {data}, but {dataset} has one input ({names}); "
                    "clear its data to read it",
                ).format(data=repr(data), dataset=info.name, names=names)
            else:
                found[nid] = infos[0]
            continue
        item = by_name.get(data)
        if item is None:
            errors[nid] = (
                translate(
                    "Shapes", "reads none of the dataset's inputs ({names}): set its data"
                ).format(names=names)
                if not data
                else translate(
                    "Shapes",
                    "reads {data}, which is not one of the dataset's inputs ({names}): "
                    "set its data to one of them",
                ).format(data=repr(data), names=names)
            )
            continue
        if data in reader:
            errors[nid] = translate(
                "Shapes",
                "reads {data} like {node}; each dataset input feeds one Input node: "
                "connect that node's output instead, or set this one's data to another input",
            ).format(data=repr(data), node=reader[data])
            continue
        reader[data] = nid
        found[nid] = item
    return found, errors


def vocab_problem(
    graph: Graph,
    nid: str,
    ins: dict[str, list[tuple[int, str]]],
    sources: dict[str, InputInfo],
) -> tuple[str, int] | None:
    """(message, vocabulary size) when Embedding ``nid``, fed by an Input directly or through
    Identity, has fewer rows than that input has indices; None otherwise."""
    src = nid
    while True:
        edges = ins.get(src, [])
        if not edges:
            return None
        src = edges[0][1]
        kind = graph.nodes[src].type
        if kind == "Input":
            break
        if kind != "Identity":
            return None
    item = sources.get(src)
    rows = int(graph.nodes[nid].params.get("num_embeddings", 0))
    if item is None or item.vocab_size <= rows:
        return None
    message = translate(
        "Shapes",
        "Embedding has {rows} rows (num_embeddings) but {source} gives indices up to {last} "
        "(vocabulary of {size}); set num_embeddings to {size}",
    ).format(rows=rows, source=src, last=item.vocab_size - 1, size=item.vocab_size)
    return message, item.vocab_size


def order_inputs(xs: Any, info: DatasetInfo, datas: Sequence[str]) -> Any:
    """A dataset's x (an array, or a tuple in ``info.inputs`` order) as the network takes it:
    one array per Input node, whose ``data`` are ``datas`` (in ``input_ids`` order)."""
    if not info.inputs:
        return xs
    index = {item.name: i for i, item in enumerate(info.inputs)}
    return tuple(xs[index[d]] for d in datas)
