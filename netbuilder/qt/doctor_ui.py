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
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, localized, translate
from netbuilder.qt.issues_panel import Issue
from netbuilder.qt.training.lr_range_view import LrRangeView
from netbuilder.qt.window_layout import AFTER_RUN_SHARE

RULE_TITLES = {
    "vanishing_gradient": QT_TRANSLATE_NOOP("DoctorUi", "Vanishing gradient"),
    "gradient_zero": QT_TRANSLATE_NOOP("DoctorUi", "No gradient reaches this layer"),
    "gradient_not_finite": QT_TRANSLATE_NOOP("DoctorUi", "Gradient is not finite"),
    "loss_at_init": QT_TRANSLATE_NOOP("DoctorUi", "Loss at initialisation far too high"),
    "overfit_failed": QT_TRANSLATE_NOOP("DoctorUi", "Cannot learn one small batch"),
    "overfit_diverged": QT_TRANSLATE_NOOP("DoctorUi", "Loss grows on one small batch"),
    "loss_diverging": QT_TRANSLATE_NOOP("DoctorUi", "Loss diverges"),
    "loss_oscillating": QT_TRANSLATE_NOOP("DoctorUi", "Loss oscillates"),
    "loss_plateau": QT_TRANSLATE_NOOP("DoctorUi", "Loss is stuck"),
    "overfitting": QT_TRANSLATE_NOOP("DoctorUi", "Overfitting"),
    "exploding_gradient": QT_TRANSLATE_NOOP("DoctorUi", "Exploding gradient"),
    "dead_units": QT_TRANSLATE_NOOP("DoctorUi", "Dead units"),
    "saturated_activations": QT_TRANSLATE_NOOP("DoctorUi", "Saturated activations"),
    "update_ratio_high": QT_TRANSLATE_NOOP("DoctorUi", "Updates too large"),
    "update_ratio_low": QT_TRANSLATE_NOOP("DoctorUi", "Updates too small"),
}
SEEN_WORDS = {
    "grad_norm": QT_TRANSLATE_NOOP("DoctorUi", "gradient norm"),
    "largest": QT_TRANSLATE_NOOP("DoctorUi", "largest layer's"),
    "share": QT_TRANSLATE_NOOP("DoctorUi", "share"),
    "loss": QT_TRANSLATE_NOOP("DoctorUi", "loss"),
    "expected": QT_TRANSLATE_NOOP("DoctorUi", "expected"),
    "ratio": QT_TRANSLATE_NOOP("DoctorUi", "ratio"),
    "start": QT_TRANSLATE_NOOP("DoctorUi", "first loss"),
    "end": QT_TRANSLATE_NOOP("DoctorUi", "last loss"),
    "lr": QT_TRANSLATE_NOOP("DoctorUi", "learning rate"),
    "since_step": QT_TRANSLATE_NOOP("DoctorUi", "since step"),
    "share_of_largest": QT_TRANSLATE_NOOP("DoctorUi", "share of the largest layer's"),
    "highest": QT_TRANSLATE_NOOP("DoctorUi", "highest loss"),
    "dead_share": QT_TRANSLATE_NOOP("DoctorUi", "dead share"),
    "saturated_share": QT_TRANSLATE_NOOP("DoctorUi", "saturated share"),
    "update_ratio": QT_TRANSLATE_NOOP("DoctorUi", "update ratio"),
    "last": QT_TRANSLATE_NOOP("DoctorUi", "last loss"),
    "epochs": QT_TRANSLATE_NOOP("DoctorUi", "epochs"),
    "rises": QT_TRANSLATE_NOOP("DoctorUi", "rises"),
    "step": QT_TRANSLATE_NOOP("DoctorUi", "step"),
    "from_epoch": QT_TRANSLATE_NOOP("DoctorUi", "from epoch"),
    "best_val_loss": QT_TRANSLATE_NOOP("DoctorUi", "best validation loss"),
    "last_val_loss": QT_TRANSLATE_NOOP("DoctorUi", "last validation loss"),
    "train_loss_at_best": QT_TRANSLATE_NOOP("DoctorUi", "training loss at the best"),
    "last_train_loss": QT_TRANSLATE_NOOP("DoctorUi", "last training loss"),
}
# Sources of the "DoctorUi" context (translated where shown).
HEALTHY = QT_TRANSLATE_NOOP(
    "DoctorUi",
    "The doctor found nothing: the loss at initialisation, the gradients, one small batch "
    "and the learning rate look fine.",
)
PREFIX = QT_TRANSLATE_NOOP("DoctorUi", "Doctor: ")
RUN_PREFIX = QT_TRANSLATE_NOOP("DoctorUi", "Doctor, last run: ")
LIVE_PREFIX = QT_TRANSLATE_NOOP("DoctorUi", "Doctor, this run so far: ")
RUN_STALE = QT_TRANSLATE_NOOP(
    "DoctorUi", "The network changed since the last run: its findings are no longer shown."
)
#: Said when stored findings of an opened project's last run could not be read back.
UNREAD = QT_TRANSLATE_NOOP(
    "DoctorUi", "{n} finding stored for the last run could not be read and is not shown ({why})."
)
UNREAD_MANY = QT_TRANSLATE_NOOP(
    "DoctorUi", "{n} findings stored for the last run could not be read and are not shown ({why})."
)
#: Said on the Seen line when the check examined the saved weights (Continue training is on).
SAVED_WEIGHTS_NOTE = QT_TRANSLATE_NOOP(
    "DoctorUi", " (in the saved weights the next run continues from)"
)


