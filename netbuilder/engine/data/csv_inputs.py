"""The CSV options that shape a file's inputs: text columns, id columns and named groups.

``{"text": {"review": {...}}, "ids": ["user_id"], "inputs": {"user": ["user_id"], ...}}``

- ``text``: text columns -> tokeniser settings (``TextOptions``); their cells are kept as strings
  and tokenised after the split, so the vocabulary sees the training split only;
- ``ids``: id columns, kept as strings and indexed after the split (0: an id never seen in
  training);
- ``inputs``: named groups of columns, each one text column, one id column, or numeric and
  categorical columns. Without ``inputs`` the features make one input, ``x``; when that is exactly
  one text (or id) column the dataset is a one-input text (ids) dataset.

``plan_inputs`` checks the options against the header and says which columns go where; every
refusal names the file, the header line and the column. Numpy only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from netbuilder.engine.data.errors import DataError
from netbuilder.engine.data.preprocess import Table, Targets
from netbuilder.engine.data.raw import RawInput
from netbuilder.engine.data.text import TextOptions
from netbuilder.model.i18n import translate

__all__ = ["Group", "InputPlan", "plan_inputs", "raw_table"]

ErrorAt = Callable[[str, str | None], DataError]  # (message, column) -> error at the header


@dataclass(frozen=True)
class Group:
    """One input: its name, its kind (features, ids or text) and its column indices."""

    name: str
    kind: str
    columns: tuple[int, ...]


@dataclass(frozen=True)
class InputPlan:
    """Where the columns go. ``named``: the groups came from the ``inputs`` option (the dataset's
    x arrays are then tuples, one per group)."""

    groups: tuple[Group, ...]
    text: dict[int, TextOptions] = field(default_factory=dict)
    ids: frozenset[int] = frozenset()
    named: bool = False

    @property
    def raw_columns(self) -> frozenset[int]:
        """Columns kept as strings."""
        return frozenset(self.text) | self.ids

    @property
    def features(self) -> list[int]:
        return [j for g in self.groups for j in g.columns]


def plan_inputs(
    names: list[str],
    target: int,
    features: list[int] | None,
    text: Any,
    ids: Any,
    inputs: Any,
    error: ErrorAt,
) -> InputPlan | None:
    """The plan for ``text`` / ``ids`` / ``inputs`` (None when none is given: plain features).
    ``features`` are the resolved ``features`` option (None: every column but the target)."""
    if text is None and ids is None and inputs is None:
        return None

    def index(col: Any, role: str) -> int:
        if isinstance(col, bool) or not isinstance(col, (str, int)):
            raise DataError(
                translate(
                    "Data",
                    "dataset.options.{role} names columns; got {col}",
                ).format(role=role, col=repr(col)),
                field=role,
            )
        if isinstance(col, int):
            if not -len(names) <= col < len(names):
                raise error(
                    translate(
                        "Data",
                        "column index {col} (in dataset.options.{role}) is out of range",
                    ).format(col=col, role=role),
                    None,
                )
            j = col % len(names)
        elif col in names:
            j = names.index(col)
        else:
            raise error(
                translate(
                    "Data",
                    "no column '{col}' (named in dataset.options.{role}); its columns are: {names}",
                ).format(col=col, role=role, names=", ".join(names)),
                col,
            )
        if j == target:
            raise error(
                translate(
                    "Data",
                    "the target column cannot also be in dataset.options.{role}",
                ).format(role=role),
                names[j],
            )
        return j

    texts = _text_columns(text, index)
    id_cols = _id_columns(ids, index)
    both = set(texts) & id_cols
    if both:
        raise error(
            translate(
                "Data",
                "a column cannot be both text and an id",
            ),
            names[min(both)],
        )
    raw = set(texts) | id_cols
    if inputs is not None:
        if features is not None:
            raise DataError(
                translate(
                    "Data",
                    "dataset.options has both features and inputs; inputs name every column used",
                ),
                field="inputs",
            )
        groups = _named_groups(inputs, index, names, texts, id_cols, error)
    else:
        feats = features if features is not None else [j for j in range(len(names)) if j != target]
        if not feats:
            raise error(
                translate(
                    "Data",
                    "there are no feature columns besides the target",
                ),
                None,
            )
        in_raw = [j for j in feats if j in raw]
        if in_raw and len(feats) > 1:
            raise error(
                translate(
                    "Data",
                    "a text or id column is an input of its own; name the inputs with "
                    'dataset.options.inputs (e.g. {{"inputs": {{"words": [...], "numbers": '
                    "[...]}}}})",
                ),
                names[in_raw[0]],
            )
        groups = (Group("x", _kind(feats, texts, id_cols), tuple(feats)),)
    used = {j for g in groups for j in g.columns}
    unused = sorted(raw - used)
    if unused:
        where = "inputs" if inputs is not None else "features"
        raise error(
            translate(
                "Data",
                "this text / id column is in none of the {where}",
            ).format(where=where),
            names[unused[0]],
        )
    return InputPlan(groups, texts, frozenset(id_cols), named=inputs is not None)


class ReadColumns(Protocol):
    """What the CSV reader hands over once every row is read."""

    names: list[str]
    strings: dict[int, list[str]]

    def features(
        self, feats: Sequence[int]
    ) -> tuple[np.ndarray, tuple[str, ...], tuple[int, ...]]: ...


def raw_table(plan: InputPlan, columns: ReadColumns, targets: Targets, source: str) -> Table:
    """A table of raw inputs, one per group of ``plan`` (see ``raw``)."""
    inputs = []
    for group in plan.groups:
        if group.kind == "features":
            values, names, onehot = columns.features(group.columns)
            inputs.append(RawInput(group.name, "features", values, names, onehot))
            continue
        (j,) = group.columns
        strings = columns.strings[j]
        if group.kind == "ids":
            strings = [c.strip() for c in strings]
        cells = np.empty(len(strings), dtype=object)  # not fixed-width: one long text is one
        cells[:] = strings
        options = plan.text.get(j) if group.kind == "text" else None
        inputs.append(RawInput(group.name, group.kind, cells, (columns.names[j],), text=options))
    n = len(targets.y)
    return Table(
        x=np.zeros((n, 0), dtype=np.float32),
        targets=targets,
        feature_names=tuple(c for i in inputs for c in i.columns),
        source=source,
        inputs=tuple(inputs),
        named_inputs=plan.named,
    )


def _text_columns(text: Any, index: Callable[[Any, str], int]) -> dict[int, TextOptions]:
    if text is None:
        return {}
    if isinstance(text, list):  # a list of columns: every setting at its default
        text = {c: {} for c in text} if all(isinstance(c, str) for c in text) else text
    if not isinstance(text, dict):
        raise DataError(
            translate(
                "Data",
                "dataset.options.text must map text columns to tokeniser settings "
                '(e.g. {{"review": {{"max_length": 40}}}})',
            ),
            field="text",
        )
    return {
        index(col, "text"): TextOptions.from_dict(settings or {}, f"dataset.options.text.{col}")
        for col, settings in text.items()
    }


def _id_columns(ids: Any, index: Callable[[Any, str], int]) -> set[int]:
    if ids is None:
        return set()
    if not isinstance(ids, list):
        raise DataError(
            translate(
                "Data",
                "dataset.options.ids must be a list of id columns; got {ids}",
            ).format(ids=repr(ids)),
            field="ids",
        )
    return {index(col, "ids") for col in ids}


def _named_groups(
    inputs: Any,
    index: Callable[[Any, str], int],
    names: list[str],
    texts: dict[int, TextOptions],
    id_cols: set[int],
    error: ErrorAt,
) -> tuple[Group, ...]:
    raw = set(texts) | id_cols
    if not isinstance(inputs, dict) or not inputs:
        raise DataError(
            translate(
                "Data",
                "dataset.options.inputs must map input names to lists of columns (e.g. "
                '{{"user": ["user_id"], "extra": ["age"]}})',
            ),
            field="inputs",
        )
    owner: dict[int, str] = {}
    groups = []
    for name, cols in inputs.items():
        where = f"inputs.{name}"
        if not isinstance(name, str) or not name.strip():
            raise DataError(
                translate(
                    "Data",
                    "dataset.options.inputs: an input name is empty",
                ),
                field="inputs",
            )
        if not isinstance(cols, list) or not cols:
            raise DataError(
                translate(
                    "Data",
                    "dataset.options.{where} must be a non-empty list of columns; got {cols}",
                ).format(where=where, cols=repr(cols)),
                field=where,
            )
        js = [index(c, where) for c in cols]
        for j in js:
            if j in owner:
                first = f"input '{owner[j]}'" if owner[j] != name else "it"
                raise error(
                    translate(
                        "Data",
                        "dataset.options.{where} names this column twice (also in {first})",
                    ).format(where=where, first=first),
                    names[j],
                )
            owner[j] = name
        mixed = [j for j in js if j in raw]
        if mixed and len(js) > 1:
            raise error(
                translate(
                    "Data",
                    "dataset.options.{where} mixes a text or id column with other columns; "
                    "a text or id column is an input of its own",
                ).format(where=where),
                names[mixed[0]],
            )
        groups.append(Group(name, _kind(js, texts, id_cols), tuple(js)))
    return tuple(groups)


def _kind(cols: list[int], texts: dict[int, TextOptions], ids: set[int]) -> str:
    if len(cols) == 1 and cols[0] in texts:
        return "text"
    if len(cols) == 1 and cols[0] in ids:
        return "ids"
    return "features"
