"""One sample of a split, read by index when it is shown: its raw form for a person to look at,
and its input tensors as the network takes them (for the saliency view).

The browser keeps only indices (``samples.SampleRow``); this reads the one sample asked for
from the ``PreparedRun``'s dataset. The raw form is what the data was before encoding, as far
as the recipe can undo it: an image's pixels (still standardised: a picture is drawn from its own
range), a text's tokens joined by spaces (the tokeniser's lower case, unknown words as
``<unk>``), an id, or the feature values with their column names (un-standardised).
"""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["ChosenSample", "RawSample", "SampleSource", "choose"]


@dataclass(frozen=True)
class RawSample:
    """One input of one sample. ``kind``: image (``image`` [C, H, W]), text or ids (``text``),
    features (``values``: (column, value) pairs)."""

    name: str
    kind: str
    image: np.ndarray | None = None
    text: str = ""
    values: tuple[tuple[str, float], ...] = ()


class SampleSource:
    """Reads samples of ``split`` from a ``PreparedRun``. ``module`` is a copy of its network in
    eval mode on the CPU, made once on first use (the run's own may be on a GPU, and training
    again would change it under a saliency computation)."""

    def __init__(self, run: Any, split: str = "test") -> None:
        self.run = run
        self.split = split
        self.task: str = run.trainer.task
        self._module: Any = None
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.run.dataset.split(self.split)[1])

    def raw(self, index: int) -> list[RawSample]:
        """The sample's inputs in the dataset's order, each in the form a person reads."""
        dataset = self.run.dataset
        x = dataset.split(self.split)[0]
        xs = x if isinstance(x, (tuple, list)) else (x,)
        recipe_inputs = dataset.recipe.inputs if dataset.recipe is not None else ()
        out = []
        for i, (item, values) in enumerate(zip(dataset.info.input_infos, xs, strict=False)):
            recipe = recipe_inputs[i] if i < len(recipe_inputs) else None
            out.append(_raw_of(item, recipe, np.asarray(values[index])))
        return out

    def network_input(self, index: int) -> tuple[Any, ...]:
        """The sample as the network's ``forward`` takes it: one CPU tensor per Input node (in
        ``input_ids`` order), each with a batch dimension of 1."""
        import torch

        from netbuilder.engine.training.session import network_inputs

        dataset = self.run.dataset
        x = dataset.split(self.split)[0]
        arrays = network_inputs(x, dataset.info, self.run.input_data)
        return tuple(
            torch.as_tensor(np.ascontiguousarray(np.asarray(a[index : index + 1]))) for a in arrays
        )

    def module(self) -> Any:
        """The trained network, copied to the CPU in eval mode (once)."""
        with self._lock:
            if self._module is None:
                with self.run._evaluating:  # not while another thread evaluates it
                    self._module = copy.deepcopy(self.run.module).cpu().eval()
            return self._module


def _raw_of(item: Any, recipe: Any, values: np.ndarray) -> RawSample:
    kind = item.kind
    if kind == "image" or values.ndim == 3:
        return RawSample(item.name, "image", image=values.astype(np.float32))
    vocabulary = tuple(recipe.vocabulary) if recipe is not None else ()
    if kind in ("text", "tokens"):
        tokens = [int(t) for t in values.reshape(-1) if int(t) != 0]  # 0 pads
        words = [vocabulary[t] if t < len(vocabulary) else f"#{t}" for t in tokens]
        return RawSample(item.name, "text", text=" ".join(words))
    if kind == "ids":
        ids = [int(t) for t in values.reshape(-1)]
        names = [vocabulary[t - 1] if 0 < t <= len(vocabulary) else "(unseen)" for t in ids]
        return RawSample(item.name, "ids", text=", ".join(names))
    flat = values.astype(np.float64).reshape(-1)
    if recipe is not None and recipe.mean is not None and recipe.std is not None:
        mean, std = np.asarray(recipe.mean), np.asarray(recipe.std)
        if mean.size == flat.size:
            flat = flat * std + mean
    columns = tuple(item.columns) or tuple(f"x{i + 1}" for i in range(flat.size))
    names = [columns[i] if i < len(columns) else f"x{i + 1}" for i in range(flat.size)]
    return RawSample(item.name, "features", values=tuple(zip(names, flat.tolist(), strict=True)))


@dataclass(frozen=True)
class ChosenSample:
    """What a view needs to explain one prediction (the saliency view): ``inputs`` as the
    network's ``forward`` takes them (CPU tensors, batch of 1), ``module`` (eval mode, CPU, a
    copy), and the true and predicted class (-1 and "" for a regression)."""

    index: int
    split: str
    task: str
    inputs: tuple[Any, ...]
    module: Any
    true_class: int
    predicted_class: int
    true_name: str
    predicted_name: str
    class_names: tuple[str, ...]


def choose(source: SampleSource, report: Any, row: Any) -> ChosenSample:
    """``row`` (a ``SampleRow`` of ``report``) with its input tensors and the CPU network."""
    named = row.true >= 0
    return ChosenSample(
        index=row.index,
        split=source.split,
        task=source.task,
        inputs=source.network_input(row.index),
        module=source.module(),
        true_class=row.true,
        predicted_class=row.predicted,
        true_name=report.class_name(row.true) if named else "",
        predicted_name=report.class_name(row.predicted) if named else "",
        class_names=tuple(report.class_names),
    )
