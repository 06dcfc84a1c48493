"""Structural checks of a current-format document before anything is built from it.

Every field's type is checked here and a failure names its JSON path
(``graph.nodes[3].pos[1]``), so the builder only sees well-typed data. Parameter values and
training settings are checked by the model itself (the catalogue and ``TrainingSettings``), which
owns those rules; this module only makes sure they arrive as the right JSON shapes.
"""

from __future__ import annotations

import math
from typing import Any

from netbuilder.model.i18n import QT_TRANSLATE_NOOP, Text, translate

TOP_KEYS = (
    "format",
    "format_version",
    "app_version",
    "name",
    "notes",
    "graph",
    "dataset",
    "training",
    "view",
    "blocks",
)
BLOCK_KEYS = ("name", "doc", "params", "graph")
BLOCK_PARAM_KEYS = ("name", "targets", "help")
MAX_BLOCKS = 500
NODE_KEYS = ("id", "type", "name", "params", "pos")
EDGE_KEYS = ("src", "dst", "port")
MAX_NODES = 5_000
MAX_EDGES = 20_000
MAX_PORT = 1_023
MAX_COORD = 1e7  # canvas coordinates; beyond this a position is surely damaged


class Invalid(Exception):
    """A structural problem at ``field`` (JSON path); ``where`` is the place shown to users."""

    def __init__(
        self, field: str, message: str, *, node: str | None = None, where: str | None = None
    ) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.node = node
        self.where = where or field


def describe(value: Any) -> str:
    """A short rendering of a bad value for messages."""
    if isinstance(value, dict):
        return Text("ProjectFile", QT_TRANSLATE_NOOP("ProjectFile", "an object"))
    if isinstance(value, list):
        return Text("ProjectFile", QT_TRANSLATE_NOOP("ProjectFile", "a list"))
    if value is None:
        return "null"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def check_document(data: dict[str, Any], warnings: list[str]) -> None:
    """Raise Invalid for the first mistyped field; warn about (and keep) unknown keys."""
    _unknown_keys(data, TOP_KEYS, "", warnings)
    for key in ("app_version", "name", "notes"):
        if key in data and not isinstance(data[key], str):
            raise Invalid(
                key,
                translate("ProjectFile", "expected text, got {value}").format(
                    value=describe(data[key])
                ),
            )
    if "view" in data and not isinstance(data["view"], dict):
        raise Invalid(
            "view",
            translate("ProjectFile", "expected an object, got {value}").format(
                value=describe(data["view"])
            ),
        )
    for key in ("dataset", "training"):
        value = data.get(key)
        if value is not None and not isinstance(value, dict):
            raise Invalid(
                key,
                translate("ProjectFile", "expected an object or null, got {value}").format(
                    value=describe(value)
                ),
            )
        for name, item in (value or {}).items():
            if _too_big(item):
                raise Invalid(
                    f"{key}.{name}", translate("ProjectFile", "a number is far too large")
                )
    if "graph" not in data:
        raise Invalid(
            "graph", translate("ProjectFile", "missing: a project needs a graph (it may be empty)")
        )
    _check_graph(data["graph"], "graph", warnings)
    check_blocks(data.get("blocks", []), warnings)


def _check_graph(graph: Any, base: str, warnings: list[str]) -> None:
    if not isinstance(graph, dict):
        raise Invalid(
            base,
            translate("ProjectFile", "expected an object, got {value}").format(
                value=describe(graph)
            ),
        )
    _unknown_keys(graph, ("nodes", "edges"), base, warnings)
    nodes = graph.get("nodes", [])
    edges = graph.get("edges", [])
    for key, value, cap in (("nodes", nodes, MAX_NODES), ("edges", edges, MAX_EDGES)):
        if not isinstance(value, list):
            raise Invalid(
                f"{base}.{key}",
                translate("ProjectFile", "expected a list, got {value}").format(
                    value=describe(value)
                ),
            )
        if len(value) > cap:
            raise Invalid(
                f"{base}.{key}",
                translate("ProjectFile", "{count} entries; at most {most} are supported").format(
                    count=len(value), most=cap
                ),
            )
    for i, node in enumerate(nodes):
        _check_node(i, node, warnings, base)
    for i, edge in enumerate(edges):
        _check_edge(i, edge, warnings, base)


