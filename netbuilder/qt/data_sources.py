"""Data sources as the Data tab sees them: which are read in a task, what a binding is called,
what a drop holds, a CSV's header (for the column table), and a project's data info at open.
"""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QMimeData

from netbuilder.engine.data.datasets import DataError, dataset_info, resolve_path
from netbuilder.engine.data.files import file_problem
from netbuilder.engine.data.folder_preview import streamed_note
from netbuilder.engine.data.info import DatasetInfo, InputInfo
from netbuilder.engine.network.shape_rules import format_shape
from netbuilder.model import DatasetBinding, NetbuilderError
from netbuilder.model.errors import message_of
from netbuilder.model.i18n import Text
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, localized, translate

# Read in a task (built-in and inline data are small): 10,000 images take seconds to decode.
FILE_SOURCES = ("csv", "npz", "image_folder")
# The words of a dataset's task and of an input's kind, shown in the summary.
KIND_WORDS = {
    "classification": QT_TRANSLATE_NOOP("DataSources", "classification"),
    "binary": QT_TRANSLATE_NOOP("DataSources", "binary"),
    "regression": QT_TRANSLATE_NOOP("DataSources", "regression"),
    "features": QT_TRANSLATE_NOOP("DataSources", "features"),
    "image": QT_TRANSLATE_NOOP("DataSources", "image"),
    "text": QT_TRANSLATE_NOOP("DataSources", "text"),
    "ids": QT_TRANSLATE_NOOP("DataSources", "ids"),
    "tokens": QT_TRANSLATE_NOOP("DataSources", "tokens"),
}
# The warnings for the Issues list: Texts (English in logs, translated where shown).
_IMAGE_FOLDER = QT_TRANSLATE_NOOP("DataSources", "the image folder")
_DATA_FILE = QT_TRANSLATE_NOOP("DataSources", "the data file")
_MISSING = QT_TRANSLATE_NOOP("DataSources", "{what} {path} is missing")
_WARNING = QT_TRANSLATE_NOOP("DataSources", "dataset: {problem} (dataset.path {path})")
_DATA_WARNING = QT_TRANSLATE_NOOP("DataSources", "dataset: {problem}")
_EMPTY = QT_TRANSLATE_NOOP("DataSources", "{file} is empty")


def _kind(word: str) -> str:
    return translate("DataSources", KIND_WORDS.get(word, word))


def dataset_info_for(
    binding: DatasetBinding | None, base_dir: Path | None
) -> tuple[DatasetInfo | None, str | None]:
    """The info of a project's binding, or None and a warning for the Issues list. A data file
    is not read here (a 256 MB CSV would freeze the window): the Data panel reads it in a task
    and attaches its info to the document."""
    if binding is None:
        return None, None
    if is_generated(binding):
        return None, None  # a generated set: written (at first use) and read in the task
    if binding.source in FILE_SOURCES:
        path = resolve_path(binding, base_dir)  # a stat: cheap, and worth saying at once
        what = Text(
            "DataSources", _IMAGE_FOLDER if binding.source == "image_folder" else _DATA_FILE
        )
        is_folder = binding.source == "image_folder" and path.is_dir()
        problem = None if is_folder else file_problem(path, what)
        if problem is None:
            return None, None
        if not path.is_symlink() and not path.exists():
            problem = Text("DataSources", _MISSING).format(what=what, path=path)
        warning = Text("DataSources", _WARNING).format(problem=problem, path=repr(binding.path))
        return None, warning
    try:
        return dataset_info(binding, base_dir), None
    except NetbuilderError as exc:
        problem = message_of(exc)  # the engine's Text, translated where the warning is shown
        return None, Text("DataSources", _DATA_WARNING).format(problem=problem)


def source_description(binding: DatasetBinding) -> str:
    """What the Data tab says a file-based binding is."""
    if binding.source == "image_folder":
        if binding.path:
            return translate(
                "DataSources",
                "Images from {path} (one sub-folder per class, or a path,label CSV)",
            ).format(path=binding.path)
        return translate(
            "DataSources", "Generated image set '{name}' (written at first use)"
        ).format(name=binding.name)
    if is_generated(binding):
        return translate("DataSources", "Generated table '{name}' (written at first use)").format(
            name=binding.name
        )
    return translate("DataSources", "{kind} file {path}").format(
        kind=binding.source.upper(), path=binding.path
    )


