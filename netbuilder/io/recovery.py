"""Recovery files: what autosave writes while a project has unsaved changes, and finds again.

One session (a window of one running process) writes ``<session>.nbproj`` (the project with its
results, written by ``save_project``, so atomically) and ``<session>.meta.json`` beside it (where
the project came from, when it was written, by which version). The metadata is written first:
a kill between the two writes leaves metadata without a project (nothing to offer, removed on
the next look) rather than a project that cannot say where it belongs. Whether the session that
wrote a file is still running is the window's business (a lock file); this module only reads and
writes the files. No Qt, no torch.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netbuilder import __version__
from netbuilder.io.atomic import atomic_write, process_alive, remove_stale_temps
from netbuilder.io.container import MAX_JSON_MEMBER_BYTES
from netbuilder.io.errors import ProjectFileError
from netbuilder.io.jsonio import dump_json, parse_json
from netbuilder.io.project_file import project_from_dict, save_project
from netbuilder.model.i18n import translate

PROJECT_SUFFIX = ".nbproj"
META_SUFFIX = ".meta.json"
_TEMP = re.compile(r"^\.(recovery-[0-9]+-[0-9a-f]+)\.(?:nbproj|meta\.json)\.[0-9]+-[0-9a-f]+\.tmp$")
DAMAGED_SUFFIX = ".damaged"
PREFIX = "recovery-"


@dataclass(frozen=True)
class RecoveryEntry:
    """One recovery file found on disk, with what its metadata says."""

    session: str
    folder: Path
    original: Path | None  # the project's own file; None for an untitled project
    base_dir: Path | None  # where its relative data paths point (an example's folder)
    written: float  # time.time() when it was written
    app_version: str
    pid: int
    # The original's file was saved (by another window, or after a Later) since this copy was
    # written: recovering over it would undo that save.
    original_changed: bool = False

    @property
    def project_path(self) -> Path:
        return self.folder / f"{self.session}{PROJECT_SUFFIX}"

    @property
    def meta_path(self) -> Path:
        return self.folder / f"{self.session}{META_SUFFIX}"

    @property
    def title(self) -> str:
        """What the question calls it: the file's name, or "untitled project"."""
        return self.original.name if self.original is not None else "untitled project"


def new_session_name() -> str:
    """A name no other window of this or another process uses (pid and a random part)."""
    return f"{PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}"


def write_recovery(
    folder: Path,
    session: str,
    document: dict[str, Any],
    results: dict[str, Any],
    *,
    original: Path | None,
    base_dir: Path | None,
) -> Path:
    """Write the project ``document`` (``project_to_dict``'s form) with ``results``
    (``save_project`` keywords) as ``session``'s recovery file; returns its path.

    Runs off the GUI thread: ``document`` must be the caller's own copy.
    """
    folder.mkdir(parents=True, exist_ok=True)
    meta = {
        "original": str(original) if original is not None else None,
        "base_dir": str(base_dir) if base_dir is not None else None,
        "written": time.time(),
        "app_version": __version__,
        "pid": os.getpid(),
        "original_stamp": file_stamp(original),
    }
    target = folder / f"{session}{PROJECT_SUFFIX}"
    atomic_write(folder / f"{session}{META_SUFFIX}", dump_json(meta))
    project, _warnings = project_from_dict(document, source=str(target))
    return save_project(target, project, **results)


def file_stamp(path: Path | None) -> list[int] | None:
    """[mtime in ns, size] of ``path``, or None when there is no such file."""
    if path is None:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size]


def remove_recovery(folder: Path, session: str) -> None:
    """Delete ``session``'s files (those that exist)."""
    for suffix in (PROJECT_SUFFIX, META_SUFFIX):
        try:
            (folder / f"{session}{suffix}").unlink(missing_ok=True)
        except OSError:
            pass  # a file we cannot delete is found, and offered, on the next start


def move_aside(folder: Path, session: str) -> list[Path]:
    """Rename ``session``'s files to ``*.damaged`` so they are never offered again, but kept
    for whoever wants to look at them; returns the new paths."""
    moved = []
    for suffix in (PROJECT_SUFFIX, META_SUFFIX):
        path = folder / f"{session}{suffix}"
        if path.exists():
            aside = path.with_name(path.name + DAMAGED_SUFFIX)
            try:
                os.replace(path, aside)
                moved.append(aside)
            except OSError:
                pass
    return moved


