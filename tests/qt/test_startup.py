"""The window paints before torch is imported; torch then loads on a thread, and work that needs
it (a run's preparation, an export) imports it on its own thread (``qt/torch_loader.py``).
Pillow is imported only where images are decoded or drawn, though the Data tab imports those
modules before the paint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from netbuilder.qt import torch_loader as loader_module
from netbuilder.qt.app import EXIT_AFTER_PAINT, examples_dir
from netbuilder.qt.main_window import MainWindow
from netbuilder.qt.torch_loader import TorchLoader, torch_loader
from netbuilder.qt.training.panel import TrainingPanel

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60_000


# The app as ``python -m netbuilder`` runs it; the modules loaded are listed as it exits.
LIST_MODULES = """
import atexit, runpy, sys
atexit.register(lambda: print("modules:", " ".join(sorted(sys.modules)), flush=True))
sys.argv = ["netbuilder"]
runpy.run_module("netbuilder", run_name="__main__")
"""

# Not before the first paint: each costs start-up time and none is needed to draw the window
# (``logging.handlers``: the error log's file is made at its first record).
LATER = (
    "torch",
    "PIL",
    "concurrent.futures",
    "sklearn",
    "scipy",
    "matplotlib",
    "captum",
    "logging.handlers",
)


def test_the_window_paints_the_example_before_torch_is_imported(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    env[EXIT_AFTER_PAINT] = "1"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", LIST_MODULES],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    reports = [line for line in done.stdout.splitlines() if line.startswith("painted: ")]
    assert len(reports) == 1, done.stdout
    _time, torch, nodes = reports[0].removeprefix("painted: ").split()
    assert torch == "torch=False"
    assert nodes == "nodes=7"  # the digits MLP, the default example
    listed = [line for line in done.stdout.splitlines() if line.startswith("modules: ")]
    assert len(listed) == 1, done.stdout
    modules = set(listed[0].removeprefix("modules: ").split())
    assert "netbuilder.engine.data.images" in modules  # the Data tab's modules are there...
    assert sorted(modules & set(LATER)) == []  # ...and what they use only later is not


def test_the_loader_imports_on_a_thread_and_says_so_on_the_gui_thread(qtbot) -> None:
    loader = TorchLoader()
    with qtbot.waitSignal(loader.loaded, timeout=TIMEOUT) as blocker:
        loader.start()
        assert loader.state == "loading"
        loader.start()  # a second start is nothing
    assert loader.is_loaded and blocker.args == [loader.gpu]
    assert "torch" in sys.modules and "netbuilder.engine.export" in sys.modules
    loader.start()  # loaded: nothing to do
    assert loader.state == "loaded"


def test_a_failed_import_is_reported_and_tried_again(qtbot, monkeypatch) -> None:
    def broken() -> None:
        raise ImportError("no torch here")

    monkeypatch.setattr(loader_module, "load_torch_engine", broken)
    loader = TorchLoader()
    with qtbot.waitSignal(loader.failed, timeout=TIMEOUT) as blocker:
        loader.start()
    assert loader.state == "failed"
    assert blocker.args == ["ImportError: no torch here"]
    with qtbot.waitSignal(loader.failed, timeout=TIMEOUT):
        loader.start()  # tried again, failed again
    monkeypatch.undo()
    with qtbot.waitSignal(loader.loaded, timeout=TIMEOUT):
        loader.start()
    assert loader.state == "loaded"


def test_the_training_panel_names_the_device_once_torch_is_loaded(qtbot) -> None:
    panel = TrainingPanel()
    qtbot.addWidget(panel)
    loader = torch_loader()
    if not loader.is_loaded:
        assert panel.device_label.text() == "Looking for a GPU…"
        with qtbot.waitSignal(loader.loaded, timeout=TIMEOUT):
            loader.start()
    assert panel.device_label.text().startswith(("GPU: ", "No GPU found"))
    panel.show_torch_failure("ImportError: no torch here")
    assert "could not be loaded" in panel.device_label.text()


# A fresh process, so that torch really is loading when training or an export asks for it.
WHILE_LOADING = """
import sys
from PySide6.QtCore import QEventLoop, QSettings
from PySide6.QtWidgets import QMessageBox
from netbuilder.qt.app import default_example, make_application
from netbuilder.qt.main_window import MainWindow
from netbuilder.qt.torch_loader import torch_loader

