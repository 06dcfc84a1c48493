"""``netbuilder check`` and ``train`` on a network with three Input nodes, each reading one
input of the dataset (user id, item id, review tokens)."""

from __future__ import annotations

import json

from netbuilder.cli import main
from netbuilder.io import save_project
from tests.engine.multi_input import three_input_dataset, three_input_project, use_dataset


def _lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_check_and_train_a_three_input_project(tmp_path, capsys, monkeypatch):
    use_dataset(monkeypatch, three_input_dataset())
    path = tmp_path / "ratings.nbproj"
    save_project(path, three_input_project())
    assert main(["check", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    text = json.dumps(report)
    assert "user_vec" in text and "review_in" in text
    assert main(["train", str(path), "--epochs", "2", "--json"]) == 0
    summary = _lines(capsys.readouterr().out)[-1]
    assert summary["event"] == "summary" and summary["epochs"] == 2
    assert summary["test_metrics"]["rmse"] > 0 and summary["baseline"]["kind"] == "mean"


def test_check_names_the_input_that_reads_nothing(tmp_path, capsys, monkeypatch):
    use_dataset(monkeypatch, three_input_dataset())
    project = three_input_project()
    project.graph.set_params("users", {"data": ""})
    path = tmp_path / "ratings.nbproj"
    save_project(path, project)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "users" in out
    assert "reads none of the dataset's inputs (user, item, review): set its data" in out
