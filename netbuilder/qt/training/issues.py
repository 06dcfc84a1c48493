"""The Issues panel plus rows about gradients found while training.

A thin subclass: the shape/load rows are built by ``IssuesPanel.refresh`` as before, and the
gradient problems of the current run are appended under them (warning rows naming the layer).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QStyle, QTreeWidgetItem

from netbuilder.qt.issues_panel import NODE_ROLE, Issue, IssuesPanel
from netbuilder.qt.style import WARNING_COLOR


class TrainingIssuesPanel(IssuesPanel):
    """IssuesPanel that can also show ``set_training_issues`` rows."""

    def __init__(self, parent: Any = None) -> None:
        self.training_issues: list[Issue] = []
        super().__init__(parent)

    def set_training_issues(self, found: list[Any]) -> None:
        """Rows for overlay.GradientIssue objects (an empty list removes them)."""
        issues = [Issue("warning", f"Training: {g.message}", g.node) for g in found]
        if issues != self.training_issues:
            self.training_issues = issues
            self.refresh()

    def refresh(self) -> None:
        super().refresh()
        extra = getattr(self, "training_issues", [])
        if not extra:
            return
        graph = getattr(self.document, "graph", None)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for issue in extra:
            label = graph.node(issue.node).label if graph and issue.node in graph else ""
            item = QTreeWidgetItem(self.tree, [label or "(training)", issue.message, ""])
            item.setIcon(0, icon)
            item.setToolTip(1, issue.message)
            item.setData(0, NODE_ROLE, issue.node)
            item.setForeground(0, QBrush(WARNING_COLOR.darker(110)))
        self.issues = self.issues + extra
        n = len(extra)
        text = self.summary.text()
        prefix = "" if text.startswith("No problems") or text.startswith("Nothing") else text + " "
        self.summary.setText(
            f"{prefix}{n} gradient warning{'s' * (n != 1)} from training. Click a row to show it."
        )
        self.summary.setStyleSheet(f"color: {WARNING_COLOR.name()};")
