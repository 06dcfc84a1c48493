"""The main window driven like a user would: real widgets, real events, offscreen."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from netbuilder.model.layout import NODE_SIZE
from netbuilder.qt.app import bundled_examples, examples_dir
from netbuilder.qt.main_window import MainWindow

Button = QMessageBox.StandardButton


def example(name: str) -> Path:
    folder = examples_dir()
    assert folder is not None
    return folder / name


@pytest.fixture
def window(make_window) -> MainWindow:
    w = make_window(None)
    assert w.open_example(example("digits_mlp.json"))
    return w


def test_opens_the_digits_example_valid(window: MainWindow) -> None:
    assert len(window.document.graph) == 7
    assert len(window.scene.node_items()) == 7
    assert window.windowTitle().startswith("Handwritten digits MLP")
    assert not window.isWindowModified()
    assert window._valid_label.text() == "Valid"
    assert window._params_label.text() == "17,226 parameters"
    assert window.issues.issues == []
    assert window.document.path is None  # an example opens as an untitled copy


def test_example_menu_lists_every_bundled_example_by_name(window: MainWindow) -> None:
    menu = window.findChild(type(window.menuBar().actions()[0].menu()), "examplesMenu")
    titles = [a.text() for a in menu.actions()]
    assert titles == [t for t, _ in bundled_examples()]
    assert len(titles) >= 6 and not any(t.endswith(".json") for t in titles)


def test_standard_shortcuts(window: MainWindow) -> None:
    a = window.actions_by_name
    assert a["undo"].shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert a["save"].shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert a["copy"].shortcut() == QKeySequence(QKeySequence.StandardKey.Copy)
    assert "&Export" in [m.title() for m in window.menuBar().findChildren(type(window.recent_menu))]


def test_palette_double_click_adds_a_node_at_the_view_centre(window: MainWindow, qtbot) -> None:
    tree = window.layer_palette.tree
    item = window.layer_palette.item_for("Dropout")
    tree.scrollToItem(item)
    centre = tree.visualItemRect(item).center()
    window.view.centerOn(-3000.0, -3000.0)  # empty canvas: no card to make room for
    # Where the user is looking when they double-click (the view may then follow the node).
    view_centre = window.view.mapToScene(window.view.viewport().rect().center())
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # a real double
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)  # click: both
    added = [n for n in window.document.graph if n.type == "Dropout"]
    assert len(added) == 1
    assert window.scene.selected_node_ids() == [added[0].id]
    assert abs(added[0].pos[0] + NODE_SIZE[0] / 2 - view_centre.x()) < 1  # on empty canvas
    assert window.isWindowModified()
    window.document.undo_stack.undo()
    assert not any(n.type == "Dropout" for n in window.document.graph)


def test_palette_drag_data_drops_onto_the_canvas(window: MainWindow) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    tree = window.layer_palette.tree
    mime = tree.mimeData([window.layer_palette.item_for("GELU")])
    target = QPointF(window.view.viewport().rect().center())
    event = QDropEvent(
        target,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.view.dropEvent(event)
    assert [n.type for n in window.document.graph].count("GELU") == 1


def _row_point(tree, row: int) -> QPoint:
    return tree.visualItemRect(tree.topLevelItem(row)).center()


def test_issues_show_a_broken_shape_select_its_node_and_fix_it(window: MainWindow, qtbot) -> None:
    assert window.data_panel.bind_builtin("digits_images")  # Input becomes [N, 1, 8, 8]
    issues = window.issues
    assert [i.node for i in issues.issues] == ["linear_1"]
    assert "Flatten" in issues.issues[0].message
    assert window._valid_label.text() == "1 error"
    window.scene.select_nodes([])
    qtbot.mouseClick(
        issues.tree.viewport(), Qt.MouseButton.LeftButton, pos=_row_point(issues.tree, 0)
    )
    assert window.scene.selected_node_ids() == ["linear_1"]
    button = issues.fix_button("linear_1")
    assert button is not None
    # The button says what it fixes, or (a narrow list) "Fix" with that in its tooltip.
    assert "Flatten" in button.text() or (button.text() == "Fix" and "Flatten" in button.toolTip())
    steps = window.document.undo_stack.count()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.document.undo_stack.count() == steps + 1
    assert issues.issues == []
    assert window._valid_label.text() == "Valid"
    flatten = [n for n in window.document.graph if n.type == "Flatten"]
    assert len(flatten) == 1
    assert window.document.graph.predecessors("linear_1") == [flatten[0].id]
    window.document.undo_stack.undo()
    assert [i.node for i in issues.issues] == ["linear_1"]


def test_save_close_reopen_gives_the_same_graph_and_layout(make_window, tmp_path) -> None:
    first = make_window(None)
    first.open_example(example("digits_mlp.json"))
    doc = first.document
    relu = doc.graph.nodes_of_type("ReLU")[0]
    doc.move_nodes({relu.id: (relu.pos, (410.5, 77.25))})
    doc.add_node("Dropout", (333.0, 222.0))
    assert first.isWindowModified()
    path = tmp_path / "mine.nbproj"
    assert first.save_to(path)
    assert not first.isWindowModified() and doc.undo_stack.isClean()
    assert first.windowTitle().startswith("mine.nbproj")
    before = doc.graph.to_dict()
    binding = doc.project.dataset.to_dict()
    first.close()
    second = make_window(None)
    assert second.open_path(path)
    assert second.document.graph.to_dict() == before
    assert second.document.project.dataset.to_dict() == binding
    assert second.document.path == path
    assert second.recent_files()[0] == str(path.resolve())


def test_save_as_json_when_the_path_says_so(window: MainWindow, tmp_path) -> None:
    path = tmp_path / "plain.json"
    window.ask_save_path = lambda: path
    assert window.save()  # untitled: asks where
    assert path.read_text(encoding="utf-8").lstrip().startswith("{")
    assert window.document.path == path


def test_opening_a_corrupt_file_shows_the_error_and_keeps_the_project(
    window: MainWindow, tmp_path, monkeypatch
) -> None:
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[1:]))
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "netbuilder-project", "graph": {', encoding="utf-8")
    window.document.add_node("ReLU", (0.0, 300.0))
    before = window.document.graph.to_dict()
    assert not window.open_path(bad)
    assert len(shown) == 1
    _title, message = shown[0]
    assert "broken.json" in message and "line" in message
    assert window.document.graph.to_dict() == before
    assert window.isWindowModified()
    window.document.add_node("Tanh", (0.0, 400.0))  # still usable
    assert len(window.document.graph) == 9


def test_new_with_unsaved_changes_asks_and_honours_the_answer(window: MainWindow, tmp_path):
    asked = []
    window.document.add_node("ReLU", (0.0, 300.0))
    window.ask_save_changes = lambda: asked.append(1) or Button.Cancel
    assert not window.new_project()
    assert len(asked) == 1 and len(window.document.graph) == 8
    saved = tmp_path / "kept.nbproj"
    window.ask_save_changes = lambda: Button.Save
    window.ask_save_path = lambda: saved
    assert window.new_project()
    assert saved.is_file() and len(window.document.graph) == 0
    assert window.windowTitle().startswith("Untitled")
    window.document.add_node("ReLU", (0.0, 0.0))
    window.ask_save_changes = lambda: Button.Discard
    assert window.new_project() and len(window.document.graph) == 0


def test_new_without_changes_does_not_ask(window: MainWindow) -> None:
    window.ask_save_changes = lambda: pytest.fail("nothing to save, nothing to ask")
    assert window.new_project()


def test_close_with_unsaved_changes_can_be_cancelled(window: MainWindow, qtbot) -> None:
    window.document.add_node("ReLU", (0.0, 300.0))
    window.ask_save_changes = lambda: Button.Cancel
    assert not window.close()
    assert window.isVisible()
    window.ask_save_changes = lambda: Button.Discard
    assert window.close()


def test_geometry_and_recent_files_are_remembered(make_window, qsettings, tmp_path) -> None:
    first = make_window(None)
    first.resize(640, 480)  # inside the offscreen screen: restore clamps
    path = tmp_path / "a.json"
    first.save_to(path)
    first.close()
    assert qsettings.value("recentFiles") in ([str(path.resolve())], str(path.resolve()))
    second = make_window(None)
    assert (second.size().width(), second.size().height()) == (640, 480)
    second.recent_menu.aboutToShow.emit()  # what opening the menu does
    assert [a.text() for a in second.recent_menu.actions()] == ["a.json"]


def test_load_warnings_appear_in_the_issues_list(window: MainWindow, tmp_path) -> None:
    text = example("digits_mlp.json").read_text(encoding="utf-8")
    path = tmp_path / "future.json"
    path.write_text(text.replace('"type": "ReLU"', '"type": "FancyNewLayer"', 1), "utf-8")
    assert window.open_path(path)
    warnings = [i for i in window.issues.issues if i.severity == "warning"]
    assert warnings and "FancyNewLayer" in warnings[0].message
    assert warnings[0].node == window.document.graph.nodes_of_type("FancyNewLayer")[0].id


def test_scene_messages_show_in_the_status_bar(window: MainWindow) -> None:
    window.scene.status_message.emit("Input takes no inputs")
    assert window.statusBar().currentMessage() == "Input takes no inputs"


def test_closing_the_window_leaves_no_thread_running(make_window, qtbot) -> None:
    before = set(threading.enumerate())
    w = make_window(None)
    w.open_example(example("digits_mlp.json"))
    w.data_dock.raise_()
    assert w.close()
    qtbot.waitUntil(lambda: not w.isVisible())
    assert [t for t in threading.enumerate() if t not in before and t.is_alive()] == []


def test_app_quits_cleanly_after_copying_nodes(tmp_path) -> None:
    """Qt used to crash at exit destroying copied QMimeData; run_app releases it first."""
    import subprocess
    import sys

    script = tmp_path / "run.py"
    script.write_text(
        "import netbuilder.qt.app as app_module\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "def act():\n"
        "    w = next(w for w in QApplication.topLevelWidgets()"
        " if w.objectName() == 'MainWindow')\n"
        "    w.scene.select_nodes(['linear_1'])\n"
        "    assert w.scene.copy_to_clipboard()\n"
        "    w.document.undo_stack.setClean()\n"
        "    w.close()\n"
        "QTimer.singleShot(0, act)\n"
        "raise SystemExit(app_module.run_app(None))\n"
    )
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]


def test_one_tab_bar_for_the_bottom_docks(window: MainWindow) -> None:
    """Tabifying before the first layout left a stale tab bar painted over the palette."""
    from PySide6.QtWidgets import QTabBar

    bars = [
        bar
        for bar in window.findChildren(QTabBar)
        if bar.parent() is window
        and bar.isVisible()
        and "Issues" in [bar.tabText(i) for i in range(bar.count())]  # bottom, or the column
    ]
    assert len(bars) == 1


def test_softmax_before_cross_entropy_shows_as_a_warning(window: MainWindow) -> None:
    doc = window.document
    last = doc.graph.edge_into("output_1", 0)
    doc.disconnect(last)
    softmax = doc.add_node("Softmax", (900.0, 0.0))
    doc.connect(last.src, softmax)
    doc.connect(softmax, "output_1")
    warnings = [i for i in window.issues.issues if i.severity == "warning"]
    assert [i.node for i in warnings] == [softmax]
    assert "Softmax before cross-entropy" in warnings[0].message
    assert window._valid_label.text() == "Valid"  # advice, not an error: training still runs
    from netbuilder.qt.issues_panel import node_status

    assert "remove softmax_1" in node_status(doc.report, softmax)