def find_recoveries(folder: Path) -> tuple[list[RecoveryEntry], list[str]]:
    """The recovery files in ``folder``, newest first, and one line for each damaged one
    (moved aside). Metadata whose project was never written is removed quietly."""
    entries: list[RecoveryEntry] = []
    problems: list[str] = []
    if not folder.is_dir():
        return entries, problems
    # Temp files of a write killed midway (a full copy of the weights each): every session
    # has its own names, so no later save of the same target would ever remove them.
    temps = (_TEMP.match(p.name) for p in folder.glob(f".{PREFIX}*.tmp"))
    for session in {m.group(1) for m in temps if m}:
        for suffix in (PROJECT_SUFFIX, META_SUFFIX):
            remove_stale_temps(folder / f"{session}{suffix}")  # a live writer's stay
    sessions = {
        p.name.removesuffix(suffix)
        for suffix in (PROJECT_SUFFIX, META_SUFFIX)
        for p in folder.glob(f"{PREFIX}*{suffix}")
    }
    for session in sorted(sessions):
        meta_path = folder / f"{session}{META_SUFFIX}"
        has_project = (folder / f"{session}{PROJECT_SUFFIX}").is_file()
        if not has_project:
            # Killed before its first project was written, or another window writing it right
            # now (its metadata goes first): only a dead writer's is removed.
            if not process_alive(_session_pid(session)):
                remove_recovery(folder, session)
            continue
        try:
            entries.append(_read_meta(folder, session, meta_path))
        except ProjectFileError as exc:
            move_aside(folder, session)
            problems.append(f"Recovery file {session}{PROJECT_SUFFIX} set aside: {exc}")
    entries.sort(key=lambda e: e.written, reverse=True)
    return entries, problems


def _session_pid(session: str) -> int:
    """The pid in a session's name (``recovery-<pid>-<hex>``), or 0."""
    parts = session.removeprefix(PREFIX).split("-", 1)
    return int(parts[0]) if parts[0].isdigit() else 0


def _read_meta(folder: Path, session: str, path: Path) -> RecoveryEntry:
    if not path.exists():
        raise ProjectFileError(
            translate("Recovery", "it has no metadata (where it came from, when)"), path=path
        )
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_JSON_MEMBER_BYTES + 1)
    except OSError as exc:
        raise ProjectFileError(
            translate("Recovery", "its metadata cannot be read ({reason})").format(
                reason=exc.strerror or str(exc)
            ),
            path=path,
        ) from None
    if len(raw) > MAX_JSON_MEMBER_BYTES:
        raise ProjectFileError(translate("Recovery", "its metadata is too large"), path=path)
    meta = parse_json(raw, path=str(path))
    if not isinstance(meta, dict):
        raise ProjectFileError(
            translate("Recovery", "its metadata is not a JSON object"), path=path
        )
    written, pid = meta.get("written"), meta.get("pid")
    original, base_dir = meta.get("original"), meta.get("base_dir")
    if not isinstance(written, (int, float)) or isinstance(written, bool):
        raise ProjectFileError(
            translate("Recovery", "its metadata has no time"), path=path, field="written"
        )
    if not isinstance(pid, int) or isinstance(pid, bool):
        raise ProjectFileError(
            translate("Recovery", "its metadata has no process id"), path=path, field="pid"
        )
    for key, value in (("original", original), ("base_dir", base_dir)):
        if value is not None and not isinstance(value, str):
            raise ProjectFileError(translate("Recovery", "not a path"), path=path, field=key)
    version = meta.get("app_version")
    stamp = meta.get("original_stamp")
    changed = (
        isinstance(original, str)
        and bool(original)
        and isinstance(stamp, list)
        and stamp != file_stamp(Path(original))
    )
    return RecoveryEntry(
        session=session,
        folder=folder,
        original=Path(original) if original else None,
        base_dir=Path(base_dir) if base_dir else None,
        written=float(written),
        app_version=version if isinstance(version, str) else "",
        pid=pid,
        original_changed=changed,
    )
