"""From a project to a trained network: the glue the CLI and the GUI share.

``prepare`` checks everything that can be checked before a single step (settings, data, shapes,
batch size, classes) and raises one ``NetbuilderError`` that says what and where; only then does
it seed, compile and build the trainer. ``PreparedRun.run`` trains, evaluates on the test split
and returns a ``SessionResult`` with the per-epoch history and a JSON-ready summary.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

from netbuilder.engine.data.datasets import Dataset, check_binding, load_dataset
from netbuilder.engine.network.compile import compile_graph
from netbuilder.engine.network.inputs import order_inputs
from netbuilder.engine.network.memory import MemoryEstimate, estimate_memory
from netbuilder.engine.network.shapes import ShapeReport, check_graph
from netbuilder.engine.training.augment import Augmenter, augmenter_from
from netbuilder.engine.training.baseline import baseline
from netbuilder.engine.training.checkpoint import load_weights, weights_to_bytes
from netbuilder.engine.training.evaluation import Evaluation
from netbuilder.engine.training.history import compact_document, compact_epochs
from netbuilder.engine.training.memory_errors import check_fits
from netbuilder.engine.training.metrics import predict
from netbuilder.engine.training.setup import loss_task, resolve_device
from netbuilder.engine.training.trainer import ProgressCallback, Trainer, TrainResult
from netbuilder.model import NetbuilderError, Project, SettingsError, TrainingSettings
from netbuilder.model.i18n import translate
from netbuilder.model.project import DatasetBinding
from netbuilder.model.results import ProjectResults


class TrainingSetupError(NetbuilderError):
    """A project that cannot be trained as it is; ``node`` / ``field`` say where, when known."""

    def __init__(self, message: str, *, node: str | None = None, field: str | None = None):
        super().__init__(message)
        self.node = node
        self.field = field


@dataclass
class SessionResult:
    """A finished (or stopped) run: the trainer's result, the test evaluation, a summary."""

    train: TrainResult
    test: Evaluation | None
    settings: TrainingSettings
    weights: bytes
    started: str
    summary: dict[str, Any] = field(default_factory=dict)
    resumed: bool = False  # continued a checkpointed run: its history already holds that run
    # The state to resume from, when ``run`` was asked to keep it (None after a non-finite end).
    checkpoint: tuple[bytes, dict[str, Any]] | None = None
    # The dataset's recipe (Recipe.to_dict()): saved beside the weights, which need it.
    recipe: dict[str, Any] | None = None

    @property
    def history(self) -> list[dict[str, Any]]:
        return compact_epochs([h.to_dict() for h in self.train.history])

    def history_document(self, previous: Any = None) -> dict[str, Any]:
        """history.json content: earlier runs (when in this format) plus this one."""
        runs = list(previous.get("runs", [])) if isinstance(previous, dict) else []
        if self.resumed and runs:
            runs.pop()  # the resumed run's epochs continue it: one entry, not two
        runs.append(
            {
                "started": self.started,
                "settings": self.settings.to_dict(),
                "epochs": self.history,
                "summary": self.summary,
            }
        )
        return compact_document({"runs": runs})

    def project_results(self, previous: ProjectResults) -> ProjectResults:
        """What the project keeps after this run: its weights, the history of earlier runs
        plus this one, its own checkpoint (never the one from before: a later resume
        would silently discard this run) and the recipe its weights were trained with."""
        checkpoint = self.checkpoint
        return ProjectResults(
            weights=self.weights,
            history=self.history_document(previous.history),
            checkpoint=checkpoint[0] if checkpoint else None,
            checkpoint_meta=checkpoint[1] if checkpoint else None,
            recipe=self.recipe,
        )


@dataclass
class SplitEvaluation:
    """What ``PreparedRun.evaluate_split`` found: a summary (None when not asked) and, for a
    regression, the predicted and true values."""

    split: str
    summary: dict[str, Any] | None
    predicted: np.ndarray | None = None
    true: np.ndarray | None = None


