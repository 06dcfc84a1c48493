"""What every export format shares: the error type, the model to export, atomic writes.

``prepare_model`` turns a project into the in-app ``GraphModule`` with the weights a user
expects (the project's trained weights, or the seeded initial weights the trainer would start
from), so every format is made from the same module the app trains. A project saved with its
weights carries the recipe they were trained with (``recipe.json``): the exports take the input
shapes, the scaling and the vocabularies from it, not from the data file, which may have changed
since (a vocabulary rebuilt from new rows would give the trained embeddings other tokens).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

from netbuilder.engine.data.datasets import dataset_info, load_dataset
from netbuilder.engine.data.info import DatasetInfo
from netbuilder.engine.data.recipe import Recipe
from netbuilder.engine.network.compile import GraphModule, compile_graph
from netbuilder.engine.training.checkpoint import load_weights
from netbuilder.engine.training.predict import info_of
from netbuilder.model import Graph, NetbuilderError, Project
from netbuilder.model.errors import message_of
from netbuilder.model.i18n import translate

NEVER_TRAINED = "project was never trained; exporting its seeded initial weights"


class ExportError(NetbuilderError):
    """An export that cannot be made; ``node`` names the layer responsible, when known."""

    def __init__(self, message: str, *, node: str | None = None) -> None:
        super().__init__(message)
        self.node = node


@dataclass
class ExportResult:
    """What was written. ``notes`` are things to tell the user (e.g. never trained)."""

    path: Path
    format: str
    notes: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


@dataclass
class ExportModel:
    """The in-app module (eval mode, weights loaded) plus what exporters need to know."""

    project: Project
    module: GraphModule
    info: DatasetInfo | None
    base_dir: Path | None
    trained: bool
    notes: list[str] = field(default_factory=list)
    saved_recipe: Recipe | None = None  # the one the weights were trained with

    @functools.cached_property
    def input_scaling(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(mean, std) the inputs were standardised with during training, or None.

        Exports carry them so that raw data can be prepared the same way outside the app."""
        if self.saved_recipe is None and (
            self.info is None or not self.info.extra.get("standardized")
        ):
            return None
        recipe = self.recipe  # the saved one, else the data's (read once, for both)
        return recipe_scaling(recipe) if recipe is not None else None

    @functools.cached_property
    def recipe(self) -> Recipe | None:
        """How raw samples became the inputs in training (vocabularies for text and ids), or
        None without a readable dataset. The saved one when there is one."""
        if self.saved_recipe is not None:
            return self.saved_recipe
        binding = self.project.dataset
        if binding is None or self.info is None:
            return None
        try:
            return load_dataset(binding, self.base_dir).recipe
        except NetbuilderError:
            return None

    @property
    def graph(self) -> Graph:
        return self.project.graph

    @property
    def order(self) -> list[str]:
        """Compiled nodes in execution (topological) order."""
        report = self.module.report
        return [n for n in report.order if n not in report.unused]

    def example_inputs(self, batch: int = 2) -> tuple[torch.Tensor, ...]:
        """Inputs of ``batch`` samples: zeros for token indices (valid for any vocabulary)."""
        out = []
        gen = torch.Generator().manual_seed(0)
        for shape, dtype in zip(self.module.input_shapes, self.module.input_dtypes, strict=True):
            if dtype == "int64":
                out.append(torch.zeros((batch, *shape), dtype=torch.long))
            else:
                out.append(torch.randn((batch, *shape), generator=gen))
        return tuple(out)


def recipe_scaling(recipe: Recipe) -> tuple[np.ndarray, np.ndarray] | None:
    """(mean, std) of a one-input recipe, shaped as the dataset's statistics were (per channel
    [C, 1, 1] for images, per feature on the last axis otherwise), or None."""
    if len(recipe.inputs) != 1:
        return None
    (item,) = recipe.inputs
    if item.mean is None or item.std is None:
        return None
    if item.kind == "image":
        shape: tuple[int, ...] = (-1, 1, 1)
    else:
        shape = (1,) * max(len(item.shape) - 1, 0) + (-1,)
    mean = np.asarray(item.mean, dtype=np.float32).reshape(shape)
    return mean, np.asarray(item.std, dtype=np.float32).reshape(shape)


