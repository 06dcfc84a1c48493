"""The augmentation of an image folder, edited above its pictures: flip, rotate, crop, jitter
(issue 13 spec 6, stored in the binding's ``options.augment``) and "Show augmented".

``changed(dict)`` carries the augment options after a user's edit (empty: all off); the panel
turns it into one undoable binding edit. ``set_options`` shows a binding's options without
emitting. The augmented pictures are computed by ``augment_sample`` in a task: the augmentation
is PyTorch, and the GUI thread never imports torch.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QGridLayout,
    QSpinBox,
    QWidget,
)

from netbuilder.model.project import AUGMENT_RANGES
from netbuilder.qt.i18n import translate


def augment_sample(images: np.ndarray, options: dict[str, Any], seed: int) -> np.ndarray:
    """``images`` as training would see them (off the GUI thread: imports torch). Pixels kept
    0..255 (scale off) are brought to 0..1 for the augmentation and back."""
    from netbuilder.engine.training.augment import preview

    full = 255.0 if images.size and float(images.max()) > 1.5 else 1.0
    out = preview(images / np.float32(full), options, seed)
    return out * np.float32(full)


class AugmentControls(QWidget):
    changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("augmentControls")
        self.show_box = QCheckBox(translate("AugmentControls", "Show augmented:"))
        self.show_box.setObjectName("showAugmented")
        self.show_box.setToolTip(
            translate("AugmentControls", "Draw the pictures as training batches would see them")
        )
        self.flip = QCheckBox(translate("AugmentControls", "Flip"))
        self.flip.setToolTip(
            translate("AugmentControls", "Random horizontal flip (half of the images)")
        )
        self.rotate = QSpinBox()
        self.rotate.setRange(*(int(v) for v in AUGMENT_RANGES["rotate"]))
        self.rotate.setSuffix("°")
        self.rotate.setToolTip(
            translate(
                "AugmentControls", "Random rotation up to this many degrees either way (0: off)"
            )
        )
        self.crop = self._fraction(
            "crop",
            translate(
                "AugmentControls", "Random crop keeping 1 - this of the area, resized (0: off)"
            ),
        )
        self.jitter = self._fraction(
            "jitter",
            translate("AugmentControls", "Brightness and contrast +/- this fraction (0: off)"),
        )
        # Two rows, labels inside the boxes: one row took 535 px, and the Data column must stay
        # narrow at 1024 px (its minimum is ~330 px).
        self.rotate.setPrefix(translate("AugmentControls", "rotate "))
        self.crop.setPrefix(translate("AugmentControls", "crop "))
        self.jitter.setPrefix(translate("AugmentControls", "jitter "))
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 0, 4, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.show_box, 0, 0)
        grid.addWidget(self.flip, 0, 1)
        grid.addWidget(self.rotate, 0, 2)
        grid.addWidget(self.crop, 1, 1)
        grid.addWidget(self.jitter, 1, 2)
        grid.setColumnStretch(3, 1)
        self.flip.toggled.connect(self._emit)
        for box in (self.rotate, self.crop, self.jitter):
            box.setKeyboardTracking(False)  # typing "15" is one edit, not two
            box.valueChanged.connect(self._emit)
        self._quiet = False

    @staticmethod
    def _fraction(name: str, tip: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(*AUGMENT_RANGES[name])
        box.setSingleStep(0.05)
        box.setDecimals(2)
        box.setToolTip(tip)
        return box

    def options(self) -> dict[str, Any]:
        """The augment options as the binding stores them: only what is switched on."""
        out: dict[str, Any] = {}
        if self.flip.isChecked():
            out["flip"] = True
        if self.rotate.value():
            out["rotate"] = self.rotate.value()
        for name, box in (("crop", self.crop), ("jitter", self.jitter)):
            if box.value():
                out[name] = round(box.value(), 2)
        return out

    def set_options(self, options: dict[str, Any]) -> None:
        self._quiet = True
        try:
            self.flip.setChecked(bool(options.get("flip", False)))
            self.rotate.setValue(round(float(options.get("rotate", 0) or 0)))
            self.crop.setValue(float(options.get("crop", 0) or 0))
            self.jitter.setValue(float(options.get("jitter", 0) or 0))
        finally:
            self._quiet = False

    def _emit(self, *_args: object) -> None:
        if not self._quiet:
            self.changed.emit(self.options())
