"""What training left for a project: weights, the history of its runs, a checkpoint to resume,
and the recipe (raw sample -> network inputs) that the weights were trained with.

One value with one owner (the window's document, a loaded file): the weights and the checkpoint
travel together, so a project saved after more training never pairs new weights with the old
run's checkpoint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ProjectResults:
    weights: bytes | None = None  # safetensors bytes of the trained (or continued) network
    history: dict[str, Any] | list[Any] | None = None  # history.json: {"runs": [...]}
    checkpoint: bytes | None = None  # safetensors bytes of the resumable state
    checkpoint_meta: dict[str, Any] | None = None  # its JSON half (see engine's checkpoint)
    # recipe.json: the engine's Recipe as a dict, written with the weights it belongs to (None
    # for a project trained before recipes were saved: rebuilt from its data when it can be).
    recipe: dict[str, Any] | None = None

    @property
    def has_weights(self) -> bool:
        return bool(self.weights)

    @property
    def runs(self) -> list[dict[str, Any]]:
        """The recorded runs, oldest first ([] for a file without history or an old format).

        Read from a file, so shaped as readers expect whatever the file held: each run a dict
        whose ``epochs`` is a list of dicts and whose ``summary`` and ``settings`` are dicts
        (parts of another shape are left out, not passed on to break a plot)."""
        runs = self.history.get("runs") if isinstance(self.history, dict) else None
        return (
            [_clean_run(r) for r in runs if isinstance(r, dict)] if isinstance(runs, list) else []
        )

    def members(self) -> dict[str, Any]:
        """The parts present, as ``save_project`` keyword arguments."""
        parts = {
            "weights": self.weights,
            "history": self.history,
            "checkpoint": self.checkpoint,
            "checkpoint_meta": self.checkpoint_meta,
            "recipe": self.recipe,
        }
        return {k: v for k, v in parts.items() if v is not None}


def _clean_run(run: dict[str, Any]) -> dict[str, Any]:
    clean = dict(run)
    epochs = run.get("epochs")
    clean["epochs"] = [e for e in epochs if isinstance(e, dict)] if isinstance(epochs, list) else []
    for key in ("summary", "settings"):
        if key in clean and not isinstance(clean[key], dict):
            del clean[key]
    return clean
