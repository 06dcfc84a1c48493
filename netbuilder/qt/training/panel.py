"""The training panel: settings of the project's run, Start/Pause/Stop, and progress.

Every settings change is one undoable ``document.set_training`` call; the form follows the
document (undo, open). While a run is going the form is read-only; the buttons emit
``start_requested`` / ``pause_requested`` / ``resume_requested`` / ``stop_requested`` and the
controller drives the run.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from netbuilder.engine.data.memory import memory_budget
from netbuilder.model import NetbuilderError, TrainingSettings
from netbuilder.model.project import (
    DEVICES,
    LOSSES,
    MAX_DATA_MEMORY_MB,
    OPTIMIZERS,
    SCHEDULES,
    TASKS,
)
from netbuilder.model.results import ProjectResults
from netbuilder.qt.document import Document
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, localized, translate
from netbuilder.qt.torch_loader import torch_loader


def format_eta(seconds: float) -> str:
    if seconds != seconds or seconds < 0 or seconds > 86400 * 7:
        return "—"
    m, s = divmod(round(float(seconds)), 60)
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


READY = QT_TRANSLATE_NOOP("TrainingPanel", "Ready to train.")
NOT_READY = QT_TRANSLATE_NOOP("TrainingPanel", "Not ready to train yet.")
#: What a run's summary status reads as (the engine's "completed", "early_stopped"...).
STATUS_TEXT = {
    "completed": QT_TRANSLATE_NOOP("RunStatus", "completed"),
    "stopped": QT_TRANSLATE_NOOP("RunStatus", "stopped"),
    "early_stopped": QT_TRANSLATE_NOOP("RunStatus", "early stopped"),
    "out_of_memory": QT_TRANSLATE_NOOP("RunStatus", "out of memory"),
    "non_finite": QT_TRANSLATE_NOOP("RunStatus", "non finite"),
    "failed": QT_TRANSLATE_NOOP("RunStatus", "failed"),
    "test evaluation": QT_TRANSLATE_NOOP("RunStatus", "test evaluation"),
    "val evaluation": QT_TRANSLATE_NOOP("RunStatus", "validation evaluation"),
}


def status_text(status: str) -> str:
    """A run's status (``summary["status"]``) as words in the window's language."""
    known = STATUS_TEXT.get(status)
    return translate("RunStatus", known) if known else status.replace("_", " ")


def error_text(exc: BaseException) -> str:
    """An error for the user, in the window's language when the engine said it with a Text."""
    from netbuilder.qt.tasks import describe

    return localized(exc) if isinstance(exc, NetbuilderError) else describe(exc)


def start_blocker(document: Document) -> str | None:
    """Why ``document``'s project cannot be trained as it stands (None: Start may be pressed).

    Read from what the window already knows (the shape report, the binding, the data problem
    found when the file was read), so no torch and no data read: what only shows when a run
    prepares (a batch size larger than the data) still comes back from ``prepare``.
    """
    graph = document.graph
    if len(graph) == 0:
        return translate(
            "TrainingPanel", "The network is empty: drag layers onto the canvas first."
        )
    if document.project.dataset is None:
        return translate("TrainingPanel", "No dataset: choose one in the Data tab to train on.")
    if document.data_problem:
        return translate("TrainingPanel", "The dataset cannot be read: {problem}").format(
            problem=localized(document.data_problem)
        )
    report = document.report
    problems = report.problems()  # mistakes first, then what is not finished yet
    if problems:
        node, message = problems[0]
        text = localized(message)
        if node is not None and node in graph:
            text = translate("TrainingPanel", "{layer}: {message}").format(
                layer=graph.node(node).label, message=text
            )
        if len(problems) > 1:
            text = translate("TrainingPanel", "{message} (and {n} more)").format(
                message=text, n=len(problems) - 1
            )
        if report.error_count:
            return translate(
                "TrainingPanel", "Fix the network first, see the Issues list: {problem}"
            ).format(problem=text)
        return translate(
            "TrainingPanel", "Finish the network first, see the Issues list: {problem}"
        ).format(problem=text)
    return None


