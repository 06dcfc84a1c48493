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
from netbuilder.model.i18n import translate
from netbuilder.qt.report_view import ReportView, body_view


class BlockNavigator(QObject):
    """Which block is open: ``path`` is the blocks opened one inside another (outermost first;
    empty: the network), ``use_path`` the uses they were opened from (``res_block_1``,
    ``inner_1``), whose shapes and gradient norms the body shows."""

    #: The canvas switched between the network and a block's body: the block's name, or None.
    shown_changed = Signal(object)

    def __init__(self, document: QObject, on_change: Callable[[], None] | None = None) -> None:
        super().__init__(document)
        self._on_change = on_change or (lambda: None)
        self._network: Graph | None = None
        self.path: tuple[str, ...] = ()
        self.use_path: tuple[str, ...] = ()
        self._view: tuple[ShapeReport, tuple[str, ...], ReportView] | None = None

    @property
    def name(self) -> str | None:
        return self.path[-1] if self.path else None

    @property
    def use_id(self) -> str | None:
        """The use (in the graph shown before it) the open block was opened from."""
        return self.use_path[-1] if self.use_path and len(self.use_path) == len(self.path) else None

    @property
    def graph(self) -> Graph:
        assert self._network is not None
        if self.name is not None:
            definition = self._network.blocks.get(self.name)
            if definition is not None:
                return definition.body
        return self._network

    def _outer_report(self, report: ShapeReport) -> ShapeReport | None:
        """The check of the graph that holds the open use (None: not known)."""
        if len(self.use_path) != len(self.path):
            return None
        for use in self.use_path[:-1]:
            check = report.uses.get(use)
            if check is None:
                return None
            report = check.report
        return report

    def view(self, report: ShapeReport) -> ReportView:
        """The shown body's shapes and errors in ``report`` (made once per report and use)."""
        cached = self._view
        if cached is None or cached[0] is not report or cached[1] != self.use_path:
            outer = self._outer_report(report)
            view = body_view(outer or ShapeReport(), self.use_id if outer else None)
            cached = self._view = (report, self.use_path, view)
        return cached[2]

    def report(self, report: ShapeReport) -> ShapeReport:
        """The shown graph's check: the network's, or the body's inside the use it shows."""
        if self.name is None:
            return report
        outer = self._outer_report(report)
        check = outer.uses.get(self.use_path[-1]) if outer is not None else None
        return check.report if check is not None else ShapeReport()

    def follow(self, network: Graph | None) -> None:
        """Watch ``network``'s block library (None: stop); shows the network itself."""
        if self._network is not None:
            self._subscribe(self._network, False)
        self._network = network
        self.path = self.use_path = ()
        if network is not None:
            self._subscribe(network, True)

    def show(self, name: str | None, use_id: str | None = None, *, inside: bool = False) -> None:
        """Show block ``name``'s body, with the shapes of use ``use_id`` (default: its first
        use in the network); None shows the network. ``inside``: ``name`` is opened from a
        use in the body shown now (the path grows by one)."""
        network = self._network
        if name is None:
            self._go((), ())
            return
        if network is None or name not in network.blocks:
            raise GraphError(
                translate("BlockNavigator", "No block named {name} in this project").format(
                    name=repr(name)
                )
            )
        if inside and self.path:
            uses = (*self.use_path, use_id) if use_id is not None else self.use_path
            self._go((*self.path, name), tuple(u for u in uses if u is not None))
            return
        if use_id is None:
            found = [n.id for n in network.nodes_of_type(BLOCK) if n.params.get("block") == name]
            use_id = found[0] if found else None
        self._go((name,), (use_id,) if use_id is not None else ())

    def up(self) -> None:
        """One level out: the block around the open one, or the network."""
        self._go(self.path[:-1], self.use_path[: len(self.path) - 1])

    def _go(self, path: tuple[str, ...], use_path: tuple[str, ...]) -> None:
        if (path, use_path) != (self.path, self.use_path):
            self.path, self.use_path = path, use_path
            self.shown_changed.emit(self.name)

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
        if definition.name in self.path:  # Make block undone while its body was shown
            k = self.path.index(definition.name)
            self._go(self.path[:k], self.use_path[:k])
        self._on_change()
