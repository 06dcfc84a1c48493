"""``netbuilder export FILE --format python|torchrun|onnx|pt2|safetensors -o PATH``.

``--with-weights`` (python): the weights too, beside the .py as NAME.safetensors.

Exit codes: 0 exported, 1 the export failed (the message says why and, when known, which node),
2 the file cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from netbuilder.model.errors import NetbuilderError

FORMATS = ("python", "torchrun", "onnx", "pt2", "safetensors")
_WHAT = {
    "python": "a standalone .py with the network as a readable nn.Module",
    "torchrun": "a folder with train.py (DistributedDataParallel) and data.npz",
    "onnx": "an ONNX model with a dynamic batch dimension",
    "pt2": "a torch.export archive with a dynamic batch dimension",
    "safetensors": "the weights, keys named after the nodes",
}


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    formats = "; ".join(f"{k}: {v}" for k, v in _WHAT.items())
    p = subparsers.add_parser(
        "export",
        help="export a project as PyTorch code, a torchrun script, ONNX, pt2 or weights",
        description="Export a project. Formats: " + formats + ". Exit 0 when exported, 1 "
        "when the export failed, 2 when the file cannot be read.",
    )
    p.add_argument("file", help="project file (.nbproj or .json)")
    p.add_argument("--format", "-f", required=True, choices=FORMATS, help="what to write")
    p.add_argument("-o", "--output", required=True, help="file (or folder, for torchrun) to write")
    p.add_argument("--class-name", help="name of the generated nn.Module class (python, torchrun)")
    p.add_argument(
        "--with-weights",
        action="store_true",
        help="python: also write the weights beside the .py (NAME.safetensors), which its "
        "load() applies",
    )


def run(args: argparse.Namespace) -> int:
    from netbuilder.engine.export import export
    from netbuilder.io import load_project

    path = Path(args.file)
    try:
        loaded = load_project(path)
    except NetbuilderError as exc:
        print(f"netbuilder export: {exc}", file=sys.stderr)
        return 2
    try:
        if args.with_weights and args.format != "python":
            raise NetbuilderError("--with-weights is for --format python")
        result = export(
            loaded,
            args.format,
            args.output,
            class_name=args.class_name,
            weights=args.with_weights,
        )
    except NetbuilderError as exc:
        print(f"netbuilder export: {path.name}: {exc}", file=sys.stderr)
        return 1
    for note in result.notes:
        print(f"note: {note}")
    written = ", ".join(str(f) for f in result.files) or str(result.path)
    print(f"{path.name}: exported {args.format} to {written}")
    return 0
