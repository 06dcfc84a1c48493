"""Where a finding belongs: layer paths of the network, read from the graph and the module."""

from __future__ import annotations

from netbuilder.engine.doctor.bench import Bench

#: Activations that squash their input and pass back at most a quarter (sigmoid) or one
#: (tanh) of the gradient, shrinking it at every layer when stacked.
SQUASHING = ("Sigmoid", "Tanh")


def last_layer(bench: Bench) -> str | None:
    """The layer with parameters nearest before the (first) Output node, walking its first
    inputs back; inside a block use, the use's last such layer (``use.inner``)."""
    graph = bench.graph
    outputs = [n.id for n in graph if n.type == "Output"]
    seen: set[str] = set()
    current = outputs[0] if outputs else None
    while current is not None and current not in seen:
        seen.add(current)
        if current in bench.nodes:
            return current
        inner = [p for p in bench.nodes if p.startswith(current + ".")]
        if inner:
            return inner[-1]
        preds = graph.predecessors(current)
        current = preds[0] if preds else None
    return bench.nodes[-1] if bench.nodes else None


def top_node(path: str) -> str:
    """The canvas node of a layer path (a block use for ``use.inner``)."""
    return path.split(".", 1)[0]


def squashing_nodes(bench: Bench) -> list[str]:
    """Top-level Sigmoid and Tanh nodes, in the order they run."""
    graph = bench.graph
    return [n for n in graph.topological_order() if graph.node(n).type in SQUASHING]
