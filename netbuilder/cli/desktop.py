"""``netbuilder --install-desktop``: the launcher entry, icons, MIME type and AppStream metainfo
for the current user, under ``$XDG_DATA_HOME`` (default ``~/.local/share``).

No Qt: the files are copied from the package (``netbuilder.io.identity``). The launcher's
``Exec`` line names this installation's ``netbuilder`` script by its absolute path (or
``python -m netbuilder`` when there is no script), so the menu opens the same netbuilder that
installed it.

An install records each file it wrote, with its SHA-256, in ``netbuilder/desktop-files.json``
under the same folder. ``--uninstall-desktop`` removes a file only while it still holds what
netbuilder wrote (recorded there, or, without a record, what an install would write now, the
launcher's ``Exec`` line aside); anything else at those paths (another program's file, one the
user edited) is left where it is, and the command says which and why. An install replaces its
own earlier files the same way and leaves anyone else's.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from netbuilder.io.identity import (
    APP_ICON,
    DESKTOP_ENTRY,
    ICON_SIZES,
    METAINFO,
    MIME_ICON,
    MIME_XML,
    desktop_dir,
    icon_png,
    icons_dir,
)

#: The install's record of what it wrote, relative to the data folder.
MANIFEST = Path("netbuilder") / "desktop-files.json"
MANIFEST_FORMAT = 1

#: Characters that make the desktop entry spec quote an ``Exec`` argument.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


@dataclass(frozen=True)
class Planned:
    """One file an install writes: copied from ``source``, or ``text`` when given."""

    target: Path
    source: Path
    text: str | None = None


def data_home(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME`` when set to an absolute path (the spec ignores others), else
    ``~/.local/share``."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    return Path(value) if value and os.path.isabs(value) else Path.home() / ".local" / "share"


def launch_command() -> list[str]:
    """How a launcher starts this installation: its ``netbuilder`` script beside the
    interpreter, else the interpreter with ``-m netbuilder`` (never a ``netbuilder`` found on
    PATH: that may be another installation, another version)."""
    beside = Path(sys.executable).parent / "netbuilder"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "netbuilder"]


def exec_argument(arg: str) -> str:
    """One argument as an ``Exec`` value holds it: quoted when the spec asks, ``%`` doubled,
    and backslashes escaped once more as a desktop-entry string."""
    if any(c in _RESERVED for c in arg):
        arg = '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'
    return arg.replace("%", "%%").replace("\\", "\\\\")


def desktop_entry(command: Sequence[str]) -> str:
    """The packaged launcher entry with its ``Exec`` line running ``command`` on a file."""
    text = (desktop_dir() / DESKTOP_ENTRY).read_text(encoding="utf-8")
    line = "Exec=" + " ".join(exec_argument(a) for a in command) + " %f"
    text, count = re.subn(r"(?m)^Exec=.*$", lambda _m: line, text)
    if count != 1:
        raise ValueError(f"{DESKTOP_ENTRY}: expected one Exec line, found {count}")
    return text


def planned_files(home: Path, command: Sequence[str] | None = None) -> list[Planned]:
    """Every file an install writes under ``home``, in the order it writes them."""
    icons, desk = icons_dir(), desktop_dir()
    hicolor = home / "icons" / "hicolor"
    plan = [
        Planned(
            home / "applications" / DESKTOP_ENTRY,
            desk / DESKTOP_ENTRY,
            desktop_entry(command if command is not None else launch_command()),
        ),
        Planned(home / "mime" / "packages" / MIME_XML, desk / MIME_XML),
        Planned(home / "metainfo" / METAINFO, desk / METAINFO),
    ]
    for name, context in ((APP_ICON, "apps"), (MIME_ICON, "mimetypes")):
        for size in ICON_SIZES:
            target = hicolor / f"{size}x{size}" / context / f"{name}.png"
            plan.append(Planned(target, icon_png(name, size)))
        plan.append(Planned(hicolor / "scalable" / context / f"{name}.svg", icons / f"{name}.svg"))
    return plan


def _refresh(home: Path, say: Callable[[str], None]) -> None:
    """Rebuild the MIME and launcher caches, with the tools the desktop has (if any)."""
    for tool, folder in (
        ("update-mime-database", home / "mime"),
        ("update-desktop-database", home / "applications"),
    ):
        exe = shutil.which(tool)
        if exe is None or not folder.is_dir():
            continue
        done = subprocess.run(
            [exe, str(folder)], capture_output=True, text=True, timeout=120, check=False
        )
        state = "ran" if done.returncode == 0 else f"failed (exit {done.returncode})"
        say(f"{state}: {tool} {folder}")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _content(item: Planned) -> bytes:
    return item.text.encode("utf-8") if item.text is not None else item.source.read_bytes()


def _without_exec(data: bytes) -> bytes:
    """A launcher entry with its ``Exec`` line blanked: each installation writes its own."""
    return re.sub(rb"(?m)^Exec=.*$", b"Exec=", data)


def read_manifest(home: Path) -> dict[Path, str]:
    """{file: SHA-256 written} from the install's record; empty when there is none or it is
    not understood (then files count as netbuilder's only when they hold what it writes)."""
    try:
        data = json.loads((home / MANIFEST).read_text(encoding="utf-8"))
        files = data["files"] if data.get("format") == MANIFEST_FORMAT else {}
        return {
            home / rel: str(digest)
            for rel, digest in files.items()
            if isinstance(rel, str) and _ours_to_record(home, rel)
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


# The folders an install writes into, under the data home; a record naming anything else (an
# edited or crafted manifest) is ignored, so uninstall can never remove another file.
RECORDED_FOLDERS = ("applications", "mime", "metainfo", "icons")


def _ours_to_record(home: Path, rel: str) -> bool:
    """Whether ``rel`` may be in the record: relative, inside one of ``RECORDED_FOLDERS``, named
    for netbuilder, and still under ``home`` once links are followed."""
    path = Path(rel)
    if path.is_absolute() or ".." in path.parts or len(path.parts) < 2:
        return False
    if path.parts[0] not in RECORDED_FOLDERS or "netbuilder" not in path.name:
        return False
    try:
        return (home / path).resolve().is_relative_to(home.resolve())
    except (OSError, RuntimeError):
        return False


def _write_manifest(home: Path, files: dict[Path, str]) -> Path:
    path = home / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "format": MANIFEST_FORMAT,
        "files": {p.relative_to(home).as_posix(): d for p, d in sorted(files.items())},
    }
    path.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return path


def whose(item: Planned, recorded: dict[Path, str]) -> str | None:
    """None when ``item.target`` is absent or netbuilder's own (free to replace or remove),
    else why it is someone else's."""
    try:
        data = item.target.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    digest = recorded.get(item.target)
    if digest is not None:
        return None if _digest(data) == digest else "changed since netbuilder wrote it"
    if item.text is not None:
        ours = _without_exec(data) == _without_exec(_content(item))
    else:
        ours = data == _content(item)
    return None if ours else "not written by netbuilder"


def install(home: Path, say: Callable[[str], None] = print) -> list[Path]:
    """Write the identity files under ``home``; says and returns each path written. A file
    at one of those paths that netbuilder did not write (or that was edited since) is left,
    and said."""
    recorded = read_manifest(home)
    written: dict[Path, str] = {}
    for item in planned_files(home):
        reason = whose(item, recorded)
        if reason is not None:
            say(f"left {item.target}: {reason} (remove it and install again to replace it)")
            continue
        item.target.parent.mkdir(parents=True, exist_ok=True)
        data = _content(item)
        item.target.write_bytes(data)
        say(f"wrote {item.target}")
        written[item.target] = _digest(data)
    # Files an earlier install (another version) wrote and this one does not: still recorded
    # while they hold what was written, so that uninstall removes them too.
    planned = {item.target for item in planned_files(home, command=["netbuilder"])}
    kept = {
        path: digest
        for path, digest in recorded.items()
        if path not in planned and path.is_file() and _digest(path.read_bytes()) == digest
    }
    say(f"recorded what was written in {_write_manifest(home, {**kept, **written})}")
    _refresh(home, say)
    return list(written)


def uninstall(home: Path, say: Callable[[str], None] = print) -> list[Path]:
    """Remove the files an install wrote that still hold what it wrote (only those; folders
    stay); says and returns each removed, and says each left and why."""
    recorded = read_manifest(home)
    removed, left = [], 0
    plan = planned_files(home, command=["netbuilder"])
    planned = {item.target for item in plan}
    # Recorded by an install whose plan differed (another version): its digest decides.
    plan += [Planned(path, path) for path in recorded if path not in planned]
    for item in plan:
        if not item.target.is_file():
            continue
        reason = whose(item, recorded)
        if reason is not None:
            say(f"left {item.target}: {reason}")
            left += 1
            continue
        item.target.unlink()
        say(f"removed {item.target}")
        removed.append(item.target)
    manifest = home / MANIFEST
    if manifest.is_file():
        manifest.unlink()
        try:
            manifest.parent.rmdir()  # only when empty: it is also the app's data folder
        except OSError:
            pass
    if not removed and not left:
        say(f"nothing to remove under {home}")
    _refresh(home, say)
    return removed


def run(uninstalling: bool = False) -> int:
    home = data_home()
    try:
        (uninstall if uninstalling else install)(home)
    except OSError as exc:
        what = "uninstall" if uninstalling else "install"
        print(f"netbuilder: could not {what} the desktop files: {exc}", file=sys.stderr)
        return 1
    return 0
