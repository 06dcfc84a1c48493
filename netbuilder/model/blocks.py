"""Blocks: a named sub-network drawn once and used many times.

A block *definition* (``BlockDef``) is a graph of its own (its *body*) whose inputs are
``BlockInput`` nodes (``index`` 0, 1, ... are the block's input ports in order) and whose result
is the one ``BlockOutput`` node. A *use* is a node of type ``Block`` in another graph, with
params ``{"block": <definition name>, <argument>: value, ...}``. Arguments are the definition's
``BlockParam``s: each binds one or more fields of body nodes (``conv1.out_channels`` and
``bn1``'s ...) to one value that every use sets for itself, so one ``BasicBlock`` serves 64 and
512 channels alike. Sizes that follow from the incoming tensor (``in_channels``) are never
arguments: each use infers them from its own inputs, like any layer.

Every graph of a project shares one ``Blocks`` library (``Graph.blocks``): the top-level graph,
and each definition's body (blocks may use other blocks, never themselves). Editing a
definition's body changes every use; ``Blocks.events.changed`` says which definition changed so
that views and checks of the graphs using it follow.

This module is pure data and rules (no Qt, no torch). Shapes, modules and code for blocks are the
engine's.
"""

from __future__ import annotations

import dataclasses
import keyword
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from netbuilder.model.errors import GraphError
from netbuilder.model.events import Event
from netbuilder.model.i18n import QT_TRANSLATE_NOOP, Text, translate
from netbuilder.model.layer_spec import VARIADIC, LayerSpec, ParamSpec

if TYPE_CHECKING:
    from netbuilder.model.graph import Graph

BLOCK = "Block"
BLOCK_INPUT = "BlockInput"
BLOCK_OUTPUT = "BlockOutput"
#: Block port node types: they exist only inside a definition's body.
PORT_TYPES = frozenset({BLOCK_INPUT, BLOCK_OUTPUT})
#: Node types that are not catalogue layers but that graphs hold.
STRUCTURAL_TYPES = frozenset({BLOCK, BLOCK_INPUT, BLOCK_OUTPUT})
#: Layer types a block body cannot hold (a block's data comes through its ports).
NOT_IN_BODY = frozenset({"Input", "Output"})

MAX_BLOCKS = 500
_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")

PORT_SPECS: dict[str, LayerSpec] = {
    BLOCK_INPUT: LayerSpec(
        BLOCK_INPUT,
        QT_TRANSLATE_NOOP("Catalogue", "Block input"),
        QT_TRANSLATE_NOOP("Catalogue", "Block ports"),
        QT_TRANSLATE_NOOP(
            "Catalogue",
            "Where a block's input enters its body; index 0 is the block's first input port",
        ),
        inputs=0,
        params=(
            ParamSpec(
                "index",
                "int",
                0,
                QT_TRANSLATE_NOOP("Catalogue", "Which of the block's inputs this is (from 0)"),
                0,
                63,
            ),
        ),
    ),
    BLOCK_OUTPUT: LayerSpec(
        BLOCK_OUTPUT,
        QT_TRANSLATE_NOOP("Catalogue", "Block output"),
        QT_TRANSLATE_NOOP("Catalogue", "Block ports"),
        QT_TRANSLATE_NOOP(
            "Catalogue", "The block's result: what its use passes on to the next layers"
        ),
    ),
}

#: The spec of a ``Block`` node whose definition is not known: only its name can be read.
GENERIC_BLOCK_SPEC = LayerSpec(
    BLOCK,
    "Block",
    QT_TRANSLATE_NOOP("Catalogue", "Blocks"),
    QT_TRANSLATE_NOOP("Catalogue", "A use of a block defined in this project"),
    inputs=VARIADIC,
    params=(
        ParamSpec(
            "block",
            "text",
            "",
            QT_TRANSLATE_NOOP("Catalogue", "The block definition this node uses"),
            key=True,
        ),
    ),
)


#: What a block name must be, in the words of the messages that refuse one.
BLOCK_NAME_RULE = QT_TRANSLATE_NOOP(
    "Graph",
    "must start with a letter, hold only letters, digits and _ (64 at most), and not be a "
    "Python keyword or torch, nn, F (it becomes a class name in exported code)",
)


def block_name_rule() -> Text:
    """``BLOCK_NAME_RULE`` as a ``Text`` (shown translated in the window)."""
    return Text("Graph", BLOCK_NAME_RULE)


#: Names an exported module already uses for something else (its imports).
TAKEN_IN_EXPORT = frozenset({"torch", "nn", "F", "self", "safetensors"})


def is_valid_block_name(name: Any) -> bool:
    """Block names become class names in exported code: ``BasicBlock``, ``Inverted_residual``
    (not a Python keyword, not a name the exported module imports)."""
    return (
        isinstance(name, str)
        and bool(_NAME_RE.match(name))
        and not keyword.iskeyword(name)
        and name not in TAKEN_IN_EXPORT
    )


