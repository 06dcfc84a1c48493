"""The layered layout: edges point forwards, layers do not overlap, crossings get removed."""

from __future__ import annotations

import itertools

import pytest

from netbuilder.model import Graph
from netbuilder.model.layout import (
    NODE_SIZE,
    arrange_graph,
    assign_layers,
    count_crossings,
    layered_layout,
    order_layers,
)


def test_layers_follow_longest_path():
    edges = [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")]
    assert assign_layers("abcd", edges) == {"a": 0, "b": 1, "c": 2, "d": 3}


def test_cycle_is_refused():
    with pytest.raises(ValueError, match="acyclic"):
        assign_layers("ab", [("a", "b"), ("b", "a")])


def test_barycentre_removes_a_crossing():
    # Starting order a,b over y,x crosses once; the sweep must untangle it.
    layer = {"a": 0, "b": 0, "y": 1, "x": 1}
    edges = [("a", "x"), ("b", "y")]
    assert count_crossings([["a", "b"], ["y", "x"]], edges) == 1
    layers = order_layers(layer, edges)
    assert count_crossings(layers, edges) == 0
    assert layers == [["a", "b"], ["x", "y"]]


@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_edges_point_forwards_and_cards_do_not_overlap(direction):
    nodes = ["in", "a", "b", "c", "add", "out"]
    edges = [("in", "a"), ("in", "b"), ("b", "c"), ("a", "add"), ("c", "add"), ("add", "out")]
    pos = layered_layout(nodes, edges, direction, origin=(10, 20))
    axis = 0 if direction == "LR" else 1
    for s, d in edges:
        assert pos[d][axis] > pos[s][axis]
    w, h = NODE_SIZE
    ids = list(pos)
    for i, p in enumerate(ids):
        for q in ids[i + 1 :]:
            (x1, y1), (x2, y2) = pos[p], pos[q]
            assert abs(x1 - x2) >= w or abs(y1 - y2) >= h, (p, q)
    assert min(x for x, _ in pos.values()) == 10
    assert min(y for _, y in pos.values()) == 20


def test_bad_direction():
    with pytest.raises(ValueError, match="direction"):
        layered_layout(["a"], [], "RL")


def test_arrange_graph_keeps_top_left_corner():
    g = Graph()
    g.add_node("Input", pos=(300, 50), node_id="inp")
    g.add_node("Linear", pos=(0, 400), node_id="fc")
    g.add_node("Output", pos=(120, 90), node_id="out")
    g.connect("inp", "fc")
    g.connect("fc", "out")
    pos = arrange_graph(g)
    assert pos["inp"] == (0.0, 50.0)
    assert pos["inp"][0] < pos["fc"][0] < pos["out"][0]
    assert pos["inp"][1] == pos["fc"][1] == pos["out"][1]


def test_large_graph_is_fast_enough_and_complete():
    nodes = [f"n{i}" for i in range(500)]
    edges = [(f"n{i}", f"n{i + 1}") for i in range(499)]
    edges += [(f"n{i}", f"n{i + 7}") for i in range(0, 490, 5)]
    pos = layered_layout(nodes, edges)
    assert set(pos) == set(nodes)


def test_a_skip_connection_gets_its_own_lane():
    """Nodes between the ends of a skip edge move aside, so the edge does not run behind them."""
    from netbuilder.model.layout import layered_layout

    nodes = ["a", "b", "c", "d", "add"]
    edges = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "add"), ("a", "add")]
    pos = layered_layout(nodes, edges)
    skipped = {pos[n][1] for n in ("b", "c", "d")}
    assert len(skipped) == 1 and skipped != {pos["a"][1]}
    assert set(pos) == set(nodes)


def test_a_long_chain_wraps_into_rows_in_the_canvas_shape() -> None:
    from netbuilder.model.layout import NODE_SIZE

    nodes = [f"n{i}" for i in range(12)]
    edges = list(itertools.pairwise(nodes))
    pos = layered_layout(nodes, edges, aspect=1.6)
    xs, ys = {p[0] for p in pos.values()}, {p[1] for p in pos.values()}
    assert 1 < len(ys) < 12 and len(xs) < 12  # rows, not one line nor one column
    width = max(xs) - min(xs) + NODE_SIZE[0]
    height = max(ys) - min(ys) + NODE_SIZE[1]
    assert 0.8 < width / height < 3.2
    assert pos["n0"] == (0.0, 0.0) and pos["n1"][1] == 0.0  # reads left to right from the top
    cards = list(pos.values())
    assert len(set(cards)) == 12


def test_without_aspect_the_layout_stays_one_row() -> None:
    nodes = [f"n{i}" for i in range(12)]
    pos = layered_layout(nodes, list(itertools.pairwise(nodes)))
    assert {p[1] for p in pos.values()} == {0.0}


def test_wrapped_rows_stay_within_the_width_given() -> None:
    from netbuilder.model.layout import NODE_SIZE

    nodes = [f"n{i}" for i in range(12)]
    pos = layered_layout(nodes, list(itertools.pairwise(nodes)), aspect=3.0, max_width=900)
    assert max(p[0] for p in pos.values()) + NODE_SIZE[0] <= 900
    assert len({p[1] for p in pos.values()}) > 1


def test_each_stage_starts_a_row_of_its_own() -> None:
    """A ResNet-50's top level: stem, four stages of 3/4/6/3 block uses, head."""
    counts = {"stem": 5, "layer1": 3, "layer2": 4, "layer3": 6, "layer4": 3, "head": 4}
    nodes, stages = [], {}
    for stage, n in counts.items():
        for i in range(n):
            nodes.append(f"{stage}_{i}")
            if stage.startswith("layer"):
                stages[f"{stage}_{i}"] = stage
    pos = layered_layout(nodes, list(itertools.pairwise(nodes)), aspect=1.6, stages=stages)
    rows: dict[float, list[str]] = {}
    for node in nodes:
        rows.setdefault(pos[node][1], []).append(node)
    firsts = sorted(r[0] for r in rows.values())
    assert firsts == ["head_0", "layer1_0", "layer2_0", "layer3_0", "layer4_0", "stem_0"]
    assert all(pos[f"{s}_0"][0] == 0.0 for s in counts)  # every row starts at the left
    assert len(rows) == 6 and max(len(r) for r in rows.values()) == 6
