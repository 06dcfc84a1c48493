"""``netbuilder --install-desktop`` / ``--uninstall-desktop``: the launcher entry, icons, MIME
type and AppStream metainfo, for the current user under ``$XDG_DATA_HOME``."""

from __future__ import annotations

import configparser
import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from netbuilder.cli import desktop, main
from netbuilder.io.identity import APP_ID, ICON_SIZES, METAINFO, PROJECT_MIME_TYPE

ROOT = Path(__file__).resolve().parents[2]
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"

EXPECTED = {
    "applications/netbuilder.desktop",
    "mime/packages/netbuilder.xml",
    f"metainfo/{APP_ID}.metainfo.xml",
    "icons/hicolor/scalable/apps/netbuilder.svg",
    "icons/hicolor/scalable/mimetypes/application-x-netbuilder-project.svg",
} | {
    f"icons/hicolor/{s}x{s}/{context}/{name}.png"
    for s in ICON_SIZES
    for context, name in (("apps", "netbuilder"), ("mimetypes", "application-x-netbuilder-project"))
}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


def _ours(home: Path) -> set[str]:
    """Files under ``home`` but the caches update-mime-database and update-desktop-database
    write, and the install's record of what it wrote."""
    return {
        p.relative_to(home).as_posix()
        for p in home.rglob("*")
        if p.is_file()
        and (p.parent.name == "packages" or p.parts[len(home.parts)] != "mime")
        and p.name != "mimeinfo.cache"
        and p != home / desktop.MANIFEST
    }


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_install_writes_every_file_and_names_each(home: Path, capsys) -> None:
    assert main(["--install-desktop"]) == 0
    assert _ours(home) == EXPECTED
    said = capsys.readouterr().out.splitlines()
    assert {line.removeprefix("wrote ") for line in said if line.startswith("wrote ")} == {
        str(home / rel) for rel in EXPECTED
    }
    for rel in EXPECTED:
        if rel.endswith(".png"):
            size = int(rel.split("/")[2].split("x")[0])
            assert _png_size(home / rel) == (size, size), rel
        elif rel.endswith(".svg"):
            assert ET.parse(home / rel).getroot().tag == "{http://www.w3.org/2000/svg}svg"


def test_the_launcher_opens_files_with_this_installation(home: Path) -> None:
    assert main(["--install-desktop"]) == 0
    ini = configparser.ConfigParser(interpolation=None)
    ini.optionxform = str  # type: ignore[assignment,method-assign]
    ini.read(home / "applications" / "netbuilder.desktop", encoding="utf-8")
    entry = ini["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Icon"] == "netbuilder"
    assert PROJECT_MIME_TYPE in entry["MimeType"].split(";")
    # One main category (desktop-file-validate hints at more: the menu would list it twice).
    assert entry["Categories"] == "Science;ArtificialIntelligence;"
    program, *rest = entry["Exec"].split(" ")
    assert rest[-1] == "%f"
    assert Path(program).is_absolute() and os.access(program, os.X_OK)
    assert Path(program).name == "netbuilder" or rest[:-1] == ["-m", "netbuilder"]


def test_the_mime_type_and_metainfo_say_what_they_should(home: Path) -> None:
    assert main(["--install-desktop"]) == 0
    mime = ET.parse(home / "mime" / "packages" / "netbuilder.xml").getroot()
    (kind,) = mime.findall(f"{MIME_NS}mime-type")
    assert kind.get("type") == PROJECT_MIME_TYPE
    assert [g.get("pattern") for g in kind.findall(f"{MIME_NS}glob")] == ["*.nbproj"]
    assert kind.find(f"{MIME_NS}icon").get("name") == "application-x-netbuilder-project"  # type: ignore[union-attr]

    meta = ET.parse(home / "metainfo" / METAINFO).getroot()
    assert meta.get("type") == "desktop-application"
    assert meta.findtext("id") == APP_ID
    assert meta.findtext("launchable") == "netbuilder.desktop"
    assert meta.findtext("provides/binary") == "netbuilder"
    assert meta.findtext("provides/mediatype") == PROJECT_MIME_TYPE
    assert meta.findtext("project_license") == "MIT"
    assert meta.findtext("summary") and meta.find("description/p") is not None
    assert meta.find("content_rating") is not None


