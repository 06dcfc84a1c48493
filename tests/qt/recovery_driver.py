"""Drives the real entry point (``run_app``) for the kill-and-recover test (test_recovery_kill).

``python recovery_driver.py crash [FILE]``: start the window (on FILE, or the default example),
add two layers through the document, and kill the process with SIGKILL as soon as the recovery
file holding them is written. ``python recovery_driver.py restart``: start again with the
recovery question answered Recover, exit after the first paint, and print one JSON line with
what was asked and what the window holds.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from netbuilder.qt import recovery
from netbuilder.qt.app import make_application, run_app
from netbuilder.qt.main_window import MainWindow
from netbuilder.qt.tasks import registry

ADDED = ("ReLU", "Tanh")


def _window() -> MainWindow:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))


def _edit() -> None:
    window = _window()
    autosaver = window.autosaver

    def killed(path: Path) -> None:
        print(f"written: {path} nodes={len(window.document.graph)}", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # no clean-up of any kind runs

    autosaver.set_interval(0)
    autosaver.written.connect(killed)
    for i, layer in enumerate(ADDED):
        window.document.add_node(layer, (0.0, 800.0 + 100.0 * i))
    print(f"edited: nodes={len(window.document.graph)}", flush=True)


def crash(path: str | None) -> int:
    make_application()
    QTimer.singleShot(0, _edit)  # once the event loop runs, the project is open
    return run_app(path)


def restart() -> int:
    asked: list[tuple[QWidget, str]] = []

    def answer(parent: QWidget, entry: recovery.RecoveryEntry) -> recovery.Answer:
        asked.append((parent, recovery.question_text(entry)))
        return "recover"

    recovery.ask_recover = answer  # the one place the question is asked
    code = run_app(None)  # NETBUILDER_EXIT_AFTER_PAINT=1: returns after the first paint
    registry().wait_all()  # the window's own recovery copy, started by Recover
    window = _window()
    doc = window.document
    print(
        json.dumps(
            {
                "questions": [text for _parent, text in asked],
                "nodes": len(doc.graph),
                "types": sorted(n.type for n in doc.graph.nodes.values()),
                "modified": doc.is_modified,
                "path": str(doc.path) if doc.path else None,
                "session": window.autosaver.session,
                "left": sorted(p.name for p in recovery.recovery_folder().glob("*")),
            }
        ),
        flush=True,
    )
    return code


if __name__ == "__main__":
    mode = sys.argv[1]
    sys.exit(crash(sys.argv[2] if len(sys.argv) > 2 else None) if mode == "crash" else restart())
