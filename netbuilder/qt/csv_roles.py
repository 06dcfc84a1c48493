"""The role of each column of a CSV being imported, and the binding options the roles make.

Roles: ``feature`` (numbers, or categories one-hot encoded), ``text`` (tokenised: a level and a
maximum length), ``id`` (category indices for an Embedding), ``target`` (exactly one) and
``ignore``. Columns in the same input group feed one Input node; a text or id column is a group
of its own. ``binding_options`` writes what ``engine/data/datasets.py`` reads (issue 13, spec 2):
``target``, ``features`` (only when a column is ignored and there is one group), ``text``,
``ids`` and ``inputs`` (only when there are several groups; they name every column used).
No Qt here: the table in ``csv_columns.py`` edits these rows.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netbuilder.model.i18n import translate

ROLES = ("feature", "text", "id", "target", "ignore")
TEXT_LEVELS = ("word", "char")
DEFAULT_MAX_LENGTH = 64
FEATURES_GROUP = "features"
SAMPLE_ROWS = 200
_ID_NAME = re.compile(r"(^|[_\s-])(id|Id|ID)$|[a-z]Id$")  # id, user_id, item ID, userId


@dataclass
class ColumnRole:
    name: str
    role: str = "feature"
    group: str = ""  # "" = the default: the column's name (text, id) or "features"
    level: str = "word"
    max_length: int = DEFAULT_MAX_LENGTH

    @property
    def input_group(self) -> str:
        if self.group.strip():
            return self.group.strip()
        return self.name if self.role in ("text", "id") else FEATURES_GROUP


class RolesError(ValueError):
    """Roles that cannot make a dataset; the message names the column or group."""


def _numeric(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


def read_sample(path: Path, limit: int = SAMPLE_ROWS) -> tuple[list[str], list[list[str]]]:
    """The header and up to ``limit`` rows of a CSV (for guessing roles; never the whole file)."""
    with path.open(newline="", encoding="utf-8-sig", errors="replace") as fh:
        head = fh.read(256 * 1024)
    lines = head.splitlines()[: limit + 1]
    try:
        dialect: Any = csv.Sniffer().sniff(head[: 64 * 1024], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(lines, dialect))
    if not rows:
        return [], []
    return [c.strip() for c in rows[0]], rows[1:]


def guess_roles(
    names: list[str], rows: list[list[str]], target: str | None = None
) -> list[ColumnRole]:
    """A role per column from a sample: the last column (or ``target``) is the target; a column
    of words (3+ words or 25+ characters on average) is text; a column named like an id (id,
    user_id, userId) holding whole numbers or short labels is an id; anything else a feature."""
    target = target if target in names else (names[-1] if names else None)
    out = []
    for i, name in enumerate(names):
        cells = [row[i].strip() for row in rows if i < len(row) and row[i].strip()]
        role = "feature"
        if name == target:
            role = "target"
        elif cells and not all(_numeric(c) for c in cells):
            words = sum(len(c.split()) for c in cells) / len(cells)
            chars = sum(len(c) for c in cells) / len(cells)
            if words >= 3 or chars >= 25:
                role = "text"
            elif _ID_NAME.search(name):
                role = "id"
        elif cells and _ID_NAME.search(name) and all(float(c).is_integer() for c in cells):
            role = "id"
        out.append(ColumnRole(name, role))
    return out


def has_special_columns(roles: list[ColumnRole]) -> bool:
    """Whether the import should show the column table (a text or id column was guessed)."""
    return any(r.role in ("text", "id") for r in roles)


def binding_options(roles: list[ColumnRole]) -> dict[str, Any]:
    """The CSV binding's options for these roles; RolesError names what cannot work."""
    targets = [r.name for r in roles if r.role == "target"]
    if len(targets) != 1:
        if targets:
            raise RolesError(
                translate("CsvRoles", "choose exactly one target column (now: {columns})").format(
                    columns=", ".join(targets)
                )
            )
        raise RolesError(
            translate("CsvRoles", "choose exactly one target column (the column to predict)")
        )
    used = [r for r in roles if r.role in ("feature", "text", "id")]
    if not used:
        raise RolesError(
            translate("CsvRoles", "choose at least one input column (feature, text or id)")
        )
    options: dict[str, Any] = {"target": targets[0]}
    if any(r.role == "ignore" for r in roles):
        options["features"] = [r.name for r in used]
    text = {
        r.name: {"level": r.level, "max_length": int(r.max_length)}
        for r in used
        if r.role == "text"
    }
    if text:
        options["text"] = text
    ids = [r.name for r in used if r.role == "id"]
    if ids:
        options["ids"] = ids
    groups: dict[str, list[ColumnRole]] = {}
    for r in used:
        groups.setdefault(r.input_group, []).append(r)
    for group, members in groups.items():
        special = [m for m in members if m.role in ("text", "id")]
        if special and len(members) > 1:
            raise RolesError(
                translate(
                    "CsvRoles",
                    "input group '{group}' mixes the {role} column '{column}' with other columns; "
                    "a text or id column is an input of its own",
                ).format(group=group, role=special[0].role, column=special[0].name)
            )
    if len(groups) > 1:  # the inputs name every column used: no features list beside them
        options.pop("features", None)
        options["inputs"] = {g: [m.name for m in members] for g, members in groups.items()}
    return options