@pytest.mark.skipif(shutil.which("update-mime-database") is None, reason="no shared-mime-info")
def test_the_mime_database_learns_the_nbproj_glob(home: Path, capsys) -> None:
    assert main(["--install-desktop"]) == 0
    assert f"ran: update-mime-database {home / 'mime'}" in capsys.readouterr().out
    globs = (home / "mime" / "globs2").read_text(encoding="utf-8").splitlines()
    assert any(line.endswith(f":{PROJECT_MIME_TYPE}:*.nbproj") for line in globs), globs


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli not installed")
def test_appstreamcli_validates_the_metainfo(home: Path) -> None:
    assert main(["--install-desktop"]) == 0
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(home / "metainfo" / METAINFO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-validate not installed"
)
def test_desktop_file_validate_accepts_the_entry(home: Path) -> None:
    assert main(["--install-desktop"]) == 0
    done = subprocess.run(
        ["desktop-file-validate", str(home / "applications" / "netbuilder.desktop")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_uninstall_removes_exactly_what_install_wrote(home: Path, capsys) -> None:
    assert main(["--install-desktop"]) == 0
    neighbours = [home / "applications" / "other.desktop", home / "icons/hicolor/16x16/apps/x.png"]
    for path in neighbours:
        path.write_text("someone else's", encoding="utf-8")
    capsys.readouterr()
    assert main(["--uninstall-desktop"]) == 0
    assert _ours(home) == {p.relative_to(home).as_posix() for p in neighbours}
    said = capsys.readouterr().out.splitlines()
    assert {line.removeprefix("removed ") for line in said if line.startswith("removed ")} == {
        str(home / rel) for rel in EXPECTED
    }
    assert main(["--uninstall-desktop"]) == 0  # again: nothing left to remove, and it says so
    assert f"nothing to remove under {home}" in capsys.readouterr().out
    assert not (home / desktop.MANIFEST).exists()


def test_install_records_what_it_wrote(home: Path) -> None:
    assert main(["--install-desktop"]) == 0
    recorded = desktop.read_manifest(home)
    assert {p.relative_to(home).as_posix() for p in recorded} == EXPECTED
    launcher = home / "applications" / "netbuilder.desktop"
    assert recorded[launcher] == hashlib.sha256(launcher.read_bytes()).hexdigest()


def test_uninstall_removes_a_recorded_file_todays_install_would_not_write(home: Path) -> None:
    assert main(["--install-desktop"]) == 0
    retired = home / "icons/hicolor/22x22/apps/netbuilder.png"  # an earlier version's size
    retired.parent.mkdir(parents=True)
    retired.write_bytes(b"an old icon")
    kept = home / "icons/hicolor/22x22/apps/other.png"
    kept.write_bytes(b"someone else's")
    manifest = json.loads((home / desktop.MANIFEST).read_text(encoding="utf-8"))
    manifest["files"][retired.relative_to(home).as_posix()] = hashlib.sha256(
        b"an old icon"
    ).hexdigest()
    (home / desktop.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    assert main(["--uninstall-desktop"]) == 0
    assert _ours(home) == {"icons/hicolor/22x22/apps/other.png"}


def _record(home: Path, rel: str, data: bytes) -> None:
    manifest = json.loads((home / desktop.MANIFEST).read_text(encoding="utf-8"))
    manifest["files"][rel] = hashlib.sha256(data).hexdigest()
    (home / desktop.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def test_an_upgrade_keeps_the_record_of_an_earlier_versions_files(home: Path) -> None:
    assert main(["--install-desktop"]) == 0
    retired = home / "icons/hicolor/22x22/apps/netbuilder.png"
    retired.parent.mkdir(parents=True)
    retired.write_bytes(b"an old icon")
    _record(home, retired.relative_to(home).as_posix(), b"an old icon")
    assert main(["--install-desktop"]) == 0  # today's install does not write it
    assert retired in desktop.read_manifest(home)
    assert main(["--uninstall-desktop"]) == 0
    assert not retired.exists()


def test_a_record_outside_the_install_folders_is_ignored(home: Path) -> None:
    assert main(["--install-desktop"]) == 0
    for rel in ("Trash/files/netbuilder-notes.txt", "applications/important.txt"):
        victim = home / rel
        victim.parent.mkdir(parents=True, exist_ok=True)
        victim.write_bytes(b"mine")
        _record(home, rel, b"mine")
    outside = home.parent / "outside-netbuilder.png"
    outside.write_bytes(b"mine")
    (home / "icons" / "linked").symlink_to(home.parent, target_is_directory=True)
    _record(home, "icons/linked/outside-netbuilder.png", b"mine")
    assert main(["--uninstall-desktop"]) == 0
    assert (home / "Trash/files/netbuilder-notes.txt").read_bytes() == b"mine"
    assert (home / "applications/important.txt").read_bytes() == b"mine"
    assert outside.read_bytes() == b"mine"


def test_uninstall_leaves_a_file_edited_since_and_says_why(home: Path, capsys) -> None:
    assert main(["--install-desktop"]) == 0
    launcher = home / "applications" / "netbuilder.desktop"
    edited = launcher.read_text(encoding="utf-8").replace("Terminal=false", "Terminal=true")
    launcher.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    assert main(["--uninstall-desktop"]) == 0
    assert _ours(home) == {"applications/netbuilder.desktop"}
    assert launcher.read_text(encoding="utf-8") == edited
    said = capsys.readouterr().out
    assert f"left {launcher}: changed since netbuilder wrote it" in said
    assert f"removed {home / 'mime/packages/netbuilder.xml'}" in said


def test_uninstall_leaves_files_netbuilder_never_wrote(home: Path, capsys) -> None:
    # No install record: a file counts as netbuilder's only if it holds what install writes.
    mime = home / "mime" / "packages" / "netbuilder.xml"
    mime.parent.mkdir(parents=True)
    mime.write_text("<mime-info>another program's</mime-info>", encoding="utf-8")
    icon = home / "icons/hicolor/scalable/apps/netbuilder.svg"
    icon.parent.mkdir(parents=True)
    shutil.copyfile(ROOT / "resources/icons/netbuilder.svg", icon)  # the same bytes: ours
    # A launcher another netbuilder installation wrote: only its Exec line differs.
    launcher = home / "applications" / "netbuilder.desktop"
    launcher.parent.mkdir(parents=True)
    launcher.write_text(desktop.desktop_entry(["/opt/other/netbuilder"]), encoding="utf-8")
    assert main(["--uninstall-desktop"]) == 0
    assert _ours(home) == {"mime/packages/netbuilder.xml"}
    said = capsys.readouterr().out
    assert f"left {mime}: not written by netbuilder" in said
    assert f"removed {icon}" in said and f"removed {launcher}" in said


def test_install_again_replaces_its_own_files_and_leaves_edited_ones(home: Path, capsys) -> None:
    assert main(["--install-desktop"]) == 0
    assert main(["--install-desktop"]) == 0  # over the first: every file written again
    capsys.readouterr()
    mime = home / "mime" / "packages" / "netbuilder.xml"
    mime.write_text("<mime-info>mine now</mime-info>", encoding="utf-8")
    assert main(["--install-desktop"]) == 0
    said = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"left {mime}: changed since netbuilder wrote it") for line in said)
    wrote = {line.removeprefix("wrote ") for line in said if line.startswith("wrote ")}
    assert wrote == {str(home / rel) for rel in EXPECTED} - {str(mime)}
    assert mime.read_text(encoding="utf-8") == "<mime-info>mine now</mime-info>"
    assert home / "mime/packages/netbuilder.xml" not in desktop.read_manifest(home)


def test_exec_quotes_what_the_spec_asks() -> None:
    entry = desktop.desktop_entry(["/opt/my apps/py$thon", "-m", "netbuilder"])
    assert 'Exec="/opt/my apps/py\\\\$thon" -m netbuilder %f\n' in entry
    assert desktop.exec_argument("/a/100%/b") == "/a/100%%/b"
    assert desktop.exec_argument("/usr/bin/netbuilder") == "/usr/bin/netbuilder"


def test_without_a_script_the_launcher_runs_the_module(tmp_path, monkeypatch) -> None:
    # Even with a netbuilder on PATH: it may be another installation.
    monkeypatch.setattr(sys, "executable", str(tmp_path / "bin" / "python"))
    monkeypatch.setattr(shutil, "which", lambda _name: "/usr/bin/netbuilder")
    assert desktop.launch_command() == [str(tmp_path / "bin" / "python"), "-m", "netbuilder"]


def test_data_home_follows_xdg_and_ignores_a_relative_one() -> None:
    assert desktop.data_home({"XDG_DATA_HOME": "/srv/share"}) == Path("/srv/share")
    default = Path.home() / ".local" / "share"
    assert desktop.data_home({"XDG_DATA_HOME": "relative"}) == default
    assert desktop.data_home({}) == default


def test_a_file_with_install_is_refused(home: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--install-desktop", "net.nbproj"])
    assert exit_.value.code == 2 and not home.exists()
    assert "take no FILE" in capsys.readouterr().err


def test_install_imports_no_qt(tmp_path: Path) -> None:
    code = (
        "import sys; from netbuilder.cli import main; rc = main(['--install-desktop']); "
        "print('qt' if any(m.startswith('PySide6') for m in sys.modules) else 'no qt'); "
        "sys.exit(rc)"
    )
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "share"))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "no qt"
    assert (tmp_path / "share" / "applications" / "netbuilder.desktop").is_file()
