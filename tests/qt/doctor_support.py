"""Opening, training and reading the doctor's run rows in a window, for the doctor's window
tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netbuilder.qt.doctor_ui import RUN_PREFIX

TIMEOUT = 120_000


def open_project(window: Any, qtbot: Any, path: Path, *, arrange: bool = False) -> None:
    """Open ``path`` (laid out when ``arrange``: an edit, which drops the restored run rows)
    and wait until a check may start."""
    assert window.open_path(path, ask=False)
    if arrange:
        window.auto_arrange()
    qtbot.waitUntil(lambda: window.doctor.check.blocker() is None, timeout=10_000)


def train(window: Any, qtbot: Any) -> Any:
    """Start a run and wait for its end; its result."""
    window.training_dock.raise_()
    with qtbot.waitSignal(window.training.run_ended, timeout=TIMEOUT) as ended:
        window.training_panel.start_button.click()
    return ended.args[0]


def run_rows(window: Any) -> list[Any]:
    """The Issues rows of the last run's watch."""
    return [i for i in window.issues.issues if i.from_doctor and RUN_PREFIX in i.message]
