"""Shape-check timings on a realistic 200-node graph.

Run: ``python tests/benchmarks/bench_shapes.py``. Prints ``name: value`` lines:
check_200_nodes_ms (median full check with a fresh checker) and recheck_after_edit_ms (median
re-check after changing one mid-graph Linear's out_features to a value not seen before);
check_resnet_blocks_ms / recheck_blocks_after_edit_ms: the same for a ResNet of 8 uses of one
residual block (8 layers each), the edit being the head's width (the uses come from the cache).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from netbuilder.engine.data.info import DatasetInfo
from netbuilder.engine.network.shapes import ShapeChecker
from netbuilder.model import Graph

DATASET = DatasetInfo("images", "classification", (3, 32, 32), (), 1000, n_classes=10)


def build_graph(target: int = 200) -> tuple[Graph, list[str]]:
    """CNN stem, then MLP blocks: residual (Add), two-branch (Concat) and gated (Multiply)."""
    g = Graph()

    def add(layer: str, src: str | list[str], **params) -> str:
        nid = g.add_node(layer, params).id
        for s in [src] if isinstance(src, str) else src:
            g.connect(s, nid)
        return nid

    x = g.add_node("Input", {"shape": [3, 32, 32]}).id
    for ch in (16, 32):
        x = add("Conv2d", x, out_channels=ch, padding=1)
        x = add("BatchNorm2d", x)
        x = add("ReLU", x)
        x = add("MaxPool2d", x)
    x = add("Flatten", x)
    x = add("Linear", x, out_features=128)
    hidden: list[str] = []
    kind = 0
    while len(g) < target - 3:
        if kind % 3 == 0:  # residual block: 6 nodes
            h = add("Linear", x, out_features=64)
            hidden.append(h)
            h = add("ReLU", h)
            h = add("Dropout", h, p=0.1)
            h = add("Linear", h, out_features=128)
            x = add("LayerNorm", add("Add", [h, x]))
        elif kind % 3 == 1:  # two branches joined: 6 nodes
            a = add("GELU", add("Linear", x, out_features=64))
            b = add("Tanh", add("Linear", x, out_features=64))
            x = add("Concat", [a, b])
        else:  # gated: 5 nodes
            gate = add("Sigmoid", add("Linear", x, out_features=128))
            x = add("SiLU", add("Multiply", [x, gate]))
        kind += 1
    while len(g) < target - 2:
        x = add("Identity", x)
    x = add("Linear", x, out_features=10)
    add("Output", x)
    assert len(g) == target, len(g)
    return g, hidden


def build_block_net(uses: int = 8) -> Graph:
    """stem -> ``uses`` x Basic (conv-bn-relu-conv-bn-add-relu) -> pool -> flatten -> head."""
    from netbuilder.model.block_edits import plan_make_block, plan_repeat
    from netbuilder.model.edits import apply_edits

    g = Graph()
    g.add_node("Input", {"shape": [3, 32, 32]}, node_id="inp")
    chain = [
        ("stem", "Conv2d", {"out_channels": 16, "padding": 1}),
        ("c1", "Conv2d", {"out_channels": 16, "padding": 1}),
        ("b1", "BatchNorm2d", {}),
        ("r1", "ReLU", {}),
        ("c2", "Conv2d", {"out_channels": 16, "padding": 1}),
        ("b2", "BatchNorm2d", {}),
        ("add", "Add", {}),
        ("r2", "ReLU", {}),
        ("pool", "AdaptiveAvgPool2d", {}),
        ("fl", "Flatten", {}),
        ("head", "Linear", {"out_features": 10}),
        ("out", "Output", {}),
    ]
    prev = "inp"
    for nid, layer, params in chain:
        g.add_node(layer, params, node_id=nid)
        g.connect(prev, nid)
        prev = nid
    g.connect("stem", "add")
    plan, use = plan_make_block(g, ["c1", "b1", "r1", "c2", "b2", "add", "r2"], "Basic")
    apply_edits(g, plan)
    plan, _ = plan_repeat(g, use, uses - 1)
    apply_edits(g, plan)
    return g


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    graph, block_linears = build_graph()
    ShapeChecker().check(graph, DATASET, "cross_entropy")  # warm up imports
    full = []
    for _ in range(30):
        checker = ShapeChecker()
        start = time.perf_counter()
        report = checker.check(graph, DATASET, "cross_entropy")
        full.append(time.perf_counter() - start)
    assert report.ok, report.messages()[:3]
    # the first Linear of a residual block halfway down: its width feeds ReLU/Dropout/Linear
    middle = block_linears[len(block_linears) // 2]
    checker = ShapeChecker()
    checker.check(graph, DATASET, "cross_entropy")
    edits = []
    for i in range(30):
        graph.set_params(middle, {"out_features": 200 + i})
        start = time.perf_counter()
        report = checker.check(graph, DATASET, "cross_entropy")
        edits.append(time.perf_counter() - start)
        assert report.ok and report.shapes[middle] == (200 + i,)
    print(f"check_200_nodes_ms: {median_ms(full):.2f}")
    print(f"recheck_after_edit_ms: {median_ms(edits):.2f}")

    blocks = build_block_net()
    full, edits = [], []
    for _ in range(30):
        checker = ShapeChecker()
        start = time.perf_counter()
        report = checker.check(blocks, DATASET, "cross_entropy")
        full.append(time.perf_counter() - start)
    assert report.ok, report.problems()[:3]
    checker = ShapeChecker()
    checker.check(blocks, DATASET, "cross_entropy")
    for i in range(30):
        blocks.set_params("head", {"out_features": 10 + i % 2})
        start = time.perf_counter()
        report = checker.check(blocks, DATASET, "cross_entropy")
        edits.append(time.perf_counter() - start)
    print(f"check_resnet_blocks_ms: {median_ms(full):.2f}")
    print(f"recheck_blocks_after_edit_ms: {median_ms(edits):.2f}")


if __name__ == "__main__":
    main()
