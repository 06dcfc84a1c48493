"""The training doctor's watch on the window's runs: the same rules ``netbuilder train`` prints
(``engine.doctor.watch``), judged while a run goes and once more when it ends.

The training controller hands it the progress reports its frames apply (``add``), and the
run's result (``finish``); it keeps a ``RunRecorder`` per run and emits ``findings_changed``.
The findings of the finished run go into its summary (``summary["findings"]``), so the saved
history keeps them as the CLI's does; an opened project shows its last run's stored findings
(``restore``), as they were right after that run. The engine is imported only once a run starts
or a project is opened (torch is not imported before the window first paints).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from netbuilder.qt.i18n import localized

if TYPE_CHECKING:
    from netbuilder.engine.doctor.findings import Finding
    from netbuilder.qt.document import Document

#: While a run goes, its findings are judged again at an epoch's end, at most this often: the
#: rules read windows of a tenth of the run, so every few seconds is as good as every epoch.
JUDGE_INTERVAL_S = 2.0


class RunWatch(QObject):
    """Follows one run at a time of ``document``'s network."""

    #: (findings, live): the run's findings so far (live) or at its end; ([], False) when
    #: they were dropped (a new run starts, another project).
    findings_changed = Signal(object, bool)

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.findings: list[Finding] = []
        self.live = False
        #: Why stored findings of the last run could not be read back (``restore``).
        self.unread: list[str] = []
        self._recorder: Any = None
        self._next_judge = 0.0
        document.project_replaced.connect(self.restore)

    def begin(self) -> None:
        """A run starts: the last run's findings are replaced."""
        from netbuilder.engine.doctor.watch_record import RunRecorder

        self._recorder = RunRecorder()
        self._next_judge = time.monotonic() + JUDGE_INTERVAL_S
        self.unread = []
        self._set([], live=True)

    def add(self, batch: list[Any]) -> None:
        """Progress reports (``engine.training.telemetry.Progress``), oldest first."""
        recorder = self._recorder
        if recorder is None or not batch:
            return
        for progress in batch:
            recorder(progress)
        epoch_ended = any(p.epoch_result is not None for p in batch)
        if epoch_ended and time.monotonic() >= self._next_judge:
            self._next_judge = time.monotonic() + JUDGE_INTERVAL_S
            self._set(self._judge(None), live=True)

    def finish(self, result: Any = None) -> None:
        """The run ended (``result``: its ``SessionResult``; None after a failure): the final
        findings, also written into the result's summary for the saved history."""
        if self._recorder is None:
            return
        findings = self._judge(result)
        self._recorder = None
        if result is not None:
            result.summary["findings"] = [f.to_dict() for f in findings]
        self._set(findings, live=False)

    def clear(self) -> None:
        self._recorder = None
        self.unread = []
        if self.findings or self.live:
            self._set([], live=False)

    def restore(self) -> None:
        """Another project: the findings its saved history stored for its last run
        (``summary["findings"]``), none without. A stored finding that cannot be read is left
        out, and said in ``unread``."""
        self._recorder = None
        runs = self.document.results.runs
        summary = runs[-1].get("summary", {}) if runs else {}
        stored = summary.get("findings") or []
        if not isinstance(stored, list):
            stored = [stored]
        findings, unread = [], []
        if stored:
            from netbuilder.engine.doctor.findings import Finding

            for item in stored:
                try:
                    findings.append(Finding.from_dict(item))
                except ValueError as exc:
                    unread.append(localized(exc))  # the engine's words, translated
        self.unread = unread
        if findings or self.findings or self.live or unread:
            self._set(findings, live=False)

    def _judge(self, result: Any) -> list[Finding]:
        from netbuilder.engine.doctor.watch import watch

        train = getattr(result, "train", None)
        settings = getattr(result, "settings", None) or self.document.project.training
        record = self._recorder.finish(train, settings.to_dict())
        return watch(record, self.document.graph)

    def _set(self, findings: list[Finding], *, live: bool) -> None:
        self.findings, self.live = findings, live
        self.findings_changed.emit(findings, live)
