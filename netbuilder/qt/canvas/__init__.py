"""The node-graph canvas: a scene mirroring the model, its items, gestures and the view."""

from netbuilder.qt.canvas.items import EdgeItem, NodeItem, PortItem
from netbuilder.qt.canvas.scene import LAYER_MIME, NODES_MIME, GraphScene
from netbuilder.qt.canvas.view import GraphView

__all__ = [
    "LAYER_MIME",
    "NODES_MIME",
    "EdgeItem",
    "GraphScene",
    "GraphView",
    "NodeItem",
    "PortItem",
]
