"""Acceptance (issue 12): SIGKILL a process that saves in a loop, at random times. Each time the
file is the old content or the new one and loads cleanly, and the next save leaves no temp file
(the killed writer's pid is dead, so its temp file is stale)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netbuilder.io import load_project, save_project
from tests.io.conftest import build_branchy_project

TRIALS = 100
WEIGHTS = 1024 * 1024  # big enough that a save takes a few milliseconds

SAVER = """
import copy, sys
from netbuilder.io import load_project, save_project

path, size = sys.argv[1], int(sys.argv[2])
projects = []
for tag in "AB":
    p = copy.deepcopy(load_project(path).project)
    p.name = tag
    projects.append((p, tag.encode() * size))
print("ready", flush=True)
i = 0
while True:
    project, weights = projects[i % 2]
    save_project(path, project, weights=weights)
    i += 1
"""

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")


def _temps(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.slow
def test_sigkill_during_save_leaves_old_or_new_and_no_temp_after_the_next_save(tmp_path):
    path = tmp_path / "p.nbproj"
    first = build_branchy_project()
    first.name = "A"
    save_project(path, first, weights=b"A" * WEIGHTS)
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
    }
    rng = random.Random(12)
    left_temp = 0
    seen = set()
    start = time.perf_counter()
    for _ in range(TRIALS):
        proc = subprocess.Popen(
            [sys.executable, "-S", "-c", SAVER, str(path), str(WEIGHTS)],  # -S: starts faster
            stdout=subprocess.PIPE,
            env=env,
            cwd=root,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0.0, 0.04))  # the random moment of the kill, not a wait
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert proc.returncode == -signal.SIGKILL
        loaded = load_project(path)  # old or new, never damaged
        assert loaded.warnings == []
        tag = loaded.project.name
        assert tag in ("A", "B") and loaded.weights == tag.encode() * WEIGHTS
        seen.add(tag)
        left_temp += bool(_temps(tmp_path))
        save_project(path, loaded.project, weights=loaded.weights)  # the next save
        assert _temps(tmp_path) == []
    elapsed = time.perf_counter() - start
    assert seen == {"A", "B"}  # the kills landed between and during saves of both contents
    # How many kills landed inside a save depends on timing (rare on a fast tmpfs): reported,
    # not asserted; every one that did was checked above.
    print(f"{TRIALS} kills in {elapsed:.1f} s; {left_temp} left a temp file, all removed")
