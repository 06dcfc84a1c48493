"""The network as a graph of layer nodes. ``Graph`` is the only thing that changes it.

Every node has one output port and ``spec.inputs`` input ports (numbered from 0); merge layers
(Add, Concat, Multiply) are variadic: any port number, inputs taken in port order. An output may
feed any number of inputs; an input port takes at most one edge. Changes emit events that views
subscribe to; graph rules raise typed errors from ``errors``.
"""

from __future__ import annotations

import copy
import keyword
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from netbuilder.model.blocks import (
    BLOCK,
    NOT_IN_BODY,
    PORT_SPECS,
    PORT_TYPES,
    STRUCTURAL_TYPES,
    BlockError,
    Blocks,
)
from netbuilder.model.catalogue import CATALOGUE, LayerSpec, get_spec
from netbuilder.model.errors import (
    ArityError,
    CycleError,
    DuplicateEdgeError,
    DuplicateNodeError,
    GraphDataError,
    GraphError,
    NodeNotFoundError,
    ParamError,
    PortOccupiedError,
    UnknownLayerTypeError,
    message_of,
)
from netbuilder.model.events import Event
from netbuilder.model.i18n import Text, translate

_ID_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
# Node ids become submodule names and variable names in exported code: refuse the names an
# nn.Module attribute or an exported module's imports would clash with.
_RESERVED_IDS = frozenset(
    """T_destination add_module apply bfloat16 buffers call_super_init children compile cpu cuda
    double dump_patches eval extra_repr float forward get_buffer get_extra_state get_parameter
    get_submodule half ipu load_state_dict modules mtia named_buffers named_children named_modules
    named_parameters parameters register_backward_hook register_buffer register_forward_hook
    register_forward_pre_hook register_full_backward_hook register_full_backward_pre_hook
    register_load_state_dict_post_hook register_load_state_dict_pre_hook register_module
    register_parameter register_state_dict_post_hook register_state_dict_pre_hook requires_grad_
    set_extra_state set_submodule share_memory state_dict to to_empty train type xpu zero_grad
    training self torch nn F safetensors""".split()
    # the compiled network's own attributes (engine/network/compile.py GraphModule, BlockModule)
    + """input_ids input_data input_names output_ids node_types input_shapes input_dtypes
    output_shapes report layers layer_of_parameter block body args""".split()
)


def is_valid_node_id(node_id: str) -> bool:
    return (
        isinstance(node_id, str)
        and bool(_ID_RE.match(node_id))
        and not keyword.iskeyword(node_id)
        and node_id not in _RESERVED_IDS
        and not node_id.startswith("_")
    )


@dataclass
class Node:
    id: str
    type: str
    params: dict[str, Any] = field(default_factory=dict)
    pos: tuple[float, float] = (0.0, 0.0)
    name: str = ""  # display label; empty means "use the id"

    @property
    def known(self) -> bool:
        """False for a layer type this version does not know (kept from a file, marked)."""
        return self.type in CATALOGUE or self.type in STRUCTURAL_TYPES

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass(frozen=True)
class Edge:
    src: str
    dst: str
    dst_port: int = 0

    @property
    def key(self) -> tuple[str, int]:
        return (self.dst, self.dst_port)


class GraphEvents:
    """Observer hooks. Handlers receive the affected objects after the change is made."""

    def __init__(self) -> None:
        self.node_added = Event("node_added")  # (node)
        self.node_removed = Event("node_removed")  # (node)
        self.edge_added = Event("edge_added")  # (edge)
        self.edge_removed = Event("edge_removed")  # (edge)
        self.params_changed = Event("params_changed")  # (node, old_params)
        self.node_moved = Event("node_moved")  # (node, old_pos)
        self.node_renamed = Event("node_renamed")  # (node, old_name)
        self.changed = Event("changed")  # () after any structural or parameter change


