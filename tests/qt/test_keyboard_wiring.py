"""Keyboard-only use of the canvas: C wires the selected layer, Shift+C chooses the target,
Alt+arrows move between layers, and Tab round the window stops only where the user can see."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication

from netbuilder.model import Edge
from netbuilder.qt.canvas.keyboard import CANVAS_KEYS_HINT

SHIFT, ALT = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(make_window):
    return make_window()


def _press(window, qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window.view.viewport(), key, modifier)


def _tab_to(window, qtbot, node_id: str) -> None:
    """Select ``node_id`` the keyboard way: Tab from the canvas until it is selected."""
    window.view.setFocus()
    for _ in range(len(window.document.graph)):
        _press(window, qtbot, Qt.Key.Key_Tab)
        if window.scene.selected_node_ids() == [node_id]:
            return
    raise AssertionError(f"Tab never reached {node_id}")


def test_c_wires_the_selected_layer_to_the_nearest_on_its_right_and_ctrl_z_undoes(
    window, qtbot
) -> None:
    doc = window.document
    src = doc.add_node("Input", (0.0, 0.0))
    left = doc.add_node("ReLU", (-300.0, 0.0))  # nearer to the port's left? behind: not first
    near = doc.add_node("Linear", (260.0, 60.0))
    far = doc.add_node("Dropout", (700.0, 0.0))
    steps = doc.undo_stack.count()
    _tab_to(window, qtbot, src)
    _press(window, qtbot, Qt.Key.Key_C)
    assert doc.graph.edges == [Edge(src, near, 0)]
    assert doc.undo_stack.count() == steps + 1  # one step, as a mouse-drawn edge
    assert near in window.statusBar().currentMessage()
    _press(window, qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.graph.edges == []
    assert left in doc.graph and far in doc.graph


def test_c_refuses_with_a_message_when_no_layer_has_a_free_input(window, qtbot) -> None:
    doc = window.document
    a = doc.add_node("Input", (0.0, 0.0))
    doc.add_node("Input", (300.0, 0.0))  # takes no input
    relu = doc.add_node("ReLU", (300.0, 200.0))
    doc.connect(a, relu)  # its only input is taken
    steps = doc.undo_stack.count()
    _tab_to(window, qtbot, a)
    _press(window, qtbot, Qt.Key.Key_C)
    assert doc.undo_stack.count() == steps
    assert "Nothing can take" in window.statusBar().currentMessage()


def test_c_with_two_layers_selected_wires_them_left_to_right(window, qtbot) -> None:
    doc = window.document
    right = doc.add_node("ReLU", (400.0, 0.0))
    left = doc.add_node("Linear", (0.0, 0.0))
    window.view.setFocus()
    window.scene.select_nodes([right, left])
    _press(window, qtbot, Qt.Key.Key_C)
    assert doc.graph.edges == [Edge(left, right, 0)]


def test_typing_c_in_the_palette_search_types_it(window, qtbot) -> None:
    doc = window.document
    a = doc.add_node("Input", (0.0, 0.0))
    doc.add_node("ReLU", (300.0, 0.0))
    window.scene.select_nodes([a])
    search = window.layer_palette.search
    search.setFocus()
    qtbot.keyClicks(search, "conc")
    assert search.text() == "conc" and doc.graph.edges == []


def test_connect_to_walks_the_targets_and_enter_wires_the_chosen_port(window, qtbot) -> None:
    doc = window.document
    a = doc.add_node("Linear", (0.0, 0.0))
    b = doc.add_node("Linear", (0.0, 200.0))
    merge = doc.add_node("Add", (300.0, 100.0))
    other = doc.add_node("ReLU", (300.0, 400.0))
    doc.connect(a, merge)  # the merge's input 0 is taken: the free one is input 1
    keys = window.scene.keys
    _tab_to(window, qtbot, b)
    _press(window, qtbot, Qt.Key.Key_C, SHIFT)
    assert keys.active and keys.targets == [(merge, 1), (other, 0), (a, 0)]  # right first
    assert "Enter connects" in window.statusBar().currentMessage()
    assert window.scene.node_item(merge).input_port(1).highlight is not None
    _press(window, qtbot, Qt.Key.Key_Tab)
    assert keys.current() == (other, 0)
    _press(window, qtbot, Qt.Key.Key_Left)  # back to the merge
    assert keys.current() == (merge, 1) and window.view.hasFocus()
    _press(window, qtbot, Qt.Key.Key_Return)
    assert not keys.active
    assert Edge(b, merge, 1) in doc.graph.edges and len(doc.graph.edges) == 2
    assert window.scene.node_item(merge).input_port(1).highlight is None


def test_escape_leaves_connect_to_without_wiring(window, qtbot) -> None:
    doc = window.document
    a = doc.add_node("Input", (0.0, 0.0))
    doc.add_node("ReLU", (300.0, 0.0))
    _tab_to(window, qtbot, a)
    overlays = len(window.scene.items())
    _press(window, qtbot, Qt.Key.Key_C, SHIFT)
    assert window.scene.keys.active and len(window.scene.items()) > overlays
    _press(window, qtbot, Qt.Key.Key_Escape)
    assert not window.scene.keys.active and doc.graph.edges == []
    assert len(window.scene.items()) == overlays  # the preview is gone
    assert doc.undo_stack.count() == 2  # the two adds, nothing else


def test_alt_arrows_move_between_layers_and_plain_arrows_still_move_them(window, qtbot) -> None:
    doc = window.document
    centre = doc.add_node("ReLU", (300.0, 300.0))
    right = doc.add_node("ReLU", (600.0, 320.0))
    far_right_below = doc.add_node("ReLU", (520.0, 700.0))
    below = doc.add_node("ReLU", (300.0, 600.0))
    window.view.setFocus()
    window.scene.select_nodes([centre])
    _press(window, qtbot, Qt.Key.Key_Right, ALT)
    assert window.scene.selected_node_ids() == [right]
    _press(window, qtbot, Qt.Key.Key_Left, ALT)
    _press(window, qtbot, Qt.Key.Key_Down, ALT)
    assert window.scene.selected_node_ids() == [below]
    _press(window, qtbot, Qt.Key.Key_Right, ALT)
    assert window.scene.selected_node_ids() == [far_right_below]
    _press(window, qtbot, Qt.Key.Key_Right)  # a nudge, as before
    assert doc.graph.node(far_right_below).pos == (530.0, 700.0)


def _in_sight(widget, window) -> bool:
    """On screen: visible, and inside the window's rectangle (Qt parks the hidden tabs of
    tabified docks at negative coordinates while they stay 'visible')."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return widget.isVisible() and rect.intersects(window.rect())


