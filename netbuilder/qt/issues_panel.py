"""The Issues panel: every problem in the project, one row each, pointing at its node.

Rows come from the shape report (per-node errors and graph-level errors), from loading
(warnings such as an unknown layer type kept from a file) and from the current training run
(gradient problems, naming the layer) and from the training doctor's check (``doctor_rows``).
Clicking a row asks the window to select and centre the node; a row whose problem has a known
one-click repair gets a Fix button that calls ``document.apply_fix`` (one undo step), or the
row's own ``action`` (a doctor's remedy, one undo step too).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netbuilder.engine.network.fixes import Fix
from netbuilder.engine.network.shape_rules import format_shape
from netbuilder.engine.network.shapes import ShapeReport
from netbuilder.model import Graph
from netbuilder.model import i18n as words  # Texts: English in tests and logs, shown translated
from netbuilder.qt.i18n import localized, translate
from netbuilder.qt.theme import theme_color
from netbuilder.qt.training.overlay import GradientIssue

if TYPE_CHECKING:
    from netbuilder.qt.document import Document

NODE_ROLE = Qt.ItemDataRole.UserRole + 1
# Below this width of the list a Fix button says only "Fix" (its tooltip says what it does):
# the whole label beside a message left the message one letter wide in a narrow dock.
COMPACT_BELOW = 640


@dataclass(frozen=True)
class Issue:
    """One row: ``node`` is None for problems of the whole graph or file."""

    severity: str  # "error" | "warning" | "info" (pending: not wired yet, waiting for data)
    message: str
    node: str | None = None
    fix: Fix | None = None
    from_training: bool = False  # a gradient problem of the current run
    from_doctor: bool = False  # a finding of the training doctor's check
    action_label: str = ""  # the button of a repair that is not a checker's Fix
    action: Callable[[], object] | None = field(default=None, compare=False)


def fix_label(fix: Fix) -> str:
    """Button text for a fix: "Fix: Insert Flatten before linear_2"."""
    return translate("IssuesPanel", "Fix: {label}").format(label=localized(fix.label))


def _from_training(message: str) -> str:
    """A run's problem, as its row says it ("Training: …")."""
    return words.translate("IssuesPanel", "Training: {message}").format(message=message)


def collect_issues(report: ShapeReport, graph: Graph, warnings: Sequence[str] = ()) -> list[Issue]:
    """Errors first (graph-wide, then per node in graph order), then the checker's advice
    (a Softmax before cross-entropy), then load warnings, then information: what is pending
    (a layer not connected yet, a problem waiting for a dataset) and the checker's notes."""
    issues = [Issue("error", message) for message in report.graph_errors if len(graph)]
    for node_id, message in report.messages():
        issues.append(Issue("error", message, node_id, report.fixes.get(node_id)))
    for node_id, message in report.warning_messages():
        issues.append(Issue("warning", message, node_id))
    for message in warnings:
        issues.append(Issue("warning", message, _mentioned_node(graph, message)))
    issues += [Issue("info", message) for message in report.incomplete if len(graph)]
    for node_id, message in report.note_messages() + report.pending_messages():
        issues.append(Issue("info", message, node_id))
    return issues


def _mentioned_node(graph: Graph, message: str) -> str | None:
    """The node a load warning is about, when it names one (as ``node 'x'`` or ``x:``)."""
    for node in graph:
        if re.search(rf"(?<![\w]){re.escape(node.id)}(?![\w])", message):
            return node.id
    return None


def node_status(report: ShapeReport, node_id: str) -> str:
    """Rich text for the inspector: output shape, parameter count, the error or advice."""
    lines = []
    shape = report.shapes.get(node_id)
    if shape is not None:
        lines.append(
            translate("IssuesPanel", "Output <b>{shape}</b>").format(
                shape=html.escape(format_shape(shape))
            )
        )
    count = report.param_counts.get(node_id, 0)
    if count:
        lines.append(
            translate("IssuesPanel", "{count} trainable parameters").format(count=f"{count:,}")
        )
    error = report.errors.get(node_id)
    if error:
        shown = html.escape(localized(error))
        lines.append(f'<span style="color:{theme_color("error").name()}">{shown}</span>')
    for note in (report.pending.get(node_id), report.notes.get(node_id)):
        if note:
            color = theme_color("muted").name()
            lines.append(f'<span style="color:{color}">{html.escape(localized(note))}</span>')
    advice = report.warnings.get(node_id)
    if advice:
        shown = html.escape(localized(advice))
        lines.append(f'<span style="color:{theme_color("warning").name()}">{shown}</span>')
    return "<br>".join(lines)


