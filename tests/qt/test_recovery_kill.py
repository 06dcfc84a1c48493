"""Acceptance for issue 12, item 1: a window killed with unsaved edits (SIGKILL: nothing of ours
runs) offers them on the next start, and recovering restores them, modified, as the original
file. Both starts go through the real entry point (``run_app``), each in its own process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from netbuilder.io import load_project, save_project
from netbuilder.qt.app import EXIT_AFTER_PAINT, default_example

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("recovery_driver.py")


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(DRIVER), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_killed_window_offers_and_restores_unsaved_edits_on_next_start(tmp_path: Path) -> None:
    example = default_example()
    assert example is not None
    work = tmp_path / "work.nbproj"  # a saved project, so Save must go back to it
    loaded = load_project(example)
    save_project(work, loaded.project)
    saved_nodes = len(loaded.project.graph)
    data = tmp_path / "data"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    env["NETBUILDER_DATA_DIR"] = str(data)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop(EXIT_AFTER_PAINT, None)

    crashed = _run(["crash", str(work)], env)
    assert crashed.returncode == -signal.SIGKILL, crashed.stdout + crashed.stderr
    assert f"written: {data / 'recovery'}" in crashed.stdout
    assert f"nodes={saved_nodes + 2}" in crashed.stdout
    left = sorted(p.suffix for p in (data / "recovery").iterdir())
    assert left == [".json", ".lock", ".nbproj"]  # the killed process's lock stays behind
    assert len(load_project(work).project.graph) == saved_nodes  # the file was never saved

    env[EXIT_AFTER_PAINT] = "1"
    restarted = _run(["restart"], env)
    assert restarted.returncode == 0, restarted.stderr
    report = json.loads(restarted.stdout.splitlines()[-1])
    assert len(report["questions"]) == 1
    assert report["questions"][0].startswith("Recover unsaved work from ")
    assert report["questions"][0].endswith("(work.nbproj)?")
    assert report["nodes"] == saved_nodes + 2
    assert {"ReLU", "Tanh"} <= set(report["types"])
    assert report["modified"] is True
    assert report["path"] == str(work)  # Save writes to the original file
    # Recovered: the dead session's files and stale lock are gone once the new window's own
    # recovery copy is written (this start exits without closing: its copy stays).
    ours = report["session"]
    assert report["left"] == [f"{ours}.lock", f"{ours}.meta.json", f"{ours}.nbproj"]
    assert "Traceback" not in restarted.stderr
