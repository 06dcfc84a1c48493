"""``netbuilder train FILE``: train a project headless.

A progress bar on a terminal (stderr); ``--json`` prints one JSON object per line instead
(``"event": "progress"`` at most once a second, ``"epoch"`` per epoch, then ``"summary"``).
Ctrl-C stops training cleanly after the current step; the summary and ``--out`` still happen.
Exit codes: 0 trained, 1 the project cannot be trained or training failed, 2 unreadable file.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netbuilder.model.errors import NetbuilderError

if TYPE_CHECKING:
    from netbuilder.engine.training.session import SessionResult
    from netbuilder.engine.training.telemetry import Progress
    from netbuilder.io import LoadedProject


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
    p.add_argument("--out", help="save the trained project (.nbproj: weights and history)")
    p.add_argument("--resume", action="store_true", help="continue from the file's checkpoint")
    p.add_argument("--json", action="store_true", help="print one JSON object per line")


def run(args: argparse.Namespace) -> int:
    from netbuilder.engine.training.session import prepare
    from netbuilder.io import load_project

    path = Path(args.file)
    try:
        loaded = load_project(path)
    except NetbuilderError as exc:
        return _fail(args, f"{exc}", 2)
    if args.out and Path(args.out).suffix.lower() != ".nbproj":
        # Checked before training: a .json document cannot hold the trained weights.
        return _fail(args, f"--out {args.out}: the trained project is saved as .nbproj", 1)
    if args.out and not Path(args.out).resolve().parent.is_dir():
        return _fail(args, f"--out {args.out}: folder {Path(args.out).parent} does not exist", 1)
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
            checkpoint=checkpoint,
        )
    except NetbuilderError as exc:
        return _fail(args, f"{path.name}: {exc}", 1)

    reporter = _JsonReporter() if args.json else _BarReporter(prepared.trainer.total_steps)
    previous = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, lambda *_: prepared.stop())
    try:
        result = prepared.run(reporter, keep_checkpoint=args.out is not None)
    except NetbuilderError as exc:
        return _fail(args, f"{path.name}: {exc}", 1)
    finally:
        signal.signal(signal.SIGINT, previous)
        reporter.close()

    summary: dict[str, Any] = {"event": "summary", "file": str(path), **result.summary}
    code = 1 if result.train.status == "non_finite" else 0
    if args.out:
        try:
            _save(args.out, loaded, result)
            summary["out"] = str(args.out)
        except NetbuilderError as exc:
            summary["error"] = f"not saved: {exc}"
            print(f"netbuilder train: {exc}", file=sys.stderr)
            code = 1
    if args.json:
        print(json.dumps(summary), flush=True)
    else:
        _print_summary(path, summary)
    if code and result.train.status == "non_finite":
        print(f"netbuilder train: {result.train.message}", file=sys.stderr)
    return code


def _save(out: str, loaded: LoadedProject, result: SessionResult) -> None:
    from netbuilder.io import save_project

    save_project(out, loaded.project, **result.project_results(loaded.results).members())


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
    if s["status"] != "completed":
        print(f"  {s['message']}")
    if s.get("out"):
        print(f"  saved {s['out']}")


def _fmt(x: Any) -> str:
    return "-" if x is None else f"{x:.4f}" if isinstance(x, float) else str(x)


def _fail(args: argparse.Namespace, message: str, code: int) -> int:
    if args.json:
        print(json.dumps({"event": "error", "error": message, "exit_code": code}), flush=True)
    print(f"netbuilder train: {message}", file=sys.stderr)
    return code
