"""The Qt-free, torch-free core: the graph, the layer catalogue, projects, typed errors."""

from netbuilder.model.catalogue import (
    CATALOGUE,
    CATEGORIES,
    VARIADIC,
    LayerSpec,
    ParamSpec,
    get_spec,
    is_known,
)
from netbuilder.model.errors import (
    ArityError,
    CycleError,
    DuplicateEdgeError,
    DuplicateNodeError,
    GraphDataError,
    GraphError,
    NetbuilderError,
    NodeNotFoundError,
    ParamError,
    PortOccupiedError,
    SettingsError,
    UnknownLayerTypeError,
)
from netbuilder.model.events import Event
from netbuilder.model.graph import Edge, Graph, Node, is_valid_node_id
from netbuilder.model.project import DatasetBinding, Project, TrainingSettings

__all__ = [
    "CATALOGUE",
    "CATEGORIES",
    "VARIADIC",
    "ArityError",
    "CycleError",
    "DatasetBinding",
    "DuplicateEdgeError",
    "DuplicateNodeError",
    "Edge",
    "Event",
    "Graph",
    "GraphDataError",
    "GraphError",
    "LayerSpec",
    "NetbuilderError",
    "Node",
    "NodeNotFoundError",
    "ParamError",
    "ParamSpec",
    "PortOccupiedError",
    "Project",
    "SettingsError",
    "TrainingSettings",
    "UnknownLayerTypeError",
    "get_spec",
    "is_known",
    "is_valid_node_id",
]
