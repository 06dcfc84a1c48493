"""Where the training doctor shows in the window: the Training menu's "Check the Network", the
Check button beside Start, its findings as Issues rows, and the learning-rate range test's plot
in a "Learning rate" tab of the training results. The work itself is ``doctor.DoctorCheck``.

The watch's findings on the window's runs (``doctor_watch.RunWatch``, the rules ``netbuilder
train`` prints) are rows of the same kind, titled as the run's: live while it goes (no Fix
while the network is locked), with their Fix buttons once it ends; replaced by the next run,
dropped (the list says why) after an edit. An opened project shows the findings its history
stored for its last run, the same rows with the same Fix buttons."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QScrollArea

from netbuilder.engine.doctor.findings import DoctorReport, Finding
from netbuilder.qt.doctor import STALE, DoctorCheck
from netbuilder.qt.issues_panel import Issue
from netbuilder.qt.training.lr_range_view import LrRangeView
from netbuilder.qt.window_layout import AFTER_RUN_SHARE

RULE_TITLES = {
    "vanishing_gradient": "Vanishing gradient",
    "gradient_zero": "No gradient reaches this layer",
    "gradient_not_finite": "Gradient is not finite",
    "loss_at_init": "Loss at initialisation far too high",
    "overfit_failed": "Cannot learn one small batch",
    "overfit_diverged": "Loss grows on one small batch",
    "loss_diverging": "Loss diverges",
    "loss_oscillating": "Loss oscillates",
    "loss_plateau": "Loss is stuck",
    "overfitting": "Overfitting",
    "exploding_gradient": "Exploding gradient",
    "dead_units": "Dead units",
    "saturated_activations": "Saturated activations",
    "update_ratio_high": "Updates too large",
    "update_ratio_low": "Updates too small",
}
SEEN_WORDS = {
    "grad_norm": "gradient norm",
    "largest": "largest layer's",
    "share": "share",
    "loss": "loss",
    "expected": "expected",
    "ratio": "ratio",
    "start": "first loss",
    "end": "last loss",
    "lr": "learning rate",
    "since_step": "since step",
    "share_of_largest": "share of the largest layer's",
    "highest": "highest loss",
    "dead_share": "dead share",
    "saturated_share": "saturated share",
    "update_ratio": "update ratio",
}
HEALTHY = (
    "The doctor found nothing: the loss at initialisation, the gradients, one small batch "
    "and the learning rate look fine."
)
PREFIX = "Doctor: "
RUN_PREFIX = "Doctor, last run: "
LIVE_PREFIX = "Doctor, this run so far: "
RUN_STALE = "The network changed since the last run: its findings are no longer shown."
#: Said when stored findings of an opened project's last run could not be read back.
UNREAD = "{n} finding{s} stored for the last run could not be read and {are} not shown ({why})."
#: Said on the Seen line when the check examined the saved weights (Continue training is on).
SAVED_WEIGHTS_NOTE = " (in the saved weights the next run continues from)"


def finding_text(finding: Finding, prefix: str = PREFIX, seen_note: str = "") -> str:
    """What was seen, what it means, what to try: three lines under a title."""
    title = RULE_TITLES.get(finding.rule, finding.rule.replace("_", " ").capitalize())
    where = f" in {finding.node}" if finding.node and "." in finding.node else ""
    seen = ", ".join(f"{SEEN_WORDS.get(k, k)} {v:.3g}" for k, v in finding.seen.items())
    return (
        f"{prefix}{title}{where}\n"
        f"Seen{seen_note}: {seen}\n"
        f"Means: {_sentence(finding.meaning)}\n"
        f"Try: {_sentence(finding.advice)}"
    )


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def doctor_issues(
    check: DoctorCheck,
    findings: Sequence[Finding],
    prefix: str = PREFIX,
    *,
    fixable: bool = True,
    seen_note: str = "",
) -> list[Issue]:
    """One warning row per finding, on its canvas node (a block use for ``use.inner``);
    ``fixable`` False: without Fix buttons (the network is locked by a run)."""
    graph = check.document.graph
    rows = []
    for finding in findings:
        node = finding.node.split(".", 1)[0] if finding.node else None
        label = check.fix_label(finding) if fixable else None
        rows.append(
            Issue(
                "warning",
                finding_text(finding, prefix, seen_note),
                node if node in graph else None,
                from_doctor=True,
                action_label=f"Fix: {label}" if label else "",
                action=_applier(check, finding) if label else None,
            )
        )
    return rows


def _applier(check: DoctorCheck, finding: Finding) -> Callable[[], object]:
    return lambda: check.apply(finding)


class DoctorUi(QObject):
    """Wires a ``DoctorCheck`` into ``window`` (a MainWindow: its document, panels, docks).
    A child of the window, so that its slots are disconnected when the window goes (the
    document's undo stack can outlive the Issues list by a moment)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        doc = window.document
        self.check = DoctorCheck(doc, parent=window)
        panel = window.training_panel
        # The check examines what the next run starts from: the saved weights when "Continue
        # training" is on (a wrong scale can only come from them), else a fresh initialisation.
        self.check.starting_weights = lambda: (
            doc.results.weights if panel.continue_training else None
        )
        self._check_rows: list[Issue] = []
        self._check_note: str | None = None
        self._run_rows: list[Issue] = []
        self._run_note: str | None = None
        window.training.watch.findings_changed.connect(self._on_run_findings)
        doc.undo_stack.indexChanged.connect(self._on_edit)
        doc.project_replaced.connect(self._on_replaced)
        self.action = QAction("Check the &Network", window)
        self.action.setObjectName("checkNetworkAction")
        self.action.setShortcut("Ctrl+Shift+D")
        self.action.setStatusTip(
            "Run the training doctor: loss at initialisation, gradients, one small batch, "
            "and a learning-rate range test (seconds, on a copy of the network)"
        )
        self.action.triggered.connect(self.run)
        window.actions_by_name["check_network"] = self.action
        menu = window.menuBar().addMenu("&Training")
        menu.setObjectName("trainingMenu")
        menu.addAction(self.action)
        self.button = window.training_panel.check_button
        self.button.clicked.connect(self.run)
        self.lr_view = LrRangeView()
        # Scrolled, as the other tabs: the plot's minimum height must not become the bottom
        # docks' (it shrank the canvas of a first launch).
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setWidget(self.lr_view)
        self.lr_tab = area
        window.results_tabs.addTab(area, "Learning rate")
        self.lr_view.use_rate_requested.connect(self.check.use_rate)
        self.check.report_changed.connect(self._on_report)
        self.check.failed.connect(self._on_failed)
        for signal in (
            doc.report_changed,
            doc.dataset_changed,
            doc.data_problem_changed,
            doc.edit_lock_changed,
            doc.project_replaced,
        ):
            signal.connect(self._update_enabled)
        self._update_enabled()

    def run(self) -> None:
        task = self.check.check()
        if task is not None:
            task.finished.connect(self._update_enabled)
            self.window.statusBar().showMessage("Checking the network…", 4000)
        self._update_enabled()

    def _update_enabled(self, _what: object = None) -> None:
        reason = self.check.blocker()
        for widget in (self.action, self.button):
            widget.setEnabled(reason is None)
            widget.setToolTip(reason or self.action.statusTip())

    def _on_report(self, report: DoctorReport | None) -> None:
        lr = float(self.check.document.project.training.lr)
        if report is None:
            self._check_rows, self._check_note = [], STALE if self.check.stale else None
            self._show()
            self.lr_view.show_range(None)
            return
        note = SAVED_WEIGHTS_NOTE if self.check.checked_weights is not None else ""
        rows = doctor_issues(self.check, report.findings, seen_note=note)
        self._check_rows, self._check_note = rows, None if rows else HEALTHY
        self._show()
        self.lr_view.show_range(report.lr_range, lr)
        self.window.issues_dock.raise_()
        QTimer.singleShot(0, self._give_room)
        self.window.statusBar().showMessage(
            f"The doctor found {len(rows)} problem{'s' * (len(rows) != 1)}: see the Issues list."
            if rows
            else HEALTHY,
            8000,
        )

    def _give_room(self) -> None:
        """Findings take four lines a row, the plot a hundred pixels: the bottom docks grow
        to the share a finished run leaves them (never shrink). Called once the raised Issues
        dock is laid out: before, a tab's height is the stale one of when it was hidden."""
        w = self.window
        dock = w.issues_dock
        if dock.isFloating() or w.dockWidgetArea(dock) != Qt.DockWidgetArea.BottomDockWidgetArea:
            return
        wanted = int(w.height() * AFTER_RUN_SHARE)
        if dock.isVisible() and dock.height() < wanted:
            w.resizeDocks([dock], [wanted], Qt.Orientation.Vertical)

    def _on_failed(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 8000)
        self._check_rows, self._check_note = [], message
        self._show()
        self._update_enabled()

    def _on_run_findings(self, findings: list[Finding], live: bool) -> None:
        """The watch's findings of the current or last run (see the module's docstring)."""
        prefix = LIVE_PREFIX if live else RUN_PREFIX
        self._run_rows = doctor_issues(self.check, findings, prefix, fixable=not live)
        self._run_note = None
        unread = self.window.training.watch.unread
        if unread and not live:  # a row of its own: a note would hide behind the rows
            n = len(unread)
            why = "; ".join(unread)
            text = UNREAD.format(n=n, s="s" * (n != 1), are="are" if n != 1 else "is", why=why)
            self._run_rows.append(Issue("warning", RUN_PREFIX + text, from_doctor=True))
        self._show()
        if self._run_rows and not live:
            self.window.issues_dock.raise_()
            QTimer.singleShot(0, self._give_room)

    def _on_edit(self, _index: int) -> None:
        if self._run_rows and not self.window.training.watch.live:
            self._run_rows, self._run_note = [], RUN_STALE
            self._show()

    def _on_replaced(self) -> None:
        """Another project: the check's rows and notes go (the check dropped its report); the
        last run's come from the watch (``RunWatch.restore``)."""
        self._check_rows, self._check_note = [], None
        self._show()

    def show_rows(self) -> None:
        """Put the doctor's rows in the Issues list again (after it was given a document)."""
        self._show()

    def _show(self) -> None:
        notes = [n for n in (self._check_note, self._run_note) if n]
        rows = self._check_rows + self._run_rows
        self.window.issues.set_doctor_issues(rows, " ".join(notes) or None)
