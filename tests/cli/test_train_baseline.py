"""``netbuilder train`` reports the baseline beside the model's figures, and --out keeps it."""

from __future__ import annotations

import json
from pathlib import Path

from netbuilder.cli import main
from netbuilder.io import load_project

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def test_diabetes_json_summary_carries_the_mean_baseline_and_out_keeps_it(tmp_path, capsys):
    out = tmp_path / "diabetes.nbproj"
    path = str(EXAMPLES / "diabetes_regression.json")
    assert main(["train", path, "--json", "--out", str(out)]) == 0
    summary = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert summary["event"] == "summary"
    base = summary["baseline"]
    assert base["kind"] == "mean" and base["split"] == "test"
    assert summary["test_metrics"]["rmse"] < 0.8 * base["rmse"]
    history = load_project(out).history
    assert history is not None and history["runs"][-1]["summary"]["baseline"] == base


def test_text_summary_prints_a_baseline_line(capsys):
    path = str(EXAMPLES / "breast_cancer_classifier.json")
    assert main(["train", path, "--epochs", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    line = next(x for x in lines if x.strip().startswith("baseline"))
    assert line.startswith("  baseline (predicting the training majority class 1 (benign)):")
    assert "test accuracy 0." in line