class PreparedRun:
    """A project ready to train. ``pause``/``resume``/``stop`` may come from another thread."""

    def __init__(
        self, project: Project, dataset: Dataset, trainer: Trainer, settings: TrainingSettings
    ) -> None:
        self.project = project
        self.dataset = dataset
        self.trainer = trainer
        self.settings = settings
        self.module = trainer.module
        # Each Input node's ``data``, in the network's input order (GraphModule.input_data).
        self.input_data: list[str] = list(getattr(trainer.module, "input_data", []))
        self.resumed = False
        # Evaluations switch the module to eval mode and back: one at a time (they may come
        # from several threads once training has ended).
        self._evaluating = threading.Lock()

    def single_input(self, split: str = "train") -> np.ndarray | None:
        """The one input array of ``split``, or None when the network takes several (the
        decision boundary plot is for one two-feature input only)."""
        x: Any = self.dataset.split(split)[0]
        # Several inputs, or images streamed from disk (not an array): no two-feature plane.
        return x if isinstance(x, np.ndarray) else None

    def pause(self) -> None:
        self.trainer.pause()

    def resume(self) -> None:
        self.trainer.resume()

    def stop(self) -> None:
        self.trainer.stop()

    def run(
        self,
        callback: ProgressCallback | None = None,
        *,
        max_steps: int | None = None,
        keep_checkpoint: bool = False,
    ) -> SessionResult:
        """Train, then evaluate on the test split (when there is one). ``keep_checkpoint``
        puts the resumable state in the result (on this thread: it copies every tensor)."""
        started = time.strftime("%Y-%m-%dT%H:%M:%S")
        result = self.trainer.run(callback, max_steps=max_steps)
        test = self.trainer.evaluate("test") if self.trainer.has_split("test") else None
        summary = _summary(result, test, self.trainer)
        summary["baseline"] = baseline(self.dataset, self.trainer.task)
        return SessionResult(
            result,
            test,
            self.settings,
            weights_to_bytes(self.module),
            started,
            summary,
            resumed=self.resumed,
            checkpoint=self.checkpoint() if keep_checkpoint else None,
            recipe=self.dataset.recipe.to_dict() if self.dataset.recipe is not None else None,
        )

    def evaluate_split(self, split: str, *, metrics: bool = True) -> SplitEvaluation:
        """Loss and metrics of the current weights on ``split`` (``metrics``), plus a
        regression's predicted and true values. Not while training: call it after ``run``."""
        with self._evaluating:
            summary = None
            if metrics:
                ev = self.trainer.evaluate(split)
                summary = {
                    "status": f"{split} evaluation",
                    f"{split}_loss": ev.loss,
                    "test_metrics": ev.metrics,
                    "baseline": baseline(self.dataset, self.trainer.task, split),
                }
            if self.trainer.task != "regression":
                return SplitEvaluation(split, summary)
            x, y = self.dataset.split(split)
            device = next((p.device for p in self.module.parameters()), None)
            several = isinstance(x, (tuple, list))
            arrays = network_inputs(x, self.dataset.info, self.input_data) if several else (x,)
            inputs = tuple(torch.as_tensor(np.asarray(a)).to(device) for a in arrays)
            out = predict(self.module, inputs).cpu().numpy()
            return SplitEvaluation(split, summary, out, np.asarray(y))

    def checkpoint(self) -> tuple[bytes, dict[str, Any]] | None:
        """The resumable state, or None after a run that ended on a non-finite value."""
        return self.trainer.checkpoint() if self.trainer.can_resume else None


