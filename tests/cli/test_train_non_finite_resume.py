"""A run that goes non-finite keeps its last finite state in --out, and the one line it prints
says how to continue: --resume with a lower --lr."""

from __future__ import annotations

import json
from pathlib import Path

from netbuilder.cli import main
from netbuilder.io import load_project

FIRST = Path(__file__).resolve().parents[2] / "resources" / "examples" / "first_network.json"


def _blowing_up(tmp_path: Path) -> tuple[dict, Path, Path]:
    """The first network at lr 10: its loss goes non-finite. (document, project, --out)"""
    doc = json.loads(FIRST.read_text())
    doc["training"].update(lr=10.0, epochs=200)
    project = tmp_path / "p.json"
    project.write_text(json.dumps(doc))
    return doc, project, tmp_path / "p.nbproj"


def test_non_finite_run_saves_a_checkpoint_that_resumes_with_a_lower_lr(tmp_path, capsys):
    doc, project, out = _blowing_up(tmp_path)
    assert main(["train", str(project), "--json", "--out", str(out)]) == 1
    captured = capsys.readouterr()
    summary = json.loads(captured.out.splitlines()[-1])
    assert summary["status"] == "non_finite"
    bad_step = summary["non_finite"]["step"]
    lines = captured.err.splitlines()
    assert len(lines) == 1 and f"netbuilder train {out} --resume --lr" in lines[0]
    meta = load_project(out).checkpoint_meta
    assert meta is not None and meta["step"] == bad_step - 1 and meta["after_non_finite"]

    # The checkpoint takes another learning rate. (Here the weights had already blown up,
    # loss ~1e32, so the next step is non-finite again; the trainer tests resume a run whose
    # blow-up was a one-off and complete it.)
    assert main(["train", str(out), "--resume", "--lr", "0.01", "--json"]) == 1
    resumed = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert resumed["non_finite"]["step"] == bad_step  # it continued from the kept state
    # An ordinary checkpoint still refuses another learning rate: it would not continue it.
    doc["training"]["lr"] = 0.01
    project.write_text(json.dumps(doc))
    assert main(["train", str(project), "--epochs", "2", "--out", str(out)]) == 0
    assert main(["train", str(out), "--resume", "--lr", "0.001", "--epochs", "3"]) == 1
    assert "training.lr" in capsys.readouterr().err


def test_a_resume_with_another_lr_saves_it_as_the_projects_so_the_next_resume_works(
    tmp_path, capsys
):
    _doc, project, out = _blowing_up(tmp_path)
    assert main(["train", str(project), "--json", "--out", str(out)]) == 1
    again = tmp_path / "again.nbproj"
    main(["train", str(out), "--resume", "--lr", "1e-6", "--epochs", "150", "--out", str(again)])
    capsys.readouterr()
    assert load_project(again).project.training.lr == 1e-6  # the rate its checkpoint has
    # A plain --resume of that file now continues it (it was refused: "the project now has").
    assert main(["train", str(again), "--resume", "--epochs", "200", "--json"]) in (0, 1)
    err = capsys.readouterr().err
    assert "training.lr" not in err and "now has" not in err
