"""The node-graph canvas: a scene mirroring the model, its items, gestures and the view."""

from .items import EdgeItem, NodeItem, PortItem
from .scene import LAYER_MIME, NODES_MIME, GraphScene
from .view import GraphView

__all__ = [
    "LAYER_MIME",
    "NODES_MIME",
    "EdgeItem",
    "GraphScene",
    "GraphView",
    "NodeItem",
    "PortItem",
]
