"""Canvas benchmark: dragging a node in a 500-node graph vs a 10-node one, and loading one.

Run: python tests/benchmarks/bench_canvas.py
Prints ``drag_frame_ratio_500_vs_10: X`` (goal <= 2) and ``load_500_nodes_ms: X`` (goal < 1000),
``drag_frame_1000_nodes_ms: X`` (a drag frame in a 1,000-node graph),
``load_3000_chain_reversed_ms: X``: reading (no window) a 3,000-node chain whose edges are
listed last to first (the loader once checked for a cycle per edge: 9.6 s), and
``load_imported_resnet_ms: X``: opening (read, scene, fit, first paint) a ResNet-50-shaped
project made by ``netbuilder import`` (the model: ``bench_import.py``).
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import itertools
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from netbuilder.io import load_project, save_project
from netbuilder.model import Graph, Project
from netbuilder.model.layout import arrange_graph
from netbuilder.qt import style
from netbuilder.qt.canvas import GraphScene, GraphView
from netbuilder.qt.document import Document

sys.path.insert(0, str(Path(__file__).parent))
from bench_import import imported_resnet50  # a sibling script, found through the path above

MOVES = 40
REPEATS = 5


def build_graph(n: int) -> Graph:
    """A chain of Linear/ReLU with an Add every fifth node (skip connections): ~1.2 edges/node."""
    g = Graph()
    g.add_node("Input", {"shape": [16]}, node_id="n0")
    for i in range(1, n - 1):
        if i % 5 == 4:
            g.add_node("Add", node_id=f"n{i}")
            g.connect(f"n{i - 1}", f"n{i}", 0)
            g.connect(f"n{i - 3}", f"n{i}", 1)
        else:
            layer = "Linear" if i % 2 else "ReLU"
            g.add_node(layer, {"out_features": 16} if layer == "Linear" else None, node_id=f"n{i}")
            g.connect(f"n{i - 1}", f"n{i}")
    g.add_node("Output", node_id=f"n{n - 1}")
    g.connect(f"n{n - 2}", f"n{n - 1}")
    for node_id, pos in arrange_graph(g, origin=(0.0, 0.0)).items():
        g.move_node(node_id, pos)
    return g


def drag_time(graph: Graph, node_id: str) -> float:
    """Median seconds per mouse-move frame while dragging ``node_id`` across the view."""
    doc = Document(Project(graph=graph))
    scene = GraphScene(doc)
    view = GraphView(scene)
    view.resize(1200, 800)
    view.show()
    QApplication.processEvents()
    item = scene.node_item(node_id)
    view.centerOn(item.sceneBoundingRect().center())
    QApplication.processEvents()
    viewport = view.viewport()
    frames = []
    for r in range(REPEATS):
        start = item.scenePos() + QPointF(60, 30)
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, pos=view.mapFromScene(start))
        for i in range(1, MOVES + 1):
            dx = 300.0 * i / MOVES * (1 if r % 2 == 0 else -1)
            t0 = time.perf_counter()
            QTest.mouseMove(viewport, view.mapFromScene(start + QPointF(dx, 0.4 * dx)))
            QApplication.processEvents()
            viewport.repaint()
            frames.append(time.perf_counter() - t0)
        end = start + QPointF(300.0 * (1 if r % 2 == 0 else -1), 120.0 * (1 if r % 2 == 0 else -1))
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=view.mapFromScene(end))
    assert doc.undo_stack.count() == REPEATS, "each drag must record one move"
    view.close()
    return statistics.median(frames)


def load_time(path: Path) -> float:
    t0 = time.perf_counter()
    loaded = load_project(path)
    doc = Document(loaded.project, path)
    scene = GraphScene(doc)
    view = GraphView(scene)
    view.resize(1200, 800)
    view.zoom_to_fit()
    view.grab()
    elapsed = time.perf_counter() - t0
    assert len(scene.node_items()) == len(loaded.project.graph)
    return elapsed


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    style.apply_theme(app)
    small, big = build_graph(10), build_graph(500)
    print(f"graph: {len(big)} nodes, {len(big.edges)} edges")
    mid = "n252"  # a Linear in the middle of the big graph
    drag_time(build_graph(10), "n5")  # warm-up (fonts, caches)
    t_small = drag_time(small, "n5")
    t_big = drag_time(big, mid)
    print(f"drag_frame_ms_10: {t_small * 1e3:.2f}")
    print(f"drag_frame_ms_500: {t_big * 1e3:.2f}")
    print(f"drag_frame_ratio_500_vs_10: {t_big / t_small:.2f}")
    print(f"drag_frame_1000_nodes_ms: {drag_time(build_graph(1000), 'n502') * 1e3:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.nbproj"
        save_project(path, Project(graph=build_graph(500)))
        load_time(path)  # first load pays for imports; measure a warm open
        print(f"load_500_nodes_ms: {load_time(path) * 1e3:.0f}")
        chain = Path(tmp) / "chain.json"
        chain.write_text(json.dumps(reversed_chain(3000)))
        t0 = time.perf_counter()
        assert len(load_project(chain).project.graph) == 3000
        print(f"load_3000_chain_reversed_ms: {(time.perf_counter() - t0) * 1e3:.0f}")
        imported = Path(tmp) / "resnet50.nbproj"
        save_project(imported, imported_resnet50())
        load_time(imported)  # warm
        print(f"load_imported_resnet_ms: {load_time(imported) * 1e3:.0f}")
    return 0


def reversed_chain(n: int) -> dict:
    """A bare project document: Input then n-1 ReLUs in a line, edges listed last to first."""
    ids = ["input_1"] + [f"relu_{i}" for i in range(1, n)]
    nodes = [{"id": "input_1", "type": "Input", "params": {"shape": [8]}, "pos": [0.0, 0.0]}]
    nodes += [{"id": i, "type": "ReLU", "params": {}, "pos": [0.0, 0.0]} for i in ids[1:]]
    edges = [{"src": a, "dst": b, "port": 0} for a, b in itertools.pairwise(ids)]
    return {
        "format": "netbuilder-project",
        "format_version": "1.0",
        "graph": {"nodes": nodes, "edges": edges[::-1]},
    }


if __name__ == "__main__":
    sys.exit(main())
