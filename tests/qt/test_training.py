"""Live training in the window: start, plots, pause/resume, stop, weights, close, errors."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PySide6.QtWidgets import QMessageBox

from netbuilder.io import load_project
from netbuilder.qt.app import examples_dir
from netbuilder.qt.document import EditLockedError
from netbuilder.qt.main_window import MainWindow
from netbuilder.qt.training.overlay import classify_gradients
from netbuilder.qt.training.plotkit import GrowBuffer

TIMEOUT = 20_000


@pytest.fixture
def window(make_window):
    return make_window((1200, 800))  # shown: plots are drawn only while visible


def _open(window, name: str, epochs: int) -> None:
    assert window.open_example(examples_dir() / f"{name}.json")
    window.training_panel.fields["epochs"].setValue(epochs)
    assert window.document.project.training.epochs == epochs


def _export(qtbot, menu, fmt: str, path):
    """Export in the window's task and wait for it: the written path, or None after an error."""
    task = menu.export_to(fmt, path)
    results: list = []
    task.returned.connect(results.append)
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)
    return results[0].path if results else None


def _points(curve) -> int:
    x, _y = curve.getData()
    return 0 if x is None else len(x)


def test_grow_buffer_doubles_and_keeps_rows():
    buf = GrowBuffer(2, capacity=2)
    for i in range(5):
        buf.extend([[i, i * 10]])
    assert len(buf) == 5 and buf.data.shape[0] == 8
    assert buf.view(1).tolist() == [0, 10, 20, 30, 40]


def test_classify_gradients_finds_vanishing_exploding_and_nan():
    norms = {"a": 1.0, "b": 1.2, "c": 1e-6, "d": 5e4, "e": float("nan")}
    kinds = {i.node: i.kind for i in classify_gradients(norms)}
    assert kinds == {"c": "vanishing", "d": "exploding", "e": "non_finite"}


def test_run_pause_resume_stop_keeps_weights(window, qtbot, tmp_path):
    _open(window, "moons_mlp", 2000)
    ctl = window.training
    with qtbot.waitSignal(ctl.plots.heat_image.sigImageChanged, timeout=TIMEOUT):
        window.training_panel.start_button.click()
    assert window.training_panel.start_button.isEnabled() is False
    # Edits are locked with a reason while training.
    assert window.findChild(type(ctl.banner), "trainingBanner").isVisibleTo(window)
    with pytest.raises(EditLockedError, match="Training is running"):
        window.document.set_params("linear_1", {"out_features": 8})
    assert not window.layer_palette.isEnabled()
    qtbot.waitUntil(lambda: _points(ctl.plots.train_smooth) > 0, timeout=TIMEOUT)
    # One plot is redrawn per frame, so the gradient curve follows a little later.
    qtbot.waitUntil(lambda: _points(ctl.plots.grad_curves["linear_1"]) > 0, timeout=TIMEOUT)
    initial = {k: v.clone() for k, v in ctl.run.prepared.module.state_dict().items()}

    with qtbot.waitSignal(ctl.run.paused, timeout=TIMEOUT):
        window.training_panel.pause_button.click()
    assert window.training_panel.pause_button.text() == "Resume"
    step = ctl.run.prepared.trainer.step
    qtbot.wait(50)  # an interval with the run paused: its step counter must not move
    assert ctl.run.prepared.trainer.step == step
    with qtbot.waitSignal(ctl.run.resumed, timeout=TIMEOUT):
        window.training_panel.pause_button.click()
    qtbot.waitUntil(lambda: ctl.run.prepared.trainer.step > step, timeout=TIMEOUT)

    with qtbot.waitSignal(ctl.run_ended, timeout=TIMEOUT) as ended:
        window.training_panel.stop_button.click()
    result = ended.args[0]
    assert result.train.status == "stopped"
    assert window.document.edit_lock is None and window.layer_palette.isEnabled()
    state = ctl.last_prepared.module.state_dict()
    assert any(not torch.equal(state[k].cpu(), initial[k].cpu()) for k in initial)
    assert window.document.results.weights
    assert window.document.results.runs[-1]["summary"]["status"] == "stopped"
    path = tmp_path / "trained.nbproj"
    assert window.save_to(path)
    loaded = load_project(path)
    assert loaded.weights == result.weights and loaded.history["runs"]