class _WrappedText(QStyledItemDelegate):
    """A cell as tall as its text wrapped to the column's width (Qt's own hint is one line, so
    a long message in a narrow dock was cut to "Linear needs [N, …")."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(  # noqa: N802 - Qt API
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        width = self.tree.columnWidth(index.column()) - 10
        text = str(index.data() or "")
        if width <= 0 or not text:
            return hint
        flags = int(Qt.TextFlag.TextWordWrap)
        wrapped = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), flags, text)
        return QSize(hint.width(), max(hint.height(), wrapped.height() + 6))


class IssuesPanel(QWidget):
    """A list of Issues; emits ``node_requested`` when a row naming a node is clicked."""

    node_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.load_warnings: list[str] = []
        self.training_issues: list[Issue] = []
        self.run_problem: Issue | None = None  # why the last run could not start or go on
        self.doctor_issues: list[Issue] = []
        self.doctor_note: str | None = None  # the doctor's word when it has no rows to show
        self.issues: list[Issue] = []
        self.summary = QLabel()
        self.summary.setObjectName("issuesSummary")
        self.tree = QTreeWidget()
        self.tree.setObjectName("issuesList")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(
            [translate("IssuesPanel", "Layer"), translate("IssuesPanel", "Problem"), ""]
        )
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, header.ResizeMode.Stretch)
        header.setSectionResizeMode(2, header.ResizeMode.ResizeToContents)
        self.tree.setItemDelegateForColumn(1, _WrappedText(self.tree))
        # Rows take their wrapped height again when the Problem column's width changes.
        header.sectionResized.connect(lambda *_: self.tree.doItemsLayout())
        self.tree.itemClicked.connect(self._on_clicked)
        self.tree.itemActivated.connect(self._on_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        self.refresh()

    def set_document(self, document: Document, warnings: Sequence[str] = ()) -> None:
        if self.document is not None:
            self.document.report_changed.disconnect(self._on_report)
            self.document.data_problem_changed.disconnect(self._on_report)
        self.document = document
        self.load_warnings = list(warnings)
        self.training_issues = []
        self.run_problem = None
        self.doctor_issues, self.doctor_note = [], None
        document.report_changed.connect(self._on_report)
        document.data_problem_changed.connect(self._on_report)
        self.refresh()

    def set_training_issues(self, found: Sequence[GradientIssue]) -> None:
        """Rows for the gradient problems of the current run (an empty list removes them)."""
        issues = [
            Issue("warning", _from_training(g.message), g.node, from_training=True) for g in found
        ]
        if issues != self.training_issues:
            self.training_issues = issues
            self.refresh()

    def set_run_problem(self, message: str | None, node: str | None = None) -> None:
        """An error row for what stopped the last run (unreadable data, weights that no longer
        fit); None removes it (a new run starts). Without ``node``, the node the message names."""
        problem = None
        if message is not None:
            graph = self.document.graph if self.document is not None else Graph()
            node = node if node is not None else _mentioned_node(graph, message)
            problem = Issue("error", _from_training(message), node, from_training=True)
        if problem != self.run_problem:
            self.run_problem = problem
            self.refresh()

    def set_doctor_issues(self, issues: Sequence[Issue], note: str | None = None) -> None:
        """The doctor's rows (an empty list removes them) and a line for the summary."""
        self.doctor_issues, self.doctor_note = list(issues), note
        self.refresh()

    def _on_report(self, _what: object) -> None:
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.document is not None:
            self.refresh()  # the rows' and the summary's colours come from the theme

    def refresh(self) -> None:
        doc = self.document
        graph = doc.graph if doc is not None else Graph()
        notes = list(self.load_warnings)
        if doc is not None and doc.data_problem:
            notes.append(
                words.translate("IssuesPanel", "dataset: {problem}").format(
                    problem=doc.data_problem
                )
            )
        issues = collect_issues(doc.report, graph, notes) if doc is not None else []
        run = [self.run_problem] if self.run_problem is not None else []
        self.issues = run + issues + self.doctor_issues + self.training_issues
        self.tree.clear()
        style = self.style()
        icons = {
            "error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
            "info": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation),
        }
        for issue in self.issues:
            label = graph.node(issue.node).label if issue.node and issue.node in graph else ""
            if issue.from_training:
                place = translate("IssuesPanel", "(training)")
            elif issue.from_doctor:
                place = translate("IssuesPanel", "(doctor)")
            else:
                place = translate("IssuesPanel", "(project)")
            message = localized(issue.message)
            item = QTreeWidgetItem(self.tree, [label or place, message, ""])
            item.setIcon(0, icons[issue.severity])
            item.setToolTip(1, message)
            item.setData(0, NODE_ROLE, issue.node)
            color = theme_color("error") if issue.severity == "error" else theme_color("warning")
            item.setForeground(0, QBrush(color.darker(110)))
            if not issue.node or issue.severity == "info":
                item.setForeground(0, QBrush(theme_color("muted")))
            if issue.severity == "info":
                item.setForeground(1, QBrush(theme_color("muted")))
            if issue.fix is not None:
                self.tree.setItemWidget(item, 2, self._fix_button(issue, fix_label(issue.fix)))
            elif issue.action is not None:
                self.tree.setItemWidget(
                    item, 2, self._fix_button(issue, localized(issue.action_label))
                )
        errors = sum(1 for i in self.issues if i.severity == "error")
        infos = sum(1 for i in self.issues if i.severity == "info")
        warnings = len(issues) + len(run) + len(self.doctor_issues) - errors - infos
        from_training = len(self.training_issues)
        doctor = len(self.doctor_issues)
        if not self.issues and not graph:
            self.summary.setText(
                translate("IssuesPanel", "Nothing to check yet: the canvas is empty.")
            )
            self.summary.setStyleSheet(f"color: {theme_color('muted').name()};")
        elif not self.issues:
            self.summary.setText(translate("IssuesPanel", "No problems: every layer's shape fits."))
            self.summary.setStyleSheet(f"color: {theme_color('ok').name()};")
        elif infos == len(self.issues):
            self.summary.setText(
                translate("IssuesPanel", "No mistakes so far; not finished yet (see the notes).")
            )
            self.summary.setStyleSheet(f"color: {theme_color('muted').name()};")
        else:
            self.summary.setText(_summary(errors, warnings, doctor, from_training, infos))
            self.summary.setStyleSheet(
                f"color: {(theme_color('error') if errors else theme_color('warning')).name()};"
            )
        if self.doctor_note and not doctor:
            self.summary.setText(
                translate("IssuesPanel", "{summary} {note}").format(
                    summary=self.summary.text(), note=localized(self.doctor_note)
                )
            )

    def _fix_button(self, issue: Issue, text: str) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(2, 1, 2, 1)
        button = QPushButton()
        button.setObjectName(f"fix_{issue.node or 'project'}")
        button.setProperty("label", text)
        self._label(button, self._compact())
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self._apply_fix(issue))
        row.addWidget(button)
        return holder

    def _compact(self) -> bool:
        return self.tree.viewport().width() < COMPACT_BELOW

    @staticmethod
    def _label(button: QPushButton, compact: bool) -> None:
        """The whole label ("Fix: Insert Flatten before linear_1"), or "Fix" in a narrow list
        with the whole label in the tooltip."""
        label = str(button.property("label") or "")
        tip = translate("IssuesPanel", "Repair this automatically (undoable)")
        button.setText(translate("IssuesPanel", "Fix") if compact else label)
        button.setToolTip(f"{label}\n{tip}" if compact else tip)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        compact = self._compact()
        for button in self.tree.findChildren(QPushButton):
            if button.property("label") is not None:
                self._label(button, compact)

    def _apply_fix(self, issue: Issue) -> None:
        if self.document is not None and issue.fix is not None:
            self.document.apply_fix(issue.fix)
        elif issue.action is not None:
            issue.action()

    def fix_button(self, node_id: str | None, containing: str = "") -> QPushButton | None:
        """The Fix button on the first row for ``node_id`` whose message holds ``containing``
        (tests and keyboard access). ``node_id`` None: a row of the whole project or run, such
        as the doctor's "Loss diverges" (``fix_button(None, "Loss diverges")``)."""
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is None or (item.data(0, NODE_ROLE) or None) != node_id:
                continue
            if containing not in item.text(1):
                continue
            holder = self.tree.itemWidget(item, 2)
            if holder is not None:
                return holder.findChild(QPushButton)
        return None

    def _on_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        node = item.data(0, NODE_ROLE)
        if node:
            self.node_requested.emit(node)


