"""``netbuilder import SOURCE -o PROJECT``: a PyTorch model as an editable project.

SOURCE is ``path/to/models.py:ClassOrFunction`` or ``package.module:builder``; it is run once,
here, to build the model (with ``--kwargs``), and traced with ``torch.fx`` on an input of
``--input-shape``. SOURCE can also be a ``torch.export`` archive (``model.pt2``): it is read
without unpickling or running anything, and its input shape is the archive's. Nothing of the
source is stored in the project. ``--weights`` keeps the model's weights as the project's weights
(parameter names mapped to the new node ids).

Exit codes: 0 imported, 1 the model cannot be imported (a report lists each operation netbuilder
cannot map, with its module path and source line), 2 SOURCE (or PROJECT) cannot be read or
written.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from netbuilder.model.errors import NetbuilderError


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "import",
        help="import a PyTorch model (models.py:Class) as a project",
        description="Trace a PyTorch model with torch.fx and write it as a netbuilder project, "
        "its own module classes as blocks (or one node per layer with --flat), named after the "
        "module path. SOURCE: FILE.py:Name or package.module:name (a class or a function "
        "returning the model), or a torch.export archive FILE.pt2 (its input shape comes from "
        "the archive). Exit 0 when "
        "imported, 1 when the model cannot be imported (a report lists each unsupported "
        "operation and its line), 2 when SOURCE cannot be read or PROJECT written.",
    )
    p.add_argument("source", metavar="SOURCE", help="FILE.py:Name, package.module:name or FILE.pt2")
    p.add_argument("-o", "--output", required=True, metavar="PROJECT", help=".nbproj or .json")
    p.add_argument(
        "--input-shape",
        default="",
        metavar="SHAPE",
        help="one sample's shape without the batch, e.g. 3,32,32 (token ids: the length); "
        "needed except for a .pt2 archive, which has its own",
    )
    p.add_argument("--kwargs", default="", help="keyword arguments as JSON: '{\"classes\": 10}'")
    p.add_argument(
        "--weights",
        action="store_true",
        help="keep the model's weights as the project's weights (needs a .nbproj PROJECT)",
    )
    p.add_argument(
        "--flat",
        action="store_true",
        help="one node per layer; by default each instance of a model's own module classes "
        "(a BasicBlock) becomes a use of one block definition per class",
    )
    p.add_argument("--json", action="store_true", help="print one JSON document")


def run(args: argparse.Namespace) -> int:
    from netbuilder.engine.importing import ImportFailure, SourceError
    from netbuilder.io import save_project

    out = Path(args.output)
    archive = args.source.lower().endswith(".pt2")
    try:
        shape = parse_shape(args.input_shape) if args.input_shape else None
    except ValueError as exc:
        return _fail(args, str(exc), 2)
    if shape is None and not archive:
        return _fail(args, "--input-shape is needed (one sample's shape, such as 3,32,32)", 2)
    if archive and args.kwargs:
        return _fail(args, "--kwargs does not apply to a .pt2 archive (its model is built)", 2)
    if args.weights and out.suffix.lower() != ".nbproj":
        return _fail(args, f"{out.name}: --weights needs a .nbproj project (a .json has none)", 2)
    started = time.perf_counter()
    try:
        imported = _import(args.source, shape, args.kwargs, flat=args.flat)
    except SourceError as exc:
        return _fail(args, str(exc), 2)
    except ImportFailure as exc:
        return _fail(args, exc.report(), 1, problems=[p.describe() for p in exc.problems])
    name = imported.project.name
    try:
        save_project(out, imported.project, weights=imported.weights if args.weights else None)
    except NetbuilderError as exc:
        return _fail(args, str(exc), 2)
    seconds = time.perf_counter() - started
    if args.json:
        print(
            json.dumps(
                {
                    "event": "imported",
                    "file": str(out),
                    "layers": imported.layers,
                    "blocks": len(imported.project.graph.blocks),
                    "weights": bool(args.weights),
                    "max_difference": imported.max_difference,
                    "seconds": round(seconds, 3),
                }
            )
        )
    else:
        kept = "with the model's weights" if args.weights else "without weights"
        n = len(imported.project.graph.blocks)
        blocks = f", {n} block definition{'s' if n != 1 else ''}" if n else ""
        print(
            f"imported {name}: {imported.layers} layers -> {out} ({kept}{blocks}); the project's "
            f"output equals the model's (largest difference {imported.max_difference:.1e})"
        )
    return 0


def _import(source: str, shape: tuple[int, ...] | None, kwargs: str, *, flat: bool) -> Any:
    """The ImportedProject of SOURCE (SourceError, ImportFailure otherwise)."""
    from netbuilder.engine.importing import import_model, load_model, parse_kwargs
    from netbuilder.engine.importing.pt2 import import_archive, is_archive

    if is_archive(source):
        return import_archive(Path(source), shape, source=source, flat=flat)
    model = load_model(source, parse_kwargs(kwargs))
    name = source.rpartition(":")[2].split(".")[-1]
    assert shape is not None  # checked by run
    return import_model(model, shape, name=name, source=source, flat=flat)


def parse_shape(text: str) -> tuple[int, ...]:
    """``3,32,32`` -> (3, 32, 32); every size a positive integer."""
    try:
        shape = tuple(int(part) for part in text.replace("x", ",").split(","))
    except ValueError:
        shape = ()
    if not shape or any(s < 1 for s in shape):
        raise ValueError(f"--input-shape {text!r} must be positive integers such as 3,32,32")
    return shape


def _fail(
    args: argparse.Namespace, message: str, code: int, problems: list[str] | None = None
) -> int:
    if args.json:
        doc = {"event": "error", "error": message.splitlines()[0], "exit_code": code}
        if problems:
            doc["problems"] = problems
        print(json.dumps(doc), flush=True)
    print(f"netbuilder import: {message}", file=sys.stderr)
    return code
