"""Atomic file replacement: readers see the old file or the new one, never a mix.

The bytes go to a temp file in the target's folder, are flushed and fsynced, and replace the
target with ``os.replace``. Three details, each from a measured failure (issue 12):

- The temp name carries the writer's pid (``.name.nbproj.<pid>-<hex>.tmp``). A kill during
  save leaves it behind (87 kills left 2.4 GB); the next save of the same target removes the
  temp files whose writer is dead, so a concurrent writer's file is never touched.
- Saving over a symlink writes through it, as Qt's QSaveFile does: the link stays a link and
  its target gets the new content (``os.replace`` on the link itself replaced the link).
- Permissions of the file being replaced are kept.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import time
from pathlib import Path

from netbuilder.io.errors import ProjectFileError
from netbuilder.model.i18n import translate

#: A temp file without a pid in its name (written before pids were recorded) counts as
#: stale once it is this old: no save takes that long between two writes to its file.
STALE_SECONDS = 10.0
#: A temp file whose pid is alive is still removed past this age (the pid was reused).
ORPHAN_SECONDS = 3600.0


def temp_name(target: Path) -> Path:
    return target.parent / f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp"


def _temp_pattern(target: Path) -> re.Pattern[str]:
    return re.compile(rf"^\.{re.escape(target.name)}\.(?:(\d+)-)?[0-9a-f]{{8}}\.tmp$")


def write_target(path: Path) -> Path:
    """The file a save of ``path`` really writes: a symlink's target (followed to the end)."""
    if os.path.islink(path):
        return Path(os.path.realpath(path))
    return path


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` (or the file it links to) with ``data`` all at once.

    On any failure the original is untouched and the temp file is removed.
    """
    target = write_target(path)
    folder = target.parent
    remove_stale_temps(target)
    tmp = temp_name(target)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = None
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as exc:
        raise ProjectFileError(
            translate("ProjectFile", "cannot write in {folder} ({reason})").format(
                folder=folder, reason=os_reason(exc)
            ),
            path=path,
        ) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise ProjectFileError(
                translate("ProjectFile", "cannot save ({reason})").format(reason=os_reason(exc)),
                path=path,
            ) from exc
        raise
    _fsync_folder(folder)


def stale_temps(target: Path, *, now: float | None = None) -> list[Path]:
    """Temp files left by interrupted saves of ``target`` that no live writer owns."""
    pattern = _temp_pattern(target)
    now = time.time() if now is None else now
    found = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if not match:
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        pid = int(match.group(1)) if match.group(1) else None
        if pid is None:
            stale = age > STALE_SECONDS
        elif pid == os.getpid():
            stale = False  # another thread of this process may be writing it right now
        else:
            stale = not process_alive(pid) or age > ORPHAN_SECONDS
        if stale:
            found.append(Path(entry.path))
    return found


def remove_stale_temps(target: Path) -> int:
    """Remove ``stale_temps(target)``; returns how many went. Never raises."""
    removed = 0
    for tmp in stale_temps(target):
        try:
            os.unlink(tmp)
            removed += 1
        except OSError:
            pass
    return removed


def process_alive(pid: int) -> bool:
    """Whether a process ``pid`` runs (a temp file's or a recovery file's writer)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill would terminate it there: trust the age rule instead
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except (OSError, OverflowError):
        return False
    return True


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (POSIX)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def os_reason(exc: OSError) -> str:
    """An OS error in a few words (its strerror), for one-line messages."""
    return exc.strerror or exc.__class__.__name__
