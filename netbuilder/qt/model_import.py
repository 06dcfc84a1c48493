"""The window's side of File > Import model: show the dialog, open what it imported.

The imported project opens in this window when nothing would be lost (its project is unmodified),
else in a new window, so an import never replaces unsaved work. It opens untitled and modified
(Save asks where; closing asks first), and its temporary file is deleted once read.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from netbuilder.qt.i18n import translate
from netbuilder.qt.import_dialog import ImportModelDialog

_windows: list[Any] = []  # windows opened for imports, kept alive until closed


def show_import_dialog(window: Any) -> ImportModelDialog:
    dialog: ImportModelDialog | None = getattr(window, "import_dialog", None)
    if dialog is None:
        dialog = ImportModelDialog(window, start_dir=window._last_dir())
        dialog.imported.connect(lambda path: open_imported(window, path))
        window.import_dialog = dialog
    dialog.status.clear()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def open_imported(window: Any, path: Path) -> Any:
    """Open the imported project at ``path`` in ``window`` or, when that has unsaved work, in a
    new window; the window it opened in."""
    target = window
    if window.document.is_modified:
        target = type(window)(window.settings)
        target.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        target.ask_save_changes = window.ask_save_changes  # the same questions (tests answer)
        target.resize(window.size())
        _windows.append(target)
        target.destroyed.connect(lambda *_: _windows.remove(target) if target in _windows else None)
        target.show()
    try:
        if target.open_path(path, ask=False, as_example=True):
            target.document.mark_unsaved()  # only in memory until saved
            name = target.document.project.name or translate("ModelImport", "the model")
            layers = len(target.document.project.graph.nodes)
            target.statusBar().showMessage(
                translate("ModelImport", "Imported {name}: {layers} nodes").format(
                    name=name, layers=layers
                ),
                6000,
            )
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
    return target
