"""Format versions and the small functions that carry a file forward one version at a time.

Each migration is registered with ``@migration(from_version, to_version)`` and receives the
whole document (a plain dict, already copied) and returns it in the next layout. They run in
order until the document reaches ``FORMAT_VERSION``. Migrations must be defensive: input is not
validated yet (that happens on the result), so they only rewrite what has the expected shape
and leave anything else for the validator to report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

FORMAT_NAME = "netbuilder-project"
FORMAT_VERSION = "1.1"

Migration = Callable[[dict[str, Any]], dict[str, Any]]
_MIGRATIONS: dict[str, tuple[str, Migration]] = {}
_VERSION_RE = re.compile(r"^(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})$")


def parse_version(text: Any) -> tuple[int, int] | None:
    """``"1.0"`` -> ``(1, 0)``; None for anything that is not MAJOR.MINOR."""
    if not isinstance(text, str):
        return None
    m = _VERSION_RE.match(text)
    return (int(m.group(1)), int(m.group(2))) if m else None


def migration(from_version: str, to_version: str) -> Callable[[Migration], Migration]:
    """Register ``fn`` as the step from ``from_version`` to ``to_version``."""
    old, new = parse_version(from_version), parse_version(to_version)
    if old is None or new is None or new <= old:
        raise ValueError(f"bad migration step {from_version} -> {to_version}")

    def register(fn: Migration) -> Migration:
        if from_version in _MIGRATIONS:
            raise ValueError(f"two migrations from {from_version}")
        _MIGRATIONS[from_version] = (to_version, fn)
        return fn

    return register


def known_versions() -> list[str]:
    """Every version a file may carry and still load, oldest first."""
    return sorted({*_MIGRATIONS, FORMAT_VERSION}, key=lambda v: parse_version(v) or (0, 0))


def migrate(data: dict[str, Any], version: str) -> tuple[dict[str, Any], list[str]]:
    """Run the registered steps from ``version`` up to ``FORMAT_VERSION``.

    Returns the migrated document and the versions passed through. Raises KeyError when no
    path exists (the caller words the message).
    """
    steps: list[str] = []
    while version != FORMAT_VERSION:
        if version not in _MIGRATIONS:
            raise KeyError(version)
        steps.append(version)
        version, fn = _MIGRATIONS[version]
        data = fn(data)
        data["format_version"] = version
    return data, steps


# --- the steps --------------------------------------------------------------------------------


@migration("0.9", "1.0")
def _from_0_9(data: dict[str, Any]) -> dict[str, Any]:
    """The 0.9 preview layout to 1.0.

    0.9 wrote ``graph.links`` as ``{"from", "to", "input"}``, node positions as ``x``/``y`` and
    names as ``label``, kept training settings under ``settings`` and the dataset under
    ``data``, and had no ``notes`` or ``view``.
    """
    graph = data.get("graph")
    if isinstance(graph, dict):
        nodes = graph.get("nodes")
        if isinstance(nodes, list):
            graph["nodes"] = [_node_0_9(n) for n in nodes]
        if "links" in graph and "edges" not in graph:
            links = graph.pop("links")
            graph["edges"] = [_link_0_9(e) for e in links] if isinstance(links, list) else links
    for old, new in (("settings", "training"), ("data", "dataset")):
        if old in data and new not in data:
            data[new] = data.pop(old)
    data.setdefault("notes", "")
    data.setdefault("view", {})
    return data


def _node_0_9(node: Any) -> Any:
    if not isinstance(node, dict):
        return node
    out = {k: v for k, v in node.items() if k not in ("x", "y", "label")}
    if "label" in node and "name" not in node:
        out["name"] = node["label"]
    if "x" in node or "y" in node:
        out["pos"] = [node.get("x", 0.0), node.get("y", 0.0)]
    return out


def _link_0_9(link: Any) -> Any:
    if not isinstance(link, dict):
        return link
    renames = {"from": "src", "to": "dst", "input": "port"}
    return {renames.get(k, k): v for k, v in link.items()}


@migration("1.0", "1.1")
def _from_1_0(data: dict[str, Any]) -> dict[str, Any]:
    """1.1 adds ``blocks``: the project's block definitions (none in a 1.0 file)."""
    data.setdefault("blocks", [])
    return data
