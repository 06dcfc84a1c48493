"""Importers: CSV (see csv_reader), NPZ archives and inline data stored in the project.

NPZ files are always opened with ``allow_pickle=False``: an archive is data, never code.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, overload

import numpy as np

from netbuilder.engine.data.csv_reader import read_csv
from netbuilder.engine.data.errors import DataError
from netbuilder.engine.data.files import check_data_file
from netbuilder.engine.data.npz_check import inspect_npz
from netbuilder.engine.data.preprocess import Table, Targets, encode_targets
from netbuilder.model.errors import message_of
from netbuilder.model.i18n import translate

__all__ = [
    "INPUT_KINDS",
    "DataError",
    "Table",
    "read_csv",
    "read_inline",
    "read_npz",
    "shape_inputs",
]

INPUT_KINDS = ("auto", "features", "images", "tokens")
X_KEYS = ("X", "x")
Y_KEYS = ("y", "Y")


def read_npz(
    path: str | Path,
    *,
    task: str = "auto",
    inputs: str = "auto",
    progress: Callable[[float], None] | None = None,
) -> Table:
    """Read arrays ``X`` (or ``x``) and ``y`` (or ``Y``) from an .npz archive.

    X may be [N, F] features, [N, H, W] or [N, C, H, W] / [N, H, W, C] images, or with
    ``inputs="tokens"`` [N, L] integer token indices. An optional string array
    ``feature_names`` names the features. ``progress`` hears the fraction done between arrays
    (whatever it raises ends the read).
    """
    report = progress or (lambda _fraction: None)
    path = Path(path)
    name = path.name
    check_data_file(path, "NPZ file")
    headers = inspect_npz(path)  # sizes from the headers, before any array is allocated
    try:
        archive = np.load(path, allow_pickle=False)
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        raise DataError(
            translate(
                "Data",
                "{name} is not a valid .npz archive ({exc})",
            ).format(name=name, exc=exc),
            path=str(path),
        ) from None
    if not isinstance(archive, np.lib.npyio.NpzFile):  # inspect_npz refused .npy already
        raise DataError(
            translate(
                "Data",
                "{name} is not a valid .npz archive",
            ).format(name=name),
            path=str(path),
        )
    with archive:
        keys = list(archive.files)
        for key in (*X_KEYS, *Y_KEYS, "feature_names"):
            if key in keys and key not in headers:
                raise DataError(
                    translate(
                        "Data",
                        "{name}: member {key} is not an .npy array (save arrays with numpy.savez)",
                    ).format(name=name, key=repr(key)),
                    path=str(path),
                    field=key,
                )
        report(0.0)
        x = _member(archive, X_KEYS, name, keys)
        report(0.8)
        y = _member(archive, Y_KEYS, name, keys)
        names = _member(archive, ("feature_names",), name, keys, required=False)
    xkey = next(k for k in X_KEYS if k in keys)
    if x.dtype.kind not in "biuf":
        raise DataError(
            translate(
                "Data",
                "array '{xkey}' in {name} must be numeric, got dtype {dtype}",
            ).format(xkey=xkey, name=name, dtype=x.dtype),
            path=str(path),
            field=xkey,
        )
    if y.dtype.kind not in "biufUS":
        raise DataError(
            translate(
                "Data",
                "array 'y' in {name} must hold numbers or text, got dtype {dtype}",
            ).format(name=name, dtype=y.dtype),
            path=str(path),
            field="y",
        )
    if x.ndim == 0 or y.ndim == 0 or len(x) != len(y):
        raise DataError(
            translate(
                "Data",
                "{name}: '{xkey}' has {rows} samples but 'y' has {rows2}",
            ).format(name=name, xkey=xkey, rows=_rows(x), rows2=_rows(y)),
            path=str(path),
        )
    if len(x) == 0:
        raise DataError(
            translate(
                "Data",
                "{name} has no samples",
            ).format(name=name),
            path=str(path),
        )
    report(0.9)
    where_x = translate("Data", "array '{key}' in {file}").format(key=xkey, file=name)
    where_y = translate("Data", "array 'y' in {file}").format(file=name)
    x, extra = shape_inputs(x, inputs, where_x)
    targets = _targets(y, task, where_y, str(path))
    feature_names: tuple[str, ...] = ()
    if names is not None:
        feature_names = tuple(str(n) for n in np.ravel(names))
        if x.ndim != 2 or len(feature_names) != x.shape[1]:
            raise DataError(
                translate(
                    "Data",
                    "{name}: 'feature_names' has {count} names for inputs of shape {shape}",
                ).format(name=name, count=len(feature_names), shape=tuple(x.shape[1:])),
                path=str(path),
            )
    return Table(x=x, targets=targets, feature_names=feature_names, source=name, extra=extra)


@overload
def _member(
    archive: np.lib.npyio.NpzFile, keys: tuple[str, ...], name: str, present: list[str]
) -> np.ndarray: ...


@overload
def _member(
    archive: np.lib.npyio.NpzFile,
    keys: tuple[str, ...],
    name: str,
    present: list[str],
    required: Literal[False],
) -> np.ndarray | None: ...


def _member(
    archive: np.lib.npyio.NpzFile,
    keys: tuple[str, ...],
    name: str,
    present: list[str],
    required: bool = True,
) -> np.ndarray | None:
    key = next((k for k in keys if k in present), None)
    if key is None:
        if not required:
            return None
        raise DataError(
            translate(
                "Data",
                "{name} has no array '{keys}' (or '{keys2}'); it holds: {value}",
            ).format(name=name, keys=keys[0], keys2=keys[1], value=", ".join(present) or "nothing"),
            path=name,
            field=keys[0],
        )
    try:
        return archive[key]
    except ValueError as exc:
        if "allow_pickle" in str(exc) or "Object arrays" in str(exc):
            raise DataError(
                translate(
                    "Data",
                    "array '{key}' in {name} holds Python objects, which are never loaded "
                    "(unpickling can run code); save numeric arrays instead",
                ).format(key=key, name=name),
                path=name,
                field=key,
            ) from None
        raise DataError(
            translate(
                "Data",
                "array '{key}' in {name} cannot be read ({exc})",
            ).format(key=key, name=name, exc=exc),
            path=name,
            field=key,
        ) from None
    except (OSError, EOFError, zipfile.BadZipFile) as exc:
        raise DataError(
            translate(
                "Data",
                "array '{key}' in {name} cannot be read ({exc})",
            ).format(key=key, name=name, exc=exc),
            path=name,
            field=key,
        ) from None
    except MemoryError:
        raise DataError(
            translate(
                "Data",
                "array '{key}' in {name} does not fit in this machine's free memory",
            ).format(key=key, name=name),
            path=name,
            field=key,
        ) from None


def _rows(a: np.ndarray) -> str:
    return "no" if a.ndim == 0 else str(len(a))


def _targets(y: np.ndarray, task: str, where: str, path: str | None = None) -> Targets:
    try:
        return encode_targets(y, task, where=where)
    except DataError as exc:
        raise DataError(message_of(exc), path=path, field="y") from None


def shape_inputs(x: np.ndarray, inputs: str, where: str) -> tuple[np.ndarray, dict[str, Any]]:
    """Bring inputs to the engine's layouts: float32 [N, F] or [N, C, H, W], or int64 tokens.

    [N, H, W] gains a channel; [N, H, W, C] with C in (1, 3, 4) is moved to channels-first;
    ``inputs="features"`` flattens anything to [N, F].
    """
    if inputs not in INPUT_KINDS:
        raise DataError(
            translate(
                "Data",
                "inputs must be one of {input_kinds}; got {inputs}",
            ).format(input_kinds=", ".join(INPUT_KINDS), inputs=repr(inputs)),
            field="inputs",
        )
    if inputs == "tokens":
        if x.dtype.kind not in "iu" or x.ndim != 2:
            raise DataError(
                translate(
                    "Data",
                    "token inputs must be whole numbers shaped [samples, length]; {where} "
                    "is {dtype} {shape}",
                ).format(where=where, dtype=x.dtype, shape=tuple(x.shape)),
                field="inputs",
            )
        if x.min() < 0:
            raise DataError(
                translate(
                    "Data",
                    "{where} has a negative token index ({min})",
                ).format(where=where, min=x.min()),
                field="inputs",
            )
        return x.astype(np.int64), {"vocab_size": int(x.max()) + 1}
    extra: dict[str, Any] = {}
    if x.ndim == 1 or inputs == "features":
        x = x.reshape(len(x), -1)
    elif x.ndim == 3:
        x = x[:, None, :, :]
    elif x.ndim == 4 and x.shape[3] in (1, 3, 4) and x.shape[1] not in (1, 3, 4):
        x = np.transpose(x, (0, 3, 1, 2))
        extra["converted_from"] = "channels_last"
    elif x.ndim > 4:
        raise DataError(
            translate(
                "Data",
                "{where} has shape {shape}; expected [N, features], [N, H, W] or [N, C, H, W]",
            ).format(where=where, shape=tuple(x.shape)),
            field="inputs",
        )
    if x.size == 0:
        raise DataError(
            translate(
                "Data",
                "{where} has shape {shape}: no input values",
            ).format(where=where, shape=tuple(x.shape)),
            field="inputs",
        )
    if inputs == "images" and x.ndim != 4:
        raise DataError(
            translate(
                "Data",
                "images must be [N, H, W] or [N, C, H, W]; {where} has shape {shape}",
            ).format(where=where, shape=tuple(x.shape)),
            field="inputs",
        )
    x = np.ascontiguousarray(x, dtype=np.float32)
    bad = np.argwhere(~np.isfinite(x))
    if len(bad):
        raise DataError(
            translate(
                "Data",
                "{where} has a missing or infinite value in sample {value}",
            ).format(where=where, value=bad[0][0] + 1)
        )
    return x, extra


def read_inline(
    inline: dict[str, Any],
    *,
    task: str = "auto",
    inputs: str = "auto",
    feature_names: list[str] | None = None,
) -> Table:
    """Data stored in the project as JSON lists: {"x": [[1, 2], ...], "y": [[1], ...]}."""
    if not isinstance(inline, dict) or "x" not in inline or "y" not in inline:
        raise DataError(
            translate(
                "Data",
                "dataset.inline needs both 'x' and 'y'",
            ),
            field="inline",
        )
    x = _inline_array(inline["x"], "x", numeric=True)
    y = _inline_array(inline["y"], "y", numeric=False)
    if len(x) != len(y):
        raise DataError(
            translate(
                "Data",
                "dataset.inline has {count} rows of x but {count2} of y",
            ).format(count=len(x), count2=len(y)),
            field="inline",
        )
    x, extra = shape_inputs(x, inputs, "dataset.inline.x")
    targets = _targets(y, task, "dataset.inline.y")
    names: tuple[str, ...] = ()
    if feature_names is not None:
        if not isinstance(feature_names, list):
            raise DataError(
                translate(
                    "Data",
                    "dataset.options.feature_names must be a list of names",
                ),
                field="feature_names",
            )
        names = tuple(str(n) for n in feature_names)
        if x.ndim != 2 or len(names) != x.shape[1]:
            raise DataError(
                translate(
                    "Data",
                    "dataset.options.feature_names has {count} names for {shape} inputs",
                ).format(count=len(names), shape=tuple(x.shape[1:])),
                field="feature_names",
            )
    return Table(x=x, targets=targets, feature_names=names, source="inline", extra=extra)


def _inline_array(values: Any, key: str, *, numeric: bool) -> np.ndarray:
    where = f"dataset.inline.{key}"
    if not isinstance(values, list) or not values:
        raise DataError(
            translate(
                "Data",
                "{where} must be a non-empty list",
            ).format(where=where),
            field="inline",
        )
    first = values[0]
    for i, row in enumerate(values):
        if isinstance(row, list) != isinstance(first, list) or (
            isinstance(row, list) and len(row) != len(first)
        ):
            size = len(row) if isinstance(row, list) else "a single"
            expected = len(first) if isinstance(first, list) else "a single"
            raise DataError(
                translate(
                    "Data",
                    "{where} row {value} has {size} values, expected {expected} (as in row 1)",
                ).format(where=where, value=i + 1, size=size, expected=expected),
                field="inline",
            )
        for j, v in enumerate(row if isinstance(row, list) else [row]):
            ok = isinstance(v, (int, float)) if numeric else isinstance(v, (int, float, str))
            if v is None or isinstance(v, list) or not ok:
                what = "a missing value" if v is None else repr(v)
                kind = "a number" if numeric else "a number or a label"
                raise DataError(
                    translate(
                        "Data",
                        "{where} row {value}, column {value2} is {what}, not {kind}",
                    ).format(where=where, value=i + 1, value2=j + 1, what=what, kind=kind),
                    field="inline",
                )
    try:
        return np.asarray(values)
    except (ValueError, TypeError) as exc:
        raise DataError(
            translate(
                "Data",
                "{where} is not a rectangular table of values ({exc})",
            ).format(where=where, exc=exc),
            field="inline",
        ) from None
