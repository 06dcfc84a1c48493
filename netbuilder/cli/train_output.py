"""Where ``netbuilder train --out`` writes, checked before training and rescued after it.

A run used to be lost when ``--out`` named a folder, a read-only or immutable folder or
``/proc``: the save failed only after training. ``check_out`` tries the target folder for real
(creates and removes a temporary file) before the first step; ``save_result`` writes the result,
and when that still fails writes it next to the target under another name, or in the current
folder, or in the temporary folder, and says where.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from netbuilder.io.atomic import write_target
from netbuilder.model.errors import NetbuilderError

if TYPE_CHECKING:
    from netbuilder.engine.training.session import SessionResult
    from netbuilder.io import LoadedProject


class OutError(NetbuilderError):
    """``--out`` cannot be written."""


def check_out(out: str) -> None:
    """Raise ``OutError`` (one line naming the path and why) if ``out`` cannot be saved."""
    path = Path(out)
    if path.is_dir():
        raise OutError(f"--out {out} is a folder; name a .nbproj file")
    if path.suffix.lower() != ".nbproj":
        # A .json document cannot hold the trained weights.
        raise OutError(f"--out {out}: the trained project is saved as .nbproj")
    # Where the save writes: through a link, the folder of the file it points to.
    path = write_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutError(f"--out {out}: folder {folder} does not exist")
    if path.exists() and not path.is_file():
        raise OutError(f"--out {out} is not a regular file")
    reason = _write_probe(folder)
    if reason is not None:
        raise OutError(f"--out {out}: cannot write in folder {folder} ({reason})")


def _write_probe(folder: Path) -> str | None:
    """Why a file cannot be created and removed in ``folder``, or None when it can."""
    try:
        fd, name = tempfile.mkstemp(prefix=".netbuilder-write-check-", dir=folder)
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    try:
        os.close(fd)
        os.remove(name)
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return None


def save_result(out: str, loaded: LoadedProject, result: SessionResult) -> tuple[Path, str | None]:
    """(where the result went, why ``out`` itself failed or None). Raises ``OutError`` only
    when no place at all could be written."""
    from netbuilder.io import save_project

    members = result.project_results(loaded.results).members()
    try:
        return save_project(out, loaded.project, **members), None
    except (NetbuilderError, OSError) as exc:
        failure = str(exc)
    if "checkpoint" in members and "project files are at most" in failure:
        # Too big with the resumable state (the optimizer's moments double the weights): the
        # trained weights and history, without it, are what matter.
        members = {k: v for k, v in members.items() if not k.startswith("checkpoint")}
        try:
            save_project(out, loaded.project, **members)
            return Path(out), f"{failure}; saved without the checkpoint (it cannot be resumed)"
        except (NetbuilderError, OSError) as exc:
            failure = str(exc)
    target = Path(out)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    name = f"{target.stem}.unsaved-{stamp}-{os.getpid()}.nbproj"
    for folder in (target.parent, Path.cwd(), Path(tempfile.gettempdir())):
        try:
            return save_project(folder / name, loaded.project, **members), failure
        except (NetbuilderError, OSError):
            continue
    raise OutError(f"{failure}; no other place could be written either: the result is lost")
