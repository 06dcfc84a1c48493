"""Labels stay readable when cards are close: a shape label never covers a neighbouring card
(it is shortened to the gap, the whole shape on hover and in its tooltip), and node text is
elided to the card with the full text in the card's tooltip."""

from __future__ import annotations

from netbuilder.model import Edge
from netbuilder.qt.canvas.edge_label import ELLIPSIS
from netbuilder.qt.canvas.items import NODE_WIDTH


def _close_pair(window, qtbot, gap: float):
    doc = window.document
    a = doc.add_node("Input", (0.0, 0.0))
    doc.set_params(a, {"shape": (3, 64, 64)})
    b = doc.add_node("Conv2d", (NODE_WIDTH + gap, 0.0))
    doc.connect(a, b)
    doc.recheck()
    label = window.scene.edge_item(Edge(a, b, 0)).label_item
    qtbot.waitUntil(lambda: label.shown_text != label.full_text)
    return a, b, label


def _cards(window):
    return [item.sceneBoundingRect().adjusted(3, 3, -3, -3) for item in window.scene.node_items()]


def test_a_label_between_close_cards_is_shortened_and_whole_on_hover(make_window, qtbot):
    window = make_window()
    _a, b, label = _close_pair(window, qtbot, gap=60.0)
    assert label.full_text == "[N, 3, 64, 64]"
    assert label.isVisible() and label.shown_text.endswith(ELLIPSIS)
    assert len(label.shown_text) > 1  # a 60 px gap holds part of it
    assert not any(label.shown_rect().intersects(card) for card in _cards(window))
    assert "[N, 3, 64, 64]" in label.toolTip()
    # Hovering the shortened label (a real mouse move over it) shows the whole shape.
    view = window.view
    at = view.mapFromScene(label.shown_rect().center())
    qtbot.mouseMove(view.viewport(), at)
    qtbot.waitUntil(lambda: label.hovered)
    assert label.shape().boundingRect().width() > label.shown_rect().width()
    # Moved apart (a real edit), the label has room again and shows whole.
    window.document.move_nodes({b: ((NODE_WIDTH + 60.0, 0.0), (NODE_WIDTH + 260.0, 0.0))})
    qtbot.waitUntil(lambda: label.shown_text == label.full_text)
    assert not any(label.shown_rect().intersects(card) for card in _cards(window))


def test_touching_cards_leave_a_mark_with_the_shape_in_its_tooltip(make_window, qtbot):
    window = make_window()
    _a, _b, label = _close_pair(window, qtbot, gap=4.0)
    assert label.shown_text == ELLIPSIS
    assert label.shown_rect().width() < 20
    assert "[N, 3, 64, 64]" in label.toolTip()


def test_long_node_text_is_elided_to_the_card_with_the_whole_in_the_tooltip(make_window, qtbot):
    window = make_window()
    doc = window.document
    node = doc.add_node("Linear", (0.0, 0.0))
    long_name = "a_really_long_layer_name_that_cannot_fit_on_a_card_" * 2
    doc.rename_node(node, long_name)
    item = window.scene.node_item(node)
    texts = [line[1].text() for line in item._lines]
    assert long_name not in texts and any("\u2026" in t for t in texts)
    assert long_name in item.toolTip()
    width = NODE_WIDTH - 2 * 9.0
    assert all(line[1].size().width() <= width + 1 for line in item._lines)


def test_a_label_whose_middle_is_on_a_card_is_left_out_and_the_edge_says_it(make_window, qtbot):
    window = make_window()
    doc = window.document
    a = doc.add_node("Input", (0.0, 0.0))
    doc.set_params(a, {"shape": (3, 64, 64)})
    b = doc.add_node("Flatten", (0.0, 160.0))  # below: the curve's middle crosses a card
    doc.add_node("ReLU", (40.0, 50.0))
    doc.connect(a, b)
    edge = window.scene.edge_item(Edge(a, b, 0))
    label = edge.label_item
    qtbot.waitUntil(lambda: label.shown_text != label.full_text)
    assert label.shown_text == "" and label.shown_rect().isEmpty()
    assert "[N, 3, 64, 64]" in edge.toolTip()


def test_a_card_is_laid_out_once_when_a_project_is_loaded(qtbot, monkeypatch):
    """A scene built for a checked project lays each card out once, with its shape, not again
    when the report is applied: half of a 500-node load was the second layout."""
    from netbuilder.io import load_project
    from netbuilder.qt.app import examples_dir
    from netbuilder.qt.canvas.items import NodeItem
    from netbuilder.qt.canvas.scene import GraphScene
    from netbuilder.qt.document import Document

    calls: list[str] = []
    original = NodeItem.refresh

    def counting(self, node=None):
        calls.append(self.node_id)
        original(self, node)

    loaded = load_project(examples_dir() / "digits_cnn.json")
    doc = Document(loaded.project)
    doc.recheck()
    monkeypatch.setattr(NodeItem, "refresh", counting)
    scene = GraphScene(doc)
    ids = [n.id for n in doc.graph]
    assert sorted(calls) == sorted(ids)  # once each
    card = scene.node_item("input_1")
    assert card is not None and card._lines and card.shape_text  # laid out, with its shape
