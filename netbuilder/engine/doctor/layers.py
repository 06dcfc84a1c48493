"""Where a finding belongs: layer paths of the network, read from the graph and the module.

Sigmoid and tanh squash their input and pass back at most a quarter (sigmoid) or all (tanh) of
the gradient, and less once saturated: stacked, they shrink it at every layer.
"""

from __future__ import annotations

from torch import nn

from netbuilder.engine.doctor.bench import Bench
from netbuilder.engine.network.compile import GraphModule


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
    """Layer paths of the Sigmoid and Tanh layers, in the order they run (``use.inner``
    inside a block use)."""
    module = bench.module
    if not isinstance(module, GraphModule):
        return []
    return [path for path, layer in module.layers() if isinstance(layer, (nn.Sigmoid, nn.Tanh))]
