"""The doctor's watch in the CLI: ``train`` prints its findings (``--json``: a ``findings``
list in the summary) and saves them; ``doctor`` on a trained project includes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netbuilder.cli import main
from netbuilder.io import load_project, save_project
from tests.engine.doctor.support import mlp_project
from tests.examples_support import example


def _summary(out: str) -> dict:  # type: ignore[type-arg]
    lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    (summary,) = [line for line in lines if line.get("event") == "summary"]
    return summary


def test_train_json_summary_has_findings_and_they_are_saved(capsys, tmp_path: Path) -> None:
    path, out = tmp_path / "lr10.json", tmp_path / "lr10.nbproj"
    save_project(path, mlp_project([32, 32], epochs=2, optimizer="sgd", lr=10.0))
    assert main(["train", str(path), "--json", "--out", str(out)]) == 0
    summary = _summary(capsys.readouterr().out)
    rules = [f["rule"] for f in summary["findings"]]
    assert rules[0] == "loss_diverging"
    saved = load_project(out).history
    assert isinstance(saved, dict)
    assert saved["runs"][-1]["summary"]["findings"] == summary["findings"]


@pytest.mark.slow  # the doctor's pre-run checks: 10 s on a loaded 2-core machine
def test_doctor_on_a_trained_project_includes_the_watch(capsys, tmp_path: Path) -> None:
    path, out = tmp_path / "lr10.json", tmp_path / "lr10.nbproj"
    save_project(path, mlp_project([32, 32], epochs=2, optimizer="sgd", lr=10.0))
    assert main(["train", str(path), "--json", "--out", str(out)]) == 0
    capsys.readouterr()
    # The pre-run checks' findings, then the watch's on the newest run.
    assert main(["doctor", str(out), "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    watched = [f["rule"] for f in doc["findings"]]
    assert "loss_diverging" in watched and "dead_units" in watched


def test_train_prints_the_findings_in_words(capsys, tmp_path: Path) -> None:
    path = tmp_path / "lr10.json"
    save_project(path, mlp_project([32, 32], epochs=2, optimizer="sgd", lr=10.0))
    assert main(["train", str(path)]) == 0
    out = capsys.readouterr().out
    assert "the training doctor's watch:" in out
    assert "training: loss_diverging" in out and "try: lower the learning rate" in out


def test_a_healthy_example_has_an_empty_findings_list(capsys) -> None:
    assert main(["train", str(example("digits_mlp")), "--epochs", "3", "--json"]) == 0
    assert _summary(capsys.readouterr().out)["findings"] == []
