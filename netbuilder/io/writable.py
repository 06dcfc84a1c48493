"""Whether a folder can hold the files netbuilder writes there (logs, recovery files): tried
by making it and writing a file in it, not read from permission bits, which root ignores."""

from __future__ import annotations

import tempfile
from pathlib import Path

from netbuilder.model.i18n import translate


def folder_problem(folder: Path) -> str | None:
    """Why files cannot be written in ``folder`` (made here when missing), or None when they
    can. Nothing is left behind but the folder."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return translate("Writable", "cannot create the folder {folder} ({reason})").format(
            folder=folder, reason=exc.strerror or exc
        )
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return translate("Writable", "cannot write to {path} ({reason})").format(
            path=folder, reason=exc.strerror or exc
        )
    return None


def file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be appended to (its folder is made here), or None when it can."""
    problem = folder_problem(path.parent)
    if problem is not None or not path.exists():
        return problem
    try:
        with path.open("a", encoding="utf-8"):
            pass
    except OSError as exc:
        return translate("Writable", "cannot write to {path} ({reason})").format(
            path=path, reason=exc.strerror or exc
        )
    return None
