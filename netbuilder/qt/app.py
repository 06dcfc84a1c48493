"""Starting the GUI: the QApplication, the theme (Edit > Preferences), and the bundled examples.

Examples ship as the package ``netbuilder.resources`` (folder ``examples/``) when installed;
running from a source checkout they are read from ``resources/examples`` next to the package.

The window paints before torch is imported (``qt/torch_loader.py``); with the environment
variable ``NETBUILDER_EXIT_AFTER_PAINT=1`` the app prints one line after the main window's first
paint (``painted: <time.time()> torch=<imported?> nodes=<on the canvas>``) and exits (without
closing the window, so no settings are written): the start-up benchmark and test measure the
real entry point with it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from netbuilder.io.identity import APP_ICON, ICON_SIZES, icon_png
from netbuilder.model.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from netbuilder.qt.main_window import MainWindow

ORGANIZATION = "netbuilder"
APPLICATION = "netbuilder"
DEFAULT_EXAMPLE = "digits_mlp.json"
EXIT_AFTER_PAINT = "NETBUILDER_EXIT_AFTER_PAINT"


#: The bundled examples' names (their files' ``name``), for File > Open Example in the
#: window's language; a name not listed here is shown as the file has it.
EXAMPLE_TITLES = (
    QT_TRANSLATE_NOOP("Examples", "Breast cancer diagnosis"),
    QT_TRANSLATE_NOOP("Examples", "Diabetes progression (regression)"),
    QT_TRANSLATE_NOOP("Examples", "Handwritten digits CNN"),
    QT_TRANSLATE_NOOP("Examples", "Handwritten digits MLP"),
    QT_TRANSLATE_NOOP("Examples", "Ratings recommender (two inputs)"),
    QT_TRANSLATE_NOOP("Examples", "Residual MLP on spirals"),
    QT_TRANSLATE_NOOP("Examples", "Review sentiment (bag of words)"),
    QT_TRANSLATE_NOOP("Examples", "Review sentiment (text, LSTM)"),
    QT_TRANSLATE_NOOP("Examples", "Review sentiment (text, Transformer)"),
    QT_TRANSLATE_NOOP("Examples", "Shapes CNN (images from a folder)"),
    QT_TRANSLATE_NOOP("Examples", "The classic first network"),
    QT_TRANSLATE_NOOP("Examples", "Two moons MLP"),
)


def examples_dir() -> Path | None:
    """The folder holding the bundled ``*.json`` examples, installed or in the checkout."""
    try:
        folder = resources.files("netbuilder.resources").joinpath("examples")
        if folder.is_dir():
            return Path(str(folder))
    except (ModuleNotFoundError, TypeError):
        pass
    checkout = Path(__file__).resolve().parents[2] / "resources" / "examples"
    return checkout if checkout.is_dir() else None


def example_title(path: Path) -> str:
    """A readable name: the project's own ``name``, else the file name in words."""
    try:
        name = json.loads(path.read_text(encoding="utf-8")).get("name")
        if isinstance(name, str) and name.strip():
            return name.strip()
    except (OSError, ValueError, AttributeError):
        pass
    return path.stem.replace("_", " ").capitalize()


def bundled_examples() -> list[tuple[str, Path]]:
    """(title, path) of every bundled example, sorted by title."""
    folder = examples_dir()
    if folder is None:
        return []
    found = [(example_title(p), p) for p in folder.glob("*.json")]
    return sorted(found, key=lambda item: item[0].lower())


def default_example() -> Path | None:
    folder = examples_dir()
    path = folder / DEFAULT_EXAMPLE if folder is not None else None
    return path if path is not None and path.is_file() else None


def app_icon() -> QIcon:
    """netbuilder's icon at every packaged size (PNGs: no SVG renderer needed)."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = icon_png(APP_ICON, size)
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))
    return icon


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names for QSettings and the theme; reuses one that exists."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    from netbuilder import __version__
    from netbuilder.qt.i18n import install_translators
    from netbuilder.qt.preferences import Preferences
    from netbuilder.qt.theme import apply_theme

    QCoreApplication.setApplicationVersion(__version__)
    QApplication.setWindowIcon(app_icon())  # the default of every window
    # Wayland takes the window's app id (and so its icon and dock entry) from the desktop file.
    QApplication.setDesktopFileName("netbuilder")
    install_translators()  # before any widget: words are translated when a widget is made
    apply_theme(app, Preferences.load(QSettings()).theme)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def _release_clipboard() -> None:
    """Drop nodes we copied before Qt shuts down: the offscreen and some desktop platforms
    crash at exit destroying a QMimeData made in Python (seen with PySide6 6.11)."""
    from netbuilder.qt.canvas.scene import NODES_MIME

    board = QApplication.clipboard()
    mime = board.mimeData()
    if mime is not None and mime.hasFormat(NODES_MIME):
        board.clear()


class FirstPaint(QObject):
    """Calls ``callback`` once, just after ``widget`` has painted for the first time."""

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)  # after this paint and its children's
        return False


def _painted(window: MainWindow) -> None:
    """After the first paint: report and quit (``EXIT_AFTER_PAINT``), or start loading torch."""
    if os.environ.get(EXIT_AFTER_PAINT) == "1":
        nodes = len(window.scene.node_items())
        print(
            f"painted: {time.time():.6f} torch={'torch' in sys.modules} nodes={nodes}", flush=True
        )
        QApplication.exit(0)
        return
    from netbuilder.qt.torch_loader import torch_loader

    torch_loader().start()


def run_app(path: str | None = None) -> int:
    """Open the main window on ``path`` (or the default example) and run the event loop."""
    app = make_application()
    from netbuilder.qt.error_report import install_error_reporter

    install_error_reporter(app)  # unexpected errors: logged, shown once; gone when it quits
    from netbuilder.qt.main_window import MainWindow

    window = MainWindow()
    app.aboutToQuit.connect(_release_clipboard)
    FirstPaint(window, lambda: _painted(window))
    window.show()
    if path:
        window.open_path(Path(path), ask=False)
    else:
        example = default_example()
        if example is not None:
            window.open_example(example)
    from netbuilder.qt.recovery import offer_recovery

    offer_recovery(window)  # work left unsaved by a crash or a kill: recover it?
    return app.exec()
