"""The numbers behind the training plots, kept apart from drawing: a recorded run's per-epoch
table (an opened project's last run), the gradient heatmap's image, the hover readout."""

from __future__ import annotations

from typing import Any

import numpy as np

from netbuilder.qt.i18n import translate
from netbuilder.qt.training.plotkit import as_number, fmt_value, headline

HEATMAP_ROWS = 600  # at most this many time columns are drawn


def recorded_table(run: dict[str, Any], metric: str) -> np.ndarray:
    """history.json's run as rows of ``(epoch, step, train_loss, val_loss, metric, lr)``
    (NaN where a number is missing; the headline metric when ``metric`` is not recorded)."""
    epochs = [e for e in run.get("epochs") or [] if isinstance(e, dict)]
    rows = []
    for i, e in enumerate(epochs):
        epoch = e.get("epoch") if isinstance(e.get("epoch"), (int, float)) else i + 1
        step = e.get("step") if isinstance(e.get("step"), (int, float)) else epoch
        metrics = e.get("val_metrics") or {}
        value = metrics.get(metric) if isinstance(metrics, dict) else None
        if not isinstance(value, (int, float)):
            value = headline(metrics)
        losses = as_number(e.get("train_loss")), as_number(e.get("val_loss"))
        rows.append((epoch, step, *losses, as_number(value), as_number(e.get("lr"))))
    return np.array(rows, dtype=np.float64).reshape(-1, 6)


def heatmap_image(
    grads: np.ndarray, every: int = 1
) -> tuple[np.ndarray, tuple[float, float], tuple[float, float]] | None:
    """log10 of sampled gradient norms (``grads``: rows of step, a norm per node) as at most
    ``HEATMAP_ROWS`` evenly spaced time columns from the first sample to one interval
    (``every``) past the last, so that the image lines up with the step axis of the other
    plots although samples are not evenly spaced (the first ones come sooner). A column shows
    the largest norm sampled within it, or the last one before it; with the colour levels and
    the x extent. None without rows."""
    n = len(grads)
    if n == 0 or grads.shape[1] < 2:
        return None
    steps = grads[:, 0]
    x0, x1 = float(steps[0]), float(steps[-1]) + max(1, every)
    columns = int(min(HEATMAP_ROWS, max(1.0, x1 - x0)))
    col = np.clip(((steps - x0) / (x1 - x0) * columns).astype(np.int64), 0, columns - 1)
    img = np.full((columns, grads.shape[1] - 1), np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log10(grads[:, 1:])
    filled = np.zeros(columns, dtype=bool)
    for c in np.unique(col):
        img[c] = np.nanmax(np.where(np.isfinite(logs[col == c]), logs[col == c], -np.inf), axis=0)
        filled[c] = True
    last = np.maximum.accumulate(np.where(filled, np.arange(columns), 0))
    img = img[last]
    finite = img[np.isfinite(img)]
    levels = (float(finite.min()), float(finite.max()) + 1e-9) if finite.size else (0.0, 1.0)
    return img, levels, (x0, x1)


def describe_at(plots: Any, plot: Any, x: float) -> str:
    """The values under horizontal position ``x`` of one of ``plots``' (``TrainingPlots``)
    plots, as one line of text."""
    if plot is plots.metric_plot:
        ep = plots.epochs.view(0)
        if not len(ep):
            return ""
        i = int(np.clip(np.searchsorted(ep, x), 0, len(ep) - 1))
        return translate("TrainingPlots", "epoch {epoch}: metric {value}").format(
            epoch=int(ep[i]), value=fmt_value(plots.epochs.view(3)[i])
        )
    steps = plots.steps.view(0)
    if not len(steps):
        return ""
    i = int(np.clip(np.searchsorted(steps, x), 0, len(steps) - 1))
    if plot is plots.lr_plot and len(plots.lr):
        j = int(np.clip(np.searchsorted(plots.lr.view(0), x), 0, len(plots.lr) - 1))
        return translate("TrainingPlots", "step {step}: lr {value}").format(
            step=int(steps[i]), value=fmt_value(plots.lr.view(1)[j])
        )
    if plot in (plots.grad_plot, plots.heat_plot) and len(plots.grads):
        gs = plots.grads.view(0)
        i = int(np.clip(np.searchsorted(gs, x, side="right") - 1, 0, len(gs) - 1))  # <= x
        parts = [
            f"{plots.grad_curves[n].name()} {fmt_value(plots.grads.view(j)[i])}"
            for j, n in enumerate(plots.nodes, 1)
        ]
        return translate("TrainingPlots", "step {step}: {values}").format(
            step=int(gs[i]), values=", ".join(parts)
        )
    loss, smoothed = fmt_value(plots.steps.view(1)[i]), fmt_value(plots.smoothed.view(0)[i])
    return translate("TrainingPlots", "step {step}: loss {loss} (smoothed {smoothed})").format(
        step=int(steps[i]), loss=loss, smoothed=smoothed
    )
