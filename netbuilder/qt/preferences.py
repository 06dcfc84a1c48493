"""Edit > Preferences: the theme, new projects' training device and memory budget, the
recovery folder, and whether runs record per-layer statistics. Stored with QSettings under
``preferences/``.

The theme is applied as soon as it is chosen (Cancel puts the saved one back); the device and
the memory budget are the defaults of projects made with File > New (an opened project keeps
its own); the statistics switch applies from the next run.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from netbuilder.model import Project, TrainingSettings
from netbuilder.model.project import DEVICES, MAX_DATA_MEMORY_MB
from netbuilder.qt.theme import THEME_NAMES, apply_theme

PREFIX = "preferences/"
THEME_LABELS = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
DEVICE_LABELS = {"auto": "Automatic (best available)", "cpu": "CPU", "cuda": "CUDA", "mps": "MPS"}
MAX_MEMORY_SPIN_MB = 1024 * 1024  # 1 TB: the spin box's top (the model allows more)


@dataclass
class Preferences:
    theme: str = "system"
    device: str = "auto"
    data_memory_mb: int = 0  # 0: automatic (a quarter of the machine's memory)
    inside_statistics: bool = True

    @classmethod
    def load(cls, settings: QSettings) -> Preferences:
        """The saved preferences; a value that is missing or not understood is the default."""
        default = cls()
        theme = str(settings.value(PREFIX + "theme", default.theme))
        device = str(settings.value(PREFIX + "device", default.device))
        try:
            memory = int(settings.value(PREFIX + "data_memory_mb", 0))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            memory = 0
        inside = settings.value(PREFIX + "inside_statistics", True)
        return cls(
            theme=theme if theme in THEME_NAMES else default.theme,
            device=device if device in DEVICES else default.device,
            data_memory_mb=min(max(memory, 0), MAX_DATA_MEMORY_MB),
            inside_statistics=str(inside).lower() not in ("false", "0"),
        )

    def save(self, settings: QSettings) -> None:
        settings.setValue(PREFIX + "theme", self.theme)
        settings.setValue(PREFIX + "device", self.device)
        settings.setValue(PREFIX + "data_memory_mb", self.data_memory_mb)
        settings.setValue(PREFIX + "inside_statistics", self.inside_statistics)
        settings.sync()

    def new_project(self) -> Project:
        """An empty project whose training uses these defaults."""
        training = replace(
            TrainingSettings(), device=self.device, data_memory_mb=self.data_memory_mb
        )
        return Project(training=training)

    @property
    def inside_every(self) -> int | None:
        """The trainer's ``inside_every``: None (it chooses) or 0 (never)."""
        return None if self.inside_statistics else 0


class PreferencesDialog(QDialog):
    """The Preferences window; ``accept`` saves, ``reject`` restores the saved theme."""

    def __init__(
        self, settings: QSettings, recovery_folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setObjectName("preferencesDialog")
        self.settings = settings
        self.saved = Preferences.load(settings)
        self.theme = QComboBox()
        for name in THEME_NAMES:
            self.theme.addItem(THEME_LABELS[name], name)
        self.theme.setCurrentIndex(THEME_NAMES.index(self.saved.theme))
        self.theme.currentIndexChanged.connect(self._preview_theme)
        self.device = QComboBox()
        for name in DEVICES:
            self.device.addItem(DEVICE_LABELS.get(name, name), name)
        self.device.setCurrentIndex(list(DEVICES).index(self.saved.device))
        self.memory = QSpinBox()
        self.memory.setRange(0, MAX_MEMORY_SPIN_MB)
        self.memory.setSingleStep(256)
        self.memory.setSuffix(" MB")
        self.memory.setSpecialValueText("Automatic (a quarter of the memory)")
        self.memory.setValue(min(self.saved.data_memory_mb, MAX_MEMORY_SPIN_MB))
        self.inside = QCheckBox("Record per-layer statistics (Inside the network)")
        self.inside.setChecked(self.saved.inside_statistics)
        self.folder = QLineEdit(str(recovery_folder))
        self.folder.setReadOnly(True)
        self.folder.setObjectName("recoveryFolder")
        open_folder = QPushButton("Open Folder")
        open_folder.clicked.connect(lambda: self.open_folder(recovery_folder))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(open_folder)

        form = QFormLayout()
        form.addRow("&Theme:", self.theme)
        form.addRow("Default &device:", self.device)
        form.addRow("Image data in &memory up to:", self.memory)
        form.addRow(
            _help(
                "New projects train on this device and stream image data larger than this "
                "from disk; an open project keeps its own (the Training panel)."
            )
        )
        form.addRow("Recovery files:", folder_row)
        form.addRow(
            _help("Unsaved work is written here every 30 seconds, and offered back after a crash.")
        )
        form.addRow("Training &statistics:", self.inside)
        form.addRow(_help("Off: runs are a little faster; the Inside the network tab says so."))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen(self) -> Preferences:
        return Preferences(
            theme=str(self.theme.currentData()),
            device=str(self.device.currentData()),
            data_memory_mb=self.memory.value(),
            inside_statistics=self.inside.isChecked(),
        )

    def _preview_theme(self) -> None:
        _apply(str(self.theme.currentData()))

    def open_folder(self, folder: Path) -> bool:
        """Show ``folder`` in the file manager (made first: it exists once something is
        written); a seam tests replace."""
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def accept(self) -> None:
        self.chosen().save(self.settings)
        super().accept()

    def reject(self) -> None:
        _apply(self.saved.theme)
        super().reject()


def _help(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", "help")
    return label


def _apply(theme: str) -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, theme)
