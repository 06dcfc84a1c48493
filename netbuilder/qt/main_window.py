"""The main window: canvas in the middle, palette, inspector, data and issues around it.

The window owns one ``Document`` for its whole life; File > New / Open swap the project inside
it (``Document.replace_project``), so the canvas and panels stay connected. Questions the window
asks (save changes? which file?) go through small overridable methods so tests can answer them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QColor, QIcon
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QStyle,
    QTabWidget,
    QWidget,
)

from netbuilder.engine.network.memory import estimate_memory
from netbuilder.engine.network.shapes import ShapeReport
from netbuilder.io import ProjectFileError, load_project, save_project
from netbuilder.model import GraphError, NetbuilderError, Project, placement
from netbuilder.model.layout import NODE_SIZE
from netbuilder.model.results import ProjectResults
from netbuilder.qt.about import install_about
from netbuilder.qt.app import app_icon
from netbuilder.qt.block_breadcrumb import BlockBreadcrumb, canvas_area
from netbuilder.qt.block_gestures import BlockGestures
from netbuilder.qt.canvas.scene import GraphScene
from netbuilder.qt.canvas.view import READABLE_ZOOM, GraphView
from netbuilder.qt.data_panel import DataPanel, dataset_info_for
from netbuilder.qt.doctor_ui import DoctorUi
from netbuilder.qt.document import Document
from netbuilder.qt.focus_chain import next_in_sight
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, localized, translate
from netbuilder.qt.inspector import InspectorWidget
from netbuilder.qt.issues_panel import IssuesPanel
from netbuilder.qt.library_actions import BlockLibraryActions
from netbuilder.qt.palette import PaletteWidget
from netbuilder.qt.preferences import Preferences, PreferencesDialog
from netbuilder.qt.recovery import (
    Autosaver,
    default_recovery_folder,
    recovery_folder,
    remember_recovery_folder,
)
from netbuilder.qt.task_progress import TaskProgress
from netbuilder.qt.tasks import registry
from netbuilder.qt.theme import theme_color, themed_icon
from netbuilder.qt.training.controller import TrainingController
from netbuilder.qt.training.evaluation import EvaluationView
from netbuilder.qt.training.panel import TrainingPanel
from netbuilder.qt.training.plots import TrainingPlots
from netbuilder.qt.try_panel import TryPanel
from netbuilder.qt.window_actions import build_actions, retheme_icons
from netbuilder.qt.window_layout import BOTTOM_SHARE, DockLayout, fit_size, fit_to_screen

MAX_RECENT = 8
FILE_FILTER = QT_TRANSLATE_NOOP(
    "MainWindow", "netbuilder projects (*.nbproj *.json);;All files (*)"
)
__all__ = ["BOTTOM_SHARE", "MainWindow"]  # docks' sizes: see window_layout.py
FIRST_SIZE = (1400, 900)  # the first launch's window, made smaller to fit the screen
Save = QMessageBox.StandardButton


def _scrolled(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area, so a tall form never forces a tall window."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


class MainWindow(QMainWindow):
    """One project per window. ``settings`` may be injected (tests use a private file)."""

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else QSettings()
        self.setObjectName("MainWindow")
        self.setWindowIcon(app_icon())
        self.document = Document.new_empty()
        self.load_warnings: list[str] = []
        self._shown_once = False
        self._had_errors = False
        self.scene = GraphScene(self.document)
        self.view = GraphView(self.scene)
        self.view.setObjectName("graphView")
        self.breadcrumb = BlockBreadcrumb()  # "Network > ResBlock" while a block is open
        self.setCentralWidget(canvas_area(self.breadcrumb, self.view))
        self.layer_palette = PaletteWidget()
        self.inspector = InspectorWidget()
        self.issues = IssuesPanel()
        self.data_panel = DataPanel()
        self.training_panel = TrainingPanel()
        self.training_plots = TrainingPlots()
        self.evaluation_view = EvaluationView()
        self.results_tabs = QTabWidget()
        self.results_tabs.setObjectName("trainingTabs")
        self.results_tabs.setDocumentMode(True)
        self.results_tabs.addTab(
            _scrolled(self.training_plots), translate("MainWindow", "Training plots")
        )
        # Scrolled: its minimum (367x190 px with the tabs) was the Issues dock's, tabbed with
        # it, on a first launch (and a small window's column's).
        self.results_tabs.addTab(
            _scrolled(self.evaluation_view), translate("MainWindow", "Evaluation")
        )
        self.results_tabs.addTab(
            _scrolled(self.training_plots.inside), translate("MainWindow", "Inside the network")
        )
        self.palette_dock = self._dock(
            translate("MainWindow", "Layers"),
            "paletteDock",
            self.layer_palette,
            Qt.DockWidgetArea.LeftDockWidgetArea,
        )
        self.inspector_dock = self._dock(
            translate("MainWindow", "Inspector"),
            "inspectorDock",
            self.inspector,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.data_dock = self._dock(
            translate("MainWindow", "Data"),
            "dataDock",
            self.data_panel,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)
        self.training_dock = self._dock(
            translate("MainWindow", "Training"),
            "trainingDock",
            _scrolled(self.training_panel),
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.try_panel = TryPanel()  # one new sample through the trained network
        self.try_dock = self._dock(
            translate("MainWindow", "Try it"),
            "tryDock",
            _scrolled(self.try_panel),
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.tabifyDockWidget(self.inspector_dock, self.data_dock)
        self.tabifyDockWidget(self.data_dock, self.training_dock)
        self.tabifyDockWidget(self.training_dock, self.try_dock)
        self.inspector_dock.raise_()
        self.issues_dock = self._dock(
            translate("MainWindow", "Issues"),
            "issuesDock",
            self.issues,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        self.results_dock = self._dock(
            translate("MainWindow", "Training results"),
            "resultsDock",
            self.results_tabs,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        self.resizeDocks(
            [self.palette_dock, self.inspector_dock], [210, 320], Qt.Orientation.Horizontal
        )
        self.empty_hint = QLabel(
            translate(
                "MainWindow",
                "Drag layers here from the Layers palette (or double-click one).\n"
                "Connect them by dragging from a layer's output port ○ (right side)\n"
                "to the next layer's input port ○ (left side).\n"
                "Or open a ready-made network with File ▸ Open Example.",
            ),
            self.view,  # not the viewport: scrolling moves a viewport's children
        )
        self.empty_hint.setObjectName("emptyCanvasHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setProperty("role", "help")
        self.empty_hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._valid_label = QLabel()
        self._valid_label.setObjectName("validityLabel")
        self._params_label = QLabel()
        self._params_label.setObjectName("paramsLabel")
        self._memory_label = QLabel()  # training memory for the batch size (as `check` prints)
        self._memory_label.setObjectName("memoryLabel")
        self.task_progress = TaskProgress(all_tasks=True)  # any background task, with Cancel
        self.statusBar().addPermanentWidget(self.task_progress)
        self.statusBar().addPermanentWidget(self._valid_label)
        self.statusBar().addPermanentWidget(self._params_label)
        self.statusBar().addPermanentWidget(self._memory_label)
        build_actions(self)
        self.actions_by_name["about"] = install_about(self)  # Help > About; the device
        self.blocks_ui = BlockGestures(self)  # make/open/repeat blocks; the breadcrumb bar
        self.block_library = BlockLibraryActions(self)  # palette blocks, the shared library
        self.block_library.add_to_menu(self.edit_menu)
        self.actions_by_name["save_block"] = self.block_library.save_action
        self.training = TrainingController(
            self.document,
            panel=self.training_panel,
            plots=self.training_plots,
            evaluation=self.evaluation_view,
            issues=self.issues,
            scene=self.scene,
            view=self.view,
            status=self.statusBar().showMessage,
            # Late-bound: show_error is a seam that tests (and subclasses) replace.
            show_error=lambda title, message: self.show_error(title, message),
            parent=self,
        )
        self.training.overlay.bind(self.settings, self.view_menu)  # View > Canvas Tint
        self.doctor = DoctorUi(self)  # Check the Network: findings in Issues, the LR range
        # Unsaved work survives a crash, in the folder Preferences names.
        self.autosaver = Autosaver(self.document, recovery_folder(self.settings), parent=self)
        self.autosaver.failed.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        self.dock_layout = DockLayout(self)  # first arrangement, and room for a run's plots
        self.view.viewport().installEventFilter(self)  # keeps the hint and banner placed
        self._connect()
        self._bind_panels()
        self._update_selection_actions()
        self._restore_settings()
        self._apply_preferences()
        self._update_title()

    # --- construction -----------------------------------------------------------------------

    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    def _connect(self) -> None:
        doc = self.document
        doc.report_changed.connect(self._on_report)
        doc.modified_changed.connect(lambda _m: self._update_title())
        doc.project_replaced.connect(self._bind_panels)
        doc.edit_refused.connect(lambda why: self.statusBar().showMessage(localized(why), 5000))
        doc.edit_lock_changed.connect(self._on_edit_lock)
        self.training_plots.node_clicked.connect(self.show_node)
        self.scene.node_selection_changed.connect(self.inspector.set_selection)
        self.scene.node_selection_changed.connect(self.training_plots.inside.select_nodes)
        self.scene.selectionChanged.connect(self._update_selection_actions)
        self.scene.status_message.connect(lambda msg: self.statusBar().showMessage(msg, 6000))
        self.issues.node_requested.connect(self.show_node)
        self.layer_palette.layer_activated.connect(self.add_layer_at_centre)
        self.data_panel.message.connect(lambda msg: self.statusBar().showMessage(msg, 6000))

    def _bind_panels(self) -> None:
        self.inspector.set_document(self.document)
        self.issues.set_document(self.document, self.load_warnings)
        self.doctor.show_rows()  # an opened project's last-run findings (set_document drops rows)
        self.data_panel.set_document(self.document)
        self.training_panel.set_document(self.document)
        self.try_panel.set_document(self.document)
        # A new project: its problems matter more than old plots; an opened trained project
        # shows its last run (a problem found by the check still raises the Issues list).
        (self.results_dock if self.document.results.runs else self.issues_dock).raise_()
        self._on_report(self.document.report)
        self._update_title()

    # --- status and title -------------------------------------------------------------------

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - keeps the hint centred
        if event.type() == QEvent.Type.Resize:
            self._place_hint()
            self.training.place_banner()
        return super().eventFilter(watched, event)

    def _place_hint(self) -> None:
        self.empty_hint.adjustSize()
        rect = self.empty_hint.rect()
        rect.moveCenter(self.view.viewport().geometry().center())
        self.empty_hint.move(rect.topLeft())
        self.empty_hint.raise_()
        self.empty_hint.setVisible(len(self.document.graph) == 0)

    def _update_selection_actions(self) -> None:
        """Cut, Copy, Duplicate and Delete act on the selection: greyed out without one."""
        try:
            has = bool(self.scene.selectedItems()) and self.document.edit_lock is None
        except RuntimeError:  # the scene is already gone (window closing)
            return
        for name in ("cut", "copy", "duplicate", "delete"):
            self.actions_by_name[name].setEnabled(has)

    def _on_edit_lock(self, reason: str | None) -> None:
        """Edits locked (a run uses the network): the palette and selection actions follow."""
        self.layer_palette.setEnabled(reason is None)
        self._update_selection_actions()

    def _on_report(self, report: ShapeReport) -> None:
        self._place_hint()
        empty = len(self.document.graph) == 0
        errors = 0 if empty else report.error_count  # pending problems are not mistakes
        if errors and not self._had_errors:
            self.issues_dock.raise_()  # a new problem: show the list that explains it
        self._had_errors = bool(errors)
        text, color, weight, tip = _validity(report, errors, empty)
        self._valid_label.setText(text)
        self._valid_label.setToolTip(tip)
        self._valid_label.setStyleSheet(f"color: {color.name()}; font-weight: {weight};")
        total = report.total_params
        counted = not empty and (total or report.ok)  # "0 parameters so far" says nothing
        params = (
            translate("MainWindow", "{total} parameters")
            if report.ok
            else translate("MainWindow", "{total} parameters so far")
        )
        self._params_label.setText(params.format(total=f"{total:,}") if counted else "")
        memory = estimate_memory(report, self.document.project.training) if report.ok else None
        self._memory_label.setText(
            translate("MainWindow", "memory {summary}").format(summary=localized(memory.summary()))
            if memory and not empty
            else ""
        )

    def display_name(self) -> str:
        if self.document.path is not None:
            return self.document.path.name
        return self.document.project.name or translate("MainWindow", "Untitled")

    def _update_title(self) -> None:
        block = self.document.shown_block  # a block open for editing: "file > ResBlock"
        where = f" \u203a {block}" if block else ""
        self.setWindowTitle(f"{self.display_name()}[*]{where} — netbuilder")  # i18n: ignore
        self.setWindowModified(self.document.is_modified)

    # --- questions (overridable in tests) ---------------------------------------------------

    def ask_save_changes(self) -> QMessageBox.StandardButton:
        """Save, Discard or Cancel for unsaved changes."""
        return QMessageBox.question(
            self,
            translate("MainWindow", "Unsaved changes"),
            translate("MainWindow", "Save the changes to {name} before closing it?").format(
                name=self.display_name()
            ),
            Save.Save | Save.Discard | Save.Cancel,
            Save.Save,
        )

    def ask_open_path(self) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("MainWindow", "Open project"),
            self._last_dir(),
            translate("MainWindow", FILE_FILTER),
        )
        return Path(path) if path else None

    def ask_save_path(self) -> Path | None:
        start = str(Path(self._last_dir()) / (self.document.project.name or "untitled"))
        path, chosen = QFileDialog.getSaveFileName(
            self,
            translate("MainWindow", "Save project"),
            start,
            translate(
                "MainWindow", "netbuilder project (*.nbproj);;Project JSON, no weights (*.json)"
            ),
        )
        if not path:
            return None
        path = Path(path)
        if path.suffix.lower() not in (".nbproj", ".json"):
            path = path.with_suffix(".json" if "json" in chosen else ".nbproj")
        return path

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.critical(self, title, message)

    def _last_dir(self) -> str:
        return str(self.settings.value("lastDir", str(Path.home())))

    # --- file operations --------------------------------------------------------------------

    def maybe_discard(self) -> bool:
        """True when the current project may be replaced (saved, discarded or unmodified)."""
        if not self.document.is_modified:
            return True
        answer = self.ask_save_changes()
        if answer == Save.Save:
            return self.save()
        return answer == Save.Discard

    def new_project(self) -> bool:
        if not self.maybe_discard():
            return False
        # Training on the preferred device, with the preferred memory budget.
        self._replace(Preferences.load(self.settings).new_project(), None, [], ProjectResults())
        self.statusBar().showMessage(
            translate("MainWindow", "New project: drag layers from the palette"), 6000
        )
        return True

    def open_dialog(self) -> bool:
        if not self.maybe_discard():
            return False
        path = self.ask_open_path()
        return self.open_path(path, ask=False) if path is not None else False

    def open_path(self, path: Path | str, *, ask: bool = True, as_example: bool = False) -> bool:
        """Open ``path``; on failure show the error and keep the current project as it was."""
        path = Path(path)
        if ask and not self.maybe_discard():
            return False
        try:
            loaded = load_project(path)
        except ProjectFileError as exc:
            self.show_error(translate("MainWindow", "Cannot open project"), localized(exc))
            if not as_example:
                self._forget_recent(path)
            return False
        except OSError as exc:  # pragma: no cover - load_project wraps these
            self.show_error(
                translate("MainWindow", "Cannot open project"), f"{path}: {exc.strerror or exc}"
            )
            return False
        self._replace(
            loaded.project,
            None if as_example else path,
            list(loaded.warnings),
            loaded.results,
            base_dir=path.parent,
        )
        if not as_example:
            self._remember_recent(path)
            self.settings.setValue("lastDir", str(path.parent))
        self.statusBar().showMessage(
            translate("MainWindow", "Opened {name}").format(name=path.name), 4000
        )
        return True

    def open_example(self, path: Path) -> bool:
        """Open a bundled example as an untitled copy, so Save never overwrites it."""
        return self.open_path(path, as_example=True)

    def _replace(
        self,
        project: Project,
        path: Path | None,
        warnings: list[str],
        results: ProjectResults,
        base_dir: Path | None = None,
    ) -> None:
        self.training.shutdown()  # a run of the old project stops before it goes
        info, data_warning = dataset_info_for(project.dataset, base_dir)
        self.load_warnings = warnings + ([data_warning] if data_warning else [])
        self.document.replace_project(project, path, info, results=results, base_dir=base_dir)
        self.view.zoom_on_open(project.view)

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self.save_to(self.document.path)

    def save_as(self) -> bool:
        path = self.ask_save_path()
        return self.save_to(path) if path is not None else False

    def save_to(self, path: Path) -> bool:
        """Write the project (plus its training results for .nbproj) and mark it clean."""
        path = Path(path)
        results = self.document.results.members() if path.suffix.lower() == ".nbproj" else {}
        try:
            save_project(path, self.document.project, **results)
        except (NetbuilderError, OSError) as exc:
            self.show_error(translate("MainWindow", "Cannot save project"), localized(exc))
            return False
        self.document.path = path
        self.document.mark_saved()  # a .json chosen "without weights" leaves none unsaved
        self._remember_recent(path)
        self.settings.setValue("lastDir", str(path.parent))
        self._update_title()
        self.statusBar().showMessage(
            translate("MainWindow", "Saved {name}").format(name=path.name), 4000
        )
        return True

    # --- recent files ---------------------------------------------------------------------

    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _remember_recent(self, path: Path) -> None:
        entry = str(Path(path).resolve())
        files = [entry] + [f for f in self.recent_files() if f != entry]
        self.settings.setValue("recentFiles", files[:MAX_RECENT])

    def _forget_recent(self, path: Path) -> None:
        entry = str(Path(path).resolve())
        self.settings.setValue("recentFiles", [f for f in self.recent_files() if f != entry])

    # --- edit operations --------------------------------------------------------------------

    def add_layer_at_centre(self, layer_type: str) -> str | None:
        """Add a layer from the palette (double-click, or search + Enter) and select it.

        With one node selected whose output feeds nothing yet, the layer goes right after it,
        wired in (one undo step), so a chain is built by double-clicks; otherwise it goes to
        the free spot nearest the middle of the view. It never lands on another card. The
        canvas takes the keyboard focus, so search + Enter, then Delete, undoes a wrong pick."""
        rects = self.scene.node_rects()
        selected = self.scene.selected_node_ids()
        src = selected[0] if len(selected) == 1 else None
        try:
            if src is not None and not self.document.edited.out_edges(src):
                src_rect = next(r for n, r in rects.items() if n == src)
                pos = placement.after(src_rect, rects.values())
                node_id = self.document.add_node_after(layer_type, src, pos)
            else:
                centre = self.view.mapToScene(self.view.viewport().rect().center())
                want = (centre.x() - NODE_SIZE[0] / 2, centre.y() - NODE_SIZE[1] / 2)
                pos = placement.free_spot(want, rects.values())
                node_id = self.document.add_node(layer_type, pos)
        except GraphError as exc:
            self.statusBar().showMessage(localized(exc), 6000)
            return None
        self.scene.select_nodes([node_id])
        self.view.ensure_node_visible(node_id)
        self.view.setFocus()  # Delete, arrows and Ctrl+C act on the new layer at once
        return node_id

    def auto_arrange(self) -> None:
        """Lay the network out in the canvas's shape, then show it at a readable zoom."""
        size = self.view.viewport().size()
        self.document.auto_arrange(
            aspect=size.width() / max(1, size.height()),
            max_width=size.width() / READABLE_ZOOM - 80.0,  # what Fit shows, less its margin
        )
        self.view.zoom_to_fit(READABLE_ZOOM)

    def show_node(self, node_id: str) -> None:
        """Select ``node_id`` and bring it into view (Issues rows); a layer path inside a
        block use (``res_block_1.c2``) shows the use."""
        node_id = node_id.partition(".")[0]
        if node_id not in self.document.graph:
            return
        self.document.show_block(None)  # rows name the network's nodes, never a body's
        self.scene.select_nodes([node_id])
        item = self.scene.node_item(node_id)
        if item is not None:
            self.view.centerOn(item)
        self.view.setFocus()

    # --- settings and closing ---------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
            fit_to_screen(self)  # saved on a larger screen
        else:
            self.resize(*self._first_size())
        state = self.settings.value("window/state")
        self._state_restored = isinstance(state, QByteArray) and not state.isEmpty()
        if self._state_restored:
            self.restoreState(state)
            right = self.settings.value("window/right_tabs")
            if str(right) in ("0", "1", "2", "3"):  # North, South, West, East
                position = QTabWidget.TabPosition(int(right))
                self.setTabPosition(Qt.DockWidgetArea.RightDockWidgetArea, position)

    def _first_size(self) -> tuple[int, int]:
        """``FIRST_SIZE``, or the screen's available area less a little when that is smaller."""
        return fit_size(QSize(*FIRST_SIZE), self).toTuple()

    def _rein_in_bottom(self) -> None:
        """A bottom dock taller than its share (a layout saved from an older version, or in
        a larger window) gives the canvas its room back."""
        limit = self.dock_layout.bottom_limit()
        docks = [
            d
            for d in (self.issues_dock, self.results_dock)
            if d.isVisible() and not d.isFloating() and d.height() > limit
        ]
        if docks:
            self.resizeDocks(docks, [limit] * len(docks), Qt.Orientation.Vertical)

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        # Not in saveState: where the right-hand column's tab titles are (compact layouts put
        # them on its outer edge, where they read whole).
        right = self.tabPosition(Qt.DockWidgetArea.RightDockWidgetArea)
        self.settings.setValue("window/right_tabs", int(right.value))
        self.settings.sync()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._shown_once:  # the view has its real size only now
            self._shown_once = True
            if not self._state_restored:  # dock layout only takes once the window is laid out
                self.dock_layout.first_launch()
            else:  # once the restored layout has taken
                QTimer.singleShot(0, self._rein_in_bottom)
            self.view.zoom_on_open(self.document.project.view)

    def preferences_dialog(self) -> PreferencesDialog:
        """Edit > Preferences, not yet shown; what it saves applies to this window at once."""
        dialog = PreferencesDialog(self.settings, default_recovery_folder(), self)
        dialog.accepted.connect(self._apply_preferences)
        return dialog

    def open_preferences(self) -> None:
        dialog = self.preferences_dialog()
        dialog.exec()
        dialog.deleteLater()  # one dialog per opening, not one more kept each time

    def _apply_preferences(self) -> None:
        """The saved preferences that concern a window (the theme is the application's)."""
        self.training.inside_every = Preferences.load(self.settings).inside_every
        folder = recovery_folder(self.settings)
        if folder != self.autosaver.folder:  # files left in the old one are still offered
            remember_recovery_folder(self.settings, self.autosaver.folder, folder)
            self.autosaver.set_folder(folder)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_valid_label"):
            self._on_report(self.document.report)  # the status bar's verdict in theme colours
            retheme_icons(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.maybe_discard():
            event.ignore()
            return
        self.training.shutdown()
        self.save_settings()
        self.data_panel.shutdown()
        registry().cancel_all(self)  # imports stop at their next chunk; exports end their write
        registry().wait_all(window=self)
        self.autosaver.close()  # a clean close: the recovery file goes
        event.accept()

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt override
        """Tab skips widgets out of sight (the hidden tabs of tabified docks)."""
        widget = next_in_sight(self, next)
        if widget is None:
            return super().focusNextPrevChild(next)
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        widget.setFocus(reason)
        return True

    def standard_icon(self, name: str) -> QIcon:
        """A style's icon; a black one (an arrow) in the text's colour on a dark theme."""
        return themed_icon(self.style().standardIcon(getattr(QStyle.StandardPixmap, name)), name)


def _validity(report: ShapeReport, errors: int, empty: bool) -> tuple[str, QColor, int, str]:
    """Status-bar text, colour, font weight and tooltip for the network's state: red only for
    mistakes; a network still being built (a layer not connected yet, no dataset chosen) is
    said quietly."""
    muted = theme_color("muted")
    if empty:
        tip = translate("MainWindow", "Drag layers from the palette to start")
        return translate("MainWindow", "Empty network"), muted, 400, tip
    if errors:
        text = (
            translate("MainWindow", "1 error")
            if errors == 1
            else translate("MainWindow", "{count} errors").format(count=errors)
        )
        return text, theme_color("error"), 600, translate("MainWindow", "See the Issues list")
    loose = len(report.unconnected)
    if loose:
        tip = translate("MainWindow", "Connect: {layers}").format(
            layers=", ".join(report.unconnected)
        )
        text = (
            translate("MainWindow", "1 layer not connected yet")
            if loose == 1
            else translate("MainWindow", "{count} layers not connected yet").format(count=loose)
        )
        return text, muted, 400, tip
    if report.incomplete:
        tip = "\n".join(localized(line) for line in report.incomplete)
        return translate("MainWindow", "Not finished"), muted, 400, tip
    if report.awaiting_data or report.notes:
        tip = translate(
            "MainWindow",
            "Shapes are checked against the dataset once one is chosen in the Data tab",
        )
        return translate("MainWindow", "No dataset yet"), muted, 400, tip
    tip = translate("MainWindow", "Every layer's shape fits")
    return translate("MainWindow", "Valid"), theme_color("ok"), 600, tip
