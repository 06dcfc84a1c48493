"""``netbuilder check FILE [--json]``: validate a project and print each node's shape and size.

Exit codes: 0 valid, 1 the graph (or its dataset binding) has errors, 2 the file cannot be read
(its saved weights or checkpoint included: their headers and metadata are checked too).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netbuilder.model.errors import NetbuilderError

if TYPE_CHECKING:
    from netbuilder.engine.data.info import DatasetInfo
    from netbuilder.io import LoadedProject


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "check",
        help="validate a project: shapes, parameter counts, errors per node",
        description="Validate a project file and print each node's output shape and parameter "
        "count. Exit 0 when valid, 1 when the graph has errors, 2 when the file cannot be read.",
    )
    p.add_argument("file", help="project file (.nbproj or .json)")
    p.add_argument("--json", action="store_true", help="print one JSON document")


def run(args: argparse.Namespace) -> int:
    from netbuilder.engine.data.datasets import dataset_info
    from netbuilder.engine.network.shapes import check_graph, format_shape
    from netbuilder.engine.training.session import (
        memory_estimate,
        memory_problem,
        training_problems,
    )
    from netbuilder.io import load_project

    path = Path(args.file)
    try:
        loaded = load_project(path)
    except NetbuilderError as exc:
        return _fail_unreadable(args, path, str(exc))
    damaged = _damaged_results(loaded)
    if damaged is not None:
        return _fail_unreadable(args, path, f"{path.name}: {damaged}")
    project = loaded.project
    warnings = list(loaded.warnings)

    info = None
    if project.dataset is not None:
        try:
            info = dataset_info(project.dataset, path.parent)
        except NetbuilderError:
            pass  # training_problems names it
    report = check_graph(
        project.graph,
        dataset=info,
        loss=project.training.loss,
        no_dataset=project.dataset is None,
    )

    warnings += [f"{nid}: {msg}" for nid, msg in report.warning_messages()]
    warnings += [f"{nid}: {msg}" for nid, msg in report.note_messages()]
    # Pending problems (a layer not connected yet) are quiet in the window but stop training,
    # so the check reports them as errors.
    errors: list[dict[str, str | None]] = [
        {"node": nid, "message": msg} for nid, msg in report.problems()
    ]
    if report.ok:  # what else would stop `netbuilder train` before its first step
        errors += [
            {"node": None, "message": msg} for msg in training_problems(project, path.parent)
        ]
    memory = memory_estimate(report, project.training)
    if report.ok and not errors:
        too_big = memory_problem(report, project.training)
        if too_big is not None:
            errors.append({"node": None, "message": too_big})
    order = project.graph.topological_order()
    nodes = []
    for nid in order:
        node = project.graph.node(nid)
        shape = report.shapes.get(nid)
        block = node.params.get("block") if node.type == "Block" else None
        nodes.append(
            {
                "id": nid,
                "type": f"{block} (block)" if block is not None else node.type,
                **({"block": block} if block is not None else {}),
                "shape": None if shape is None else format_shape(shape),
                "params": report.param_counts.get(nid, 0),
                "error": report.errors.get(nid) or report.pending.get(nid),
            }
        )
    valid = not errors
    if args.json:
        doc = {
            "file": str(path),
            "valid": valid,
            "total_params": report.total_params,
            "memory": {
                "total_bytes": memory.total_bytes,
                "param_bytes": memory.param_bytes,
                "activation_bytes": memory.activation_bytes,
                "batch_size": memory.batch_size,
                "summary": memory.summary(),
            },
            "dataset": None if info is None else info.name,
            "nodes": nodes,
            "errors": errors,
            "warnings": warnings,
        }
        print(json.dumps(doc, indent=2))
    else:
        _print_table(path, nodes, report.total_params, info, errors, warnings, memory.summary())
    return 0 if valid else 1


def _damaged_results(loaded: LoadedProject) -> str | None:
    """Why the saved weights or checkpoint cannot be used (their headers and the checkpoint's
    metadata, checked without torch), or None."""
    from netbuilder.engine.training.checkpoint_check import check_checkpoint, check_weights

    try:
        if loaded.weights is not None:
            check_weights(loaded.weights)
        if loaded.checkpoint is not None and loaded.checkpoint_meta is not None:
            check_checkpoint(loaded.checkpoint, loaded.checkpoint_meta)
    except NetbuilderError as exc:
        return str(exc)
    return None


def _print_table(
    path: Path,
    nodes: list[dict[str, Any]],
    total: int,
    info: DatasetInfo | None,
    errors: list[dict[str, str | None]],
    warnings: list[str],
    memory: str,
) -> None:
    rows = [("node", "type", "output", "params")]
    rows += [(n["id"], n["type"], n["shape"] or "-", f"{n['params']:,}") for n in nodes]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    data = f" on {info.name}" if info is not None else ""
    for k, r in enumerate(rows):
        line = "  ".join(
            (c.rjust(widths[i]) if i == 3 else c.ljust(widths[i])) for i, c in enumerate(r)
        )
        print(line.rstrip())
        if k == 0:
            print("  ".join("-" * w for w in widths))
    print(f"total parameters: {total:,}")
    print(f"memory: {memory}")
    for w in warnings:
        print(f"warning: {w}")
    if errors:
        print(f"{path.name}: {len(errors)} error{'s' if len(errors) != 1 else ''}{data}:")
        for e in errors:
            where = f"{e['node']}: " if e["node"] else ""
            print(f"  {where}{e['message']}")
    else:
        print(f"{path.name}: valid{data}")


def _fail_unreadable(args: argparse.Namespace, path: Path, message: str) -> int:
    if args.json:
        print(json.dumps({"file": str(path), "valid": False, "error": message}, indent=2))
    print(f"netbuilder check: {message}", file=sys.stderr)
    return 2
