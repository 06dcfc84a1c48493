"""One editor per input of a trained network, built from its recipe, for the "Try it" panel.

Each editor gives ``value()``: what ``Recipe.encode`` takes for its input (a mapping of column
name -> value for features, an image path or drawn pixels, a sentence, an id). Enter in an
editor reaches the panel (line edits, spin and combo boxes pass it on), which predicts;
``submitted`` says a new image file was chosen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netbuilder.engine.data.recipe import InputRecipe
from netbuilder.qt.drawing_pad import MAX_SIDE, DrawingPad
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, translate

IMAGE_FILTER = QT_TRANSLATE_NOOP(
    "ImageEditor", "Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff);;All files (*)"
)


class InputEditor(QWidget):
    """The editor of one input; subclasses fill ``value``."""

    submitted = Signal()

    def __init__(self, item: InputRecipe, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName(f"tryInput_{item.name}")

    def value(self) -> Any:
        raise NotImplementedError


class FeaturesEditor(InputEditor):
    """A spin box per numeric column (starting at the training mean), a combo box per
    categorical column (its levels as seen in training)."""

    def __init__(self, item: InputRecipe, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.spins: dict[str, QDoubleSpinBox] = {}
        self.combos: dict[str, QComboBox] = {}
        onehot = set(item.categorical)
        columns = list(item.columns) or [f"x{i}" for i in range(_width(item))]
        for i, column in enumerate(columns):
            if i in onehot and "=" in column:
                base, _, level = column.partition("=")
                if base not in self.combos:
                    self.combos[base] = combo = QComboBox()
                    combo.setObjectName(f"tryColumn_{base}")
                    form.addRow(base, combo)
                self.combos[base].addItem(level)
                continue
            spin = QDoubleSpinBox()
            spin.setObjectName(f"tryColumn_{column}")
            spin.setRange(-1e9, 1e9)
            spin.setDecimals(4)
            spin.setKeyboardTracking(False)
            if item.mean is not None and i < len(item.mean):
                spin.setValue(round(item.mean[i], 4))
            self.spins[column] = spin
            form.addRow(column, spin)

    def value(self) -> Any:
        if not self.item.columns:
            return [spin.value() for spin in self.spins.values()]
        out: dict[str, Any] = {name: spin.value() for name, spin in self.spins.items()}
        out.update({name: combo.currentText() for name, combo in self.combos.items()})
        return out


class ImageEditor(InputEditor):
    """ "Open image…" for any image input; a drawing pad too for small grey images."""

    def __init__(self, item: InputRecipe, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        self.path: Path | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.open_button = QPushButton(translate("ImageEditor", "Open image…"))
        self.open_button.setObjectName("tryOpenImage")
        self.open_button.clicked.connect(self._open)
        self.file_label = QLabel(translate("ImageEditor", "no file chosen"))
        self.file_label.setProperty("role", "help")
        row.addWidget(self.open_button)
        row.addWidget(self.file_label, 1)
        layout.addLayout(row)
        channels, height, width = [*item.shape, 1, 1, 1][:3]
        self.pad: DrawingPad | None = None
        if channels == 1 and height <= MAX_SIDE and width <= MAX_SIDE:
            self.pad = DrawingPad(height, width)
            self.pad.changed.connect(self._drawing_changed)
            clear = QPushButton(translate("ImageEditor", "Clear"))
            clear.setObjectName("tryClearDrawing")
            clear.clicked.connect(self.pad.clear)
            pad_row = QHBoxLayout()
            pad_row.addWidget(self.pad)
            pad_row.addWidget(clear)
            pad_row.addStretch(1)
            layout.addWidget(QLabel(translate("ImageEditor", "…or draw one:")))
            layout.addLayout(pad_row)

    def ask_image_path(self) -> str:
        """The file dialog; a seam that tests replace."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("ImageEditor", "Open image"),
            "",
            translate("ImageEditor", IMAGE_FILTER),
        )
        return path

    def set_path(self, path: Path | None) -> None:
        self.path = path
        self.file_label.setText(path.name if path else translate("ImageEditor", "no file chosen"))
        self.file_label.setToolTip(str(path) if path else "")

    def _open(self) -> None:
        chosen = self.ask_image_path()
        if chosen:
            self.set_path(Path(chosen))
            self.submitted.emit()

    def _drawing_changed(self) -> None:
        if self.pad is not None and self.pad.drawn:
            self.set_path(None)  # the drawing is the sample now

    def value(self) -> Any:
        if self.path is not None:
            return self.path
        if self.pad is not None and self.pad.drawn:
            # At the network's size and in grey already: what decoding a file of it gives
            # (scaled to 0..1 when training scaled); the recipe standardises it.
            pixels = self.pad.pixels().astype(np.float32)[None]
            scale = bool((self.item.image or {}).get("scale", True))
            return pixels / 255.0 if scale else pixels
        if self.pad is not None:
            raise ValueError(translate("ImageEditor", "open an image or draw one"))
        raise ValueError(translate("ImageEditor", "open an image"))


class TextEditor(InputEditor):
    def __init__(self, item: InputRecipe, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit()
        self.line.setObjectName("tryText")
        self.line.setPlaceholderText(
            translate("TextEditor", "Type a sentence")
            if item.kind == "text"
            else translate("TextEditor", "{count} token indices, separated by spaces").format(
                count=_width(item)
            )
        )
        layout.addWidget(self.line)

    def value(self) -> Any:
        return self.line.text()


class IdsEditor(InputEditor):
    """An editable combo box of the ids seen in training (an id never seen is refused)."""

    def __init__(self, item: InputRecipe, parent: QWidget | None = None) -> None:
        super().__init__(item, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setObjectName("tryIds")
        self.combo.setEditable(True)
        # Enter predicts; it must not add a typed id to the list of ids training saw.
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.addItems(list(item.vocabulary))
        layout.addWidget(self.combo)

    def value(self) -> Any:
        return self.combo.currentText().strip()


def editor_for(item: InputRecipe) -> InputEditor:
    kinds: dict[str, type[InputEditor]] = {
        "features": FeaturesEditor,
        "image": ImageEditor,
        "text": TextEditor,
        "tokens": TextEditor,
        "ids": IdsEditor,
    }
    return kinds[item.kind](item)


def _width(item: InputRecipe) -> int:
    width = 1
    for n in item.shape:
        width *= n
    return width
