"""What a data path is, said plainly: a missing file, a folder, a FIFO or a device is refused by
name before anything opens it (opening a FIFO blocks; reading /dev/zero never ends)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from netbuilder.engine.data.errors import DataError
from netbuilder.model.i18n import QT_TRANSLATE_NOOP, Text, translate

_KINDS = (
    (stat.S_ISDIR, QT_TRANSLATE_NOOP("Data", "a folder")),
    (stat.S_ISFIFO, QT_TRANSLATE_NOOP("Data", "a FIFO (named pipe)")),
    (stat.S_ISCHR, QT_TRANSLATE_NOOP("Data", "a character device")),
    (stat.S_ISBLK, QT_TRANSLATE_NOOP("Data", "a block device")),
    (stat.S_ISSOCK, QT_TRANSLATE_NOOP("Data", "a socket")),
)


# The ``what`` of the readers (the window may pass a Text of its own).
_WHAT = (
    QT_TRANSLATE_NOOP("Data", "dataset file"),
    QT_TRANSLATE_NOOP("Data", "CSV file"),
    QT_TRANSLATE_NOOP("Data", "NPZ file"),
)


def file_problem(path: Path, what: str = "dataset file") -> str | None:
    """Why ``path`` cannot be read as a data file (one line), or None for a regular file."""
    if not isinstance(what, Text):
        what = Text("Data", what)
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return translate("Data", "{what} {path} is a broken link (to {target})").format(
                what=what, path=path, target=os.readlink(path)
            )
        return translate("Data", "{what} not found: {path}").format(what=what, path=path)
    except OSError as exc:
        return translate("Data", "{what} {path} cannot be read ({reason})").format(
            what=what, path=path, reason=exc.strerror or type(exc).__name__
        )
    if stat.S_ISREG(st.st_mode):
        return None
    kind = next(
        (name for test, name in _KINDS if test(st.st_mode)), QT_TRANSLATE_NOOP("Data", "not a file")
    )
    if path.is_symlink():
        return translate(
            "Data", "{what} {path} (a link to {target}) is {kind}, not a regular file"
        ).format(what=what, path=path, target=os.path.realpath(path), kind=Text("Data", kind))
    return translate("Data", "{what} {path} is {kind}, not a regular file").format(
        what=what, path=path, kind=Text("Data", kind)
    )


def check_data_file(path: Path, what: str = "dataset file", hint: str = "") -> None:
    """Raise DataError naming what ``path`` is unless it is a regular file; ``hint`` (a
    parenthesis saying where the path comes from) follows the reason."""
    problem = file_problem(path, what)
    if problem is not None:
        raise DataError(
            translate("Data", "{problem} {hint}").format(problem=problem, hint=hint)
            if hint
            else problem,
            path=str(path),
            field="path",
        )
