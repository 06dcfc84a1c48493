"""The application icon is on the QApplication and on every main window, at every size."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSize

from netbuilder.io.identity import ICON_SIZES

ROOT = Path(__file__).resolve().parents[2]
SIZES = {QSize(s, s) for s in ICON_SIZES}


def test_the_main_window_has_the_icon_at_every_size(make_window) -> None:
    icon = make_window().windowIcon()
    assert not icon.isNull()
    assert set(icon.availableSizes()) >= SIZES
    assert icon.pixmap(QSize(32, 32)).size() == QSize(32, 32)


def test_the_application_has_the_icon(tmp_path: Path) -> None:
    # In a process of its own: make_application themes the whole QApplication.
    code = (
        "from netbuilder.qt.app import make_application; "
        "icon = make_application().windowIcon(); "
        "print(sorted(s.width() for s in icon.availableSizes()))"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(sorted(ICON_SIZES))