def check_blocks(blocks: Any, warnings: list[str]) -> None:
    """``blocks``: a list of definitions, each a name, arguments and a body graph (project
    files and block library files alike); raises Invalid naming the field."""
    if not isinstance(blocks, list):
        raise Invalid(
            "blocks",
            translate("ProjectFile", "expected a list, got {value}").format(value=describe(blocks)),
        )
    if len(blocks) > MAX_BLOCKS:
        raise Invalid(
            "blocks",
            translate("ProjectFile", "{count} blocks; at most {most} are supported").format(
                count=len(blocks), most=MAX_BLOCKS
            ),
        )
    for i, entry in enumerate(blocks):
        base = f"blocks[{i}]"
        if not isinstance(entry, dict):
            raise Invalid(
                base,
                translate("ProjectFile", "expected an object, got {value}").format(
                    value=describe(entry)
                ),
            )
        name = entry.get("name")
        if not isinstance(name, str):
            raise Invalid(
                f"{base}.name",
                translate("ProjectFile", "expected a block name, got {value}").format(
                    value=describe(name)
                ),
            )
        where = f"{base} ({name})"
        if "doc" in entry and not isinstance(entry["doc"], str):
            raise Invalid(
                f"{base}.doc",
                translate("ProjectFile", "expected text, got {value}").format(
                    value=describe(entry["doc"])
                ),
                where=where,
            )
        params = entry.get("params", [])
        if not isinstance(params, list):
            raise Invalid(
                f"{base}.params",
                translate("ProjectFile", "expected a list, got {value}").format(
                    value=describe(params)
                ),
                where=where,
            )
        for j, param in enumerate(params):
            _check_block_param(param, f"{base}.params[{j}]", warnings)
        if "graph" not in entry:
            raise Invalid(
                f"{base}.graph",
                translate("ProjectFile", "missing: a block needs its layers"),
                where=where,
            )
        _check_graph(entry["graph"], f"{base}.graph", warnings)
        _unknown_keys(entry, BLOCK_KEYS, where, warnings)


def _check_block_param(param: Any, base: str, warnings: list[str]) -> None:
    if not isinstance(param, dict):
        raise Invalid(
            base,
            translate("ProjectFile", "expected an object, got {value}").format(
                value=describe(param)
            ),
        )
    if not isinstance(param.get("name"), str):
        raise Invalid(
            f"{base}.name",
            translate("ProjectFile", "expected a name, got {value}").format(
                value=describe(param.get("name"))
            ),
        )
    targets = param.get("targets")
    if not isinstance(targets, list) or not targets:
        raise Invalid(
            f"{base}.targets",
            translate("ProjectFile", "expected a list of [layer id, parameter name] pairs"),
        )
    for k, target in enumerate(targets):
        if (
            not isinstance(target, list)
            or len(target) != 2
            or not all(isinstance(t, str) for t in target)
        ):
            raise Invalid(
                f"{base}.targets[{k}]",
                translate("ProjectFile", "expected [layer id, parameter name], got {value}").format(
                    value=describe(target)
                ),
            )
    if "help" in param and not isinstance(param["help"], str):
        raise Invalid(
            f"{base}.help",
            translate("ProjectFile", "expected text, got {value}").format(
                value=describe(param["help"])
            ),
        )
    _unknown_keys(param, BLOCK_PARAM_KEYS, base, warnings)


def node_place(i: int, node_id: Any, graph: str = "graph") -> str:
    base = f"{graph}.nodes[{i}]"
    return f"{base} ({node_id})" if isinstance(node_id, str) else base


