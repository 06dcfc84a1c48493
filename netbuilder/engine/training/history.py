"""history.json kept small enough to be read back, whatever the classes, epochs and runs.

A confusion matrix per epoch made the history grow by k*k numbers an epoch: 100 classes x a few
epochs was refused on reading as a zip bomb, 10 classes x 28,000 epochs as over 64 MiB. Nothing
reads a past epoch's matrix (the plots take per-epoch scalars; the evaluation view shows the run
summary's matrix), so:

- every epoch keeps its scalars (losses, metrics, learning rate, step, seconds);
- the confusion matrix stays only on the last epoch and the best one (lowest validation loss,
  what early stopping restores), and only up to ``MAX_CONFUSION_CLASSES`` classes;
- only the newest run keeps matrices at all; at most ``MAX_RUNS`` runs are kept, and runs before
  the newest are thinned to evenly spaced epochs, at most ``OLDER_RUN_EPOCHS`` each (they are
  drawn as faded curves, a few hundred pixels wide).

Bounds, in compact JSON: the newest run <= 100,000 epochs (the settings' maximum) x ~200 B
plus 4 matrices of at most 256 x 256 counts, about 21 MiB; the older runs together <=
``OLDER_EPOCHS_BUDGET`` epochs, about 10 MiB: under half the 64 MiB member cap (measured:
29 MiB at 100 runs of 100,000 epochs and 256 classes, read back in ~20 s).
Older files (per-epoch matrices) are read as they are and compacted on the next save.
"""

from __future__ import annotations

import math
from typing import Any

CONFUSION = "confusion"
MAX_RUNS = 100
MAX_CONFUSION_CLASSES = 256
#: Epochs kept per older run, summed over all older runs.
OLDER_EPOCHS_BUDGET = 50_000
OLDER_RUN_EPOCHS = 2_000


def older_run_epochs(n_older: int) -> int:
    """Epochs kept for each run before the newest when there are ``n_older`` of them."""
    return max(50, min(OLDER_RUN_EPOCHS, OLDER_EPOCHS_BUDGET // max(1, n_older)))


def _val_loss(epoch: Any) -> float:
    value = epoch.get("val_loss") if isinstance(epoch, dict) else None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return math.inf


def best_index(epochs: list[Any]) -> int | None:
    """The first epoch with the lowest finite validation loss (None when there is none)."""
    best, at = math.inf, None
    for i, e in enumerate(epochs):
        loss = _val_loss(e)
        if loss < best:
            best, at = loss, i
    return at


def _matrix_fits(matrix: Any) -> bool:
    return isinstance(matrix, list) and len(matrix) <= MAX_CONFUSION_CLASSES


def _without_confusion(metrics: Any, keep: bool) -> Any:
    """``metrics`` with its confusion matrix dropped unless ``keep`` (and small enough)."""
    if not isinstance(metrics, dict) or CONFUSION not in metrics:
        return metrics
    if keep and _matrix_fits(metrics[CONFUSION]):
        return metrics
    return {k: v for k, v in metrics.items() if k != CONFUSION}


def compact_epochs(epochs: list[Any], *, keep_confusion: bool = True) -> list[Any]:
    """Per-epoch dicts with the confusion matrix kept only on the last and the best epoch."""
    keep = {len(epochs) - 1, best_index(epochs)} if keep_confusion else set()
    out = []
    for i, e in enumerate(epochs):
        if isinstance(e, dict) and isinstance(e.get("val_metrics"), dict):
            metrics = _without_confusion(e["val_metrics"], i in keep)
            if metrics is not e["val_metrics"]:
                e = {**e, "val_metrics": metrics}
        out.append(e)
    return out


def thin(epochs: list[Any], limit: int) -> list[Any]:
    """At most ``limit`` epochs, evenly spaced, the first and the last always kept."""
    n = len(epochs)
    if n <= limit or limit < 2:
        return list(epochs[:limit]) if limit < 2 else list(epochs)
    picks = sorted({round(i * (n - 1) / (limit - 1)) for i in range(limit)})
    return [epochs[i] for i in picks]


def _compact_summary(summary: Any, keep_confusion: bool) -> Any:
    if not isinstance(summary, dict):
        return summary
    out = dict(summary)
    for key in ("val_metrics", "test_metrics"):
        if key in out:
            out[key] = _without_confusion(out[key], keep_confusion)
    return out


def _compact_run(run: Any, *, newest: bool, limit: int) -> Any:
    if not isinstance(run, dict):
        return run
    out = dict(run)
    epochs = out.get("epochs")
    if isinstance(epochs, list):
        out["epochs"] = compact_epochs(
            epochs if newest else thin(epochs, limit), keep_confusion=newest
        )
    if "summary" in out:
        out["summary"] = _compact_summary(out["summary"], newest)
    return out


def compact_document(history: dict[str, Any]) -> dict[str, Any]:
    """A ``{"runs": [...]}`` history within the bounds above (a new dict; input untouched)."""
    runs = history.get("runs")
    if not isinstance(runs, list):
        return history
    runs = runs[-MAX_RUNS:]
    limit = older_run_epochs(len(runs) - 1)
    last = len(runs) - 1
    compacted = [_compact_run(r, newest=i == last, limit=limit) for i, r in enumerate(runs)]
    return {**history, "runs": compacted}
