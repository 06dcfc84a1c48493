"""The Evaluation tab shows the baseline beside the model's figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from netbuilder.qt.training.evaluation import format_metrics

TIMEOUT = 20_000
# The checkout's examples (the editable install may point at another checkout's resources).
EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"

REGRESSION = {
    "status": "completed",
    "test_metrics": {"rmse": 0.52, "mae": 0.4, "mse": 0.2704, "r2": 0.7},
    "test_loss": 0.2704,
    "baseline": {"kind": "mean", "split": "test", "value": 1.5, "rmse": 0.93, "mae": 0.8},
}


def test_the_baseline_stands_beside_the_rmse_only():
    text = format_metrics(REGRESSION)
    assert "test RMSE <b>0.52</b> (baseline: 0.93, predicting the training mean 1.5)" in text
    assert "test MAE <b>0.4</b> · " in text and "test R² <b>0.7</b>" in text
    assert text.count("baseline") == 1


def test_a_classifier_shows_the_majority_class_accuracy():
    summary = {
        "test_metrics": {"accuracy": 0.95, "confusion": [[1, 0], [0, 1]]},
        "baseline": {"kind": "majority class", "class": 1, "class_name": "benign", "accuracy": 0.6},
    }
    text = format_metrics(summary)
    expected = "(baseline: 60.00%, predicting the training majority class 1 (benign))"
    assert "test accuracy <b>95.00%</b> " + expected in text


@pytest.mark.parametrize("baseline", [None, "odd", {"kind": "mean"}, {"kind": "x", "rmse": 1}])
def test_a_summary_without_a_usable_baseline_reads_as_before(baseline):
    """Summaries saved before baselines (or hand-edited ones) still show their figures."""
    summary = dict(REGRESSION, baseline=baseline)
    if baseline is None:
        del summary["baseline"]
    text = format_metrics(summary)
    assert "test RMSE <b>0.52</b> · " in text and "baseline" not in text


def test_a_trained_regression_shows_rmse_beside_the_mean_baseline(make_window, qtbot):
    window = make_window((1400, 900))
    assert window.open_example(EXAMPLES / "diabetes_regression.json")
    window.training_panel.fields["epochs"].setValue(3)
    with qtbot.waitSignal(window.training.run_ended, timeout=TIMEOUT) as ended:
        window.training_panel.start_button.click()
    summary = ended.args[0].summary
    text = window.evaluation_view.summary.text()
    rmse = f"{summary['test_metrics']['rmse']:.4g}"
    assert f"test RMSE <b>{rmse}</b> (baseline: 77.09, predicting the training mean 154.3)" in text
