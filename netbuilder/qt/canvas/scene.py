"""The scene mirrors the document's graph: items are created and removed only in the handlers
of graph events, and the shape report is shown by updating just the items whose text changed.

User gestures go to the document (one undo step each); the scene never edits the model itself.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsScene

from netbuilder.model import Edge, GraphError, NetbuilderError, Node
from netbuilder.model.blocks import BLOCK, BLOCK_OUTPUT
from netbuilder.qt.canvas.block_card import (
    BlockNodeItem,
    describe_use,
    node_item_at,
    selected_use,
)
from netbuilder.qt.canvas.edge_label import LabelFitter
from netbuilder.qt.canvas.interactions import ConnectInteraction, MoveTracker
from netbuilder.qt.canvas.items import EdgeItem, NodeItem, PortItem
from netbuilder.qt.canvas.keyboard import KeyboardWiring
from netbuilder.qt.document import Document
from netbuilder.qt.i18n import localized, translate

NODES_MIME = "application/x-netbuilder-nodes"
LAYER_MIME = "application/x-netbuilder-layer"
PASTE_STEP = 30.0
NUDGE, BIG_NUDGE = 10.0, 50.0
_ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


class GraphScene(QGraphicsScene):
    node_selection_changed = Signal(list)
    status_message = Signal(str)
    #: Double-click or Enter on a block use: open its definition (the use's node id).
    open_requested = Signal(str)
    #: Right-click: the node under the pointer (None: the background) and the screen point.
    context_menu_requested = Signal(object, object)

    def __init__(self, document: Document, parent=None) -> None:
        super().__init__(parent)
        self.document = document
        self._nodes: dict[str, NodeItem] = {}
        self._edges: dict[Edge, EdgeItem] = {}
        self._graph = None
        self._interaction: ConnectInteraction | None = None
        self._move: MoveTracker | None = None
        self._paste_count = 0
        self._rect_timer = QTimer(self)
        self._rect_timer.setSingleShot(True)
        self._rect_timer.timeout.connect(self.update_scene_rect)
        # An index, so that painting and hit-testing look at the items in view, not all of them
        # (boundingRect is Python: with NoIndex a drag frame in a 500-node graph made ~5,000
        # such calls, 19.5 ms against 3.5 ms). Items call prepareGeometryChange() before
        # their bounds change, which keeps the index right.
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.selectionChanged.connect(self._on_selection_changed)
        document.report_changed.connect(self._on_report)
        document.project_replaced.connect(self._rebuild)
        document.shown_changed.connect(lambda _name: self._rebuild())
        document.edit_lock_changed.connect(self._on_edit_lock)
        self._rebuild()
        self.keys = KeyboardWiring(self)  # C, Shift+C, Alt+arrows
        self.label_fitter = LabelFitter(self)  # shape labels shortened where cards are close

    def _on_edit_lock(self, reason: str | None) -> None:
        """Nodes cannot be dragged while a run holds the document's edit lock."""
        for item in self._nodes.values():
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, reason is None)

    # --- mirroring the model --------------------------------------------------------------

    def _rebuild(self) -> None:
        if self._graph is not None:
            self._subscribe(self._graph, False)
        for item in list(self._edges.values()) + list(self._nodes.values()):
            self.removeItem(item)
        self._nodes.clear()
        self._edges.clear()
        self._graph = self.document.edited
        self._subscribe(self._graph, True)
        for node in self._graph:
            self._on_node_added(node)
        for edge in self._graph.edges:
            self._on_edge_added(edge)
        self.update_scene_rect()

    def _subscribe(self, graph, on: bool) -> None:
        ev = graph.events
        for event, handler in (
            (ev.node_added, self._on_node_added),
            (ev.node_removed, self._on_node_removed),
            (ev.edge_added, self._on_edge_added),
            (ev.edge_removed, self._on_edge_removed),
            (ev.params_changed, self._on_params_changed),
            (ev.node_moved, self._on_node_moved),
            (ev.node_renamed, self._on_node_renamed),
        ):
            (event.connect if on else event.disconnect)(handler)

    @property
    def graph(self):
        """The graph shown: the network, or the body of the block opened for editing."""
        return self._graph

    def _on_node_added(self, node: Node) -> None:
        view = self.document.shown_view
        report = (view.shapes.get(node.id), view.errors.get(node.id), view.notes.get(node.id))
        spec = self._graph.node_spec(node.id)
        if node.type == BLOCK:
            item: NodeItem = BlockNodeItem(node, spec, report, describe_use(self._graph, node))
        else:
            item = NodeItem(node, spec, report)
            item.output_port.setVisible(node.type != BLOCK_OUTPUT)  # the block's result: no exit
        self._nodes[node.id] = item
        self._sync_ports(node.id)
        self.addItem(item)
        self._rect_timer.start(0)

    def _on_node_removed(self, node: Node) -> None:
        item = self._nodes.pop(node.id, None)
        if item is not None:
            self.removeItem(item)

    def _on_edge_added(self, edge: Edge) -> None:
        src, dst = self._nodes[edge.src], self._nodes[edge.dst]
        self._sync_ports(edge.dst)
        item = EdgeItem(edge, src, dst)
        item.set_label(self.document.shown_view.shapes.get(edge.src))
        src.edges.add(item)
        dst.edges.add(item)
        self._edges[edge] = item
        self.addItem(item)

    def _on_edge_removed(self, edge: Edge) -> None:
        item = self._edges.pop(edge, None)
        if item is None:
            return
        item.src.edges.discard(item)
        item.dst.edges.discard(item)
        self.removeItem(item)
        if edge.dst in self._nodes:
            self._sync_ports(edge.dst)

    def _on_params_changed(self, node: Node, _old: dict) -> None:
        item = self._nodes[node.id]
        if isinstance(item, BlockNodeItem):  # another definition, or new arguments
            item.set_spec(self._graph.node_spec(node.id), describe_use(self._graph, node))
        item.refresh(node)

    def _on_node_renamed(self, node: Node, _old: str) -> None:
        self._nodes[node.id].refresh(node)

    def _on_node_moved(self, node: Node, _old: tuple[float, float]) -> None:
        item = self._nodes[node.id]
        if (item.pos().x(), item.pos().y()) != node.pos:
            item.setPos(*node.pos)
        self._rect_timer.start(0)

    def _sync_ports(self, node_id: str) -> None:
        """Fixed layers show every input; merge layers their connected inputs plus one free."""
        item = self._nodes[node_id]
        spec = item.spec
        if spec is not None and not spec.variadic:
            return
        used = [e.dst_port for e in self._graph.in_edges(node_id)]
        ports, free = list(used), 0
        want = len(used) + 1 if spec is not None else len(used)
        while len(ports) < max(want, spec.min_inputs if spec else 0):
            while free in used or free in ports:
                free += 1
            ports.append(free)
        item.set_ports(sorted(ports))

    def _on_report(self, _report: object) -> None:
        view = self.document.shown_view
        for node_id, item in self._nodes.items():
            if isinstance(item, BlockNodeItem):  # its definition may have changed
                node = self._graph.node(node_id)
                item.set_spec(self._graph.node_spec(node_id), describe_use(self._graph, node))
            old_shape = item.shape_text
            note = view.notes.get(node_id)
            if item.set_report(view.shapes.get(node_id), view.errors.get(node_id), note):
                if item.shape_text != old_shape:
                    for edge in item.edges:
                        if edge.edge.src == node_id:
                            edge.set_label(item.shape_text)

    def update_scene_rect(self) -> None:
        """Room to pan around the graph, growing with it."""
        rect = self.itemsBoundingRect().adjusted(-2000, -2000, 2000, 2000)
        self.setSceneRect(rect.united(self.sceneRect()) if self._nodes else rect)

    # --- lookups and hooks ----------------------------------------------------------------

    def node_item(self, node_id: str) -> NodeItem | None:
        return self._nodes.get(node_id)

    def node_items(self) -> list[NodeItem]:
        return list(self._nodes.values())

    def node_rects(self) -> dict[str, tuple[float, float, float, float]]:
        """Each node's card as (x, y, width, height) in the scene, for placing new ones."""
        out = {}
        for node_id, item in self._nodes.items():
            r = item.mapRectToScene(item.shape().boundingRect())  # the card, no margin
            out[node_id] = (r.x(), r.y(), r.width(), r.height())
        return out

    def cards_in(self, rect: QRectF) -> list[QRectF]:
        """The cards (scene coordinates, no margin) that meet ``rect``."""
        return [  # the card is the bounding rect less its 3 px margin (no path built)
            item.sceneBoundingRect().adjusted(3, 3, -3, -3)
            for item in self.items(rect, Qt.ItemSelectionMode.IntersectsItemBoundingRect)
            if isinstance(item, NodeItem)
        ]

    def edge_item(self, edge: Edge) -> EdgeItem | None:
        return self._edges.get(edge)

    def edge_items(self) -> list[EdgeItem]:
        return list(self._edges.values())

    def retheme(self) -> None:
        """The theme changed: cards lay out their text in its colours; everything repaints."""
        for item in self._nodes.values():
            item.refresh()
        self.update()

    def set_node_tint(self, node_id: str, color: QColor | None) -> None:
        if node_id in self._nodes:
            self._nodes[node_id].set_tint(color)

    def set_node_badge(self, node_id: str, text: str | None) -> None:
        if node_id in self._nodes:
            self._nodes[node_id].set_badge(text)

    def port_at(self, pos: QPointF) -> PortItem | None:
        for item in self.items(pos):
            if isinstance(item, PortItem):
                return item
        return None

    def items_in_view(self) -> list[QGraphicsItem]:
        views = self.views()
        if not views:
            return self.items()
        view = views[0]
        return self.items(view.mapToScene(view.viewport().rect()).boundingRect())

    # --- selection ------------------------------------------------------------------------

    def selected_node_items(self) -> list[NodeItem]:
        return [i for i in self.selectedItems() if isinstance(i, NodeItem)]

    def selected_node_ids(self) -> list[str]:
        return [i.node_id for i in self.selected_node_items()]

    def selected_edges(self) -> list[Edge]:
        return [i.edge for i in self.selectedItems() if isinstance(i, EdgeItem)]

    def select_nodes(self, ids) -> None:
        wanted = set(ids)
        self.blockSignals(True)
        try:
            self.clearSelection()
            for node_id in wanted:
                if node_id in self._nodes:
                    self._nodes[node_id].setSelected(True)
        finally:
            self.blockSignals(False)
        self._on_selection_changed()

    def select_all(self) -> None:
        self.select_nodes(list(self._nodes))

    def _on_selection_changed(self) -> None:
        self.node_selection_changed.emit(self.selected_node_ids())

    # --- edit gestures --------------------------------------------------------------------

    def delete_selection(self) -> None:
        ids, edges = self.selected_node_ids(), self.selected_edges()
        if ids or edges:
            self.document.delete(ids, edges)

    def copy_selection(self) -> dict:
        return self._graph.copy_subgraph(self.selected_node_ids())

    def copy_to_clipboard(self) -> bool:
        data = self.copy_selection()
        if not data["nodes"]:
            return False
        mime = QMimeData()
        text = json.dumps(data)
        mime.setData(NODES_MIME, text.encode("utf-8"))
        mime.setText(text)
        QApplication.clipboard().setMimeData(mime)
        self._paste_count = 0
        return True

    def cut_to_clipboard(self) -> None:
        if self.copy_to_clipboard():
            self.delete_selection()

    def paste_from_clipboard(self, at: QPointF | None = None) -> list[str]:
        mime = QApplication.clipboard().mimeData()
        if mime is None or not mime.hasFormat(NODES_MIME):
            self.status_message.emit(
                translate("GraphScene", "The clipboard holds no netbuilder layers")
            )
            return []
        return self.paste_data(bytes(mime.data(NODES_MIME).data()), at)

    def paste_data(self, raw: bytes | dict, at: QPointF | None = None) -> list[str]:
        """Paste copied nodes, at ``at`` (scene) or offset from the originals; selects them."""
        try:
            data = raw if isinstance(raw, dict) else json.loads(raw.decode("utf-8"))
            xs = [n["pos"][0] for n in data["nodes"]]
            ys = [n["pos"][1] for n in data["nodes"]]
            if at is not None:
                offset = (at.x() - min(xs), at.y() - min(ys))
            else:
                self._paste_count += 1
                offset = (PASTE_STEP * self._paste_count,) * 2
            ids = self.document.paste(data, offset)
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            self.status_message.emit(
                translate(
                    "GraphScene", "Cannot paste: the data is not a netbuilder selection ({reason})"
                ).format(reason=exc)
            )
            return []
        except NetbuilderError as exc:
            self.status_message.emit(
                translate("GraphScene", "Cannot paste: {reason}").format(reason=localized(exc))
            )
            return []
        self.select_nodes(ids)
        return ids

    def duplicate_selection(self) -> list[str]:
        data = self.copy_selection()
        return self.paste_data(data, None) if data["nodes"] else []

    def select_next(self, step: int = 1, *, first: bool = False) -> str | None:
        """Select the node after (``step`` 1) or before (-1) the selected one in the order data
        flows (Tab / Shift+Tab on the canvas); with nothing selected or ``first``, the first
        (the last going back). Returns it, or None past either end: Tab then leaves the canvas
        for the next panel, so the canvas is one stop in the window's focus order."""
        graph = self._graph
        if len(graph) == 0:
            return None
        try:
            order = graph.topological_order()
        except GraphError:
            order = list(graph.nodes)
        selected = self.selected_node_ids()
        if selected and selected[-1] in order and not first:
            index = order.index(selected[-1]) + step
            if not 0 <= index < len(order):
                return None
        else:
            index = 0 if step > 0 else len(order) - 1
        self.select_nodes([order[index]])
        return order[index]

    def nudge_selection(self, dx: float, dy: float) -> None:
        moves = {}
        for item in self.selected_node_items():
            old = self._graph.node(item.node_id).pos
            moves[item.node_id] = (old, (old[0] + dx, old[1] + dy))
        self.document.move_nodes(moves, nudge=True)

    # --- events ---------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.keys.cancel()  # a click ends a keyboard "connect to..."
        if event.button() == Qt.MouseButton.LeftButton and self._interaction is None:
            port = self.port_at(event.scenePos())
            if port is not None:
                self._interaction = ConnectInteraction(self, port)
                event.accept()
                return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.selected_node_items():
            self._move = MoveTracker(self)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._interaction is not None:
            self._interaction.update(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._interaction is not None and event.button() == Qt.MouseButton.LeftButton:
            interaction, self._interaction = self._interaction, None
            interaction.release(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if self._move is not None and event.button() == Qt.MouseButton.LeftButton:
            move, self._move = self._move, None
            move.finish()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key = event.key()
        if self.keys.handle_key(event):
            pass
        elif key == Qt.Key.Key_Escape and self._interaction is not None:
            self._interaction.cancel()
            self._interaction = None
        elif key == Qt.Key.Key_Escape and self.document.shown_block is not None:
            self.document.leave_block()  # out of the open block, towards the network
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            use := selected_use(self.selected_node_items())
        ):
            self.open_requested.emit(use)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selection()
        elif key in _ARROWS and self.selected_node_items():
            step = BIG_NUDGE if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else NUDGE
            dx, dy = _ARROWS[key]
            self.nudge_selection(dx * step, dy * step)
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_to_clipboard()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.cut_to_clipboard()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste_from_clipboard()
        elif event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all()
        elif key == Qt.Key.Key_D and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.duplicate_selection()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        item = node_item_at(self, event.scenePos())
        if event.button() == Qt.MouseButton.LeftButton and isinstance(item, BlockNodeItem):
            self.open_requested.emit(item.node_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        """Right-click on a card selects it (unless it is already in the selection)."""
        item = node_item_at(self, event.scenePos())
        if item is not None and not item.isSelected():
            self.select_nodes([item.node_id])
        self.context_menu_requested.emit(item.node_id if item else None, event.screenPos())
        event.accept()

    def items_rect(self) -> QRectF:
        """Bounding box of the nodes (for zoom to fit)."""
        rect = QRectF()
        for item in self._nodes.values():
            rect = rect.united(item.sceneBoundingRect())
        return rect
