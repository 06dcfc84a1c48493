"""The canvas stays the main thing: bottom docks take a share of the window, overlays sit
beside the canvas rather than on it, and the window fits a small screen."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from netbuilder.qt.app import examples_dir
from netbuilder.qt.main_window import BOTTOM_SHARE, MainWindow
from netbuilder.qt.window_layout import COLUMN_SHARE

TIMEOUT = 20_000


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread():
    """The closed windows' reference cycles go here, not in a later test's thread (a
    collection of Qt wrappers on another thread crashes: see qt/collector.py)."""
    yield
    gc.collect()


def _window(qtbot, qsettings, size=(1024, 640)) -> MainWindow:
    w = MainWindow(qsettings)
    w.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.mark.parametrize("size", [(1400, 900), (1024, 640)])
def test_a_run_leaves_the_canvas_uncovered_and_most_of_the_window(qtbot, qsettings, size):
    w = _window(qtbot, qsettings, size)
    assert w.open_example(examples_dir() / "moons_mlp.json")
    w.training_panel.fields["epochs"].setValue(2)
    ctl = w.training
    with qtbot.waitSignal(ctl.run_ended, timeout=TIMEOUT):
        w.training_panel.start_button.click()
        if w.dockWidgetArea(w.results_dock) == Qt.DockWidgetArea.BottomDockWidgetArea:
            assert w.results_dock.height() <= BOTTOM_SHARE * w.height() + 1
        else:  # a small window's one column of panels (window_layout.py)
            assert w.results_dock.width() <= COLUMN_SHARE * w.width() + 1
        assert w.minimumSizeHint().height() <= 640 and w.height() == size[1]
        canvas = w.view.viewport().geometry()
        assert ctl.banner.isVisibleTo(w) and not ctl.banner.geometry().intersects(canvas)
        ctl.overlay.update({"linear_1": 0.1, "linear_2": 0.2, "linear_3": 0.3})
        ctl.place_banner()
        canvas = w.view.viewport().geometry()
        legend = ctl.overlay.legend
        assert legend.isVisibleTo(w) and not legend.geometry().intersects(canvas)
        assert not legend.geometry().intersects(ctl.banner.geometry())
    w.training.shutdown()
    w.document.undo_stack.setClean()


def test_a_saved_tall_bottom_dock_is_reined_in(qtbot, qsettings):
    w = _window(qtbot, qsettings, (1200, 800))
    w.resizeDocks([w.issues_dock], [600], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: w.issues_dock.height() > BOTTOM_SHARE * 800 + 20)
    w.save_settings()
    w.close()
    again = _window(qtbot, qsettings, (1200, 800))
    qtbot.waitUntil(lambda: again.issues_dock.height() <= BOTTOM_SHARE * again.height() + 1)
    assert again.view.viewport().height() > again.issues_dock.height()


def test_the_first_launch_fits_the_screen(qtbot, qsettings):
    w = MainWindow(qsettings)  # no saved geometry
    qtbot.addWidget(w)
    room = (w.screen() or w.window().screen()).availableGeometry()
    assert w.width() <= room.width() and w.height() <= room.height()
