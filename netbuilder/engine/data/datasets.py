"""Datasets for training: a DatasetBinding in, seeded train/val/test numpy arrays out.

The split is stratified for classification; standardisation statistics come from the training
split only (per channel for images, per feature otherwise, never for token indices) and are kept
on the Dataset so that inference and export can apply the same transform. Numpy only: the trainer
turns the arrays into tensors on its device.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from netbuilder.engine.data.builtin import (
    BUILTIN_DATASETS,
    DatasetEntry,
    OptionSpec,
    get_builtin,
    list_builtin,
)
from netbuilder.engine.data.csv_sets import generated_csv
from netbuilder.engine.data.errors import DataError
from netbuilder.engine.data.files import check_data_file
from netbuilder.engine.data.image_sets import generated_folder
from netbuilder.engine.data.image_stream import (
    ImageFiles,
    image_bytes,
    memory_budget,
    sample_statistics,
    streamed_table,
)
from netbuilder.engine.data.images import ImageOptions, folder_stamp, list_images, read_images
from netbuilder.engine.data.importers import read_csv, read_inline, read_npz
from netbuilder.engine.data.info import DatasetInfo
from netbuilder.engine.data.input_fitting import fit_and_encode, fit_input, inputs_info
from netbuilder.engine.data.npz_check import MAX_DATASET_BYTES
from netbuilder.engine.data.preprocess import (
    TASKS,
    Table,
    apply_standardizer,
    fit_standardizer,
    split_indices,
    split_sizes,
)
from netbuilder.engine.data.recipe import InputRecipe, Recipe, recipe_of
from netbuilder.model.errors import SettingsError, message_of
from netbuilder.model.i18n import translate
from netbuilder.model.project import IMAGE_OPTIONS, DatasetBinding

__all__ = [
    "BUILTIN_DATASETS",
    "DataError",
    "Dataset",
    "DatasetEntry",
    "OptionSpec",
    "check_binding",
    "dataset_info",
    "list_builtin",
    "load_dataset",
    "load_table",
    "load_table_info",
    "recipe_of",
    "resolve_path",
    "streamed_info",
]

FILE_OPTIONS = {
    "csv": (
        "target",
        "features",
        "categorical",
        "delimiter",
        "header",
        "task",
        "text",
        "ids",
        "inputs",
    ),
    "npz": ("task", "inputs"),
    "inline": ("task", "inputs", "feature_names"),
    "image_folder": IMAGE_OPTIONS,
}
SPLITS = ("train", "val", "test")
Inputs = np.ndarray | tuple[np.ndarray, ...]  # one array, or one per input (info.inputs)


@dataclass
class Dataset:
    """Split arrays plus what it took to make them. ``mean``/``std`` are None when the inputs
    were not standardised; otherwise ``(x - mean) / std`` was applied to every split.

    With several inputs (``info.inputs`` not empty) every ``x_*`` is a tuple of arrays in the
    order of ``info.inputs``, and the statistics of each are in ``recipe``."""

    info: DatasetInfo
    x_train: Inputs
    y_train: np.ndarray
    x_val: Inputs
    y_val: np.ndarray
    x_test: Inputs
    y_test: np.ndarray
    mean: np.ndarray | None = None
    std: np.ndarray | None = None
    recipe: Recipe | None = None  # raw sample -> network inputs, saved with the weights

    def split(self, name: str) -> tuple[Inputs, np.ndarray]:
        """(x, y) of "train", "val" or "test"."""
        if name not in SPLITS:
            raise ValueError(f"split must be one of {SPLITS}, got {name!r}")
        return getattr(self, f"x_{name}"), getattr(self, f"y_{name}")

    @property
    def sizes(self) -> tuple[int, int, int]:
        return len(self.y_train), len(self.y_val), len(self.y_test)


def resolve_path(binding: DatasetBinding, base_dir: Path | None = None) -> Path:
    """The data file (or image folder) of a binding: relative paths are relative to the project
    folder; an image_folder (csv) binding with a name is the generated set (table) of that name."""
    if binding.source == "image_folder" and binding.name:
        return generated_folder(binding.name)
    if binding.source == "csv" and binding.name and not binding.path:
        return generated_csv(binding.name)
    path = Path(binding.path).expanduser()
    if not path.is_absolute() and base_dir is not None:
        path = Path(base_dir) / path
    return path


def load_table(
    binding: DatasetBinding,
    base_dir: Path | None = None,
    *,
    progress: Callable[[float], None] | None = None,
) -> Table:
    """Read the source of a binding (no split, no standardisation). ``progress`` hears the
    fraction of a file read; what it raises (a cancelled import) ends the read."""
    _validate(binding)
    options = dict(binding.options)
    if binding.source == "builtin":
        return get_builtin(binding.name).build(options)
    _check_option_keys(binding)
    if binding.source == "image_folder":
        return _load_images(binding, base_dir, progress)
    task = options.pop("task", "auto")
    if task not in TASKS:
        raise DataError(
            translate(
                "Data",
                "dataset.options.task must be one of {tasks}; got {task}",
            ).format(tasks=", ".join(TASKS), task=repr(task)),
            field="task",
        )
    if binding.source == "inline":
        return read_inline(binding.inline or {}, task=task, **options)
    path = resolve_path(binding, base_dir)
    if not binding.path:
        hint = translate("Data", "(the generated table '{name}')").format(name=binding.name)
    elif base_dir is not None:
        hint = translate("Data", "(dataset.path '{path}', relative to {folder})").format(
            path=binding.path, folder=base_dir
        )
    else:
        hint = translate("Data", "(dataset.path '{path}')").format(path=binding.path)
    check_data_file(path, hint=hint)
    try:
        if binding.source == "npz":
            return read_npz(path, task=task, progress=progress, **options)
        return read_csv(path, task=task, progress=progress, **options)
    except MemoryError:  # what the size limits let through can still exceed a small machine
        raise DataError(
            translate(
                "Data",
                "{name} does not fit in this machine's free memory",
            ).format(name=path.name),
            path=str(path),
            field="path",
        ) from None


def _load_images(
    binding: DatasetBinding, base_dir: Path | None, progress: Callable[[float], None] | None
) -> Table:
    path = resolve_path(binding, base_dir)
    try:
        return read_images(path, ImageOptions.from_options(binding.options), progress=progress)
    except MemoryError:
        raise DataError(
            translate(
                "Data",
                "the images of {path} do not fit in this machine's free memory",
            ).format(path=path),
            path=str(path),
            field="path",
        ) from None


def load_table_info(
    binding: DatasetBinding,
    base_dir: Path | None = None,
    *,
    progress: Callable[[float], None] | None = None,
) -> tuple[Table, DatasetInfo]:
    """The table and the info of a binding from one read of its source (an import shows both);
    the info is remembered, so ``dataset_info`` afterwards does not read the file again."""
    if binding.source == "builtin":
        return load_table(binding, base_dir), dataset_info(binding, base_dir)
    key = _cache_key(binding, base_dir)
    table = load_table(binding, base_dir, progress=progress)
    sizes = split_sizes(table.n_samples, binding.val_fraction, binding.test_fraction)
    info = _info_from_table(binding, table, sizes)
    _remember_info(key, info)
    return table, info


def load_dataset(
    binding: DatasetBinding, base_dir: Path | None = None, *, memory_mb: int = 0
) -> Dataset:
    """Load, split (seeded, stratified for classes) and standardise the data of a binding.

    Image folders above ``memory_mb`` (training.data_memory_mb; 0 = auto) are not decoded:
    their splits are ``ImageFiles`` that the trainer streams (see ``image_stream``)."""
    try:
        streamed = _streamed_dataset(binding, base_dir, memory_mb)
        return streamed if streamed is not None else _split_dataset(binding, base_dir)
    except MemoryError:  # the split and standardised copies of data that passed the limits
        raise DataError(
            translate(
                "Data",
                "the dataset {name} does not fit in this machine's free memory once "
                "split and standardised",
            ).format(name=_name(binding)),
            field="path",
        ) from None


def _split_dataset(binding: DatasetBinding, base_dir: Path | None) -> Dataset:
    table = load_table(binding, base_dir)
    targets = table.targets
    parts = _split_of(binding, table)
    if table.inputs:
        return _split_inputs(binding, base_dir, table, parts)
    xs = [table.x[i] for i in parts]
    ys = [targets.y[i] for i in parts]
    mean = std = None
    if binding.standardize and table.x.dtype == np.float32:
        mean, std = fit_standardizer(xs[0], skip=table.categorical)
        xs = [apply_standardizer(x, mean, std) for x in xs]
    info = _info_from_table(binding, table, (len(xs[0]), len(xs[1]), len(xs[2])))
    if binding.source != "builtin":  # dataset_info() after this need not read the file again
        sizes = split_sizes(table.n_samples, binding.val_fraction, binding.test_fraction)
        _remember_info(_cache_key(binding, base_dir), _info_from_table(binding, table, sizes))
    recipe = recipe_of(info, mean, std)
    return Dataset(info, xs[0], ys[0], xs[1], ys[1], xs[2], ys[2], mean, std, recipe)


def _split_of(binding: DatasetBinding, table: Table) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    targets = table.targets
    strata = targets.y if targets.task != "regression" else None
    return split_indices(
        table.n_samples, binding.val_fraction, binding.test_fraction, binding.split_seed, strata
    )


def _split_inputs(
    binding: DatasetBinding,
    base_dir: Path | None,
    table: Table,
    parts: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> Dataset:
    """A table of raw inputs: each fitted on the training rows, then every split encoded."""
    fitted = [fit_and_encode(raw, parts, binding.standardize) for raw in table.inputs]
    recipes = tuple(recipe for recipe, _ in fitted)
    split = [tuple(arrays[k] for _, arrays in fitted) for k in range(len(parts))]
    ys = [table.targets.y[rows] for rows in parts]
    info = _inputs_info(binding, table, recipes)
    if binding.source != "builtin":
        _remember_info(_cache_key(binding, base_dir), info)
    t = table.targets
    recipe = Recipe(recipes, t.task, t.class_names, t.target_names)
    xs: list[Inputs] = list(split) if info.inputs else [x[0] for x in split]
    mean = std = None
    first = recipes[0]
    if not info.inputs and first.mean is not None and first.std is not None:
        mean = np.asarray(first.mean, dtype=np.float32)
        std = np.asarray(first.std, dtype=np.float32)
    return Dataset(info, xs[0], ys[0], xs[1], ys[1], xs[2], ys[2], mean, std, recipe)


def _inputs_info(
    binding: DatasetBinding, table: Table, recipes: tuple[InputRecipe, ...] | None = None
) -> DatasetInfo:
    """The info of a table of raw inputs; the vocabularies are those of the training split,
    fitted here when ``recipes`` is None (as ``load_dataset`` fits them)."""
    if recipes is None:
        train = _split_of(binding, table)[0]
        recipes = tuple(fit_input(raw, train, binding.standardize) for raw in table.inputs)
    sizes = split_sizes(table.n_samples, binding.val_fraction, binding.test_fraction)
    extra = _extra(binding, recipes[0].dtype, sizes, dict(table.extra))
    return inputs_info(table, recipes, _name(binding), extra)


def _streamed_table(binding: DatasetBinding, base_dir: Path | None, memory_mb: int) -> Table | None:
    """The lazy table of an image folder too large for ``memory_mb``, else None."""
    if binding.source != "image_folder":
        return None
    _validate(binding)
    _check_option_keys(binding)
    path = resolve_path(binding, base_dir)
    options = ImageOptions.from_options(binding.options)
    files, _, _ = list_images(path)
    need = image_bytes(len(files), options)
    if need <= min(memory_budget(memory_mb), MAX_DATASET_BYTES):
        return None
    return streamed_table(path, options)


def streamed_info(
    binding: DatasetBinding, base_dir: Path | None, memory_mb: int
) -> tuple[Table, DatasetInfo] | None:
    """The lazy table (nothing decoded) and the info of an image folder too large for
    ``memory_mb`` (training.data_memory_mb; 0 = auto), described from its listing; else None."""
    table = _streamed_table(binding, base_dir, memory_mb)
    if table is None:
        return None
    sizes = split_sizes(table.n_samples, binding.val_fraction, binding.test_fraction)
    info = _info_from_table(binding, table, sizes)
    _remember_info(_cache_key(binding, base_dir), info)
    return table, info


def _streamed_dataset(
    binding: DatasetBinding, base_dir: Path | None, memory_mb: int
) -> Dataset | None:
    table = _streamed_table(binding, base_dir, memory_mb)
    if table is None:
        return None
    files: ImageFiles = table.x  # type: ignore[assignment]  # a lazy stand-in for the array
    parts = split_indices(
        len(files), binding.val_fraction, binding.test_fraction, binding.split_seed,
        table.targets.y,
    )  # fmt: skip
    xs = [files.subset(i) for i in parts]
    ys = [table.targets.y[i] for i in parts]
    mean = std = None
    if binding.standardize:
        mean, std = sample_statistics(xs[0], binding.split_seed)
        xs = [x.with_statistics(mean, std) for x in xs]
    info = _info_from_table(binding, table, (len(xs[0]), len(xs[1]), len(xs[2])))
    _remember_info(_cache_key(binding, base_dir), info)
    lazy: list[Any] = list(xs)  # the trainer streams these; see ImageFiles
    return Dataset(
        info, lazy[0], ys[0], lazy[1], ys[1], lazy[2], ys[2], mean, std, recipe_of(info, mean, std)
    )


_INFO_CACHE: OrderedDict[str, DatasetInfo] = OrderedDict()
_INFO_CACHE_SIZE = 32
_INFO_LOCK = threading.Lock()  # files are loaded on the GUI's task threads and the trainer's


def dataset_info(binding: DatasetBinding, base_dir: Path | None = None) -> DatasetInfo:
    """What a binding gives, quickly: built-ins answer from the registry without building arrays;
    files are read once and cached by path, size and modification time."""
    _validate(binding)
    if binding.source == "builtin":
        entry = get_builtin(binding.name)
        info = entry.info(binding.options)
        sizes = split_sizes(info.n_samples, binding.val_fraction, binding.test_fraction)
        return replace(info, extra=_extra(binding, info.input_dtype, sizes, info.extra))
    key = _cache_key(binding, base_dir)
    with _INFO_LOCK:
        if key in _INFO_CACHE:
            _INFO_CACHE.move_to_end(key)
            return _INFO_CACHE[key]
    # An image folder too large to decode whole is described from its listing.
    table = _streamed_table(binding, base_dir, 0) or load_table(binding, base_dir)
    sizes = split_sizes(table.n_samples, binding.val_fraction, binding.test_fraction)
    info = _info_from_table(binding, table, sizes)
    _remember_info(key, info)
    return info


def _remember_info(key: str, info: DatasetInfo) -> None:
    with _INFO_LOCK:
        _INFO_CACHE[key] = info
        _INFO_CACHE.move_to_end(key)
        while len(_INFO_CACHE) > _INFO_CACHE_SIZE:
            _INFO_CACHE.popitem(last=False)


def check_binding(binding: DatasetBinding, base_dir: Path | None = None) -> DatasetInfo:
    """Raise DataError before training for a binding that cannot work (unknown dataset, bad
    options, missing file, unreadable data, one-class target); return its info otherwise."""
    info = dataset_info(binding, base_dir)
    train, _, _ = info.extra["split_sizes"]
    if info.task != "regression" and train < info.n_classes:
        raise DataError(
            translate(
                "Data",
                "the training split has {train} samples, fewer than the {n_classes} "
                "classes; lower the val/test fractions",
            ).format(train=train, n_classes=info.n_classes),
            field="val_fraction",
        )
    return info


def _validate(binding: DatasetBinding) -> None:
    try:
        binding.validate()
    except SettingsError as exc:
        raise DataError(message_of(exc), field=exc.field) from None
    if not isinstance(binding.options, dict):
        raise DataError(
            translate(
                "Data",
                "dataset.options must be an object",
            ),
            field="options",
        )


def _check_option_keys(binding: DatasetBinding) -> None:
    allowed = FILE_OPTIONS[binding.source]
    for key in binding.options:
        if key not in allowed:
            raise DataError(
                translate(
                    "Data",
                    "dataset.options.{key} is not an option of {source} data (its options: "
                    "{allowed})",
                ).format(key=key, source=binding.source, allowed=", ".join(allowed)),
                field=key,
            )


def _name(binding: DatasetBinding) -> str:
    if binding.name:
        return binding.name
    return Path(binding.path).stem if binding.path else binding.source


def _extra(
    binding: DatasetBinding, dtype: str, sizes: tuple[int, int, int], more: dict[str, Any]
) -> dict[str, Any]:
    return {
        **more,
        "source": binding.source,
        "split_sizes": sizes,
        "split_seed": binding.split_seed,
        "standardized": bool(binding.standardize and dtype == "float32"),
    }


def _info_from_table(
    binding: DatasetBinding, table: Table, sizes: tuple[int, int, int]
) -> DatasetInfo:
    if table.inputs:
        return _inputs_info(binding, table)
    t = table.targets
    dtype = str(table.x.dtype)
    more = dict(table.extra)
    if table.categorical:
        more["categorical"] = table.categorical
    return DatasetInfo(
        name=_name(binding),
        task=t.task,
        input_shape=tuple(table.x.shape[1:]),
        target_shape=t.target_shape,
        n_samples=len(table.x),
        n_classes=t.n_classes,
        input_dtype=dtype,
        feature_names=table.feature_names,
        class_names=t.class_names,
        target_names=t.target_names,
        class_counts=t.class_counts,
        extra=_extra(binding, dtype, sizes, more),
    )


def _cache_key(binding: DatasetBinding, base_dir: Path | None) -> str:
    import json

    stamp: list[Any] = []
    if binding.source in ("csv", "npz"):
        path = resolve_path(binding, base_dir)
        try:
            st = path.stat()
            stamp = [str(path.resolve()), st.st_size, st.st_mtime_ns]
        except OSError:
            stamp = [str(path), None]
    elif binding.source == "image_folder":
        stamp = folder_stamp(resolve_path(binding, base_dir))
    return json.dumps([binding.to_dict(), stamp], sort_keys=True, default=str)