def saved_recipe_of(project: Any, notes: list[str]) -> Recipe | None:
    """The recipe saved with a LoadedProject's weights, or None (no weights or no recipe: the
    exports then rebuild it from the data). A damaged one is noted and not used."""
    data = getattr(project, "recipe", None)
    if data is None or not getattr(project, "weights", None):
        return None
    try:
        return Recipe.from_dict(data)
    except NetbuilderError as exc:
        notes.append(f"recipe.json cannot be used ({exc}); using the dataset's")
        return None


def split_project(project: Any) -> tuple[Project, bytes | None, Path | None]:
    """(Project, weights, folder) of a Project or a LoadedProject."""
    if hasattr(project, "project"):
        path = getattr(project, "path", None)
        return project.project, project.weights, Path(path).parent if path else None
    if not isinstance(project, Project):
        raise TypeError(f"expected a Project or LoadedProject, got {type(project).__name__}")
    return project, None, None


def prepare_model(
    project: Any,
    *,
    base_dir: str | Path | None = None,
    weights: bytes | None = None,
    with_weights: bool = True,
    saved_recipe: bool = True,
) -> ExportModel:
    """Compile ``project`` (Project or LoadedProject) into the module to export.

    Weights: ``weights`` if given, else the project's; without either, the initial weights of
    ``torch.manual_seed(training.seed)`` followed by compiling (what the trainer starts from),
    with a note saying so. The global RNG state is left as it was. ``saved_recipe``: use the
    recipe saved with the weights (False for a script that trains afresh from the data).
    """
    proj, own_weights, folder = split_project(project)
    base = Path(base_dir) if base_dir is not None else folder
    weights = weights if weights is not None else own_weights
    notes: list[str] = []
    saved = saved_recipe_of(project, notes) if saved_recipe else None
    if saved is not None:
        info: DatasetInfo | None = info_of(saved)  # the shapes the weights were trained on
    else:
        info, more = _dataset_info(proj, base)
        notes += more
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(int(proj.training.seed))
        try:
            module = compile_graph(proj.graph, info)
        except NetbuilderError as exc:
            node = getattr(exc, "node", None)
            reason = getattr(exc, "reason", None) or message_of(exc)
            text = (
                translate("Export", "the graph cannot be compiled: node {node}: {reason}")
                if node
                else translate("Export", "the graph cannot be compiled: {reason}")
            )
            raise ExportError(
                text.format(node=repr(node), reason=reason),
                node=node,
            ) from None
    if with_weights and weights is not None:
        try:
            load_weights(module, weights)
        except NetbuilderError as exc:
            raise ExportError(
                translate(
                    "Export",
                    "the project's trained weights cannot be used: {exc}",
                ).format(exc=message_of(exc))
            ) from None
    elif with_weights:
        notes.append(NEVER_TRAINED)
    module.eval()
    return ExportModel(proj, module, info, base, weights is not None, notes, saved)


def _dataset_info(project: Project, base: Path | None) -> tuple[DatasetInfo | None, list[str]]:
    if project.dataset is None:
        return None, []
    try:
        return dataset_info(project.dataset, base), []
    except NetbuilderError as exc:
        return None, [f"the dataset cannot be read ({exc}); using the Input nodes' shapes"]


# --- atomic writes ------------------------------------------------------------------------------


