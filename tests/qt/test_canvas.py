"""The canvas driven with real mouse and key events on the view's viewport (offscreen)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from netbuilder.model import Edge, Graph, Project
from netbuilder.qt.canvas import LAYER_MIME, GraphScene, GraphView
from netbuilder.qt.document import Document


def snapshot(graph: Graph) -> dict:
    """The exact graph, node order included."""
    return graph.to_dict()


LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def canvas(qtbot):
    g = Graph()
    g.add_node("Input", {"shape": [4]}, (0, 0), node_id="inp")
    g.add_node("Linear", {"out_features": 8}, (300, 0), node_id="fc1")
    g.add_node("ReLU", None, (600, 0), node_id="act")
    g.add_node("Linear", {"out_features": 3}, (300, 250), node_id="fc2")
    g.add_node("Output", None, (600, 250), node_id="out")
    g.connect("inp", "fc1")
    g.connect("fc1", "act")
    doc = Document(Project(graph=g))
    scene = GraphScene(doc)
    view = GraphView(scene)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.centerOn(400, 150)
    return doc, scene, view


def vp(view: GraphView, scene_pos: QPointF) -> QPoint:
    return view.mapFromScene(scene_pos)


def drag(
    qtbot, view, a: QPointF, b: QPointF, steps: int = 5, modifier=Qt.KeyboardModifier.NoModifier
):
    w = view.viewport()
    qtbot.mousePress(w, LEFT, modifier, vp(view, a))
    for i in range(1, steps + 1):
        p = a + (b - a) * (i / steps)
        qtbot.mouseMove(w, vp(view, p))
    qtbot.mouseRelease(w, LEFT, modifier, vp(view, b))


def out_port(scene, node_id) -> QPointF:
    return scene.node_item(node_id).output_port.scenePos()


def in_port(scene, node_id, index=0) -> QPointF:
    return scene.node_item(node_id).input_port(index).scenePos()


def test_drop_from_palette_adds_node_at_drop_position(canvas, qtbot):
    doc, scene, view = canvas
    target = QPointF(420, 480)
    mime = QMimeData()
    mime.setData(LAYER_MIME, b"Dropout")
    pos = QPointF(vp(view, target))
    enter = QDragEnterEvent(
        pos.toPoint(), Qt.DropAction.CopyAction, mime, LEFT, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(view.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, LEFT, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), drop)
    node = doc.graph.node("dropout_1")
    item = scene.node_item("dropout_1")
    assert item.sceneBoundingRect().contains(target)
    assert abs(node.pos[0] + 88 - target.x()) <= 1 and abs(node.pos[1] - target.y()) < 20
    assert scene.selected_node_ids() == ["dropout_1"]
    doc.undo_stack.undo()
    assert "dropout_1" not in doc.graph and scene.node_item("dropout_1") is None


def test_drag_output_to_input_connects(canvas, qtbot):
    doc, scene, view = canvas
    drag(qtbot, view, out_port(scene, "act"), in_port(scene, "fc2"))
    assert doc.graph.edge_into("fc2", 0) == Edge("act", "fc2", 0)
    assert scene.edge_item(Edge("act", "fc2", 0)) is not None
    assert all(p.highlight is None for i in scene.node_items() for p in i.input_ports)
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.graph.edge_into("fc2", 0) is None


def test_drag_backwards_from_input_connects(canvas, qtbot):
    doc, scene, view = canvas
    drag(qtbot, view, in_port(scene, "out"), out_port(scene, "fc2"))
    assert doc.graph.edge_into("out", 0) == Edge("fc2", "out", 0)


def test_invalid_connection_explains_and_connects_nothing(canvas, qtbot):
    doc, scene, view = canvas
    before = snapshot(doc.graph)
    with qtbot.waitSignal(scene.status_message) as blocker:
        drag(qtbot, view, out_port(scene, "act"), in_port(scene, "fc1"))  # fc1 feeds act
    assert "cycle" in blocker.args[0]
    assert snapshot(doc.graph) == before and doc.undo_stack.count() == 0


def test_valid_targets_are_highlighted_while_dragging(canvas, qtbot):
    doc, scene, view = canvas
    w = view.viewport()
    qtbot.mousePress(w, LEFT, pos=vp(view, out_port(scene, "act")))
    qtbot.mouseMove(w, vp(view, QPointF(500, 400)))
    fc2_port = scene.node_item("fc2").input_port(0)
    fc1_port = scene.node_item("fc1").input_port(0)
    assert fc2_port.highlight is not None and fc1_port.highlight is None
    qtbot.mouseRelease(w, LEFT, pos=vp(view, QPointF(500, 400)))
    assert fc2_port.highlight is None and doc.undo_stack.count() == 0


def test_dragging_an_edge_end_away_disconnects_it(canvas, qtbot):
    doc, scene, view = canvas
    drag(qtbot, view, in_port(scene, "act"), QPointF(800, 500))
    assert doc.graph.edge_into("act", 0) is None
    doc.undo_stack.undo()
    assert doc.graph.edge_into("act", 0) == Edge("fc1", "act", 0)
    assert scene.edge_item(Edge("fc1", "act", 0)).isVisible()


def test_dragging_an_edge_end_to_another_input_reroutes_in_one_step(canvas, qtbot):
    doc, scene, view = canvas
    drag(qtbot, view, in_port(scene, "act"), in_port(scene, "fc2"))
    assert doc.graph.edge_into("act", 0) is None
    assert doc.graph.edge_into("fc2", 0) == Edge("fc1", "fc2", 0)
    assert doc.undo_stack.count() == 1


def test_drag_node_records_one_move(canvas, qtbot):
    doc, scene, view = canvas
    item = scene.node_item("fc2")
    start = item.scenePos() + QPointF(60, 30)
    edge_before = None
    doc.connect("fc2", "out")
    edge_item = scene.edge_item(Edge("fc2", "out", 0))
    edge_before = edge_item.boundingRect()
    drag(qtbot, view, start, start + QPointF(-120, 90), steps=8)
    assert doc.graph.node("fc2").pos == (180.0, 340.0)
    assert doc.undo_stack.count() == 2  # connect + one move
    assert edge_item.boundingRect() != edge_before  # its edge followed
    doc.undo_stack.undo()
    assert doc.graph.node("fc2").pos == (300.0, 250.0)
    assert item.pos() == QPointF(300, 250)


def test_rubber_band_selects_and_delete_is_one_step(canvas, qtbot):
    doc, scene, view = canvas
    before = snapshot(doc.graph)
    drag(qtbot, view, QPointF(-40, -40), QPointF(520, 150))  # covers inp and fc1
    assert sorted(scene.selected_node_ids()) == ["fc1", "inp"]
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Delete)
    assert "inp" not in doc.graph and "fc1" not in doc.graph and not doc.graph.edges
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert snapshot(doc.graph) == before
    assert len(scene.edge_items()) == 2


def test_click_and_ctrl_click_selection(canvas, qtbot):
    doc, scene, view = canvas
    w = view.viewport()
    p1 = scene.node_item("fc1").scenePos() + QPointF(80, 40)
    p2 = scene.node_item("fc2").scenePos() + QPointF(80, 40)
    qtbot.mouseClick(w, LEFT, pos=vp(view, p1))
    assert scene.selected_node_ids() == ["fc1"]
    qtbot.mouseClick(w, LEFT, Qt.KeyboardModifier.ControlModifier, vp(view, p2))
    assert sorted(scene.selected_node_ids()) == ["fc1", "fc2"]
    assert doc.undo_stack.count() == 0  # clicks move nothing


def test_arrow_keys_move_selection_and_merge(canvas, qtbot):
    doc, scene, view = canvas
    scene.select_nodes(["fc1", "act"])
    view.setFocus()
    for _ in range(3):
        qtbot.keyClick(view.viewport(), Qt.Key.Key_Right)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert doc.graph.node("fc1").pos == (330.0, 50.0)
    assert scene.node_item("act").pos() == QPointF(630, 50)
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.graph.node("fc1").pos == (300.0, 0.0)


def test_copy_paste_through_clipboard(canvas, qtbot):
    doc, scene, view = canvas
    scene.select_nodes(["fc1", "act"])
    qtbot.keyClick(view.viewport(), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QApplication.clipboard().mimeData()
    assert mime.hasFormat("application/x-netbuilder-nodes")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    new = sorted(scene.selected_node_ids())
    assert len(new) == 2 and not set(new) & {"fc1", "act"}
    pasted = {doc.graph.node(n).type: doc.graph.node(n) for n in new}
    assert pasted["Linear"].pos == (330.0, 30.0)
    assert doc.graph.edge_into(pasted["ReLU"].id, 0).src == pasted["Linear"].id
    assert doc.undo_stack.count() == 1
    dup = scene.duplicate_selection()
    assert len(dup) == 2 and doc.undo_stack.count() == 2


def test_shape_error_shows_on_node_and_fix_repairs(canvas, qtbot):
    doc, scene, _view = canvas
    doc.set_params("inp", {"shape": [1, 8, 8]})
    item = scene.node_item("fc1")
    assert item.error and "Flatten" in item.error
    assert item.error in item.toolTip()
    assert scene.node_item("inp").error is None
    fix = doc.report.fixes["fc1"]
    doc.apply_fix(fix)
    assert scene.node_item("fc1").error is None
    flat = doc.graph.nodes_of_type("Flatten")
    assert len(flat) == 1 and doc.graph.edge_into("fc1", 0).src == flat[0].id
    assert scene.edge_item(Edge(flat[0].id, "fc1", 0)).label is not None
    doc.undo_stack.undo()
    assert scene.node_item("fc1").error and not doc.graph.nodes_of_type("Flatten")


def test_only_changed_items_are_refreshed(canvas, qtbot):
    doc, scene, _view = canvas
    calls = []
    for item in scene.node_items():
        orig = item.refresh
        item.refresh = lambda node=None, _o=orig, _id=item.node_id: (calls.append(_id), _o(node))
    doc.set_params("act", {})  # nothing changes
    doc.set_params("fc1", {"out_features": 16})
    assert sorted(set(calls)) == ["act", "fc1"]  # fc1's params, act's output shape


def test_merge_node_shows_connected_ports_plus_one(canvas, qtbot):
    doc, scene, view = canvas
    add = doc.add_node("Add", (900, 0))
    item = scene.node_item(add)
    assert [p.index for p in item.input_ports] == [0, 1]
    doc.connect("act", add)
    doc.connect("fc1", add)
    assert [p.index for p in item.input_ports] == [0, 1, 2]
    drag(qtbot, view, out_port(scene, "inp"), in_port(scene, add, 2))
    assert doc.graph.edge_into(add, 2).src == "inp"
    assert len(item.input_ports) == 4


def test_unknown_type_is_drawn_greyed_with_message(qtbot):
    g = Graph()
    g.add_node("Frobnicate", node_id="weird", allow_unknown=True)
    doc = Document(Project(graph=g))
    scene = GraphScene(doc)
    item = scene.node_item("weird")
    assert item.spec is None and "Unknown layer type" in item.toolTip()


def test_wheel_zoom_is_clamped_and_keeps_point_under_cursor(canvas, qtbot):
    from PySide6.QtGui import QWheelEvent

    _doc, _scene, view = canvas
    cursor = QPointF(300, 200)
    under = view.mapToScene(cursor.toPoint())

    def wheel(delta):
        ev = QWheelEvent(
            cursor,
            view.viewport().mapToGlobal(cursor),
            QPoint(),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(view.viewport(), ev)

    wheel(120)
    assert view.zoom() == pytest.approx(1.15)
    after = view.mapToScene(cursor.toPoint())
    assert abs(after.x() - under.x()) < 2 and abs(after.y() - under.y()) < 2
    for _ in range(40):
        wheel(120)
    assert view.zoom() == pytest.approx(4.0)
    for _ in range(80):
        wheel(-120)
    assert view.zoom() == pytest.approx(0.1)


def test_middle_button_pans(canvas, qtbot):
    doc, _scene, view = canvas
    w = view.viewport()
    before = view.mapToScene(QPoint(100, 100))
    qtbot.mousePress(w, Qt.MouseButton.MiddleButton, pos=QPoint(400, 300))
    qtbot.mouseMove(w, QPoint(300, 250))
    qtbot.mouseRelease(w, Qt.MouseButton.MiddleButton, pos=QPoint(300, 250))
    after = view.mapToScene(QPoint(100, 100))
    assert after.x() - before.x() == pytest.approx(100, abs=2)
    assert after.y() - before.y() == pytest.approx(50, abs=2)
    assert doc.undo_stack.count() == 0


def test_zoom_to_fit_shows_every_node(canvas, qtbot):
    doc, scene, view = canvas
    doc.add_node("Tanh", (3000, 2000))
    view.zoom_to_fit()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in scene.node_items():
        assert visible.contains(item.sceneBoundingRect())
