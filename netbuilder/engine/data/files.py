"""What a data path is, said plainly: a missing file, a folder, a FIFO or a device is refused by
name before anything opens it (opening a FIFO blocks; reading /dev/zero never ends)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from netbuilder.engine.data.errors import DataError

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def file_problem(path: Path, what: str = "dataset file") -> str | None:
    """Why ``path`` cannot be read as a data file (one line), or None for a regular file."""
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return f"{what} {path} is a broken link (to {os.readlink(path)})"
        return f"{what} not found: {path}"
    except OSError as exc:
        return f"{what} {path} cannot be read ({exc.strerror or type(exc).__name__})"
    if stat.S_ISREG(st.st_mode):
        return None
    kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a file")
    link = f" (a link to {os.path.realpath(path)})" if path.is_symlink() else ""
    return f"{what} {path}{link} is {kind}, not a regular file"


def check_data_file(path: Path, what: str = "dataset file", hint: str = "") -> None:
    """Raise DataError naming what ``path`` is unless it is a regular file."""
    problem = file_problem(path, what)
    if problem is not None:
        raise DataError(problem + hint, path=str(path), field="path")