def test_completed_run_shows_evaluation_and_boundary(window, qtbot):
    _open(window, "moons_mlp", 3)
    ctl = window.training
    with qtbot.waitSignal(ctl.run_ended, timeout=TIMEOUT) as ended:
        window.training_panel.start_button.click()
    assert ended.args[0].train.status == "completed"
    view = window.evaluation_view
    assert view.confusion.rowCount() == 2
    total = sum(int(view.confusion.item(r, c).text()) for r in range(2) for c in range(2))
    assert total == ended.args[0].test.n_samples
    # The boundary is drawn when its tab is shown (live grids only replace each other).
    window.results_tabs.setCurrentIndex(1)  # Evaluation
    assert view.plots.boundary_image.image is not None and view._grid is None
    assert len(view.plots.boundary_points.data) == ctl.last_prepared.dataset.x_train.shape[0]
    assert "accuracy" in view.summary.text()
    assert "(baseline: " in view.summary.text()  # the majority class's test accuracy
    # Evaluating again runs in a task; the view shows its result.
    view.evaluate_button.click()
    task = view.evaluation_task
    assert task is not None and "Evaluating on the test split" in view.summary.text()
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)
    assert "test evaluation" in view.summary.text() and "accuracy" in view.summary.text()
    assert "predicting the training majority class" in view.summary.text()
    # Settings changes are undoable project edits.
    window.training_panel.fields["lr"].setValue(0.05)
    assert window.document.project.training.lr == pytest.approx(0.05)
    window.document.undo_stack.undo()
    assert window.training_panel.fields["lr"].value() == pytest.approx(0.01)


def test_a_prepared_run_waits_for_the_window_then_trains(qtbot):
    from netbuilder.engine.training.session import prepare
    from netbuilder.qt.training.worker import GO_TIMEOUT_S, TrainingRun

    project = load_project(examples_dir() / "moons_mlp.json").project
    project.training.epochs = 2
    runs = [TrainingRun(lambda: prepare(project, examples_dir())) for _ in range(2)]
    for run in runs:
        with qtbot.waitSignal(run.ready, timeout=TIMEOUT):
            run.start()
    qtbot.wait(50)  # an interval in which neither may take a step before go()
    assert [r.prepared.trainer.step for r in runs] == [0, 0]
    with qtbot.waitSignal(runs[0].finished, timeout=TIMEOUT):
        runs[0].go()
    assert runs[0].prepared.trainer.step > 0
    # Stopping a run that waits for go() ends it at once, without a step.
    with qtbot.waitSignal(runs[1].ended, timeout=int(GO_TIMEOUT_S * 1000 / 2)):
        runs[1].stop()
    assert runs[1].prepared.trainer.step == 0


def test_continue_from_the_trained_weights(window, qtbot, monkeypatch):
    import netbuilder.engine.training.session as session

    _open(window, "moons_mlp", 2)
    panel, ctl = window.training_panel, window.training
    assert not panel.continue_box.isEnabled()  # an example holds no weights
    with qtbot.waitSignal(ctl.run_ended, timeout=TIMEOUT) as first:
        panel.start_button.click()
    assert panel.continue_box.isEnabled() and not panel.continue_box.isChecked()
    seen: list = []
    real = session.prepare

    def spy(*args, **kw):
        seen.append(kw.get("weights"))
        return real(*args, **kw)

    monkeypatch.setattr(session, "prepare", spy)
    panel.continue_box.setChecked(True)
    with qtbot.waitSignal(ctl.run_ended, timeout=TIMEOUT):
        panel.start_button.click()
    assert seen == [first.args[0].weights]
    # Weights that no longer fit the network fail the run with the reason, in the Training
    # tab and the Issues list (a problem of the project, not a crash: no dialog).
    errors: list = []
    monkeypatch.setattr(window, "show_error", lambda title, msg: errors.append(msg))
    window.document.set_params("linear_1", {"out_features": 7})
    with qtbot.waitSignal(ctl.run_ended, timeout=TIMEOUT):
        panel.start_button.click()
    assert errors == []
    assert "graph changed" in panel.error_label.text() and panel.error_label.isVisibleTo(panel)
    assert window.issues.run_problem is not None
    assert "graph changed" in window.issues.run_problem.message
    assert panel.start_button.isEnabled()
    # Another project: nothing to continue from.
    _open(window, "first_network", 1)
    assert not panel.continue_box.isEnabled() and not panel.continue_box.isChecked()


