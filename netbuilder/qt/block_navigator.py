"""Which graph the canvas shows: the network, or the body of a block opened for editing.

The document owns one navigator. Edits act on the shown graph (``Document.edited``) and go on
the document's one undo stack; a change to any block definition re-checks the network's
shapes, so every use follows an edit of its body.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from netbuilder.engine.network.shapes import ShapeReport
from netbuilder.model import Graph, GraphError
from netbuilder.model.blocks import BLOCK, BlockDef
from netbuilder.qt.report_view import ReportView, body_view


class BlockNavigator(QObject):
    #: The canvas switched between the network and a block's body: the block's name, or None.
    shown_changed = Signal(object)

    def __init__(self, document: QObject, on_change: Callable[[], None] | None = None) -> None:
        super().__init__(document)
        self._on_change = on_change or (lambda: None)
        self._network: Graph | None = None
        self.name: str | None = None
        self.use_id: str | None = None  # the use it was opened from: its shapes are shown
        self._view: tuple[ShapeReport, str | None, ReportView] | None = None

    @property
    def graph(self) -> Graph:
        assert self._network is not None
        if self.name is not None:
            definition = self._network.blocks.get(self.name)
            if definition is not None:
                return definition.body
        return self._network

    def view(self, report: ShapeReport) -> ReportView:
        """The shown body's shapes and errors in ``report`` (made once per report and use)."""
        cached = self._view
        if cached is None or cached[0] is not report or cached[1] != self.use_id:
            cached = self._view = (report, self.use_id, body_view(report, self.use_id))
        return cached[2]

    def report(self, report: ShapeReport) -> ShapeReport:
        """The shown graph's check: the network's, or the body's inside the use it shows."""
        if self.name is None:
            return report
        check = report.uses.get(self.use_id) if self.use_id is not None else None
        return check.report if check is not None else ShapeReport()

    def follow(self, network: Graph | None) -> None:
        """Watch ``network``'s block library (None: stop); shows the network itself."""
        if self._network is not None:
            self._subscribe(self._network, False)
        self._network = network
        self.name = self.use_id = None
        if network is not None:
            self._subscribe(network, True)

    def show(self, name: str | None, use_id: str | None = None) -> None:
        """Show block ``name``'s body, with the shapes of use ``use_id`` (default: its first
        use in the network); None shows the network."""
        network = self._network
        if name is not None and (network is None or name not in network.blocks):
            raise GraphError(f"No block named {name!r} in this project")
        if name is not None and use_id is None and network is not None:
            uses = [n.id for n in network.nodes_of_type(BLOCK) if n.params.get("block") == name]
            use_id = uses[0] if uses else None
        if name != self.name or use_id != self.use_id:
            self.name, self.use_id = name, (use_id if name is not None else None)
            self.shown_changed.emit(name)

    def _subscribe(self, network: Graph, on: bool) -> None:
        ev = network.blocks.events
        for event, slot in (
            (ev.changed, self._changed),
            (ev.added, self._changed),
            (ev.removed, self._removed),
        ):
            (event.connect if on else event.disconnect)(slot)

    def _changed(self, _what: object) -> None:
        self._on_change()

    def _removed(self, definition: BlockDef) -> None:
        if definition.name == self.name:  # Make block undone while its body was shown
            self.show(None)
        self._on_change()