def is_valid_argument_name(name: Any) -> bool:
    """Block arguments become keyword arguments of the exported class's ``__init__``."""
    return (
        isinstance(name, str)
        and name.isidentifier()
        and not name.startswith("_")
        and len(name) <= 64
        and not keyword.iskeyword(name)
        and name not in TAKEN_IN_EXPORT
        and name != "block"
    )


class BlockError(GraphError):
    """A block definition or use breaks a rule; ``block`` names the definition."""

    def __init__(
        self,
        message: str,
        *,
        block: str | None = None,
        node: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message, node=node, field=field)
        self.block = block


@dataclass
class BlockParam:
    """One argument of a block: the body fields it sets, given as (node id, parameter name)."""

    name: str
    targets: tuple[tuple[str, str], ...]
    help: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "targets": [list(t) for t in self.targets]}
        if self.help:
            out["help"] = self.help
        return out


@dataclass
class BlockDef:
    """A block definition: its name, its body graph and the arguments each use sets."""

    name: str
    body: Graph
    params: list[BlockParam] = field(default_factory=list)
    doc: str = ""
    _edits: int = 0  # bumps when params or doc change (the body counts its own revisions)

    @property
    def revision(self) -> int:
        """Changes whenever anything a use depends on changes (for caches of shapes/modules)."""
        return self.body.revision * 1_000_003 + self._edits

    def touch(self) -> None:
        self._edits += 1

    # --- structure ------------------------------------------------------------------------

    def input_ids(self) -> list[str]:
        """The body's BlockInput node ids in port order (by ``index``)."""
        ports = [n for n in self.body if n.type == BLOCK_INPUT]
        ports.sort(key=lambda n: (int(n.params.get("index", 0)), self.body.index_of(n.id)))
        return [n.id for n in ports]

    def output_id(self) -> str | None:
        outs = [n.id for n in self.body if n.type == BLOCK_OUTPUT]
        return outs[0] if len(outs) == 1 else None

    @property
    def n_inputs(self) -> int:
        return sum(1 for n in self.body if n.type == BLOCK_INPUT)

    def problems(self) -> list[tuple[str | None, str]]:
        """What makes this definition unusable, as (body node id or None, message)."""
        out: list[tuple[str | None, str]] = []
        inputs = self.input_ids()
        outputs = [n.id for n in self.body if n.type == BLOCK_OUTPUT]
        if not inputs:
            out.append(
                (
                    None,
                    translate("Graph", "block {block} has no Block input; add one").format(
                        block=self.name
                    ),
                )
            )
        indexes = [int(self.body.nodes[i].params["index"]) for i in inputs]
        if sorted(indexes) != list(range(len(indexes))):
            out.append(
                (
                    inputs[0] if inputs else None,
                    translate(
                        "Graph",
                        "block {block}'s inputs must be numbered 0 to {last} once each; "
                        "they are {indexes}",
                    ).format(block=self.name, last=len(indexes) - 1, indexes=sorted(indexes)),
                )
            )
        if len(outputs) != 1:
            where = outputs[1] if len(outputs) > 1 else None
            count = len(outputs)
            message = translate(
                "Graph", "block {block} needs exactly one Block output, has {count}"
            ).format(block=self.name, count=count)
            out.append((where, message))
        for p in self.params:
            for node_id, name in p.targets:
                node = self.body.nodes.get(node_id)
                if node is None:
                    message = translate(
                        "Graph", "argument {arg} sets {node}.{param}; there is no {node}"
                    ).format(arg=p.name, node=node_id, param=name)
                    out.append((None, message))
        return out

    # --- uses -----------------------------------------------------------------------------

    def param_spec(self, param: BlockParam) -> ParamSpec:
        """The argument's kind, bounds and default from its first target (the body's value)."""
        node_id, name = param.targets[0]
        node = self.body.node(node_id)
        target = self.body.spec_of(node.type, node.params).param(name)
        return dataclasses.replace(
            target,
            name=param.name,
            default=node.params.get(name, target.default),
            help=param.help or target.help,
            key=True,
        )

    def spec(self) -> LayerSpec:
        """The LayerSpec of a use: the definition's inputs and arguments (palette, inspector)."""
        params = [dataclasses.replace(GENERIC_BLOCK_SPEC.params[0], default=self.name, key=False)]
        params += [self.param_spec(p) for p in self.params]
        n = self.n_inputs
        return LayerSpec(
            BLOCK,
            self.name,
            "Blocks",
            self.doc or f"Block {self.name}",
            inputs=max(n, 1),
            params=tuple(params),
        )

    def instantiate(self, args: dict[str, Any] | None = None) -> Graph:
        """A copy of the body with ``args`` (a use's params; "block" ignored) set on its fields."""
        body = self.body.copy()
        values = {k: v for k, v in (args or {}).items() if k != "block"}
        for p in self.params:
            if p.name not in values:
                continue
            for node_id, name in p.targets:
                body.set_params(node_id, {name: values[p.name]})
        return body

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        if self.doc:
            out["doc"] = self.doc
        out["params"] = [p.to_dict() for p in self.params]
        out["graph"] = self.body.to_dict()
        return out