# What the combo boxes show for the settings' values.
CHOICE_TEXT = {
    "auto": QT_TRANSLATE_NOOP("TrainingPanel", "Automatic"),
    "classification": QT_TRANSLATE_NOOP("TrainingPanel", "Classification"),
    "binary": QT_TRANSLATE_NOOP("TrainingPanel", "Binary classification"),
    "regression": QT_TRANSLATE_NOOP("TrainingPanel", "Regression"),
    "cross_entropy": QT_TRANSLATE_NOOP("TrainingPanel", "Cross-entropy"),
    "bce_with_logits": QT_TRANSLATE_NOOP("TrainingPanel", "Binary cross-entropy (logits)"),
    "mse": QT_TRANSLATE_NOOP("TrainingPanel", "Mean squared error"),
    "l1": QT_TRANSLATE_NOOP("TrainingPanel", "Mean absolute error (L1)"),
    "huber": QT_TRANSLATE_NOOP("TrainingPanel", "Huber"),
    "sgd": "SGD",
    "adam": "Adam",
    "adamw": "AdamW",
    "rmsprop": "RMSprop",
    "none": QT_TRANSLATE_NOOP("TrainingPanel", "Constant"),
    "step": QT_TRANSLATE_NOOP("TrainingPanel", "Step decay"),
    "cosine": QT_TRANSLATE_NOOP("TrainingPanel", "Cosine"),
    "onecycle": QT_TRANSLATE_NOOP("TrainingPanel", "One-cycle"),
    "plateau": QT_TRANSLATE_NOOP("TrainingPanel", "Reduce on plateau"),
    "cpu": "CPU",
    "cuda": QT_TRANSLATE_NOOP("TrainingPanel", "CUDA GPU"),
    "mps": QT_TRANSLATE_NOOP("TrainingPanel", "Apple GPU (MPS)"),
}


def _blocker_signals(document: Document) -> tuple[Any, ...]:
    """What ``start_blocker`` reads changed."""
    return (document.report_changed, document.dataset_changed, document.data_problem_changed)