def test_close_mid_run_stops_the_thread(qtbot, qsettings):
    w = MainWindow(qsettings)
    w.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(w)
    _open(w, "digits_mlp", 500)
    ctl = w.training
    w.training_panel.start_button.click()
    qtbot.waitUntil(lambda: ctl.progress_count > 0, timeout=TIMEOUT)
    thread = ctl.run.thread
    w.document.undo_stack.setClean()
    assert w.close()
    assert not thread.isRunning()
    assert ctl.run is None


def test_worker_exception_shows_dialog(window, qtbot, monkeypatch):
    _open(window, "moons_mlp", 3)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "show_error", lambda title, msg: errors.append((title, msg)))

    def boom(*_a, **_k):
        raise RuntimeError("simulated failure in the trainer")

    monkeypatch.setattr("netbuilder.engine.training.session.prepare", boom)
    with qtbot.waitSignal(window.training.run_ended, timeout=TIMEOUT):
        window.training_panel.start_button.click()
    assert errors and "simulated failure" in errors[0][1]
    assert window.document.edit_lock is None
    assert window.training_panel.start_button.isEnabled()


def test_gradient_overlay_tints_and_reports(window, qtbot):
    _open(window, "moons_mlp", 3)
    issues = window.training.overlay.update({"linear_1": 1.0, "linear_2": 1.1, "linear_3": 1e-7})
    assert [i.kind for i in issues] == ["vanishing"]
    window.issues.set_training_issues(issues)
    assert any("vanishing" in i.message for i in window.issues.issues)
    assert window.training.overlay.legend.isVisibleTo(window)
    window.training.overlay.clear()
    window.issues.set_training_issues([])
    assert not any("vanishing" in i.message for i in window.issues.issues)
    assert np.isfinite(window.training.overlay.legend.hi)


def test_export_from_the_window_uses_the_trained_weights(window, qtbot, tmp_path):
    import subprocess
    import sys

    from safetensors.numpy import load_file

    _open(window, "moons_mlp", 2)
    menu = window.export_menu
    assert set(menu.actions_by_format) == {"python", "torchrun", "onnx", "pt2", "safetensors"}
    # Never trained: the seeded initial weights, and the status bar says so.
    initial = _export(qtbot, menu, "safetensors", tmp_path / "initial.safetensors")
    assert initial is not None and "never trained" in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.training.run_ended, timeout=TIMEOUT):
        window.training_panel.start_button.click()
    trained = _export(qtbot, menu, "safetensors", tmp_path / "trained.safetensors")
    a, b = load_file(str(initial)), load_file(str(trained))
    assert a.keys() == b.keys() and any((a[k] != b[k]).any() for k in a)
    py = _export(qtbot, menu, "python", tmp_path / "moons.py")
    code = f"import ast; ast.parse(open({str(py)!r}).read())"
    subprocess.run([sys.executable, "-c", code], check=True)
    assert not (tmp_path / "moons.safetensors").exists()
    # File > Export > Python offers the weights beside the .py: the trained ones.
    menu.ask_path = lambda _fmt: tmp_path / "beside.py"
    menu.ask_weights_beside = lambda _path: True
    task = menu.export_interactive("python")
    assert task is not None
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)
    beside = load_file(str(tmp_path / "beside.safetensors"))
    assert all((beside[k] == b[k]).all() for k in b)
    assert "beside.safetensors" in window.statusBar().currentMessage()
    menu.ask_weights_beside = lambda _path: None  # Cancel: nothing written
    menu.ask_path = lambda _fmt: tmp_path / "cancelled.py"
    assert menu.export_interactive("python") is None
    assert not (tmp_path / "cancelled.py").exists()


