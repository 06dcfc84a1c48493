"""The options of an image folder, asked when one is chosen: size, fit, channels, normalisation.

The fields open with what ``engine.data.image_guess`` read from the first images' headers; the
result is the binding's options (``size``, ``fit``, ``channels``, ``scale``) and whether the
inputs are standardised per channel (the binding's ``standardize``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from netbuilder.model.project import IMAGE_CHANNELS, IMAGE_FITS, MAX_IMAGE_SIDE
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, translate

FIT_LABELS = {
    "resize": QT_TRANSLATE_NOOP("ImageOptionsDialog", "Resize (stretch to the size)"),
    "center-crop": QT_TRANSLATE_NOOP("ImageOptionsDialog", "Centre-crop (keep shape)"),
}
CHANNEL_LABELS = {
    "grey": QT_TRANSLATE_NOOP("ImageOptionsDialog", "Grey (1 channel)"),
    "rgb": QT_TRANSLATE_NOOP("ImageOptionsDialog", "Colour RGB (3 channels)"),
}


class ImageOptionsDialog(QDialog):
    """Fields for one folder's image options; ``options()`` / ``standardize()`` read them."""

    def __init__(
        self,
        folder_name: str,
        options: dict[str, Any],
        standardize: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("imageOptionsDialog")
        self.setWindowTitle(
            translate("ImageOptionsDialog", "Images from {folder}").format(folder=folder_name)
        )
        height, width = options.get("size", [32, 32])
        self.height_box = self._side(int(height))
        self.width_box = self._side(int(width))
        size_row = QHBoxLayout()
        size_row.addWidget(self.height_box)
        size_row.addWidget(QLabel("x"))
        size_row.addWidget(self.width_box)
        size_row.addWidget(QLabel(translate("ImageOptionsDialog", "pixels (height x width)")))
        size_row.addStretch(1)
        self.fit_combo = QComboBox()
        self.fit_combo.setObjectName("imageFit")
        for fit in IMAGE_FITS:
            self.fit_combo.addItem(translate("ImageOptionsDialog", FIT_LABELS.get(fit, fit)), fit)
        self.fit_combo.setCurrentIndex(max(0, self.fit_combo.findData(options.get("fit"))))
        self.channels_combo = QComboBox()
        self.channels_combo.setObjectName("imageChannels")
        for channels in IMAGE_CHANNELS:
            self.channels_combo.addItem(
                translate("ImageOptionsDialog", CHANNEL_LABELS.get(channels, channels)), channels
            )
        self.channels_combo.setCurrentIndex(
            max(0, self.channels_combo.findData(options.get("channels")))
        )
        self.scale_box = QCheckBox(
            translate("ImageOptionsDialog", "Scale pixels from 0..255 to 0..1")
        )
        self.scale_box.setObjectName("imageScale")
        self.scale_box.setChecked(bool(options.get("scale", True)))
        self.standardize_box = QCheckBox(
            translate("ImageOptionsDialog", "Standardise per channel (training-split mean and std)")
        )
        self.standardize_box.setObjectName("imageStandardize")
        self.standardize_box.setChecked(standardize)
        hint = QLabel(
            translate(
                "ImageOptionsDialog",
                "Guessed from the first images. Every image is decoded when you press OK, "
                "in the background.",
            )
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "help")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(translate("ImageOptionsDialog", "Size"), size_row)
        form.addRow(translate("ImageOptionsDialog", "Fit"), self.fit_combo)
        form.addRow(translate("ImageOptionsDialog", "Channels"), self.channels_combo)
        form.addRow(translate("ImageOptionsDialog", "Normalise"), self.scale_box)
        form.addRow("", self.standardize_box)
        form.addRow(hint)
        form.addRow(buttons)

    @staticmethod
    def _side(value: int) -> QSpinBox:
        box = QSpinBox()
        box.setRange(1, MAX_IMAGE_SIDE)
        box.setValue(max(1, min(MAX_IMAGE_SIDE, value)))
        return box

    def options(self) -> dict[str, Any]:
        return {
            "size": [self.height_box.value(), self.width_box.value()],
            "fit": self.fit_combo.currentData(),
            "channels": self.channels_combo.currentData(),
            "scale": self.scale_box.isChecked(),
        }

    def standardize(self) -> bool:
        return self.standardize_box.isChecked()
