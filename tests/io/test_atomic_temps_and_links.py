"""Saving cleans up after interrupted saves of the same file (never a live writer's temp file),
and writes through a symlink as QSaveFile does."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from netbuilder.io import load_project, save_project
from netbuilder.io.atomic import STALE_SECONDS, stale_temps, temp_name


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()  # reaped: the pid names no process now
    return proc.pid


def _names(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_temp_names_carry_the_writer_pid(tmp_path):
    name = temp_name(tmp_path / "a.nbproj").name
    assert name.startswith(f".a.nbproj.{os.getpid()}-") and name.endswith(".tmp")


def test_next_save_removes_temps_of_dead_writers_only(tmp_path, project):
    path = tmp_path / "p.nbproj"
    save_project(path, project)
    dead = tmp_path / f".p.nbproj.{_dead_pid()}-0123abcd.tmp"
    live_other = tmp_path / f".p.nbproj.{os.getppid()}-0123abcd.tmp"  # a live process
    mine = tmp_path / f".p.nbproj.{os.getpid()}-89abcdef.tmp"  # another thread of this one
    other_target = tmp_path / f".q.nbproj.{_dead_pid()}-0123abcd.tmp"
    for p in (dead, live_other, mine, other_target):
        p.write_bytes(b"partial")
    save_project(path, project)
    assert not dead.exists()
    assert live_other.exists() and mine.exists() and other_target.exists()
    assert load_project(path).project.name == project.name


def test_temps_without_a_pid_go_once_older_than_a_few_seconds(tmp_path, project):
    path = tmp_path / "p.nbproj"
    old = tmp_path / ".p.nbproj.0123abcd.tmp"  # written before pids were in the name
    fresh = tmp_path / ".p.nbproj.89abcdef.tmp"
    for p in (old, fresh):
        p.write_bytes(b"partial")
    past = time.time() - STALE_SECONDS - 5
    os.utime(old, (past, past))
    assert stale_temps(path) == [old]
    save_project(path, project)
    assert _names(tmp_path) == [".p.nbproj.89abcdef.tmp", "p.nbproj"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_saving_over_a_symlink_writes_through_it(tmp_path, project):
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    target = real_dir / "target.nbproj"
    save_project(target, project, weights=b"old")
    link = tmp_path / "link.nbproj"
    link.symlink_to(os.path.relpath(target, tmp_path))
    chain = tmp_path / "chain.nbproj"
    chain.symlink_to(link)
    save_project(chain, project, weights=b"new")
    assert chain.is_symlink() and link.is_symlink()  # both links stay links
    assert load_project(target).weights == b"new"  # the file they point to got the content
    assert load_project(chain).weights == b"new"
    assert _names(tmp_path) == ["chain.nbproj", "link.nbproj", "real"]
    assert _names(real_dir) == ["target.nbproj"]  # the temp file lived beside the target


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_saving_over_a_dangling_symlink_creates_its_target(tmp_path, project):
    link = tmp_path / "link.nbproj"
    link.symlink_to("made.nbproj")
    save_project(link, project, weights=b"w")
    assert link.is_symlink() and load_project(tmp_path / "made.nbproj").weights == b"w"
