"""Block gestures in the window: Make block (Ctrl+B), Put layers back, Repeat, Open block and
back to the network, with their Edit-menu and canvas context-menu entries.

Each gesture is a model plan (``model.block_edits``) pushed as one undo macro on the graph the
canvas shows; a plan the model refuses is said in the status bar, nothing changes. Questions
(the block's name, how many copies) go through ``ask_*`` methods that tests replace.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QPointF
from PySide6.QtGui import QAction, QKeySequence, QTransform
from PySide6.QtWidgets import QInputDialog, QMenu

from netbuilder.model import Graph, GraphError
from netbuilder.model.block_edits import MAX_REPEAT, plan_inline, plan_make_block, plan_repeat
from netbuilder.model.blocks import BLOCK
from netbuilder.model.edits import AddBlock, Edit, RemoveNode
from netbuilder.model.layout import NODE_SIZE, arrange_graph
from netbuilder.model.placement import snap
from netbuilder.qt.block_breadcrumb import BlockBreadcrumb
from netbuilder.qt.block_commands import drop_targets, edits_macro
from netbuilder.qt.block_name_dialog import ask_block_name, suggest_name
from netbuilder.qt.canvas.view import OVERVIEW_ZOOM
from netbuilder.qt.commands import MacroCommand
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, localized, translate

#: An opened block shows its whole body down to the zoom an imported network opens at (a
#: block is a few to a few dozen layers: whole reads better than a readable corner of it).
BODY_ZOOM = OVERVIEW_ZOOM

if TYPE_CHECKING:
    from netbuilder.qt.main_window import MainWindow

STATUS_MS = 8000


class BlockGestures(QObject):
    """The window's block gestures; ``window.blocks_ui`` holds it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.breadcrumb: BlockBreadcrumb = window.breadcrumb
        self._network_view: tuple[QTransform, QPointF] | None = None
        self.actions = self._make_actions()
        scene = window.scene
        scene.open_requested.connect(self.open_use)
        window.inspector.open_block_requested.connect(self.open_use)
        scene.context_menu_requested.connect(self._show_context_menu)
        scene.node_selection_changed.connect(lambda _ids: self.update_actions())
        self.breadcrumb.crumb_clicked.connect(self.go_to_level)
        self.document.shown_changed.connect(self._on_shown)
        self.document.project_replaced.connect(self._on_project_replaced)
        self.document.edit_lock_changed.connect(lambda _r: self.update_actions())
        self.update_actions()

    # --- construction ---------------------------------------------------------------------

    def _make_actions(self) -> dict[str, QAction]:
        window = self.window
        specs = (
            (
                "make_block",
                translate("BlockGestures", "Make &Block…"),
                self.make_block,
                "Ctrl+B",
                translate("BlockGestures", MAKE_TIP),
            ),
            (
                "open_block",
                translate("BlockGestures", "&Open Block"),
                self.open_selected,
                None,
                translate("BlockGestures", OPEN_TIP),
            ),
            (
                "put_back",
                translate("BlockGestures", "Put Layers &Back"),
                self.put_back,
                None,
                translate("BlockGestures", PUT_BACK_TIP),
            ),
            (
                "repeat_block",
                translate("BlockGestures", "&Repeat Block…"),
                self.repeat,
                None,
                translate("BlockGestures", REPEAT_TIP),
            ),
            (
                "close_block",
                translate("BlockGestures", "Back to &Network"),
                self.back_to_network,
                None,
                translate("BlockGestures", BACK_TIP),
            ),
        )
        actions: dict[str, QAction] = {}
        for name, text, slot, shortcut, tip in specs:
            action = QAction(text, window)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.setStatusTip(tip)
            action.setToolTip(tip)
            action.setData(tip)  # the tip to go back to when a lock's reason is lifted
            action.triggered.connect(lambda _c=False, s=slot: s())
            window.addAction(action)
            actions[name] = action
            _named_actions(window)[name] = action
        edit: QMenu | None = getattr(window, "edit_menu", None)
        if edit is not None:
            edit.addSeparator()
            edit.addActions(list(actions.values()))
        return actions

    # --- state ----------------------------------------------------------------------------

    @property
    def graph(self) -> Graph:
        return self.document.edited

    def selected(self) -> list[str]:
        return self.window.scene.selected_node_ids()

    def selected_use(self) -> str | None:
        ids = self.selected()
        if len(ids) == 1 and ids[0] in self.graph and self.graph.node(ids[0]).type == BLOCK:
            return ids[0]
        return None

    def update_actions(self) -> None:
        """Enabled where the selection allows; while a run holds the network, the editing
        gestures are off and their tips say why."""
        try:
            ids, use = self.selected(), self.selected_use()
        except RuntimeError:  # the scene is gone (window closing)
            return
        lock = self.document.edit_lock
        a = self.actions
        for name, can in (
            ("make_block", bool(ids)),
            ("put_back", use is not None),
            ("repeat_block", use is not None),
        ):
            a[name].setEnabled(can and lock is None)
            tip = (
                translate("BlockGestures", "{tip} (not now: {reason})").format(
                    tip=a[name].data(), reason=localized(lock)
                )
                if lock
                else str(a[name].data())
            )
            a[name].setStatusTip(tip)
            a[name].setToolTip(tip)
        a["open_block"].setEnabled(use is not None)
        a["close_block"].setEnabled(self.document.shown_block is not None)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)

    # --- questions (tests replace these) --------------------------------------------------

    def ask_name(self, default: str) -> str | None:
        return ask_block_name(self.window, self.graph.blocks, default)

    def ask_copies(self, name: str) -> int | None:
        copies, ok = QInputDialog.getInt(
            self.window,
            translate("BlockGestures", "Repeat block"),
            translate(
                "BlockGestures", "How many more copies of {name} to chain after this one?"
            ).format(name=name),
            1,
            1,
            MAX_REPEAT,
        )
        return copies if ok else None

    # --- gestures -------------------------------------------------------------------------

    def _locked(self) -> bool:
        if self.document.edit_lock is None:
            return False
        self._say(localized(self.document.edit_lock))
        return True

    def _macro(self, text: str, graph: Graph, edits: list[Edit]) -> MacroCommand:
        """A planned gesture as one undo step; layers it removes from an open block's body
        stop being targets of that block's arguments first."""
        macro = edits_macro(text, graph, edits)
        removed = [e.node_id for e in edits if isinstance(e, RemoveNode)]
        unbind = drop_targets(self.document.graph, self.document.shown_block, removed)
        if unbind is not None:
            macro.commands.insert(0, unbind)
        return macro

    def make_block(self) -> str | None:
        """Replace the selected layers by one use of a new block; returns the use's id."""
        ids = self.selected()
        if self._locked():
            return None
        if not ids:
            self._say(
                translate(
                    "BlockGestures",
                    "Select the layers to make a block of, then Make Block (Ctrl+B)",
                )
            )
            return None
        graph = self.graph
        name = self.ask_name(suggest_name(graph, ids))
        if not name:
            return None
        try:
            edits, use = plan_make_block(graph, ids, name)
            edits = [_laid_out(graph, e) if isinstance(e, AddBlock) else e for e in edits]
            self.document.push(
                self._macro(
                    translate("BlockGestures", "Make block {name}").format(name=name), graph, edits
                )
            )
        except GraphError as exc:
            self._say(
                translate("BlockGestures", "Cannot make a block: {reason}").format(
                    reason=localized(exc)
                )
            )
            return None
        self.window.scene.select_nodes([use])
        self._say(
            translate(
                "BlockGestures", "Made block {name} from {count} layers; double-click it to open it"
            ).format(name=name, count=len(ids))
        )
        return use

    def put_back(self) -> list[str]:
        """Put the selected use's layers back in its place (it no longer follows its block)."""
        use = self.selected_use()
        if use is None or self._locked():
            return []
        graph = self.graph
        before = set(graph.nodes)
        try:
            name = graph.node(use).params["block"]
            edits = plan_inline(graph, use)
            self.document.push(
                self._macro(
                    translate("BlockGestures", "Put back the layers of {use}").format(use=use),
                    graph,
                    edits,
                )
            )
        except GraphError as exc:
            self._say(
                translate("BlockGestures", "Cannot put the layers back: {reason}").format(
                    reason=localized(exc)
                )
            )
            return []
        added = [n for n in graph.nodes if n not in before]
        self.window.scene.select_nodes(added)
        self._say(
            translate(
                "BlockGestures",
                "The layers of {use} are back in the network; they no longer follow {name}",
            ).format(use=use, name=name)
        )
        return added

    def repeat(self) -> list[str]:
        """Chain more copies of the selected use after it (what it fed, the last one feeds)."""
        use = self.selected_use()
        if use is None or self._locked():
            return []
        graph = self.graph
        name = str(graph.node(use).params.get("block", ""))
        copies = self.ask_copies(name)
        if not copies:
            return []
        try:
            edits, ids = plan_repeat(graph, use, copies)
            self.document.push(
                edits_macro(
                    translate("BlockGestures", "Repeat {name} x{copies}").format(
                        name=name, copies=copies
                    ),
                    graph,
                    edits,
                )
            )
        except GraphError as exc:
            self._say(
                translate("BlockGestures", "Cannot repeat {name}: {reason}").format(
                    name=name, reason=localized(exc)
                )
            )
            return []
        self.window.scene.select_nodes(ids)
        return ids

    def open_selected(self) -> None:
        use = self.selected_use()
        if use is not None:
            self.open_use(use)

    def open_use(self, use_id: str) -> None:
        """Show the definition of use ``use_id`` on the canvas, for editing."""
        graph = self.graph
        if use_id not in graph or graph.node(use_id).type != BLOCK:
            return
        name = str(graph.node(use_id).params.get("block", ""))
        if name not in graph.blocks:
            self._say(
                translate(
                    "BlockGestures", "{use} uses block {name}, which this project does not define"
                ).format(use=use_id, name=repr(name))
            )
            return
        view = self.window.view
        if self.document.shown_block is None:
            centre = view.mapToScene(view.viewport().rect().center())
            self._network_view = (view.transform(), centre)
        self.document.show_block(name, use_id, inside=self.document.shown_block is not None)

    def back_to_network(self) -> None:
        self.document.show_block(None)

    def go_to_level(self, level: int) -> None:
        """A breadcrumb was clicked: 0 is the network, 1 the outermost open block, ..."""
        navigator = self.document.navigator
        while len(navigator.path) > level:
            navigator.up()

    def _on_project_replaced(self) -> None:
        self._network_view = None  # the old project's zoom and centre mean nothing now
        self._on_shown(None)

    def _on_shown(self, name: str | None) -> None:
        window = self.window
        path = self.document.navigator.path
        self.breadcrumb.show_path(path, _count_uses(self.document.graph, name))
        view = window.view
        if name is None and self._network_view is not None:
            transform, centre = self._network_view
            self._network_view = None
            view.setTransform(transform)
            view.centerOn(centre)
        else:
            self._network_view = None if name is None else self._network_view
            view.zoom_to_fit(BODY_ZOOM)
        window.layer_palette.show_block_ports(name is not None)
        window._update_title()
        self.update_actions()
        view.setFocus()

    # --- context menu ---------------------------------------------------------------------

    def context_menu(self, node_id: str | None) -> QMenu:
        """The canvas's right-click menu for ``node_id`` (None: the background)."""
        menu = QMenu(self.window)
        menu.setObjectName("canvasContextMenu")
        a, named = self.actions, _named_actions(self.window)
        if node_id is not None and self.selected_use() is not None:
            menu.addAction(a["open_block"])
            menu.addSeparator()
        menu.addActions([a["make_block"], a["put_back"], a["repeat_block"]])
        if self.document.shown_block is not None:
            menu.addSeparator()
            menu.addAction(a["close_block"])
        if node_id is not None:
            menu.addSeparator()
            menu.addActions([named["cut"], named["copy"], named["duplicate"], named["delete"]])
        else:
            menu.addSeparator()
            menu.addActions([named["paste"], named["select_all"], named["arrange"]])
        return menu

    def _show_context_menu(self, node_id: str | None, screen_pos: QPoint) -> None:
        self.update_actions()
        self.context_menu(node_id).exec(screen_pos)


