"""Wiring and moving around the canvas without a mouse.

``C`` connects the selected layer to the nearest layer that can take it (to its right first);
with two layers selected it connects them in reading order. ``Shift+C`` opens a small "connect
to..." mode: Tab or the arrow keys walk the layers that can take the connection (shown with a
dashed preview), Enter connects, Escape cancels. ``Alt+arrows`` select the nearest layer in
that direction (plain arrows keep moving the selected layers, as in any diagram editor).

Every connection goes through ``Document.connect``, the same undoable step as a mouse-drawn
edge, and the model's ``can_connect`` decides which targets fit.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QWidget

from netbuilder.model import NetbuilderError
from netbuilder.qt.canvas.items import NodeItem, PortItem, bezier
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, localized, translate
from netbuilder.qt.theme import current_theme

if TYPE_CHECKING:
    from netbuilder.qt.canvas.scene import GraphScene


#: What the status bar says when the canvas takes the keyboard focus.
CANVAS_KEYS_HINT = QT_TRANSLATE_NOOP(
    "KeyboardWiring",
    "Canvas keys: Tab next layer · Alt+arrows nearest layer that way · arrows move it · "
    "C connect to the next layer · Shift+C choose what to connect to · Delete remove",
)
_DIRECTIONS = {
    Qt.Key.Key_Left: (-1.0, 0.0),
    Qt.Key.Key_Right: (1.0, 0.0),
    Qt.Key.Key_Up: (0.0, -1.0),
    Qt.Key.Key_Down: (0.0, 1.0),
}
_FORWARD = (Qt.Key.Key_Right, Qt.Key.Key_Down)
_BACKWARD = (Qt.Key.Key_Left, Qt.Key.Key_Up)

Target = tuple[str, int]  # (node id, input port)


def _centre(item: NodeItem) -> QPointF:
    return item.sceneBoundingRect().center()


class KeyboardWiring:
    """The canvas's keyboard gestures; the scene hands it key presses first."""

    def __init__(self, scene: GraphScene) -> None:
        self.scene = scene
        self.source: str | None = None
        self.targets: list[Target] = []
        self.index = 0
        self._preview: QGraphicsPathItem | None = None
        self._outline: QGraphicsPathItem | None = None
        self._port: PortItem | None = None
        scene.document.undo_stack.indexChanged.connect(lambda _i: self.cancel())
        scene.document.project_replaced.connect(self.cancel)

    @property
    def active(self) -> bool:
        return self.source is not None

    # --- which layers fit -----------------------------------------------------------------

    def targets_for(self, src: str) -> list[Target]:
        """Layers with a free input that may take ``src``'s output (the model's rule), nearest
        first, those to the right of ``src`` (downstream in a left-to-right layout) before the
        rest."""
        graph = self.scene.document.edited
        src_item = self.scene.node_item(src)
        if src_item is None:
            return []
        start = src_item.output_port.scenePos()
        ranked: list[tuple[int, float, Target]] = []
        for item in self.scene.node_items():
            node_id = item.node_id
            if node_id == src:
                continue
            port = graph.free_port(node_id)
            if port is None or graph.can_connect(src, node_id, port) is not None:
                continue
            end = _centre(item)
            behind = 0 if end.x() > _centre(src_item).x() else 1
            distance = math.hypot(end.x() - start.x(), end.y() - start.y())
            ranked.append((behind, distance, (node_id, port)))
        ranked.sort(key=lambda r: (r[0], r[1]))
        return [target for _b, _d, target in ranked]

    # --- C: connect at once ---------------------------------------------------------------

    def connect_next(self) -> bool:
        """C: one layer selected, wire it to the first layer that fits; two, wire them in
        reading order (left to right, then top to bottom). In connect mode, C connects."""
        if self.active:
            return self.accept()
        selected = self.scene.selected_node_items()
        if len(selected) == 2:
            first, second = sorted(selected, key=lambda i: (i.pos().x(), i.pos().y()))
            return self._connect(first.node_id, second.node_id, None)
        if len(selected) != 1:
            return self._say(translate("KeyboardWiring", "Select one layer (or two) to connect"))
        src = selected[0].node_id
        targets = self.targets_for(src)
        if not targets:
            return self._say(_nothing_takes(src))
        return self._connect(src, *targets[0])

    def _connect(self, src: str, dst: str, port: int | None) -> bool:
        try:
            self.scene.document.connect(src, dst, port)
        except NetbuilderError as exc:
            return self._say(localized(exc))
        self._say(
            translate("KeyboardWiring", "Connected {src} → {dst} (Ctrl+Z undoes it)").format(
                src=src, dst=dst
            )
        )
        return True

    def _say(self, text: str) -> bool:
        self.scene.status_message.emit(text)
        return False

    # --- Shift+C: choose the target -------------------------------------------------------

    def start_choosing(self) -> bool:
        """Shift+C: walk the layers that can take the selected one's output."""
        if self.active:
            return self.step(1)
        lock = self.scene.document.edit_lock
        if lock is not None:
            return self._say(localized(lock))
        selected = self.scene.selected_node_ids()
        if len(selected) != 1:
            return self._say(
                translate(
                    "KeyboardWiring", "Select the one layer to connect from, then press Shift+C"
                )
            )
        targets = self.targets_for(selected[0])
        if not targets:
            return self._say(_nothing_takes(selected[0]))
        self.source, self.targets, self.index = selected[0], targets, 0
        self._show()
        return True

    def step(self, by: int) -> bool:
        if not self.active:
            return False
        self.index = (self.index + by) % len(self.targets)
        self._show()
        return True

    def current(self) -> Target | None:
        return self.targets[self.index] if self.active else None

    def accept(self) -> bool:
        target, src = self.current(), self.source
        self.cancel()
        if target is None or src is None:
            return False
        return self._connect(src, *target)

    def cancel(self) -> None:
        if not self.active:
            return
        self.source, self.targets, self.index = None, [], 0
        for item in (self._preview, self._outline):
            if item is not None and item.scene() is not None:
                self.scene.removeItem(item)
        self._preview = self._outline = None
        port, self._port = self._port, None
        if port is not None:
            try:
                port.set_highlight(None)
            except RuntimeError:  # its layer was removed (an undo, another project)
                pass

    def _show(self) -> None:
        """The dashed edge to the current target, its card outlined, its port lit."""
        assert self.source is not None
        dst, port = self.targets[self.index]
        src_item, dst_item = self.scene.node_item(self.source), self.scene.node_item(dst)
        if src_item is None or dst_item is None:
            self.cancel()
            return
        if self._preview is None:
            preview = current_theme().color("selection")
            self._preview = self._overlay(QPen(preview, 2.0, Qt.PenStyle.DashLine))
            self._outline = self._overlay(QPen(preview, 2.0, Qt.PenStyle.DashLine))
        assert self._outline is not None
        port_item = dst_item.input_port(port)
        end = port_item.scenePos() if port_item is not None else dst_item.pos()
        self._preview.setPath(bezier(src_item.output_port.scenePos(), end))
        card = dst_item.mapRectToScene(dst_item.shape().boundingRect()).adjusted(-5, -5, 5, 5)
        outline = QPainterPath()
        outline.addRoundedRect(card, 9.0, 9.0)
        self._outline.setPath(outline)
        if self._port is not None:
            self._port.set_highlight(None)
        self._port = port_item
        if port_item is not None:
            port_item.set_highlight(current_theme().color("valid"))
        for view in self.scene.views():
            view.ensureVisible(card, 40, 40)
        label = (
            dst_item.node_id
            if port == 0
            else translate("KeyboardWiring", "{node} input {port}").format(node=dst, port=port)
        )
        self._say(
            translate(
                "KeyboardWiring",
                "Connect {src} → {dst} ({index} of {count}): "
                "Tab or arrows choose, Enter connects, Esc cancels",
            ).format(src=self.source, dst=label, index=self.index + 1, count=len(self.targets))
        )

    def _overlay(self, pen: QPen) -> QGraphicsPathItem:
        item = QGraphicsPathItem()
        item.setPen(pen)
        item.setZValue(10)
        self.scene.addItem(item)
        return item

    # --- Alt+arrows: move between layers --------------------------------------------------

    def go(self, dx: float, dy: float) -> str | None:
        """Select the nearest layer in direction (dx, dy) from the selected one (or the first
        layer when none is selected). Off-axis layers count as farther, so Right picks the
        layer beside, not one far below."""
        items = self.scene.node_items()
        selected = self.scene.selected_node_items()
        if not items:
            return None
        if not selected:
            chosen = min(items, key=lambda i: (i.pos().x(), i.pos().y()))
        else:
            here = _centre(selected[-1])
            best: tuple[float, NodeItem] | None = None
            for item in items:
                if item is selected[-1]:
                    continue
                c = _centre(item)
                along = (c.x() - here.x()) * dx + (c.y() - here.y()) * dy
                across = abs((c.x() - here.x()) * dy - (c.y() - here.y()) * dx)
                if along <= 1.0:
                    continue
                score = along + 2.0 * across
                if best is None or score < best[0]:
                    best = (score, item)
            if best is None:
                return None
            chosen = best[1]
        self.scene.select_nodes([chosen.node_id])
        for view in self.scene.views():
            view.ensureVisible(chosen.sceneBoundingRect(), 40, 40)
        return chosen.node_id

    # --- keys -----------------------------------------------------------------------------

    def handle_key(self, event: QKeyEvent) -> bool:
        """True when the key was one of ours (the scene then accepts it)."""
        key, mods = Qt.Key(event.key()), event.modifiers()
        if self.active:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept()
            elif key == Qt.Key.Key_Escape:
                self.cancel()
                self._say(translate("KeyboardWiring", "Connecting cancelled"))
            elif key in _FORWARD:
                self.step(1)
            elif key in _BACKWARD:
                self.step(-1)
            else:
                return False
            return True
        if key in _DIRECTIONS and mods & Qt.KeyboardModifier.AltModifier:
            self.go(*_DIRECTIONS[key])
            return True
        return False


