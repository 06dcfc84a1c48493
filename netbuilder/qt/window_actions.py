"""The main window's actions, menus and toolbar (standard shortcuts, icons, status tips)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from netbuilder.qt.app import bundled_examples
from netbuilder.qt.canvas.keyboard import wiring_actions
from netbuilder.qt.canvas.view import READABLE_ZOOM
from netbuilder.qt.export_menu import ExportMenu
from netbuilder.qt.i18n import translate
from netbuilder.qt.model_import import show_import_dialog


def make_action(
    window: Any,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence.StandardKey | str | None = None,
    icon: str | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    action.setIconText(plain_text(text).rstrip("…"))  # a toolbar's: "新建", not "新建(N)"
    if shortcut is not None:
        action.setShortcuts(
            QKeySequence.keyBindings(shortcut)
            if isinstance(shortcut, QKeySequence.StandardKey)
            else [QKeySequence(shortcut)]
        )
    if icon:
        set_standard_icon(window, action, icon)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(f"{plain_text(text).rstrip('…')} — {tip}")
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def plain_text(text: str) -> str:
    """An action's text without its mnemonic: "&Save" and "保存(&S)" read "Save", "保存"."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "")


ICON_NAME = "standardIcon"  # an action's property: its icon, drawn again for a new theme


def set_standard_icon(window: Any, action: QAction, name: str) -> None:
    action.setProperty(ICON_NAME, name)
    action.setIcon(window.standard_icon(name))


def retheme_icons(window: Any) -> None:
    """The theme changed: the actions' standard icons in its colours."""
    for action in window.findChildren(QAction):
        name = action.property(ICON_NAME)
        if name:
            action.setIcon(window.standard_icon(name))


def build_actions(window: Any) -> None:
    """Actions, menus and the toolbar of ``window``; ``window.actions_by_name`` keeps them."""
    key = QKeySequence.StandardKey
    a = window.actions_by_name = {}
    a["new"] = make_action(
        window,
        translate("MainWindow", "&New"),
        window.new_project,
        key.New,
        "SP_FileIcon",
        translate("MainWindow", "Start an empty project"),
    )
    a["open"] = make_action(
        window,
        translate("MainWindow", "&Open…"),
        window.open_dialog,
        key.Open,
        "SP_DialogOpenButton",
        translate("MainWindow", "Open a project file"),
    )
    a["import_model"] = make_action(
        window,
        translate("MainWindow", "&Import Model…"),
        lambda: show_import_dialog(window),
        "Ctrl+Shift+I",
        None,
        translate("MainWindow", "Open a PyTorch model (.py or .pt2) as an editable network"),
    )
    a["save"] = make_action(
        window,
        translate("MainWindow", "&Save"),
        window.save,
        key.Save,
        "SP_DialogSaveButton",
        translate("MainWindow", "Save the project"),
    )
    a["save_as"] = make_action(
        window, translate("MainWindow", "Save &As…"), window.save_as, key.SaveAs
    )
    a["quit"] = make_action(window, translate("MainWindow", "&Quit"), window.close, key.Quit)
    undo = window.document.undo_stack.createUndoAction(window, translate("MainWindow", "&Undo"))
    undo.setShortcuts(QKeySequence.keyBindings(key.Undo))
    set_standard_icon(window, undo, "SP_ArrowBack")
    redo = window.document.undo_stack.createRedoAction(window, translate("MainWindow", "&Redo"))
    redo.setShortcuts(QKeySequence.keyBindings(key.Redo))
    set_standard_icon(window, redo, "SP_ArrowForward")
    a["undo"], a["redo"] = undo, redo
    a["cut"] = make_action(
        window, translate("MainWindow", "Cu&t"), lambda: window.scene.cut_to_clipboard(), key.Cut
    )
    a["copy"] = make_action(
        window, translate("MainWindow", "&Copy"), lambda: window.scene.copy_to_clipboard(), key.Copy
    )
    a["paste"] = make_action(
        window,
        translate("MainWindow", "&Paste"),
        lambda: window.scene.paste_from_clipboard(),
        key.Paste,
    )
    a["duplicate"] = make_action(
        window,
        translate("MainWindow", "D&uplicate"),
        lambda: window.scene.duplicate_selection(),
        "Ctrl+D",
    )
    a["delete"] = make_action(
        window,
        translate("MainWindow", "&Delete"),
        lambda: window.scene.delete_selection(),
        key.Delete,
        "SP_TrashIcon",
        translate("MainWindow", "Delete the selected layers and connections"),
    )
    a["select_all"] = make_action(
        window,
        translate("MainWindow", "Select &All"),
        lambda: window.scene.select_all(),
        key.SelectAll,
    )
    a["arrange"] = make_action(
        window,
        translate("MainWindow", "Auto-&arrange"),
        lambda: window.auto_arrange(),
        "Ctrl+L",
        "SP_BrowserReload",
        translate("MainWindow", "Lay the network out left to right"),
    )
    a["preferences"] = make_action(
        window,
        translate("MainWindow", "Pre&ferences…"),
        window.open_preferences,
        key.Preferences,
        None,
        translate(
            "MainWindow",
            "Theme, new projects' device and memory, recovery files, training statistics",
        ),
    )
    a["preferences"].setMenuRole(QAction.MenuRole.PreferencesRole)
    a["zoom_in"] = make_action(
        window, translate("MainWindow", "Zoom &In"), lambda: window.view.zoom_in(), key.ZoomIn
    )
    a["zoom_out"] = make_action(
        window, translate("MainWindow", "Zoom &Out"), lambda: window.view.zoom_out(), key.ZoomOut
    )
    a["fit"] = make_action(
        window,
        translate("MainWindow", "&Fit to Window"),
        lambda: window.view.zoom_to_fit(READABLE_ZOOM),
        "Ctrl+0",
        "SP_TitleBarMaxButton",
        translate("MainWindow", "Show the whole network"),
    )
    a["reset_zoom"] = make_action(
        window, translate("MainWindow", "&Actual Size"), lambda: window.view.reset_zoom(), "Ctrl+1"
    )

    bar = window.menuBar()
    file_menu = bar.addMenu(translate("MainWindow", "&File"))
    file_menu.addActions([a["new"], a["open"]])
    examples = file_menu.addMenu(translate("MainWindow", "Open &Example"))
    examples.setObjectName("examplesMenu")
    for title, path in bundled_examples():
        act = examples.addAction(translate("Examples", title))
        act.setData(str(path))
        act.triggered.connect(lambda _c=False, p=path: _open_example_asking(window, p))
    window.recent_menu = file_menu.addMenu(translate("MainWindow", "Open &Recent"))
    window.recent_menu.aboutToShow.connect(lambda: _fill_recent_menu(window))
    file_menu.addAction(a["import_model"])
    file_menu.addSeparator()
    file_menu.addActions([a["save"], a["save_as"]])
    window.export_menu = ExportMenu(window, file_menu)
    file_menu.addMenu(window.export_menu)
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    edit = window.edit_menu = bar.addMenu(translate("MainWindow", "&Edit"))
    edit.addActions([undo, redo])
    edit.addSeparator()
    edit.addActions([a["cut"], a["copy"], a["paste"], a["duplicate"], a["delete"]])
    edit.addSeparator()
    edit.addActions([a["select_all"], a["arrange"]])
    edit.addSeparator()  # C and Shift+C: wiring from the keyboard (canvas focus only)
    a["connect_next"], a["connect_to"] = wiring_actions(window.view, window.scene.keys)
    edit.addActions([a["connect_next"], a["connect_to"]])
    edit.addSeparator()
    edit.addAction(a["preferences"])
    view = window.view_menu = bar.addMenu(translate("MainWindow", "&View"))
    view.addActions([a["zoom_in"], a["zoom_out"], a["fit"], a["reset_zoom"]])
    view.addSeparator()
    for dock in (
        window.palette_dock,
        window.inspector_dock,
        window.data_dock,
        window.training_dock,
        window.issues_dock,
        window.results_dock,
    ):
        view.addAction(dock.toggleViewAction())

    tools = QToolBar(translate("MainWindow", "Main toolbar"), window)
    tools.setObjectName("mainToolbar")
    tools.setMovable(False)
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    tools.addActions([a["new"], a["open"], a["save"]])
    tools.addSeparator()
    window.history_actions = [
        _short_history_action(window, undo, undo=True),
        _short_history_action(window, redo, undo=False),
    ]
    tools.addActions(window.history_actions)
    tools.addSeparator()
    tools.addActions([a["delete"], a["arrange"], a["fit"]])
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, tools)
    window.toolbar = tools
    window.document.edit_lock_changed.connect(lambda reason: _follow_edit_lock(window, reason))


