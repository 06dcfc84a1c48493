"""Blocks in the window: make a block from a selection (Ctrl+B), open it (double-click, Enter),
edit its body and go back (Esc, the breadcrumb), repeat it, put its layers back; undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QToolButton, QWidget

from netbuilder.model import Project
from netbuilder.qt.canvas.block_card import BlockNodeItem
from netbuilder.qt.canvas.view import OVERVIEW_ZOOM
from netbuilder.qt.main_window import MainWindow
from tests.qt.block_support import residual_net, snapshot

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(make_window) -> MainWindow:
    w = make_window()
    w.document.replace_project(Project(graph=residual_net()))
    w.blocks_ui.ask_name = lambda default: "ResBlock"  # type: ignore[method-assign]
    w.blocks_ui.ask_copies = lambda name: 2  # type: ignore[method-assign]
    return w


def card_point(w: MainWindow, node_id: str):
    item = w.scene.node_item(node_id)
    assert item is not None
    w.view.ensure_node_visible(node_id)
    return w.view.mapFromScene(item.scenePos() + QPointF(60, 14))


def make_res_block(w: MainWindow, qtbot) -> str:
    w.scene.select_nodes(["r1", "c2", "add"])
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    (use,) = [n.id for n in w.document.graph.nodes_of_type("Block")]
    return use


def test_ctrl_b_makes_one_block_card_in_one_undo_step(window: MainWindow, qtbot) -> None:
    w, doc = window, window.document
    before = snapshot(doc.graph)
    use = make_res_block(w, qtbot)
    assert doc.undo_stack.count() == 1 and doc.is_modified
    assert "ResBlock" in doc.graph.blocks and not {"r1", "c2", "add"} & set(doc.graph.nodes)
    card = w.scene.node_item(use)
    assert isinstance(card, BlockNodeItem)
    assert card.toolTip().startswith("ResBlock: 3 layers; double-click to open")
    assert len(card.input_ports) == 1 and w.scene.selected_node_ids() == [use]
    after = snapshot(doc.graph)
    doc.undo_stack.undo()
    assert snapshot(doc.graph) == before
    assert w.scene.node_item("r1") is not None and w.scene.node_item(use) is None
    doc.undo_stack.redo()
    assert snapshot(doc.graph) == after


def test_make_block_refuses_with_the_models_reason(window: MainWindow, qtbot) -> None:
    w, doc = window, window.document
    w.scene.select_nodes(["inp", "c1"])
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert doc.undo_stack.count() == 0 and len(doc.graph.blocks) == 0
    assert "Input" in w.statusBar().currentMessage()
    w.scene.select_nodes(["c1", "r1", "c2"])  # two layers leave the selection
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert "one output" in w.statusBar().currentMessage() and doc.undo_stack.count() == 0


def test_double_click_opens_the_body_edit_it_and_esc_goes_back(window: MainWindow, qtbot):
    w, doc = window, window.document
    use = make_res_block(w, qtbot)
    w.view.set_zoom(0.8)
    zoom = w.view.zoom()
    qtbot.mouseDClick(w.view.viewport(), LEFT, pos=card_point(w, use))
    assert doc.shown_block == "ResBlock"
    assert w.blocks_ui.breadcrumb.path_text == "Network \u203a ResBlock"
    assert "\u203a ResBlock" in w.windowTitle() and w.isWindowModified()
    body = doc.graph.blocks["ResBlock"].body
    assert {i.node_id for i in w.scene.node_items()} == set(body.nodes)
    # an edit in the body: one undo step on the same stack, and the use follows it
    w.scene.select_nodes(["r1"])
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Delete)
    assert "r1" not in body and doc.undo_stack.count() == 2
    qtbot.keyClick(w.view, Qt.Key.Key_Escape)
    assert doc.shown_block is None and not w.blocks_ui.breadcrumb.isVisible()
    assert "ResBlock" not in w.windowTitle()
    assert w.view.zoom() == pytest.approx(zoom)  # the network's view is back
    card = w.scene.node_item(use)
    assert card is not None and card.toolTip().startswith("ResBlock: 2 layers")
    doc.undo_stack.undo()  # the body edit, undone from the network
    assert "r1" in body and card.toolTip().startswith("ResBlock: 3 layers")


def test_enter_opens_and_the_breadcrumb_link_returns(window: MainWindow, qtbot) -> None:
    w, doc = window, window.document
    use = make_res_block(w, qtbot)
    w.scene.select_nodes([use])
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Return)
    assert doc.shown_block == "ResBlock"
    qtbot.mouseClick(w.blocks_ui.breadcrumb.network_button, LEFT)
    assert doc.shown_block is None and w.scene.node_item(use) is not None


def test_undoing_make_block_while_it_is_open_returns_to_the_network(window, qtbot) -> None:
    w, doc = window, window.document
    use = make_res_block(w, qtbot)
    w.blocks_ui.open_use(use)
    doc.undo_stack.undo()
    assert doc.shown_block is None and w.scene.node_item("r1") is not None


def test_repeat_chains_copies_and_put_back_restores_layers(window: MainWindow, qtbot) -> None:
    w, doc = window, window.document
    use = make_res_block(w, qtbot)
    w.scene.select_nodes([use])
    w.blocks_ui.actions["repeat_block"].trigger()
    uses = sorted(n.id for n in doc.graph.nodes_of_type("Block"))
    assert len(uses) == 3 and doc.undo_stack.count() == 2
    assert sorted(w.scene.selected_node_ids()) == uses[1:]
    doc.undo_stack.undo()
    assert [n.id for n in doc.graph.nodes_of_type("Block")] == [use]
    w.scene.select_nodes([use])
    w.blocks_ui.actions["put_back"].trigger()
    assert not doc.graph.nodes_of_type("Block") and doc.undo_stack.count() == 2
    layers = {n.type for n in doc.graph}
    assert {"ReLU", "Conv2d", "Add"} <= layers
    assert len(w.scene.selected_node_ids()) == 3
    doc.undo_stack.undo()
    assert [n.id for n in doc.graph.nodes_of_type("Block")] == [use]


def test_block_gestures_are_off_with_a_reason_while_a_run_holds_the_network(window, qtbot):
    w, doc = window, window.document
    use = make_res_block(w, qtbot)
    w.scene.select_nodes([use])
    doc.set_edit_lock("A training run is using the network")
    for name in ("make_block", "put_back", "repeat_block"):
        action = w.blocks_ui.actions[name]
        assert not action.isEnabled() and "training run" in action.statusTip()
    assert w.blocks_ui.actions["open_block"].isEnabled()  # looking inside is fine
    doc.set_edit_lock(None)
    assert w.blocks_ui.actions["repeat_block"].isEnabled()


def test_context_menu_and_edit_menu_offer_the_gestures(window: MainWindow, qtbot) -> None:
    w = window
    use = make_res_block(w, qtbot)
    w.scene.select_nodes([use])
    menu = w.blocks_ui.context_menu(use)
    texts = [a.text().replace("&", "") for a in menu.actions() if a.text()]
    assert texts[:4] == ["Open Block", "Make Block…", "Put Layers Back", "Repeat Block…"]
    edit = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Edit")
    assert w.blocks_ui.actions["make_block"] in edit.actions()


def test_inspector_edits_a_use_argument_in_one_step_and_opens_the_block(window, qtbot):
    from netbuilder.model.blocks import BlockParam
    from netbuilder.qt.block_commands import SetBlockArgsCommand

    w, doc = window, window.document
    use = make_res_block(w, qtbot)
    width = BlockParam("width", (("c2", "out_channels"),))
    doc.push(SetBlockArgsCommand(doc.graph, "ResBlock", [width]))
    w.scene.select_nodes([use])
    ins = w.inspector
    assert ins.findChild(QLabel, "blockName").text() == "ResBlock"
    assert "3 layers; 1 argument" in ins.findChild(QLabel, "blockHolds").text()
    assert set(ins.fields) == {"width"}
    editor = ins.fields["width"].editor
    steps = doc.undo_stack.count()
    editor.setFocus()
    editor.lineEdit().selectAll()
    qtbot.keyClicks(editor, "16")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert doc.graph.node(use).params["width"] == 16 and doc.undo_stack.count() == steps + 1
    doc.undo_stack.undo()
    assert doc.graph.node(use).params["width"] == 8
    qtbot.mouseClick(ins.findChild(QPushButton, "openBlock"), LEFT)
    assert doc.shown_block == "ResBlock"


def test_in_a_body_a_setting_becomes_an_argument_and_stops_being_one(window, qtbot):
    w, doc = window, window.document
    use = make_res_block(w, qtbot)
    w.blocks_ui.open_use(use)
    w.scene.select_nodes(["c2"])
    field = w.inspector.fields["out_channels"]
    (action,) = [a for a in field.actions() if a.objectName() == "argumentAction"]
    assert action.text() == "Make a block argument"
    steps = doc.undo_stack.count()
    action.trigger()
    assert [p.name for p in doc.graph.blocks["ResBlock"].params] == ["out_channels"]
    assert doc.graph.node(use).params == {"block": "ResBlock", "out_channels": 8}
    assert doc.undo_stack.count() == steps + 1
    field = w.inspector.fields["out_channels"]  # the page is rebuilt: the label says so
    label = w.inspector.findChild(QWidget, "inspectorPage").layout().labelForField(field)
    assert "\u2190 out_channels" in label.text()
    (action,) = [a for a in field.actions() if a.objectName() == "argumentAction"]
    assert action.text() == "Stop being an argument"
    action.trigger()
    assert doc.graph.blocks["ResBlock"].params == []
    doc.undo_stack.undo()
    assert doc.graph.node(use).params == {"block": "ResBlock", "out_channels": 8}


def test_palette_offers_block_ports_only_while_a_block_is_open(window, qtbot) -> None:
    w = window
    use = make_res_block(w, qtbot)
    assert "BlockInput" not in w.layer_palette.visible_layer_types()
    w.blocks_ui.open_use(use)
    assert w.layer_palette.visible_layer_types()[:2] == ["BlockInput", "BlockOutput"]
    w.blocks_ui.back_to_network()
    assert "BlockInput" not in w.layer_palette.visible_layer_types()


def test_an_error_inside_marks_the_use_and_shows_on_the_layer_when_open(window, qtbot):
    w, doc = window, window.document
    use = make_res_block(w, qtbot)
    qtbot.mouseDClick(w.view.viewport(), LEFT, pos=card_point(w, use))
    assert w.scene.node_item("c2").shape_text == "[N, 8, 8, 8]"  # its use's shapes
    w.scene.select_nodes(["c2"])
    editor = w.inspector.fields["out_channels"].editor
    editor.setFocus()
    editor.lineEdit().selectAll()
    qtbot.keyClicks(editor, "16")
    with qtbot.waitSignal(doc.report_changed):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert "same shape" in (w.scene.node_item("add").error or "")  # on the layer inside
    qtbot.keyClick(w.view, Qt.Key.Key_Escape)
    card = w.scene.node_item(use)
    assert card.error is not None and card.error.startswith("inside ResBlock: add (Add)")
    assert "inside ResBlock: add (Add)" in card.toolTip()
    doc.undo_stack.undo()  # one step: the edit inside the block
    assert w.scene.node_item(use).error is None
    w.blocks_ui.open_use(use)
    w.scene.select_nodes(["c2"])
    assert "Output <b>[N, 8, 8, 8]</b>" in w.inspector.status_label.text()  # inside its use


def test_inside_an_open_block_gestures_act_on_its_body(window, qtbot) -> None:
    w, doc = window, window.document
    use = make_res_block(w, qtbot)
    w.blocks_ui.open_use(use)
    body = doc.graph.blocks["ResBlock"].body
    w.blocks_ui.ask_name = lambda default: "Inner"  # type: ignore[method-assign]
    w.scene.select_nodes(["r1", "c2"])
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    (inner,) = [n.id for n in body.nodes_of_type("Block")]
    assert "r1" not in body and isinstance(w.scene.node_item(inner), BlockNodeItem)
    assert doc.graph.blocks.uses_recursively("ResBlock", "Inner")
    w.layer_palette.layer_activated.emit("BlockOutput")  # palette double-click: into the body
    assert len(body.nodes_of_type("BlockOutput")) == 2 and not doc.graph.nodes_of_type(
        "BlockOutput"
    )
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert "r1" in body and "Inner" not in doc.graph.blocks and doc.shown_block == "ResBlock"


def test_opening_another_project_while_a_block_is_open_shows_its_network(window, qtbot):
    w, doc = window, window.document
    use = make_res_block(w, qtbot)
    w.blocks_ui.open_use(use)
    doc.replace_project(Project(graph=residual_net()))
    assert doc.shown_block is None and not w.blocks_ui.breadcrumb.isVisible()
    assert "BlockInput" not in w.layer_palette.visible_layer_types()
    assert {i.node_id for i in w.scene.node_items()} == set(doc.graph.nodes)


def test_a_block_opened_inside_another_has_a_path_and_esc_goes_one_level_out(window, qtbot):
    w, doc = window, window.document
    use = make_res_block(w, qtbot)
    w.blocks_ui.open_use(use)
    w.blocks_ui.ask_name = lambda default: "Inner"  # type: ignore[method-assign]
    w.scene.select_nodes(["r1", "c2"])
    inner = w.blocks_ui.make_block()
    assert inner is not None
    qtbot.mouseDClick(w.view.viewport(), LEFT, pos=card_point(w, inner))
    crumb = w.blocks_ui.breadcrumb
    assert doc.shown_block == "Inner" and crumb.path_text == "Network \u203a ResBlock \u203a Inner"
    assert w.scene.node_item("c2").shape_text == "[N, 8, 8, 8]"  # shapes two levels down
    qtbot.keyClick(w.view, Qt.Key.Key_Escape)
    assert doc.shown_block == "ResBlock" and inner in {i.node_id for i in w.scene.node_items()}
    w.blocks_ui.open_use(inner)
    links = crumb.findChildren(QToolButton)
    (link,) = [b for b in links if b.text() == "ResBlock" and b.isVisible()]
    qtbot.mouseClick(link, LEFT)
    assert doc.shown_block == "ResBlock"
    qtbot.mouseClick(crumb.network_button, LEFT)
    assert doc.shown_block is None and crumb.path_text == ""


def test_block_inputs_added_in_a_body_are_numbered_in_turn(window, qtbot) -> None:
    w, doc = window, window.document
    use = make_res_block(w, qtbot)
    w.blocks_ui.open_use(use)
    w.scene.select_nodes([])
    w.layer_palette.layer_activated.emit("BlockInput")
    body = doc.graph.blocks["ResBlock"].body
    assert sorted(n.params["index"] for n in body.nodes_of_type("BlockInput")) == [0, 1]
    assert doc.graph.node_spec(use).inputs == 2  # the use's card gets a second input port
    assert len(w.scene.node_items()) == len(body)
    w.blocks_ui.back_to_network()
    assert len(w.scene.node_item(use).input_ports) == 2
    with qtbot.waitSignal(doc.report_changed):
        doc.undo_stack.undo()
    assert len(w.scene.node_item(use).input_ports) == 1


def test_right_click_on_a_use_opens_the_menu_and_open_block_works(window, qtbot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication, QMenu

    w, doc = window, window.document
    use = make_res_block(w, qtbot)
    w.scene.select_nodes([])
    seen: list[str] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(a.text().replace("&", "") for a in menu.actions() if a.text())
        seen.append("selected: " + ",".join(w.scene.selected_node_ids()))
        (open_block,) = [a for a in menu.actions() if a.text() == "&Open Block"]
        menu.close()
        open_block.trigger()

    QTimer.singleShot(0, choose)
    at = card_point(w, use)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, w.view.viewport().mapToGlobal(at))
    QApplication.sendEvent(w.view.viewport(), event)
    qtbot.waitUntil(lambda: doc.shown_block == "ResBlock")
    assert seen[:2] == ["Open Block", "Make Block…"] and "Delete" in seen
    assert f"selected: {use}" in seen  # the right-click selected the card it was on


def test_an_opened_block_fits_a_small_window_without_widening_it(window, qtbot) -> None:
    w = window
    w.resize(1024, 640)
    qtbot.waitUntil(lambda: w.width() == 1024)
    use = make_res_block(w, qtbot)
    w.scene.select_nodes([use])
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.blocks_ui.breadcrumb.isVisible())
    assert w.width() <= 1024  # the breadcrumb's hint gives way; it had widened the window
    shown = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    (port,) = [n.id for n in w.document.edited if n.type == "BlockInput"]
    card = w.scene.node_item(port)
    assert card is not None and shown.contains(card.sceneBoundingRect())  # starts at its input
    body = w.view.graph_scene.items_rect()
    assert shown.contains(body) or w.view.zoom() >= OVERVIEW_ZOOM  # whole, or as small as that


def test_deleting_an_argument_layer_in_a_body_drops_the_argument_and_the_file_loads(
    window, qtbot, tmp_path
) -> None:
    # The argument kept naming the deleted layer: every use broke, and the saved file was
    # refused on loading ("the block has no layer c2").
    from netbuilder.io import load_project, save_project
    from netbuilder.model.blocks import BlockParam
    from netbuilder.qt.block_commands import SetBlockArgsCommand

    w, doc = window, window.document
    use = make_res_block(w, qtbot)
    width = BlockParam("width", (("c2", "out_channels"),))
    doc.push(SetBlockArgsCommand(doc.graph, "ResBlock", [width]))
    before = snapshot(doc.graph)
    w.blocks_ui.open_use(use)
    w.scene.select_nodes(["c2"])
    w.scene.delete_selection()
    assert doc.graph.blocks["ResBlock"].params == []
    assert doc.graph.node(use).params == {"block": "ResBlock"}
    save_project(tmp_path / "p.json", doc.project)
    assert "c2" not in load_project(tmp_path / "p.json").project.graph.blocks["ResBlock"].body
    doc.undo_stack.undo()
    assert snapshot(doc.graph) == before


def test_making_a_block_of_an_argument_layer_in_a_body_drops_the_argument(window, qtbot):
    from netbuilder.model.blocks import BlockParam
    from netbuilder.qt.block_commands import SetBlockArgsCommand

    w, doc = window, window.document
    use = make_res_block(w, qtbot)
    width = BlockParam("width", (("c2", "out_channels"),))
    doc.push(SetBlockArgsCommand(doc.graph, "ResBlock", [width]))
    before = snapshot(doc.graph)
    w.blocks_ui.open_use(use)
    w.blocks_ui.ask_name = lambda default: "Inner"  # type: ignore[method-assign]
    w.scene.select_nodes(["c2"])
    assert w.blocks_ui.make_block() is not None
    assert doc.graph.blocks["ResBlock"].problems() == []
    assert doc.graph.node(use).params == {"block": "ResBlock"}
    doc.undo_stack.undo()
    assert snapshot(doc.graph) == before


def test_deleting_a_block_input_in_a_body_renumbers_the_ports_and_rewires_each_use(
    window, qtbot, tmp_path
) -> None:
    # The use kept its input on the port that was gone: the file saved and did not load
    # ("sum_1 (Block) has 1 input; there is no input 1").
    from netbuilder.io import load_project, save_project
    from netbuilder.model import Graph, Project

    w, doc = window, window.document
    g = Graph()
    g.add_node("Input", {"shape": [4]}, node_id="inp")
    g.add_node("Linear", {"out_features": 4}, (200, 0), node_id="a")
    g.add_node("Linear", {"out_features": 4}, (200, 200), node_id="b")
    g.add_node("Add", None, (400, 0), node_id="add")
    g.add_node("Output", None, (600, 0), node_id="out")
    for src, dst in [("inp", "a"), ("inp", "b"), ("a", "add"), ("b", "add"), ("add", "out")]:
        g.connect(src, dst)
    doc.replace_project(Project(graph=g))
    w.blocks_ui.ask_name = lambda default: "Sum"  # type: ignore[method-assign]
    w.scene.select_nodes(["add"])
    use = w.blocks_ui.make_block()
    assert use is not None
    before = snapshot(doc.graph)
    w.blocks_ui.open_use(use)
    w.scene.select_nodes(["in_0"])
    w.scene.delete_selection()
    body = doc.graph.blocks["Sum"].body
    assert [body.node(p).params["index"] for p in doc.graph.blocks["Sum"].input_ids()] == [0]
    assert [(e.src, e.dst_port) for e in doc.graph.in_edges(use)] == [("b", 0)]
    save_project(tmp_path / "p.json", doc.project)
    assert use in load_project(tmp_path / "p.json").project.graph
    doc.undo_stack.undo()
    assert snapshot(doc.graph) == before