def wiring_actions(view: QWidget, wiring: KeyboardWiring) -> list[QAction]:
    """Edit-menu actions for C and Shift+C. Their keys work only while the canvas has the
    focus, so typing a C in the palette's search box or a name field still types it."""
    made = []
    for text, keys, slot, tip in (
        (
            translate("KeyboardWiring", "Co&nnect to Next Layer"),
            "C",
            wiring.connect_next,
            translate(
                "KeyboardWiring",
                "Wire the selected layer to the nearest layer that can take it "
                "(two selected: left to right)",
            ),
        ),
        (
            translate("KeyboardWiring", "Connect &To…"),
            "Shift+C",
            wiring.start_choosing,
            translate(
                "KeyboardWiring", "Choose what the selected layer feeds: Tab or arrows, then Enter"
            ),
        ),
    ):
        action = QAction(text, view)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setStatusTip(tip)
        plain = re.sub(r"\(&\w\)", "", text).replace("&", "").rstrip("…")
        action.setToolTip(f"{plain} ({keys}) — {tip}")
        action.triggered.connect(lambda _checked=False, s=slot: s())
        view.addAction(action)
        made.append(action)
    return made


def _nothing_takes(src: str) -> str:
    return translate(
        "KeyboardWiring", "Nothing can take {src}'s output: every other layer's input is full"
    ).format(src=src)
