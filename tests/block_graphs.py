"""A small network with a residual part, shared by the block tests (model, io, engine, window)."""

from __future__ import annotations

from netbuilder.model import Graph


def residual_net() -> Graph:
    """inp -> c1 -> [r1 -> c2 -> add(+c1)] -> fl -> fc -> out"""
    g = Graph()
    g.add_node("Input", {"shape": [3, 8, 8]}, node_id="inp")
    g.add_node("Conv2d", {"out_channels": 8, "padding": 1}, (200, 0), node_id="c1")
    g.add_node("ReLU", None, (400, 0), node_id="r1")
    g.add_node("Conv2d", {"out_channels": 8, "padding": 1}, (600, 0), node_id="c2")
    g.add_node("Add", None, (800, 0), node_id="add")
    g.add_node("Flatten", None, (1000, 0), node_id="fl")
    g.add_node("Linear", {"out_features": 10}, (1200, 0), node_id="fc")
    g.add_node("Output", None, (1400, 0), node_id="out")
    for a, b in [
        ("inp", "c1"),
        ("c1", "r1"),
        ("r1", "c2"),
        ("c2", "add"),
        ("c1", "add"),
        ("add", "fl"),
        ("fl", "fc"),
        ("fc", "out"),
    ]:
        g.connect(a, b)
    return g
