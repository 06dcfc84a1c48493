"""Deploy and scale out: readable PyTorch, a torchrun (DDP) script, ONNX, torch.export, weights.

Every format starts from the module the app compiles, with the project's trained weights (or
the seeded initial weights when it was never trained). Writes are atomic: a failed export leaves
no partial file at the target. Errors are ``ExportError`` (a NetbuilderError) naming the node.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netbuilder.engine.export.codegen import default_class_name, export_python, python_source
from netbuilder.engine.export.common import (
    NEVER_TRAINED,
    ExportError,
    ExportModel,
    ExportResult,
    prepare_model,
)
from netbuilder.engine.export.formats import export_onnx, export_pt2, export_safetensors
from netbuilder.engine.export.torchrun import export_torchrun
from netbuilder.model.i18n import translate

__all__ = [
    "FORMATS",
    "NEVER_TRAINED",
    "ExportError",
    "ExportModel",
    "ExportResult",
    "default_class_name",
    "export",
    "export_onnx",
    "export_pt2",
    "export_python",
    "export_safetensors",
    "export_torchrun",
    "prepare_model",
    "python_source",
]

FORMATS = ("python", "torchrun", "onnx", "pt2", "safetensors")


def export(
    project: Any,
    fmt: str,
    path: str | Path,
    *,
    base_dir: str | Path | None = None,
    class_name: str | None = None,
    weights: bool = False,
) -> ExportResult:
    """Export ``project`` (Project or LoadedProject) in format ``fmt`` to ``path``;
    ``weights`` (python only): the weights too, beside the .py (``export_python``)."""
    if fmt == "python":
        return export_python(
            project, path, class_name=class_name, base_dir=base_dir, weights=weights
        )
    if fmt == "torchrun":
        return export_torchrun(project, path, base_dir=base_dir, class_name=class_name)
    if fmt == "safetensors":
        return export_safetensors(project, path, base_dir=base_dir)
    if fmt == "onnx":
        return export_onnx(project, path, base_dir=base_dir)
    if fmt == "pt2":
        return export_pt2(project, path, base_dir=base_dir)
    raise ExportError(
        translate(
            "Export",
            "unknown export format {fmt}; use one of {formats}",
        ).format(fmt=repr(fmt), formats=", ".join(FORMATS))
    )
