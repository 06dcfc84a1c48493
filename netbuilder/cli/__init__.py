"""The ``netbuilder`` command: the window by default, headless sub-commands otherwise.

Each sub-command lives in its own module exposing ``add_parser(subparsers)`` and ``run(args)``.
Qt is imported only when a window is opened, so the headless commands (and
``--install-desktop``, ``cli/desktop.py``) work without a display.
SIGINT and SIGTERM end a headless command with one line and exit 130 or 143 (``signals``).
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
from collections.abc import Sequence
from types import ModuleType

from netbuilder import __version__
from netbuilder.cli import signals

SUBCOMMANDS = ("check", "train", "export", "predict", "import", "doctor")
#: Sub-commands whose module name differs from the command (``import`` is a keyword).
_MODULE_NAMES = {"import": "import_model"}


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="netbuilder",
        description="Design, train and export neural networks visually. "
        "With no command, opens the window (on FILE, or on a bundled example).",
    )
    parser.add_argument("--version", action="version", version=f"netbuilder {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        module = _command_module(name)
        if module is not None:
            module.add_parser(sub)
    return parser


def _command_module(name: str) -> ModuleType | None:
    module = f"netbuilder.cli.{_MODULE_NAMES.get(name, name)}"
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in SUBCOMMANDS:
        previous = signals.install()  # first: importing torch alone takes seconds
        try:
            args = _build_parser().parse_args(argv)
            # Every command imports torch. A signal raised inside that import (in a callback
            # from its C++ side) aborts the interpreter ("terminate called after throwing
            # pybind11::error_already_set"): it is held until the import ends, then handled.
            with signals.deferred():
                import torch  # noqa: F401
            module = _command_module(args.command)
            assert module is not None  # the parser offers only the sub-commands that exist
            return int(module.run(args) or 0)
        except signals.Interrupted as exc:
            return _interrupted(argv[0], exc.signum)
        except KeyboardInterrupt:
            return _interrupted(argv[0], int(signal.SIGINT))
        finally:
            signals.restore(previous)
    gui = argparse.ArgumentParser(
        prog="netbuilder",
        description="Open the netbuilder window. Commands: "
        + ", ".join(SUBCOMMANDS)
        + " (netbuilder COMMAND --help).",
    )
    gui.add_argument("--version", action="version", version=f"netbuilder {__version__}")
    gui.add_argument("file", nargs="?", help="project to open (.nbproj or .json)")
    desktop = gui.add_mutually_exclusive_group()
    desktop.add_argument(
        "--install-desktop",
        action="store_true",
        help="add netbuilder to this user's application menu: launcher, icons, the .nbproj "
        "file type and AppStream metainfo, under $XDG_DATA_HOME (~/.local/share); "
        "prints each file written",
    )
    desktop.add_argument(
        "--uninstall-desktop",
        action="store_true",
        help="remove the files --install-desktop writes",
    )
    args = gui.parse_args(argv)
    if args.install_desktop or args.uninstall_desktop:
        if args.file:
            gui.error("--install-desktop and --uninstall-desktop take no FILE")
        from netbuilder.cli import desktop as desktop_files  # no Qt

        return desktop_files.run(uninstalling=args.uninstall_desktop)
    from netbuilder.qt.app import run_app  # Qt only now, when a window is wanted

    return int(run_app(args.file) or 0)


def _interrupted(command: str, signum: int) -> int:
    print(f"netbuilder {command}: interrupted by {signals.name(signum)}", file=sys.stderr)
    return 128 + signum


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
