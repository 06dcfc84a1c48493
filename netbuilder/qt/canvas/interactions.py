"""Mouse gestures as small objects, so the items stay dumb and the scene stays short.

``ConnectInteraction``: press on a port, drag a live preview edge, release on a port. Valid
targets are highlighted with the model's own rule (``graph.can_connect``); an invalid target
puts the model's reason on ``scene.status_message`` and connects nothing. Pressing a connected
input port picks up that edge: drop it on another input to re-route it, or on empty canvas to
remove it. ``MoveTracker`` turns a mouse drag of the selection into one undoable move.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPen
from PySide6.QtWidgets import QGraphicsPathItem

from netbuilder.model import DuplicateEdgeError, Edge, GraphError, NetbuilderError
from netbuilder.model.placement import snap
from netbuilder.qt.canvas.items import NodeItem, PortItem, bezier
from netbuilder.qt.commands import ConnectCommand, DisconnectCommand, MacroCommand
from netbuilder.qt.i18n import localized, translate
from netbuilder.qt.theme import current_theme

if TYPE_CHECKING:
    from netbuilder.qt.canvas.scene import GraphScene

#: With more nodes than this, only targets in view are highlighted on press (keeps it instant).
_HIGHLIGHT_ALL_LIMIT = 300


class ConnectInteraction:
    """One drag from a port. ``forward``: from an output to inputs; else from an input."""

    def __init__(self, scene: GraphScene, port: PortItem) -> None:
        self.scene = scene
        self.graph = scene.document.edited
        self.moved = False
        self.picked: Edge | None = None  # an existing edge being re-routed or removed
        if not port.is_output:
            self.picked = self.graph.edge_into(port.node_id, port.index)
        if self.picked is not None:
            src_item = scene.node_item(self.picked.src)
            assert src_item is not None
            self.anchor_port, self.forward = src_item.output_port, True
            edge_item = scene.edge_item(self.picked)
            if edge_item is not None:
                edge_item.setVisible(False)
        else:
            self.anchor_port, self.forward = port, port.is_output
        self.preview = QGraphicsPathItem()
        pen = QPen(current_theme().color("selection"), 2.0, Qt.PenStyle.DashLine)
        self.preview.setPen(pen)
        self.preview.setZValue(10)
        scene.addItem(self.preview)
        self._highlighted: list[PortItem] = []
        self._highlight_targets()
        self.update(port.scenePos())

    # --- the gesture ----------------------------------------------------------------------

    def update(self, pos: QPointF) -> None:
        self.moved = True
        a = self.anchor_port.scenePos()
        self.preview.setPath(bezier(a, pos) if self.forward else bezier(pos, a))

    def release(self, pos: QPointF) -> None:
        target = self.scene.port_at(pos)
        try:
            self._finish(target)
        finally:
            self.cancel()

    def cancel(self) -> None:
        for port in self._highlighted:
            port.set_highlight(None)
        self._highlighted.clear()
        if self.preview.scene() is not None:
            self.scene.removeItem(self.preview)
        if self.picked is not None:
            edge_item = self.scene.edge_item(self.picked)
            if edge_item is not None:
                edge_item.setVisible(True)

    # --- rules ----------------------------------------------------------------------------

    def _endpoints(self, target: PortItem) -> tuple[str, str, int] | None:
        """(src, dst, port) for dropping on ``target``, or None when the port kind is wrong."""
        anchor = self.anchor_port
        if self.forward and not target.is_output:
            return anchor.node_id, target.node_id, target.index
        if not self.forward and target.is_output:
            return target.node_id, anchor.node_id, anchor.index
        return None

    def _error(self, target: PortItem) -> GraphError | None:
        ends = self._endpoints(target)
        if ends is None:
            return GraphError(
                translate("Interactions", "Drop the connection on an input port")
                if self.forward
                else translate("Interactions", "Drop the connection on an output port")
            )
        return self._rule(*ends)

    def _rule(self, src: str, dst: str, port: int) -> GraphError | None:
        """The model's verdict; when re-routing, the picked edge itself does not count."""
        picked = self.picked
        if picked is not None and (src, dst, port) == (picked.src, picked.dst, picked.dst_port):
            return None
        error: GraphError | None = self.graph.can_connect(src, dst, port)
        if (
            isinstance(error, DuplicateEdgeError)
            and picked is not None
            and (src, dst) == (picked.src, picked.dst)
            and self.graph.edge_into(dst, port) is None
        ):
            return None  # moving the edge to another input of the same node
        return error

    def _highlight_targets(self) -> None:
        items = self.scene.node_items()
        if len(items) > _HIGHLIGHT_ALL_LIMIT:
            items = [i for i in self.scene.items_in_view() if isinstance(i, NodeItem)]
        for item in items:
            for port in item.input_ports if self.forward else [item.output_port]:
                ends = self._endpoints(port)
                if ends is not None and self._rule(*ends) is None:
                    port.set_highlight(current_theme().color("valid"))
                    self._highlighted.append(port)

    def _finish(self, target: PortItem | None) -> None:
        doc = self.scene.document
        if target is None:
            if self.picked is not None and self.moved:
                doc.disconnect(self.picked)
            return
        error = self._error(target)
        if error is not None:
            self.scene.status_message.emit(localized(error))
            return
        src, dst, port = self._endpoints(target)  # type: ignore[misc]
        try:
            if self.picked is None:
                doc.connect(src, dst, port)
            elif (src, dst, port) != (self.picked.src, self.picked.dst, self.picked.dst_port):
                doc.push(
                    MacroCommand(
                        translate("Interactions", "Reconnect"),
                        [
                            DisconnectCommand(self.graph, self.picked),
                            ConnectCommand(self.graph, Edge(src, dst, port)),
                        ],
                    )
                )
        except NetbuilderError as exc:
            self.scene.status_message.emit(localized(exc))


class MoveTracker:
    """Remembers where the selected nodes were at press; on release, records one move.

    Positions are compared snapped to whole pixels, so a plain click on a node that sits at a
    fractional position (an old file) records nothing and leaves the document unmodified."""

    def __init__(self, scene: GraphScene) -> None:
        self.scene = scene
        self.start = {
            item.node_id: snap((item.pos().x(), item.pos().y()))
            for item in scene.selected_node_items()
        }

    def finish(self) -> None:
        moves = {}
        for node_id, old in self.start.items():
            item = self.scene.node_item(node_id)
            if item is None:
                continue
            new = snap((item.pos().x(), item.pos().y()))
            if new != old:
                moves[node_id] = (self.scene.document.edited.node(node_id).pos, new)
            else:  # a click, or a wobble under a pixel: the card stays where the model has it
                item.setPos(*self.scene.document.edited.node(node_id).pos)
        if moves:
            self.scene.document.move_nodes(moves)
