"""The bundle's scripts without building a bundle (``tests/test_bundle.py`` builds one, slow):
where ``build_bundle.py`` writes by default, and the entry script's ``NETBUILDER_QUIT_AFTER_MS``
run from source (the same code the frozen program runs)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENTRY = ROOT / "packaging" / "netbuilder_entry.py"
sys.path.insert(0, str(ROOT / "packaging"))
import build_bundle  # noqa: E402 - packaging/ is no package


def test_the_default_output_is_this_checkouts_ignored_dist_folder() -> None:
    out = build_bundle.parse_args([]).out
    assert out == build_bundle.default_out() == ROOT / "packaging" / "dist"
    assert build_bundle.parse_args(["--out", "/srv/b"]).out == Path("/srv/b")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", str(out / "dist" / "netbuilder" / "netbuilder")],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
    )
    assert ignored.returncode == 0, "packaging/dist is not git-ignored"


def _window(tmp_path: Path, limit_ms: str) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        NETBUILDER_DATA_DIR=str(tmp_path / "data"),
        NETBUILDER_LOG_DIR=str(tmp_path / "logs"),
        NETBUILDER_QUIT_AFTER_MS=limit_ms,
    )
    env.pop("NETBUILDER_EXIT_AFTER_PAINT", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, str(ENTRY)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_window_quits_once_painted_and_torch_loaded(tmp_path: Path) -> None:
    done = _window(tmp_path, "600000")  # the limit is far beyond the subprocess's timeout
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ready: painted, torch loaded" in done.stdout, done.stdout + done.stderr
    assert "language: en)" in done.stdout, done.stdout  # the tests' NETBUILDER_LANGUAGE
    assert "Traceback" not in done.stderr, done.stderr


def test_the_limit_quits_a_window_not_ready_with_a_failure(tmp_path: Path) -> None:
    done = _window(tmp_path, "1")  # far less than importing torch takes
    assert done.returncode == 3, done.stdout + done.stderr
    assert "the window was not ready after 1 ms" in done.stderr
    assert "ready:" not in done.stdout
