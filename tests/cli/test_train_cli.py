"""``netbuilder train``: exit codes, JSON lines, --out and --resume."""

from __future__ import annotations

import json
from pathlib import Path

from netbuilder.cli import main
from netbuilder.io import load_project

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
FIRST = str(EXAMPLES / "first_network.json")


def lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_json_prints_progress_then_a_summary(capsys):
    assert main(["train", FIRST, "--epochs", "3", "--json", "--seed", "1"]) == 0
    docs = lines(capsys.readouterr().out)
    # A "progress" line comes at most once a second between epochs: whether one falls inside
    # these 3 one-step epochs depends on the machine's load, so they are checked, not counted.
    progress = [d for d in docs if d["event"] == "progress"]
    assert all(d["step"] <= d["total_steps"] == 3 for d in progress)
    assert [d["event"] for d in docs if d["event"] != "progress"] == [
        "epoch",
        "epoch",
        "epoch",
        "summary",
    ]
    summary = docs[-1]
    for key in ("train_loss", "val_loss", "test_metrics", "steps", "steps_per_s", "device"):
        assert key in summary
    assert summary["steps"] == 3 and summary["device"] == "cpu"


def test_human_summary_and_out_file(tmp_path, capsys):
    out = tmp_path / "trained.nbproj"
    assert main(["train", FIRST, "--epochs", "4", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "completed" in text and "4 steps" in text
    loaded = load_project(out)
    assert loaded.weights and loaded.checkpoint and loaded.checkpoint_meta["step"] == 4
    assert len(loaded.history["runs"][0]["epochs"]) == 4


def test_resume_continues_from_the_checkpoint(tmp_path, capsys):
    out = tmp_path / "a.nbproj"
    assert main(["train", FIRST, "--epochs", "5", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["train", str(out), "--epochs", "10", "--resume", "--json"]) == 0
    resumed = lines(capsys.readouterr().out)[-1]
    assert main(["train", FIRST, "--epochs", "10", "--json"]) == 0
    straight = lines(capsys.readouterr().out)[-1]
    assert resumed["steps"] == 10
    assert resumed["train_loss"] == straight["train_loss"]


def test_unreadable_file_exits_2(tmp_path, capsys):
    bad = tmp_path / "broken.json"
    bad.write_text("{not json")
    assert main(["train", str(bad)]) == 2
    assert "netbuilder train:" in capsys.readouterr().err
    assert main(["train", str(tmp_path / "missing.json"), "--json"]) == 2
    assert lines(capsys.readouterr().out)[0]["exit_code"] == 2


def test_project_that_cannot_train_exits_1_without_traceback(tmp_path, capsys):
    doc = json.loads(Path(FIRST).read_text())
    doc["training"]["batch_size"] = 50
    path = tmp_path / "p.json"
    path.write_text(json.dumps(doc))
    assert main(["train", str(path)]) == 1
    err = capsys.readouterr().err
    assert "batch_size 50" in err and "Traceback" not in err


def test_missing_device_exits_1(capsys):
    import torch

    if torch.cuda.is_available():
        return
    assert main(["train", FIRST, "--device", "cuda"]) == 1
    assert "cuda" in capsys.readouterr().err


def test_non_finite_run_exits_1(tmp_path, capsys):
    doc = json.loads(Path(FIRST).read_text())
    doc["training"]["lr"] = 10.0
    doc["training"]["epochs"] = 200
    path = tmp_path / "p.json"
    path.write_text(json.dumps(doc))
    assert main(["train", str(path), "--json"]) == 1
    summary = lines(capsys.readouterr().out)[-1]
    assert summary["status"] == "non_finite" and summary["non_finite"]["step"] >= 1


def test_out_is_checked_before_training(tmp_path, capsys):
    from netbuilder.cli import main

    example = Path(__file__).resolve().parents[2] / "resources" / "examples" / "first_network.json"
    assert main(["train", str(example), "--out", str(tmp_path / "trained.json")]) == 1
    assert ".nbproj" in capsys.readouterr().err
    assert main(["train", str(example), "--out", str(tmp_path / "nope" / "t.nbproj")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_resumed_run_keeps_one_history_entry(tmp_path):
    from netbuilder.cli import main
    from netbuilder.io import load_project

    example = Path(__file__).resolve().parents[2] / "resources" / "examples" / "moons_mlp.json"
    first, second = tmp_path / "a.nbproj", tmp_path / "b.nbproj"
    assert main(["train", str(example), "--epochs", "2", "--out", str(first), "--json"]) == 0
    assert main(["train", str(first), "--epochs", "3", "--resume", "--out", str(second)]) == 0
    runs = load_project(second).history["runs"]
    assert len(runs) == 1 and [e["epoch"] for e in runs[0]["epochs"]] == [1, 2, 3]
