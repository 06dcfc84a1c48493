"""Recovery files on disk (io/recovery.py): written atomically with their metadata, found newest
first, half-written or damaged ones dealt with quietly or set aside with one line."""

from __future__ import annotations

import json
import os
from pathlib import Path

from netbuilder.io import load_project, project_to_dict
from netbuilder.io.recovery import (
    find_recoveries,
    new_session_name,
    remove_recovery,
    write_recovery,
)
from netbuilder.model import Project


def _write(folder: Path, session: str, original: Path | None = None) -> Path:
    project = Project(name=session)
    project.graph.add_node("ReLU")
    return write_recovery(
        folder, session, project_to_dict(project), {}, original=original, base_dir=None
    )


def test_sessions_have_names_of_their_own() -> None:
    a, b = new_session_name(), new_session_name()
    assert a != b and a.startswith(f"recovery-{os.getpid()}-")


def test_written_files_are_found_newest_first_with_their_metadata(tmp_path: Path) -> None:
    folder = tmp_path / "recovery"
    old = _write(folder, "recovery-1-aaaa", original=tmp_path / "mine.nbproj")
    new = _write(folder, "recovery-2-bbbb")
    meta = old.with_name("recovery-1-aaaa.meta.json")
    stamp = json.loads(meta.read_text())
    stamp["written"] -= 3600
    meta.write_text(json.dumps(stamp))
    entries, problems = find_recoveries(folder)
    assert problems == []
    assert [e.project_path for e in entries] == [new, old]
    assert entries[1].title == "mine.nbproj" and entries[0].title == "untitled project"
    assert entries[1].original == tmp_path / "mine.nbproj"
    assert len(load_project(old).project.graph) == 1
    assert not list(folder.glob("*.tmp"))  # atomic writes leave no temp file
    remove_recovery(folder, "recovery-1-aaaa")
    assert [e.session for e in find_recoveries(folder)[0]] == ["recovery-2-bbbb"]


def test_metadata_without_a_project_is_removed_quietly(tmp_path: Path) -> None:
    path = _write(tmp_path, "recovery-999993-cccc")  # a writer pid that is gone
    path.unlink()  # killed between the metadata and the first project write
    assert find_recoveries(tmp_path) == ([], [])
    assert list(tmp_path.iterdir()) == []


def test_a_project_without_metadata_is_set_aside(tmp_path: Path) -> None:
    path = _write(tmp_path, "recovery-4-dddd")
    path.with_name("recovery-4-dddd.meta.json").unlink()
    entries, problems = find_recoveries(tmp_path)
    assert entries == [] and len(problems) == 1
    assert problems[0].startswith("Recovery file recovery-4-dddd.nbproj set aside: ")
    assert [p.name for p in tmp_path.iterdir()] == ["recovery-4-dddd.nbproj.damaged"]


def test_metadata_with_wrong_values_is_named_in_one_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "recovery-5-eeee")
    path.with_name("recovery-5-eeee.meta.json").write_text('{"written": "soon", "pid": 1}')
    entries, problems = find_recoveries(tmp_path)
    assert entries == [] and len(problems) == 1 and "written" in problems[0]
    assert "\n" not in problems[0]


def test_a_missing_folder_holds_nothing(tmp_path: Path) -> None:
    assert find_recoveries(tmp_path / "never made") == ([], [])


def test_temp_files_of_a_killed_autosave_are_swept_when_recoveries_are_looked_for(tmp_path):
    """Each session writes under its own names, so no later save of the same target ever
    removed a killed write's temp file (a full copy of the weights)."""
    import os
    import time

    from netbuilder.io.recovery import find_recoveries

    dead = tmp_path / ".recovery-999999-deadbeef.nbproj.999999-0123abcd.tmp"
    dead.write_bytes(b"half a project")
    live = tmp_path / f".recovery-{os.getpid()}-cafe0123.nbproj.{os.getpid()}-89abcdef.tmp"
    live.write_bytes(b"being written")
    old = time.time() - 60
    os.utime(dead, (old, old))
    os.utime(live, (old, old))
    find_recoveries(tmp_path)
    assert not dead.exists()  # its writer is gone
    assert live.exists()  # this process may still be writing it


def test_metadata_of_a_live_writer_is_left_alone(tmp_path):
    """Another window writes its metadata first, then its project: a start in between must not
    delete the metadata (its work would later be set aside as damaged)."""
    import os

    from netbuilder.io.recovery import find_recoveries

    live = tmp_path / f"recovery-{os.getpid()}-0badcafe.meta.json"
    live.write_text("{}")
    dead = tmp_path / "recovery-999999-deadbeef.meta.json"
    dead.write_text("{}")
    entries, problems = find_recoveries(tmp_path)
    assert entries == [] and problems == []
    assert live.exists() and not dead.exists()
