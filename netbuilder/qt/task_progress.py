"""A task's name, progress and Cancel button, in one line; hidden while nothing runs.

``TaskProgress()`` follows one task given to ``follow`` (the Data panel's import);
``TaskProgress(all_tasks=True)`` follows the newest running task of the registry (the status bar),
so every background job shows that it is working whoever started it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from netbuilder.qt.i18n import localized, translate
from netbuilder.qt.tasks import Task, registry


class _ElidedLabel(QLabel):
    """A label that cuts its text with "…" to the width it is given (a long file name must
    neither widen the dock it sits in nor end mid-letter); the full text is its tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's name
        self._full = text
        self.setToolTip(text)
        self._elide()

    def text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        elided = self.fontMetrics().elidedText(
            self._full, Qt.TextElideMode.ElideRight, self.width()
        )
        super().setText(elided)


class TaskProgress(QWidget):
    def __init__(self, all_tasks: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task: Task | None = None
        self.label = QLabel() if all_tasks else _ElidedLabel()
        self.label.setObjectName("taskLabel")
        self.bar = QProgressBar()
        self.bar.setObjectName("taskProgress")
        self.bar.setMaximumWidth(140 if all_tasks else 90)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(translate("TaskProgress", "Cancel"))
        self.cancel_button.setObjectName("taskCancel")
        self.cancel_button.clicked.connect(self._cancel)
        self.cancel_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        if all_tasks:  # in the status bar: next to the permanent labels on the right
            row.addStretch(1)
        row.addWidget(self.label, 0 if all_tasks else 1)
        row.addWidget(self.bar)
        row.addWidget(self.cancel_button)
        self.hide()
        if all_tasks:
            registry().changed.connect(self._follow_newest)

    def follow(self, task: Task | None) -> None:
        """Show ``task`` until it finishes (None: show nothing)."""
        if self.task is not None:
            self.task.progress.disconnect(self._on_progress)
            self.task.finished.disconnect(self._on_finished)
        self.task = task
        if task is None or task.ended:
            self.task = None
            self.hide()
            return
        task.progress.connect(self._on_progress)
        task.finished.connect(self._on_finished)
        self.label.setText(translate("TaskProgress", "{name}…").format(name=localized(task.name)))
        self.bar.setRange(0, 0)  # busy until a fraction arrives
        self.cancel_button.setVisible(task.cancellable)
        self.cancel_button.setEnabled(True)
        self.show()

    def _follow_newest(self) -> None:
        running = [t for t in registry().tasks() if not t.cancelled]
        newest = running[-1] if running else None
        if newest is not self.task:
            self.follow(newest)
        extra = len(running) - 1
        if newest is not None:
            name = localized(newest.name)
            if extra > 0:
                said = translate("TaskProgress", "{name}… (+{count} more)").format(
                    name=name, count=extra
                )
            else:
                said = translate("TaskProgress", "{name}…").format(name=name)
            self.label.setText(said)

    def _on_progress(self, value: object) -> None:
        if isinstance(value, (int, float)):
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(max(float(value), 0.0), 1.0)))

    def _on_finished(self) -> None:
        self.follow(None)

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.label.setText(translate("TaskProgress", "Cancelling…"))
            self.cancel_button.setEnabled(False)