def test_export_of_a_broken_graph_shows_the_error_and_writes_nothing(window, qtbot, tmp_path):
    _open(window, "moons_mlp", 2)
    errors: list[tuple[str, str]] = []
    window.show_error = lambda title, msg: errors.append((title, msg))
    window.document.disconnect(window.document.graph.in_edges("linear_2")[0])
    target = tmp_path / "broken.onnx"
    assert _export(qtbot, window.export_menu, "onnx", target) is None
    assert errors and errors[0][0] == "Export failed" and "linear_2" in errors[0][1]
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_ema_smooths_and_skips_non_finite_losses():
    from netbuilder.qt.training.plotkit import ema

    out = ema(np.array([1.0, np.nan, 2.0, 3.0]), 0.5)
    assert out.tolist() == [1.0, 1.0, 1.5, 2.25]
    assert ema(np.array([2.0]), 0.5, start=0.0).tolist() == [1.0]
    assert np.isnan(ema(np.array([np.nan]), 0.5)[0])


def test_resume_after_training_in_the_window_continues_the_windows_state(
    window, qtbot, tmp_path, capsys
):
    """Open a trained .nbproj with a checkpoint, train further in the window, save: the saved
    checkpoint is the window's, and ``netbuilder train --resume`` continues from it."""
    import json

    import safetensors.torch

    from netbuilder.cli import main

    trained = tmp_path / "trained.nbproj"
    example = str(examples_dir() / "moons_mlp.json")
    assert main(["train", example, "--epochs", "1", "--out", str(trained), "--json"]) == 0
    before = load_project(trained)
    per_epoch = before.checkpoint_meta["step"]
    assert per_epoch > 0
    capsys.readouterr()

    assert window.open_path(trained)
    assert window.document.results.checkpoint == before.checkpoint
    window.training_panel.fields["epochs"].setValue(2)
    window.training_panel.continue_box.setChecked(True)
    with qtbot.waitSignal(window.training.run_ended, timeout=TIMEOUT) as ended:
        window.training_panel.start_button.click()
    result = ended.args[0]
    assert result.train.status == "completed" and result.train.steps == 2 * per_epoch
    assert window.save()

    saved = load_project(trained)
    assert saved.weights == result.weights
    assert saved.checkpoint_meta["step"] == 2 * per_epoch  # the window's run, not the file's
    checkpoint = safetensors.torch.load(saved.checkpoint)
    for name, tensor in safetensors.torch.load(saved.weights).items():
        assert torch.equal(checkpoint[f"model/{name}"], tensor), name

    assert main(["train", str(trained), "--epochs", "3", "--resume", "--json"]) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    epochs = [d for d in docs if d["event"] == "epoch"]
    assert [d["epoch"] for d in epochs] == [3]  # epochs 1 and 2 are the window's
    assert docs[-1]["steps"] == 3 * per_epoch


def test_a_finished_run_leaves_the_project_modified_until_saved(window, qtbot, tmp_path):
    _open(window, "moons_mlp", 1)
    window.document.undo_stack.setClean()  # the epochs edit saved, say
    assert not window.document.is_modified
    with qtbot.waitSignal(window.document.modified_changed, timeout=TIMEOUT) as changed:
        window.training_panel.start_button.click()
    assert changed.args == [True] and window.document.is_modified
    assert window.isWindowModified()  # the title shows it
    asked: list[bool] = []
    window.ask_save_changes = lambda: asked.append(True) or QMessageBox.StandardButton.Cancel
    assert not window.maybe_discard() and asked  # closing would lose the weights: asked first
    assert window.save_to(tmp_path / "trained.nbproj")
    assert not window.document.is_modified


