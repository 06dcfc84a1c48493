"""``netbuilder --install-desktop``: the launcher entry, icons, MIME type and AppStream metainfo
for the current user, under ``$XDG_DATA_HOME`` (default ``~/.local/share``).

No Qt: the files are copied from the package (``netbuilder.io.identity``). The launcher's
``Exec`` line names this installation's ``netbuilder`` script by its absolute path (or
``python -m netbuilder`` when there is no script), so the menu opens the same netbuilder that
installed it. ``--uninstall-desktop`` removes exactly the files an install writes.
"""

from __future__ import annotations

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


def install(home: Path, say: Callable[[str], None] = print) -> list[Path]:
    """Write the identity files under ``home``; says and returns each path written."""
    written = []
    for item in planned_files(home):
        item.target.parent.mkdir(parents=True, exist_ok=True)
        if item.text is not None:
            item.target.write_text(item.text, encoding="utf-8")
        else:
            shutil.copyfile(item.source, item.target)
        say(f"wrote {item.target}")
        written.append(item.target)
    _refresh(home, say)
    return written


def uninstall(home: Path, say: Callable[[str], None] = print) -> list[Path]:
    """Remove the files an install writes (only those; folders stay); says and returns each."""
    removed = []
    for item in planned_files(home, command=["netbuilder"]):
        if item.target.is_file():
            item.target.unlink()
            say(f"removed {item.target}")
            removed.append(item.target)
    if not removed:
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
