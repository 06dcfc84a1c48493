"""The watch's findings of a project's last run, the next day: a trained project opened in a
fresh window shows them as the same "Doctor, last run" rows with the same Fix buttons; a
finding without a node (the loss diverges) has a Fix that can be found and clicked; a stored
finding that cannot be read is left out with a note, never a crash."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from netbuilder.io import save_project
from netbuilder.qt.doctor_ui import RUN_STALE
from tests.engine.doctor.support import mlp_project
from tests.qt.doctor_support import open_project, run_rows, train

DIVERGES = "Loss diverges"


@pytest.fixture
def too_fast(tmp_path: Path) -> Path:
    """Plain SGD at learning rate 10: the loss diverges within the first epochs."""
    project = mlp_project([16, 16], optimizer="sgd", lr=10.0, epochs=3)
    return save_project(tmp_path / "too_fast.json", project)


def _diverges_row(window):  # type: ignore[no-untyped-def]
    rows = [r for r in run_rows(window) if DIVERGES in r.message]
    assert len(rows) == 1, [r.message.splitlines()[0] for r in run_rows(window)]
    return rows[0]


def test_a_diverging_runs_fix_without_a_node_sets_the_learning_rate_in_one_undo_step(
    make_window, qtbot, too_fast: Path
) -> None:
    window = make_window()
    open_project(window, qtbot, too_fast)
    assert train(window, qtbot) is not None
    row = _diverges_row(window)
    button = window.issues.fix_button(row.node, DIVERGES)
    assert button is not None and button.text() == "Fix: Set the learning rate to 1"
    assert button.isVisible() and button.isEnabled()
    stack = window.document.undo_stack
    depth = stack.index()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.document.project.training.lr == pytest.approx(1.0)
    assert stack.index() == depth + 1
    assert run_rows(window) == [] and RUN_STALE in window.issues.summary.text()
    stack.undo()
    assert window.document.project.training.lr == pytest.approx(10.0)


def test_a_reopened_trained_project_shows_its_last_runs_findings_with_their_fix(
    make_window, qtbot, too_fast: Path, tmp_path: Path
) -> None:
    first = make_window()
    open_project(first, qtbot, too_fast)
    train(first, qtbot)
    before = [r.message for r in run_rows(first)]
    assert any(DIVERGES in m for m in before)
    saved = tmp_path / "too_fast.nbproj"
    assert first.save_to(saved)

    window = make_window()
    assert run_rows(window) == []
    open_project(window, qtbot, saved)
    assert [r.message for r in run_rows(window)] == before  # the same rows as after the run
    row = _diverges_row(window)
    button = window.issues.fix_button(row.node, DIVERGES)
    assert button is not None and button.text() == "Fix: Set the learning rate to 1"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.document.project.training.lr == pytest.approx(1.0)
    assert run_rows(window) == []  # an edit still clears them
    window.document.undo_stack.undo()
    assert window.document.project.training.lr == pytest.approx(10.0)

    # Another project without a history: the rows go.
    open_project(window, qtbot, too_fast)
    assert run_rows(window) == []


def _with_history(path: Path, history_text: str) -> None:
    """Rewrite the archive's history.json (the saved runs) with ``history_text``."""
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    name = next(n for n in members if n.endswith("history.json"))
    members[name] = history_text.encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, data in members.items():
            z.writestr(n, data)


def test_a_malformed_stored_finding_is_left_out_with_a_note(
    make_window, qtbot, tmp_path: Path
) -> None:
    import json

    project = mlp_project([8], optimizer="sgd", lr=10.0)
    good = {
        "rule": "loss_diverging",
        "node": None,
        "seen": {"lr": 10.0},
        "remedies": [
            {"kind": "set_setting", "label": "Set the learning rate to 1", "setting": "lr"}
            | {"value": 1.0}
        ],
    }  # no meaning or advice: missing keys are tolerated
    bad = [{"rule": "loss_plateau", "remedies": "lower it"}, {"node": "linear_1"}, 42]
    history = {"runs": [{"epochs": [], "summary": {"findings": [good, *bad]}}]}
    path = save_project(tmp_path / "odd.nbproj", project, history={"runs": []})
    _with_history(path, json.dumps(history))

    window = make_window()
    open_project(window, qtbot, path)
    row, note = run_rows(window)
    assert DIVERGES in row.message and row.node is None
    button = window.issues.fix_button(None, DIVERGES)
    assert button is not None and button.text() == "Fix: Set the learning rate to 1"
    assert len(window.training.watch.unread) == 3
    assert "3 findings stored for the last run could not be read" in note.message
    assert "remedies is not a list" in note.message and note.action is None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.document.project.training.lr == pytest.approx(1.0)
