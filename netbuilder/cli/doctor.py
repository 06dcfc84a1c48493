"""``netbuilder doctor FILE [--json]``: the training doctor's checks before a long run.

Runs the loss at initialisation, one backward pass, overfitting one small batch and a
learning-rate range test on a seeded copy of the network (``engine.doctor``), and prints each
finding (node, what was seen, what it means, what to try) and the suggested learning rate.
On a trained project (with a history) the watch's findings on its newest run come after them
(``engine.doctor.watch.history_findings``).
Exit codes: 0 no findings, 1 findings or the project cannot be checked (named), 2 the file
cannot be read.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from netbuilder.model.errors import NetbuilderError

if TYPE_CHECKING:
    from netbuilder.engine.doctor.findings import DoctorReport, Finding


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "doctor",
        help="check a network before training: loss at init, gradients, one batch, lr range",
        description="Run the training doctor's checks on a seeded copy of the network and say "
        "what would spoil training, per node, with what to try. Exit 0 when nothing was found, "
        "1 on findings or when the project cannot be checked, 2 when the file cannot be read.",
    )
    p.add_argument("file", help="project file (.nbproj or .json)")
    p.add_argument("--json", action="store_true", help="print one JSON document")
    p.add_argument(
        "--weights",
        action="store_true",
        help="start from the project's saved weights instead of a fresh initialisation",
    )


def run(args: argparse.Namespace) -> int:
    from netbuilder.io import load_project

    path = Path(args.file)
    try:
        loaded = load_project(path)
    except NetbuilderError as exc:
        return _fail(args, path, str(exc), 2)
    weights = None
    if args.weights:
        if loaded.weights is None:
            return _fail(args, path, f"{path.name}: has no saved weights (drop --weights)", 1)
        weights = loaded.weights
    from netbuilder.engine.doctor.examine import examine

    try:
        report = examine(loaded.project, path.parent, weights=weights)
    except NetbuilderError as exc:
        return _fail(args, path, f"{path.name}: cannot be checked: {exc}", 1)
    except (RuntimeError, ValueError) as exc:  # torch refusing the network or its data
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return _fail(args, path, f"{path.name}: cannot be checked: {first}", 1)
    from netbuilder.engine.doctor.watch import history_findings

    # A trained project: what its newest run's numbers showed (the watch), after the checks.
    watched = history_findings(loaded.history, loaded.project.graph)
    if watched:
        report = dataclasses.replace(report, findings=(*report.findings, *watched))
    if args.json:
        print(json.dumps({"file": str(path), **report.to_dict()}, indent=2))
    else:
        _print_report(path, report, float(loaded.project.training.lr))
    return 1 if report.findings else 0


def _print_report(path: Path, report: DoctorReport, lr: float) -> None:
    init = report.loss_at_init
    print(
        f"loss at initialisation: {init.seen:.4g} (an untrained network starts near "
        f"{init.expected:.4g})"
    )
    suggested = report.lr_range.suggested
    if suggested is None:
        print(f"learning rate: {lr:g}; the range test found no clear fall in the loss")
    else:
        print(f"learning rate: {lr:g}; the range test suggests {suggested:.2g}")
    if not report.findings:
        print(f"{path.name}: no findings")
        return
    n = len(report.findings)
    print(f"{path.name}: {n} finding{'s' if n != 1 else ''}:")
    for finding in report.findings:
        print_finding(finding)


def print_finding(finding: Finding) -> None:
    seen = ", ".join(f"{k}={v:.3g}" for k, v in finding.seen.items())
    print(f"  {finding.node or 'training'}: {finding.rule}")
    print(f"    seen: {seen}")
    print(f"    means: {finding.meaning}")
    print(f"    try: {finding.advice}")
    for remedy in finding.remedies:
        print(f"    fix: {remedy.label}")


def _fail(args: argparse.Namespace, path: Path, message: str, code: int) -> int:
    if args.json:
        print(json.dumps({"file": str(path), "error": message}, indent=2))
    print(f"netbuilder doctor: {message}", file=sys.stderr)
    return code
