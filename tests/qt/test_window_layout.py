"""The canvas stays the main thing at small sizes: where the docks open, how much room a run's
plots take and give back, and a saved geometry larger than the screen."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget

from netbuilder.qt.app import examples_dir
from netbuilder.qt.main_window import MainWindow
from netbuilder.qt.window_layout import AFTER_RUN_SHARE, BOTTOM_FIRST, COLUMN_SHARE

TIMEOUT = 20_000


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread():
    """Closed windows' reference cycles are collected here, not on a later test's thread."""
    yield
    gc.collect()


def _canvas_share(w: MainWindow) -> float:
    canvas = w.view.geometry()
    return canvas.width() * canvas.height() / (w.width() * w.height())


def _run(w: MainWindow, qtbot, grown) -> None:
    """A run of the bundled example: started, its plots given room (``grown``), stopped."""
    assert w.open_example(examples_dir() / "moons_mlp.json")
    w.training_panel.fields["epochs"].setValue(2000)  # long enough to look, then stopped
    w.training_panel.start_button.click()
    qtbot.waitUntil(lambda: w.training.is_running and grown(), timeout=TIMEOUT)
    assert w.results_dock.isVisible() and w.results_tabs.currentIndex() == 0
    with qtbot.waitSignal(w.training.run_ended, timeout=TIMEOUT):
        w.training_panel.stop_button.click()
    w.document.undo_stack.setClean()


def test_at_1024x640_the_canvas_is_most_of_the_window_before_and_after_a_run(make_window, qtbot):
    w = make_window((1024, 640))
    qtbot.waitUntil(lambda: _canvas_share(w) >= 0.55)
    # Every panel is one tab away, in one column on the right; Layers is the one shown.
    right = Qt.DockWidgetArea.RightDockWidgetArea
    docks = [w.palette_dock, w.inspector_dock, w.data_dock, w.training_dock]
    assert all(w.dockWidgetArea(d) == right for d in [*docks, w.issues_dock, w.results_dock])
    assert w.palette_dock.isVisible() and not w.palette_dock.visibleRegion().isEmpty()
    assert w.view.geometry().left() < w.palette_dock.geometry().left()
    _run(w, qtbot, lambda: w.results_dock.width() >= (COLUMN_SHARE - 0.05) * w.width())
    # The canvas gets its room back; the column shows the run's summary (Training tab).
    qtbot.waitUntil(lambda: _canvas_share(w) >= 0.55)
    assert not w.training_dock.visibleRegion().isEmpty()
    assert w.training_panel.start_button.isEnabled()


def test_at_1400x900_the_bottom_dock_opens_small_and_gives_room_back(make_window, qtbot):
    w = make_window((1400, 900))
    share = _canvas_share(w)
    assert w.dockWidgetArea(w.issues_dock) == Qt.DockWidgetArea.BottomDockWidgetArea
    qtbot.waitUntil(lambda: w.issues_dock.height() <= BOTTOM_FIRST + 4)
    before = w.issues_dock.height()  # the one shown of the two tabs
    _run(w, qtbot, lambda: w.results_dock.height() > before + 100)
    # Back to a share that leaves the canvas most of the height, the plots still shown.
    qtbot.waitUntil(lambda: w.results_dock.height() <= AFTER_RUN_SHARE * w.height() + 4)
    assert w.results_dock.isVisible() and not w.results_dock.visibleRegion().isEmpty()
    assert w.view.height() > 1.5 * w.results_dock.height()
    assert _canvas_share(w) > share - 0.15


def test_a_saved_geometry_larger_than_the_screen_is_fitted_into_it(make_window, qtbot, qsettings):
    w = make_window((1024, 640))
    room = w.screen().availableGeometry()
    w.setGeometry(room.left() + 200, room.top() + 150, 3000, 2000)
    w.save_settings()
    w.close()
    again = make_window(None)  # the saved geometry, as on the next launch
    frame = again.frameGeometry()
    assert room.contains(again.geometry()) and room.contains(frame.topLeft())
    assert again.width() <= room.width() and again.height() <= room.height()


def test_a_compact_layout_reopens_with_its_tab_titles_on_the_column_edge(make_window, qtbot):
    """saveState does not keep where tab titles are: six titles on top of the 370 px column
    were elided to "L…", "Ins…" in the next session."""
    right = Qt.DockWidgetArea.RightDockWidgetArea
    first = make_window((1024, 640))
    qtbot.waitUntil(lambda: _canvas_share(first) >= 0.55)
    assert first.tabPosition(right) == QTabWidget.TabPosition.East
    first.close()
    again = make_window(None)  # the saved geometry and layout
    assert again.width() <= 1024  # (fitted to the 800x800 offscreen screen)
    assert again.tabPosition(right) == QTabWidget.TabPosition.East


def test_a_reopened_trained_project_shows_its_results_not_an_empty_issues_list(
    make_window, qtbot, tmp_path
):
    from netbuilder.cli import main

    path = tmp_path / "trained.nbproj"
    example = str(examples_dir() / "moons_mlp.json")
    assert main(["train", example, "--epochs", "2", "--out", str(path), "--json"]) == 0
    w = make_window((1400, 900))
    assert not w.issues_dock.visibleRegion().isEmpty()  # an empty canvas: the Issues list
    assert w.open_path(path)
    qtbot.waitUntil(lambda: not w.results_dock.visibleRegion().isEmpty())
    assert w.results_tabs.currentIndex() == 0  # the last run's curves
