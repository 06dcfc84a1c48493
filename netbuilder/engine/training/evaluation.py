"""What an evaluation reports: the ``Evaluation`` record and each task's headline metric.

No torch here (``metrics`` computes them with torch): the window names its plots' metric and
shows results before torch is imported, which it does only after its first paint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

HEADLINE = {"classification": "accuracy", "binary": "accuracy", "regression": "r2"}


@dataclass
class Evaluation:
    """Loss and metrics of one pass over a split. ``metrics`` is JSON-ready."""

    loss: float
    metrics: dict[str, Any] = field(default_factory=dict)
    n_samples: int = 0

    def headline(self, task: str) -> float | None:
        value = self.metrics.get(HEADLINE.get(task, ""))
        return float(value) if value is not None else None