class TrainingPanel(QWidget):
    """Settings form, run buttons and a progress bar for one document."""

    start_requested = Signal()
    pause_requested = Signal()
    resume_requested = Signal()
    stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.state = "idle"  # idle, preparing, running or paused (see set_state)
        self._loading = False
        self.fields: dict[str, QWidget] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._combo(form, "task", translate("TrainingPanel", "Task"), TASKS)
        self._combo(form, "loss", translate("TrainingPanel", "Loss"), LOSSES)
        self._combo(form, "optimizer", translate("TrainingPanel", "Optimizer"), OPTIMIZERS)
        self._double(form, "lr", translate("TrainingPanel", "Learning rate"), 1e-6, 10.0, 6)
        self._double(form, "momentum", translate("TrainingPanel", "Momentum"), 0.0, 0.999, 3)
        self._double(form, "weight_decay", translate("TrainingPanel", "Weight decay"), 0.0, 1.0, 6)
        self._combo(form, "schedule", translate("TrainingPanel", "LR schedule"), SCHEDULES)
        self._int(form, "batch_size", translate("TrainingPanel", "Batch size"), 1, 1_000_000)
        self._int(form, "epochs", translate("TrainingPanel", "Epochs"), 1, 100_000)
        self._int(form, "seed", translate("TrainingPanel", "Seed"), 0, 2**31 - 1)
        self._double(form, "grad_clip", translate("TrainingPanel", "Gradient clip"), 0.0, 1e6, 3)
        self._memory_field(form)
        self._combo(form, "device", translate("TrainingPanel", "Device"), DEVICES)
        self.device_label = QLabel(
            translate("TrainingPanel", "Looking for a GPU…")
        )  # once torch is loaded, after paint
        self.device_label.setObjectName("deviceLabel")
        self.device_label.setProperty("role", "help")
        self.device_label.setWordWrap(True)
        form.addRow("", self.device_label)
        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.start_button = QPushButton(translate("TrainingPanel", "Start"))
        self.start_button.setObjectName("startTraining")
        self.pause_button = QPushButton(translate("TrainingPanel", "Pause"))
        self.pause_button.setObjectName("pauseTraining")
        self.stop_button = QPushButton(translate("TrainingPanel", "Stop"))
        self.stop_button.setObjectName("stopTraining")
        self.check_button = QPushButton(
            translate("TrainingPanel", "Check")
        )  # the training doctor (doctor_ui wires it)
        self.check_button.setObjectName("checkNetwork")
        self.start_button.clicked.connect(self.start_requested)
        self.pause_button.clicked.connect(self._on_pause_clicked)
        self.stop_button.clicked.connect(self.stop_requested)
        buttons = QHBoxLayout()
        widest = max(
            (translate("TrainingPanel", w) for w in ("Resume", "Pause", "Start", "Stop", "Check")),
            key=self.fontMetrics().horizontalAdvance,
        )
        for b in (self.start_button, self.pause_button, self.stop_button, self.check_button):
            # As narrow as "Resume" needs: four at the style's 80 px widened a narrow dock.
            b.setMinimumWidth(b.fontMetrics().horizontalAdvance(widest) + 18)
            buttons.addWidget(b)
        self.continue_box = QCheckBox(
            translate("TrainingPanel", "Continue from the trained weights")
        )
        self.continue_box.setObjectName("continueTraining")
        self.continue_box.setToolTip(
            translate(
                "TrainingPanel",
                "Start from the weights the last run (or the opened file) left, "
                "instead of a fresh initialisation from the seed",
            )
        )
        self._can_continue = False
        self.progress = QProgressBar()
        self.progress.setObjectName("trainingProgress")
        self.progress.setTextVisible(True)
        self.progress.setFormat("%p%")
        self.blocked_label = QLabel()  # why Start is disabled, under the buttons
        self.blocked_label.setObjectName("startBlocked")
        self.blocked_label.setProperty("role", "error")
        self.blocked_label.setWordWrap(True)
        self.blocked_label.hide()
        self.blocker: str | None = None
        self.status = QLabel(translate("TrainingPanel", READY))
        self.status.setObjectName("trainingStatus")
        self.status.setWordWrap(True)
        self.status.setProperty("role", "help")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        # Controls first: in a short window the form scrolls, Start stays in sight.
        layout.addLayout(buttons)
        layout.addWidget(self.blocked_label)
        layout.addWidget(self.continue_box)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error_label)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addStretch(1)
        self.set_state("idle")
        self.reset_progress()
        loader = torch_loader()
        loader.loaded.connect(self.show_gpu)
        loader.failed.connect(self.show_torch_failure)
        if loader.is_loaded:
            self.show_gpu(loader.gpu)

    def show_gpu(self, name: str | None) -> None:
        self.device_label.setText(
            translate("TrainingPanel", "GPU: {name}").format(name=name)
            if name
            else translate("TrainingPanel", "No GPU found: training on the CPU")
        )

    def show_torch_failure(self, message: str) -> None:
        self.device_label.setText(
            translate("TrainingPanel", "PyTorch could not be loaded: {message}").format(
                message=localized(message)
            )
        )

    # --- form -----------------------------------------------------------------------------

    def _add(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> None:
        widget.setObjectName(f"training_{name}")
        self.fields[name] = widget
        form.addRow(label, widget)

    def _combo(self, form: QFormLayout, name: str, label: str, values: tuple[str, ...]) -> None:
        w = QComboBox()
        for value in values:  # readable text shown, the settings' value kept as item data
            text = CHOICE_TEXT.get(value, value)
            w.addItem(translate("TrainingPanel", text) if value in CHOICE_TEXT else text, value)
        w.currentIndexChanged.connect(lambda _i: self._commit())
        self._add(form, name, label, w)

    def _double(self, form, name: str, label: str, lo: float, hi: float, dec: int) -> None:
        w = QDoubleSpinBox()
        w.setRange(lo, hi)
        w.setDecimals(dec)
        w.setKeyboardTracking(False)
        w.valueChanged.connect(lambda _v: self._commit())
        self._add(form, name, label, w)

    def _int(self, form, name: str, label: str, lo: int, hi: int) -> None:
        w = QSpinBox()
        w.setRange(lo, hi)
        w.setKeyboardTracking(False)
        w.valueChanged.connect(lambda _v: self._commit())
        self._add(form, name, label, w)

    def _memory_field(self, form: QFormLayout) -> None:
        """training.data_memory_mb: 0 reads "auto (N MiB)", this machine's share."""
        w = QSpinBox()
        w.setRange(0, MAX_DATA_MEMORY_MB)
        w.setSuffix(" MiB")  # i18n: ignore (a unit)
        w.setSpecialValueText(
            translate("TrainingPanel", "auto ({size} MiB)").format(
                size=f"{memory_budget(0) // 2**20:,}"
            )
        )
        w.setKeyboardTracking(False)
        w.setToolTip(
            translate(
                "TrainingPanel",
                "Image folders larger than this (as float32) are read from disk in batches "
                "while training instead of held in memory; auto: a quarter of this machine's "
                "memory",
            )
        )
        w.valueChanged.connect(lambda _v: self._commit())
        self._add(form, "data_memory_mb", translate("TrainingPanel", "Data in memory"), w)

    def set_document(self, document: Document) -> None:
        """Follow ``document``: its settings (after open, undo, redo), its results (Continue is
        offered while it holds trained weights, and starts unchecked for another project)."""
        if self.document is not None:
            self.document.undo_stack.indexChanged.disconnect(self._on_index)
            self.document.results_changed.disconnect(self._on_results)
            for signal in _blocker_signals(self.document):
                signal.disconnect(self._update_blocker)
        self.document = document
        document.undo_stack.indexChanged.connect(self._on_index)
        document.results_changed.connect(self._on_results)
        for signal in _blocker_signals(document):
            signal.connect(self._update_blocker)
        self._update_blocker()
        self.set_can_continue(False)
        self._on_results(document.results)
        self.load()

    def _update_blocker(self, _what: object = None) -> None:
        """Start follows whether the project can train; the reason is its tooltip and a line."""
        self.blocker = start_blocker(self.document) if self.document is not None else None
        self.blocked_label.setText(self.blocker or "")
        self.blocked_label.setVisible(self.blocker is not None)
        self.start_button.setToolTip(
            translate("TrainingPanel", "Cannot start: {reason}").format(reason=self.blocker)
            if self.blocker
            else translate("TrainingPanel", "Train the network on the data")
        )
        self.start_button.setEnabled(self.state == "idle" and self.blocker is None)
        ready = (translate("TrainingPanel", READY), translate("TrainingPanel", NOT_READY))
        if self.status.text() in ready:  # no run's news to keep
            self.status.setText(ready[1] if self.blocker else ready[0])

    def _on_results(self, results: ProjectResults) -> None:
        self.set_can_continue(results.has_weights)

    def _on_index(self, _i: int) -> None:
        self.load()

    def load(self) -> None:
        """Show the document's settings (after open, undo, redo)."""
        if self.document is None:
            return
        s = self.document.project.training
        self._loading = True
        try:
            for name, w in self.fields.items():
                value = getattr(s, name)
                if isinstance(w, QComboBox):
                    w.setCurrentIndex(max(0, w.findData(value)))
                else:
                    w.setValue(value)
        finally:
            self._loading = False
        self._sync_enabled()
        self._show_error(None)

    def settings(self) -> TrainingSettings:
        """The settings the form shows (not yet validated)."""
        values: dict[str, Any] = {}
        for name, w in self.fields.items():
            values[name] = w.currentData() if isinstance(w, QComboBox) else w.value()
        return dataclasses.replace(self.document.project.training, **values)

    def _commit(self) -> None:
        if self._loading or self.document is None:
            return
        new = self.settings()
        if new == self.document.project.training:
            return
        try:
            self.document.set_training(new)
        except NetbuilderError as exc:
            self._show_error(localized(exc))
            return
        self._show_error(None)

    def _show_error(self, message: str | None) -> None:
        self.error_label.setText(localized(message) if message else "")
        self.error_label.setVisible(bool(message))

    # --- run state ------------------------------------------------------------------------

    def set_state(self, state: str) -> None:
        """idle, preparing, running or paused: which controls are usable."""
        self.state = state
        busy = state != "idle"
        for w in self.fields.values():
            w.setEnabled(not busy)
        self._sync_enabled()
        self.start_button.setEnabled(not busy and self.blocker is None)
        self.continue_box.setEnabled(self._can_continue and not busy)
        self.pause_button.setEnabled(state in ("running", "paused"))
        self.pause_button.setText(
            translate("TrainingPanel", "Resume")
            if state == "paused"
            else translate("TrainingPanel", "Pause")
        )
        self.stop_button.setEnabled(busy)

    def set_can_continue(self, available: bool) -> None:
        """Whether trained weights exist to continue from (unchecked when they do not)."""
        self._can_continue = available
        if not available:
            self.continue_box.setChecked(False)
        self.continue_box.setEnabled(available and self.state == "idle")

    @property
    def continue_training(self) -> bool:
        return self.continue_box.isChecked() and self._can_continue

    def _sync_enabled(self) -> None:
        """Momentum means something only to SGD and RMSprop; say so by greying it out."""
        if self.state != "idle":
            return
        optimizer = self.fields["optimizer"].currentData()
        self.fields["momentum"].setEnabled(optimizer in ("sgd", "rmsprop"))

    def _on_pause_clicked(self) -> None:
        if self.state == "paused":
            self.resume_requested.emit()
        elif self.state == "running":
            self.pause_requested.emit()

    def show_progress(self, p: Any) -> None:
        total = max(1, int(p.total_steps))
        self.progress.setRange(0, total)
        self.progress.setValue(min(int(p.step), total))
        rate = float(p.steps_per_s)
        eta = (total - p.step) / rate if rate > 0 else float("nan")
        self.progress.setFormat(
            translate(
                "TrainingPanel", "epoch {epoch}/{epochs} · step {step}/{total} · {percent}"
            ).format(epoch=p.epoch, epochs=p.epochs, step=p.step, total=total, percent="%p%")
        )
        self.status.setText(
            translate("TrainingPanel", "{rate} steps/s · ETA {eta}").format(
                rate=f"{rate:,.0f}", eta=format_eta(eta)
            )
        )

    def reset_progress(self) -> None:
        """Forget the last run's progress (another project was opened)."""
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        # An empty bar looked like an empty text field.
        self.progress.setFormat(translate("TrainingPanel", "No run yet"))
        self.status.setText(translate("TrainingPanel", NOT_READY if self.blocker else READY))
        self._show_error(None)

    def show_last_run(self, run: dict[str, Any] | None) -> None:
        """What the opened project's last recorded run was (None: weights without a history),
        in place of "No run yet": the bar full to where it ended."""
        summary = (run or {}).get("summary") or {}
        epochs = summary.get("epochs")
        if not isinstance(epochs, int):
            epochs = len((run or {}).get("epochs") or [])
        status = status_text(str(summary.get("status") or ""))
        planned = ((run or {}).get("settings") or {}).get("epochs")
        self.progress.setRange(0, max(1, planned if isinstance(planned, int) else epochs))
        self.progress.setValue(min(epochs, self.progress.maximum()))
        if run is None:
            self.progress.setFormat(translate("TrainingPanel", "Trained weights, no recorded run"))
        else:
            if epochs == 1:
                text = translate("TrainingPanel", "Last run: {n} epoch")
            else:
                text = translate("TrainingPanel", "Last run: {n} epochs")
            text = text.format(n=epochs)
            if status:
                text = translate("TrainingPanel", "{run}, {status}").format(run=text, status=status)
            self.progress.setFormat(text)
        self.status.setText(
            translate(
                "TrainingPanel",
                "Opened with trained weights: evaluate them, or tick Continue to train further.",
            )
        )
        self._show_error(None)

    def show_message(self, text: str) -> None:
        self.status.setText(localized(text))  # an engine's Text in the window's language

    def show_error(self, text: str | None) -> None:
        """Show ``text`` under the form (None hides it)."""
        self._show_error(text)

    def sizeHint(self):  # noqa: N802 - Qt override
        hint = super().sizeHint()
        hint.setWidth(max(hint.width(), 300))
        return hint
