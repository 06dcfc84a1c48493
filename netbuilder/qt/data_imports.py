"""How the Data panel gets files: the file and folder dialogs, a drop, the image options of a
folder and the CSV import row. A base class of ``DataPanel``, which owns the loading: a chosen
file becomes a binding handed to ``_bind`` (read in a task there).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from netbuilder.engine.data.files import file_problem
from netbuilder.engine.data.image_guess import guess_image_options
from netbuilder.model import DatasetBinding, NetbuilderError
from netbuilder.model.i18n import Text
from netbuilder.qt.csv_import import CsvImport
from netbuilder.qt.csv_roles import RolesError
from netbuilder.qt.data_sources import dropped_kind
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, localized, translate
from netbuilder.qt.image_options_dialog import ImageOptionsDialog

if TYPE_CHECKING:
    from netbuilder.qt.data_preview import DataPreview
    from netbuilder.qt.document import Document

_CSV_FILE = QT_TRANSLATE_NOOP("DataImports", "CSV file")  # what a file problem names


class DataImports(QWidget):
    """The panel's ways in; ``DataPanel`` provides ``_bind``, ``_show_error`` and
    ``cancel_loading``."""

    document: Document | None
    target_row: CsvImport
    description: QLabel
    summary: QLabel
    preview: DataPreview
    _filler: QWidget
    _pending: DatasetBinding | None

    def _bind(self, binding: DatasetBinding | None) -> bool:
        raise NotImplementedError

    def _show_error(self, text: str) -> None:
        raise NotImplementedError

    def cancel_loading(self) -> None:
        raise NotImplementedError

    @property
    def base_dir(self) -> Path | None:
        """Where the document's relative data paths point (its file's folder)."""
        return self.document.base_dir if self.document is not None else None

    @property
    def binding(self) -> DatasetBinding | None:
        return None if self.document is None else self.document.project.dataset

    def ask_file(self, kind: str) -> Path | None:
        """The file to import (overridable in tests)."""
        if kind == "csv":
            pattern = translate("DataImports", "CSV files (*.csv *.tsv *.txt);;All files (*)")
            title = translate("DataImports", "Import CSV")
        else:
            pattern = translate("DataImports", "NumPy archives (*.npz);;All files (*)")
            title = translate("DataImports", "Import NPZ")
        start = str(self.base_dir or Path.home())
        path, _ = QFileDialog.getOpenFileName(self, title, start, pattern)
        return Path(path) if path else None

    def ask_folder(self) -> Path | None:
        """The image folder to import (overridable in tests)."""
        start = str(self.base_dir or Path.home())
        path = QFileDialog.getExistingDirectory(
            self, translate("DataImports", "Import an image folder"), start
        )
        return Path(path) if path else None

    def ask_image_options(
        self, folder: Path, options: dict[str, Any], standardize: bool
    ) -> tuple[dict[str, Any], bool] | None:
        """The image options for ``folder``, from the guessed ones (overridable in tests)."""
        dialog = ImageOptionsDialog(folder.name, options, standardize, self)
        if dialog.exec() != ImageOptionsDialog.DialogCode.Accepted:
            return None
        return dialog.options(), dialog.standardize()

    def import_folder(self, path: Path | None = None) -> bool:
        """Bind a folder of class sub-folders (or a path,label CSV) after asking its options;
        the images are decoded in a task."""
        path = path or self.ask_folder()
        if path is None:
            return False
        standardize = self.binding.standardize if self.binding is not None else True
        answer = self.ask_image_options(Path(path), guess_image_options(Path(path)), standardize)
        if answer is None:
            return False
        options, standardize = answer
        binding = self._with_split(
            DatasetBinding(source="image_folder", path=self._stored_path(Path(path)))
        )
        binding.options, binding.standardize = dict(options), standardize
        return self._bind(binding)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt's name
        if dropped_kind(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt's name
        dropped = dropped_kind(event.mimeData())
        if dropped is None:
            return
        event.acceptProposedAction()
        kind, path = dropped
        if kind == "image_folder":
            self.import_folder(path)
        else:
            self.import_file(kind, path)

    def import_file(self, kind: str, path: Path | None = None) -> bool:
        path = path or self.ask_file(kind)
        if path is None:
            return False
        self.cancel_loading()  # the newer choice wins over a file still being read
        binding = self._with_split(DatasetBinding(source=kind, path=self._stored_path(path)))
        if kind == "npz":
            return self._bind(binding)
        # Opening a FIFO would block the window.
        problem = file_problem(Path(path), Text("DataImports", _CSV_FILE))
        if problem is not None:
            self._show_error(localized(problem))
            return False
        # The dataset in use until this file is makes room for the columns, before they show
        # (shown first, both at once asked a short window to grow).
        self._show_dataset(False)
        try:
            self.target_row.start(Path(path))
        except (OSError, NetbuilderError) as exc:
            self._show_dataset(self._pending is None)
            self._show_error(localized(exc))
            return False
        self._pending = binding
        self.target_row.show()
        if self.target_row.uses_roles:
            text = translate(
                "DataImports", "{file}: pick the role of each column, then use the file."
            )
        else:
            text = translate(
                "DataImports", "{file}: pick the column to predict, then use the file."
            )
        self.description.setText(text.format(file=path.name))
        return True

    def _show_dataset(self, shown: bool) -> None:
        """The summary and preview of the dataset in use, or (False) room for an import."""
        self.summary.setVisible(shown)
        self.preview.setVisible(shown)
        self._filler.setVisible(not shown)

    def _use_pending(self) -> bool:
        """Load the pending CSV with the chosen target (the row goes once it is in use)."""
        if self._pending is None:
            return False
        try:
            options = self.target_row.options()
        except RolesError as exc:
            self._show_error(
                translate("DataImports", "{file}: {error}").format(
                    file=Path(self._pending.path).name, error=localized(exc)
                )
            )
            return False
        return self._bind(replace(self._pending, options=options))

    def _stored_path(self, path: Path) -> str:
        """Relative to the project folder when the file lies inside it (projects travel)."""
        path = path.resolve()
        if self.base_dir is not None:
            try:
                return path.relative_to(Path(self.base_dir).resolve()).as_posix()
            except ValueError:
                pass
        return str(path)

    def _with_split(self, binding: DatasetBinding) -> DatasetBinding:
        old = self.binding
        if old is not None:
            binding.val_fraction, binding.test_fraction = old.val_fraction, old.test_fraction
            binding.standardize, binding.split_seed = old.standardize, old.split_seed
        return binding
