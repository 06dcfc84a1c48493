"""The source model's module hierarchy, folded bottom-up into block instances.

Each instance of a user module class (not a plain container such as ``nn.Sequential``, not a
``torch.nn`` layer; a class of one's own derived from ``nn.Sequential`` counts) that holds two
or more layers becomes one ``Folded`` instance: the nodes under its module path, with block
ports where tensors enter and leave. Deeper modules fold first, so a stage built of blocks
holds their uses. A module whose nodes cannot be one block (two tensors leave it, or a path
leaves it and comes back) stays flat: folding never changes what the network computes.

Ids follow the hierarchy: the use of ``layer1.0`` is ``layer1_0``, and inside its body the
layers keep their child names (``conv1``, ``downsample_0``, ``add``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from torch import nn

from netbuilder.engine.importing.tracing import ImportedNode
from netbuilder.model.blocks import BLOCK
from netbuilder.model.graph import is_valid_node_id

CONTAINERS = (nn.Sequential, nn.ModuleList, nn.ModuleDict)
INPUT_PORT = "x"
OUTPUT_PORT = "out"


@dataclass
class Item:
    """A node at one level: a layer, or (``child``) the use of a folded module."""

    node_id: str
    type: str
    params: dict[str, Any]
    inputs: list[str]
    owner: str
    source: str = ""
    child: Folded | None = None

    @property
    def layers(self) -> int:
        return self.child.layers if self.child is not None else 1


@dataclass
class Folded:
    """One instance of a module folded into a block: its body and its place in the source."""

    path: str
    cls: type
    items: list[Item]  # body layers and uses, ids relative to ``path``
    ports: list[str]  # BlockInput ids in port order
    output: str  # the body node whose result the block gives
    out_port: str  # the BlockOutput's id
    order: int  # folding order: children fold before their parents
    definition: str = ""  # set when definitions are made
    args: dict[str, Any] = field(default_factory=dict)

    @property
    def layers(self) -> int:
        return sum(i.layers for i in self.items)

    def key(self) -> tuple[Any, ...]:
        """What must be equal for two instances to share a definition (values aside)."""
        return (
            self.cls,
            tuple(self.ports),
            self.output,
            self.out_port,
            tuple(
                (i.node_id, i.type, tuple(i.inputs), i.child.key() if i.child else None)
                for i in self.items
            ),
        )


def fold_modules(nodes: list[ImportedNode], model: nn.Module) -> tuple[list[Item], list[Folded]]:
    """The top-level items of ``nodes`` with every foldable module folded, and the folded
    instances in folding order (children first)."""
    items = [
        Item(n.node_id, n.type, dict(n.params), list(n.inputs), n.owner, n.source) for n in nodes
    ]
    folded: list[Folded] = []
    for path in _candidates(items, model):
        members = [i for i in items if i.owner == path or i.owner.startswith(path + ".")]
        if sum(i.layers for i in members) < 2:
            continue
        done = _fold(items, members, path, type(model.get_submodule(path)), len(folded))
        if done is not None:
            items, instance = done
            folded.append(instance)
    return items, folded


def _candidates(items: list[Item], model: nn.Module) -> list[str]:
    """Module paths that may fold, deepest first (then in the order the model runs them)."""
    seen: dict[str, None] = {}
    for item in items:
        parts = item.owner.split(".") if item.owner else []
        for k in range(1, len(parts) + 1):
            seen.setdefault(".".join(parts[:k]))
    out = []
    for path in seen:
        try:
            module = model.get_submodule(path)
        except AttributeError:
            continue
        cls = type(module)
        # a plain container only groups; a named subclass (ConvBNReLU(nn.Sequential)) is a block
        if cls in CONTAINERS or cls.__module__.startswith("torch."):
            continue
        out.append(path)
    index = {p: i for i, p in enumerate(out)}
    return sorted(out, key=lambda p: (-p.count("."), index[p]))


def _fold(
    items: list[Item], members: list[Item], path: str, cls: type, order: int
) -> tuple[list[Item], Folded] | None:
    inside = {i.node_id for i in members}
    if any(i.type in ("Input", "Output") for i in members):
        return None
    feeds_out = {src for i in items if i.node_id not in inside for src in i.inputs if src in inside}
    if len(feeds_out) != 1 or not _convex(items, inside):
        return None
    (output,) = feeds_out
    external = list(dict.fromkeys(s for i in members for s in i.inputs if s not in inside))
    if not external:
        return None
    prefix = path.replace(".", "_") + "_"
    rel: dict[str, str] = {}
    taken: set[str] = set()
    for i in members:
        rel[i.node_id] = _free(_relative(i.node_id, prefix), taken)
    ports = {src: _free(INPUT_PORT, taken) for src in external}
    body_out = _free(OUTPUT_PORT, taken)
    body = [
        Item(
            rel[i.node_id],
            i.type,
            i.params,
            [rel[s] if s in inside else ports[s] for s in i.inputs],
            i.owner,
            i.source,
            i.child,
        )
        for i in members
    ]
    instance = Folded(path, cls, body, list(ports.values()), rel[output], body_out, order)
    used = {i.node_id for i in items if i.node_id not in inside}
    use_id = _free(path.replace(".", "_"), used)
    parent = path.rpartition(".")[0]
    use = Item(use_id, BLOCK, {}, external, parent, child=instance)
    rest = [i for i in items if i.node_id not in inside]
    for i in rest:
        i.inputs = [use_id if s == output else s for s in i.inputs]
    first = items.index(members[0])
    before = sum(1 for i in items[:first] if i.node_id not in inside)
    return _topological([*rest[:before], use, *rest[before:]]), instance


def _relative(node_id: str, prefix: str) -> str:
    name = node_id.removeprefix(prefix)
    return name if is_valid_node_id(name) else f"layer_{name}"


def _free(base: str, taken: set[str]) -> str:
    name, n = base, 2
    while name in taken or not is_valid_node_id(name):
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name


def _convex(items: list[Item], inside: set[str]) -> bool:
    """No path leaves the set and comes back into it (folding would make a cycle)."""
    downstream: set[str] = set()  # outside nodes fed (at any depth) by the set
    for i in items:  # items are in topological order
        if i.node_id in inside:
            if any(s in downstream for s in i.inputs):
                return False
        elif any(s in inside or s in downstream for s in i.inputs):
            downstream.add(i.node_id)
    return True


def _topological(items: list[Item]) -> list[Item]:
    """``items`` in a stable topological order (the use takes the place of its first layer)."""
    by_id = {i.node_id: i for i in items}
    placed: set[str] = set()
    out: list[Item] = []
    pending = list(items)
    while pending:
        waiting = []
        for i in pending:
            if all(s in placed or s not in by_id for s in i.inputs):
                out.append(i)
                placed.add(i.node_id)
            else:
                waiting.append(i)
        if len(waiting) == len(pending):  # pragma: no cover - _convex rules this out
            raise ValueError("folding made a cycle")
        pending = waiting
    return out
