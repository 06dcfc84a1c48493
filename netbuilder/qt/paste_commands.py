"""A pasted selection as undo commands: its nodes with fresh ids, shifted, and its edges."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from netbuilder.model import Edge, Graph, GraphError
from netbuilder.model.i18n import translate
from netbuilder.model.placement import snap
from netbuilder.qt.commands import AddNodeCommand, ConnectCommand, GraphCommand

Point = tuple[float, float]


def paste_commands(
    graph: Graph, data: Mapping[str, Any], offset: Point
) -> tuple[list[GraphCommand], dict[str, str]]:
    """The commands that add ``data`` (``Graph.copy_subgraph``'s form) to ``graph``, and the
    new id of each copied node; GraphError when ``data`` is not such a selection."""
    try:
        nodes, edges = list(data["nodes"]), list(data.get("edges", []))
        mapping: dict[str, str] = {}
        cmds: list[GraphCommand] = []
        for entry in nodes:
            new_id = _fresh_id(graph, entry["type"], set(mapping.values()))
            mapping[entry["id"]] = new_id
            x, y = entry.get("pos", (0.0, 0.0))
            pos = snap((float(x) + offset[0], float(y) + offset[1]))
            cmds.append(
                AddNodeCommand(
                    graph,
                    entry["type"],
                    entry.get("params", {}),
                    pos,
                    new_id,
                    name=entry.get("name", ""),
                    allow_unknown=True,
                )
            )
        for e in edges:
            edge = Edge(mapping[e["src"]], mapping[e["dst"]], int(e.get("port", 0)))
            cmds.append(ConnectCommand(graph, edge))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise GraphError(
            translate(
                "PasteCommands", "The pasted data is not a netbuilder selection ({reason})"
            ).format(reason=repr(exc))
        ) from exc
    return cmds, mapping


def _fresh_id(graph: Graph, layer_type: str, taken: set[str]) -> str:
    """Like ``graph.new_id`` but also avoiding ids handed out earlier in the same paste."""
    first = graph.new_id(layer_type)
    base = re.sub(r"_\d+$", "", first)
    n = int(first.rsplit("_", 1)[1])
    while f"{base}_{n}" in graph or f"{base}_{n}" in taken:
        n += 1
    return f"{base}_{n}"
