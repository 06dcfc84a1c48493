"""Start is usable only while the project can train; why not is said, never a dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolTip

from netbuilder.model import NetbuilderError
from netbuilder.qt.app import examples_dir

TIMEOUT = 20_000


@pytest.fixture
def window(make_window):
    w = make_window((1200, 800))
    w.show_error = lambda title, msg: pytest.fail(f"a dialog: {title}: {msg}")
    return w


def _open(window, name: str = "moons_mlp") -> None:
    assert window.open_example(examples_dir() / f"{name}.json")
    window.training_panel.fields["epochs"].setValue(1)


# The tooltip's window: the offscreen platform cannot raise it.
@pytest.mark.qt_log_ignore(r"This plugin does not support (raise|propagateSizeHints)\(\)")
def test_start_is_disabled_with_the_reason_until_the_project_can_train(window, qtbot):
    panel = window.training_panel
    start = panel.start_button
    assert not start.isEnabled()
    assert "network is empty" in start.toolTip()
    _open(window)
    assert start.isEnabled() and not panel.blocked_label.isVisibleTo(panel)
    # An unconnected layer: the reason names it, in the tooltip and a line in the tab.
    doc = window.document
    doc.disconnect(doc.graph.in_edges("linear_2")[0])
    doc.recheck()
    label = doc.graph.node("linear_2").label
    assert not start.isEnabled()
    assert label in start.toolTip() and "Issues" in start.toolTip()
    assert label in panel.blocked_label.text() and panel.blocked_label.isVisibleTo(panel)
    # Not connected yet is not a mistake (quiet), but it is listed where it can be clicked.
    assert any(i.node == "linear_2" and i.severity == "info" for i in window.issues.issues)
    assert "Finish the network first" in start.toolTip()
    window.training_dock.raise_()
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)  # a disabled button: nothing happens
    assert window.training.run is None and doc.edit_lock is None
    # Hovering the disabled button shows why.
    qtbot.mouseMove(start)
    qtbot.waitUntil(lambda: QToolTip.isVisible() and label in QToolTip.text(), timeout=5000)
    doc.undo_stack.undo()
    assert start.isEnabled() and not panel.blocked_label.isVisibleTo(panel)
    # No dataset.
    doc.set_dataset(None, None)
    assert not start.isEnabled() and "No dataset" in start.toolTip()
    assert window.training.start() is False  # the controller refuses too


def test_a_failure_while_preparing_is_shown_in_the_tab_and_issues(window, qtbot, monkeypatch):
    _open(window)

    def unreadable(*_a, **_k):
        raise NetbuilderError("moons.csv: the file cannot be read (permission denied)")

    monkeypatch.setattr("netbuilder.engine.training.session.prepare", unreadable)
    panel = window.training_panel
    window.training_dock.raise_()
    with qtbot.waitSignal(window.training.run_ended, timeout=TIMEOUT):
        qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert "cannot be read" in panel.error_label.text() and panel.error_label.isVisibleTo(panel)
    assert "could not start" in panel.status.text()
    rows = [i for i in window.issues.issues if "cannot be read" in i.message]
    assert rows and rows[0].severity == "error"
    assert panel.start_button.isEnabled()  # fix the file and try again
    monkeypatch.undo()
    with qtbot.waitSignal(window.training.run_ended, timeout=TIMEOUT):
        qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert window.issues.run_problem is None