@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, Qt.Key.Key_Backtab])
def test_tab_round_the_window_stops_only_at_widgets_in_sight(window, qtbot, key) -> None:
    doc = window.document
    a = doc.add_node("Input", (0.0, 0.0))
    b = doc.add_node("ReLU", (300.0, 0.0))
    window.view.setFocus()
    modifier = SHIFT if key == Qt.Key.Key_Backtab else Qt.KeyboardModifier.NoModifier
    stops, hidden, nodes = [], [], []
    for _ in range(60):
        qtbot.keyClick(QApplication.focusWidget(), key, modifier)
        widget = QApplication.focusWidget()
        if widget is window.view:
            nodes.append(window.scene.selected_node_ids())
            if len(nodes) == 3:  # round the window and back
                break
        else:  # judged at once: the inspector rebuilds its fields when the selection changes
            stops.append(f"{type(widget).__name__} {widget.objectName()}")
            if not _in_sight(widget, window):
                hidden.append(stops[-1])
    # the canvas is one stop for its nodes: both in turn, then on round the window and back
    assert nodes == ([[a], [b], [a]] if key == Qt.Key.Key_Tab else [[b], [a], [b]])
    assert hidden == []
    assert "QLineEdit paletteSearch" in stops  # the palette is on the way
    # Palette (2), the selected layer's fields (3), two dock tab bars, the issues: 9. Before,
    # an empty canvas alone had 25 stops round the window, 19 of them in hidden dock tabs.
    assert len(stops) <= 10, stops


def test_tabbing_into_the_canvas_says_its_keys(window, qtbot) -> None:
    window.layer_palette.search.setFocus()
    qtbot.keyClick(window.layer_palette.search, Qt.Key.Key_Backtab, SHIFT)
    assert window.view.hasFocus()
    assert window.statusBar().currentMessage() == CANVAS_KEYS_HINT
    edit = next(a for a in window.menuBar().actions() if a.text() == "&Edit").menu()
    shortcuts = {a.shortcut().toString() for a in edit.actions()}
    assert {"C", "Shift+C"} <= shortcuts


def test_an_undo_while_choosing_ends_the_choice_cleanly(window, qtbot) -> None:
    doc = window.document
    a = doc.add_node("Input", (0.0, 0.0))
    doc.add_node("ReLU", (300.0, 0.0))  # the only target, undone below
    _tab_to(window, qtbot, a)
    items = len(window.scene.items())
    _press(window, qtbot, Qt.Key.Key_C, SHIFT)
    _press(window, qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not window.scene.keys.active and len(doc.graph) == 1
    assert len(window.scene.items()) < items  # the target's card and the preview are gone
    _press(window, qtbot, Qt.Key.Key_Return)  # nothing left to connect: does nothing
    assert doc.graph.edges == []


def test_wiring_keys_are_refused_while_a_run_holds_the_network(window, qtbot) -> None:
    doc = window.document
    a = doc.add_node("Input", (0.0, 0.0))
    doc.add_node("ReLU", (300.0, 0.0))
    _tab_to(window, qtbot, a)
    doc.set_edit_lock("Training is running: stop it to edit the network")
    _press(window, qtbot, Qt.Key.Key_C)
    assert doc.graph.edges == []
    assert window.statusBar().currentMessage().startswith("Training is running")
    _press(window, qtbot, Qt.Key.Key_C, SHIFT)
    assert not window.scene.keys.active
    doc.set_edit_lock(None)
