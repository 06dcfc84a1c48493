"""One colour and one label per layer, shared by every training plot, so a layer reads the
same in the gradient plot, the inside-the-network plots and their legends."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtGui import QColor

from netbuilder.qt.training.plotkit import SHADES, node_color


def layer_label(graph: Any, layer: str) -> str:
    """The node's name on the canvas (its id when unnamed); a layer path inside a block use
    (``res_block_1.c2``) as it is."""
    return graph.node(layer).label if graph is not None and layer in graph else layer


def layer_colors(graph: Any, nodes: Iterable[str], more: Iterable[str] = ()) -> dict[str, QColor]:
    """Each layer's category colour as on the canvas, layers of one category told apart by
    shade in order. ``nodes`` (the layers with parameters, as the gradient plot lists them)
    come first and ``more`` (other layers) after, so the parameterised layers get the same
    colours whether or not the others are drawn too."""
    colors: dict[str, QColor] = {}
    seen: dict[str, int] = {}
    for layer in [*nodes, *more]:
        if layer in colors:
            continue
        base = node_color(graph, layer)
        k = seen.get(base.name(), 0)
        seen[base.name()] = k + 1
        colors[layer] = SHADES[k % len(SHADES)](base)
    return colors
