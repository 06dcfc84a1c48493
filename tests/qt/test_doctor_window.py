"""Check the Network in the window: findings as Issues rows on their node with a one-click,
undoable fix; the learning-rate range plot's button; a healthy example has no finding rows."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from netbuilder.io import save_project
from netbuilder.qt.doctor import BUSY, STALE
from netbuilder.qt.doctor_ui import HEALTHY
from tests.engine.doctor.support import mlp_project
from tests.examples_support import example

SHOTS = Path(os.environ.get("NETBUILDER_SHOTS", "")) if os.environ.get("NETBUILDER_SHOTS") else None


def _open(window, qtbot, path: Path) -> None:
    assert window.open_path(path, ask=False)
    window.auto_arrange()  # the test projects' nodes all start at the origin
    qtbot.waitUntil(lambda: window.doctor.check.blocker() is None, timeout=10_000)


def _check(window, qtbot) -> None:
    window.training_dock.raise_()
    button = window.training_panel.check_button
    qtbot.waitUntil(button.isVisible)
    with qtbot.waitSignal(window.doctor.check.report_changed, timeout=60_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.doctor.check.task is None)


def _doctor_rows(window):
    return [i for i in window.issues.issues if i.from_doctor]


@pytest.fixture
def deep_sigmoid(tmp_path: Path) -> Path:
    project = mlp_project([16] * 6, "Sigmoid", optimizer="sgd", lr=0.1)
    return save_project(tmp_path / "deep_sigmoid.json", project)


def test_vanishing_gradient_row_on_linear_1_and_its_fix_is_one_undo_step(
    make_window, qtbot, deep_sigmoid: Path
) -> None:
    window = make_window()
    _open(window, qtbot, deep_sigmoid)
    _check(window, qtbot)
    rows = [i for i in _doctor_rows(window) if i.node == "linear_1"]
    assert rows and "Vanishing gradient" in rows[0].message
    assert "Seen:" in rows[0].message and "Try:" in rows[0].message
    # Rows are four lines tall: the bottom docks grow to a finished run's share for them
    # (the share includes the docks' tab bar).
    qtbot.waitUntil(lambda: window.issues_dock.height() >= int(0.3 * window.height()) - 40)
    if SHOTS:
        for size in ((1400, 900), (1024, 640)):
            window.resize(*size)
            qtbot.waitUntil(lambda s=size: (window.width(), window.height()) == s)
            window.grab().save(str(SHOTS / f"doctor_findings_{size[0]}x{size[1]}.png"))
        window.resize(1400, 900)
    button = window.issues.fix_button("linear_1")
    assert button is not None and "ReLU" in button.text()
    graph = window.document.graph
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "act_1" not in graph and graph.nodes_of_type("Sigmoid") == []
    assert len(graph.nodes_of_type("ReLU")) == 6
    # The findings were about the network before the fix: they are gone, the list says why.
    assert _doctor_rows(window) == []
    assert STALE in window.issues.summary.text()
    window.document.undo_stack.undo()
    assert graph.node("act_1").type == "Sigmoid" and graph.nodes_of_type("ReLU") == []


def test_lr_range_plot_and_use_this_rate_sets_the_learning_rate(
    make_window, qtbot, tmp_path: Path
) -> None:
    path = save_project(tmp_path / "lr10.json", mlp_project([32, 32], optimizer="sgd", lr=10.0))
    window = make_window()
    _open(window, qtbot, path)
    _check(window, qtbot)
    view = window.doctor.lr_view
    suggested = view.suggested
    assert suggested is not None and suggested < 1.0
    window.results_dock.raise_()
    window.results_tabs.setCurrentWidget(window.doctor.lr_tab)
    qtbot.waitUntil(view.use_button.isVisible)
    qtbot.waitUntil(lambda: window.results_dock.height() >= int(0.3 * window.height()) - 40)
    if SHOTS:
        for size in ((1400, 900), (1024, 640)):
            window.resize(*size)
            qtbot.waitUntil(lambda s=size: (window.width(), window.height()) == s)
            window.grab().save(str(SHOTS / f"doctor_lr_{size[0]}x{size[1]}.png"))
    qtbot.mouseClick(view.use_button, Qt.MouseButton.LeftButton)
    assert window.document.project.training.lr == pytest.approx(suggested, rel=1e-2)
    assert window.training_panel.fields["lr"].value() == pytest.approx(suggested, rel=1e-2)
    window.document.undo_stack.undo()
    assert window.document.project.training.lr == 10.0


def test_healthy_example_shows_no_finding_rows(make_window, qtbot) -> None:
    window = make_window()
    _open(window, qtbot, example("moons_mlp"))
    _check(window, qtbot)
    assert _doctor_rows(window) == []
    assert HEALTHY in window.issues.summary.text()


def test_check_is_refused_while_a_check_runs(make_window, qtbot, deep_sigmoid: Path) -> None:
    window = make_window()
    _open(window, qtbot, deep_sigmoid)
    with qtbot.waitSignal(window.doctor.check.report_changed, timeout=60_000):
        window.doctor.action.trigger()
        assert not window.training_panel.check_button.isEnabled()
        assert window.training_panel.check_button.toolTip() == BUSY
        with qtbot.waitSignal(window.doctor.check.failed) as refused:
            window.doctor.check.check()
        assert refused.args == [BUSY]
    qtbot.waitUntil(window.training_panel.check_button.isEnabled)


def test_an_edit_during_the_check_makes_its_findings_stale(
    make_window, qtbot, deep_sigmoid: Path
) -> None:
    window = make_window()
    _open(window, qtbot, deep_sigmoid)
    with qtbot.waitSignal(window.doctor.check.report_changed, timeout=60_000) as blocker:
        window.doctor.action.trigger()
        window.document.rename_node("linear_1", "first")  # while the task runs
    assert blocker.args == [None]
    assert _doctor_rows(window) == [] and STALE in window.issues.summary.text()
    qtbot.waitUntil(lambda: window.doctor.check.task is None)


def test_cancel_in_the_status_bar_ends_the_check_without_findings(
    make_window, qtbot, deep_sigmoid: Path
) -> None:
    window = make_window()
    _open(window, qtbot, deep_sigmoid)
    reports: list[object] = []
    window.doctor.check.report_changed.connect(reports.append)
    window.doctor.action.trigger()
    task = window.doctor.check.task
    assert task is not None
    cancel = window.task_progress.cancel_button
    qtbot.waitUntil(cancel.isVisible)
    with qtbot.waitSignal(task.finished, timeout=60_000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert reports == [] and _doctor_rows(window) == []
    qtbot.waitUntil(window.training_panel.check_button.isEnabled)


def test_check_is_refused_with_the_reason_while_a_run_holds_the_network(
    make_window, qtbot, deep_sigmoid: Path
) -> None:
    from netbuilder.qt.training.controller import LOCK_REASON

    window = make_window()
    _open(window, qtbot, deep_sigmoid)
    window.document.set_edit_lock(LOCK_REASON)  # what a training run holds
    button = window.training_panel.check_button
    assert not button.isEnabled() and button.toolTip() == LOCK_REASON
    with qtbot.waitSignal(window.doctor.check.failed) as refused:
        assert window.doctor.check.check() is None
    assert refused.args == [LOCK_REASON]
    window.document.set_edit_lock(None)
    assert button.isEnabled()