def _summary(errors: int, warnings: int, doctor: int, from_training: int, infos: int) -> str:
    """ "2 errors, 1 warning. Click a row to show the layer." (whole phrases: the words' order
    and plurals differ between languages)."""
    parts = []
    if errors:
        one = translate("IssuesPanel", "{count} error")
        parts.append(
            (one if errors == 1 else translate("IssuesPanel", "{count} errors")).format(
                count=errors
            )
        )
    if warnings:
        one = translate("IssuesPanel", "{count} warning")
        many = translate("IssuesPanel", "{count} warnings")
        parts.append((one if warnings == 1 else many).format(count=warnings))
    if doctor:
        parts.append(
            translate("IssuesPanel", "{count} from the training doctor").format(count=doctor)
        )
    if from_training:
        one = translate("IssuesPanel", "{count} gradient warning from training")
        many = translate("IssuesPanel", "{count} gradient warnings from training")
        parts.append((one if from_training == 1 else many).format(count=from_training))
    if infos:
        one = translate("IssuesPanel", "{count} note")
        many = translate("IssuesPanel", "{count} notes")
        parts.append((one if infos == 1 else many).format(count=infos))
    return translate("IssuesPanel", "{parts}. Click a row to show the layer.").format(
        parts=translate("IssuesPanel", ", ").join(parts)
    )
