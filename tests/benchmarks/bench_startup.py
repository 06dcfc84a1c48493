"""Start-up: process start to the main window's first paint, against a bare PySide6 window.

Run: ``python tests/benchmarks/bench_startup.py [runs]`` (default 7). Prints ``name: value``
lines: ``startup_s`` (median over fresh processes of ``python -m netbuilder``, the real entry
point, from just before the process is spawned to the first paint of the main window with the
default example open), ``bare_qt_s`` (the same for a bare PySide6 window that imports
pyqtgraph, runs interleaved with the app's) and ``startup_ratio`` (startup_s / bare_qt_s;
goal <= 1.5), then what the background import of torch after the paint costs the window
(``qt/torch_loader.py``): ``torch_import_s`` (paint to loaded), ``import_heartbeat_worst_ms``
and ``import_heartbeat_p99_ms`` (gaps between the beats of a 10 ms GUI timer meanwhile; medians
of 3 processes). The app reports its paint through ``NETBUILDER_EXIT_AFTER_PAINT=1``
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


# The window as run_app makes it, with a heartbeat while torch loads after the first paint.
HEARTBEAT = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from netbuilder.qt.app import FirstPaint, default_example, make_application
from netbuilder.qt.main_window import MainWindow
from netbuilder.qt.torch_loader import torch_loader

app = make_application()
window = MainWindow()
beats = []
heart = QTimer()
heart.setInterval(10)
heart.timeout.connect(lambda: beats.append(time.perf_counter()))


def loaded(*_):
    heart.stop()
    gaps = sorted(b - a for a, b in zip(beats, beats[1:]))
    seconds = time.perf_counter() - beats[0]
    worst, p99 = 1000 * gaps[-1], 1000 * gaps[int(0.99 * (len(gaps) - 1))]
    print(f"loaded: {seconds:.3f} {worst:.1f} {p99:.1f} {torch_loader().state}", flush=True)
    QApplication.exit(0)


def painted():
    torch_loader().loaded.connect(loaded)
    torch_loader().failed.connect(loaded)
    beats.append(time.perf_counter())
    heart.start()
    torch_loader().start()


first = FirstPaint(window, painted)
window.show()
window.open_example(default_example())
app.exec()
"""


def child_env(scratch: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["XDG_CONFIG_HOME"] = os.path.join(scratch, "config")  # fresh settings, like a first start
    # Bytecode, as an installed package has it: a source checkout run with
    # PYTHONDONTWRITEBYTECODE compiles every netbuilder module at each start (~0.2 s here).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = os.path.join(scratch, "pycache")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def time_to_paint(command: list[str], scratch: str) -> tuple[float, str]:
    """Seconds from just before spawning ``command`` to the paint it reports, and the report."""
    env = child_env(scratch)
    env["NETBUILDER_EXIT_AFTER_PAINT"] = "1"
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
        imports = [import_after_paint(scratch) for _ in range(3)]
    startup, bare = statistics.median(app_s), statistics.median(bare_s)
    print(f"# {runs} runs each; app {' '.join(f'{s:.2f}' for s in app_s)}")
    print(f"# bare {' '.join(f'{s:.2f}' for s in bare_s)}")
    print(f"startup_s: {startup:.3f}")
    print(f"bare_qt_s: {bare:.3f}")
    print(f"startup_ratio: {startup / bare:.2f}")
    print(f"torch_import_s: {statistics.median(r[0] for r in imports):.2f}")
    print(f"import_heartbeat_worst_ms: {statistics.median(r[1] for r in imports):.0f}")
    print(f"import_heartbeat_p99_ms: {statistics.median(r[2] for r in imports):.0f}")


def import_after_paint(scratch: str) -> tuple[float, float, float]:
    """(seconds to load torch after the paint, worst and 99th-percentile heartbeat gap in ms)."""
    done = subprocess.run(
        [sys.executable, "-c", HEARTBEAT],
        env=child_env(scratch),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("loaded: ")]
    if done.returncode != 0 or not lines or not lines[-1].endswith(" loaded"):
        raise RuntimeError(f"torch did not load after the paint:\n{done.stdout}\n{done.stderr}")
    seconds, worst, p99, _state = lines[-1].removeprefix("loaded: ").split()
    return float(seconds), float(worst), float(p99)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:2]))
