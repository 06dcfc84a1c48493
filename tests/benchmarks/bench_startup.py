"""Start-up: process start to the main window's first paint, against a bare PySide6 window.

Run: ``python tests/benchmarks/bench_startup.py [runs]`` (default 7). Prints ``name: value``
lines: ``startup_s`` (median over fresh processes of ``python -m netbuilder``, the real entry
point, from just before the process is spawned to the first paint of the main window with the
default example open), ``bare_qt_s`` (the same for a bare PySide6 window that imports
pyqtgraph, runs interleaved with the app's) and ``startup_ratio`` (startup_s / bare_qt_s;
goal <= 1.5). The app reports its paint through ``NETBUILDER_EXIT_AFTER_PAINT=1``
(``netbuilder/qt/app.py``); each child gets an empty settings folder, like a first start, and
reads bytecode from a private cache (``PYTHONPYCACHEPREFIX``) like an installed package. One
uncounted run of each comes first: it fills that cache and brings the files into the OS cache.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The bare window: the same toolkit imports as the app's window, and nothing of the app.
BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
import pyqtgraph

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("bare"))
window.resize(1400, 900)


def painted():
    print(f"painted: {time.time():.6f}", flush=True)
    QApplication.exit(0)


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, painted)
        return False


first = FirstPaint()
window.installEventFilter(first)
window.show()
app.exec()
"""


def time_to_paint(command: list[str], scratch: str) -> tuple[float, str]:
    """Seconds from just before spawning ``command`` to the paint it reports, and the report."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["NETBUILDER_EXIT_AFTER_PAINT"] = "1"
    env["XDG_CONFIG_HOME"] = os.path.join(scratch, "config")  # fresh settings, like a first start
    # Bytecode, as an installed package has it: a source checkout run with
    # PYTHONDONTWRITEBYTECODE compiles every netbuilder module at each start (~0.2 s here).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = os.path.join(scratch, "pycache")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    t0 = time.time()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    lines = [line for line in done.stdout.splitlines() if line.startswith("painted: ")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{command} gave no paint report:\n{done.stdout}\n{done.stderr}")
    report = lines[-1].removeprefix("painted: ")
    return float(report.split()[0]) - t0, report


def main(runs: int = 7) -> None:
    app_cmd = [sys.executable, "-m", "netbuilder"]
    bare_cmd = [sys.executable, "-c", BARE]
    app_s: list[float] = []
    bare_s: list[float] = []
    with tempfile.TemporaryDirectory() as scratch:
        time_to_paint(bare_cmd, scratch)  # warm-up: files into the OS cache, bytecode written
        _, report = time_to_paint(app_cmd, scratch)
        if "torch=False" not in report or "nodes=0" in report:
            raise RuntimeError(f"the window painted with torch loaded or no example: {report}")
        for i in range(runs):
            order = (bare_cmd, app_cmd) if i % 2 == 0 else (app_cmd, bare_cmd)  # ABBA
            for cmd in order:
                seconds, _ = time_to_paint(cmd, scratch)
                (bare_s if cmd is bare_cmd else app_s).append(seconds)
    startup, bare = statistics.median(app_s), statistics.median(bare_s)
    print(f"# {runs} runs each; app {' '.join(f'{s:.2f}' for s in app_s)}")
    print(f"# bare {' '.join(f'{s:.2f}' for s in bare_s)}")
    print(f"startup_s: {startup:.3f}")
    print(f"bare_qt_s: {bare:.3f}")
    print(f"startup_ratio: {startup / bare:.2f}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