def finding_text(finding: Finding, prefix: str = PREFIX, seen_note: str = "") -> str:
    """What was seen, what it means, what to try: three lines under a title (``prefix`` and
    ``seen_note``: sources of the "DoctorUi" context)."""
    known = RULE_TITLES.get(finding.rule)
    if known:
        title = translate("DoctorUi", known)
    else:
        title = finding.rule.replace("_", " ").capitalize()
    if finding.node and "." in finding.node:
        title = translate("DoctorUi", "{title} in {layer}").format(title=title, layer=finding.node)
    seen = translate("DoctorUi", ", ").join(
        translate("DoctorUi", "{what} {value}").format(
            what=translate("DoctorUi", SEEN_WORDS[k]) if k in SEEN_WORDS else k, value=f"{v:.3g}"
        )
        for k, v in finding.seen.items()
    )
    note = translate("DoctorUi", seen_note) if seen_note else ""
    return translate(
        "DoctorUi", "{prefix}{title}\nSeen{note}: {seen}\nMeans: {means}\nTry: {advice}"
    ).format(
        prefix=translate("DoctorUi", prefix),
        title=title,
        note=note,
        seen=seen,
        means=_sentence(localized(finding.meaning)),
        advice=_sentence(localized(finding.advice)),
    )


def _sentence(text: str) -> str:
    text = text.strip()
    if text.endswith(("\u3002", "\uff01", "\uff1f")):  # Chinese: no capitals, its own stop
        return text
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
                action_label=translate("DoctorUi", "Fix: {fix}").format(fix=label) if label else "",
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
        self.action = QAction(translate("DoctorUi", "Check the &Network"), window)
        self.action.setObjectName("checkNetworkAction")
        self.action.setShortcut("Ctrl+Shift+D")
        self.action.setStatusTip(
            translate(
                "DoctorUi",
                "Run the training doctor: loss at initialisation, gradients, one small batch, "
                "and a learning-rate range test (seconds, on a copy of the network)",
            )
        )
        self.action.triggered.connect(self.run)
        window.actions_by_name["check_network"] = self.action
        menu = window.menuBar().addMenu(translate("DoctorUi", "&Training"))
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
        window.results_tabs.addTab(area, translate("DoctorUi", "Learning rate"))
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
            self.window.statusBar().showMessage(
                translate("DoctorUi", "Checking the network…"), 4000
            )
        self._update_enabled()

    def _update_enabled(self, _what: object = None) -> None:
        reason = self.check.blocker()
        for widget in (self.action, self.button):
            widget.setEnabled(reason is None)
            widget.setToolTip(reason or self.action.statusTip())

    def _on_report(self, report: DoctorReport | None) -> None:
        lr = float(self.check.document.project.training.lr)
        if report is None:
            stale = translate("DoctorCheck", STALE) if self.check.stale else None
            self._check_rows, self._check_note = [], stale
            self._show()
            self.lr_view.show_range(None)
            return
        note = SAVED_WEIGHTS_NOTE if self.check.checked_weights is not None else ""
        rows = doctor_issues(self.check, report.findings, seen_note=note)
        healthy = translate("DoctorUi", HEALTHY)
        self._check_rows, self._check_note = rows, None if rows else healthy
        self._show()
        self.lr_view.show_range(report.lr_range, lr)
        self.window.issues_dock.raise_()
        QTimer.singleShot(0, self._give_room)
        if len(rows) == 1:
            found = translate("DoctorUi", "The doctor found 1 problem: see the Issues list.")
        elif rows:
            found = translate(
                "DoctorUi", "The doctor found {n} problems: see the Issues list."
            ).format(n=len(rows))
        else:
            found = healthy
        self.window.statusBar().showMessage(found, 8000)

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
            why = translate("DoctorCheck", "; ").join(localized(u) for u in unread)
            text = translate("DoctorUi", UNREAD if n == 1 else UNREAD_MANY).format(n=n, why=why)
            self._run_rows.append(
                Issue(
                    "warning",
                    translate("DoctorUi", "{prefix}{text}").format(
                        prefix=translate("DoctorUi", RUN_PREFIX), text=text
                    ),
                    from_doctor=True,
                )
            )
        self._show()
        if self._run_rows and not live:
            self.window.issues_dock.raise_()
            QTimer.singleShot(0, self._give_room)

    def _on_edit(self, _index: int) -> None:
        if self._run_rows and not self.window.training.watch.live:
            self._run_rows, self._run_note = [], translate("DoctorUi", RUN_STALE)
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