def _check_node(i: int, node: Any, warnings: list[str], graph: str = "graph") -> None:
    base = f"{graph}.nodes[{i}]"
    if not isinstance(node, dict):
        raise Invalid(
            base,
            translate("ProjectFile", "expected an object, got {value}").format(
                value=describe(node)
            ),
        )
    node_id = node.get("id")
    where = node_place(i, node_id, graph)

    def bad(key: str, message: str) -> Invalid:
        return Invalid(
            f"{base}.{key}",
            translate("ProjectFile", "{key}: {message}").format(key=key, message=message),
            node=node_id if isinstance(node_id, str) else None,
            where=where,
        )

    for key in ("id", "type"):
        if key not in node:
            raise bad(key, translate("ProjectFile", "missing"))
        if not isinstance(node[key], str):
            raise bad(
                key,
                translate("ProjectFile", "expected text, got {value}").format(
                    value=describe(node[key])
                ),
            )
    if "name" in node and not isinstance(node["name"], str):
        raise bad(
            "name",
            translate("ProjectFile", "expected text, got {value}").format(
                value=describe(node["name"])
            ),
        )
    if "params" in node and not isinstance(node["params"], dict):
        raise bad(
            "params",
            translate("ProjectFile", "expected an object, got {value}").format(
                value=describe(node["params"])
            ),
        )
    for name, value in node.get("params", {}).items():
        if _too_big(value):
            raise bad(f"params.{name}", translate("ProjectFile", "a number is far too large"))
    if "pos" in node:
        pos = node["pos"]
        if not isinstance(pos, list) or len(pos) != 2:
            raise bad(
                "pos",
                translate("ProjectFile", "expected [x, y], got {value}").format(
                    value=describe(pos)
                ),
            )
        for value in pos:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise bad(
                    "pos",
                    translate("ProjectFile", "expected two numbers, got {value}").format(
                        value=describe(value)
                    ),
                )
            if not abs(value) <= MAX_COORD or (
                isinstance(value, float) and not math.isfinite(value)
            ):
                raise bad(
                    "pos",
                    translate(
                        "ProjectFile", "coordinate {value} is out of range (+-{most})"
                    ).format(value=describe(value), most=f"{MAX_COORD:g}"),
                )
    _unknown_keys(node, NODE_KEYS, where, warnings)


def edge_place(i: int, edge: dict[str, Any], graph: str = "graph") -> str:
    return f"{graph}.edges[{i}] ({edge['src']} -> {edge['dst']}:{edge.get('port', 0)})"


def _check_edge(i: int, edge: Any, warnings: list[str], graph: str = "graph") -> None:
    base = f"{graph}.edges[{i}]"
    if not isinstance(edge, dict):
        raise Invalid(
            base,
            translate("ProjectFile", "expected an object, got {value}").format(
                value=describe(edge)
            ),
        )
    for key in ("src", "dst"):
        if key not in edge:
            raise Invalid(
                f"{base}.{key}",
                translate("ProjectFile", "missing {key}").format(key=repr(key)),
            )
        if not isinstance(edge[key], str):
            raise Invalid(
                f"{base}.{key}",
                translate("ProjectFile", "expected a node id, got {value}").format(
                    value=describe(edge[key])
                ),
            )
    port = edge.get("port", 0)
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= MAX_PORT:
        raise Invalid(
            f"{base}.port",
            translate(
                "ProjectFile", "expected an input number from 0 to {most}, got {value}"
            ).format(most=MAX_PORT, value=describe(port)),
            node=edge["dst"],
        )
    _unknown_keys(edge, EDGE_KEYS, edge_place(i, edge, graph), warnings)


def _too_big(value: Any) -> bool:
    """Integers no float can hold; the model's checks would fail on them with OverflowError."""
    if isinstance(value, list):
        return any(_too_big(v) for v in value)
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**63


def _unknown_keys(
    obj: dict[str, Any], known: tuple[str, ...], where: str, warnings: list[str]
) -> None:
    for key in obj:
        if key not in known:
            place = f"{where}.{key}" if where else key
            warnings.append(
                translate(
                    "ProjectFile", "{place}: unknown field ignored (written by another version?)"
                ).format(place=place)
            )
