"""The Data tab's "By class" page: the augmentation of an image folder above its pictures.

"Show augmented" draws the same sampled pictures as the training batches would see them,
augmented with the binding's options and the training seed; the augmentation runs in a task
(PyTorch: never on the GUI thread) and only the newest one's pictures are drawn.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtWidgets import QVBoxLayout, QWidget

from netbuilder.qt.augment_controls import AugmentControls, augment_sample
from netbuilder.qt.i18n import translate
from netbuilder.qt.image_classes import ImageClassesView
from netbuilder.qt.tasks import Task


class ClassesPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.augment = AugmentControls()
        self.augment.hide()  # image folders only: augmentation is an option of theirs
        self.classes = ImageClassesView()
        self.augmenting: Task | None = None  # the newest augmentation, while it runs
        self._options: dict[str, Any] = {}
        self._seed = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.augment)
        layout.addWidget(self.classes, 1)
        self.augment.show_box.toggled.connect(lambda _on: self.update_augmented())

    def set_augment(self, options: dict[str, Any] | None, seed: int) -> None:
        """The binding's augment options (None: not an image folder, no controls) and the
        training seed; the pictures follow when "Show augmented" is on."""
        self.augment.setVisible(options is not None)
        self._options, self._seed = dict(options or {}), seed
        self.augment.set_options(self._options)
        self.update_augmented()

    def update_augmented(self) -> None:
        self.cancel()
        sample = self.classes.sample
        shown = not self.augment.isHidden() and self.augment.show_box.isChecked()  # ticked
        if not (shown and self._options):
            self.classes.show_sample(None)
            return
        if sample is None or not len(sample):
            return
        options, seed = dict(self._options), self._seed
        task = Task(
            lambda _ctx: augment_sample(sample.copy(), options, seed),
            name=translate("ClassesPage", "Augmenting the preview"),
            cancellable=True,
            owner=self,
        )
        task.returned.connect(lambda out: self._augmented(task, sample, out))
        task.finished.connect(lambda: self._ended(task))
        self.augmenting = task
        task.start()

    def _augmented(self, task: Task, sample: np.ndarray, out: np.ndarray) -> None:
        if task is self.augmenting and sample is self.classes.sample:
            self.classes.show_sample(out)

    def _ended(self, task: Task) -> None:
        if task is self.augmenting:
            self.augmenting = None

    def cancel(self) -> None:
        task, self.augmenting = self.augmenting, None
        if task is not None:
            task.cancel()
