"""Per-sample rankings: what "most wrong", "least sure" and "largest error" list, in which
order, within their bounds, and that a listed sample can be read back by index."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from netbuilder.engine.explain.sample_source import SampleSource, choose
from netbuilder.engine.explain.samples import rank_outputs, sample_report
from netbuilder.engine.training.session import prepare
from netbuilder.io import load_project

EXAMPLES = Path(__file__).resolve().parents[3] / "resources" / "examples"


def trained(stem: str, epochs: int):
    run = prepare(load_project(EXAMPLES / f"{stem}.json"), epochs=epochs, threads=1)
    run.run()
    return run


@pytest.fixture(scope="module")
def digits():
    """The digits CNN after one epoch: good enough to be right mostly, wrong sometimes."""
    return trained("digits_cnn", 1)


def test_most_wrong_lists_only_misclassified_samples_lowest_true_probability_first():
    logits = np.array([[3.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 5.0], [1.0, 1.1, 0.0]])
    report = rank_outputs(logits, np.array([0, 0, 1, 0]), "classification", class_names="abc")
    wrong = report.rankings["most_wrong"]
    assert [r.index for r in wrong] == [2, 1, 3]  # P(true) 0.0066, 0.1065, 0.4
    assert all(r.wrong for r in wrong) and report.n_wrong == 3
    assert [r.p_true for r in wrong] == sorted(r.p_true for r in wrong)
    first = wrong[0]
    assert (report.class_name(first.true), report.class_name(first.predicted)) == ("b", "c")
    assert first.top[0][0] == 2 and sum(p for _, p in first.top) == pytest.approx(1.0)
    assert first.loss == pytest.approx(-np.log(first.p_true))


def test_least_sure_is_ordered_by_the_margin_of_the_top_two():
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(500, 4))
    report = rank_outputs(logits, rng.integers(0, 4, 500), "classification", limit=50)
    unsure = report.rankings["least_sure"]
    assert len(unsure) == 50 and len(report.rankings["all"]) == 50  # bounded
    margins = [r.margin for r in unsure]
    assert margins == sorted(margins)
    probs = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    top2 = np.sort(probs, axis=1)[:, -2:]
    assert margins[-1] <= np.sort(top2[:, 1] - top2[:, 0])[50] + 1e-12  # the smallest 50


def test_a_binary_task_reads_its_one_logit_as_two_probabilities():
    report = rank_outputs(np.array([[2.0], [-0.1], [-3.0]]), np.array([0, 1, 0]), "binary")
    assert [r.index for r in report.rankings["most_wrong"]] == [0, 1]
    assert report.rankings["least_sure"][0].index == 1  # p = 0.475: the smallest margin
    assert report.rankings["most_wrong"][0].p_true == pytest.approx(1 - 1 / (1 + np.exp(-2)))


def test_regression_lists_the_largest_error_first():
    pred = np.array([[1.0], [5.0], [2.5], [0.0]])
    report = rank_outputs(pred, np.array([1.0, 1.0, 2.0, 3.0]), "regression", limit=3)
    rows = report.rankings["largest_error"]
    assert [r.index for r in rows] == [1, 3, 2] and [r.error for r in rows] == [4.0, 3.0, 0.5]
    assert rows[0].true_values == (1.0,) and rows[0].predicted_values == (5.0,)


def test_an_output_that_is_not_one_score_per_class_says_so():
    report = rank_outputs(np.zeros((4, 3, 5)), np.zeros(4), "classification")
    assert not report.rankings and "not one score per class" in report.note


def test_a_trained_cnn_ranks_its_own_test_split(digits):
    report = sample_report(digits)
    confusion = np.asarray(digits.trainer.evaluate("test").metrics["confusion"])
    assert report.n_samples == confusion.sum()
    assert report.n_wrong == confusion.sum() - np.trace(confusion) > 0
    wrong = report.rankings["most_wrong"]
    assert all(r.true != r.predicted for r in wrong)
    assert [r.p_true for r in wrong] == sorted(r.p_true for r in wrong)
    unsure = report.rankings["least_sure"]
    assert [r.margin for r in unsure] == sorted(r.margin for r in unsure)
    assert len(unsure) == min(200, report.n_samples)
    y = np.asarray(digits.dataset.y_test)
    assert all(r.true == int(y[r.index]) for r in wrong)


def test_a_chosen_sample_is_its_image_and_the_network_on_the_cpu(digits):
    report = sample_report(digits)
    row = report.rankings["most_wrong"][0]
    source = SampleSource(digits)
    (raw,) = source.raw(row.index)
    assert raw.kind == "image" and raw.image is not None and raw.image.shape == (1, 8, 8)
    chosen = choose(source, report, row)
    (x,) = chosen.inputs
    assert tuple(x.shape) == (1, 1, 8, 8) and x.device.type == "cpu"
    assert not chosen.module.training and chosen.module is not digits.module
    with torch.no_grad():
        assert int(chosen.module(x).argmax()) == row.predicted == chosen.predicted_class
    assert chosen.true_name == report.class_name(row.true) and chosen.true_class == row.true


def test_a_regression_and_a_text_dataset_read_back_as_features_and_words():
    diabetes = trained("diabetes_regression", 2)
    report = sample_report(diabetes)
    errors = [r.error for r in report.rankings["largest_error"]]
    assert errors == sorted(errors, reverse=True) and len(errors) == report.n_samples
    values = SampleSource(diabetes).raw(0)[0].values
    assert [name for name, _ in values][:3] == ["age", "sex", "bmi"]

    reviews = trained("reviews_text", 1)
    (raw,) = SampleSource(reviews).raw(0)
    assert raw.kind == "text" and len(raw.text.split()) > 3 and "<pad>" not in raw.text
