"""The frozen bundle's entry point: ``netbuilder.cli:main``, as the installed script runs it.

Two things the installed script never needs, both kept here rather than in the app:

- ``netbuilder -m netbuilder ARGS``: the window starts ``netbuilder import`` as
  ``sys.executable -m netbuilder import ...`` (``qt/import_dialog.py``); frozen,
  ``sys.executable`` is this program, so the ``-m netbuilder`` it is given is dropped.
- ``NETBUILDER_QUIT_AFTER_MS``: opening the window, quit after that many milliseconds (the
  bundle's test and the build's start-up check open the real window offscreen with it).
"""

from __future__ import annotations

import multiprocessing
import os
import sys

QUIT_AFTER_MS = "NETBUILDER_QUIT_AFTER_MS"


def _quit_later(milliseconds: int) -> None:
    """Make the application now (``run_app`` reuses it) and quit it after ``milliseconds``."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from netbuilder.qt.app import make_application

    make_application()
    QTimer.singleShot(milliseconds, QApplication.quit)


def main() -> int:
    multiprocessing.freeze_support()  # DataLoader workers on spawn platforms (Windows, macOS)
    if sys.argv[1:3] == ["-m", "netbuilder"]:
        del sys.argv[1:3]
    from netbuilder.cli import SUBCOMMANDS
    from netbuilder.cli import main as netbuilder_main

    quit_after = os.environ.get(QUIT_AFTER_MS, "")
    if quit_after.isdigit() and not (sys.argv[1:] and sys.argv[1] in SUBCOMMANDS):
        _quit_later(int(quit_after))
    return netbuilder_main()


if __name__ == "__main__":
    sys.exit(main())
