"""A project saved as fitted (an imported model: ``view: {"zoom": "fit"}``) opens whole; any
other opens at the readable zoom, from its inputs."""

from __future__ import annotations

import itertools

import pytest

from netbuilder.io import save_project
from netbuilder.model import Graph, Project
from netbuilder.model.layout import arrange_graph
from netbuilder.qt.canvas.view import OVERVIEW_ZOOM, READABLE_ZOOM


def _chain(n: int) -> Graph:
    g = Graph()
    ids = ["input"] + [f"relu_{i}" for i in range(1, n - 1)] + ["output"]
    g.add_node("Input", {"shape": [8]}, node_id="input")
    for i in ids[1:-1]:
        g.add_node("ReLU", node_id=i)
    g.add_node("Output", node_id="output")
    for a, b in itertools.pairwise(ids):
        g.connect(a, b)
    for node_id, pos in arrange_graph(g, aspect=1.6).items():
        g.move_node(node_id, pos)
    return g


@pytest.mark.parametrize("view", [{"zoom": "fit"}, {}])
def test_a_fitted_project_opens_whole(make_window, tmp_path, view):
    path = tmp_path / "p.json"
    save_project(path, Project(graph=_chain(40), view=view))
    w = make_window((1400, 900))
    assert w.open_path(path, ask=False)
    shown = w.view.mapToScene(w.view.viewport().rect()).boundingRect()
    whole = w.scene.items_rect()
    if view:
        assert OVERVIEW_ZOOM <= w.view.zoom() < READABLE_ZOOM
        assert shown.contains(whole)
    else:
        assert w.view.zoom() == pytest.approx(READABLE_ZOOM)
        assert not shown.contains(whole)
