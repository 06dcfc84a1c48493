"""New layers never land on others; chains built by double-clicks; clicks record nothing;
Auto-arrange fits at a readable zoom; shape labels stay above the cards. Real events."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt

from netbuilder.model import Edge, Graph, Project
from netbuilder.model.placement import overlaps
from netbuilder.qt.app import examples_dir
from netbuilder.qt.canvas import GraphScene, GraphView
from netbuilder.qt.canvas.view import READABLE_ZOOM
from netbuilder.qt.document import Document
from netbuilder.qt.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


def double_click_palette(window: MainWindow, qtbot, layer_type: str) -> None:
    tree = window.layer_palette.tree
    item = window.layer_palette.item_for(layer_type)
    tree.scrollToItem(item)
    centre = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), LEFT, pos=centre)
    qtbot.mouseDClick(tree.viewport(), LEFT, pos=centre)


def no_cards_overlap(window: MainWindow) -> bool:
    rects = list(window.scene.node_rects().values())
    return not any(overlaps(a, b) for i, a in enumerate(rects) for b in rects[i + 1 :])


def test_palette_double_clicks_build_a_wired_chain_one_step_each(window, qtbot) -> None:
    graph = window.document.graph
    ids = []
    for layer in ["Input", "Linear", "ReLU", "Linear"]:
        steps = window.document.undo_stack.count()
        double_click_palette(window, qtbot, layer)
        assert window.document.undo_stack.count() == steps + 1
        ids.append(window.scene.selected_node_ids()[0])  # the new node is selected
    assert [(e.src, e.dst) for e in graph.edges] == list(itertools.pairwise(ids))
    xs = [graph.node(n).pos[0] for n in ids]
    assert xs == sorted(xs) and len({graph.node(n).pos[1] for n in ids}) == 1  # to the right
    assert no_cards_overlap(window)
    window.document.undo_stack.undo()  # the last add and its connection go together
    assert ids[-1] not in graph and len(graph.edges) == 2


def test_palette_add_without_selection_never_lands_on_a_card(window, qtbot) -> None:
    for _ in range(4):
        window.scene.clearSelection()
        double_click_palette(window, qtbot, "Dropout")
    assert len(window.document.graph) == 4
    assert no_cards_overlap(window)
    assert all(n.pos == (round(n.pos[0]), round(n.pos[1])) for n in window.document.graph)


def test_a_plain_click_on_a_fractionally_placed_node_records_nothing(qtbot) -> None:
    g = Graph()
    g.add_node("ReLU", None, (100.37, 50.61), node_id="act")  # e.g. an old file
    doc = Document(Project(graph=g))
    view = GraphView(GraphScene(doc))
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    item = view.graph_scene.node_item("act")
    where = view.mapFromScene(item.scenePos() + QPointF(60, 20))
    qtbot.mouseClick(view.viewport(), LEFT, pos=where)
    assert view.graph_scene.selected_node_ids() == ["act"]
    assert doc.undo_stack.count() == 0 and not doc.is_modified


def test_new_nodes_are_on_whole_pixels(qtbot) -> None:
    doc = Document(Project())
    node_id = doc.add_node("ReLU", (10.4, 20.6))
    assert doc.graph.node(node_id).pos == (10.0, 21.0)
    pasted = doc.paste({"nodes": [{"id": "x", "type": "Tanh", "pos": [1.3, 2.7]}]}, (0.4, 0.4))
    assert doc.graph.node(pasted[0]).pos == (2.0, 3.0)


def test_auto_arrange_wraps_a_long_chain_and_fits_readably(window, qtbot) -> None:
    doc = window.document
    prev = None
    for i in range(12):
        node_id = doc.add_node("Input" if i == 0 else "ReLU", (i * 300.0, 0.0))
        if prev is not None:
            doc.connect(prev, node_id)
        prev = node_id
    window.actions_by_name["arrange"].trigger()
    assert len({n.pos[1] for n in doc.graph}) > 1  # rows, not one long line
    assert window.view.zoom() >= READABLE_ZOOM
    window.view.zoom_out()
    window.view.zoom_out()
    window.actions_by_name["fit"].trigger()
    assert window.view.zoom() >= READABLE_ZOOM
    assert no_cards_overlap(window)


def test_arranging_the_digits_cnn_fits_at_a_readable_zoom(window, qtbot) -> None:
    folder = examples_dir()
    assert folder is not None
    cnn = next(Path(folder).glob("*cnn*.json"))
    assert window.open_path(cnn, ask=False)
    window.actions_by_name["arrange"].trigger()
    assert window.view.zoom() >= READABLE_ZOOM
    assert no_cards_overlap(window)


def test_shape_labels_are_drawn_above_the_cards(window, qtbot) -> None:
    doc = window.document
    a = doc.add_node("Input", (0.0, 0.0))
    b = doc.add_node("ReLU", (200.0, 0.0))  # close: the label's middle is near both cards
    doc.connect(a, b)
    doc.recheck()
    edge_item = window.scene.edge_item(Edge(a, b, 0))
    label = edge_item.label_item
    assert edge_item.label is not None and label.isVisible()
    assert label.zValue() > window.scene.node_item(b).zValue()
    assert label.scene() is window.scene
    assert label.sceneBoundingRect().intersects(edge_item.sceneBoundingRect())
    doc.undo_stack.undo()  # the connection goes: its label with it
    assert label.scene() is None


def test_search_enter_adds_and_the_canvas_takes_the_keys(window, qtbot) -> None:
    palette = window.layer_palette
    palette.search.setFocus()
    qtbot.keyClicks(palette.search, "dropout")
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    added = [n.id for n in window.document.graph if n.type == "Dropout"]
    assert len(added) == 1 and window.scene.selected_node_ids() == added
    assert window.view.hasFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Delete)
    assert added[0] not in window.document.graph


def test_fit_shows_a_too_big_graph_from_its_inputs_at_readable_zoom(window, qtbot) -> None:
    doc = window.document
    first = doc.add_node("Input", (0.0, 0.0))
    for i in range(1, 30):  # a long line, not arranged: far wider than the view
        doc.add_node("ReLU", (i * 300.0, i * 40.0))
    window.actions_by_name["fit"].trigger()
    assert window.view.zoom() == pytest.approx(READABLE_ZOOM)
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(window.scene.node_item(first).sceneBoundingRect())


def test_tab_walks_the_nodes_in_data_order(window, qtbot) -> None:
    doc = window.document
    a = doc.add_node("Input", (400.0, 0.0))  # placed right to left: order is the data's
    b = doc.add_node("ReLU", (0.0, 300.0))
    doc.connect(a, b)
    window.view.setFocus()
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Tab)
    assert window.scene.selected_node_ids() == [a]
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Tab)
    assert window.scene.selected_node_ids() == [b]
    qtbot.keyClick(window.view.viewport(), Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert window.scene.selected_node_ids() == [a] and window.view.hasFocus()