def prepare(
    project: Any,
    base_dir: str | Path | None = None,
    *,
    epochs: int | None = None,
    device: str | None = None,
    seed: int | None = None,
    lr: float | None = None,
    weights: bytes | None = None,
    checkpoint: tuple[bytes, dict[str, Any]] | None = None,
    telemetry: bool = True,
    threads: int | None = None,
    inside_every: int | None = None,
) -> PreparedRun:
    """Validate ``project`` (a Project or a LoadedProject) and build its trainer.

    ``weights`` (safetensors bytes) start training from saved weights; ``checkpoint``
    (bytes, meta) continues a stopped run exactly. ``inside_every`` samples per-layer
    statistics every that many steps (0: never; None: the trainer chooses). Raises
    NetbuilderError before any training.
    """
    if hasattr(project, "project"):  # a LoadedProject
        if base_dir is None and getattr(project, "path", None) is not None:
            base_dir = Path(project.path).parent
        project = project.project
    settings = _settings(project.training, epochs=epochs, device=device, seed=seed, lr=lr)
    binding = project.dataset
    if binding is None:
        raise TrainingSetupError(
            translate(
                "Training",
                "the project has no dataset; bind one before training",
            ),
            field="dataset",
        )
    base = Path(base_dir) if base_dir is not None else None
    # A file is read once: loading it also answers check_binding (from the info cache). A
    # built-in's info needs no arrays, so the graph is checked before they are built.
    memory_mb = settings.data_memory_mb
    dataset = (
        load_dataset(binding, base, memory_mb=memory_mb) if binding.source != "builtin" else None
    )
    info = check_binding(binding, base)
    _check_task(settings, info.task, info.n_classes)
    report = check_graph(project.graph, info, settings.loss)
    if not report.ok:
        problems = report.problems()  # pending ones too: a layer not connected stops training
        messages = [f"{nid}: {msg}" if nid else msg for nid, msg in problems]
        first_node = next((nid for nid, _ in problems if nid), None)
        raise TrainingSetupError(
            translate(
                "Training",
                "the network does not fit the data: {messages}",
            ).format(messages="; ".join(messages)),
            node=first_node,
        )
    if dataset is None:
        dataset = load_dataset(binding, base, memory_mb=memory_mb)
    _check_data(settings, dataset)
    torch_device = resolve_device(settings.device)
    # Before anything is built: a network beyond the device's memory is refused by its size.
    check_fits(memory_estimate(report, settings), torch_device)

    # Seed, then build modules in topological order: the same initial weights as the same
    # network written by hand after torch.manual_seed(seed).
    torch.manual_seed(settings.seed)
    module = compile_graph(project.graph, info, loss=settings.loss)
    if weights is not None:
        load_weights(module, weights)
    task = loss_task(settings.loss)
    trainer = Trainer(
        module,
        network_dataset(dataset, module.input_data),
        settings,
        task=task,
        device=torch_device,
        telemetry=telemetry,
        threads=threads,
        augment=_augmenter(binding, dataset, settings),
        inside_every=inside_every,
    )
    if checkpoint is not None:
        trainer.load_checkpoint(*checkpoint)
    run = PreparedRun(project, dataset, trainer, settings)
    run.resumed = checkpoint is not None
    return run


def network_inputs(x: Any, info: Any, datas: list[str]) -> tuple[Any, ...]:
    """A split's x as the network takes it: one array per Input node, in ``input_ids`` order."""
    ordered = order_inputs(x, info, datas)
    return tuple(ordered) if isinstance(ordered, (tuple, list)) else (ordered,)


def network_dataset(dataset: Dataset, datas: list[str]) -> Dataset:
    """``dataset`` with its x tuples in the network's input order (the trainer feeds them to
    ``forward`` as they are); a one-input dataset as it is."""
    if not dataset.info.inputs:
        return dataset
    return dataclasses.replace(
        dataset,
        **{
            f"x_{split}": order_inputs(dataset.split(split)[0], dataset.info, datas)
            for split in ("train", "val", "test")
        },
    )


def memory_estimate(report: ShapeReport, settings: TrainingSettings) -> MemoryEstimate:
    """What training ``report``'s network needs, for the batch it will really take."""
    return estimate_memory(report, settings)


def memory_problem(report: ShapeReport, settings: TrainingSettings) -> str | None:
    """Why training would not fit in the device's free memory, or None."""
    try:
        check_fits(memory_estimate(report, settings), resolve_device(settings.device))
    except NetbuilderError as exc:
        return str(exc)
    return None


def training_problems(project: Project, base_dir: str | Path | None = None) -> list[str]:
    """What would stop ``prepare`` before training besides the graph's shape errors (which
    ``check_graph`` reports per node): settings, the data binding, loss vs task, batch size vs
    data. ``netbuilder check`` reports these too, so it passes only where ``train`` starts."""
    if project.dataset is None:
        return []
    base = Path(base_dir) if base_dir is not None else None
    try:
        settings = project.training.validate()
        info = check_binding(project.dataset, base)
        _check_task(settings, info.task, info.n_classes)
        dataset = load_dataset(project.dataset, base, memory_mb=settings.data_memory_mb)
        _check_data(settings, dataset)
    except NetbuilderError as exc:
        return [str(exc)]
    return []


