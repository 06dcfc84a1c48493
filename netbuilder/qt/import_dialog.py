"""File > Import model: pick a ``.py`` file and a name (or a ``.pt2`` archive), then import it.

The user's code never runs in the window's process: the names are read with ``ast``
(``import_candidates``) and the import runs as ``python -m netbuilder import ... --json`` in a
``QProcess``, so a crash or a hang of the model's code cannot take the window down; Cancel kills
the process. ``imported`` carries the written project; a failure shows the import's report and
leaves both the dialog's fields and the window's project as they were.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QProcess, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, translate
from netbuilder.qt.import_candidates import CandidateError, model_candidates
from netbuilder.qt.import_report import ImportReport
from netbuilder.qt.theme import theme_color

SOURCE_FILTER = QT_TRANSLATE_NOOP(
    "ImportModelDialog",
    "PyTorch model (*.py *.pt2);;Python file (*.py);;torch.export archive (*.pt2)",
)


class ImportModelDialog(QDialog):
    #: The import wrote this project (a temporary .nbproj the window opens, then deletes).
    imported = Signal(object)

    def __init__(self, parent: QWidget | None = None, start_dir: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ImportModelDialog", "Import model"))
        self.setObjectName("importModelDialog")
        self.start_dir = start_dir
        self.process: QProcess | None = None
        self.report: ImportReport | None = None
        self._out: Path | None = None
        self._scanned: str | None = None  # the source whose names the list shows
        self._clock = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setInterval(500)
        self._ticker.timeout.connect(self._show_elapsed)

        self.source = QLineEdit()
        self.source.setObjectName("importSource")
        self.source.setPlaceholderText(translate("ImportModelDialog", "models.py or model.pt2"))
        self.source.editingFinished.connect(self._source_changed)
        self.browse = QPushButton(translate("ImportModelDialog", "Browse…"))
        self.browse.setObjectName("importBrowse")
        self.browse.clicked.connect(self._browse)
        source_row = QHBoxLayout()
        source_row.setContentsMargins(0, 0, 0, 0)
        source_row.addWidget(self.source, 1)
        source_row.addWidget(self.browse)
        self.name = QComboBox()
        self.name.setObjectName("importName")
        self.name.setEditable(True)
        self.name.setMinimumContentsLength(24)
        self.name.setToolTip(
            translate(
                "ImportModelDialog",
                "The class or the function that builds the model (FILE.py:Name)",
            )
        )
        self.shape = QLineEdit()
        self.shape.setObjectName("importShape")
        self.shape.setToolTip(
            translate(
                "ImportModelDialog",
                "One sample's shape without the batch, such as 3,32,32 (token ids: the length)",
            )
        )
        self.kwargs = QLineEdit()
        self.kwargs.setObjectName("importKwargs")
        self.kwargs.setPlaceholderText(
            translate("ImportModelDialog", '{"num_classes": 10}  (optional)')
        )
        self.kwargs.setToolTip(
            translate(
                "ImportModelDialog", "Keyword arguments for the class or function, as a JSON object"
            )
        )
        self.keep_weights = QCheckBox(translate("ImportModelDialog", "Keep the model's weights"))
        self.keep_weights.setObjectName("importWeights")
        self.keep_weights.setChecked(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(f"color: {theme_color('muted').name()}")

        form = QFormLayout()
        for text, field, row in (
            (translate("ImportModelDialog", "&File:"), self.source, source_row),
            (translate("ImportModelDialog", "&Model:"), self.name, self.name),
            (translate("ImportModelDialog", "&Input shape:"), self.shape, self.shape),
            (translate("ImportModelDialog", "&Keyword arguments:"), self.kwargs, self.kwargs),
        ):
            label = QLabel(text)
            label.setBuddy(field)  # Alt+letter goes to the field; the "&" is not shown
            form.addRow(label, row)
        form.addRow("", self.keep_weights)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.status = QLabel()
        self.status.setObjectName("importStatus")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setRange(0, 0)  # busy: an import reports no steps
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.hide()

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            translate("ImportModelDialog", "Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importStart")
        self.import_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("importCancel")
        self.import_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)

        layout = QVBoxLayout(self)
        note = QLabel(
            translate(
                "ImportModelDialog",
                "netbuilder reads the file to list its models; the import itself runs the file "
                "in a separate process, so the window stays safe if it crashes or hangs.",
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._source_changed()

    # --- seams (tests replace them) -----------------------------------------------------------

    def ask_source_path(self) -> Path | None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("ImportModelDialog", "Import model"),
            self.start_dir,
            translate("ImportModelDialog", SOURCE_FILTER),
        )
        return Path(path) if path else None

    # --- the fields -----------------------------------------------------------------------

    def set_source(self, path: Path | str) -> None:
        self.source.setText(str(path))
        self._source_changed()

    def _browse(self) -> None:
        path = self.ask_source_path()
        if path is not None:
            self.set_source(path)

    def _is_archive(self) -> bool:
        return self.source.text().strip().lower().endswith(".pt2")

    def _source_changed(self) -> None:
        text = self.source.text().strip()
        if text == self._scanned:
            return  # focus left the field (or it was disabled) without a new file
        self._scanned = text
        archive = self._is_archive()
        for field in (self.name, self.kwargs):
            field.setEnabled(not archive)
        self.shape.setPlaceholderText(
            translate("ImportModelDialog", "from the archive (optional)")
            if archive
            else translate("ImportModelDialog", "3,32,32  (one sample, no batch)")
        )
        self.name.clear()
        self.hint.clear()
        if archive or not text.lower().endswith(".py"):
            if archive:
                self.hint.setText(
                    translate(
                        "ImportModelDialog",
                        "A torch.export archive: read without unpickling; its program runs once, "
                        "in a separate process, to check the imported network against it.",
                    )
                )
            return
        try:
            names = model_candidates(Path(text))
        except CandidateError as exc:
            self.hint.setText(str(exc))
            return
        self.name.addItems(names)
        if len(names) == 1:
            found = translate("ImportModelDialog", "1 model class or function found")
        elif names:
            found = translate(
                "ImportModelDialog", "{count} model classes and functions found"
            ).format(count=len(names))
        else:
            found = translate(
                "ImportModelDialog",
                "No nn.Module class or function at the top of this file: type the name.",
            )
        self.hint.setText(found)

    def arguments(self, out: Path) -> list[str]:
        """The ``netbuilder import`` command line for the fields (without the interpreter)."""
        source = self.source.text().strip()
        if not self._is_archive():
            source = f"{source}:{self.name.currentText().strip()}"
        args = ["-m", "netbuilder", "import", source, "-o", str(out), "--json"]
        if self.shape.text().strip():
            args += ["--input-shape", self.shape.text().strip()]
        if self.kwargs.text().strip() and not self._is_archive():
            args += ["--kwargs", self.kwargs.text().strip()]
        if self.keep_weights.isChecked():
            args.append("--weights")
        return args

    def _missing(self) -> str:
        if not self.source.text().strip():
            return translate("ImportModelDialog", "Choose a .py file or a .pt2 archive.")
        if not self._is_archive() and not self.name.currentText().strip():
            return translate("ImportModelDialog", "Choose the model's class or function.")
        if not self._is_archive() and not self.shape.text().strip():
            return translate(
                "ImportModelDialog", "Give the input shape of one sample, such as 3,32,32."
            )
        return ""

    # --- running --------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.process is not None

    def start(self) -> None:
        if self.running:
            return
        missing = self._missing()
        if missing:
            self.status.setText(missing)
            return
        folder = Path(tempfile.mkdtemp(prefix="netbuilder-import-"))
        self._out = folder / "imported.nbproj"
        process = QProcess(self)
        process.setProgram(sys.executable)
        process.setArguments(self.arguments(self._out))
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._process_error)
        self.process = process
        self._set_running(True)
        process.start()

    def cancel(self) -> None:
        """Stop a running import (killing its process), or close the dialog."""
        if self.process is None:
            self.reject()
            return
        process, self.process = self.process, None
        process.finished.disconnect(self._finished)
        process.errorOccurred.disconnect(self._process_error)
        process.kill()
        process.waitForFinished(5000)
        process.deleteLater()
        self._drop_output()
        self._set_running(False)
        self.status.setText(translate("ImportModelDialog", "Import cancelled."))

    def reject(self) -> None:
        if self.process is not None:
            self.cancel()
        super().reject()

    def _set_running(self, running: bool) -> None:
        fields: list[QWidget] = [self.source, self.browse, self.shape, self.keep_weights]
        for widget in fields:
            widget.setEnabled(not running)
        for widget in (self.name, self.kwargs):
            widget.setEnabled(not running and not self._is_archive())
        self.import_button.setEnabled(not running)
        self.progress.setVisible(running)
        if running:
            self._clock.start()
            self._ticker.start()
            self._show_elapsed()
        else:
            self._ticker.stop()

    def _show_elapsed(self) -> None:
        seconds = self._clock.elapsed() // 1000
        self.status.setText(
            translate(
                "ImportModelDialog",
                "Importing… {seconds} s (tracing the model in a separate process)",
            ).format(seconds=seconds)
        )

    def _process_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart and self.process is not None:
            self.process = None
            self._set_running(False)
            self._fail(
                translate("ImportModelDialog", "The import could not start"),
                [
                    translate("ImportModelDialog", "{program}: failed to start").format(
                        program=sys.executable
                    )
                ],
            )

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        out = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace")
        err = bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
        process.deleteLater()
        self._set_running(False)
        doc = _last_json(out)
        if (
            status == QProcess.ExitStatus.NormalExit
            and code == 0
            and doc.get("event") == "imported"
        ):
            layers = doc.get("layers", "?")
            self.status.setText(
                translate("ImportModelDialog", "Imported {layers} layers.").format(layers=layers)
            )
            self.imported.emit(self._out)
            self.accept()
            return
        if code in (1, 2) and doc.get("event") == "error":
            lines = _report_lines(err) or [str(doc.get("error", ""))]
            listed = doc.get("problems")
            problems = [str(p) for p in listed] if isinstance(listed, list) else []
            summary = lines[0]
            self._fail(summary, problems or lines[1:])
            return
        tail = [line for line in err.strip().splitlines() if line.strip()][-12:]
        if status == QProcess.ExitStatus.CrashExit:
            summary = translate(
                "ImportModelDialog",
                "The import process crashed; the window and its project are unaffected.",
            )
        else:
            summary = translate(
                "ImportModelDialog",
                "The import process ended with code {code}; the window and its project are "
                "unaffected.",
            ).format(code=code)
        self._fail(summary, tail)

    def _drop_output(self) -> None:
        """Delete the temporary folder of an import that did not succeed (on success, the
        window deletes it once it has read the project)."""
        if self._out is not None:
            shutil.rmtree(self._out.parent, ignore_errors=True)
            self._out = None

    def _fail(self, summary: str, details: list[str]) -> None:
        self._drop_output()
        self.status.setText(
            translate("ImportModelDialog", "The import failed: nothing was changed.")
        )
        self.report = ImportReport(summary, details, self)
        self.report.open()


def _last_json(text: str) -> dict[str, object]:
    for line in reversed(text.strip().splitlines()):
        try:
            doc = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(doc, dict):
            return doc
    return {}


def _report_lines(err: str) -> list[str]:
    """``netbuilder import: <summary>`` and its ``  - problem`` lines, from stderr."""
    text = err.strip()
    start = text.rfind("netbuilder import: ")
    if start < 0:
        return []
    lines = text[start + len("netbuilder import: ") :].splitlines()
    return [line.strip().removeprefix("- ") for line in lines if line.strip()]
