"""CSV import: header and delimiter detection, column roles, numeric and categorical columns.

Rows are streamed with the csv module into per-column arrays (8 bytes a numeric cell, a small code
for a categorical one), so a file is never held as a list of strings. Every refusal names the
file, the line and the column. A ``progress`` callback hears the fraction of the file read after
each chunk; whatever it raises (a cancelled import) ends the read.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

import numpy as np

from netbuilder.engine.data.csv_inputs import plan_inputs, raw_table
from netbuilder.engine.data.errors import DataError
from netbuilder.engine.data.files import check_data_file
from netbuilder.engine.data.preprocess import Table, Targets, encode_targets
from netbuilder.model.errors import message_of
from netbuilder.model.i18n import translate

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

MAX_CSV_BYTES = 256 * 1024 * 1024  # larger files belong in .npz
MAX_CATEGORIES = 1000  # more distinct values than this is an id column, not a category
CHUNK_ROWS = 4096  # rows parsed together
SAMPLE_ROWS = 200  # rows read ahead to decide the header and the column kinds
MISSING = frozenset({"", "na", "n/a", "nan", "null", "none", "?"})
DELIMITERS = ",;\t|"

Column = int | str


@dataclass
class _Reader:
    """Numbered, non-blank records of one open file; wraps csv errors with the line number."""

    name: str
    records: CsvReader

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        while True:
            try:
                row = next(self.records)
            except StopIteration:
                return
            except csv.Error as exc:
                raise self.error(
                    translate("Data", "cannot be read as CSV ({reason})").format(reason=str(exc)),
                    self.records.line_num,
                ) from None
            except UnicodeDecodeError:
                raise self.error(
                    translate("Data", "is not UTF-8 text"), self.records.line_num + 1
                ) from None
            if row:  # the csv module gives [] for a blank line
                yield self.records.line_num, row

    def error(self, message: str, line: int, column: str | None = None) -> DataError:
        text = (
            translate("Data", "{file}, line {line}, column '{column}': {message}")
            if column
            else translate("Data", "{file}, line {line}: {message}")
        )
        return DataError(
            text.format(file=self.name, line=line, column=column, message=message),
            path=self.name,
            line=line,
            column=column,
        )


def read_csv(
    path: str | Path,
    target: Column = -1,
    features: Sequence[Column] | None = None,
    categorical: Sequence[Column] | None = None,
    delimiter: str | None = None,
    header: bool | str = "auto",
    task: str = "auto",
    progress: Callable[[float], None] | None = None,
    text: Any = None,
    ids: Any = None,
    inputs: Any = None,
) -> Table:
    """Read a CSV file into float32 features and encoded targets.

    ``target`` is a column name or 0-based index (negative counts from the end); ``features``
    defaults to every other column. Text columns (and those listed in ``categorical``) are one-hot
    encoded as ``name=value`` features; a text target becomes class indices. ``delimiter`` and
    ``header`` are detected when None / "auto". ``text``, ``ids`` and ``inputs`` (see
    ``csv_inputs``) give a table of raw named inputs (``Table.inputs``), fitted after the split.
    """
    path = Path(path)
    name = path.name
    if header not in ("auto", True, False):
        raise DataError(
            translate("Data", 'header must be true, false or "auto"; got {value}').format(
                value=repr(header)
            ),
            field="header",
        )
    if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter) != 1):
        raise DataError(
            translate("Data", "delimiter must be one character; got {value}").format(
                value=repr(delimiter)
            ),
            field="delimiter",
        )
    for role, cols in (("features", features), ("categorical", categorical)):
        if cols is not None and not isinstance(cols, (list, tuple)):
            raise DataError(
                translate(
                    "Data", "{role} must be a list of column names or indices; got {value}"
                ).format(role=role, value=repr(cols)),
                field=role,
            )
    check_data_file(path, "CSV file")
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise DataError(
            translate(
                "Data",
                "{file} is {size} MiB; CSV files over {most} MiB are refused (save the arrays "
                "as .npz)",
            ).format(file=name, size=f"{size / 2**20:.0f}", most=MAX_CSV_BYTES // 2**20),
            path=str(path),
        )
    with path.open(newline="", encoding="utf-8-sig", errors="strict") as fh:
        try:
            head = fh.read(64 * 1024)
        except UnicodeDecodeError:
            raise DataError(
                translate("Data", "{file} is not UTF-8 text").format(file=name), path=str(path)
            ) from None
        if not head.strip():
            raise DataError(
                translate("Data", "{file} is empty").format(file=name), path=str(path), line=1
            )
        delim = delimiter or _sniff(head)
        fh.seek(0)
        reader = _Reader(name, csv.reader(fh, delimiter=delim))
        tick = None
        if progress is not None:
            raw = cast(BinaryIO, fh.buffer)  # a BufferedReader: its tell() works while we iterate

            def tick() -> None:
                progress(min(raw.tell() / size, 1.0))

        shape = {"text": text, "ids": ids, "inputs": inputs}
        return _read(reader, target, features, categorical, header, task, tick, shape)


def _read(
    reader: _Reader,
    target: Column,
    features: Sequence[Column] | None,
    categorical: Sequence[Column] | None,
    header: bool | str,
    task: str,
    tick: Callable[[], None] | None = None,
    shape: dict[str, Any] | None = None,
) -> Table:
    rows = iter(reader)
    ahead = list(islice(rows, SAMPLE_ROWS + 1))
    if not ahead:
        raise DataError(
            translate("Data", "{file} is empty").format(file=reader.name), path=reader.name, line=1
        )
    first_line, first = ahead[0]
    n_cols = len(first)
    has_header = (
        _looks_like_header(first, [r for _, r in ahead[1:]]) if header == "auto" else header
    )
    if has_header:
        names = [cell.strip() or f"col{j + 1}" for j, cell in enumerate(first)]
        _check_unique(names, reader, first_line)
        ahead = ahead[1:]
        if not ahead:
            raise reader.error(translate("Data", "has a header but no data rows"), first_line)
    else:
        names = [f"col{j + 1}" for j in range(n_cols)]
    t = _column_index(target, names, "target", reader.name)
    chosen = None
    if features is not None:
        chosen = [_column_index(c, names, "feature", reader.name) for c in features]
        if t in chosen:
            raise DataError(
                translate(
                    "Data", "column '{column}' of {file} cannot be both the target and a feature"
                ).format(column=names[t], file=reader.name),
                path=reader.name,
                column=names[t],
            )
    options = shape or {}
    plan = plan_inputs(
        names,
        t,
        chosen,
        options.get("text"),
        options.get("ids"),
        options.get("inputs"),
        lambda message, column: reader.error(message, first_line, column),
    )
    if plan is not None:
        feats = plan.features
    else:
        feats = chosen if chosen is not None else [j for j in range(n_cols) if j != t]
    if not feats:
        raise DataError(
            translate("Data", "{file} has no feature columns besides the target").format(
                file=reader.name
            ),
            path=reader.name,
        )
    forced = {_column_index(c, names, "categorical", reader.name) for c in categorical or ()}
    raw = plan.raw_columns if plan else frozenset()
    used = sorted((set(feats) | {t}) - raw)
    numeric = {j: j not in forced and _mostly_numeric([r for _, r in ahead], j) for j in used}
    columns = _Columns(reader, names, n_cols, first_line, numeric, t, tick, raw)
    for line, row in chain(ahead, rows):
        columns.add(line, row)
    if plan is not None:
        return raw_table(plan, columns, columns.targets(task), reader.name)
    return columns.table(feats, task)


class _Columns:
    """Per-column storage, filled a chunk of rows at a time (vectorised number parsing; a chunk
    that fails is rescanned cell by cell to name the first bad cell)."""

    def __init__(
        self,
        reader: _Reader,
        names: list[str],
        n_cols: int,
        first_line: int,
        numeric: dict[int, bool],
        target: int,
        tick: Callable[[], None] | None = None,
        raw: frozenset[int] = frozenset(),
    ) -> None:
        self.reader, self.names, self.n_cols, self.first_line = reader, names, n_cols, first_line
        self.numeric, self.target, self.tick = numeric, target, tick
        self.values: dict[int, list[np.ndarray]] = {j: [] for j, num in numeric.items() if num}
        self.codes: dict[int, list[np.ndarray]] = {j: [] for j, n in numeric.items() if not n}
        self.levels: dict[int, dict[str, int]] = {j: {} for j in self.codes}
        self.strings: dict[int, list[str]] = {j: [] for j in raw}  # text and id cells, as read
        self.target_is_int = True
        self.rows: list[list[str]] = []
        self.lines: list[int] = []

    def add(self, line: int, row: list[str]) -> None:
        if len(row) != self.n_cols:
            raise self.reader.error(
                translate(
                    "Data", "has {count} fields, expected {want} (as on line {first})"
                ).format(count=len(row), want=self.n_cols, first=self.first_line),
                line,
            )
        self.rows.append(row)
        self.lines.append(line)
        if len(self.rows) >= CHUNK_ROWS:
            self.flush()

    def flush(self) -> None:
        problems: list[tuple[int, int, str]] = []  # (row in chunk, column, message)
        for j, store in self.values.items():
            cells = [r[j] for r in self.rows]
            try:
                values = np.array(cells, dtype=np.float64)
                ok = bool(np.isfinite(values).all())
            except ValueError:
                ok = False
            if not ok:
                problems.append(_first_bad_number(cells, j))
                continue
            if j == self.target and self.target_is_int:
                self.target_is_int = not any(("." in c or "e" in c or "E" in c) for c in cells)
            store.append(values)
        for j, store in self.codes.items():
            cells = [r[j].strip() for r in self.rows]
            bad = next((i for i, c in enumerate(cells) if c.lower() in MISSING), None)
            if bad is not None:
                problems.append((bad, j, translate("Data", "missing value")))
                continue
            levels = self.levels[j]
            codes = np.fromiter(
                (levels.setdefault(c, len(levels)) for c in cells), dtype=np.int64, count=len(cells)
            )
            if len(levels) > MAX_CATEGORIES and j != self.target:
                problems.append(
                    (
                        int(np.argmax(codes >= MAX_CATEGORIES)),
                        j,
                        translate(
                            "Data",
                            "more than {most} distinct values in a category column; is it an id "
                            "or free text? List it in dataset.options.ids or text, or leave it "
                            "out of the features",
                        ).format(most=MAX_CATEGORIES),
                    )
                )
            store.append(codes)
        for j, texts in self.strings.items():
            cells = [r[j] for r in self.rows]
            bad = next((i for i, c in enumerate(cells) if not c.strip()), None)
            if bad is not None:
                problems.append(
                    (bad, j, translate("Data", "empty cell; a text or id column needs every row"))
                )
                continue
            texts.extend(cells)
        if problems:
            i, j, message = min(problems)
            raise self.reader.error(message, self.lines[i], self.names[j])
        self.rows, self.lines = [], []
        if self.tick is not None:
            self.tick()

    def features(self, feats: Sequence[int]) -> tuple[np.ndarray, tuple[str, ...], tuple[int, ...]]:
        """float32 [N, k] of numeric and one-hot columns, their names, the one-hot indices."""
        blocks: list[np.ndarray] = []
        names: list[str] = []
        onehot: list[int] = []
        for j in feats:
            if self.numeric[j]:
                blocks.append(np.concatenate(self.values[j])[:, None])
                names.append(self.names[j])
                continue
            levels = sorted(self.levels[j])
            rank = {v: i for i, v in enumerate(levels)}
            remap = np.array([rank[v] for v in self.levels[j]], dtype=np.int64)
            codes = remap[np.concatenate(self.codes[j])]
            start = sum(b.shape[1] for b in blocks)
            blocks.append(np.eye(len(levels), dtype=np.float32)[codes])
            names.extend(f"{self.names[j]}={v}" for v in levels)
            onehot.extend(range(start, start + len(levels)))
        x = np.concatenate([b.astype(np.float32) for b in blocks], axis=1)
        return x, tuple(names), tuple(onehot)

    def table(self, feats: list[int], task: str) -> Table:
        targets = self.targets(task)
        x, names, onehot = self.features(feats)
        return Table(
            x=x,
            targets=targets,
            feature_names=names,
            categorical=onehot,
            source=self.reader.name,
        )

    def targets(self, task: str) -> Targets:
        """The target column encoded (reads the last chunk first)."""
        self.flush()
        t = self.target
        tname = self.names[t]
        if self.numeric[t]:
            y = np.concatenate(self.values[t])
            y = y.astype(np.int64) if self.target_is_int else y
        else:
            labels = np.array(list(self.levels[t]))
            y = labels[np.concatenate(self.codes[t])]
        where = translate("Data", "target column '{column}' of {file}").format(
            column=tname, file=self.reader.name
        )
        try:
            return encode_targets(y, task, where=where, target_names=(tname,))
        except DataError as exc:
            raise DataError(message_of(exc), path=self.reader.name, column=tname) from None


def _sniff(text: str) -> str:
    sample = text[: text.rfind("\n") + 1] or text  # a cut-off last line confuses the sniffer
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


def _first_bad_number(cells: list[str], j: int) -> tuple[int, int, str]:
    for i, raw in enumerate(cells):
        cell = raw.strip()
        if cell.lower() in MISSING:
            return i, j, translate("Data", "missing value")
        try:
            value = float(cell)
        except ValueError:
            return (
                i,
                j,
                translate("Data", "{cell} is not a number, but the column is numeric").format(
                    cell=repr(cell)
                ),
            )
        if not math.isfinite(value):
            return i, j, translate("Data", "{cell} is not a finite number").format(cell=repr(cell))
    raise AssertionError("no bad cell in a chunk that failed to parse")


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _mostly_numeric(rows: list[list[str]], j: int) -> bool:
    """A column is numeric when most non-missing cells of the first rows parse as numbers; the
    odd one out then gets a precise error instead of silently turning the column into text."""
    cells = [r[j].strip() for r in rows if j < len(r) and r[j].strip().lower() not in MISSING]
    numbers = sum(_is_number(c) for c in cells)
    return numbers >= len(cells) - numbers


def _looks_like_header(first: list[str], rest: list[list[str]]) -> bool:
    """A header has text above a numeric column, or text that never recurs in its text column."""
    text_cols = [j for j, cell in enumerate(first) if not _is_number(cell.strip())]
    if not text_cols:
        return False
    if not rest:
        return True
    for j in text_cols:
        if _mostly_numeric(rest, j) and any(j < len(r) and _is_number(r[j]) for r in rest):
            return True
    if len(text_cols) == len(first):
        return all(
            first[j].strip() not in {r[j].strip() for r in rest if j < len(r)} for j in text_cols
        )
    return False


def _check_unique(names: list[str], reader: _Reader, line: int) -> None:
    seen: dict[str, int] = {}
    for j, n in enumerate(names):
        if n in seen:
            raise reader.error(
                translate(
                    "Data",
                    "column name '{name}' appears twice in the header (columns {first} and "
                    "{second})",
                ).format(name=n, first=seen[n] + 1, second=j + 1),
                line,
                n,
            )
        seen[n] = j


def _column_index(col: Column, names: list[str], role: str, file: str) -> int:
    if isinstance(col, bool) or not isinstance(col, (int, str)):
        raise DataError(
            translate("Data", "{role} column must be a name or an index; got {value}").format(
                role=role, value=repr(col)
            ),
            field=role,
        )
    if isinstance(col, int):
        if -len(names) <= col < len(names):
            return col % len(names)
        raise DataError(
            translate(
                "Data",
                "{role} column index {index} is out of range; {file} has {count} columns "
                "(indices start at 0)",
            ).format(role=role, index=col, file=file, count=len(names)),
            path=file,
            field=role,
        )
    if col in names:
        return names.index(col)
    raise DataError(
        translate(
            "Data", "unknown {role} column '{column}' in {file}; its columns are: {names}"
        ).format(role=role, column=col, file=file, names=", ".join(names)),
        path=file,
        column=col,
        field=role,
    )
