"""The decision boundary of a two-feature classifier: its predicted class over a grid.

Computed between training steps (the window's worker thread asks every few seconds) and after
a run; the window only draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from netbuilder.engine.training.metrics import predict


@dataclass
class BoundaryGrid:
    """Class probabilities (or the predicted class) over a grid covering the data."""

    xs: np.ndarray  # [gx] grid x coordinates
    ys: np.ndarray  # [gy] grid y coordinates
    classes: np.ndarray  # [gy, gx] predicted class index
    confidence: np.ndarray  # [gy, gx] probability of the predicted class
    points: np.ndarray | None = None  # [n, 2] the training inputs, to draw over the grid
    labels: np.ndarray | None = None  # [n] their classes


def boundary_grid(
    module: nn.Module, x: np.ndarray, task: str, size: int = 80
) -> BoundaryGrid | None:
    """Predicted class over a ``size`` x ``size`` grid around two-feature data ``x``.

    Runs under ``no_grad`` in eval mode (restored afterwards); None when the data does not
    have exactly two features or the task is not a classification.
    """
    x = np.asarray(x)
    if x.ndim != 2 or x.shape[1] != 2 or task not in ("classification", "binary"):
        return None
    lo, hi = x.min(axis=0), x.max(axis=0)
    pad = (hi - lo) * 0.08 + 1e-6
    xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], size, dtype=np.float32)
    ys = np.linspace(lo[1] - pad[1], hi[1] + pad[1], size, dtype=np.float32)
    gx, gy = np.meshgrid(xs, ys)
    points = np.stack([gx.ravel(), gy.ravel()], axis=1)
    device = next((p.device for p in module.parameters()), torch.device("cpu"))
    out = predict(module, (torch.from_numpy(points).to(device),)).float()
    with torch.no_grad():
        if task == "binary" or out.shape[-1] == 1:
            p1 = torch.sigmoid(out.reshape(-1))
            cls = (p1 > 0.5).long()
            conf = torch.where(cls == 1, p1, 1 - p1)
        else:
            probs = torch.softmax(out.reshape(out.shape[0], -1), dim=-1)
            conf, cls = probs.max(dim=-1)
    return BoundaryGrid(
        xs, ys, cls.cpu().numpy().reshape(size, size), conf.cpu().numpy().reshape(size, size)
    )