def is_generated(binding: DatasetBinding) -> bool:
    """A generated image set or table: named, no path; resolving its path writes it (seconds,
    so only ever in a task)."""
    if binding.source == "image_folder":
        return bool(binding.name)
    return binding.source == "csv" and bool(binding.name) and not binding.path


def binding_label(binding: DatasetBinding) -> str:
    """A file binding's short name: its file or folder, or its generated set's name."""
    if is_generated(binding):
        return binding.name
    return Path(binding.path).name or binding.name or binding.source


def dropped_kind(mime: QMimeData) -> tuple[str, Path] | None:
    """What a drop holds that the panel imports: ("image_folder", a folder), ("csv", a .csv,
    .tsv or .txt file) or ("npz", a .npz file); None for anything else."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    if path.is_dir():
        return "image_folder", path
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv", path
    if suffix == ".npz":
        return "npz", path
    return None


def read_csv_header(path: Path) -> tuple[list[str], bool]:
    """Column names of a CSV file and whether its first row is a header (for the target combo)."""
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as fh:
        sample = fh.read(64 * 1024)
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(sample.splitlines()[:2], dialect))
    if not rows or not rows[0]:
        raise DataError(Text("DataSources", _EMPTY).format(file=path.name), path=str(path))
    first = [c.strip() for c in rows[0]]

    def numeric(cell: str) -> bool:
        try:
            float(cell)
            return True
        except ValueError:
            return False

    header = not all(numeric(c) for c in first if c)
    names = (
        first
        if header
        else [
            translate("DataSources", "column {number}").format(number=i + 1)
            for i in range(len(first))
        ]
    )
    return names, header


def summary_html(info: DatasetInfo) -> str:
    """The Data tab's summary: size, splits, the inputs (each by name, for several, with the
    vocabulary of text and ids) and the targets."""
    sizes = info.extra.get("split_sizes")
    split = (
        translate("DataSources", " · train {train} · validation {validation} · test {test}").format(
            train=f"{sizes[0]:,}", validation=f"{sizes[1]:,}", test=f"{sizes[2]:,}"
        )
        if sizes
        else ""
    )
    if info.task == "regression":
        target = translate("DataSources", "{count} value(s) to predict (regression)").format(
            count=len(info.target_names) or 1
        )
    else:
        target = translate("DataSources", "{count} classes ({task})").format(
            count=info.n_classes, task=_kind(info.task)
        )
    items = info.input_infos
    if len(items) == 1 and items[0].kind in ("features", "image"):
        inputs = translate("DataSources", "Inputs <b>{shape}</b> {dtype}").format(
            shape=format_shape(info.input_shape), dtype=info.input_dtype
        )
    else:
        inputs = translate("DataSources", "Inputs {inputs}").format(
            inputs=" · ".join(_input_html(item, len(items) > 1) for item in items)
        )
    text = translate(
        "DataSources", "<b>{name}</b>: {count} samples{split}<br>{inputs} · targets: {target}"
    ).format(name=info.name, count=f"{info.n_samples:,}", split=split, inputs=inputs, target=target)
    streamed = streamed_note(info)
    return f"{text}<br>{localized(streamed)}" if streamed else text


def _input_html(item: InputInfo, named: bool) -> str:
    shape, kind = format_shape(item.shape), _kind(item.kind)
    if item.vocab_size:
        vocab = f"{item.vocab_size:,}"
        if named:
            return translate(
                "DataSources", "{name} <b>{shape}</b> {kind} ({count} indices)"
            ).format(name=item.name, shape=shape, kind=kind, count=vocab)
        return translate("DataSources", "<b>{shape}</b> {kind} ({count} indices)").format(
            shape=shape, kind=kind, count=vocab
        )
    name = f"{item.name} " if named else ""
    return f"{name}<b>{shape}</b> {kind}"


def using_message(info: DatasetInfo) -> str:
    items = info.input_infos
    if len(items) == 1:
        shapes = format_shape(info.input_shape)
    else:
        shapes = ", ".join(f"{item.name} {format_shape(item.shape)}" for item in items)
    return translate("DataSources", "Using dataset {name}: inputs {shapes}").format(
        name=info.name, shapes=shapes
    )