def check_target(target: Path, *, directory: bool = False) -> None:
    """Raise ExportError for a target that cannot be written, before any work is done."""
    parent = target.parent
    if not parent.exists():
        raise ExportError(
            translate(
                "Export",
                "cannot write {target}: the folder {parent} does not exist",
            ).format(target=target, parent=parent)
        )
    if not parent.is_dir():
        raise ExportError(
            translate(
                "Export",
                "cannot write {target}: {parent} is a file, not a folder",
            ).format(target=target, parent=parent)
        )
    if not directory and target.is_dir():
        raise ExportError(
            translate(
                "Export",
                "cannot write {target}: it is a folder",
            ).format(target=target)
        )
    if directory and target.exists() and not target.is_dir():
        raise ExportError(
            translate(
                "Export",
                "cannot write {target}: it is a file, but a folder is needed",
            ).format(target=target)
        )
    if not os.access(parent, os.W_OK):
        raise ExportError(
            translate(
                "Export",
                "cannot write {target}: the folder {parent} is not writable",
            ).format(target=target, parent=parent)
        )


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.stem}.{secrets.token_hex(4)}.tmp{target.suffix}")


@contextlib.contextmanager
def atomic_file(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``.

    On failure the temporary file is removed and ``target`` is untouched (no partial file).
    """
    target = Path(target)
    check_target(target)
    tmp = _temp_name(target)
    try:
        yield tmp
        if not tmp.is_file():
            raise ExportError(
                translate(
                    "Export",
                    "cannot write {target}: nothing was written",
                ).format(target=target)
            )
        os.replace(tmp, target)
    except OSError as exc:
        raise ExportError(
            translate(
                "Export",
                "cannot write {target}: {value}",
            ).format(target=target, value=exc.strerror or exc)
        ) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def write_bytes(target: str | Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically."""
    with atomic_file(target) as tmp:
        tmp.write_bytes(data)


@contextlib.contextmanager
def atomic_dir(target: str | Path, replaceable: frozenset[str]) -> Iterator[Path]:
    """Yield a temporary folder beside ``target``; on success it becomes ``target``.

    An existing ``target`` is replaced only when it holds nothing but names in
    ``replaceable`` (an earlier export); anything else is refused rather than deleted.
    """
    target = Path(target)
    check_target(target, directory=True)
    if target.is_dir():
        foreign = sorted(p.name for p in target.iterdir() if p.name not in replaceable)
        if foreign:
            raise ExportError(
                translate(
                    "Export",
                    "cannot write {target}: the folder exists and holds other files "
                    "({foreign}); choose a new or empty folder",
                ).format(target=target, foreign=", ".join(foreign[:3]))
            )
    tmp = _temp_name(target)
    old = None
    try:
        tmp.mkdir()
        yield tmp
        if target.is_dir():
            old = _temp_name(target)
            os.rename(target, old)
        os.rename(tmp, target)
    except OSError as exc:
        if old is not None and not target.exists():
            os.rename(old, target)
            old = None
        raise ExportError(
            translate(
                "Export",
                "cannot write {target}: {value}",
            ).format(target=target, value=exc.strerror or exc)
        ) from None
    finally:
        for path in (tmp, old):
            if path is not None and path.exists():
                shutil.rmtree(path, ignore_errors=True)


def scaling_metadata(model: ExportModel) -> dict[str, str] | None:
    """How raw inputs were prepared for training, for whoever runs the exported model: the
    safetensors header, the ONNX model's metadata_props, a file in the .pt2 archive."""
    scaling = model.input_scaling
    if scaling is None:
        return None
    return {
        "input_mean": json.dumps(scaling[0].tolist()),
        "input_std": json.dumps(scaling[1].tolist()),
        "input_scaling": "inputs were standardised: (x - input_mean) / input_std",
    }


def recipe_metadata(model: ExportModel) -> dict[str, str] | None:
    """The recipe the weights were trained with (vocabularies, id lists, class names, scaling),
    as JSON under "recipe", so that an ONNX, pt2 or safetensors file is enough to turn raw
    text and ids into its inputs outside the app; None without a saved recipe."""
    if model.saved_recipe is None:
        return None
    return {"recipe": json.dumps(model.saved_recipe.to_dict(), ensure_ascii=False)}


def export_metadata(model: ExportModel) -> dict[str, str] | None:
    """Everything written beside the weights in a file's metadata: scaling and recipe."""
    out = {**(scaling_metadata(model) or {}), **(recipe_metadata(model) or {})}
    return out or None
