"""Typed errors for graph rules. The GUI and the CLI display them; they never re-implement them."""

from __future__ import annotations


class NetbuilderError(Exception):
    """Base of every error netbuilder raises on purpose (shown to users without a traceback)."""


class GraphError(NetbuilderError):
    """A change that would break a graph rule. ``node`` and ``field`` say where, when known."""

    def __init__(self, message: str, *, node: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.node = node
        self.field = field


class NodeNotFoundError(GraphError):
    pass


class DuplicateNodeError(GraphError):
    pass


class CycleError(GraphError):
    pass


class DuplicateEdgeError(GraphError):
    pass


class PortOccupiedError(GraphError):
    pass


class UnknownLayerTypeError(GraphError):
    pass


class ArityError(GraphError):
    pass


class ParamError(GraphError):
    """A parameter value of the wrong type, out of bounds, or unknown."""


class GraphDataError(GraphError):
    """An entry of a graph's plain data (``Graph.from_dict``) that cannot be built.

    ``section`` ("nodes" or "edges") and ``index`` name the entry; ``field`` the part of it
    ("params.units", "id"), when known; ``message`` the reason.
    """

    def __init__(
        self,
        message: str,
        *,
        section: str,
        index: int,
        node: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message, node=node, field=field)
        self.message = message
        self.section = section
        self.index = index

    @property
    def path(self) -> str:
        """Where in the graph data: ``nodes[3].params.units``, ``edges[7]``."""
        return f"{self.section}[{self.index}]" + (f".{self.field}" if self.field else "")


class SettingsError(NetbuilderError):
    """Training settings that cannot be used (lr <= 0, unknown optimizer, ...)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def message_of(error: BaseException) -> str:
    """``error``'s message, the ``Text`` it was raised with when it has one (``str(error)``
    loses it, and with it the translation)."""
    if len(error.args) == 1 and isinstance(error.args[0], str):
        return error.args[0]
    return str(error)
