"""The training doctor in the window, beyond the pre-run check: the watch's findings on a run
become Issues rows (node, numbers, meaning, advice, a one-click undoable Fix), replaced by the
next run and dropped after an edit; with "Continue training" on, the check examines the saved
weights and its Fix re-initialises a wrongly scaled layer in them, undoably."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from netbuilder.io import save_project
from netbuilder.qt.doctor_ui import RUN_STALE, SAVED_WEIGHTS_NOTE
from tests.engine.doctor.support import initial_module, mlp_project, scaled_weights
from tests.qt.doctor_support import open_project, run_rows, train

SHOTS = Path(os.environ.get("NETBUILDER_SHOTS", "")) if os.environ.get("NETBUILDER_SHOTS") else None


@pytest.fixture
def deep_sigmoid(tmp_path: Path) -> Path:
    # 12 epochs (132 steps): the watch judges a layer on 4 gradient samples or more, and after
    # steps 1 and 11 the sampling budget spaces them ~300x a sample's cost (in plain steps).
    project = mlp_project([32] * 6, "Sigmoid", optimizer="sgd", lr=0.1, epochs=12)
    return save_project(tmp_path / "deep_sigmoid.json", project)


def test_a_runs_vanishing_gradient_is_a_row_on_linear_1_with_an_undoable_fix(
    make_window, qtbot, deep_sigmoid: Path
) -> None:
    window = make_window()
    open_project(window, qtbot, deep_sigmoid, arrange=True)
    result = train(window, qtbot)
    assert result is not None
    # linear_1 also has "Updates too small" (its order among the rows is not the point).
    rows = [i for i in run_rows(window) if i.node == "linear_1" and "Vanishing" in i.message]
    assert rows and "Vanishing gradient" in rows[0].message
    assert "Seen: share of the largest layer's" in rows[0].message
    assert "Means: " in rows[0].message and "Try: " in rows[0].message
    # The history keeps them, as `netbuilder train` writes them.
    saved = window.document.results.runs[-1]["summary"]["findings"]
    assert "vanishing_gradient" in {f["rule"] for f in saved}
    if SHOTS:
        window.issues_dock.raise_()
        for size in ((1400, 900), (1024, 640)):
            window.resize(*size)
            qtbot.waitUntil(lambda s=size: (window.width(), window.height()) == s)
            window.grab().save(str(SHOTS / f"doctor_run_{size[0]}x{size[1]}.png"))
        window.resize(1400, 900)
    button = window.issues.fix_button("linear_1")
    assert button is not None and button.text() == "Fix: Swap 6 layers for ReLU"
    graph = window.document.graph
    depth = window.document.undo_stack.index()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert graph.nodes_of_type("Sigmoid") == [] and len(graph.nodes_of_type("ReLU")) == 6
    assert window.document.undo_stack.index() == depth + 1  # one step
    assert run_rows(window) == [] and RUN_STALE in window.issues.summary.text()
    window.document.undo_stack.undo()
    assert len(graph.nodes_of_type("Sigmoid")) == 6 and graph.nodes_of_type("ReLU") == []


def test_the_next_run_replaces_the_last_runs_rows(make_window, qtbot, deep_sigmoid: Path) -> None:
    window = make_window()
    open_project(window, qtbot, deep_sigmoid, arrange=True)
    train(window, qtbot)
    assert any("Vanishing gradient" in r.message for r in run_rows(window))
    window.training_panel.fields["lr"].setValue(0.2)  # an undo step: the rows are dropped
    assert run_rows(window) == []
    button = window.issues.fix_button("linear_1")
    assert button is None  # no row is left to fix from
    vanishing = next(f for f in window.training.watch.findings if f.rule == "vanishing_gradient")
    window.doctor.check.apply(vanishing)  # the swap, as Fix did
    train(window, qtbot)
    rows = run_rows(window)
    assert len(rows) == len(window.training.watch.findings)
    assert not any("Vanishing gradient" in r.message for r in rows)


@pytest.mark.slow  # a check of a digits MLP: 8-20 s on a loaded machine
def test_continue_training_checks_the_saved_weights_and_reinitialises_their_layer(
    make_window, qtbot, tmp_path: Path
) -> None:
    project = mlp_project([32, 32], dataset="digits", n_out=10)
    weights = scaled_weights(project, "linear_3", 50.0)
    path = save_project(tmp_path / "scaled.nbproj", project, weights=weights)
    window = make_window()
    open_project(window, qtbot, path, arrange=True)
    panel = window.training_panel
    panel.continue_box.setChecked(True)
    window.training_dock.raise_()
    with qtbot.waitSignal(window.doctor.check.report_changed, timeout=60_000):
        qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.doctor.check.task is None)
    (row,) = [i for i in window.issues.issues if i.from_doctor and i.node == "linear_3"]
    assert "Loss at initialisation far too high" in row.message
    assert f"Seen{SAVED_WEIGHTS_NOTE}:" in row.message
    button = window.issues.fix_button("linear_3")
    assert button is not None and "Re-initialise linear_3" in button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    fixed = window.document.results.weights
    assert fixed is not None and fixed != weights and window.document.is_modified
    from safetensors.torch import load

    changed = {k for k, v in load(fixed).items() if not bool((v == load(weights)[k]).all())}
    assert changed <= {"linear_3.weight", "linear_3.bias"} and "linear_3.weight" in changed
    fresh = initial_module(project).state_dict()  # the seeded start of a fresh run
    assert all(bool((load(fixed)[k] == fresh[k]).all()) for k in changed)
    window.document.undo_stack.undo()  # the trained weights come back
    assert window.document.results.weights == weights
    window.document.undo_stack.redo()
    assert window.document.results.weights == fixed


def test_without_continue_training_the_check_examines_a_fresh_start(
    make_window, qtbot, tmp_path: Path
) -> None:
    project = mlp_project([32, 32], dataset="digits", n_out=10)
    weights = scaled_weights(project, "linear_3", 50.0)
    path = save_project(tmp_path / "scaled.nbproj", project, weights=weights)
    window = make_window()
    open_project(window, qtbot, path, arrange=True)
    assert not window.training_panel.continue_training
    window.training_dock.raise_()
    with qtbot.waitSignal(window.doctor.check.report_changed, timeout=60_000) as got:
        window.doctor.action.trigger()
    qtbot.waitUntil(lambda: window.doctor.check.task is None)
    assert got.args[0].findings == ()  # a fresh start is well scaled


@pytest.mark.slow  # a check of a digits MLP, then a short run
def test_undoing_the_reinitialise_fix_after_a_run_keeps_the_runs_weights(
    make_window, qtbot, tmp_path: Path
) -> None:
    project = mlp_project([32, 32], dataset="digits", n_out=10, epochs=1)
    path = save_project(
        tmp_path / "scaled.nbproj", project, weights=scaled_weights(project, "linear_3", 50.0)
    )
    window = make_window()
    open_project(window, qtbot, path, arrange=True)
    window.training_panel.continue_box.setChecked(True)
    with qtbot.waitSignal(window.doctor.check.report_changed, timeout=60_000):
        window.training_panel.check_button.click()
    qtbot.waitUntil(lambda: window.doctor.check.task is None)
    button = window.issues.fix_button("linear_3")
    assert button is not None
    button.click()
    assert window.doctor.check.report is None  # it spoke of the weights just replaced
    train(window, qtbot)
    trained = window.document.results.weights
    assert window.document.results.runs  # the run's weights and history
    window.document.undo_stack.undo()  # the Fix's undo: the run's results stay
    assert window.document.results.weights is trained