MAKE_TIP = QT_TRANSLATE_NOOP(
    "BlockGestures", "Make one block of the selected layers (a card you can open, reuse and repeat)"
)
OPEN_TIP = QT_TRANSLATE_NOOP(
    "BlockGestures",
    "Show the selected block's layers for editing (double-click or Enter on the card)",
)
PUT_BACK_TIP = QT_TRANSLATE_NOOP(
    "BlockGestures", "Replace the selected block by its layers (it stops following the block)"
)
REPEAT_TIP = QT_TRANSLATE_NOOP("BlockGestures", "Chain more copies of the selected block after it")
BACK_TIP = QT_TRANSLATE_NOOP(
    "BlockGestures", "Leave the open block and show the whole network (Esc)"
)


def _laid_out(graph: Graph, edit: AddBlock) -> AddBlock:
    """The new block's body laid out left to right like Auto-arrange does (the plan keeps the
    layers' old places, with its ports a step away: cards and shape labels could touch)."""
    definition = copy.deepcopy(edit.definition)
    body = Graph.from_dict(definition["graph"], blocks=graph.blocks, body=True)
    positions = arrange_graph(body, "LR", node_size=NODE_SIZE, origin=(0.0, 0.0))
    for entry in definition["graph"]["nodes"]:
        if entry["id"] in positions:
            entry["pos"] = list(snap(positions[entry["id"]]))
    return AddBlock(definition)


def _count_uses(network: Graph, name: str | None) -> int:
    if name is None:
        return 0
    graphs = [network, *(d.body for d in network.blocks)]
    return sum(1 for g in graphs for n in g.nodes_of_type(BLOCK) if n.params.get("block") == name)


def _named_actions(window: MainWindow) -> dict[str, QAction]:
    """The window's actions by name (``window_actions.build_actions`` sets the table)."""
    table: dict[str, QAction] = window.actions_by_name  # type: ignore[attr-defined]
    return table
