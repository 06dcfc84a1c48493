"""The Data panel: choose the project's dataset and see what it holds before training on it.

A built-in dataset (from the engine's registry), an imported CSV / NPZ file or an image folder
(``data_imports.py``: dialogs, drops, a CSV's column roles) becomes the project's
``DatasetBinding`` through ``document.set_dataset`` (one undo step; the Input node's shape
follows). Below: size and shapes, then a ``DataPreview`` (class balance, first rows, an image
grid, pictures by class with their augmentation, a scatter; ``data_preview.py``). Built-in sets
are small, so they load on the GUI thread under a busy cursor. Files (up to 256 MB of CSV) and
image folders (10,000 images take seconds to decode) load in a ``Task``, with progress and a
Cancel button in the panel: its result is applied only if it is still wanted (the panel's newest
load, same project, same binding); picking anything else, or another project, cancels it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from netbuilder.engine.data.datasets import dataset_info, list_builtin, load_table
from netbuilder.engine.data.folder_preview import load_preview
from netbuilder.engine.data.info import DatasetInfo
from netbuilder.model import DatasetBinding, NetbuilderError
from netbuilder.qt.csv_import import CsvImport
from netbuilder.qt.data_imports import DataImports
from netbuilder.qt.data_preview import DataPreview
from netbuilder.qt.data_sources import (
    FILE_SOURCES,
    binding_label,
    dataset_info_for,
    read_csv_header,
    source_description,
    summary_html,
    using_message,
)
from netbuilder.qt.i18n import localized, translate
from netbuilder.qt.task_progress import TaskProgress
from netbuilder.qt.tasks import Task, describe

if TYPE_CHECKING:
    from netbuilder.qt.document import Document

__all__ = ["FILE_SOURCES", "DataPanel", "dataset_info_for", "read_csv_header"]


class DataPanel(DataImports):
    """Dataset chooser and preview for one document."""

    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self._pending: DatasetBinding | None = None  # a CSV waiting for its target column
        self._table_cache: dict[str, Any] = {}
        self.loading: Task | None = None  # the newest file load, while it runs
        self._loading_binding: DatasetBinding | None = None  # what it reads
        self._loading_to_bind = False  # an import (True) or the preview of the dataset (False)
        self.combo = QComboBox()
        self.combo.setObjectName("datasetCombo")
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(8)
        self.combo.addItem(translate("DataPanel", "No dataset"), None)
        for entry in list_builtin():
            self.combo.addItem(entry.name.replace("_", " "), entry.name)
            self.combo.setItemData(
                self.combo.count() - 1, localized(entry.description), Qt.ItemDataRole.ToolTipRole
            )
        self.combo.activated.connect(self._on_combo)
        # Short labels (the tooltips say more): the Data column is narrow at 1024 px.
        self.csv_button = self._import_button(translate("DataPanel", "CSV…"))
        self.csv_button.setToolTip(
            translate("DataPanel", "Import a CSV file (a table with a column to predict)")
        )
        self.npz_button = self._import_button(translate("DataPanel", "NPZ…"))
        self.npz_button.setToolTip(
            translate("DataPanel", "Import a NumPy archive (arrays x and y)")
        )
        self.csv_button.clicked.connect(lambda: self.import_file("csv"))
        self.npz_button.clicked.connect(lambda: self.import_file("npz"))
        self.folder_button = self._import_button(translate("DataPanel", "Images…"))
        self.folder_button.setObjectName("imageFolderButton")
        self.folder_button.setToolTip(
            translate(
                "DataPanel",
                "Import a folder of images whose sub-folders are the classes (PNG, JPEG, BMP, GIF)",
            )
        )
        self.folder_button.clicked.connect(lambda: self.import_folder())
        self.setAcceptDrops(True)  # a CSV, NPZ or image folder dropped on the panel
        self.description = self._label("", "help")
        self.target_row = CsvImport()  # a CSV's target, or its columns' roles
        self.target_combo, self.use_button = (
            self.target_row.target_combo,
            self.target_row.use_button,
        )
        self.use_button.clicked.connect(self._use_pending)
        self.target_row.hide()
        self.load_progress = TaskProgress()
        self.load_progress.setObjectName("dataLoadProgress")
        self.error = self._label("", "error")
        self.error.setObjectName("dataError")
        self.error.hide()
        self.summary = self._label("", None)
        self.summary.setObjectName("dataSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.preview = DataPreview()
        self.preview.classes_page.augment.changed.connect(self._set_augment)
        top = QHBoxLayout()
        top.addWidget(self.combo, 1)
        top.addWidget(self.csv_button)
        top.addWidget(self.npz_button)
        top.addWidget(self.folder_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.description)
        layout.addWidget(self.target_row)
        layout.addWidget(self.load_progress)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        self._filler = QWidget()  # takes the preview's room while a CSV import hides it
        self._filler.hide()
        layout.addWidget(self._filler, 1)
        self.refresh()

    @staticmethod
    def _import_button(text: str) -> QToolButton:
        """A button as narrow as its text (a push button is at least 80 px wide)."""
        button = QToolButton()
        button.setText(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    @staticmethod
    def _label(text: str, role: str | None) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        if role:
            label.setProperty("role", role)
        return label

    # --- document ---------------------------------------------------------------------------

    def set_document(self, document) -> None:
        if self.document is not None and self.document is not document:
            self.document.dataset_changed.disconnect(self._on_dataset_changed)
        if document is not None and document is not self.document:
            document.dataset_changed.connect(self._on_dataset_changed)
        self.cancel_loading()  # a load for the project before is stale
        self.document = document
        self._close_import()
        self.refresh()

    def _close_import(self) -> None:
        """The CSV import row goes; the dataset's summary and preview come back."""
        self._pending = None
        self.target_row.hide()
        self._show_dataset(True)

    def _on_dataset_changed(self, _info) -> None:
        self.refresh()

    # --- choosing ---------------------------------------------------------------------------

    def _on_combo(self, index: int) -> None:
        name = self.combo.itemData(index)
        if name is None:
            if self.binding is not None:
                self._bind(None)
            return
        if not isinstance(name, str) or name.startswith("file:"):
            return
        self.bind_builtin(name)

    def bind_builtin(self, name: str) -> bool:
        """Use the built-in dataset ``name`` (keeping the split settings of the old binding)."""
        return self._bind(self._with_split(DatasetBinding(source="builtin", name=name)))

    def _bind(self, binding: DatasetBinding | None) -> bool:
        """Use ``binding``: built-ins (and None) at once; a file is read in a task first and
        becomes the dataset when it is read (True here means the load started)."""
        if self.document is None:
            return False
        self.cancel_loading()  # the user chose something else
        if binding is not None and binding.source in FILE_SOURCES:
            self._load(binding, bind=True)
            return True
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            info = dataset_info(binding, self.base_dir) if binding is not None else None
            self.document.set_dataset(binding, info)
        except NetbuilderError as exc:
            self._show_error(localized(exc))
            self.refresh_combo()
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        if info is not None:
            self.message.emit(using_message(info))
        return True

    # --- loading files off the GUI thread ---------------------------------------------------

    def _load(self, binding: DatasetBinding, *, bind: bool) -> Task:
        """Read a file binding in a task: ``bind`` makes it the dataset, else only previews it."""
        self.cancel_loading()
        assert self.document is not None  # a file is loaded for the panel's document
        base, project = self.base_dir, self.document.project
        memory_mb = project.training.data_memory_mb  # above it, a folder is only sampled
        task = Task(
            lambda ctx: load_preview(binding, base, memory_mb, progress=ctx.progress),
            name=translate("DataPanel", "Loading {name}").format(name=binding_label(binding)),
            cancellable=True,
            owner=self,
        )
        task.returned.connect(lambda result: self._loaded(task, project, bind, result))
        task.errored.connect(lambda exc: self._load_failed(task, exc))
        task.finished.connect(lambda: self._load_ended(task))
        self.loading, self._loading_binding, self._loading_to_bind = task, binding, bind
        self.load_progress.follow(task)
        self.target_row.setEnabled(not bind)  # the CSV's target is in use until it is read
        self.error.hide()
        return task.start()

    def cancel_loading(self) -> None:
        """Cancel the running load, if any: its result will not be applied."""
        task, self.loading, self._loading_binding = self.loading, None, None
        self.target_row.setEnabled(True)
        if task is not None:
            task.cancel()
            self.load_progress.follow(None)

    def _loaded(self, task: Task, project: Any, bind: bool, result: Any) -> None:
        binding = self._loading_binding
        if (
            task is not self.loading
            or binding is None
            or self.document is None
            or self.document.project is not project
        ):
            return  # stale: another load, another project
        if not bind and self.binding is not binding:
            return  # the preview of a binding that is no longer the dataset (undo)
        table, info = result
        self._table_cache = {self._table_key(binding): table}  # keep one
        if not bind:
            self.document.set_data_problem(None)
            if self.document.dataset_info is None:  # the project opened without reading it
                self.document.attach_dataset_info(info)  # its refresh shows the preview
            else:
                self._show(info, table)
            return
        try:
            self.document.set_dataset(binding, info)  # refresh() shows it from the cache
        except NetbuilderError as exc:  # the edit lock of a training run
            self._show_error(localized(exc))
            self.refresh_combo()
            return
        self._close_import()
        self.message.emit(using_message(info))

    def _load_failed(self, task: Task, exc: BaseException) -> None:
        if task is self.loading:
            message = describe(exc)
            self._show_error(message)
            self.refresh_combo()
            if not self._loading_to_bind and self.document is not None:
                self.document.set_data_problem(message)  # the project's own data: an issue

    def _load_ended(self, task: Task) -> None:
        if task is self.loading:
            self.loading, self._loading_binding = None, None
            self.target_row.setEnabled(True)
            if task.cancelled:
                self.message.emit(translate("DataPanel", "{task} cancelled").format(task=task.name))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
        if text:
            self.message.emit(text)

    # --- showing ----------------------------------------------------------------------------

    def refresh_combo(self) -> None:
        binding = self.binding
        for i in range(self.combo.count() - 1, 0, -1):
            if str(self.combo.itemData(i)).startswith("file:"):
                self.combo.removeItem(i)
        if binding is None:
            self.combo.setCurrentIndex(0)
        elif binding.source == "builtin":
            self.combo.setCurrentIndex(max(0, self.combo.findData(binding.name)))
        else:
            label = binding_label(binding)
            kind = (
                translate("DataPanel", "images")
                if binding.source == "image_folder"
                else binding.source
            )
            self.combo.addItem(
                translate("DataPanel", "{file} ({kind})").format(file=label, kind=kind),
                f"file:{binding.path}",  # i18n: ignore
            )
            self.combo.setCurrentIndex(self.combo.count() - 1)

    def refresh(self) -> None:
        """Show the document's current binding: description, summary, balance, previews."""
        self.refresh_combo()
        binding = self.binding
        info = self.document.dataset_info if self.document is not None else None
        self.error.hide()
        if self.loading is not None and not self._loading_to_bind:
            if self._loading_binding is not binding:
                self.cancel_loading()  # the preview of a dataset that is no longer the project's
        if binding is None:
            self.description.setText(
                translate(
                    "DataPanel",
                    "Choose a built-in dataset, or import a CSV or NPZ file or a folder of images "
                    "(or drop one here). "
                    "The Input layer takes its shape from the data.",
                )
            )
            self.summary.setText("")
            self.preview.display(None, None)
            return
        if binding.source == "builtin":
            entry = next((e for e in list_builtin() if e.name == binding.name), None)
            self.description.setText(localized(entry.description) if entry else "")
        else:
            self.description.setText(source_description(binding))
        if binding.source in FILE_SOURCES:
            table = self._table_cache.get(self._table_key(binding))
            if table is None and self._loading_binding is not binding:
                self._load(binding, bind=False)  # the preview follows when the file is read
        else:
            table = None
            try:
                if info is None:
                    info = dataset_info(binding, self.base_dir)
                # Built when the preview is first seen: the window opens with it out of sight.
                table = lambda: self._load_table(binding)  # noqa: E731 - a deferred table
            except NetbuilderError as exc:
                self._show_error(localized(exc))
        self._show(info, table)

    def _show(self, info: DatasetInfo | None, table: Any) -> None:
        self.summary.setText(summary_html(info) if info is not None else "")
        binding, document = self.binding, self.document
        images = binding is not None and binding.source == "image_folder"
        seed = document.project.training.seed if document is not None else 0
        augment = binding.options.get("augment", {}) if binding is not None and images else None
        self.preview.classes_page.set_augment(augment, seed)
        self.preview.display(info, table)

    def _set_augment(self, augment: dict[str, Any]) -> None:
        """The user's augmentation edit: one undoable change of the image binding's options."""
        binding = self.binding
        if binding is None or binding.source != "image_folder" or self.document is None:
            return
        options = {k: v for k, v in binding.options.items() if k != "augment"}
        if augment:
            options["augment"] = augment
        try:
            self.document.set_dataset(replace(binding, options=options), self.document.dataset_info)
        except NetbuilderError as exc:  # the edit lock of a training run
            self._show_error(localized(exc))
            self.refresh()

    def _table_key(self, binding: DatasetBinding) -> str:
        """The table's cache key: augmentation changes only the training batches."""
        options = {k: v for k, v in binding.options.items() if k != "augment"}
        return repr((replace(binding, options=options).to_dict(), str(self.base_dir)))

    def _load_table(self, binding: DatasetBinding):
        """A built-in or inline table (small: on the GUI thread, under a busy cursor)."""
        key = self._table_key(binding)
        if key not in self._table_cache:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self._table_cache = {key: load_table(binding, self.base_dir)}  # keep one
            finally:
                QGuiApplication.restoreOverrideCursor()
        return self._table_cache[key]

    def shutdown(self) -> None:
        """The window closes: a running load is cancelled (the window waits for its thread)."""
        self.cancel_loading()
        self.preview.classes_page.cancel()
        self._table_cache.clear()
