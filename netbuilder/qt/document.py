"""One open project: the model, its undo stack, its latest shape report and its results.

Every edit method pushes exactly one undo command (a macro for multi-step gestures). Shapes are
re-checked once per undo-stack step, so a macro of twenty model changes is checked once; edits
made straight on the graph are picked up by a zero-timer. "Modified" is the stack's clean state.
The project's training results (weights, history, checkpoint) have their owner here too, with a
signal; so has the edit lock a training run holds, which widgets follow themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from netbuilder.engine.data.info import DatasetInfo
from netbuilder.engine.network.fixes import Fix, plan_fix
from netbuilder.engine.network.shapes import ShapeChecker, ShapeReport
from netbuilder.model import (
    DatasetBinding,
    Edge,
    Graph,
    GraphError,
    Project,
    TrainingSettings,
)
from netbuilder.model.layout import NODE_SIZE, arrange_graph
from netbuilder.model.placement import snap
from netbuilder.model.results import ProjectResults
from netbuilder.qt.block_commands import drop_targets, port_removal
from netbuilder.qt.block_navigator import BlockNavigator
from netbuilder.qt.commands import (
    AddNodeCommand,
    CallbackCommand,
    ConnectCommand,
    DisconnectCommand,
    GraphCommand,
    MacroCommand,
    MoveNodesCommand,
    RemoveNodeCommand,
    RenameNodeCommand,
    SetParamsCommand,
    command_for_edit,
)
from netbuilder.qt.i18n import localized, translate
from netbuilder.qt.paste_commands import paste_commands
from netbuilder.qt.report_view import ReportView

log = logging.getLogger(__name__)
Point = tuple[float, float]


class Document(QObject):
    report_changed = Signal(object)
    modified_changed = Signal(bool)
    dataset_changed = Signal(object)
    project_replaced = Signal()
    #: The edit lock changed: the reason (str) while locked, None when edits are allowed again.
    edit_lock_changed = Signal(object)
    #: An edit was refused because of the lock; carries the reason to show the user.
    edit_refused = Signal(object)
    #: What is wrong with the bound data, found when it was read (None: nothing, or not read).
    data_problem_changed = Signal(object)
    #: The project's training results changed (a run ended, a project was opened): the new
    #: ``ProjectResults``.
    results_changed = Signal(object)

    def __init__(
        self,
        project: Project | None = None,
        path: Path | None = None,
        dataset_info: DatasetInfo | None = None,
        parent: QObject | None = None,
        *,
        results: ProjectResults | None = None,
        base_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.undo_stack.indexChanged.connect(self._on_index_changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.recheck)
        self._checker = ShapeChecker()
        self._checked_revision: object = -1
        self.navigator = BlockNavigator(self, lambda: self._on_graph_changed())
        self.shown_changed = self.navigator.shown_changed
        self.report = ShapeReport()
        self.view = ReportView(self.report)
        self.project: Project = Project()
        self.results = ProjectResults()
        self._saved_results = self.results  # what the file holds: results since are unsaved
        self.edit_lock: str | None = None
        self.data_problem: str | None = None
        self._base_dir: Path | None = None
        self._attach(project or Project(), path, dataset_info, results, base_dir)

    # --- construction ---------------------------------------------------------------------

    @classmethod
    def from_project(
        cls, project: Project, path: Path | None = None, dataset_info: DatasetInfo | None = None
    ) -> Document:
        return cls(project, path, dataset_info)

    @classmethod
    def new_empty(cls) -> Document:
        return cls(Project())

    def replace_project(
        self,
        project: Project,
        path: Path | None = None,
        dataset_info: DatasetInfo | None = None,
        *,
        results: ProjectResults | None = None,
        base_dir: Path | None = None,
    ) -> None:
        """Swap in another project (File > Open): history cleared, views told to rebuild.

        ``results`` are what the opened file holds; ``base_dir`` is where its relative data
        paths point when it has no ``path`` of its own (an example opened as a copy).
        """
        self.graph.events.changed.disconnect(self._on_graph_changed)
        self.navigator.follow(None)
        self.undo_stack.clear()
        self._attach(project, path, dataset_info, results, base_dir)
        self.project_replaced.emit()
        self.dataset_changed.emit(self.dataset_info)
        self.results_changed.emit(self.results)

    def _attach(
        self,
        project: Project,
        path: Path | None,
        info: DatasetInfo | None,
        results: ProjectResults | None,
        base_dir: Path | None,
    ) -> None:
        self.project = project
        self.path = Path(path) if path is not None else None
        self.dataset_info = info
        self.data_problem = None
        self.results = self._saved_results = results or ProjectResults()
        self._base_dir = Path(base_dir) if base_dir is not None else None
        self.graph.events.changed.connect(self._on_graph_changed)
        self.navigator.follow(self.graph)
        self.recheck()

    @property
    def graph(self) -> Graph:
        return self.project.graph

    @property
    def edited(self) -> Graph:
        """The graph the canvas shows and edits act on: the network, or an open block's body."""
        return self.navigator.graph

    @property
    def shown_block(self) -> str | None:
        return self.navigator.name

    def show_block(
        self, name: str | None, use_id: str | None = None, *, inside: bool = False
    ) -> None:
        """Show (and edit) block ``name``'s body on the canvas (with the shapes its layers have
        in use ``use_id``; ``inside``: a use in the body shown now); None: the network."""
        self.navigator.show(name, use_id, inside=inside)

    def leave_block(self) -> None:
        """One level out of the open block (Esc): the block around it, or the network."""
        self.navigator.up()

    @property
    def shown_view(self) -> ReportView:
        """The report's text for the graph on the canvas (an open body: its use's layers)."""
        return self.view if self.navigator.name is None else self.navigator.view(self.report)

    @property
    def shown_report(self) -> ShapeReport:
        """The check of the graph on the canvas (an open body: as its use runs it)."""
        return self.navigator.report(self.report)

    def _revision(self) -> object:
        """Changes whenever the network or any block definition changes."""
        return (self.graph.revision, tuple((d.name, d.revision) for d in self.graph.blocks))

    @property
    def base_dir(self) -> Path | None:
        """The folder relative data paths are read from: the project file's, once it has one
        (so it follows Save As), else the one it was opened from (an example's copy)."""
        return self.path.parent if self.path is not None else self._base_dir

    @base_dir.setter
    def base_dir(self, folder: Path | None) -> None:
        self._base_dir = Path(folder) if folder is not None else None

    def set_results(self, results: ProjectResults) -> None:
        """New training results (a run ended): the project is modified until Save writes them."""
        was = self.is_modified
        self.results = results
        self.results_changed.emit(results)
        if self.is_modified != was:
            self.modified_changed.emit(self.is_modified)

    @property
    def is_modified(self) -> bool:
        """Edits since the last save (the undo stack's clean state), or unsaved results."""
        return not self.undo_stack.isClean() or self.results is not self._saved_results

    def _on_clean_changed(self, _clean: bool) -> None:
        self.modified_changed.emit(self.is_modified)

    def mark_saved(self) -> None:
        """The project (and, in a .nbproj, its results) was written."""
        was = self.is_modified
        self._saved_results = self.results
        self.undo_stack.setClean()
        if self.is_modified != was:
            self.modified_changed.emit(self.is_modified)

    def mark_unsaved(self) -> None:
        """What the window shows is not what its file holds (recovered unsaved work): the
        stack is never clean again until the next save (``cleanChanged`` tells the views)."""
        self.undo_stack.resetClean()

    # --- shape checking -------------------------------------------------------------------

    def recheck(self) -> None:
        """Run the shape checker now and tell the views (they update only what changed)."""
        self._timer.stop()
        self._checked_revision = self._revision()
        self.report = self._run_checker()
        self.view = ReportView(self.report)
        self.report_changed.emit(self.report)

    def _run_checker(self) -> ShapeReport:
        try:
            return self._checker.check(
                self.graph,
                dataset=self.dataset_info,
                loss=self.project.training.loss,
                no_dataset=self.project.dataset is None,
            )
        except Exception:  # a checker bug must not take the editor down
            log.exception("shape check failed")
            return ShapeReport()

    def _on_graph_changed(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def _on_index_changed(self, _index: int) -> None:
        if self._revision() != self._checked_revision:
            self.recheck()

    def _invalidate(self) -> None:
        self._checked_revision = -1
        self._on_graph_changed()

    # --- edit lock (while training) -------------------------------------------------------

    def set_edit_lock(self, reason: str | None) -> None:
        """Refuse every edit with ``reason`` (a run is using the network); None unlocks."""
        if reason != self.edit_lock:
            self.edit_lock = reason
            self.edit_lock_changed.emit(reason)

    def _check_lock(self, node: str | None = None) -> None:
        if self.edit_lock is not None:
            self.edit_refused.emit(self.edit_lock)
            raise EditLockedError(self.edit_lock, node=node)

    def _refused(self) -> bool:
        """For gestures whose callers expect no error (Delete key, nudges, renames)."""
        if self.edit_lock is None:
            return False
        self.edit_refused.emit(self.edit_lock)
        return True

    # --- edits: each pushes one undo step -------------------------------------------------

    def push(self, command: GraphCommand) -> None:
        """Run ``command`` (raising the model's error, nothing pushed) and record it."""
        self._check_lock()
        command.execute()
        self.undo_stack.push(command)

    def add_node(self, layer_type: str, pos: Point, params: Mapping[str, Any] | None = None) -> str:
        if layer_type == "BlockInput" and "index" not in (params or {}):  # the next port
            params = {**(params or {}), "index": len(self.edited.nodes_of_type(layer_type))}
        block = (params or {}).get("block", "") if layer_type == "Block" else ""
        node_id = self.edited.new_id(layer_type, str(block))
        self.push(AddNodeCommand(self.edited, layer_type, params, snap(pos), node_id))
        return node_id

    def add_node_after(self, layer_type: str, src: str, pos: Point) -> str:
        """Add a layer at ``pos`` fed by ``src``'s output: one undo step. When the new layer
        cannot take that input (an Input layer, say), it is only added."""
        node_id = self.edited.new_id(layer_type)
        add = AddNodeCommand(self.edited, layer_type, None, snap(pos), node_id)
        cmds: list[GraphCommand] = [add]
        if self.edited.spec_of(layer_type).inputs > 0:  # a fresh node: no cycle, no taken port
            cmds.append(ConnectCommand(self.edited, Edge(src, node_id, 0)))
        self.push(
            MacroCommand(
                translate("Document", "Add {layer} after {src}").format(layer=layer_type, src=src),
                cmds,
            )
        )
        return node_id

    def connect(self, src: str, dst: str, port: int | None = None) -> Edge:
        error = self.edited.can_connect(src, dst, port)
        if error is not None:
            raise error
        if port is None:
            port = self.edited.free_port(dst)
        edge = Edge(src, dst, int(port or 0))
        self.push(ConnectCommand(self.edited, edge))
        return edge

    def disconnect(self, edge: Edge) -> None:
        self.push(DisconnectCommand(self.edited, edge))

    def remove_nodes(self, ids: Iterable[str]) -> None:
        self.delete(ids, ())

    def delete(self, node_ids: Iterable[str], edges: Iterable[Edge] = ()) -> None:
        """Delete nodes (with all their edges) and edges as one undo step."""
        if self._refused():
            return
        ids = [n for n in dict.fromkeys(node_ids) if n in self.edited]
        doomed = {e for e in edges if self.edited.edge_into(e.dst, e.dst_port) == e}
        for node_id in ids:
            doomed.update(self.edited.in_edges(node_id))
            doomed.update(self.edited.out_edges(node_id))
        if not ids and not doomed:
            return
        ordered = sorted(doomed, key=lambda e: (e.dst, e.dst_port))
        cmds: list[GraphCommand] = [DisconnectCommand(self.edited, e) for e in ordered]
        cmds += [RemoveNodeCommand(self.edited, n) for n in ids]
        unbind = drop_targets(self.graph, self.shown_block, ids)
        before, after = port_removal(self.graph, self.shown_block, ids)
        cmds = ([unbind] if unbind is not None else []) + before + cmds + after
        if len(ids) == 1:
            text = translate("Document", "Delete {node}").format(node=ids[0])
        elif ids:
            text = translate("Document", "Delete {count} nodes").format(count=len(ids))
        elif len(ordered) == 1:
            text = translate("Document", "Delete connection")
        else:
            text = translate("Document", "Delete {count} connections").format(count=len(ordered))
        self.push(MacroCommand(text, cmds))

    def set_params(self, node_id: str, params: Mapping[str, Any]) -> None:
        """Change parameters; raises ParamError (nothing pushed) for a bad value."""
        self._check_lock(node_id)
        cmd = SetParamsCommand(self.edited, node_id, params)
        cmd.execute()
        if cmd.changed:
            self.undo_stack.push(cmd)

    def rename_node(self, node_id: str, name: str) -> None:
        if self._refused():
            return
        if self.edited.node(node_id).name != name:
            self.push(RenameNodeCommand(self.edited, node_id, name))

    def move_nodes(self, moves: Mapping[str, tuple[Point, Point]], *, nudge: bool = False) -> None:
        """One undo step for a drag; ``nudge`` merges consecutive arrow-key moves."""
        moves = {k: (old, new) for k, (old, new) in moves.items() if tuple(old) != tuple(new)}
        if moves and not self._refused():
            self.push(MoveNodesCommand(self.edited, moves, mergeable=nudge))

    def paste(self, data: Mapping[str, Any], offset: Point = (30.0, 30.0)) -> list[str]:
        """Add a copied selection with fresh ids, shifted by ``offset``; returns the new ids."""
        cmds, mapping = paste_commands(self.edited, data, offset)
        if cmds:
            self.push(
                MacroCommand(
                    translate("Document", "Paste {count} nodes").format(count=len(mapping)), cmds
                )
            )
        return list(mapping.values())

    def auto_arrange(
        self,
        direction: str = "LR",
        node_size: Point = NODE_SIZE,
        aspect: float | None = None,
        max_width: float | None = None,
    ) -> None:
        """Lay the graph out; with ``aspect`` (the canvas's width / height), long chains wrap
        into rows so the drawing has about that shape, rows no longer than ``max_width``."""
        positions = arrange_graph(
            self.edited, direction, node_size=node_size, aspect=aspect, max_width=max_width
        )
        moves = {n: (self.edited.node(n).pos, snap(p)) for n, p in positions.items()}
        moves = {k: (old, new) for k, (old, new) in moves.items() if old != new}
        if moves:
            self.push(
                MoveNodesCommand(self.edited, moves, text=translate("Document", "Auto-arrange"))
            )

    def apply_fix(self, fix: Fix) -> None:
        """Apply a checker's suggested fix (insert a layer on an edge, or set a parameter)."""
        edits = plan_fix(self.graph, fix)
        self.push(
            MacroCommand(localized(fix.label), [command_for_edit(self.graph, e) for e in edits])
        )

    def set_dataset(self, binding: DatasetBinding | None, info: DatasetInfo | None) -> None:
        """Bind data; the Input node's shape follows it, all in one undo step."""
        old = (self.project.dataset, self.dataset_info)
        cmds: list[GraphCommand] = [
            CallbackCommand("", lambda: self._set_data(binding, info), lambda: self._set_data(*old))
        ]
        if info is not None:
            reads = {i.name: i for i in info.inputs}  # several inputs: each Input its own
            for node in self.graph.nodes_of_type("Input"):
                item = reads.get(node.params.get("data", "")) if reads else None
                if reads and item is None:
                    continue  # reads none yet: the shape check says so on the node
                shape = item.shape if item else info.input_shape
                wanted = {"shape": tuple(shape), "dtype": item.dtype if item else info.input_dtype}
                if {k: node.params.get(k) for k in wanted} != wanted:
                    cmds.append(SetParamsCommand(self.graph, node.id, wanted))
        name = binding.name or binding.path if binding else ""
        text = (
            translate("Document", "Use dataset {name}").format(name=name)
            if binding
            else translate("Document", "Unbind dataset")
        )
        self.push(MacroCommand(text, cmds))

    def attach_dataset_info(self, info: DatasetInfo) -> None:
        """What the bound data turned out to be, read after the project opened (off the GUI
        thread): the shapes are checked against it. Not an edit: nothing goes on the stack."""
        self.dataset_info = info
        self._invalidate()
        self.dataset_changed.emit(info)

    def set_data_problem(self, message: str | None) -> None:
        """Why the bound data cannot be read (from the Data panel's read), or None."""
        if message != self.data_problem:
            self.data_problem = message
            self.data_problem_changed.emit(message)

    def _set_data(self, binding: DatasetBinding | None, info: DatasetInfo | None) -> None:
        self.project.dataset, self.dataset_info = binding, info
        self._invalidate()
        self.dataset_changed.emit(info)

    def set_training(self, settings: TrainingSettings) -> None:
        settings.validate()
        old = self.project.training
        self.push(
            CallbackCommand(
                translate("Document", "Change training settings"),
                lambda: self._set_training(settings),
                lambda: self._set_training(old),
            )
        )

    def _set_training(self, settings: TrainingSettings) -> None:
        self.project.training = settings
        self._invalidate()


class EditLockedError(GraphError):
    """An edit refused while a training run uses the network; the message says why."""
