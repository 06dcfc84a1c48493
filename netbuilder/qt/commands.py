"""Undo commands. Each one calls ``Graph`` methods and nothing else; gestures become macros.

A command is run once by the ``Document`` *before* it is pushed (``execute``), so a graph rule
that refuses the change raises there and nothing reaches the undo stack; the push then skips its
first ``redo``. Later redos and undos replay the same model calls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtGui import QUndoCommand

from netbuilder.model import Edge, Graph, Node
from netbuilder.model.edits import AddNode, Connect, Disconnect, Edit, MoveNode, SetParams
from netbuilder.qt.i18n import translate

Point = tuple[float, float]

_MOVE_MERGE_ID = 0x4E42  # consecutive keyboard nudges of the same nodes merge into one step


class GraphCommand(QUndoCommand):
    """Base class: subclasses implement ``apply`` and ``revert`` with model calls only."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self._skip_redo = False

    def execute(self) -> None:
        """First run, before the push; raises the model's error and leaves nothing changed."""
        self.apply()
        self._skip_redo = True

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.apply()

    def undo(self) -> None:
        self.revert()

    def apply(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def revert(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


class MacroCommand(GraphCommand):
    """Several commands as one undo step; a failing part undoes the parts already done."""

    def __init__(self, text: str, commands: Iterable[GraphCommand]) -> None:
        super().__init__(text)
        self.commands = list(commands)

    def apply(self) -> None:
        done: list[GraphCommand] = []
        try:
            for cmd in self.commands:
                cmd.apply()
                done.append(cmd)
        except Exception:
            for cmd in reversed(done):
                cmd.revert()
            raise

    def revert(self) -> None:
        for cmd in reversed(self.commands):
            cmd.revert()


class AddNodeCommand(GraphCommand):
    def __init__(
        self,
        graph: Graph,
        layer_type: str,
        params: Mapping[str, Any] | None,
        pos: Point,
        node_id: str,
        *,
        name: str = "",
        allow_unknown: bool = False,
    ) -> None:
        super().__init__(translate("Commands", "Add {layer}").format(layer=layer_type))
        self.graph, self.node_id = graph, node_id
        self.layer_type, self.params = layer_type, dict(params or {})
        self.pos = (float(pos[0]), float(pos[1]))
        self.name, self.allow_unknown = name, allow_unknown

    def apply(self) -> None:
        self.graph.add_node(
            self.layer_type,
            self.params,
            self.pos,
            node_id=self.node_id,
            name=self.name,
            allow_unknown=self.allow_unknown,
        )

    def revert(self) -> None:
        self.graph.remove_node(self.node_id)


class RemoveNodeCommand(GraphCommand):
    """Removes a node; its edges should be removed first by ``DisconnectCommand``s in a macro."""

    def __init__(self, graph: Graph, node_id: str) -> None:
        super().__init__(translate("Commands", "Delete {node}").format(node=node_id))
        self.graph, self.node_id = graph, node_id
        self._node: Node | None = None
        self._edges: list[Edge] = []
        self._index = 0

    def apply(self) -> None:
        self._index = self.graph.index_of(self.node_id)
        self._node, self._edges = self.graph.remove_node(self.node_id)

    def revert(self) -> None:
        assert self._node is not None
        self.graph.insert_node(self._node, self._index)
        for edge in self._edges:
            self.graph.add_edge(edge)


class ConnectCommand(GraphCommand):
    def __init__(self, graph: Graph, edge: Edge) -> None:
        super().__init__(
            translate("Commands", "Connect {src} to {dst}").format(src=edge.src, dst=edge.dst)
        )
        self.graph, self.edge = graph, edge

    def apply(self) -> None:
        self.graph.add_edge(self.edge)

    def revert(self) -> None:
        self.graph.disconnect(self.edge)


class DisconnectCommand(GraphCommand):
    def __init__(self, graph: Graph, edge: Edge) -> None:
        super().__init__(
            translate("Commands", "Disconnect {src} from {dst}").format(src=edge.src, dst=edge.dst)
        )
        self.graph, self.edge = graph, edge

    def apply(self) -> None:
        self.graph.disconnect(self.edge)

    def revert(self) -> None:
        self.graph.add_edge(self.edge)


class SetParamsCommand(GraphCommand):
    def __init__(self, graph: Graph, node_id: str, params: Mapping[str, Any]) -> None:
        super().__init__(
            translate("Commands", "Change {params} of {node}").format(
                params=", ".join(params), node=node_id
            )
        )
        self.graph, self.node_id, self.params = graph, node_id, dict(params)
        self.old: dict[str, Any] | None = None

    def apply(self) -> None:
        old = self.graph.set_params(self.node_id, self.params)
        if self.old is None:
            self.old = old

    def revert(self) -> None:
        assert self.old is not None
        self.graph.set_params(self.node_id, self.old)

    @property
    def changed(self) -> bool:
        """False when the new values equal the old ones (the document then pushes nothing)."""
        node = self.graph.node(self.node_id)
        return self.old is not None and self.old != node.params


class RenameNodeCommand(GraphCommand):
    def __init__(self, graph: Graph, node_id: str, name: str) -> None:
        super().__init__(translate("Commands", "Rename {node}").format(node=node_id))
        self.graph, self.node_id, self.name = graph, node_id, name
        self.old = graph.node(node_id).name

    def apply(self) -> None:
        self.graph.rename_node(self.node_id, self.name)

    def revert(self) -> None:
        self.graph.rename_node(self.node_id, self.old)


class MoveNodesCommand(GraphCommand):
    """One move of several nodes: ``{id: (old_pos, new_pos)}``."""

    def __init__(
        self,
        graph: Graph,
        moves: Mapping[str, tuple[Point, Point]],
        *,
        text: str | None = None,
        mergeable: bool = False,
    ) -> None:
        one = next(iter(moves)) if len(moves) == 1 else None
        if text is None:
            text = (
                translate("Commands", "Move {node}").format(node=one)
                if one is not None
                else translate("Commands", "Move")
            )
        elif one is not None:
            text = translate("Commands", "{action} {node}").format(action=text, node=one)
        super().__init__(text)
        self.graph = graph
        self.moves = {
            k: ((float(old[0]), float(old[1])), (float(new[0]), float(new[1])))
            for k, (old, new) in moves.items()
        }
        self.mergeable = mergeable

    def apply(self) -> None:
        for node_id, (_, new) in self.moves.items():
            self.graph.move_node(node_id, new)

    def revert(self) -> None:
        for node_id, (old, _) in self.moves.items():
            self.graph.move_node(node_id, old)

    def id(self) -> int:
        return _MOVE_MERGE_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not (isinstance(other, MoveNodesCommand) and other.mergeable):
            return False
        if set(other.moves) != set(self.moves):
            return False
        self.moves = {k: (old, other.moves[k][1]) for k, (old, _) in self.moves.items()}
        return True


class CallbackCommand(GraphCommand):
    """A document-level value (dataset binding, training settings) swapped by two setters."""

    def __init__(self, text: str, new: Callable[[], None], old: Callable[[], None]) -> None:
        super().__init__(text)
        self._new, self._old = new, old

    def apply(self) -> None:
        self._new()

    def revert(self) -> None:
        self._old()


def command_for_edit(graph: Graph, edit: Edit) -> GraphCommand:
    """The undo command that performs a planned model edit (see ``model.edits``)."""
    match edit:
        case AddNode(node_id, layer_type, params, pos):
            return AddNodeCommand(graph, layer_type, params, pos, node_id)
        case Connect(edge):
            return ConnectCommand(graph, edge)
        case Disconnect(edge):
            return DisconnectCommand(graph, edge)
        case SetParams(node_id, params):
            return SetParamsCommand(graph, node_id, params)
        case MoveNode(node_id, pos):
            return MoveNodesCommand(graph, {node_id: (graph.node(node_id).pos, pos)})
    raise TypeError(f"not a model edit: {edit!r}")
