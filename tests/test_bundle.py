"""The frozen desktop bundle (``packaging/``): built with PyInstaller, its ``netbuilder`` runs
``check``, ``train`` and ``export`` and opens the window with a clean environment (no Python
on PATH, no PYTHONPATH). Slow: the build takes minutes (``pytest -m slow tests/test_bundle.py``).

``NETBUILDER_BUNDLE_OUT`` names the build folder to use (and keep); else a temporary one.
"""

from __future__ import annotations

import faulthandler
import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
import build_bundle  # noqa: E402 - packaging/ is no package

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None, reason="PyInstaller is not installed"
    ),
]

EXAMPLE = "resources/examples/moons_mlp.json"  # inside the bundle, beside its package


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The bundle's folder, built once; prints the build's measured lines."""
    faulthandler.cancel_dump_traceback_later()  # the build takes minutes, not a hang
    out = Path(os.environ.get("NETBUILDER_BUNDLE_OUT") or tmp_path_factory.mktemp("bundle"))
    done = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build_bundle.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    for line in done.stdout.splitlines():
        if line.startswith(("bundle_mb:", "bundle_startup_s:")):
            print(line)
    assert "bundle_mb: " in done.stdout
    assert "bundle_startup_s: " in done.stdout
    yield out


def bundled(out: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    home = out / "home"
    home.mkdir(exist_ok=True)
    base = build_bundle.clean_env(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        NETBUILDER_DATA_DIR=str(home / "data"),
        NETBUILDER_LOG_DIR=str(home / "logs"),
    )
    return subprocess.run(
        [str(build_bundle.executable(out)), *args],
        env={**base, **env},
        cwd=home.parent,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def example(out: Path) -> str:
    internal = build_bundle.executable(out).parent / "_internal"
    if sys.platform == "darwin":
        internal = build_bundle.bundle_dir(out) / "Contents" / "Resources"
    path = internal / EXAMPLE
    assert path.is_file(), path
    return str(path)


def test_version(bundle: Path) -> None:
    done = bundled(bundle, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("netbuilder ")


def test_check_an_example(bundle: Path) -> None:
    done = bundled(bundle, "check", example(bundle))
    assert done.returncode == 0, done.stdout + done.stderr


def test_train_then_export(bundle: Path, tmp_path: Path) -> None:
    trained = tmp_path / "trained.nbproj"
    done = bundled(bundle, "train", example(bundle), "--epochs", "1", "--out", str(trained))
    assert done.returncode == 0, done.stdout + done.stderr
    assert trained.is_file()
    formats = ("python", "py"), ("safetensors", "safetensors"), ("pt2", "pt2"), ("onnx", "onnx")
    for fmt, suffix in formats:
        name = f"net.{suffix}"
        done = bundled(bundle, "export", str(trained), "-f", fmt, "-o", str(tmp_path / name))
        assert done.returncode == 0, f"{fmt}: {done.stdout}{done.stderr}"
        assert (tmp_path / name).is_file(), fmt


def test_window_opens_and_quits(bundle: Path) -> None:
    """The window offscreen until it has painted and torch has loaded in the background, then
    it quits (the limit is only an upper bound): exit 0 and nothing warned or raised."""
    done = bundled(bundle, NETBUILDER_QUIT_AFTER_MS="300000")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ready: painted, torch loaded" in done.stdout, done.stdout
    assert "Warning" not in done.stderr, done.stderr
    assert "Traceback" not in done.stderr, done.stderr


def test_window_speaks_chinese(bundle: Path) -> None:
    """The compiled catalogue ships in the bundle (and Qt's own for its dialogs)."""
    done = bundled(bundle, NETBUILDER_QUIT_AFTER_MS="300000", NETBUILDER_LANGUAGE="zh_CN")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "language: zh_CN)" in done.stdout, done.stdout
