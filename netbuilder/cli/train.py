"""``netbuilder train FILE``: train a project headless.

A progress bar on a terminal (stderr); ``--json`` prints one JSON object per line instead
(``"event": "progress"`` at most once a second, ``"epoch"`` per epoch, then ``"summary"``).
Ctrl-C or SIGTERM stops training cleanly after the current step; the summary and ``--out``
still happen, a second Ctrl-C waits for the save, and the exit code is 130 (SIGINT) or 143.
``--out`` is checked before training; if saving still fails, the result goes next to it under
another name (``train_output``).
At the end, the training doctor's watch (``engine.doctor.watch``) says what the run's own
numbers show went wrong (``findings`` in the ``--json`` summary and in the saved history).
Exit codes: 0 trained, 1 the project cannot be trained or training failed, 2 unreadable file.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netbuilder.cli import signals
from netbuilder.cli.train_output import check_out, save_result
from netbuilder.model.errors import NetbuilderError

if TYPE_CHECKING:
    from netbuilder.engine.training.session import SessionResult
    from netbuilder.engine.training.telemetry import Progress


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(
        "train",
        help="train a project headless and print its metrics",
        description="Train a project without the window. Exit 0 when trained, 1 when the "
        "project cannot be trained or training failed, 2 when the file cannot be read.",
    )
    p.add_argument("file", help="project file (.nbproj or .json)")
    p.add_argument("--epochs", type=int, help="override the project's number of epochs")
    p.add_argument(
        "--device", choices=("auto", "cpu", "cuda", "mps"), help="override the training device"
    )
    p.add_argument("--seed", type=int, help="override the project's random seed")
    p.add_argument(
        "--lr",
        type=float,
        help="override the learning rate (a run that ended on a non-finite loss can be "
        "resumed with a lower one)",
    )
    p.add_argument("--out", help="save the trained project (.nbproj: weights and history)")
    p.add_argument("--resume", action="store_true", help="continue from the file's checkpoint")
    p.add_argument("--json", action="store_true", help="print one JSON object per line")


def run(args: argparse.Namespace) -> int:
    # A signal raised inside torch's import (in a callback from its C++ side) aborts the
    # interpreter ("terminate called after throwing pybind11::error_already_set"): it is held
    # until the import ends, then handled as anywhere else.
    with signals.deferred():
        from netbuilder.engine.training.session import prepare
    from netbuilder.io import load_project

    path = Path(args.file)
    try:
        loaded = load_project(path)
    except NetbuilderError as exc:
        return _fail(args, f"{exc}", 2)
    if args.out:
        try:
            with signals.deferred():  # the probe file is always removed
                check_out(args.out)  # before training: a run must not be lost to its --out
        except NetbuilderError as exc:
            return _fail(args, str(exc), 1)
    checkpoint = None
    if args.resume:
        if loaded.checkpoint is None or loaded.checkpoint_meta is None:
            return _fail(args, f"{path.name} holds no checkpoint to resume from", 1)
        checkpoint = (loaded.checkpoint, loaded.checkpoint_meta)
    try:
        prepared = prepare(
            loaded,
            path.parent,
            epochs=args.epochs,
            device=args.device,
            seed=args.seed,
            lr=args.lr,
            checkpoint=checkpoint,
        )
    except NetbuilderError as exc:
        return _fail(args, f"{path.name}: {exc}", 1)

    from netbuilder.engine.doctor.watch import watch
    from netbuilder.engine.doctor.watch_record import RunRecorder

    reporter = _JsonReporter() if args.json else _BarReporter(prepared.trainer.total_steps)
    recorder = RunRecorder()  # what the doctor's watch reads after the run

    def report(p: Progress) -> None:
        recorder(p)
        reporter(p)

    with signals.stopping_with(prepared.stop):  # a signal now ends training, not the command
        try:
            result = prepared.run(report, keep_checkpoint=args.out is not None)
        except NetbuilderError as exc:
            return _fail(args, f"{path.name}: {exc}", 1)
        finally:
            reporter.close()
        record = recorder.finish(result.train, result.settings.to_dict())
        findings = watch(record, loaded.project.graph)
        # In the summary, so the saved history keeps them (``netbuilder doctor`` reads them).
        result.summary["findings"] = [f.to_dict() for f in findings]
        summary: dict[str, Any] = {"event": "summary", "file": str(path), **result.summary}
        status = result.train.status
        code = 1 if status in ("non_finite", "out_of_memory") else 0
        problem = result.train.message if code else None
        if args.out:
            with signals.deferred():  # a second Ctrl-C waits for the save
                code, problem = _save(args, loaded, result, summary, code, problem)
        if args.json:
            print(json.dumps(summary), flush=True)
        else:
            _print_summary(path, summary)
        signum = signals.received()
        if signum is not None:
            code = 128 + signum
            saved = f"; saved {summary['out']}" if summary.get("out") else ""
            problem = f"stopped by {signals.name(signum)} after {result.train.steps} steps{saved}"
            problem += f"; {summary['error']}" if summary.get("error") else ""
        if problem:
            print(f"netbuilder train: {problem}", file=sys.stderr, flush=True)
        return code


def _save(
    args: argparse.Namespace,
    loaded: Any,
    result: SessionResult,
    summary: dict[str, Any],
    code: int,
    problem: str | None,
) -> tuple[int, str | None]:
    """Save the trained project; (exit code, the one line to print) after it. A learning rate
    given with ``--lr`` is the project's from now on: its checkpoint was made with it, and a
    later ``--resume`` compares the two."""
    if args.lr is not None and loaded.project.training.lr != result.settings.lr:
        loaded.project.training = dataclasses.replace(
            loaded.project.training, lr=result.settings.lr
        )
    try:
        where, failure = save_result(args.out, loaded, result)
    except NetbuilderError as exc:
        summary["error"] = f"not saved: {exc}"
        return 1, str(exc)
    summary["out"] = str(where)
    if failure is not None and where == Path(args.out):  # saved there, without its checkpoint
        summary["warning"] = failure
        return code, problem or f"{args.out}: {failure}"
    if failure is not None:
        summary["error"] = f"not saved as {args.out}: {failure}"
        return 1, f"could not save {args.out} ({failure}); the result was saved as {where}"
    if result.train.status == "non_finite" and result.checkpoint is not None:
        lower = result.settings.lr / 10
        hint = f"; to continue with a lower learning rate: netbuilder train {where} --resume"
        hint += f" --lr {lower:g}"
        return code, f"{problem}{hint}"
    return code, problem


class _JsonReporter:
    """Progress as JSON lines on stdout: every epoch, and otherwise at most once a second."""

    def __init__(self) -> None:
        self._last = 0.0

    def __call__(self, p: Progress) -> None:
        now = time.monotonic()
        if p.epoch_result is not None:
            e = p.epoch_result
            line = {"event": "epoch", "epochs": p.epochs, **e.to_dict()}
            line["val_metrics"] = {k: v for k, v in e.val_metrics.items() if k != "confusion"}
            line["steps_per_s"] = round(p.steps_per_s, 2)
        elif now - self._last >= 1.0 and len(p.train_loss):
            line = {
                "event": "progress",
                "epoch": p.epoch,
                "epochs": p.epochs,
                "step": p.step,
                "total_steps": p.total_steps,
                "train_loss": float(p.train_loss[-1]),
                "lr": p.lr,
                "steps_per_s": round(p.steps_per_s, 2),
            }
        else:
            return
        self._last = now
        print(json.dumps(line), flush=True)

    def close(self) -> None:
        pass


class _BarReporter:
    """A tqdm bar on stderr; silent when stderr is not a terminal."""

    def __init__(self, total: int) -> None:
        from tqdm import tqdm

        self._bar = tqdm(total=total, unit="step", file=sys.stderr, disable=None, leave=False)
        self._done = 0

    def __call__(self, p: Progress) -> None:
        self._bar.update(p.step - self._done)
        self._done = p.step
        post = {"epoch": f"{p.epoch}/{p.epochs}"}
        if len(p.train_loss):
            post["loss"] = f"{p.train_loss[-1]:.4g}"
        if p.epoch_result is not None and p.epoch_result.val_loss is not None:
            post["val_loss"] = f"{p.epoch_result.val_loss:.4g}"
        self._bar.set_postfix(post, refresh=False)

    def close(self) -> None:
        self._bar.close()


def _print_summary(path: Path, s: dict[str, Any]) -> None:
    print(
        f"{path.name}: {s['status']}: {s['epochs']} epochs, {s['steps']} steps, "
        f"{s['steps_per_s']:.0f} steps/s on {s['device']}"
    )
    parts = [f"train loss {_fmt(s['train_loss'])}", f"val loss {_fmt(s['val_loss'])}"]
    parts += [f"val {k} {_fmt(v)}" for k, v in s["val_metrics"].items() if k != "confusion"]
    print("  " + "  ".join(parts))
    if s["test_loss"] is not None:
        parts = [f"test loss {_fmt(s['test_loss'])}"]
        parts += [f"test {k} {_fmt(v)}" for k, v in s["test_metrics"].items() if k != "confusion"]
        print("  " + "  ".join(parts))
    base = s.get("baseline")
    if isinstance(base, dict):
        print("  " + _baseline_line(base))
    from netbuilder.engine.data.image_stream import skipped_note  # loaded by the run already

    skipped = skipped_note(int(s.get("skipped_images") or 0))
    if skipped:
        print(f"  {skipped}")
    if s["status"] != "completed":
        print(f"  {s['message']}")
    if s.get("out"):
        print(f"  saved {s['out']}")
    findings = s.get("findings") or []
    if findings:
        from netbuilder.cli.doctor import print_finding
        from netbuilder.engine.doctor.watch import finding_from_dict

        n = len(findings)
        print(f"  the training doctor's watch: {n} finding{'s' if n != 1 else ''}:")
        for item in findings:
            finding = finding_from_dict(item)
            if finding is not None:
                print_finding(finding)


def _baseline_line(base: dict[str, Any]) -> str:
    """``baseline (training mean 152.1): test rmse 77.0900  test mae ...``."""
    from netbuilder.engine.training.baseline import MEAN, describe

    split = base.get("split", "test")
    keys = ("rmse", "mae", "r2") if base.get("kind") == MEAN else ("accuracy",)
    figures = "  ".join(f"{split} {k} {_fmt(base[k])}" for k in keys if k in base)
    return f"baseline ({describe(base)}): {figures}"


def _fmt(x: Any) -> str:
    return "-" if x is None else f"{x:.4f}" if isinstance(x, float) else str(x)


def _fail(args: argparse.Namespace, message: str, code: int) -> int:
    if args.json:
        print(json.dumps({"event": "error", "error": message, "exit_code": code}), flush=True)
    print(f"netbuilder train: {message}", file=sys.stderr)
    return code
