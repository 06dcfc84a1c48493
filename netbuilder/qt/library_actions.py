"""The window's side of blocks in the palette: add a use, save to and remove from the library,
delete an unused project block.

The palette lists and the view drops; this object turns those into document edits, each one
undo step (a library block is copied into the project, with what it uses, in the same step as
its new use), and into library files (``io.block_library``). Questions to the user are
``ask_*`` methods that tests replace.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QStandardPaths, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from netbuilder.io.block_library import (
    BLOCK_SUFFIX,
    Library,
    block_path,
    library_dir,
    plan_library_add,
    read_library,
    remove_block_file,
    save_block,
)
from netbuilder.io.errors import ProjectFileError
from netbuilder.model import Edge, NetbuilderError, placement
from netbuilder.model.blocks import BLOCK, Blocks
from netbuilder.model.layout import NODE_SIZE
from netbuilder.model.placement import snap
from netbuilder.qt.block_commands import AddBlockCommand, RemoveBlockCommand
from netbuilder.qt.commands import AddNodeCommand, ConnectCommand, GraphCommand, MacroCommand
from netbuilder.qt.i18n import localized, translate
from netbuilder.qt.palette_blocks import LIBRARY, PROJECT, parse_block_mime

if TYPE_CHECKING:
    from netbuilder.qt.main_window import MainWindow

Point = tuple[float, float]
_NOT_READ = object()


def default_library_dir() -> Path:
    """``<AppDataLocation>/blocks`` (``~/.local/share/netbuilder/netbuilder/blocks`` on Linux)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "blocks"


