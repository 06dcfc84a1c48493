"""Help > About (versions and the device training uses) and the status bar's device label.

torch may not be imported when About opens: the process's ``torch_loader()`` imports it on its
thread (started here if the window has not yet), and both show "loading…" until it says which
device an ``auto`` run picks (``engine.training.setup.describe_device``). Before anything has
started the import (a window built without ``run_app``, which starts it after the first
paint), they say so: "unknown (torch not loaded)", never "loading…".
"""

from __future__ import annotations

import platform
import sys
from typing import Any

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netbuilder import __version__
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, localized, translate
from netbuilder.qt.torch_loader import TorchLoader, torch_loader

LOADING = QT_TRANSLATE_NOOP("About", "loading…")
NOT_STARTED = QT_TRANSLATE_NOOP("About", "unknown (torch not loaded)")


def torch_text(loader: TorchLoader) -> str:
    """torch's version as far as the loader knows it (never imports torch here)."""
    if loader.device is not None:
        return loader.device.torch_version
    torch = sys.modules.get("torch") if loader.is_loaded else None
    if torch is not None:
        return str(getattr(torch, "__version__", "?"))
    return _pending(loader)


def device_text(loader: TorchLoader) -> str:
    """The device an auto run uses (CUDA name and memory, MPS, or CPU threads), or why it is
    not known yet."""
    if loader.device is not None:
        return localized(loader.device.text)
    return _pending(loader) if not loader.is_loaded else translate("About", "unknown")


def _pending(loader: TorchLoader) -> str:
    if loader.state == "failed":
        return translate("About", "not loaded ({error})").format(error=loader.error)
    return translate("About", LOADING if loader.state == "loading" else NOT_STARTED)


def version_rows(loader: TorchLoader | None = None) -> list[tuple[str, str]]:
    """(label, value) for About and for an error report's details (labels in English: About
    shows them translated)."""
    loader = loader if loader is not None else torch_loader()
    return [
        ("netbuilder", __version__),
        ("Python", f"{platform.python_version()} ({sys.executable})"),
        ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})"),
        ("PyTorch", torch_text(loader)),
        (QT_TRANSLATE_NOOP("About", "Device"), device_text(loader)),
        (QT_TRANSLATE_NOOP("About", "System"), platform.platform()),
    ]


def version_text(loader: TorchLoader | None = None) -> str:
    return "\n".join(f"{label}: {value}" for label, value in version_rows(loader))


class AboutDialog(QDialog):
    """Versions of netbuilder, Python, Qt and torch, and the device a run would use."""

    def __init__(self, parent: QWidget | None = None, loader: TorchLoader | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(translate("About", "About netbuilder"))
        self.loader = loader if loader is not None else torch_loader()
        title = QLabel(f"<b>netbuilder {__version__}</b>")  # i18n: ignore
        title.setObjectName("aboutTitle")
        blurb = QLabel(translate("About", "Design and train neural networks by drawing them."))
        blurb.setProperty("role", "help")
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        for label, value in version_rows(self.loader):
            field = QLabel(value)
            field.setObjectName(f"about{label}")
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            self.values[label] = field
            form.addRow(
                translate("About", "{label}:").format(label=translate("About", label)), field
            )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(translate("About", "Copy"))
        self.copy_button.setToolTip(translate("About", "Copy these versions (for a bug report)"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.loader.started.connect(self.refresh)
        self.loader.loaded.connect(self.refresh)
        self.loader.failed.connect(self.refresh)
        self.loader.start()  # imports torch off the GUI thread; nothing when loading or loaded

    def refresh(self, *_args: Any) -> None:
        for label, value in version_rows(self.loader):
            self.values[label].setText(value)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(version_text(self.loader))


class DeviceLabel(QLabel):
    """The status bar's "Device: …", following the loader."""

    def __init__(self, loader: TorchLoader | None = None) -> None:
        super().__init__()
        self.setObjectName("deviceLabel")
        self.loader = loader if loader is not None else torch_loader()
        self.setToolTip(
            translate("About", "Where training runs whose device is Auto (Help > About for more)")
        )
        self.loader.started.connect(self.refresh)
        self.loader.loaded.connect(self.refresh)
        self.loader.failed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args: Any) -> None:
        self.setText(translate("About", "Device: {device}").format(device=device_text(self.loader)))


def install_about(window: QMainWindow) -> QAction:
    """The Help menu with About, and the device label at the right of the status bar."""
    action = QAction(translate("About", "&About netbuilder"), window)
    action.setObjectName("aboutAction")
    action.setMenuRole(QAction.MenuRole.AboutRole)
    action.triggered.connect(lambda: show_about(window))
    window.menuBar().addMenu(translate("About", "&Help")).addAction(action)
    window.statusBar().addPermanentWidget(DeviceLabel())
    return action


def show_about(window: QWidget) -> AboutDialog:
    """One About dialog per window, raised if it is already open."""
    dialog = window.findChild(AboutDialog)
    if dialog is None:
        dialog = AboutDialog(window)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
