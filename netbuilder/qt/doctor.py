"""The training doctor in the window: "Check the Network" runs ``engine.doctor.examine`` in a
Task on a detached copy of the project, and its findings become Issues rows with one-click fixes.

The report is about the network as it was checked: any undo-stack step (an edit, a fix, a
changed setting, an undo) or another project makes it stale, so it is dropped and the list says
to check again. A fix is one undo step: graph remedies become one macro of the planned model
edits; a training setting (the learning rate) goes through ``Document.set_training``.
torch is imported only inside the task function, on the task's thread.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from netbuilder.engine.doctor.findings import DoctorReport, Finding
from netbuilder.model import NetbuilderError, Project
from netbuilder.qt.block_commands import edits_macro
from netbuilder.qt.commands import CallbackCommand
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, localized, translate
from netbuilder.qt.tasks import Task, TaskContext
from netbuilder.qt.training.panel import start_blocker

if TYPE_CHECKING:
    from netbuilder.engine.doctor.remedies import FindingPlan
    from netbuilder.qt.document import Document

BUSY = QT_TRANSLATE_NOOP("DoctorCheck", "The doctor is already checking the network.")
STALE = QT_TRANSLATE_NOOP(
    "DoctorCheck", "The network changed since the doctor's check: check again to see its findings."
)


class DoctorCheck(QObject):
    """Runs the pre-run checks for one document and keeps the latest report."""

    #: A new report (``DoctorReport``), or None when it was dropped (stale, another project).
    report_changed = Signal(object)
    #: Why the check could not start or failed (for the status bar and the Issues list).
    failed = Signal(str)

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.report: DoctorReport | None = None
        self.stale = False  # a report was dropped because the network changed
        self.task: Task | None = None
        #: The weights the next run starts from (the window's: the saved ones when "Continue
        #: training" is on), None for a fresh initialisation. The check examines those.
        self.starting_weights: Callable[[], bytes | None] = lambda: None
        self.checked_weights: bytes | None = None  # what the current report examined
        self._changed_while_checking = False
        document.undo_stack.indexChanged.connect(self._on_edit)
        document.project_replaced.connect(self._on_replaced)
        document.results_changed.connect(self._on_results)

    # --- running -------------------------------------------------------------------------

    def blocker(self) -> str | None:
        """Why a check cannot start now (None: it can)."""
        if self.task is not None:
            return translate("DoctorCheck", BUSY)
        if self.document.edit_lock is not None:
            return self.document.edit_lock
        reason = start_blocker(self.document)
        if reason is None:
            return None
        return translate("DoctorCheck", "Cannot check the network: {reason}").format(reason=reason)

    def check(self) -> Task | None:
        """Start the checks; None (and ``failed`` with the reason) when they cannot run."""
        reason = self.blocker()
        if reason is not None:
            self.failed.emit(reason)
            return None
        doc = self.document
        project = _detached(doc.project)
        base = doc.base_dir
        weights = self.starting_weights()

        def work(context: TaskContext) -> tuple[DoctorReport, bytes | None]:
            from netbuilder.engine.doctor.examine import examine

            def step(fraction: float) -> None:
                context.progress(fraction)  # raises TaskCancelled once cancel was asked

            return examine(project, base, weights=weights, step=step), weights

        name = translate("DoctorCheck", "Checking the network (training doctor)")
        task = Task(work, name=name, cancellable=True, owner=self)
        task.returned.connect(self._on_returned)
        task.errored.connect(self._on_errored)
        task.finished.connect(self._on_finished)
        self.task = task
        self._changed_while_checking = False
        return task.start()

    def _on_returned(self, outcome: tuple[DoctorReport, bytes | None]) -> None:
        report, self.checked_weights = outcome
        if self._changed_while_checking:  # about a network that is no longer there
            self.stale = True
            self.report_changed.emit(None)
            return
        self.stale = False
        self.report = report
        self.report_changed.emit(report)

    def _on_errored(self, exc: BaseException) -> None:
        message = localized(exc) if isinstance(exc, NetbuilderError) else _first_line(exc)
        self.failed.emit(
            translate("DoctorCheck", "The doctor could not check the network: {error}").format(
                error=message
            )
        )

    def _on_finished(self) -> None:
        self.task = None

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _on_edit(self, _index: int) -> None:
        self._changed_while_checking = self.task is not None
        if self.report is not None:
            self.report = None
            self.stale = True
            self.report_changed.emit(None)

    def _on_results(self, results: Any) -> None:
        """New saved weights (a run, a Fix): a report that examined other weights no longer
        speaks of the next run's start."""
        if self.checked_weights is not None and results.weights is not self.checked_weights:
            if results.weights != self.checked_weights and self.report is not None:
                self.report = None
                self.stale = True
                self.report_changed.emit(None)

    def _on_replaced(self) -> None:
        self.cancel()  # its outcome is never delivered (a cancelled task only finishes)
        self.stale = False
        if self.report is not None:
            self.report = None
            self.report_changed.emit(None)

    # --- fixing --------------------------------------------------------------------------

    def fix_label(self, finding: Finding) -> str | None:
        """The Fix button's text for ``finding``, None when nothing can be done in one click."""
        plan = self._plan(finding)
        if plan.graph:
            swaps = [r for r, _ in plan.graph if r.kind == "swap_layer"]
            kinds = {(r.kind, r.layer_type) for r, _ in plan.graph}
            if len(swaps) > 1 and len(kinds) == 1:
                return translate("DoctorCheck", "Swap {n} layers for {layer_type}").format(
                    n=len(swaps), layer_type=swaps[0].layer_type
                )
            return _joined(r.label for r, _ in plan.graph)
        if plan.settings:
            return _joined(r.label for r in plan.settings)
        if plan.reinit:
            return _joined(r.label for r in plan.reinit)
        return None

    def apply(self, finding: Finding) -> bool:
        """Apply ``finding``'s remedies as one undo step; False when there is none to apply.

        A re-initialisation replaces the layer's tensors in the saved weights the next run
        starts from (the document's results): undoable like any edit, so the trained weights
        come back with Undo; Save writes whichever the results then hold."""
        plan = self._plan(finding)
        label = self.fix_label(finding)
        doc = self.document
        if plan.graph and label:
            doc.push(edits_macro(_undo_text(label), doc.graph, plan.edits))
            return True
        if plan.settings:
            values = {r.setting: r.value for r in plan.settings}
            doc.set_training(dataclasses.replace(doc.project.training, **values))
            return True
        if plan.reinit and label:
            from netbuilder.engine.doctor.reinit import reinit_layer

            old = doc.results
            assert old.weights is not None  # _plan keeps reinit only for the checked weights
            weights = old.weights
            for remedy in plan.reinit:
                weights = reinit_layer(doc.project, weights, remedy.node, doc.base_dir)
            # Only the starting weights change (and the resumable checkpoint, which holds the
            # old ones, is dropped with them). Undo and redo swap them back only while the
            # results still hold what the other wrote: a run finished in between is kept.
            before = (old.weights, old.checkpoint, old.checkpoint_meta)
            after = (weights, None, None)

            def swap(have: tuple[Any, ...], put: tuple[Any, ...]) -> None:
                now = doc.results
                if now.weights is have[0]:
                    doc.set_results(
                        dataclasses.replace(
                            now, weights=put[0], checkpoint=put[1], checkpoint_meta=put[2]
                        )
                    )

            doc.push(
                CallbackCommand(
                    _undo_text(label), lambda: swap(before, after), lambda: swap(after, before)
                )
            )
            return True
        return False

    def use_rate(self, lr: float) -> None:
        """Set the training learning rate (one undo step)."""
        training = self.document.project.training
        self.document.set_training(dataclasses.replace(training, lr=float(f"{lr:.3g}")))

    def _plan(self, finding: Finding) -> FindingPlan:
        """What a click does (``remedies.plan_finding``, as the engine's tests apply it); a
        re-initialisation only while the saved weights are the ones the check examined."""
        from netbuilder.engine.doctor.remedies import plan_finding

        doc = self.document
        plan = plan_finding(doc.graph, finding, doc.project.training)
        weights = doc.results.weights
        if not (weights and self.checked_weights is not None and weights == self.checked_weights):
            plan.reinit = []
        return plan


def _detached(project: Project) -> Project:
    """A copy the task can read while the person edits the original."""
    return dataclasses.replace(
        project,
        graph=project.graph.detached_copy(),
        dataset=copy.deepcopy(project.dataset),
        training=dataclasses.replace(project.training),
        view={},
    )


def _joined(labels: Any) -> str:
    """Remedies' labels (the engine's words), translated, in one line."""
    return translate("DoctorCheck", "; ").join(localized(label) for label in labels)


def _undo_text(label: str) -> str:
    return translate("DoctorCheck", "Doctor: {fix}").format(fix=label)


def _first_line(exc: Any) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
