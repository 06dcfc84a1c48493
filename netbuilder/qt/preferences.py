"""Edit > Preferences: the theme, the language, new projects' training device and memory
budget, where autosaves (recovery files) are kept, and whether runs record per-layer statistics.
Stored with
QSettings under ``preferences/``.

The theme is applied as soon as it is chosen (Cancel puts the saved one back); the device and
the memory budget are the defaults of projects made with File > New (an opened project keeps
its own); the recovery folder is used from OK on (``qt/recovery.py`` says what happens to the
files in the old one); the statistics switch applies from the next run. Training runs have no
folder of their own: a project's weights, run history and checkpoint are kept inside its
project file, and the dialog says so. The window's words are made when its widgets are, so a
new language asks for a restart: "Restart Now" closes the window the usual way (unsaved
changes: Save, Discard or Cancel, which cancels the restart) and starts netbuilder again on the
same project file (``relaunch_command``).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QProcess, QProcessEnvironment, QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from netbuilder.io.writable import folder_problem
from netbuilder.model import Project, TrainingSettings
from netbuilder.model.project import DEVICES, MAX_DATA_MEMORY_MB
from netbuilder.qt.i18n import (
    LANGUAGE_ENV,
    LANGUAGE_KEY,
    LANGUAGES,
    QT_TRANSLATE_NOOP,
    localized,
    translate,
)
from netbuilder.qt.theme import THEME_NAMES, apply_theme

PREFIX = "preferences/"
THEME_LABELS = {
    "system": QT_TRANSLATE_NOOP("Preferences", "Follow the system"),
    "light": QT_TRANSLATE_NOOP("Preferences", "Light"),
    "dark": QT_TRANSLATE_NOOP("Preferences", "Dark"),
}
DEVICE_LABELS = {
    "auto": QT_TRANSLATE_NOOP("Preferences", "Automatic (best available)"),
    "cpu": "CPU",
    "cuda": "CUDA",
    "mps": "MPS",
}
MAX_MEMORY_SPIN_MB = 1024 * 1024  # 1 TB: the spin box's top (the model allows more)


@dataclass
class Preferences:
    theme: str = "system"
    device: str = "auto"
    data_memory_mb: int = 0  # 0: automatic (a quarter of the machine's memory)
    inside_statistics: bool = True
    recovery_folder: str = ""  # an absolute path; "": the default (``qt/recovery.py``)

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
        recovery = str(settings.value(PREFIX + "recovery_folder", "") or "")
        return cls(
            theme=theme if theme in THEME_NAMES else default.theme,
            device=device if device in DEVICES else default.device,
            data_memory_mb=min(max(memory, 0), MAX_DATA_MEMORY_MB),
            inside_statistics=str(inside).lower() not in ("false", "0"),
            recovery_folder=recovery if Path(recovery).is_absolute() else "",
        )

    def save(self, settings: QSettings) -> None:
        settings.setValue(PREFIX + "theme", self.theme)
        settings.setValue(PREFIX + "device", self.device)
        settings.setValue(PREFIX + "data_memory_mb", self.data_memory_mb)
        settings.setValue(PREFIX + "inside_statistics", self.inside_statistics)
        settings.setValue(PREFIX + "recovery_folder", self.recovery_folder)
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
    """The Preferences window; ``accept`` saves (unless the recovery folder cannot be used:
    then it says why and stays open), ``reject`` restores the saved theme."""

    def __init__(
        self, settings: QSettings, default_folder: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Preferences", "Preferences"))
        self.setObjectName("preferencesDialog")
        self.settings = settings
        self.saved = Preferences.load(settings)
        self.theme = QComboBox()
        for name in THEME_NAMES:
            self.theme.addItem(translate("Preferences", THEME_LABELS[name]), name)
        self.theme.setCurrentIndex(THEME_NAMES.index(self.saved.theme))
        self.theme.currentIndexChanged.connect(self._preview_theme)
        self.device = QComboBox()
        for name in DEVICES:
            self.device.addItem(translate("Preferences", DEVICE_LABELS.get(name, name)), name)
        self.device.setCurrentIndex(list(DEVICES).index(self.saved.device))
        self.saved_language = saved_language(settings)
        self.language = QComboBox()
        self.language.setObjectName("languageChoice")
        for code, name in LANGUAGES.items():
            self.language.addItem(translate("Preferences", name), code)
        self.language.setCurrentIndex(list(LANGUAGES).index(self.saved_language))
        self.memory = QSpinBox()
        self.memory.setRange(0, MAX_MEMORY_SPIN_MB)
        self.memory.setSingleStep(256)
        self.memory.setSuffix(translate("Preferences", " MB"))
        self.memory.setSpecialValueText(
            translate("Preferences", "Automatic (a quarter of the memory)")
        )
        self.memory.setValue(min(self.saved.data_memory_mb, MAX_MEMORY_SPIN_MB))
        self.inside = QCheckBox(
            translate("Preferences", "Record per-layer statistics (Inside the network)")
        )
        self.inside.setChecked(self.saved.inside_statistics)
        self.default_folder = default_folder
        self.folder = QLineEdit(self.saved.recovery_folder or str(default_folder))
        self.folder.setObjectName("recoveryFolder")
        self.folder.setPlaceholderText(str(default_folder))
        self.folder.setToolTip(
            translate("Preferences", "Empty: the default, {folder}").format(folder=default_folder)
        )
        choose = QPushButton(translate("Preferences", "Choose…"))
        choose.setObjectName("chooseRecoveryFolder")
        choose.clicked.connect(self._choose_folder)
        open_folder = QPushButton(translate("Preferences", "Open Folder"))
        open_folder.clicked.connect(lambda: self.open_folder(self.chosen_folder()))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        folder_row.addWidget(open_folder)
        self.folder_error = QLabel()
        self.folder_error.setObjectName("recoveryFolderError")
        self.folder_error.setWordWrap(True)
        self.folder_error.setProperty("role", "error")
        self.folder_error.hide()
        self.folder.textEdited.connect(lambda _text: self.folder_error.hide())
        runs = QLabel(translate("Preferences", "Inside each project file"))
        runs.setObjectName("runsWhere")

        form = QFormLayout()
        form.addRow(translate("Preferences", "&Theme:"), self.theme)
        form.addRow(translate("Preferences", "&Language:"), self.language)
        form.addRow(translate("Preferences", "Default &device:"), self.device)
        form.addRow(translate("Preferences", "Image data in &memory up to:"), self.memory)
        form.addRow(
            _help(
                translate(
                    "Preferences",
                    "New projects train on this device and stream image data larger than this "
                    "from disk; an open project keeps its own (the Training panel).",
                )
            )
        )
        folder_label = QLabel(translate("Preferences", "&Autosaves (recovery files):"))
        folder_label.setBuddy(self.folder)  # a layout row gets no buddy of its own
        form.addRow(folder_label, folder_row)
        form.addRow(self.folder_error)
        form.addRow(
            _help(
                translate(
                    "Preferences",
                    "Unsaved work is written here every 30 seconds, and offered back after a "
                    "crash. Files already in a folder used before stay there and are still "
                    "offered.",
                )
            )
        )
        form.addRow(translate("Preferences", "Training runs:"), runs)
        form.addRow(
            _help(
                translate(
                    "Preferences",
                    "A run's weights, history and the checkpoint to resume from are kept in the "
                    "project file itself (File > Save), not in a folder of their own.",
                )
            )
        )
        form.addRow(translate("Preferences", "Training &statistics:"), self.inside)
        form.addRow(
            _help(
                translate(
                    "Preferences",
                    "Off: runs are a little faster; the Inside the network tab says so.",
                )
            )
        )
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
            recovery_folder=self._folder_setting(),
        )

    def _folder_setting(self) -> str:
        """What the folder field saves: "" for the default (or nothing typed)."""
        text = self.folder.text().strip()
        return "" if not text or Path(text) == self.default_folder else text

    def chosen_folder(self) -> Path:
        """The recovery folder as the field has it now."""
        setting = self._folder_setting()
        return Path(setting).expanduser() if setting else self.default_folder

    def ask_folder(self, start: Path) -> str:
        """The folder picker; a seam tests replace. "" when cancelled."""
        return QFileDialog.getExistingDirectory(
            self, translate("Preferences", "Folder for recovery files"), str(start)
        )

    def _choose_folder(self) -> None:
        picked = self.ask_folder(self.chosen_folder())
        if picked:
            self.folder.setText(picked)
            self.folder_error.hide()

    def folder_problem(self) -> str | None:
        """Why the recovery folder in the field cannot be used (it is made here), or None."""
        folder = self.chosen_folder()
        if not folder.is_absolute():
            return translate(
                "Preferences", "The recovery folder must be a full path, not {folder}."
            ).format(folder=folder)
        problem = folder_problem(folder)
        if problem is not None:
            return translate(
                "Preferences", "The recovery folder cannot be used: {problem}."
            ).format(problem=localized(problem))
        return None

    def _preview_theme(self) -> None:
        _apply(str(self.theme.currentData()))

    def open_folder(self, folder: Path) -> bool:
        """Show ``folder`` in the file manager (made first: it exists once something is
        written); a seam tests replace."""
        folder.mkdir(parents=True, exist_ok=True)
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def accept(self) -> None:
        problem = self.folder_problem()
        if problem is not None:
            self.folder_error.setText(problem)
            self.folder_error.show()
            self.folder.setFocus()
            return
        chosen = self.chosen()
        if chosen.recovery_folder:
            chosen = replace(chosen, recovery_folder=str(self.chosen_folder()))  # ~ expanded
        chosen.save(self.settings)
        language = str(self.language.currentData())
        changed = language != self.saved_language
        if changed:
            self.settings.setValue(LANGUAGE_KEY, language)
            self.settings.sync()
        super().accept()
        window = self.parentWidget()
        if changed and window is not None and self.ask_restart():
            restart(window)

    def ask_restart(self) -> bool:
        """The new language shows after a restart: now (True) or later?"""
        box = QMessageBox(self.parentWidget())
        box.setObjectName("restartQuestion")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(translate("Preferences", "Language"))
        box.setText(translate("Preferences", "The language changes when netbuilder restarts."))
        box.setInformativeText(
            translate(
                "Preferences",
                "Restart Now closes the window (asking to save unsaved changes) and opens it "
                "again on the same project.",
            )
        )
        now = box.addButton(
            translate("Preferences", "Restart Now"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(translate("Preferences", "Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(now)
        box.exec()
        return box.clickedButton() is now

    def reject(self) -> None:
        _apply(self.saved.theme)
        super().reject()


def saved_language(settings: QSettings) -> str:
    """The language chosen in Preferences ("system" when none or not one we ship)."""
    chosen = str(settings.value(LANGUAGE_KEY, "system"))
    return chosen if chosen in LANGUAGES else "system"


def relaunch_command(project: Path | None) -> tuple[str, list[str]]:
    """The program and arguments that start netbuilder again on ``project``: this Python with
    ``-m netbuilder`` (a frozen build: the executable itself), as ``netbuilder FILE`` does."""
    arguments = [] if getattr(sys, "frozen", False) else ["-m", "netbuilder"]
    if project is not None:
        arguments.append(str(project))
    program = Path(sys.executable)
    windowed = program.with_name("pythonw.exe")  # Windows: no console window for the app
    if program.name.lower() == "python.exe" and windowed.is_file():
        program = windowed
    return str(program), arguments


def relaunch(program: str, arguments: list[str]) -> bool:
    """Start ``program`` on its own (it outlives this process), then quit this one; False when
    it could not be started. A seam tests replace."""
    process = QProcess()
    process.setProgram(program)
    process.setArguments(arguments)
    process.setWorkingDirectory(os.getcwd())
    # The new language comes from Preferences: a NETBUILDER_LANGUAGE this process was started
    # with would override it in the new one, and the restart would change nothing.
    environment = QProcessEnvironment.systemEnvironment()
    environment.remove(LANGUAGE_ENV)
    process.setProcessEnvironment(environment)
    started = bool(process.startDetached())
    if started:
        QCoreApplication.quit()
    return started


def restart(window: QWidget) -> bool:
    """Close ``window`` the usual way (it asks to save unsaved changes; Cancel keeps it open
    and returns False), then start netbuilder again on its project file and quit."""
    if not window.close():
        return False
    document = getattr(window, "document", None)
    path = getattr(document, "path", None)
    program, arguments = relaunch_command(path if isinstance(path, Path) else None)
    if relaunch(program, arguments):
        return True
    QMessageBox.warning(  # the window is closed, its work saved or discarded: say why it ends
        None,
        translate("Preferences", "Restart"),
        translate(
            "Preferences",
            "netbuilder could not start again ({program}). Start it yourself: it will open in "
            "the new language.",
        ).format(program=program),
    )
    QCoreApplication.quit()
    return False


def _help(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", "help")
    return label


def _apply(theme: str) -> None:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, theme)