app = make_application()
window = MainWindow(QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
window.show()
window.open_example(default_example())
window.training_panel.fields["epochs"].setValue(1)
loader = torch_loader()
loader.start()
assert loader.state == "loading" and "netbuilder.engine.training.session" not in sys.modules
if sys.argv[1] == "train":
    loop = QEventLoop()
    window.training.run_ended.connect(lambda result: loop.exit(0 if result else 1))
    assert window.training.start()
    assert loop.exec() == 0, window.training_panel.error_label.text()
    print("trained", window.training.last_result.train.steps)
else:
    task = window.export_menu.export_to("python", __import__("pathlib").Path(sys.argv[3]))
    loop = QEventLoop()
    task.finished.connect(loop.quit)
    loop.exec()
    print("exported", __import__("pathlib").Path(sys.argv[3]).is_file())
print("loader", loader.state)
window.close()
"""


@pytest.mark.parametrize("action", ["train", "export"])
def test_training_and_export_while_torch_is_loading(action: str, tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    args = [action, str(tmp_path / "settings.ini"), str(tmp_path / "model.py")]
    done = subprocess.run(
        [sys.executable, "-c", WHILE_LOADING, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.split("\n")
    assert lines[0] in ("trained 20", "exported True"), done.stdout  # 1,257 rows, 64 a step
    assert lines[1] == "loader loaded"


@pytest.mark.parametrize("module", ["netbuilder.qt.main_window", "netbuilder.qt.app"])
def test_the_window_modules_import_no_torch(module: str) -> None:
    code = f"import sys, {module}; assert 'torch' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120, cwd=ROOT)


def test_the_data_preview_is_drawn_when_its_tab_comes_on_screen(qtbot, qsettings) -> None:
    window = MainWindow(qsettings)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_example(examples_dir() / "digits_mlp.json")
    preview = window.data_panel.preview
    assert preview.table.rowCount() == 0  # the Data tab is behind the Inspector's
    window.data_dock.raise_()
    qtbot.waitUntil(lambda: preview.table.rowCount() == 100)
    assert preview.grid.count() == 60 and preview.balance.isVisible()


def test_the_training_plots_are_built_when_their_tab_comes_on_screen(qtbot, qsettings) -> None:
    window = MainWindow(qsettings)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_example(examples_dir() / "digits_mlp.json")
    plots = window.training_plots
    assert not plots._built  # behind the Issues tab: not part of the start-up
    window.results_dock.raise_()
    qtbot.waitUntil(lambda: plots._built and plots.loss_plot.isVisible())


def test_the_lr_range_and_histogram_plots_are_built_when_their_tabs_come_on_screen(
    qtbot, qsettings
) -> None:
    window = MainWindow(qsettings)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    lr_view, histograms = window.doctor.lr_view, window.training_plots.inside.histograms
    assert not lr_view.built and histograms._plot is None  # not part of the start-up
    window.results_dock.raise_()
    window.results_tabs.setCurrentWidget(window.doctor.lr_tab)
    qtbot.waitUntil(lambda: lr_view.built and lr_view.plot.isVisible())
    assert histograms._plot is None
    inside = window.training_plots.inside
    window.results_tabs.setCurrentIndex(
        window.results_tabs.indexOf(inside.parentWidget().parentWidget())
    )
    qtbot.waitUntil(lambda: inside._built)
    assert histograms._plot is not None  # its plot is one of the tab's


def test_an_lr_range_drawn_before_its_tab_is_seen_builds_the_plot(qtbot) -> None:
    from netbuilder.engine.doctor.findings import LrRange
    from netbuilder.qt.training.lr_range_view import LrRangeView

    view = LrRangeView()
    qtbot.addWidget(view)
    view.show_range(None)  # nothing to draw: still not built
    assert not view.built
    view.show_range(LrRange(lrs=(1e-4, 1e-3, 1e-2), losses=(2.0, 1.0, 3.0), suggested=1e-3))
    assert view.built and view.suggested == 1e-3
    assert view.marker.value() == pytest.approx(-3.0)  # log10 of the suggestion
    assert list(view.curve.getData()[1]) == [2.0, 1.0, 3.0]


def test_reading_a_plot_builds_them(qtbot) -> None:
    from netbuilder.qt.training.plots import TrainingPlots

    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.reset(("a", "b"), None, "accuracy", 100, 5)
    plots.show_previous([{"epochs": [{"epoch": 1, "step": 10, "train_loss": 1.0}]}])
    assert not plots._built
    assert set(plots.grad_curves) == {"a", "b"}  # built with the run's curves
    assert plots._built and len(plots._previous) == 3
    assert plots.metric_plot.getPlotItem().getAxis("left").labelText == "accuracy"