class BlocksEvents:
    def __init__(self) -> None:
        self.added = Event("block_added")  # (definition)
        self.removed = Event("block_removed")  # (definition)
        self.changed = Event("block_changed")  # (name) body, params or doc changed


class Blocks:
    """The block definitions of one project, by name, in the order they were added."""

    def __init__(self) -> None:
        self._defs: dict[str, BlockDef] = {}
        self._watchers: dict[str, Callable[[], None]] = {}  # on each body's changed event
        self.events = BlocksEvents()

    def __contains__(self, name: object) -> bool:
        return name in self._defs

    def __iter__(self) -> Iterator[BlockDef]:
        return iter(self._defs.values())

    def __len__(self) -> int:
        return len(self._defs)

    def names(self) -> list[str]:
        return list(self._defs)

    def get(self, name: str) -> BlockDef | None:
        return self._defs.get(name)

    def __getitem__(self, name: str) -> BlockDef:
        try:
            return self._defs[name]
        except KeyError:
            raise BlockError(
                translate("Graph", "No block named {block} in this project").format(
                    block=repr(name)
                ),
                block=name,
            ) from None

    def new_name(self, base: str) -> str:
        """``base`` made a valid, unused block name (``BasicBlock``, ``BasicBlock_2``, ...)."""
        base = re.sub(r"[^A-Za-z0-9_]", "_", base).strip("_") or "Block"
        if not base[0].isalpha():
            base = "Block_" + base
        base = base[:56]
        if base not in self._defs:
            return base
        n = 2
        while f"{base}_{n}" in self._defs:
            n += 1
        return f"{base}_{n}"

    def add(self, definition: BlockDef) -> BlockDef:
        if not is_valid_block_name(definition.name):
            raise BlockError(
                translate("Graph", "Block name {block} {rule}").format(
                    block=repr(definition.name), rule=block_name_rule()
                ),
                block=definition.name,
                field="name",
            )
        if definition.name in self._defs:
            raise BlockError(
                translate("Graph", "A block named {block} already exists").format(
                    block=repr(definition.name)
                ),
                block=definition.name,
            )
        if len(self._defs) >= MAX_BLOCKS:
            raise BlockError(
                translate("Graph", "at most {count} blocks per project").format(count=MAX_BLOCKS),
                block=definition.name,
            )
        definition.body.blocks = self
        definition.body.is_body = True
        definition.body.owner = definition.name
        self._defs[definition.name] = definition
        self._watch(definition)
        if self.uses_recursively(definition.name, definition.name):
            del self._defs[definition.name]
            definition.body.events.changed.disconnect(self._watchers.pop(definition.name))
            raise BlockError(
                translate("Graph", "Block {block} would contain itself").format(
                    block=definition.name
                ),
                block=definition.name,
            )
        self.events.added.emit(definition)
        return definition

    def remove(self, name: str) -> BlockDef:
        definition = self[name]
        del self._defs[name]
        definition.body.events.changed.disconnect(self._watchers.pop(name))
        self.events.removed.emit(definition)
        return definition

    def _watch(self, definition: BlockDef) -> None:
        name = definition.name

        def changed() -> None:
            if self._defs.get(name) is definition:
                self.events.changed.emit(name)

        definition.body.events.changed.connect(changed)
        self._watchers[name] = changed

    def touch(self, name: str) -> None:
        """Say that ``name``'s params or doc changed (its body says so by itself)."""
        self[name].touch()
        self.events.changed.emit(name)

    def used_by(self, name: str) -> list[str]:
        """Definitions whose bodies use ``name`` directly."""
        return [
            d.name
            for d in self
            if any(n.params.get("block") == name for n in d.body.nodes_of_type(BLOCK))
        ]

    def uses_recursively(self, outer: str, inner: str) -> bool:
        """True when ``outer``'s body uses ``inner`` at any depth."""
        seen: set[str] = set()
        stack = [outer]
        while stack:
            d = self._defs.get(stack.pop())
            if d is None:
                continue
            for n in d.body.nodes_of_type(BLOCK):
                used = n.params.get("block")
                if used == inner:
                    return True
                if isinstance(used, str) and used not in seen:
                    seen.add(used)
                    stack.append(used)
        return False

    def depends_on(self, names: Iterable[str]) -> list[str]:
        """``names`` and every definition they use, innermost first (for saving, export)."""
        order: list[str] = []

        def visit(name: str, path: tuple[str, ...]) -> None:
            if name in order or name in path or name not in self._defs:
                return
            for n in self._defs[name].body.nodes_of_type(BLOCK):
                used = n.params.get("block")
                if isinstance(used, str):
                    visit(used, (*path, name))
            order.append(name)

        for name in names:
            visit(name, ())
        return order

    def to_list(self) -> list[dict[str, Any]]:
        """Definitions innermost first, so a reader can build each after those it uses."""
        return [self._defs[n].to_dict() for n in self.depends_on(self._defs)]

    def copy_into(self, other: Blocks) -> None:
        """Add a copy of every definition here to ``other`` (names must be free there)."""
        from netbuilder.model.block_loading import load_blocks

        load_blocks(self.to_list(), other)