# Actions that change the network: greyed out while a run holds the document's edit lock.
# (Cut, Duplicate and Delete also need a selection: the window's _update_selection_actions.)
EDIT_ACTIONS = ("paste", "arrange", "undo", "redo")


def _follow_edit_lock(window: Any, reason: str | None) -> None:
    locked = reason is not None
    stack = window.document.undo_stack
    can = {"undo": stack.canUndo(), "redo": stack.canRedo()}
    for name in EDIT_ACTIONS:
        window.actions_by_name[name].setEnabled(not locked and can.get(name, True))
    for action, name in zip(window.history_actions, ("undo", "redo"), strict=True):
        action.setEnabled(not locked and can[name])


def _short_history_action(window: Any, full: QAction, *, undo: bool) -> QAction:
    """Toolbar twin of Undo/Redo with a fixed short label; the tooltip says what it undoes."""
    stack = window.document.undo_stack
    text = translate("MainWindow", "Undo") if undo else translate("MainWindow", "Redo")
    short = QAction(text, window)
    set_standard_icon(window, short, full.property(ICON_NAME))
    short.triggered.connect(stack.undo if undo else stack.redo)
    can = stack.canUndoChanged if undo else stack.canRedoChanged
    what = stack.undoTextChanged if undo else stack.redoTextChanged
    can.connect(short.setEnabled)
    what.connect(short.setStatusTip)
    short.setEnabled(stack.canUndo() if undo else stack.canRedo())
    return short


def _open_example_asking(window: Any, path: Path) -> None:
    if window.maybe_discard():
        window.open_example(path)


def _fill_recent_menu(window: Any) -> None:
    window.recent_menu.clear()
    files = window.recent_files()
    for entry in files:
        act = window.recent_menu.addAction(Path(entry).name)
        act.setToolTip(entry)
        act.setStatusTip(entry)
        act.triggered.connect(lambda _c=False, p=entry: window.open_path(Path(p)))
    if not files:
        window.recent_menu.addAction(translate("MainWindow", "No recent projects")).setEnabled(
            False
        )
