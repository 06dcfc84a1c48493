"""Run ``netbuilder check`` and ``netbuilder train --epochs 1`` over corpus cases in one process.

``run_case`` calls the CLI's ``main()`` in-process per command (one interpreter that imports torch
once, instead of 300 processes) and records the exit code, stdout, stderr and any exception that
escaped (which a user would see as a traceback). As a script it reads the corpus folder and case
names, writes one JSON document with every outcome and its own peak memory, so the test measures
memory in a clean child:

    python -m tests.fuzz.driver CORPUS_DIR CASES.json RESULTS.json
"""

from __future__ import annotations

import contextlib
import io
import json
import resource
import sys
import traceback
from pathlib import Path
from typing import Any

from tests.fuzz.corpus import Case


def run_cli(argv: list[str]) -> dict[str, Any]:
    from netbuilder.cli import main

    out, err = io.StringIO(), io.StringIO()
    escaped = None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code: Any = main(argv)
        except SystemExit as exc:  # argparse, or a command that exits itself
            code = exc.code
        except BaseException:  # noqa: BLE001 - exactly what must never happen
            code = None
            escaped = traceback.format_exc()
    return {
        "argv": argv,
        "code": code,
        "stdout": out.getvalue(),
        "stderr": err.getvalue(),
        "escaped": escaped,
    }


def run_case(folder: Path, case: Case) -> list[dict[str, Any]]:
    path = str(folder / case.file)
    train = ["train", path, "--epochs", "1", *(["--resume"] if case.resume else [])]
    return [
        {"case": case.name, **run_cli(["check", path])},
        {"case": case.name, **run_cli(train)},
    ]


def problems(outcome: dict[str, Any]) -> list[str]:
    """What is wrong with one command's outcome (empty when it behaved)."""
    found = []
    code, stderr = outcome["code"], outcome["stderr"]
    if outcome["escaped"]:
        found.append(f"an exception escaped:\n{outcome['escaped']}")
    if code not in (0, 1, 2):
        found.append(f"exit code {code!r}")
    for stream in ("stdout", "stderr"):
        if "Traceback" in outcome[stream]:
            found.append(f"a traceback on {stream}")
    lines = [line for line in stderr.splitlines() if line.strip()]
    command = outcome["argv"][0]
    must_say = code == 2 or (command == "train" and code != 0)
    if must_say and len(lines) != 1:
        found.append(f"{len(lines)} stderr lines for exit {code}: {stderr!r}")
    if not must_say and len(lines) > 1:
        found.append(f"{len(lines)} stderr lines: {stderr!r}")
    return found


def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB


def main(argv: list[str]) -> int:
    folder, cases, results = argv
    outcomes: list[dict[str, Any]] = []
    for entry in json.loads(Path(cases).read_text()):
        outcomes += run_case(Path(folder), Case(**entry))
    Path(results).write_text(json.dumps({"outcomes": outcomes, "peak_rss": peak_rss_bytes()}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