@pytest.fixture
def trained_file(tmp_path, capsys):
    """moons_mlp trained for 3 epochs by the CLI, saved with its weights and history."""
    from netbuilder.cli import main

    path = tmp_path / "trained.nbproj"
    example = str(examples_dir() / "moons_mlp.json")
    assert main(["train", example, "--epochs", "3", "--out", str(path), "--json"]) == 0
    capsys.readouterr()
    return path


def test_a_reopened_trained_project_shows_its_last_run(window, qtbot, trained_file):
    assert window.open_path(trained_file)
    ctl, view, panel = window.training, window.evaluation_view, window.training_panel
    # The last run's curves, one point an epoch, drawn from the file's history.
    assert _points(ctl.plots.train_smooth) == 3
    assert _points(ctl.plots.val_curve) == 3
    assert _points(ctl.plots.metric_curve) == 3
    assert panel.progress.format() == "Last run: 3 epochs, completed"
    assert "accuracy" in view.summary.text() and view.confusion.rowCount() == 2
    assert "predicting the training majority class" in view.summary.text()  # from history.json
    assert view.evaluate_button.isEnabled()

    # Evaluate now prepares the project with the saved weights in a task, then evaluates.
    task = ctl.evaluate_now()
    assert task is view.evaluation_task and "Preparing the saved weights" in view.summary.text()
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)
    assert "test evaluation" in view.summary.text() and "accuracy" in view.summary.text()
    prepared = ctl.last_prepared
    saved = load_project(trained_file).weights
    from netbuilder.engine.training.checkpoint import weights_to_bytes

    assert prepared is not None and weights_to_bytes(prepared.module) == saved
    # Two features: the weights' decision boundary too, drawn when its tab is shown.
    window.results_tabs.setCurrentIndex(1)  # Evaluation
    assert view.plots.boundary_plot.isVisibleTo(view)
    assert view.plots.boundary_image.image is not None
    assert len(view.plots.boundary_points.data) == prepared.dataset.x_train.shape[0]

    # Another project: nothing of this one's run stays.
    assert window.open_example(examples_dir() / "moons_mlp.json")
    assert panel.progress.format() == "No run yet" and _points(ctl.plots.train_smooth) == 0
    assert not view.evaluate_button.isEnabled() and ctl.last_prepared is None


def test_saved_weights_that_no_longer_fit_say_so(window, qtbot, trained_file):
    assert window.open_path(trained_file)
    window.document.set_params("linear_1", {"out_features": 8})
    task = window.training.evaluate_now()
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)
    text = window.evaluation_view.summary.text()
    assert "Evaluation failed" in text and "saved weights no longer fit the network" in text
    assert window.training.last_prepared is None


def test_evaluate_after_an_edit_prepares_the_edited_network(window, qtbot, trained_file):
    """A prepared network is reused only while the graph and data it was built from stand."""
    assert window.open_path(trained_file)
    ctl = window.training
    task = ctl.evaluate_now()
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)
    first = ctl.last_prepared
    assert first is not None

    window.document.move_nodes({"linear_1": ((0.0, 0.0), (40.0, 40.0))})  # a move: reused
    task = ctl.evaluate_now()
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)
    assert ctl.last_prepared is first

    window.document.set_params("linear_1", {"out_features": 8})
    task = ctl.evaluate_now()
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)
    text = window.evaluation_view.summary.text()
    assert "saved weights no longer fit the network" in text and ctl.last_prepared is None


def test_a_history_of_another_shape_opens_without_breaking_the_plots(window, tmp_path):
    """history.json is read from a file: runs of a shape the plots do not draw are left out."""
    from netbuilder.io import load_project, save_project

    loaded = load_project(examples_dir() / "moons_mlp.json")
    history = {"runs": [{"epochs": 5}, 7, {"epochs": [None, {"epoch": 1, "train_loss": 0.4}]}]}
    path = save_project(tmp_path / "odd.nbproj", loaded.project, history=history)
    assert window.open_path(path)
    assert _points(window.training.plots.train_smooth) == 1  # the one epoch it could draw
    assert window.training.panel.progress.format().startswith("Last run")
