"""The Evaluation tab's sample browser in the real window: it fills after a run's automatic
evaluation and after Evaluate now, shows pictures with their true and predicted classes, hands a
chosen sample on (``sample_chosen``, ``chosen_sample()``) and empties when its weights go stale."""

from __future__ import annotations

from pathlib import Path

from netbuilder.qt.training.samples_view import EMPTY

TIMEOUT = 30_000
EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def _train(window, qtbot, stem: str, epochs: int) -> None:
    assert window.open_example(EXAMPLES / f"{stem}.json")
    window.training_panel.fields["epochs"].setValue(epochs)
    with qtbot.waitSignal(window.training.run_ended, timeout=TIMEOUT):
        window.training_panel.start_button.click()
    browser = window.evaluation_view.samples
    qtbot.waitUntil(lambda: bool(browser.rows), timeout=TIMEOUT)  # the run's own evaluation


def test_digits_show_pictures_with_true_and_predicted_classes(make_window, qtbot):
    window = make_window((1024, 640))
    _train(window, qtbot, "digits_cnn", 1)
    browser = window.evaluation_view.samples
    window.results_tabs.setCurrentIndex(1)  # Evaluation
    assert browser.stack.currentWidget() is browser.browser
    assert browser.table.isVisibleTo(window.results_tabs)
    assert browser.ranking_key() == "most_wrong"
    report = browser.shown.report
    assert report.n_wrong > 0 and browser.table.rowCount() == len(browser.rows)
    for r, row in enumerate(browser.rows[:5]):
        assert row.true != row.predicted
        assert not browser.table.item(r, 0).icon().isNull()  # a thumbnail of the digit
        assert browser.table.item(r, 1).text() == report.class_name(row.true)
        assert browser.table.item(r, 2).text().startswith(report.class_name(row.predicted))
    assert f"{report.n_wrong} of {report.n_samples} wrong" in browser.note.text()
    # The first row is shown in detail at once: its picture and its top probabilities.
    assert browser.picture.pixmap() is not None and not browser.picture.pixmap().isNull()
    assert "predicted" in browser.caption.text() and len(browser.bars.bars) >= 2

    # Choosing another row says which sample, and the saliency view can have it whole.
    second = browser.rows[1]
    with qtbot.waitSignal(browser.sample_chosen, timeout=1000) as chosen:
        browser.table.selectRow(1)
    assert chosen.args == [second.index]
    sample = browser.chosen_sample()
    assert sample is not None and sample.index == second.index
    assert tuple(sample.inputs[0].shape) == (1, 1, 8, 8) and not sample.module.training
    assert sample.predicted_name == report.class_name(second.predicted)
    assert browser.detail_area is not None  # where the saliency view will go

    # Least sure: every sample by margin, the smallest first.
    browser.ranking.setCurrentIndex(browser.ranking.findData("least_sure"))
    margins = [row.margin for row in browser.rows]
    assert margins == sorted(margins) and browser.table.rowCount() == len(margins)

    # A new run makes them stale at once (stopped at once: its end is not the point here).
    with qtbot.waitSignal(window.training.run_started, timeout=TIMEOUT):
        window.training_panel.start_button.click()
    assert browser.stack.currentWidget() is browser.empty and browser.shown is None
    assert browser.chosen_sample() is None
    with qtbot.waitSignal(window.training.run_ended, timeout=TIMEOUT):
        window.training.stop()


def test_evaluate_now_refills_and_another_project_clears(make_window, qtbot):
    window = make_window((1400, 900))
    _train(window, qtbot, "diabetes_regression", 2)
    view = window.evaluation_view
    browser = view.samples
    assert browser.ranking_key() == "largest_error"
    errors = [row.error for row in browser.rows]
    assert errors == sorted(errors, reverse=True)
    assert "age" in browser.table.item(0, 0).text()  # a feature row, by its column names
    view.evaluate_button.click()
    task = view.evaluation_task
    assert task is not None and browser.shown is None  # the old list is not shown meanwhile
    qtbot.waitUntil(lambda: task.ended and bool(browser.rows), timeout=TIMEOUT)
    assert [row.error for row in browser.rows] == errors  # the same weights, the same list

    assert window.open_example(EXAMPLES / "moons_mlp.json")
    assert browser.shown is None and browser.empty.text() == EMPTY
    window.results_tabs.setCurrentIndex(1)
    assert browser.empty.isVisibleTo(window.results_tabs)
    assert not browser.table.isVisibleTo(window.results_tabs)


def test_samples_that_cannot_be_listed_leave_the_metrics_shown(make_window, qtbot):
    """The browser is an extra: a run whose data it cannot read still shows its metrics."""
    from types import SimpleNamespace

    from netbuilder.engine.training.session import SplitEvaluation

    view = make_window((1400, 900)).evaluation_view
    summary = {"status": "test evaluation", "test_metrics": {"accuracy": 0.75}}
    run = SimpleNamespace(
        trainer=SimpleNamespace(task="binary", has_split=lambda split: split == "test"),
        evaluate_split=lambda split, metrics=True: SplitEvaluation(split, summary),
        dataset=None,  # listing the samples fails on it
    )
    task = view.evaluate(run)
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)
    assert "75.00%" in view.summary.text()
    assert view.samples.empty.text().startswith("The samples could not be listed: ")
