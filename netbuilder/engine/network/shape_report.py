"""The result of a shape check: per-node shapes, errors, fixes and pending problems."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from netbuilder.engine.network.fixes import Fix
from netbuilder.engine.network.shape_rules import format_shape

if TYPE_CHECKING:
    from netbuilder.model import Graph

__all__ = ["BlockCheck", "ShapeReport"]


@dataclass
class ShapeReport:
    """Result of one check. Shapes exclude the batch dimension; see ``format_shape``."""

    shapes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    dtypes: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    fixes: dict[str, Fix] = field(default_factory=dict)
    param_counts: dict[str, int] = field(default_factory=dict)
    graph_errors: list[str] = field(default_factory=list)
    warnings: dict[str, str] = field(default_factory=dict)  # node -> advice; training still runs
    # Pending (see the module docstring): they block like errors but are not the user's mistake.
    unconnected: dict[str, str] = field(default_factory=dict)  # node -> which input to connect
    awaiting_data: dict[str, str] = field(default_factory=dict)  # node -> problem of a placeholder
    incomplete: list[str] = field(default_factory=list)  # graph-wide: no Input / Output yet
    notes: dict[str, str] = field(default_factory=dict)  # node -> information; blocks nothing
    order: list[str] = field(default_factory=list)  # topological order of all nodes
    unused: frozenset[str] = frozenset()  # nodes on no path from an Input to an Output
    # Block uses: use id -> {body node id: its shape, or its problem}, for the opened use ...
    inner: dict[str, dict[str, tuple[int, ...] | str]] = field(default_factory=dict)
    # ... and use id -> the whole check of its body (what compile builds the use from).
    uses: dict[str, BlockCheck] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Nothing stops training or compilation: no error and nothing pending."""
        return not self.error_count and not self.pending and not self.incomplete

    @property
    def error_count(self) -> int:
        """Mistakes to show as errors (pending problems excluded)."""
        return len(self.errors) + len(self.graph_errors)

    @property
    def pending(self) -> dict[str, str]:
        """Node -> pending problem: not connected yet, or waiting for a dataset."""
        return {**self.awaiting_data, **self.unconnected}

    @property
    def total_params(self) -> int:
        """Parameters of every node that has a shape (stray nodes included)."""
        return sum(self.param_counts.values())

    def activation_elements(self) -> int:
        """Elements of one sample's intermediate values, those inside block uses included."""
        own = sum(math.prod(shape) for shape in self.shapes.values())
        return own + sum(use.report.activation_elements() for use in self.uses.values())

    def messages(self) -> list[tuple[str, str]]:
        """(node_id, message) for every node error, in topological order (see graph_errors)."""
        return [(nid, self.errors[nid]) for nid in self.order if nid in self.errors]

    def warning_messages(self) -> list[tuple[str, str]]:
        """(node_id, advice) for every node warning, in topological order."""
        return [(nid, self.warnings[nid]) for nid in self.order if nid in self.warnings]

    def pending_messages(self) -> list[tuple[str, str]]:
        """(node_id, message) for every pending node problem, in topological order."""
        pending = self.pending
        return [(nid, pending[nid]) for nid in self.order if nid in pending]

    def note_messages(self) -> list[tuple[str, str]]:
        """(node_id, information) for every node note, in topological order."""
        return [(nid, self.notes[nid]) for nid in self.order if nid in self.notes]

    def problems(self) -> list[tuple[str | None, str]]:
        """Everything that stops training: errors first, then pending problems; graph-wide
        ones (node None) before per-node ones, which are in topological order."""
        found: list[tuple[str | None, str]] = [(None, m) for m in self.graph_errors]
        found += self.messages()
        found += [(None, m) for m in self.incomplete]
        found += self.pending_messages()
        return found

    def first_error(self, among: set[str] | None = None) -> tuple[str | None, str] | None:
        """The first graph-wide problem (node None), else the first node problem (an error or a
        pending one), optionally only among ``among``; None when there is none."""
        for nid, msg in self.problems():
            if nid is None or among is None or nid in among:
                return nid, msg
        return None

    def shape_label(self, node_id: str) -> str:
        """Edge/port label for the output of ``node_id``: "[N, 64]", or "" when unknown."""
        shape = self.shapes.get(node_id)
        return "" if shape is None else format_shape(shape)


@dataclass(frozen=True)
class BlockCheck:
    """One block use's body, checked with the use's arguments and input shapes.

    Shared by every use with the same definition revision, arguments and input shapes (the
    checker caches it), so nothing here may be changed after the check.
    """

    name: str  # the definition
    body: Graph  # the definition's body with the use's arguments applied
    report: ShapeReport  # the body's check, its BlockInputs taking the use's inputs
    input_ids: tuple[str, ...]  # BlockInput ids in port order
    output_id: str | None
    problem: str | None = None  # what stops the use, naming the layer inside
    pending: bool = False  # the problem is pending (not connected yet), not a mistake
    shape: tuple[int, ...] | None = None
    dtype: str | None = None
    param_count: int = 0
    args: tuple[tuple[str, Any], ...] = ()  # every argument's value as applied to the body
