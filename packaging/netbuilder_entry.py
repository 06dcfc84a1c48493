"""The frozen bundle's entry point: ``netbuilder.cli:main``, as the installed script runs it.

Two things the installed script never needs, both kept here rather than in the app:

- ``netbuilder -m netbuilder ARGS``: the window starts ``netbuilder import`` as
  ``sys.executable -m netbuilder import ...`` (``qt/import_dialog.py``); frozen,
  ``sys.executable`` is this program, so the ``-m netbuilder`` it is given is dropped.
- ``NETBUILDER_QUIT_AFTER_MS``: opening the window, quit once it is ready (it has painted and
  the background import of torch has ended: ``qt/torch_loader.py``), exit 0 and say
  ``ready: ...``; a failed import exits 1, and the milliseconds given are only an upper bound:
  not ready by then exits 3. The bundle's test opens the real window offscreen with it.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

QUIT_AFTER_MS = "NETBUILDER_QUIT_AFTER_MS"
NOT_READY_EXIT = 3


def _quit_when_ready(limit_ms: int) -> None:
    """Make the application now (``run_app`` reuses it) and quit it once torch has loaded:
    the loader starts only after the window's first paint (``qt/app.py``), so both are done.
    ``limit_ms`` later it quits anyway, with ``NOT_READY_EXIT``."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from netbuilder.qt.app import make_application
    from netbuilder.qt.i18n import current_language
    from netbuilder.qt.torch_loader import torch_loader

    app = make_application()
    loader = torch_loader()

    def loaded(gpu: object) -> None:
        language = current_language()
        print(f"ready: painted, torch loaded (gpu: {gpu}, language: {language})", flush=True)
        QApplication.exit(0)

    def failed(message: str) -> None:
        print(f"netbuilder: torch did not load: {message}", file=sys.stderr, flush=True)
        QApplication.exit(1)

    def too_late() -> None:
        print(
            f"netbuilder: the window was not ready after {limit_ms} ms (state: {loader.state})",
            file=sys.stderr,
            flush=True,
        )
        QApplication.exit(NOT_READY_EXIT)

    loader.loaded.connect(loaded)
    loader.failed.connect(failed)
    limit = QTimer(app)
    limit.setSingleShot(True)
    limit.timeout.connect(too_late)
    limit.start(limit_ms)


def main() -> int:
    multiprocessing.freeze_support()  # DataLoader workers on spawn platforms (Windows, macOS)
    if sys.argv[1:3] == ["-m", "netbuilder"]:
        del sys.argv[1:3]
    from netbuilder.cli import SUBCOMMANDS
    from netbuilder.cli import main as netbuilder_main

    quit_after = os.environ.get(QUIT_AFTER_MS, "")
    if quit_after.isdigit() and not (sys.argv[1:] and sys.argv[1] in SUBCOMMANDS):
        _quit_when_ready(int(quit_after))
    return netbuilder_main()


if __name__ == "__main__":
    sys.exit(main())