def _settings(training: TrainingSettings, **overrides: Any) -> TrainingSettings:
    changes = {k: v for k, v in overrides.items() if v is not None}
    settings = dataclasses.replace(training, **changes)
    settings.validate()
    return settings


def _check_task(settings: TrainingSettings, data_task: str, n_classes: int) -> None:
    wanted = loss_task(settings.loss)
    if settings.task not in ("auto", data_task) and not (
        {settings.task, data_task} <= {"classification", "binary"}
    ):
        raise SettingsError(
            translate(
                "Training",
                "training.task is {task} but the dataset is a {data_task} dataset",
            ).format(task=settings.task, data_task=data_task),
            field="task",
        )
    if data_task == "regression" and wanted != "regression":
        raise SettingsError(
            translate(
                "Training",
                "training.loss {loss} needs class labels, but the dataset's targets "
                "are continuous (regression); use mse, l1 or huber",
            ).format(loss=settings.loss),
            field="loss",
        )
    if wanted == "binary" and n_classes > 2:
        raise SettingsError(
            translate(
                "Training",
                "training.loss bce_with_logits is for two classes, the dataset has "
                "{n_classes}; use cross_entropy",
            ).format(n_classes=n_classes),
            field="loss",
        )
    if data_task == "classification" and n_classes > 2 and wanted == "regression":
        raise SettingsError(
            translate(
                "Training",
                "training.loss {loss} is a regression loss, but the dataset has "
                "{n_classes} classes; use cross_entropy",
            ).format(loss=settings.loss, n_classes=n_classes),
            field="loss",
        )


def _check_data(settings: TrainingSettings, dataset: Dataset) -> None:
    n_train, n_val, _ = dataset.sizes
    if n_train == 0:
        raise TrainingSetupError(
            translate(
                "Training",
                "the training split is empty",
            ),
            field="val_fraction",
        )
    if settings.batch_size > n_train:
        raise SettingsError(
            translate(
                "Training",
                "training.batch_size {batch_size} is larger than the training split "
                "({n_train} samples); lower it to at most {n_train}",
            ).format(batch_size=settings.batch_size, n_train=n_train),
            field="batch_size",
        )
    if dataset.info.task != "regression":
        classes = np.unique(np.asarray(dataset.y_train))
        if classes.size < 2:
            raise TrainingSetupError(
                translate(
                    "Training",
                    "the training split's target has only one class ({tolist}); a "
                    "classifier needs at least two",
                ).format(tolist=classes.tolist()),
                field="target",
            )
    if settings.early_stopping > 0 and n_val == 0:
        raise SettingsError(
            translate(
                "Training",
                "training.early_stopping needs a validation split; set "
                "dataset.val_fraction above 0",
            ),
            field="early_stopping",
        )


def _augmenter(
    binding: DatasetBinding, dataset: Dataset, settings: TrainingSettings
) -> Augmenter | None:
    if binding.source != "image_folder":
        return None
    scaled = bool(binding.options.get("scale", True))
    return augmenter_from(
        binding.options.get("augment"), settings.seed, std=dataset.std, scaled=scaled
    )


def _summary(result: TrainResult, test: Evaluation | None, trainer: Trainer) -> dict[str, Any]:
    """The JSON-ready numbers a CLI summary line or a results panel shows."""
    out: dict[str, Any] = {
        "status": result.status,
        "message": result.message,
        "train_loss": _finite(result.train_loss),
        "val_loss": _finite(result.val_loss),
        "val_metrics": result.val_metrics,
        "test_loss": _finite(test.loss) if test is not None else None,
        "test_metrics": test.metrics if test is not None else {},
        "steps": result.steps,
        "epochs": result.epochs_completed,
        "steps_per_s": round(result.steps_per_s, 2),
        "seconds": round(result.seconds, 3),
        "device": result.device,
        "threads": result.threads,
        "task": trainer.task,
    }
    if result.non_finite is not None:
        out["non_finite"] = dataclasses.asdict(result.non_finite)
    if trainer.streamed:  # damaged files met while streaming were read as blank images
        out["skipped_images"] = trainer.skipped_images
    return out


def _finite(x: float | None) -> float | None:
    return float(x) if x is not None and np.isfinite(x) else None
