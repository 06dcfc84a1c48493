"""The Qt-free, torch-free core: the graph, the layer catalogue, projects, typed errors."""

from .catalogue import CATALOGUE, CATEGORIES, VARIADIC, LayerSpec, ParamSpec, get_spec, is_known
from .errors import (
    ArityError,
    CycleError,
    DuplicateEdgeError,
    DuplicateNodeError,
    GraphError,
    NetbuilderError,
    NodeNotFoundError,
    ParamError,
    PortOccupiedError,
    SettingsError,
    UnknownLayerTypeError,
)
from .events import Event
from .graph import Edge, Graph, Node, is_valid_node_id
from .project import DatasetBinding, Project, TrainingSettings

__all__ = [
    "CATALOGUE",
    "CATEGORIES",
    "VARIADIC",
    "LayerSpec",
    "ParamSpec",
    "get_spec",
    "is_known",
    "ArityError",
    "CycleError",
    "DuplicateEdgeError",
    "DuplicateNodeError",
    "GraphError",
    "NetbuilderError",
    "NodeNotFoundError",
    "ParamError",
    "PortOccupiedError",
    "SettingsError",
    "UnknownLayerTypeError",
    "Event",
    "Edge",
    "Graph",
    "Node",
    "is_valid_node_id",
    "DatasetBinding",
    "Project",
    "TrainingSettings",
]