class Graph:
    """A network, or the body of a block definition (``is_body``).

    ``blocks`` is the project's library of block definitions, shared by the top-level graph and
    every body; a ``Block`` node's inputs and params come from its definition there.
    """

    def __init__(self, blocks: Blocks | None = None, *, body: bool = False) -> None:
        self.blocks = blocks if blocks is not None else Blocks()
        self.is_body = body
        self.owner = ""  # the block definition this graph is the body of (set by Blocks.add)
        self._nodes: dict[str, Node] = {}
        self._in_edges: dict[tuple[str, int], Edge] = {}  # (dst, port) -> edge
        self._out: dict[str, list[Edge]] = {}
        self.events = GraphEvents()
        self.revision = 0  # bumps on every structural or parameter change

    # --- queries --------------------------------------------------------------------------

    @property
    def nodes(self) -> dict[str, Node]:
        return self._nodes

    @property
    def edges(self) -> list[Edge]:
        return list(self._in_edges.values())

    def node(self, node_id: str) -> Node:
        try:
            return self._nodes[node_id]
        except KeyError:
            raise NodeNotFoundError(
                translate("Graph", "No node {node}").format(node=repr(node_id)), node=node_id
            ) from None

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def __len__(self) -> int:
        return len(self._nodes)

    def __iter__(self) -> Iterator[Node]:
        return iter(self._nodes.values())

    def in_edges(self, node_id: str) -> list[Edge]:
        """Edges into ``node_id`` in port order."""
        edges = [e for (dst, _), e in self._in_edges.items() if dst == node_id]
        edges.sort(key=lambda e: e.dst_port)
        return edges

    def inputs_by_node(self) -> dict[str, list[tuple[int, str]]]:
        """Each fed node's (port, source) pairs in port order, for a whole-graph walk."""
        ins: dict[str, list[tuple[int, str]]] = {}
        for (dst, port), edge in self._in_edges.items():
            ins.setdefault(dst, []).append((port, edge.src))
        for pairs in ins.values():
            pairs.sort()
        return ins

    def out_edges(self, node_id: str) -> list[Edge]:
        return list(self._out.get(node_id, ()))

    def edge_into(self, node_id: str, port: int) -> Edge | None:
        return self._in_edges.get((node_id, port))

    def predecessors(self, node_id: str) -> list[str]:
        return [e.src for e in self.in_edges(node_id)]

    def successors(self, node_id: str) -> list[str]:
        return list(dict.fromkeys(e.dst for e in self._out.get(node_id, ())))

    def nodes_of_type(self, layer_type: str) -> list[Node]:
        return [n for n in self._nodes.values() if n.type == layer_type]

    def spec_of(self, layer_type: str, params: dict[str, Any] | None = None) -> LayerSpec:
        """The spec a node of ``layer_type`` with ``params`` follows: a catalogue layer, a block
        port, or (``Block``) its definition's inputs and arguments. Raises UnknownLayerTypeError
        or BlockError (a use of a block this project does not define)."""
        if layer_type == BLOCK:
            name = (params or {}).get("block")
            definition = self.blocks.get(name) if isinstance(name, str) else None
            if definition is None:
                raise BlockError(
                    translate("Graph", "No block named {block} in this project").format(
                        block=repr(name)
                    ),
                    block=str(name),
                    field="block",
                )
            return definition.spec()
        port = PORT_SPECS.get(layer_type)
        if port is not None:
            return port
        return get_spec(layer_type)

    def node_spec(self, node_id: str) -> LayerSpec | None:
        """The spec of a node, or None for an unknown type or a block not defined here."""
        node = self.node(node_id)
        try:
            return self.spec_of(node.type, node.params)
        except GraphError:
            return None

    def topological_order(self) -> list[str]:
        """Node ids so that every edge points forwards; ties keep insertion order."""
        indegree = {nid: 0 for nid in self._nodes}
        for e in self._in_edges.values():
            indegree[e.dst] += 1
        ready = [nid for nid, d in indegree.items() if d == 0]
        order: list[str] = []
        i = 0
        while i < len(ready):
            nid = ready[i]
            i += 1
            order.append(nid)
            for e in self._out.get(nid, ()):
                indegree[e.dst] -= 1
                if indegree[e.dst] == 0:
                    ready.append(e.dst)
        if len(order) != len(self._nodes):  # only after connect(check_cycle=False)
            raise CycleError(translate("Graph", "The graph has a cycle"))
        return order

    def has_cycle(self) -> bool:
        try:
            self.topological_order()
        except CycleError:
            return True
        return False

    def descendants(self, node_id: str) -> set[str]:
        seen: set[str] = set()
        stack = [node_id]
        while stack:
            for succ in self.successors(stack.pop()):
                if succ not in seen:
                    seen.add(succ)
                    stack.append(succ)
        return seen

    def free_port(self, node_id: str) -> int | None:
        """The lowest unconnected input port of ``node_id``, or None when all are taken."""
        spec = self.node_spec(node_id)
        if spec is None:
            return None
        port = 0
        while (node_id, port) in self._in_edges:
            port += 1
        if not spec.variadic and port >= spec.inputs:
            return None
        return port

    def new_id(self, layer_type: str, block_name: str = "") -> str:
        """A fresh identifier-like id such as ``linear_3`` for a new node of ``layer_type``
        (a use of a block: after the block's name, ``basic_block_2``)."""
        # LeakyReLU -> leaky_relu, BatchNorm2d -> batch_norm2d, GELU -> gelu
        # a block: BasicBlock -> basic_block, SEBlock -> se_block
        base = re.sub(r"(?<=[a-z0-9])(?=[A-Z][a-z])", "_", block_name or layer_type)
        if block_name:
            base = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", base)
        base = base.lower()
        base = re.sub(r"[^a-z0-9_]", "_", base).strip("_") or "node"
        if not is_valid_node_id(base + "_1"):
            base = "node"
        n = 1
        while f"{base}_{n}" in self._nodes:
            n += 1
        return f"{base}_{n}"

    # --- changes --------------------------------------------------------------------------

    def add_node(
        self,
        layer_type: str,
        params: dict[str, Any] | None = None,
        pos: tuple[float, float] = (0.0, 0.0),
        *,
        node_id: str | None = None,
        name: str = "",
        allow_unknown: bool = False,
    ) -> Node:
        """Add a node. ``allow_unknown`` keeps a type this version does not know (file loading)."""
        if node_id is None:
            block_name = (params or {}).get("block", "") if layer_type == BLOCK else ""
            node_id = self.new_id(layer_type, block_name if isinstance(block_name, str) else "")
        if not is_valid_node_id(node_id):
            raise GraphError(
                translate(
                    "Graph",
                    "Node id {node} must start with a letter, hold only letters, digits and _"
                    " (64 at most), and not be a Python keyword or a name the compiled network"
                    " uses itself (forward, layers, block, ...)",
                ).format(node=repr(node_id)),
                node=str(node_id),
                field="id",
            )
        if node_id in self._nodes:
            raise DuplicateNodeError(
                translate("Graph", "A node with id {node} already exists").format(
                    node=repr(node_id)
                ),
                node=node_id,
            )
        if self.is_body and layer_type in NOT_IN_BODY:
            raise GraphError(
                translate(
                    "Graph",
                    "A block cannot hold an {layer} layer: its data comes through Block input "
                    "and Block output",
                ).format(layer=layer_type),
                node=node_id,
            )
        if not self.is_body and layer_type in PORT_TYPES:
            raise GraphError(
                translate("Graph", "{layer} belongs inside a block").format(
                    layer=Text("Catalogue", PORT_SPECS[layer_type].display_name)
                ),
                node=node_id,
            )
        if layer_type == BLOCK and self.owner:
            used = (params or {}).get("block")
            if used == self.owner or (
                isinstance(used, str) and self.blocks.uses_recursively(used, self.owner)
            ):
                why = (
                    translate(
                        "Graph", "Block {block} cannot contain a use of {used}: that is itself"
                    )
                    if used == self.owner
                    else translate(
                        "Graph",
                        "Block {block} cannot contain a use of {used}: {used} contains {block}",
                    )
                )
                raise BlockError(
                    why.format(block=self.owner, used=used),
                    block=self.owner,
                    node=node_id,
                    field="block",
                )
        if layer_type in CATALOGUE or layer_type in STRUCTURAL_TYPES:
            try:
                spec = self.spec_of(layer_type, params)
            except BlockError as exc:
                exc.node = node_id
                raise
            params = spec.validate_params(params, node=node_id)
        elif not allow_unknown:
            raise UnknownLayerTypeError(
                translate("Graph", "Unknown layer type {layer}").format(layer=repr(layer_type)),
                node=node_id,
            )
        else:
            params = dict(params or {})
        node = Node(node_id, layer_type, params, (float(pos[0]), float(pos[1])), name)
        self._insert_node(node)
        return node

    def index_of(self, node_id: str) -> int:
        """Position of the node in insertion order (which breaks ties in topological order)."""
        return list(self._nodes).index(node_id)

    def insert_node(self, node: Node, index: int | None = None) -> None:
        """Put back a node removed earlier (undo) with its id, params, position and ``index``."""
        if node.id in self._nodes:
            raise DuplicateNodeError(
                translate("Graph", "A node with id {node} already exists").format(
                    node=repr(node.id)
                ),
                node=node.id,
            )
        self._insert_node(node, index)

    def _insert_node(self, node: Node, index: int | None = None) -> None:
        if index is None or index >= len(self._nodes):
            self._nodes[node.id] = node
        else:
            items = list(self._nodes.items())
            items.insert(index, (node.id, node))
            self._nodes = dict(items)
        self._out[node.id] = []
        self._bump()
        self.events.node_added.emit(node)
        self.events.changed.emit()

    def remove_node(self, node_id: str) -> tuple[Node, list[Edge]]:
        """Remove a node and its edges; returns both so an undo can put them back."""
        node = self.node(node_id)
        edges = self.in_edges(node_id) + self.out_edges(node_id)
        for e in edges:
            self._remove_edge(e)
        del self._nodes[node_id]
        del self._out[node_id]
        self._bump()
        self.events.node_removed.emit(node)
        self.events.changed.emit()
        return node, edges

    def can_connect(self, src: str, dst: str, port: int | None = None) -> GraphError | None:
        """The error ``connect`` would raise, or None. Used for live feedback while dragging."""
        try:
            self._check_connect(src, dst, port)
        except GraphError as exc:
            return exc
        return None

    def _check_connect(
        self,
        src: str,
        dst: str,
        port: int | None,
        allow_unknown: bool = False,
        check_cycle: bool = True,
    ) -> int:
        self.node(src)
        dst_node = self.node(dst)
        if not dst_node.known and allow_unknown and port is not None:
            if (dst, port) in self._in_edges:
                raise PortOccupiedError(
                    translate("Graph", "Input {port} of {node} is already fed").format(
                        port=port, node=dst
                    ),
                    node=dst,
                )
            if src == dst or (check_cycle and src in self.descendants(dst)):
                raise CycleError(
                    translate("Graph", "Connecting {src} -> {dst} would make a cycle").format(
                        src=src, dst=dst
                    ),
                    node=dst,
                )
            return port
        spec = self.node_spec(dst)
        if spec is None:
            raise UnknownLayerTypeError(
                translate(
                    "Graph", "{node} has unknown layer type {layer}; it cannot take inputs"
                ).format(node=dst, layer=repr(dst_node.type)),
                node=dst,
            )
        if spec.inputs == 0:
            raise ArityError(
                translate("Graph", "{label} ({layer}) takes no inputs").format(
                    label=dst_node.label, layer=dst_node.type
                ),
                node=dst,
            )
        if src == dst or (check_cycle and src in self.descendants(dst)):
            raise CycleError(
                translate(
                    "Graph",
                    "Connecting {src} -> {dst} would make a cycle: {dst} already feeds {src}",
                ).format(src=src, dst=dst),
                node=dst,
            )
        if port is None:
            port = self.free_port(dst)
            if port is None:
                raise PortOccupiedError(
                    translate(
                        "Graph", "{label} ({layer}) has no free input; disconnect one first"
                    ).format(label=dst_node.label, layer=dst_node.type),
                    node=dst,
                )
        if port < 0 or (not spec.variadic and port >= spec.inputs):
            message = (
                translate("Graph", "{label} ({layer}) has 1 input; there is no input {port}")
                if spec.inputs == 1
                else translate(
                    "Graph", "{label} ({layer}) has {count} inputs; there is no input {port}"
                )
            )
            raise ArityError(
                message.format(
                    label=dst_node.label, layer=dst_node.type, count=spec.inputs, port=port
                ),
                node=dst,
            )
        if any(e.dst == dst for e in self._out.get(src, ())):
            raise DuplicateEdgeError(
                translate("Graph", "{src} is already connected to {dst}").format(src=src, dst=dst),
                node=dst,
            )
        existing = self._in_edges.get((dst, port))
        if existing is not None:
            raise PortOccupiedError(
                translate(
                    "Graph", "Input {port} of {label} is already fed by {src}; disconnect it first"
                ).format(port=port, label=dst_node.label, src=existing.src),
                node=dst,
            )
        return port

    def connect(
        self,
        src: str,
        dst: str,
        port: int | None = None,
        *,
        allow_unknown: bool = False,
        check_cycle: bool = True,
    ) -> Edge:
        """Connect ``src``'s output to input ``port`` of ``dst`` (the first free one if None).

        ``allow_unknown`` keeps an edge into a node of unknown type (file loading), so that
        saving such a file again loses nothing. ``check_cycle=False`` skips the walk that
        refuses a cycle (each is O(graph)): a loader adding thousands of edges checks once at
        the end with ``has_cycle()`` instead.
        """
        port = self._check_connect(src, dst, port, allow_unknown, check_cycle)
        edge = Edge(src, dst, port)
        self._add_edge(edge)
        return edge

    def add_edge(self, edge: Edge) -> Edge:
        return self.connect(edge.src, edge.dst, edge.dst_port)

    def _add_edge(self, edge: Edge) -> None:
        self._in_edges[edge.key] = edge
        self._out[edge.src].append(edge)
        self._bump()
        self.events.edge_added.emit(edge)
        self.events.changed.emit()

    def disconnect(self, edge: Edge) -> None:
        if self._in_edges.get(edge.key) != edge:
            raise GraphError(
                translate("Graph", "No edge {src} -> {dst}:{port}").format(
                    src=edge.src, dst=edge.dst, port=edge.dst_port
                ),
                node=edge.dst,
            )
        self._remove_edge(edge)
        self.events.changed.emit()

    def _remove_edge(self, edge: Edge) -> None:
        del self._in_edges[edge.key]
        self._out[edge.src].remove(edge)
        self._bump()
        self.events.edge_removed.emit(edge)

    def set_params(self, node_id: str, params: dict[str, Any]) -> dict[str, Any]:
        """Change some parameters (validated against the catalogue); returns the old dict."""
        node = self.node(node_id)
        spec = self.node_spec(node_id)
        if spec is None:
            raise UnknownLayerTypeError(
                translate(
                    "Graph", "{node} has unknown layer type {layer}; its parameters cannot change"
                ).format(node=node_id, layer=repr(node.type)),
                node=node_id,
            )
        if node.type == BLOCK and params.get("block", node.params["block"]) != node.params["block"]:
            spec = self.spec_of(BLOCK, params)  # a use switched to another definition
            params = {"block": params["block"], **{k: v for k, v in params.items() if k != "block"}}
            new = spec.validate_params(params, node=node_id)
            return self._replace_params(node, new)
        for name in params:
            if name not in {p.name for p in spec.params}:
                raise ParamError(
                    translate("Graph", "{layer} has no parameter {name}").format(
                        layer=node.type, name=repr(name)
                    ),
                    node=node_id,
                    field=name,
                )
        new = spec.validate_params({**node.params, **params}, node=node_id)
        return self._replace_params(node, new)

    def _replace_params(self, node: Node, new: dict[str, Any]) -> dict[str, Any]:
        old = dict(node.params)
        if new == old:
            return old
        node.params = new
        self._bump()
        self.events.params_changed.emit(node, old)
        self.events.changed.emit()
        return old

    def move_node(self, node_id: str, pos: tuple[float, float]) -> None:
        node = self.node(node_id)
        old = node.pos
        node.pos = (float(pos[0]), float(pos[1]))
        if node.pos != old:
            self.events.node_moved.emit(node, old)

    def rename_node(self, node_id: str, name: str) -> None:
        node = self.node(node_id)
        old = node.name
        node.name = name
        if name != old:
            self.events.node_renamed.emit(node, old)

    def conform_block_uses(self, name: str) -> list[str]:
        """Bring each use of block ``name`` in line with its definition's arguments (after one
        is added or removed): unknown ones dropped, new ones at their default. Returns the ids
        of the uses changed; each change is a ``params_changed`` event (undoable)."""
        definition = self.blocks[name]
        spec = definition.spec()
        names = {p.name for p in spec.params}
        changed = []
        for node in self.nodes_of_type(BLOCK):
            if node.params.get("block") != name:
                continue
            kept = {k: v for k, v in node.params.items() if k in names}
            new = spec.validate_params(kept, node=node.id)
            if new != node.params:
                self._replace_params(node, new)
                changed.append(node.id)
        return changed

    def copy(self) -> Graph:
        """An independent copy of the nodes and edges, sharing this graph's block library."""
        return Graph.from_dict(self.to_dict(), blocks=self.blocks, body=self.is_body)

    def detached_copy(self) -> Graph:
        """A copy with its own copy of the block library (for work on another thread)."""
        blocks = Blocks()
        self.blocks.copy_into(blocks)
        return Graph.from_dict(self.to_dict(), blocks=blocks, body=self.is_body)

    def clear(self) -> None:
        for node_id in list(self._nodes):
            self.remove_node(node_id)

    def _bump(self) -> None:
        self.revision += 1

    # --- plain data -----------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; node order is insertion order, edges sorted for stable files."""
        nodes = []
        for n in self._nodes.values():
            entry: dict[str, Any] = {"id": n.id, "type": n.type}
            if n.name:
                entry["name"] = n.name
            entry["params"] = {
                k: list(v) if isinstance(v, tuple) else v for k, v in n.params.items()
            }
            entry["pos"] = [round(n.pos[0], 2), round(n.pos[1], 2)]
            nodes.append(entry)
        edges = [
            {"src": e.src, "dst": e.dst, "port": e.dst_port}
            for e in sorted(self._in_edges.values(), key=lambda e: (e.dst, e.dst_port))
        ]
        return {"nodes": nodes, "edges": edges}

    @classmethod
    def from_dict(
        cls,
        data: dict[str, Any],
        *,
        allow_unknown: bool = True,
        blocks: Blocks | None = None,
        body: bool = False,
    ) -> Graph:
        """Build a graph from ``to_dict`` data (the one loader: files, paste, tests).

        Raises ``GraphDataError`` naming the entry that cannot be built. Cycles are checked
        once at the end (one walk per edge made loading a 3,000-node chain listed backwards
        quadratic: 9.6 s); only data that has one is read again edge by edge, to name the edge
        that closes it.
        """
        graph = cls(blocks, body=body)
        for i, entry in enumerate(data.get("nodes", [])):
            node_id = entry["id"]
            try:
                graph.add_node(
                    entry["type"],
                    copy.deepcopy(entry.get("params", {})),
                    tuple(entry.get("pos", (0.0, 0.0))),
                    node_id=node_id,
                    name=entry.get("name", ""),
                    allow_unknown=allow_unknown,
                )
            except GraphError as exc:
                sub = exc.field
                if isinstance(exc, (ParamError, BlockError)) and exc.field:
                    sub = f"params.{exc.field}"
                raise GraphDataError(
                    message_of(exc), section="nodes", index=i, node=node_id, field=sub
                ) from None
            except (OverflowError, ValueError, TypeError) as exc:  # 1e400 for a float param
                raise GraphDataError(
                    translate("Graph", "a parameter is out of range ({reason})").format(
                        reason=str(exc)
                    ),
                    section="nodes",
                    index=i,
                    node=node_id,
                    field="params",
                ) from None
        edges = data.get("edges", [])
        graph._connect_entries(edges, allow_unknown, check_cycle=False)
        if graph.has_cycle():
            for edge in list(graph.edges):
                graph.disconnect(edge)
            graph._connect_entries(edges, allow_unknown, check_cycle=True)
        return graph

    def _connect_entries(
        self, edges: Iterable[dict[str, Any]], allow_unknown: bool, *, check_cycle: bool
    ) -> None:
        for j, entry in enumerate(edges):
            src, dst, port = entry["src"], entry["dst"], entry.get("port", 0)
            try:
                self.connect(src, dst, port, allow_unknown=allow_unknown, check_cycle=check_cycle)
            except GraphError as exc:
                raise GraphDataError(
                    message_of(exc), section="edges", index=j, node=exc.node or dst
                ) from None

    def copy_subgraph(self, node_ids: Iterable[str]) -> dict[str, Any]:
        """``to_dict``-shaped data for the given nodes and the edges among them (copy/paste)."""
        ids = set(node_ids)
        full = self.to_dict()
        return {
            "nodes": [n for n in full["nodes"] if n["id"] in ids],
            "edges": [e for e in full["edges"] if e["src"] in ids and e["dst"] in ids],
        }