class BlockLibraryActions(QObject):
    """Blocks of the palette for one window; ``folder`` overrides the default library folder
    (``$NETBUILDER_BLOCKS_DIR`` wins over both)."""

    def __init__(self, window: MainWindow, folder: Path | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.folder = library_dir(folder if folder is not None else default_library_dir())
        self.library = Library()
        self._stamp: object = _NOT_READ
        self.reads = 0  # how often the folder was read (it is only when its files changed)
        self._blocks: Blocks | None = None
        palette = window.layer_palette
        palette.block_menu = self.menu_actions
        palette.block_activated.connect(self.add_at_centre)
        window.view.block_dropped.connect(self._on_drop)
        window.document.project_replaced.connect(self._follow_project)
        self.save_action = QAction(
            translate("BlockLibraryActions", "Save Block to &Library…"), window
        )
        self.save_action.setStatusTip(
            translate(
                "BlockLibraryActions", "Keep a block of this project for use in other projects"
            )
        )
        self.save_action.triggered.connect(lambda _c=False: self.save_chosen())
        window.addAction(self.save_action)
        self._follow_project()
        # Read after the window first paints: 100 library files took 181 ms to read here.
        QTimer.singleShot(0, self, self.refresh)
        window.installEventFilter(self)  # back in the window: another may have saved a block

    # --- following the project and the folder -----------------------------------------------

    def add_to_menu(self, menu: QMenu) -> None:
        """Put Save Block to Library in ``menu`` (the Edit menu, after the block gestures)."""
        menu.addSeparator()
        menu.addAction(self.save_action)

    def _follow_project(self) -> None:
        old = self._blocks
        if old is not None:
            for event in (old.events.added, old.events.removed):
                event.disconnect(self._update_save_action)
        self._blocks = blocks = self.window.document.graph.blocks
        self.window.layer_palette.set_blocks(blocks)
        for event in (blocks.events.added, blocks.events.removed):
            event.connect(self._update_save_action)
        self._update_save_action()

    def _update_save_action(self, *_args: object) -> None:
        self.save_action.setEnabled(len(self.window.document.graph.blocks) > 0)

    def refresh(self, *, force: bool = False) -> None:
        """Read the library folder again when its files changed (or ``force``)."""
        stamp = self._folder_stamp()
        if stamp == self._stamp and not force:
            return
        self._stamp = stamp
        self.reads += 1
        self.library = read_library(self.folder)
        self.window.layer_palette.set_library(self.library)

    def _folder_stamp(self) -> object:
        if self.folder is None:
            return None
        try:
            with os.scandir(self.folder) as entries:
                return sorted(
                    (e.name, e.stat().st_mtime_ns, e.stat().st_size)
                    for e in entries
                    if e.name.endswith(BLOCK_SUFFIX)
                )
        except OSError:
            return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.WindowActivate:
            self.refresh()
        return False

    # --- adding a use -----------------------------------------------------------------------

    def add_use(self, source: str, name: str, pos: Point, after: str | None = None) -> str | None:
        """Add a use of block ``name`` at ``pos`` (fed by ``after`` when given): one undo step.

        A library block is first copied into the project with the blocks it uses; identical
        definitions already there are reused, a different one of the same name is renamed.
        """
        document = self.window.document
        graph = document.edited  # the network, or the body of the block open on the canvas
        commands: list[GraphCommand] = []
        renamed, asked = False, name
        if source == LIBRARY:
            block = self.library.get(name)
            if block is None:
                self._say(
                    translate(
                        "BlockLibraryActions", "Block {name} is no longer in the library"
                    ).format(name=name)
                )
                return None
            plan = plan_library_add(block, graph.blocks)
            commands += [AddBlockCommand(graph, d) for d in plan.definitions]
            if plan.name != name:
                renamed = True
            name = plan.name
        elif name not in graph.blocks:
            self._say(
                translate("BlockLibraryActions", "This project has no block {name}").format(
                    name=name
                )
            )
            return None
        inside = document.shown_block
        if inside is not None and (name == inside or graph.blocks.uses_recursively(name, inside)):
            self._say(
                translate(
                    "BlockLibraryActions",
                    "Block {name} cannot go inside {inside}: a block cannot contain itself",
                ).format(name=name, inside=inside)
            )
            return None
        node_id = graph.new_id(BLOCK, name)
        commands.append(AddNodeCommand(graph, BLOCK, {"block": name}, snap(pos), node_id))
        if after is not None:
            commands.append(ConnectCommand(graph, Edge(after, node_id, 0)))
        text = (
            translate("BlockLibraryActions", "Add block {name} from the library")
            if source == LIBRARY
            else translate("BlockLibraryActions", "Add block {name}")
        ).format(name=name)
        try:
            self.window.document.push(MacroCommand(text, commands))
        except NetbuilderError as exc:
            self._say(localized(exc))
            return None
        if renamed:
            self._say(
                translate(
                    "BlockLibraryActions",
                    "Added {asked} from the library as {name} (this project's {asked} is a "
                    "different block)",
                ).format(asked=asked, name=name)
            )
        return node_id

    def add_at_centre(self, source: str, name: str) -> str | None:
        """Double-click or Enter on a palette block: placed like a layer (after the one selected
        layer that feeds nothing yet, wired in; else the free spot nearest the view's centre)."""
        window = self.window
        rects = window.scene.node_rects()
        selected = window.scene.selected_node_ids()
        src = selected[0] if len(selected) == 1 else None
        if src is not None and not window.document.edited.out_edges(src) and src in rects:
            pos = placement.after(rects[src], rects.values())
            node_id = self.add_use(source, name, pos, after=src)
        else:
            centre = window.view.mapToScene(window.view.viewport().rect().center())
            want = (centre.x() - NODE_SIZE[0] / 2, centre.y() - NODE_SIZE[1] / 2)
            node_id = self.add_use(source, name, placement.free_spot(want, rects.values()))
        self._show(node_id)
        return node_id

    def _on_drop(self, raw: bytes, pos: Point) -> None:
        parsed = parse_block_mime(raw)
        if parsed is not None:
            self._show(self.add_use(parsed[0], parsed[1], pos))

    def _show(self, node_id: str | None) -> None:
        if node_id is None:
            return
        self.window.scene.select_nodes([node_id])
        self.window.view.ensure_node_visible(node_id)
        self.window.view.setFocus()

    # --- the library folder -----------------------------------------------------------------

    def save_chosen(self) -> Path | None:
        """Edit > Save Block to Library: the selected use's block, else the palette's current
        project block, else the only block, else the one the user picks."""
        graph = self.window.document.graph
        names = graph.blocks.names()
        if not names:
            self._say(
                translate(
                    "BlockLibraryActions",
                    "This project has no blocks yet: select layers and make a block of them",
                )
            )
            return None
        shown = self.window.document.edited
        used = {
            str(shown.node(n).params.get("block"))
            for n in self.window.scene.selected_node_ids()
            if n in shown and shown.node(n).type == BLOCK
        }
        item = self.window.layer_palette.tree.currentItem()
        current = self.window.layer_palette.block_key(item)
        if len(used) == 1:
            name: str | None = used.pop()
        elif current is not None and current[0] == PROJECT:
            name = current[1]
        elif len(names) == 1:
            name = names[0]
        else:
            name = self.ask_block_name(names)
        return self.save_to_library(name) if name else None

    def save_to_library(self, name: str) -> Path | None:
        """Write project block ``name`` to the library; an existing file is replaced only when
        the user says so."""
        if self.folder is None:
            self._say(translate("BlockLibraryActions", "No folder for the block library"))
            return None
        path = block_path(self.folder, name)
        if path.exists() and not self.ask_overwrite(name, path):
            return None
        try:
            save_block(self.folder, self.window.document.graph.blocks, name)
        except (ProjectFileError, NetbuilderError) as exc:
            self.window.show_error(
                translate("BlockLibraryActions", "Save block to library"), localized(exc)
            )
            return None
        self.refresh(force=True)
        self._say(
            translate("BlockLibraryActions", "Saved block {name} to the library ({path})").format(
                name=name, path=path
            )
        )
        return path

    def remove_from_library(self, name: str) -> bool:
        block = self.library.get(name)
        if block is None or not self.ask_remove(name, block.path):
            return False
        try:
            remove_block_file(block.path)
        except ProjectFileError as exc:
            self.window.show_error(
                translate("BlockLibraryActions", "Remove from library"), localized(exc)
            )
            return False
        self.refresh(force=True)
        self._say(
            translate(
                "BlockLibraryActions",
                "Removed block {name} from the library (projects using it keep their copy)",
            ).format(name=name)
        )
        return True

    # --- the project's blocks ---------------------------------------------------------------

    def uses_of(self, name: str) -> list[str]:
        """Where project block ``name`` is used: node ids in the network, and other blocks."""
        graph = self.window.document.graph
        nodes = [n.id for n in graph.nodes_of_type(BLOCK) if n.params.get("block") == name]
        return nodes + [
            translate("BlockLibraryActions", "block {name}").format(name=b)
            for b in graph.blocks.used_by(name)
        ]

    def delete_block(self, name: str) -> bool:
        """Delete an unused project block (one undo step); refused, with the reason, if used."""
        graph = self.window.document.graph
        if self.window.document.shown_block == name:
            self._say(
                translate(
                    "BlockLibraryActions",
                    "Block {name} is open on the canvas; go back to the network first",
                ).format(name=name)
            )
            return False
        uses = self.uses_of(name)
        if uses:
            listed = ", ".join(uses[:4])
            if len(uses) > 4:
                listed = translate("BlockLibraryActions", "{listed} and {count} more").format(
                    listed=listed, count=len(uses) - 4
                )
            self._say(
                translate(
                    "BlockLibraryActions",
                    "Block {name} is still used ({listed}); delete those uses first",
                ).format(name=name, listed=listed)
            )
            return False
        try:
            self.window.document.push(RemoveBlockCommand(graph, name))
        except NetbuilderError as exc:
            self._say(localized(exc))
            return False
        self._say(
            translate("BlockLibraryActions", "Deleted block {name} (Undo brings it back)").format(
                name=name
            )
        )
        return True

    # --- the palette's context menu ---------------------------------------------------------

    def menu_actions(self, source: str, name: str) -> list[QAction]:
        """Actions for a block row (parentless: they live as long as the caller's list)."""

        def action(text: str, slot: object, tip: str = "") -> QAction:
            act = QAction(text)
            act.setStatusTip(tip)
            act.triggered.connect(lambda _c=False: slot())  # type: ignore[operator]
            return act

        add = action(
            translate("BlockLibraryActions", "&Add to Canvas"),
            lambda: self.add_at_centre(source, name),
        )
        if source == PROJECT:
            uses = self.uses_of(name)
            delete = action(
                translate("BlockLibraryActions", "&Delete Block"),
                lambda: self.delete_block(name),
                _used(len(uses)),
            )
            save = action(
                translate("BlockLibraryActions", "&Save to Library…"),
                lambda: self.save_to_library(name),
            )
            return [add, save, delete]
        remove = action(
            translate("BlockLibraryActions", "&Remove from Library…"),
            lambda: self.remove_from_library(name),
        )
        return [add, remove]

    # --- questions (tests replace these) ----------------------------------------------------

    def ask_overwrite(self, name: str, path: Path) -> bool:
        answer = QMessageBox.question(
            self.window,
            translate("BlockLibraryActions", "Replace library block?"),
            translate(
                "BlockLibraryActions",
                "The library already has a block {name} ({path}). Replace it with this project's?",
            ).format(name=name, path=path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_remove(self, name: str, path: Path) -> bool:
        answer = QMessageBox.question(
            self.window,
            translate("BlockLibraryActions", "Remove from library?"),
            translate(
                "BlockLibraryActions",
                "Remove block {name} from the library ({path})? Projects that use it keep their "
                "own copy.",
            ).format(name=name, path=path),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask_block_name(self, names: list[str]) -> str | None:
        name, ok = QInputDialog.getItem(
            self.window,
            translate("BlockLibraryActions", "Save block to library"),
            translate("BlockLibraryActions", "Block:"),
            names,
            0,
            False,
        )
        return str(name) if ok and name else None

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 8000)


def _used(count: int) -> str:
    """A project block's row menu: how often the block is used."""
    if count == 0:
        return translate("BlockLibraryActions", "Not used")
    if count == 1:
        return translate("BlockLibraryActions", "Used 1 time")
    return translate("BlockLibraryActions", "Used {count} times").format(count=count)


__all__ = ["LIBRARY", "PROJECT", "BlockLibraryActions", "default_library_dir"]
