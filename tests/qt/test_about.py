"""Help > About names the versions and the device a run uses; the status bar names the device.

torch may still be loading when About opens: it says "loading…" until the loader knows."""

from __future__ import annotations

import platform
import re

from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication, QLabel

from netbuilder import __version__
from netbuilder.qt.about import LOADING, NOT_STARTED, AboutDialog, DeviceLabel
from netbuilder.qt.torch_loader import TorchLoader, torch_loader

TIMEOUT = 60_000
CPU_LINE = re.compile(r"CPU: \d+ threads?$")


def test_about_shows_the_versions_and_the_device(make_window, qtbot) -> None:
    window = make_window()
    loader = torch_loader()
    device_label = window.statusBar().findChild(QLabel, "deviceLabel")
    assert device_label is not None and device_label.isVisible()
    was_loaded = loader.is_loaded
    if loader.state == "idle":  # a window without run_app: nothing has started the import
        assert device_label.text() == f"Device: {NOT_STARTED}"
    elif not was_loaded:
        assert device_label.text() == f"Device: {LOADING}"
    with qtbot.waitSignal(loader.loaded, timeout=TIMEOUT, raising=not was_loaded):
        window.actions_by_name["about"].trigger()  # starts the import if nobody has
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    text = {label: field.text() for label, field in dialog.values.items()}
    assert text["netbuilder"] == __version__
    assert text["Python"].startswith(platform.python_version())
    assert text["Qt"].startswith(qVersion())
    assert re.fullmatch(r"\d+\.\d+\.\d+\S*", text["PyTorch"]), text
    assert CPU_LINE.match(text["Device"]), text  # the test machine has no GPU
    assert device_label.text() == f"Device: {text['Device']}"
    dialog.grab().save("/tmp/shots-report/about.png")
    qtbot.waitUntil(lambda: device_label.width() >= device_label.sizeHint().width())
    window.statusBar().grab().save("/tmp/shots-report/status_device.png")
    window.actions_by_name["about"].trigger()  # again: the same dialog, raised
    assert window.findChildren(AboutDialog) == [dialog]
    dialog.copy_button.click()
    copied = QApplication.clipboard().text()
    assert f"netbuilder: {__version__}" in copied and f"Device: {text['Device']}" in copied


def test_about_says_loading_until_torch_is_known(qtbot, monkeypatch) -> None:
    loader = torch_loader()
    monkeypatch.setattr(loader, "state", "loading")
    monkeypatch.setattr(loader, "device", None)
    monkeypatch.setattr(loader, "start", lambda: None)
    dialog = AboutDialog(loader=loader)
    qtbot.addWidget(dialog)
    assert dialog.values["PyTorch"].text() == LOADING
    assert dialog.values["Device"].text() == LOADING
    monkeypatch.setattr(loader, "state", "failed")
    monkeypatch.setattr(loader, "error", "ImportError: no torch here")
    loader.failed.emit("ImportError: no torch here")
    assert dialog.values["Device"].text() == "not loaded (ImportError: no torch here)"


def test_the_device_label_says_torch_is_not_loaded_until_an_import_starts(qtbot) -> None:
    loader = TorchLoader()  # a window built without run_app: nobody has started it
    label = DeviceLabel(loader)
    qtbot.addWidget(label)
    assert label.text() == f"Device: {NOT_STARTED}"  # not "loading…": nothing is loading

    def import_fails() -> None:  # on the loader's thread, instead of importing torch
        loader._finished.emit(None, None, "ImportError: no torch here")

    loader._import = import_fails  # type: ignore[method-assign]
    with qtbot.waitSignal(loader.started, timeout=TIMEOUT):
        with qtbot.waitSignal(loader.failed, timeout=TIMEOUT):
            loader.start()
            assert label.text() == f"Device: {LOADING}"  # said as soon as it starts
    assert label.text() == "Device: not loaded (ImportError: no torch here)"
