"""The sample browser explains the chosen image sample with the saliency view in its detail
pane; networks on features get no saliency view; stale weights hide it."""

from __future__ import annotations

from tests.qt.test_samples_browser import TIMEOUT, _train


def test_chosen_digit_is_explained_and_a_new_choice_replaces_it(make_window, qtbot):
    window = make_window((1400, 900))
    _train(window, qtbot, "digits_cnn", 1)
    window.results_tabs.setCurrentIndex(1)  # Evaluation
    browser = window.evaluation_view.samples
    view = window.evaluation_view.saliency.view
    # The first row is chosen when the list fills: its saliency is computed.
    qtbot.waitUntil(lambda: view._map is not None, timeout=TIMEOUT)
    assert view.isVisibleTo(window.results_tabs)
    first = browser.chosen_sample()
    assert first is not None and f"'{first.predicted_name}'" in view.caption.text()
    assert not view.overlay_pane.image.isNull()

    second = browser.rows[1]
    with qtbot.waitSignal(view.shown, timeout=TIMEOUT):
        browser.table.selectRow(1)
    chosen = browser.chosen_sample()
    assert chosen is not None and chosen.index == second.index
    assert f"'{chosen.predicted_name}'" in view.caption.text()

    # A new run makes the weights stale: the view goes with the list.
    with qtbot.waitSignal(window.training.run_started, timeout=TIMEOUT):
        window.training_panel.start_button.click()
    assert not view.isVisibleTo(window.results_tabs) and view._map is None
    with qtbot.waitSignal(window.training.run_ended, timeout=TIMEOUT):
        window.training.stop()


def test_a_network_on_features_has_no_saliency_view(make_window, qtbot):
    window = make_window((1400, 900))
    _train(window, qtbot, "moons_mlp", 2)
    window.results_tabs.setCurrentIndex(1)
    browser = window.evaluation_view.samples
    assert browser.chosen_sample() is not None  # a sample is shown in detail
    assert not window.evaluation_view.saliency.view.isVisibleTo(window.results_tabs)


def test_a_narrow_results_dock_stacks_the_evaluation_tab(make_window):
    from PySide6.QtWidgets import QBoxLayout

    view = make_window((1400, 900)).evaluation_view
    row = view.samples.browser.layout()
    controls = view.saliency.view._controls
    view.fit_width(320)  # a results dock at the window's side
    assert view._body.direction() == QBoxLayout.Direction.TopToBottom
    assert row.direction() == QBoxLayout.Direction.TopToBottom
    assert controls.getItemPosition(controls.indexOf(view.saliency.view.class_combo))[:2] == (1, 0)
    view.fit_width(1400)
    assert view._body.direction() == QBoxLayout.Direction.LeftToRight
    assert row.direction() == QBoxLayout.Direction.LeftToRight
    assert controls.getItemPosition(controls.indexOf(view.saliency.view.class_combo))[:2] == (0, 2)
