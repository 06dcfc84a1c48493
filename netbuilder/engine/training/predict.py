"""Try the trained model on one new sample: raw input -> the network -> what it means.

``Predictor`` builds the network once from a project, its weights and the recipe saved with them
(``recipe.json``), then turns one raw sample (an image path, a sentence, feature values, ids)
into the network's inputs with ``Recipe.encode`` (exactly the training preprocessing) and its
output into a ``Prediction``: the top classes with probabilities, the two probabilities of a
binary task, or the predicted values of a regression. "Try it" in the window and
``netbuilder predict`` share it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch

from netbuilder.engine.data.datasets import load_dataset
from netbuilder.engine.data.info import DatasetInfo
from netbuilder.engine.data.input_fitting import info_of as input_info
from netbuilder.engine.data.recipe import Recipe
from netbuilder.engine.network.compile import GraphModule, compile_graph
from netbuilder.engine.training.checkpoint import load_weights
from netbuilder.engine.training.metrics import predict as run_network
from netbuilder.engine.training.setup import loss_task
from netbuilder.model import NetbuilderError, Project
from netbuilder.model.errors import message_of
from netbuilder.model.i18n import translate

__all__ = ["PredictError", "Prediction", "Predictor", "recipe_for"]


class PredictError(NetbuilderError):
    """The project cannot predict (no weights, no recipe, a network its weights do not fit)."""


@dataclass(frozen=True)
class Prediction:
    """What the network says about one sample. ``classes``: (name, probability), most likely
    first (the top k of a classification; both classes of a binary task); ``values``:
    (target name, value) of a regression."""

    task: str
    classes: tuple[tuple[str, float], ...] = ()
    values: tuple[tuple[str, float], ...] = ()
    n_classes: int = 0

    @property
    def top(self) -> str | None:
        """The most likely class, or None for a regression."""
        return self.classes[0][0] if self.classes else None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"task": self.task}
        if self.task == "regression":
            out["values"] = [{"name": n, "value": v} for n, v in self.values]
        else:
            out["top"] = self.top
            out["n_classes"] = self.n_classes
            out["classes"] = [{"name": n, "probability": p} for n, p in self.classes]
        return out


def recipe_for(project: Project, recipe: dict[str, Any] | None, base_dir: Path | None) -> Recipe:
    """The saved recipe, or for a project trained before recipes were saved, its dataset's
    recipe rebuilt from the data (the same split and statistics as the training run)."""
    if recipe is not None:
        try:
            return Recipe.from_dict(recipe)
        except NetbuilderError as exc:
            raise PredictError(
                translate(
                    "Training",
                    "recipe.json: {exc}; train it again to save its recipe",
                ).format(exc=message_of(exc))
            ) from None
    if project.dataset is None:
        raise PredictError(
            translate(
                "Training",
                "the project has no dataset and no saved recipe",
            )
        )
    try:
        dataset = load_dataset(project.dataset, base_dir)
    except NetbuilderError as exc:
        raise PredictError(
            translate(
                "Training",
                "the weights were saved without their recipe and the data cannot be "
                "read ({exc}); train it again to save its recipe",
            ).format(exc=message_of(exc))
        ) from None
    if dataset.recipe is None:
        raise PredictError(
            translate(
                "Training",
                "the weights were saved without their recipe; train it again",
            )
        )
    return dataset.recipe


def info_of(recipe: Recipe) -> DatasetInfo:
    """What compiling needs to know about the data, from the recipe alone (no data read)."""
    items = tuple(input_info(i) for i in recipe.inputs)
    first = items[0]
    n_classes = len(recipe.class_names) or (2 if recipe.task == "binary" else 0)
    return DatasetInfo(
        name="recipe",
        task=recipe.task,
        input_shape=first.shape,
        target_shape=(len(recipe.target_names),) if recipe.task == "regression" else (),
        n_samples=0,
        n_classes=n_classes,
        input_dtype=first.dtype,
        feature_names=first.columns,
        class_names=recipe.class_names,
        target_names=recipe.target_names,
        extra={"vocab_size": first.vocab_size} if first.vocab_size else {},
        inputs=items if len(items) > 1 else (),
    )


def _input_order(project: Project, module: GraphModule, recipe: Recipe) -> list[int]:
    """Each Input node reads the recipe input its ``data`` parameter names (empty: the only
    one)."""
    names = [item.name for item in recipe.inputs]
    order = []
    for nid in module.input_ids:
        wanted = str(project.graph.nodes[nid].params.get("data", "") or "")
        if not wanted and len(names) == 1:
            order.append(0)
        elif wanted in names:
            order.append(names.index(wanted))
        else:
            raise PredictError(
                translate(
                    "Training",
                    "{nid}: its data {wanted} is not one of the saved inputs ({names})",
                ).format(nid=nid, wanted=repr(wanted), names=", ".join(names))
            )
    return order


class Predictor:
    """The network with its weights, in eval mode on the CPU, and the recipe that feeds it."""

    def __init__(
        self,
        module: GraphModule,
        recipe: Recipe,
        task: str,
        base_dir: Path | None = None,
        order: Sequence[int] | None = None,
    ) -> None:
        self.module = module.eval()
        self.recipe = recipe
        self.task = task
        self.base_dir = base_dir
        # The recipe's input feeding each of the network's inputs (GraphModule.input_ids order).
        self.order = list(order) if order is not None else list(range(len(recipe.inputs)))

    @classmethod
    def from_project(
        cls,
        project: Any,
        weights: bytes | None = None,
        recipe: dict[str, Any] | None = None,
        *,
        base_dir: str | Path | None = None,
    ) -> Predictor:
        """``project``: a Project, or a LoadedProject (its weights, recipe and folder are used
        when not given)."""
        if hasattr(project, "project"):  # a LoadedProject
            weights = weights if weights is not None else project.weights
            recipe = recipe if recipe is not None else project.recipe
            if base_dir is None and getattr(project, "path", None) is not None:
                base_dir = Path(project.path).parent
            project = project.project
        if not weights:
            raise PredictError(
                translate(
                    "Training",
                    "the project has no trained weights; train it first",
                )
            )
        base = Path(base_dir) if base_dir is not None else None
        found = recipe_for(project, recipe, base)
        try:
            module = compile_graph(project.graph, info_of(found))
            load_weights(module, weights)
        except NetbuilderError as exc:
            raise PredictError(
                translate(
                    "Training",
                    "the saved weights do not fit the network: {exc}",
                ).format(exc=message_of(exc))
            ) from None
        order = _input_order(project, module, found)
        return cls(module, found, loss_task(project.training.loss), base, order)

    def predict(self, raw: Mapping[str, Any] | Sequence[Any], *, top: int = 5) -> Prediction:
        """One raw sample (input name -> value, or values in input order) -> a Prediction.
        Raises DataError naming the input (or column) that is wrong."""
        arrays = self.recipe.encode(raw, base_dir=self.base_dir)
        return self.predict_arrays(arrays, top=top)

    def predict_arrays(self, arrays: Sequence[np.ndarray], *, top: int = 5) -> Prediction:
        """Encoded inputs (one array per input, batch of 1) -> a Prediction."""
        tensors = tuple(torch.as_tensor(np.ascontiguousarray(arrays[i])) for i in self.order)
        out: Any = run_network(self.module, tensors)
        if isinstance(out, tuple):  # several Output nodes: the first is the prediction
            out = out[0]
        row = out[0].detach().float().reshape(-1)
        if self.task == "regression":
            targets = self.recipe.target_names
            values = row.tolist()
            labels = [targets[i] if i < len(targets) else f"y{i}" for i in range(len(values))]
            return Prediction("regression", values=tuple(zip(labels, values, strict=True)))
        if self.task == "binary":
            p = float(torch.sigmoid(row[0]))
            names = self._class_names(2)
            pairs = sorted(((names[0], 1.0 - p), (names[1], p)), key=lambda c: -c[1])
            return Prediction("binary", classes=tuple(pairs), n_classes=2)
        probs = torch.softmax(row, dim=0).tolist()
        names = self._class_names(len(probs))
        order = sorted(range(len(probs)), key=lambda i: (-probs[i], i))[: max(1, top)]
        return Prediction(
            "classification",
            classes=tuple((names[i], float(probs[i])) for i in order),
            n_classes=len(probs),
        )

    def _class_names(self, k: int) -> list[str]:
        names = list(self.recipe.class_names)
        return [names[i] if i < len(names) else str(i) for i in range(k)]
