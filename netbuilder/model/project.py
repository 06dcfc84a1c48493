"""A project: the graph, its dataset binding, training settings and notes (pure data)."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from typing import Any, TypeGuard, TypeVar

from netbuilder.model.errors import SettingsError
from netbuilder.model.graph import Graph
from netbuilder.model.i18n import QT_TRANSLATE_NOOP, Text, translate

TASKS = ("auto", "classification", "binary", "regression")


@dataclass(frozen=True)
class LossSpec:
    """What the checker, the trainer and the exporters need to know about a loss."""

    task: str  # the targets it trains on: classification, binary or regression
    name: str  # in messages
    output: str  # what the network's output means, for exported code


LOSS_SPECS: dict[str, LossSpec] = {
    "cross_entropy": LossSpec("classification", "cross-entropy", "class logits"),
    "bce_with_logits": LossSpec(
        "binary", "binary cross-entropy", "logits; torch.sigmoid gives probabilities"
    ),
    "mse": LossSpec("regression", "mean squared error", "predictions"),
    "l1": LossSpec("regression", "L1", "predictions"),
    "huber": LossSpec("regression", "Huber", "predictions"),
}
LOSSES = tuple(LOSS_SPECS)
OPTIMIZERS = ("sgd", "adam", "adamw", "rmsprop")
SCHEDULES = ("none", "step", "cosine", "onecycle", "plateau")
DEVICES = ("auto", "cpu", "cuda", "mps")
DATA_SOURCES = ("builtin", "csv", "npz", "inline", "image_folder")
# image_folder options (read by netbuilder.engine.data.images): size [H, W], fit, channels, scale.
IMAGE_FITS = ("resize", "center-crop")
IMAGE_CHANNELS = ("grey", "rgb")
IMAGE_OPTIONS = ("size", "fit", "channels", "scale", "augment")
MAX_IMAGE_SIDE = 4096
MAX_DATA_MEMORY_MB = 16 * 1024 * 1024  # 16 TB: beyond it a value is a typo
# augment (training batches only, netbuilder.engine.training.augment): name -> (low, high);
# flip is true or false.
AUGMENT_RANGES = {"rotate": (0.0, 45.0), "crop": (0.0, 0.5), "jitter": (0.0, 0.5)}
AUGMENT_OPTIONS = ("flip", *AUGMENT_RANGES)


@dataclass
class TrainingSettings:
    task: str = "auto"  # auto: from the dataset
    loss: str = "cross_entropy"
    optimizer: str = "adam"
    lr: float = 1e-3
    momentum: float = 0.0
    nesterov: bool = False
    weight_decay: float = 0.0
    schedule: str = "none"
    step_size: int = 10  # step schedule: epochs between decays
    gamma: float = 0.1  # step / plateau decay factor
    batch_size: int = 64
    epochs: int = 20
    seed: int = 0
    device: str = "auto"
    grad_clip: float = 0.0  # max gradient L2 norm; 0 = off
    early_stopping: int = 0  # patience in epochs; 0 = off
    # Image data whose float32 size exceeds this many MB streams from disk in batches instead
    # of being decoded into memory up front; 0 = auto (a quarter of the machine's memory).
    data_memory_mb: int = 0

    def validate(self) -> TrainingSettings:
        """Raise SettingsError naming the first bad field; returns self for chaining."""
        _choice("task", self.task, TASKS)
        _choice("loss", self.loss, LOSSES)
        _choice("optimizer", self.optimizer, OPTIMIZERS)
        _choice("schedule", self.schedule, SCHEDULES)
        _choice("device", self.device, DEVICES)
        _number("lr", self.lr, low=0.0, low_open=True, high=10.0)
        _number("momentum", self.momentum, low=0.0, high=0.999)
        _number("weight_decay", self.weight_decay, low=0.0, high=1.0)
        _number("gamma", self.gamma, low=0.0, low_open=True, high=1.0)
        _number("grad_clip", self.grad_clip, low=0.0, high=1e6)
        _integer("step_size", self.step_size, low=1)
        _integer("batch_size", self.batch_size, low=1)
        _integer("epochs", self.epochs, low=1, high=100_000)
        _integer("seed", self.seed, low=0, high=2**63 - 1)
        _integer("early_stopping", self.early_stopping, low=0)
        _integer("data_memory_mb", self.data_memory_mb, low=0, high=MAX_DATA_MEMORY_MB)
        if not isinstance(self.nesterov, bool):
            raise SettingsError(
                translate("Settings", "training.nesterov must be true or false"), field="nesterov"
            )
        if self.nesterov and (self.optimizer != "sgd" or self.momentum <= 0):
            raise SettingsError(
                translate(
                    "Settings", "training.nesterov needs the sgd optimizer with momentum > 0"
                ),
                field="nesterov",
            )
        return self

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TrainingSettings:
        return _from_dict(cls, data, "training")


@dataclass
class DatasetBinding:
    """Where the data comes from and how it is prepared; enough to reproduce it exactly."""

    source: str = "builtin"  # builtin | csv | npz | inline | image_folder
    name: str = ""  # builtin dataset name (digits, iris, ...), or a generated image set / table
    path: str = ""  # csv / npz file or image folder, relative to the project file's folder
    options: dict[str, Any] = field(default_factory=dict)  # source-specific options
    inline: dict[str, Any] | None = None  # {"x": [[...]], "y": [[...]]} stored in the project
    val_fraction: float = 0.15
    test_fraction: float = 0.15
    standardize: bool = True
    split_seed: int = 0

    def validate(self) -> DatasetBinding:
        _choice("dataset.source", self.source, DATA_SOURCES, field_name="source")
        if self.source == "builtin" and not self.name:
            raise SettingsError(
                translate("Settings", "dataset.name is required for a built-in dataset"),
                field="name",
            )
        if self.source == "npz" and not self.path:
            raise SettingsError(
                translate("Settings", "dataset.path is required for a npz file"), field="path"
            )
        if self.source == "csv" and bool(self.name) == bool(self.path):
            raise SettingsError(
                translate(
                    "Settings",
                    "a csv dataset needs either dataset.path (a CSV file) or dataset.name (a "
                    "generated table such as 'reviews'), not both",
                )
                if self.name
                else translate(
                    "Settings",
                    "a csv dataset needs either dataset.path (a CSV file) or dataset.name (a "
                    "generated table such as 'reviews'), not neither",
                ),
                field="path" if not self.path else "name",
            )
        if self.source == "image_folder":
            _image_binding(self.name, self.path, self.options)
        if self.source == "inline":
            if (
                not isinstance(self.inline, dict)
                or "x" not in self.inline
                or "y" not in self.inline
            ):
                raise SettingsError(
                    translate("Settings", "dataset.inline needs both 'x' and 'y'"), field="inline"
                )
        _number("val_fraction", self.val_fraction, low=0.0, high=0.9, prefix="dataset")
        _number("test_fraction", self.test_fraction, low=0.0, high=0.9, prefix="dataset")
        if self.val_fraction + self.test_fraction >= 1.0:
            raise SettingsError(
                translate(
                    "Settings",
                    "dataset.val_fraction + dataset.test_fraction must leave data to train on",
                ),
                field="val_fraction",
            )
        _integer("split_seed", self.split_seed, low=0, prefix="dataset")
        return self

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if data["inline"] is None:
            del data["inline"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DatasetBinding:
        return _from_dict(cls, data, "dataset")


@dataclass
class Project:
    graph: Graph = field(default_factory=Graph)
    dataset: DatasetBinding | None = None
    training: TrainingSettings = field(default_factory=TrainingSettings)
    name: str = ""
    notes: str = ""
    view: dict[str, Any] = field(default_factory=dict)  # GUI state (zoom, centre); opaque here


def is_image_size(size: Any) -> TypeGuard[list[int] | tuple[int, ...]]:
    """``[height, width]``: two whole numbers from 1 to MAX_IMAGE_SIDE."""
    return (
        isinstance(size, (list, tuple))
        and len(size) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in size)
        and all(1 <= v <= MAX_IMAGE_SIDE for v in size)
    )


def _image_binding(name: str, path: str, options: Any) -> None:
    """An image_folder binding names a folder (or a CSV of path,label) or a generated set."""
    if bool(name) == bool(path):
        raise SettingsError(
            translate(
                "Settings",
                "an image_folder dataset needs either dataset.path (a folder of class "
                "sub-folders, or a CSV of path,label) or dataset.name (a generated set such as "
                "'shapes'), not both",
            )
            if name
            else translate(
                "Settings",
                "an image_folder dataset needs either dataset.path (a folder of class "
                "sub-folders, or a CSV of path,label) or dataset.name (a generated set such as "
                "'shapes'), not neither",
            ),
            field="path",
        )
    if not isinstance(options, dict):
        raise SettingsError(
            translate("Settings", "dataset.options must be an object"), field="options"
        )
    for key in options:
        if key not in IMAGE_OPTIONS:
            raise SettingsError(
                translate(
                    "Settings",
                    "dataset.options.{key} is not an option of image_folder data "
                    "(its options: {options})",
                ).format(key=key, options=", ".join(IMAGE_OPTIONS)),
                field=key,
            )
    size = options.get("size", [32, 32])
    if not is_image_size(size):
        raise SettingsError(
            translate(
                "Settings",
                "dataset.options.size must be [height, width], whole numbers from 1 to "
                "{most}; got {size}",
            ).format(most=MAX_IMAGE_SIDE, size=repr(size)),
            field="size",
        )
    _choice("dataset.options.fit", options.get("fit", "resize"), IMAGE_FITS, field_name="fit")
    _choice(
        "dataset.options.channels",
        options.get("channels", "rgb"),
        IMAGE_CHANNELS,
        field_name="channels",
    )
    if not isinstance(options.get("scale", True), bool):
        raise SettingsError(
            translate(
                "Settings", "dataset.options.scale must be true or false, got {value}"
            ).format(value=repr(options["scale"])),
            field="scale",
        )
    if "augment" in options:
        _augment(options["augment"])


def _augment(augment: Any) -> None:
    where = "dataset.options.augment"
    if not isinstance(augment, dict):
        raise SettingsError(
            translate("Settings", "{where} must be an object such as {example}").format(
                where=where, example='{"flip": true, "rotate": 10, "crop": 0.1, "jitter": 0.2}'
            ),
            field="augment",
        )
    for key, value in augment.items():
        if key not in AUGMENT_OPTIONS:
            raise SettingsError(
                translate(
                    "Settings", "{where}.{key} is not an augmentation (known: {known})"
                ).format(where=where, key=key, known=", ".join(AUGMENT_OPTIONS)),
                field=f"augment.{key}",
            )
        if key == "flip":
            if not isinstance(value, bool):
                raise SettingsError(
                    translate("Settings", "{where}.flip must be true or false, got {value}").format(
                        where=where, value=repr(value)
                    ),
                    field="augment.flip",
                )
            continue
        low, high = AUGMENT_RANGES[key]
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
            or not low <= value <= high
        ):
            message = (
                translate(
                    "Settings",
                    "{where}.{key} must be a number from {low} to {high} degrees, got {value}",
                )
                if key == "rotate"
                else translate(
                    "Settings", "{where}.{key} must be a number from {low} to {high}, got {value}"
                )
            )
            raise SettingsError(
                message.format(
                    where=where, key=key, low=f"{low:g}", high=f"{high:g}", value=repr(value)
                ),
                field=f"augment.{key}",
            )


_Settings = TypeVar("_Settings", TrainingSettings, DatasetBinding)


def _from_dict(cls: type[_Settings], data: dict[str, Any], prefix: str) -> _Settings:
    if not isinstance(data, dict):
        raise SettingsError(
            translate("Settings", "{prefix} must be an object, got {kind}").format(
                prefix=prefix, kind=type(data).__name__
            )
        )
    names = {f.name: f for f in fields(cls)}
    unknown = sorted(set(data) - set(names))
    if unknown:
        raise SettingsError(
            translate("Settings", "{prefix}.{key} is not a known setting").format(
                prefix=prefix, key=unknown[0]
            ),
            field=unknown[0],
        )
    defaults = cls()
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        default = getattr(defaults, key)
        # JSON has one number type: accept 1 for 1.0, but never a bool for a number.
        if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
            try:
                value = float(value)
            except OverflowError:
                raise SettingsError(
                    translate("Settings", "{prefix}.{key}: {value} is too large").format(
                        prefix=prefix, key=key, value=value
                    ),
                    field=key,
                ) from None
        expected = type(default) if default is not None else None
        if expected in (int, float, str, bool, dict) and not _is_type(value, expected):
            raise SettingsError(
                translate("Settings", "{prefix}.{key} must be {kind}, got {value}").format(
                    prefix=prefix, key=key, kind=_type_word(expected), value=repr(value)
                ),
                field=key,
            )
        kwargs[key] = value
    obj = cls(**kwargs)
    obj.validate()
    return obj


def _is_type(value: Any, expected: type) -> bool:
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if expected is float:
        return isinstance(value, float)
    return isinstance(value, expected)


def _type_word(t: type) -> str:
    word = {
        int: QT_TRANSLATE_NOOP("Settings", "a whole number"),
        float: QT_TRANSLATE_NOOP("Settings", "a number"),
        str: QT_TRANSLATE_NOOP("Settings", "text"),
        bool: QT_TRANSLATE_NOOP("Settings", "true or false"),
        dict: QT_TRANSLATE_NOOP("Settings", "an object"),
    }[t]
    return Text("Settings", word)


def _choice(
    name: str, value: Any, choices: tuple[str, ...], *, field_name: str | None = None
) -> None:
    if value not in choices:
        label = name if "." in name else f"training.{name}"
        raise SettingsError(
            translate("Settings", "{name} must be one of {choices}; got {value}").format(
                name=label, choices=", ".join(choices), value=repr(value)
            ),
            field=field_name or name,
        )


def _number(
    name: str,
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    prefix: str = "training",
) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise SettingsError(
            translate("Settings", "{prefix}.{name} must be a finite number, got {value}").format(
                prefix=prefix, name=name, value=repr(value)
            ),
            field=name,
        )
    if low is not None and (value <= low if low_open else value < low):
        message = (
            translate("Settings", "{prefix}.{name} must be greater than {low}, got {value}")
            if low_open
            else translate("Settings", "{prefix}.{name} must be at least {low}, got {value}")
        )
        raise SettingsError(
            message.format(prefix=prefix, name=name, low=f"{low:g}", value=f"{value:g}"),
            field=name,
        )
    if high is not None and value > high:
        raise SettingsError(
            translate("Settings", "{prefix}.{name} must be at most {high}, got {value}").format(
                prefix=prefix, name=name, high=f"{high:g}", value=f"{value:g}"
            ),
            field=name,
        )


def _integer(
    name: str,
    value: Any,
    *,
    low: int | None = None,
    high: int | None = None,
    prefix: str = "training",
) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SettingsError(
            translate("Settings", "{prefix}.{name} must be a whole number, got {value}").format(
                prefix=prefix, name=name, value=repr(value)
            ),
            field=name,
        )
    if low is not None and value < low:
        raise SettingsError(
            translate("Settings", "{prefix}.{name} must be at least {low}, got {value}").format(
                prefix=prefix, name=name, low=low, value=value
            ),
            field=name,
        )
    if high is not None and value > high:
        raise SettingsError(
            translate("Settings", "{prefix}.{name} must be at most {high}, got {value}").format(
                prefix=prefix, name=name, high=high, value=value
            ),
            field=name,
        )
