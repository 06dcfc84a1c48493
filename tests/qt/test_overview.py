"""The canvas overview: shown while the graph does not fit at a readable zoom, hidden when it
does; a click or drag in it moves the view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from netbuilder.qt.canvas.view import READABLE_ZOOM


def _chain(window, count: int) -> list[str]:
    doc = window.document
    ids = [doc.add_node("Input", (0.0, 0.0))]
    for _ in range(count - 1):
        node = doc.add_node("ReLU", (0.0, 0.0))
        doc.connect(ids[-1], node)
        ids.append(node)
    window.auto_arrange()
    return ids


def _centre(view):
    return view.mapToScene(view.viewport().rect().center())


def test_a_long_chain_shows_the_overview_and_a_click_moves_the_view(make_window, qtbot):
    window = make_window()
    _chain(window, 40)
    view, overview = window.view, window.view.overview
    assert view.zoom() >= READABLE_ZOOM
    qtbot.waitUntil(overview.isVisible)
    # In a corner of the canvas, inside it, clear of the strip above it for the banners.
    assert view.viewport().geometry().contains(overview.geometry())
    assert overview.geometry().bottom() > view.viewport().geometry().center().y()
    # The rectangle of what is in view is in the map, at its top (Fit shows the inputs).
    seen = overview.visible_rect()
    assert not seen.isEmpty() and seen.top() < overview.height() / 3
    before, steps = _centre(view), window.document.undo_stack.count()
    target = QPoint(overview.width() // 2, overview.height() - 8)  # near the graph's end
    qtbot.mouseClick(overview, Qt.MouseButton.LeftButton, pos=target)
    after = _centre(view)
    assert after.y() > before.y() + 200
    expected = overview.to_scene(target.toPointF())
    assert abs(after.y() - expected.y()) < 60  # centred there (scene rect allowing)
    assert overview.visible_rect().center().y() > seen.center().y()
    assert window.document.undo_stack.count() == steps  # the map edits nothing


def test_a_drag_in_the_overview_pans_the_view(make_window, qtbot):
    window = make_window()
    _chain(window, 40)
    view, overview = window.view, window.view.overview
    qtbot.waitUntil(overview.isVisible)
    start = QPoint(overview.width() // 2, 10)
    qtbot.mousePress(overview, Qt.MouseButton.LeftButton, pos=start)
    first = _centre(view)
    for y in range(20, overview.height() - 6, 12):
        qtbot.mouseMove(overview, QPoint(start.x(), y))
    qtbot.mouseRelease(overview, Qt.MouseButton.LeftButton, pos=QPoint(start.x(), y))
    assert _centre(view).y() > first.y() + 200


def test_a_small_graph_hides_the_overview(make_window, qtbot):
    window = make_window()
    _chain(window, 40)
    overview = window.view.overview
    qtbot.waitUntil(overview.isVisible)
    window.new_project()
    doc = window.document
    a = doc.add_node("Input", (0.0, 0.0))
    b = doc.add_node("ReLU", (260.0, 0.0))
    doc.connect(a, b)
    doc.add_node("Output", (520.0, 0.0))
    window.actions_by_name["fit"].trigger()
    qtbot.waitUntil(lambda: not overview.isVisible())
    # Zoomed in so far that the three cards no longer fit: the map comes back.
    for _ in range(8):
        window.view.zoom_in()
    qtbot.waitUntil(overview.isVisible)


def test_a_fitted_graph_stays_fitted_when_the_canvas_shrinks(make_window, qtbot):
    window = make_window((1400, 900))
    doc = window.document
    ids = [doc.add_node("Input", (0.0, 0.0))]
    for i in range(1, 3):
        ids.append(doc.add_node("ReLU", (0.0, i * 160.0)))  # a column: fits at 1024x640 too
    window.actions_by_name["fit"].trigger()
    view = window.view

    def all_in_view() -> bool:
        seen = view.mapToScene(view.viewport().rect()).boundingRect()
        return all(seen.contains(window.scene.node_item(n).sceneBoundingRect()) for n in ids)

    assert all_in_view() and view.zoom() > 0.95  # room to spare
    window.resize(1024, 640)  # the plots of a run, or a smaller window, take room
    qtbot.waitUntil(lambda: view.viewport().width() < 700)
    assert all_in_view() and not view.overview.isVisible()
    # Once the user zooms, a resize leaves the view alone.
    view.zoom_in()
    zoom = view.zoom()
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: view.viewport().width() > 700)
    assert view.zoom() == zoom


def test_the_overview_follows_auto_arrange(make_window, qtbot):
    """Moves change no shape (no new report): the map is redrawn for them too, and hides when
    the arranged graph fits."""
    from netbuilder.qt.app import examples_dir

    window = make_window()
    assert window.open_example(examples_dir() / "digits_mlp.json")
    doc = window.document
    doc.move_nodes({n.id: (n.pos, (i * 260.0, 0.0)) for i, n in enumerate(doc.graph)})  # a row
    overview = window.view.overview
    qtbot.waitUntil(overview.isVisible)
    row = overview._cards
    window.auto_arrange()  # wrapped to the canvas: everything in view
    qtbot.waitUntil(lambda: overview._cards != row)
    assert overview._cards.height() > row.height()  # the map's cards are the arranged ones
    qtbot.waitUntil(lambda: not overview.isVisible())


@pytest.mark.parametrize("size", [(1400, 900), (1024, 640)])
def test_the_overview_covers_no_card_where_a_corner_is_free(make_window, qtbot, size):
    from netbuilder.qt.app import examples_dir

    window = make_window(size)
    assert window.open_example(examples_dir() / "residual_mlp.json")
    overview = window.view.overview
    qtbot.waitUntil(overview.isVisible)
    covered = overview._covered(overview.geometry())
    corners_free = covered == 0
    # Either it sits on no card, or no corner was free and it is drawn faint over them.
    assert corners_free or overview._faint
    assert overview._faint == (not corners_free)


def test_a_card_cut_at_the_edge_shows_no_overview_a_card_out_of_sight_does(make_window, qtbot):
    window = make_window((1024, 640))
    doc, view = window.document, window.view
    a = doc.add_node("Input", (0.0, 0.0))
    b = doc.add_node("ReLU", (3000.0, 0.0))
    view.set_zoom(1.0)
    view.centerOn(90.0, 30.0)
    overview = view.overview
    qtbot.waitUntil(overview.isVisible)  # b is wholly out of sight
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    doc.move_nodes({b: ((3000.0, 0.0), (seen.right() - 60.0, 0.0))})  # cut at the edge
    view.centerOn(90.0, 30.0)
    qtbot.waitUntil(lambda: not overview.isVisible())
    assert a in doc.graph and overview.width() <= 200
