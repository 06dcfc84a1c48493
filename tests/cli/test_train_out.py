"""``netbuilder train --out``: refused before training when it cannot be written; a save that
still fails goes next to it under another name, and the command says where."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from netbuilder.cli import main
from netbuilder.io import load_project

FIRST = str(Path(__file__).resolve().parents[2] / "resources" / "examples" / "first_network.json")


def refused(capsys, out: str) -> str:
    assert main(["train", FIRST, "--epochs", "1", "--json", "--out", out]) == 1
    captured = capsys.readouterr()
    docs = [json.loads(line) for line in captured.out.splitlines()]
    assert [d["event"] for d in docs] == ["error"]  # nothing trained
    lines = captured.err.splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err
    return lines[0]


def test_a_folder_is_refused_before_training(tmp_path, capsys):
    folder = tmp_path / "model.nbproj"
    folder.mkdir()
    assert "is a folder" in refused(capsys, str(folder))


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="Linux /proc")
def test_proc_is_refused_before_training(capsys):
    assert "cannot write in folder /proc" in refused(capsys, "/proc/trained.nbproj")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_is_refused_before_training(tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert "cannot write in folder" in refused(capsys, str(folder / "t.nbproj"))
    finally:
        folder.chmod(0o755)


def test_a_missing_folder_is_refused_before_training(tmp_path, capsys):
    assert "does not exist" in refused(capsys, str(tmp_path / "nope" / "t.nbproj"))


def test_a_save_that_fails_after_training_goes_next_to_it(tmp_path, capsys, monkeypatch):
    import netbuilder.io as io

    original = io.save_project
    target = tmp_path / "t.nbproj"

    def flaky(path, *args, **kwargs):  # the disk refuses the named file, as a full disk would
        if Path(path) == target:
            raise io.ProjectFileError("cannot save (No space left on device)", path=Path(path))
        return original(path, *args, **kwargs)

    monkeypatch.setattr(io, "save_project", flaky)
    assert main(["train", FIRST, "--epochs", "2", "--json", "--out", str(target)]) == 1
    captured = capsys.readouterr()
    summary = json.loads(captured.out.splitlines()[-1])
    saved = Path(summary["out"])
    assert saved.parent == tmp_path and saved != target and saved.suffix == ".nbproj"
    lines = captured.err.splitlines()
    assert len(lines) == 1 and f"saved as {saved}" in lines[0] and "No space left" in lines[0]
    assert not target.exists()
    assert load_project(saved).history["runs"][0]["summary"]["steps"] == 2


def test_an_immutable_folder_is_refused_before_training(tmp_path, capsys):
    import shutil
    import subprocess

    folder = tmp_path / "immutable"
    folder.mkdir()
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(folder)], check=False).returncode:
        pytest.skip("chattr +i is not available here")
    try:
        line = refused(capsys, str(folder / "t.nbproj"))
        assert "cannot write in folder" in line and "Operation not permitted" in line
    finally:
        subprocess.run([chattr, "-i", str(folder)], check=True)


def test_a_signal_during_the_out_check_stops_the_command_after_it(tmp_path, monkeypatch):
    import os
    import signal

    import netbuilder.cli.train as train_cli
    from netbuilder.cli import train_output

    original = train_output.check_out

    def interrupted_check(out):
        os.kill(os.getpid(), signal.SIGINT)  # arrives while the probe file exists
        original(out)

    monkeypatch.setattr(train_cli, "check_out", interrupted_check)
    assert main(["train", FIRST, "--out", str(tmp_path / "t.nbproj")]) == 130
    assert list(tmp_path.iterdir()) == []  # the probe file was removed, nothing trained


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="Linux /proc")
def test_a_link_is_checked_where_it_points(tmp_path, capsys):
    """The save writes through the link, in the folder of the file it points to."""
    link = tmp_path / "model.nbproj"
    link.symlink_to("/proc/trained.nbproj")
    assert "cannot write in folder /proc" in refused(capsys, str(link))


def test_a_project_too_big_with_its_checkpoint_is_saved_without_it(tmp_path, capsys, monkeypatch):
    """The optimizer's state can push a big network's project over the file limit: the
    weights and history are kept, the checkpoint left out, and the line says so."""
    from netbuilder.io import project_file

    target = tmp_path / "big.nbproj"
    with_checkpoint = []
    original = project_file.save_project

    def limited(path, project, **members):
        if "checkpoint" in members:
            with_checkpoint.append(path)
            raise project_file.ProjectFileError(
                "not saved: the project would be 5,000 MiB; project files are at most 4,096 MiB",
                path=Path(path),
            )
        return original(path, project, **members)

    import netbuilder.io as io

    monkeypatch.setattr(io, "save_project", limited)
    assert main(["train", FIRST, "--epochs", "2", "--json", "--out", str(target)]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out.splitlines()[-1])
    assert summary["out"] == str(target) and "without the checkpoint" in summary["warning"]
    assert with_checkpoint == [str(target)] or with_checkpoint == [target]
    loaded = load_project(target)
    assert loaded.weights and loaded.checkpoint is None and loaded.history["runs"]
    lines = captured.err.splitlines()
    assert len(lines) == 1 and "without the checkpoint" in lines[0]
