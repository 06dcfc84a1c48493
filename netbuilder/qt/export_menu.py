"""File > Export: the engine's export formats, with the window's current weights.

The document holds the project's trained weights (from the opened file or the last run); the
export uses them, or the seeded initial weights of a never-trained project, and says which.
The export runs in a ``Task`` (torch.export and ONNX take seconds) on a snapshot of the project
taken when it starts, so the user may go on editing. Failures come back as the engine's
ExportError message; nothing is left half-written.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from netbuilder.engine.loading import load_torch_engine
from netbuilder.io import LoadedProject
from netbuilder.model import Graph, Project
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, localized, translate
from netbuilder.qt.tasks import Task, describe

# format -> (menu text, file-dialog filter, default suffix; "" for a folder)
EXPORTS: dict[str, tuple[str, str, str]] = {
    "python": (
        QT_TRANSLATE_NOOP("ExportMenu", "PyTorch &module (.py)…"),
        QT_TRANSLATE_NOOP("ExportMenu", "Python files (*.py)"),
        ".py",
    ),
    "torchrun": (QT_TRANSLATE_NOOP("ExportMenu", "&Multi-GPU training script (torchrun)…"), "", ""),
    "onnx": (
        QT_TRANSLATE_NOOP("ExportMenu", "&ONNX model (.onnx)…"),
        QT_TRANSLATE_NOOP("ExportMenu", "ONNX models (*.onnx)"),
        ".onnx",
    ),
    "pt2": (
        QT_TRANSLATE_NOOP("ExportMenu", "torch.&export archive (.pt2)…"),
        QT_TRANSLATE_NOOP("ExportMenu", "torch.export archives (*.pt2)"),
        ".pt2",
    ),
    "safetensors": (
        QT_TRANSLATE_NOOP("ExportMenu", "&Weights (.safetensors)…"),
        QT_TRANSLATE_NOOP("ExportMenu", "safetensors files (*.safetensors)"),
        ".safetensors",
    ),
}


def snapshot(project: Project) -> Project:
    """A copy the export thread reads while the user goes on editing the original."""
    return replace(
        copy.deepcopy(replace(project, graph=Graph())),  # settings, binding, view: plain data
        graph=project.graph.detached_copy(),
    )


class ExportMenu(QMenu):
    """One action per format; ``window`` provides document, settings and show_error."""

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(translate("ExportMenu", "&Export"), parent or window)
        self.window = window
        self.actions_by_format: dict[str, QAction] = {}
        for fmt, (text, _filter, _suffix) in EXPORTS.items():
            action = self.addAction(translate("ExportMenu", text))
            action.setObjectName(f"export_{fmt}")
            action.triggered.connect(lambda _=False, f=fmt: self.export_interactive(f))
            self.actions_by_format[fmt] = action

    def ask_path(self, fmt: str) -> Path | None:
        """The target chosen by the user (replaceable in tests)."""
        _text, file_filter, suffix = EXPORTS[fmt]
        start = Path(str(self.window.settings.value("lastDir", str(Path.home()))))
        stem = self.window.display_name().rsplit(".", 1)[0].replace(" ", "_") or "model"
        if not suffix:
            chosen = QFileDialog.getExistingDirectory(
                self.window,
                translate("ExportMenu", "Export training script into folder"),
                str(start),
            )
            return Path(chosen) / f"{stem}_torchrun" if chosen else None
        chosen, _ = QFileDialog.getSaveFileName(
            self.window,
            translate("ExportMenu", "Export"),
            str(start / f"{stem}{suffix}"),
            translate("ExportMenu", file_filter),
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix(suffix)

    def ask_weights_beside(self, path: Path) -> bool | None:
        """For a .py: also write the weights beside it (True), not (False), or Cancel (None).
        Replaceable in tests."""
        buttons = QMessageBox.StandardButton
        trained = self.window.document.results.has_weights
        answer = QMessageBox.question(
            self.window,
            translate("ExportMenu", "Export to Python"),
            (
                translate(
                    "ExportMenu",
                    "Also write the trained weights beside it as {file}?\n\n"
                    'The .py file\'s load("{file}") applies them.',
                )
                if trained
                else translate(
                    "ExportMenu",
                    "Also write the initial (never trained) weights beside it as {file}?\n\n"
                    'The .py file\'s load("{file}") applies them.',
                )
            ).format(file=path.with_suffix(".safetensors").name),
            buttons.Yes | buttons.No | buttons.Cancel,
            buttons.Yes,
        )
        if answer == buttons.Cancel:
            return None
        return answer == buttons.Yes

    def export_interactive(self, fmt: str) -> Task | None:
        path = self.ask_path(fmt)
        if path is None:
            return None
        weights = False
        if fmt == "python":
            choice = self.ask_weights_beside(path)
            if choice is None:
                return None
            weights = choice
        return self.export_to(fmt, path, weights=weights)

    def export_to(self, fmt: str, path: Path, *, weights: bool = False) -> Task:
        """Start exporting; the status bar says where (and whether weights were trained), or
        an error dialog why not. ``weights`` (python): the weights too, beside the .py. The
        task returns the engine's ExportResult."""
        doc = self.window.document
        source = LoadedProject(  # the recipe the weights were trained with, for encoders
            project=snapshot(doc.project),
            weights=doc.results.weights,
            recipe=doc.results.recipe,
            path=doc.path,
        )
        base = doc.base_dir

        def run(_context: Any) -> Any:
            load_torch_engine()  # on the task's thread: waits for the background import
            from netbuilder.engine.export import export

            return export(source, fmt, path, base_dir=base, weights=weights)

        task = Task(
            run,
            name=translate("ExportMenu", "Exporting {file}").format(file=Path(path).name),
            owner=self,
        )
        task.returned.connect(self._exported)
        task.errored.connect(
            lambda exc: self.window.show_error(
                translate("ExportMenu", "Export failed"), describe(exc)
            )
        )
        self.window.statusBar().showMessage(f"{task.name}…", 4000)
        return task.start()

    def _exported(self, result: Any) -> None:
        notes = " ".join(localized(note) for note in result.notes)
        others = ", ".join(f.name for f in result.files if f != result.path)
        done = (
            translate("ExportMenu", "Exported to {path} and {others}.").format(
                path=result.path, others=others
            )
            if others
            else translate("ExportMenu", "Exported to {path}.").format(path=result.path)
        )
        self.window.statusBar().showMessage(f"{done} {notes}".strip(), 10000)
