"""Where new nodes go: free spots, after a node, in line on a split edge (pure geometry)."""

from __future__ import annotations

from netbuilder.engine.network.fixes import Fix, apply_fix
from netbuilder.model import Graph
from netbuilder.model.layout import NODE_SIZE
from netbuilder.model.placement import GAP, after, free_spot, insert_on_edge, node_rects, overlaps

W, H = NODE_SIZE


def card(pos: tuple[float, float]) -> tuple[float, float, float, float]:
    return (pos[0], pos[1], W, H)


def test_free_spot_is_the_wanted_one_on_empty_canvas_snapped_to_pixels() -> None:
    assert free_spot((10.4, 20.6), []) == (10.0, 21.0)


def test_free_spot_never_overlaps_and_stays_near() -> None:
    taken = [card((0, 0)), card((0, 200)), card((300, 0))]
    spot = free_spot((5, 5), taken)
    assert not any(overlaps(card(spot), r, GAP) for r in taken)
    assert abs(spot[0] - 5) + abs(spot[1] - 5) < 400


def test_after_goes_right_of_the_node_in_line() -> None:
    src = card((100, 50))
    assert after(src, [src]) == (100 + W + GAP[0], 50)


def test_after_moves_on_when_the_spot_to_the_right_is_taken() -> None:
    src, blocker = card((0, 0)), card((W + GAP[0], 0))
    spot = after(src, [src, blocker])
    assert not overlaps(card(spot), blocker, GAP) and not overlaps(card(spot), src, GAP)


def chain(xs: list[float]) -> Graph:
    g = Graph()
    g.add_node("Input", {"shape": [1, 4, 4]}, (xs[0], 0), node_id="a")
    g.add_node("ReLU", {}, (xs[1], 0), node_id="b")
    g.add_node("Linear", {"out_features": 3}, (xs[2], 0), node_id="c")
    g.connect("a", "b")
    g.connect("b", "c")
    return g


def test_insert_on_a_long_edge_goes_halfway_and_moves_nothing() -> None:
    g = chain([0, 1000, 1300])
    pos, moves = insert_on_edge(g, "a", "b")
    assert pos == (500.0, 0.0) and moves == {}


def test_insert_on_a_short_edge_moves_the_target_and_what_follows_right() -> None:
    g = chain([0, 250, 500])
    pos, moves = insert_on_edge(g, "a", "b")
    pitch = W + GAP[0]
    assert pos == (pitch, 0.0)
    assert set(moves) == {"b", "c"}
    assert moves["b"] == (2 * pitch, 0.0) and moves["c"] == (500 + 2 * pitch - 250, 0.0)


def test_a_fix_puts_the_new_layer_in_line_and_no_card_overlaps() -> None:
    g = Graph()  # the case: a Linear fed an image, its neighbours close by
    g.add_node("Input", {"shape": [1, 4, 4]}, (0, 0), node_id="inp")
    g.add_node("Linear", {"out_features": 8}, (250, 0), node_id="fc1")
    g.add_node("ReLU", {}, (500, 0), node_id="act")
    g.add_node("Tanh", {}, (125, 140), node_id="other")  # the row below
    g.connect("inp", "fc1")
    g.connect("fc1", "act")
    new = apply_fix(g, Fix("insert", "Insert Flatten", "Flatten", {}, before="fc1"))
    assert new is not None and g.predecessors("fc1") == [new]
    assert g.node(new).pos[1] == 0.0  # in line with the edge it split
    assert g.node("inp").pos[0] < g.node(new).pos[0] < g.node("fc1").pos[0]
    rects = node_rects(g)
    for i, a in enumerate(rects):
        assert not any(overlaps(a, b) for b in rects[i + 1 :])
