"""A failed save leaves the original file exactly as it was and no temp file behind."""

from __future__ import annotations

import os

import pytest

from netbuilder.io import ProjectFileError, container, jsonio, load_project, save_project


@pytest.fixture
def saved(tmp_path, project):
    path = tmp_path / "keep.nbproj"
    save_project(path, project, weights=b"w" * 100)
    return path, path.read_bytes()


def _assert_untouched(path, original):
    assert path.read_bytes() == original
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert load_project(path).weights == b"w" * 100


def test_failing_replace_keeps_original(saved, project, monkeypatch):
    path, original = saved

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(container.os, "replace", broken_replace)
    project.name = "changed"
    with pytest.raises(ProjectFileError, match="No space left on device") as info:
        save_project(path, project)
    assert info.value.path == os.fspath(path)
    monkeypatch.undo()
    _assert_untouched(path, original)


def test_failing_fsync_mid_write_keeps_original(saved, project, monkeypatch):
    path, original = saved

    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(container.os, "fsync", broken_fsync)
    with pytest.raises(ProjectFileError, match="Input/output error"):
        save_project(path, project)
    monkeypatch.undo()
    _assert_untouched(path, original)


def test_failing_json_encoding_keeps_original(saved, project, monkeypatch):
    path, original = saved

    def broken_dumps(*args, **kwargs):
        raise ValueError("encoder exploded")

    monkeypatch.setattr(jsonio.json, "dumps", broken_dumps)
    with pytest.raises(ProjectFileError, match="encoder exploded"):
        save_project(path, project)
    monkeypatch.undo()
    _assert_untouched(path, original)


def test_interrupt_during_save_removes_temp_and_propagates(saved, project, monkeypatch):
    path, original = saved

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(container.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_project(path, project)
    monkeypatch.undo()
    _assert_untouched(path, original)


def test_successful_save_leaves_only_the_file(tmp_path, project):
    path = tmp_path / "new.json"
    save_project(path, project)
    save_project(path, project)
    assert [p.name for p in tmp_path.iterdir()] == ["new.json"]
