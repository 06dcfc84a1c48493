"""The interpreter exits cleanly with a window still alive (a script, or a test session, that
keeps one): its scene, destroyed after the view's children, scrolls the view from its
destructor, and the view's overrides must not raise there (it crashed 1 exit in 3)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SCRIPT = """
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from netbuilder.qt.app import examples_dir
from netbuilder.qt.main_window import MainWindow
w = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
w.resize(1024, 640)
w.show()
w.open_example(examples_dir() / "residual_mlp.json")
for _ in range(20):
    app.processEvents()
assert w.view.overview.isVisible()  # the overview follows the view's scrolling
w.document.mark_saved()
KEEP = w  # alive when the interpreter exits
"""


@pytest.mark.slow
def test_exiting_with_a_window_alive_does_not_crash(tmp_path):
    script = tmp_path / "keep.py"
    script.write_text(SCRIPT)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "NETBUILDER_DATA_DIR": str(tmp_path)}
    codes = []
    for i in range(8):
        proc = subprocess.run(
            [sys.executable, str(script), str(tmp_path / f"s{i}.ini")],
            env=env,
            capture_output=True,
            timeout=120,
        )
        codes.append(proc.returncode)
    assert codes == [0] * 8, codes
