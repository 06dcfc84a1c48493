"""Undo commands for blocks: add or remove a definition, change a definition's arguments, and
the block gestures' planned edits (``model.block_edits``) as commands.

Like ``commands.py``, each command calls model methods only. A definition taken out of the
library is kept as the same object and put back on undo/redo, so that commands recorded on its
body (which hold that body graph) still act on what the canvas shows.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from typing import Any

from netbuilder.model import Edge, Graph
from netbuilder.model.block_loading import block_from_dict
from netbuilder.model.blocks import BLOCK, BlockDef, BlockParam
from netbuilder.model.edits import AddBlock, Edit, RemoveNode
from netbuilder.qt.commands import (
    ConnectCommand,
    DisconnectCommand,
    GraphCommand,
    MacroCommand,
    RemoveNodeCommand,
    SetParamsCommand,
    command_for_edit,
)
from netbuilder.qt.i18n import translate


class AddBlockCommand(GraphCommand):
    """Add a definition (``BlockDef.to_dict`` form) to ``graph``'s block library."""

    def __init__(self, graph: Graph, definition: dict[str, Any]) -> None:
        self.name = str(definition.get("name", ""))
        super().__init__(translate("BlockCommands", "Add block {name}").format(name=self.name))
        self.graph, self.definition = graph, copy.deepcopy(definition)
        self._made: BlockDef | None = None

    def apply(self) -> None:
        # The same definition object on every redo: later commands on its body hold that graph.
        if self._made is None:
            entry = copy.deepcopy(self.definition)
            self._made = block_from_dict(entry, self.graph.blocks)
        self.graph.blocks.add(self._made)

    def revert(self) -> None:
        self.graph.blocks.remove(self.name)


class RemoveBlockCommand(GraphCommand):
    """Remove a definition from the library (its uses should be gone first, in a macro)."""

    def __init__(self, graph: Graph, name: str) -> None:
        super().__init__(translate("BlockCommands", "Remove block {name}").format(name=name))
        self.graph, self.name = graph, name
        self._removed: BlockDef | None = None

    def apply(self) -> None:
        self._removed = self.graph.blocks.remove(self.name)

    def revert(self) -> None:
        assert self._removed is not None
        self.graph.blocks.add(self._removed)  # the same object: commands on its body hold it


class SetBlockArgsCommand(GraphCommand):
    """Give definition ``name`` new arguments and bring every use in line (one undo step).

    The uses are in ``network`` (the project's top-level graph) and in the bodies of other
    definitions; each use's old params are kept so undo puts them back after the definition's
    old arguments (which they fit) are restored.
    """

    def __init__(
        self, network: Graph, name: str, params: Sequence[BlockParam], text: str = ""
    ) -> None:
        super().__init__(
            text or translate("BlockCommands", "Change the arguments of {name}").format(name=name)
        )
        self.network, self.name = network, name
        self.new = [copy.deepcopy(p) for p in params]
        self.old = [copy.deepcopy(p) for p in network.blocks[name].params]
        self._changed: list[tuple[Graph, str, dict[str, Any]]] = []

    def _graphs(self) -> list[Graph]:
        return [self.network, *(d.body for d in self.network.blocks if d.name != self.name)]

    def apply(self) -> None:
        definition = self.network.blocks[self.name]
        definition.params = [copy.deepcopy(p) for p in self.new]
        self.network.blocks.touch(self.name)
        self._changed = []
        for graph in self._graphs():
            before = {n.id: dict(n.params) for n in graph.nodes_of_type("Block")}
            for node_id in graph.conform_block_uses(self.name):
                self._changed.append((graph, node_id, before[node_id]))

    def revert(self) -> None:
        definition = self.network.blocks[self.name]
        definition.params = [copy.deepcopy(p) for p in self.old]
        self.network.blocks.touch(self.name)
        for graph in self._graphs():
            graph.conform_block_uses(self.name)  # drop the arguments the old ones lack
        for graph, node_id, params in reversed(self._changed):
            graph.set_params(node_id, params)


def drop_targets(network: Graph, name: str | None, removed: Iterable[str]) -> GraphCommand | None:
    """The command that takes the layers ``removed`` from block ``name``'s body out of its
    arguments (an argument left with no field goes), or None when none is a target. It runs
    before the removal: a definition whose argument names a missing layer does not load."""
    definition = network.blocks.get(name) if name is not None else None
    gone = set(removed)
    if definition is None or not gone:
        return None
    params = []
    for p in definition.params:
        targets = tuple(t for t in p.targets if t[0] not in gone)
        if targets:
            params.append(BlockParam(p.name, targets, p.help))
    if [p.targets for p in params] == [p.targets for p in definition.params]:
        return None
    return SetBlockArgsCommand(network, definition.name, params)


def port_removal(
    network: Graph, name: str | None, removed: Iterable[str]
) -> tuple[list[GraphCommand], list[GraphCommand]]:
    """Commands around the removal of Block inputs ``removed`` from block ``name``'s body:
    before it, the uses' inputs on those ports and after them are disconnected; after it, the
    body's other Block inputs are numbered 0, 1, ... in their order and each use's inputs are
    connected again on their new ports. Otherwise a use kept an input its block no longer has,
    and the saved file did not load."""
    definition = network.blocks.get(name) if name is not None else None
    if definition is None:
        return [], []
    ports = definition.input_ids()
    gone = [pid for pid in ports if pid in set(removed)]
    if not gone:
        return [], []
    kept = [pid for pid in ports if pid not in gone]
    new_port = {ports.index(pid): k for k, pid in enumerate(kept)}
    body = definition.body
    before: list[GraphCommand] = []
    after: list[GraphCommand] = [
        SetParamsCommand(body, pid, {"index": k})
        for k, pid in enumerate(kept)
        if body.node(pid).params.get("index") != k
    ]
    graphs = [network, *(d.body for d in network.blocks if d.name != definition.name)]
    for graph in graphs:
        for use in graph.nodes_of_type(BLOCK):
            if use.params.get("block") != definition.name:
                continue
            for edge in graph.in_edges(use.id):
                if new_port.get(edge.dst_port) == edge.dst_port:
                    continue  # a port before the first one removed: it stays as it is
                before.append(DisconnectCommand(graph, edge))
                if edge.dst_port in new_port:
                    moved = Edge(edge.src, edge.dst, new_port[edge.dst_port])
                    after.append(ConnectCommand(graph, moved))
    return before, after


def command_for_block_edit(graph: Graph, edit: Edit) -> GraphCommand:
    """``commands.command_for_edit``, plus the edits block gestures plan (RemoveNode, AddBlock)."""
    match edit:
        case RemoveNode(node_id):
            return RemoveNodeCommand(graph, node_id)
        case AddBlock(definition):
            return AddBlockCommand(graph, definition)
    return command_for_edit(graph, edit)


def edits_macro(text: str, graph: Graph, edits: Iterable[Edit]) -> MacroCommand:
    """A planned gesture as one undo step on ``graph``."""
    return MacroCommand(text, [command_for_block_edit(graph, e) for e in edits])
