"""Build the netbuilder desktop bundle (PyInstaller, one folder) and measure it.

Run: ``python packaging/build_bundle.py [--out DIR] [--archive]``. Builds
``packaging/netbuilder.spec`` into ``DIR/dist/netbuilder`` (``DIR`` defaults to
``packaging/dist`` in this checkout, git-ignored: never a folder that other users or other
checkouts share; PyInstaller's work folder is ``DIR/build``), then prints
``name: value`` lines:

- ``bundle_path``: the folder (``netbuilder.app`` on macOS);
- ``bundle_mb``: the folder's size (MiB, every file);
- ``bundle_startup_s``: median of 3 starts (after one uncounted one) of the bundled
  ``netbuilder`` with a clean environment, offscreen, from just before the process is spawned
  to the main window's first paint (``NETBUILDER_EXIT_AFTER_PAINT=1``, ``netbuilder/qt/app.py``);
- with ``--archive``: ``archive_path`` and ``archive_mb`` (``.tar.gz``; ``.zip`` on Windows).

``--measure-only`` measures a bundle built before.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "netbuilder.spec"


def default_out() -> Path:
    """``packaging/dist`` of this checkout (``.gitignore`` has ``dist/``)."""
    return ROOT / "packaging" / "dist"


def bundle_dir(out: Path) -> Path:
    """The built folder: ``dist/netbuilder`` (``dist/netbuilder.app`` on macOS)."""
    if sys.platform == "darwin":
        return out / "dist" / "netbuilder.app"
    return out / "dist" / "netbuilder"


def executable(out: Path) -> Path:
    """The bundled ``netbuilder`` program."""
    if sys.platform == "darwin":
        return bundle_dir(out) / "Contents" / "MacOS" / "netbuilder"
    name = "netbuilder.exe" if sys.platform == "win32" else "netbuilder"
    return bundle_dir(out) / name


def clean_env(**extra: str) -> dict[str, str]:
    """An environment with nothing of this Python in it: no PYTHONPATH, PYTHONHOME or virtual
    environment, PATH only the system's; offscreen Qt and a private settings and data folder."""
    path = os.pathsep.join(["/usr/bin", "/bin"]) if os.name != "nt" else os.environ["SYSTEMROOT"]
    env = {
        "PATH": path,
        "HOME": str(Path.home()),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }
    for name in ("SYSTEMROOT", "TEMP", "TMP", "LANG"):
        if name in os.environ:
            env[name] = os.environ[name]
    env.update(extra)
    return env


def build(out: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level=WARN",
        f"--distpath={out / 'dist'}",
        f"--workpath={out / 'build'}",
        str(SPEC),
    ]
    subprocess.run(command, check=True, cwd=ROOT)


#: Libraries stripped of their symbol tables after the build on Linux (~70 MB off
#: libtorch_cpu). Only torch's own: stripping a library auditwheel patched (numpy.libs,
#: scipy.libs, ...) breaks it, so PyInstaller's strip, which takes every library, stays off.
STRIPPED = ("torch/lib/libtorch_cpu.so", "torch/lib/libtorch_python.so")


def strip_libraries(out: Path) -> None:
    strip = shutil.which("strip")
    if not sys.platform.startswith("linux") or strip is None:
        return
    internal = bundle_dir(out) / "_internal"
    for name in STRIPPED:
        if (internal / name).is_file():
            subprocess.run([strip, "--strip-unneeded", str(internal / name)], check=True)


def folder_mb(folder: Path) -> float:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 2**20


def startup_s(program: Path, runs: int = 3) -> float:
    """Median seconds from spawn to the first paint of the window (one uncounted start first,
    which brings the bundle's files into the OS cache)."""
    times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="nb-bundle-home-") as home:
        env = clean_env(
            HOME=home,
            XDG_CONFIG_HOME=str(Path(home) / "config"),
            NETBUILDER_DATA_DIR=str(Path(home) / "data"),
            NETBUILDER_LOG_DIR=str(Path(home) / "logs"),
            NETBUILDER_EXIT_AFTER_PAINT="1",
        )
        for run in range(runs + 1):
            start = time.time()
            done = subprocess.run(
                [str(program)], env=env, capture_output=True, text=True, timeout=120, check=False
            )
            line = next((s for s in done.stdout.splitlines() if s.startswith("painted: ")), None)
            if done.returncode != 0 or line is None:
                raise RuntimeError(
                    f"the bundled window did not paint (exit {done.returncode}):\n"
                    f"{done.stdout}\n{done.stderr}"
                )
            if run:
                times.append(float(line.split()[1]) - start)
    return statistics.median(times)


def archive(out: Path) -> Path:
    """``netbuilder-<platform>.tar.gz`` (``.zip`` on Windows) of the bundle, beside ``dist``."""
    folder = bundle_dir(out)
    kind = "zip" if sys.platform == "win32" else "gztar"
    base = out / f"netbuilder-{sys.platform}"
    return Path(shutil.make_archive(str(base), kind, root_dir=folder.parent, base_dir=folder.name))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--out", type=Path, default=default_out(), help="output folder (default: %(default)s)"
    )
    parser.add_argument("--archive", action="store_true", help="also pack the folder")
    parser.add_argument("--measure-only", action="store_true", help="measure an earlier build")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    out: Path = args.out.resolve()
    if not args.measure_only:
        build(out)
        strip_libraries(out)
    program = executable(out)
    if not program.is_file():
        print(f"no bundle at {program}", file=sys.stderr)
        return 1
    print(f"bundle_path: {bundle_dir(out)}", flush=True)
    print(f"bundle_mb: {folder_mb(bundle_dir(out)):.1f}", flush=True)
    print(f"bundle_startup_s: {startup_s(program):.2f}", flush=True)
    if args.archive:
        packed = archive(out)
        print(f"archive_path: {packed}")
        print(f"archive_mb: {packed.stat().st_size / 2**20:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
