"""File > Export: the engine's export formats, with the window's current weights.

The document holds the project's trained weights (from the opened file or the last run); the
export uses them, or the seeded initial weights of a never-trained project, and says which.
Failures come back as the engine's ExportError message; nothing is left half-written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from netbuilder.io import LoadedProject
from netbuilder.model import NetbuilderError
from netbuilder.qt.torch_loader import torch_loader

# format -> (menu text, file-dialog filter, default suffix; "" for a folder)
EXPORTS: dict[str, tuple[str, str, str]] = {
    "python": ("PyTorch &module (.py)…", "Python files (*.py)", ".py"),
    "torchrun": ("&Multi-GPU training script (torchrun)…", "", ""),
    "onnx": ("&ONNX model (.onnx)…", "ONNX models (*.onnx)", ".onnx"),
    "pt2": ("torch.&export archive (.pt2)…", "torch.export archives (*.pt2)", ".pt2"),
    "safetensors": (
        "&Weights (.safetensors)…",
        "safetensors files (*.safetensors)",
        ".safetensors",
    ),
}


class ExportMenu(QMenu):
    """One action per format; ``window`` provides document, settings and show_error."""

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__("&Export", parent or window)
        self.window = window
        self.actions_by_format: dict[str, QAction] = {}
        for fmt, (text, _filter, _suffix) in EXPORTS.items():
            action = self.addAction(text)
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
                self.window, "Export training script into folder", str(start)
            )
            return Path(chosen) / f"{stem}_torchrun" if chosen else None
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, "Export", str(start / f"{stem}{suffix}"), file_filter
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix else path.with_suffix(suffix)

    def export_interactive(self, fmt: str) -> Path | None:
        path = self.ask_path(fmt)
        if path is None:
            return None
        return self.export_to(fmt, path)

    def export_to(self, fmt: str, path: Path) -> Path | None:
        """Export now; the status bar says where (and whether weights were trained)."""
        loader = torch_loader()
        if not loader.wait(self.window.statusBar()):  # busy while the background import ends
            self.window.show_error("Export failed", f"PyTorch could not be loaded: {loader.error}")
            return None
        from netbuilder.engine.export import export

        doc = self.window.document
        base = doc.base_dir
        source = LoadedProject(project=doc.project, weights=doc.results.weights, path=doc.path)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = export(source, fmt, path, base_dir=base)
        except NetbuilderError as exc:
            QGuiApplication.restoreOverrideCursor()
            self.window.show_error("Export failed", str(exc))
            return None
        QGuiApplication.restoreOverrideCursor()
        notes = " ".join(result.notes)
        self.window.statusBar().showMessage(f"Exported to {result.path}. {notes}".strip(), 10000)
        return Path(result.path)
