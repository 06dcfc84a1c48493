"""The built-in dataset registry: data that ships inside scikit-learn, and generated data.

Nothing is downloaded. ``DatasetEntry.info`` is cheap: it never imports scikit-learn (about two
seconds) or builds arrays; the facts it returns are checked against the real data by the tests.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from netbuilder.engine.data import generators as gen
from netbuilder.engine.data.errors import DataError
from netbuilder.engine.data.info import DatasetInfo
from netbuilder.engine.data.preprocess import Table, encode_targets
from netbuilder.model.i18n import translate


@dataclass(frozen=True)
class OptionSpec:
    """One option of a built-in dataset, with the bounds a data panel can offer."""

    name: str
    kind: type[int | float]
    default: int | float
    low: int | float
    high: int | float
    help: str = ""

    def check(self, dataset: str, value: Any) -> int | float:
        label = translate("Data", "dataset.options.{option} of '{dataset}'").format(
            option=self.name, dataset=dataset
        )
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise DataError(
                translate(
                    "Data",
                    "{label} must be a number, got {value}",
                ).format(label=label, value=repr(value)),
                field=self.name,
            )
        if self.kind is int and not isinstance(value, int):
            raise DataError(
                translate(
                    "Data",
                    "{label} must be a whole number, got {value}",
                ).format(label=label, value=repr(value)),
                field=self.name,
            )
        if not self.low <= value <= self.high:
            raise DataError(
                translate(
                    "Data",
                    "{label} must be between {low} and {high}, got {value}",
                ).format(
                    label=label,
                    low=format(self.low, "g"),
                    high=format(self.high, "g"),
                    value=format(value, "g"),
                ),
                field=self.name,
            )
        return self.kind(value)


@dataclass(frozen=True)
class DatasetEntry:
    """A named built-in dataset. ``task`` is the task of its default options."""

    name: str
    description: str
    task: str
    options: tuple[OptionSpec, ...] = ()
    build_fn: Callable[[dict[str, Any]], Table] = field(default=None, repr=False)  # type: ignore[assignment]
    info_fn: Callable[[dict[str, Any]], DatasetInfo] = field(default=None, repr=False)  # type: ignore[assignment]

    def resolve(self, options: dict[str, Any] | None = None) -> dict[str, Any]:
        """Defaults filled in, every value checked; unknown keys are refused by name."""
        options = dict(options or {})
        known = {o.name: o for o in self.options}
        for key in options:
            if key not in known:
                allowed = ", ".join(known) or "none"
                raise DataError(
                    translate(
                        "Data",
                        "dataset.options.{key} is not an option of '{name}' (its options: "
                        "{allowed})",
                    ).format(key=key, name=self.name, allowed=allowed),
                    field=key,
                )
        out = {o.name: o.check(self.name, options.get(o.name, o.default)) for o in self.options}
        if "vocab" in out and out["vocab"] < out["classes"]:
            raise DataError(
                translate(
                    "Data",
                    "dataset.options.vocab of '{name}' must be at least classes ({out})",
                ).format(name=self.name, out=out["classes"]),
                field="vocab",
            )
        if "n_samples" in out and out["n_samples"] < out.get("classes", 2) * 2:
            raise DataError(
                translate(
                    "Data",
                    "dataset.options.n_samples of '{name}' must be at least two per class",
                ).format(name=self.name),
                field="n_samples",
            )
        return out

    def info(self, options: dict[str, Any] | None = None) -> DatasetInfo:
        return self.info_fn(self.resolve(options))

    def build(self, options: dict[str, Any] | None = None) -> Table:
        return self.build_fn(self.resolve(options))


# -- scikit-learn's bundled toy datasets --------------------------------------------------------

_BC = (
    "radius,texture,perimeter,area,smoothness,compactness,concavity,concave points,symmetry,"
    "fractal dimension"
).split(",")
_WINE = (
    "alcohol malic_acid ash alcalinity_of_ash magnesium total_phenols flavanoids "
    "nonflavanoid_phenols proanthocyanins color_intensity hue od280/od315_of_diluted_wines proline"
).split()
_SKLEARN: dict[str, dict[str, Any]] = {
    "digits": dict(
        loader="load_digits",
        n=1797,
        shape=(64,),
        classes=tuple("0123456789"),
        counts=(178, 182, 177, 183, 181, 182, 181, 179, 174, 180),
        features=tuple(f"pixel_{r}_{c}" for r in range(8) for c in range(8)),
    ),
    "iris": dict(
        loader="load_iris",
        n=150,
        shape=(4,),
        classes=("setosa", "versicolor", "virginica"),
        counts=(50, 50, 50),
        features=("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"),
    ),
    "wine": dict(
        loader="load_wine",
        n=178,
        shape=(13,),
        classes=("class_0", "class_1", "class_2"),
        counts=(59, 71, 48),
        features=tuple(_WINE),
    ),
    "breast_cancer": dict(
        loader="load_breast_cancer",
        n=569,
        shape=(30,),
        classes=("malignant", "benign"),
        counts=(212, 357),
        features=tuple(
            [f"mean {f}" for f in _BC] + [f"{f} error" for f in _BC] + [f"worst {f}" for f in _BC]
        ),
    ),
    "diabetes": dict(
        loader="load_diabetes",
        n=442,
        shape=(10,),
        classes=(),
        counts=(),
        features=("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"),
    ),
}


@cache
def _sklearn_arrays(loader: str) -> tuple[np.ndarray, np.ndarray]:
    data = _digits_file() if loader == "load_digits" else None
    if data is not None:
        x, y = data[:, :-1].astype(np.float32), data[:, -1].astype(np.int64)
    else:
        import sklearn.datasets  # lazily: importing scikit-learn takes about two seconds

        bunch = getattr(sklearn.datasets, loader)()
        x, y = bunch.data.astype(np.float32), bunch.target
    x.flags.writeable = False
    y.flags.writeable = False
    return x, y


def _digits_file() -> np.ndarray | None:
    """The digits table straight from scikit-learn's data folder, without importing it (the
    default example trains on digits; this saves two seconds). None: use the public loader."""
    spec = importlib.util.find_spec("sklearn")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "datasets" / "data" / "digits.csv.gz"
    try:
        data = np.loadtxt(path, delimiter=",")
    except (OSError, ValueError):
        return None
    return data if data.shape == (1797, 65) else None


def _sklearn_entry(name: str, description: str, task: str, images: bool = False) -> DatasetEntry:
    meta = _SKLEARN["digits" if images else name]
    shape = (1, 8, 8) if images else meta["shape"]

    def build(_: dict[str, Any]) -> Table:
        x, y = _sklearn_arrays(meta["loader"])
        if images:
            x = x.reshape(len(x), *shape)
        if task == "regression":
            targets = encode_targets(y.astype(np.float32), "regression", target_names=("target",))
        else:
            targets = encode_targets(y, task)
            targets = replace(targets, class_names=meta["classes"])
        names = () if images else meta["features"]
        return Table(x=x, targets=targets, feature_names=names, source=name)

    def info(_: dict[str, Any]) -> DatasetInfo:
        return DatasetInfo(
            name=name,
            task=task,
            input_shape=shape,
            target_shape=(1,) if task == "regression" else (),
            n_samples=meta["n"],
            n_classes=len(meta["classes"]),
            feature_names=() if images else meta["features"],
            class_names=meta["classes"],
            target_names=("target",) if task == "regression" else (),
            class_counts=meta["counts"],
        )

    return DatasetEntry(name, description, task, (), build, info)


# -- generated datasets -------------------------------------------------------------------------


def _opt(
    name: str,
    kind: type[int | float],
    default: float,
    low: float,
    high: float,
    help: str = "",
) -> OptionSpec:
    return OptionSpec(name, kind, default, low, high, help)


def _n(default: int) -> OptionSpec:
    return _opt("n_samples", int, default, 4, 1_000_000, "How many samples to generate")


def _noise(default: float) -> OptionSpec:
    return _opt("noise", float, default, 0.0, 10.0, "Std of Gaussian noise added to the inputs")


_SEED = _opt("seed", int, 0, 0, 2**31 - 1, "Seed of the generator (not of the split)")


def _classes(default: int, high: int) -> OptionSpec:
    return _opt("classes", int, default, 2, high, "Number of classes")


def _generated(
    name: str,
    description: str,
    fn: Callable[..., tuple[np.ndarray, np.ndarray]],
    options: tuple[OptionSpec, ...],
    task: str = "auto",
) -> DatasetEntry:
    """An entry whose class counts follow from its options (generators are balanced)."""
    tokens = name == "tokens"

    def build(opts: dict[str, Any]) -> Table:
        x, y = fn(**opts)
        names = ("x",) if name == "sine" else (f"x{i + 1}" for i in range(x.shape[1]))
        targets = encode_targets(y, task, target_names=("y",) if task == "regression" else ())
        extra = {"vocab_size": opts["vocab"]} if tokens else {}
        return Table(
            x=x,
            targets=targets,
            source=name,
            extra=extra,
            feature_names=() if tokens else tuple(names),
        )

    def info(opts: dict[str, Any]) -> DatasetInfo:
        n = opts["n_samples"]
        if task == "regression":
            return DatasetInfo(
                name=name,
                task=task,
                input_shape=(1,),
                target_shape=(1,),
                n_samples=n,
                feature_names=("x",),
                target_names=("y",),
            )
        k = opts.get("classes", 2)
        width = opts["length"] if tokens else opts.get("features", 2)
        return DatasetInfo(
            name=name,
            task="binary" if k == 2 else "classification",
            input_shape=(width,),
            target_shape=(),
            n_samples=n,
            n_classes=k,
            input_dtype="int64" if tokens else "float32",
            feature_names=() if tokens else tuple(f"x{i + 1}" for i in range(width)),
            class_names=tuple(str(c) for c in range(k)),
            class_counts=gen.even_counts(n, k),
            extra={"vocab_size": opts["vocab"]} if tokens else {},
        )

    entry_task = (
        task
        if task != "auto"
        else ("binary" if not any(o.name == "classes" for o in options) else "classification")
    )
    return DatasetEntry(name, description, entry_task, options, build, info)


_ENTRIES = (
    _sklearn_entry(
        "digits",
        translate("Datasets", "8x8 handwritten digits 0-9 as 64 pixel features (1,797 samples)"),
        "classification",
    ),
    _sklearn_entry(
        "digits_images",
        translate("Datasets", "The same digits as 1x8x8 images, for convolutions"),
        "classification",
        images=True,
    ),
    _sklearn_entry(
        "iris",
        translate("Datasets", "Three iris species from four flower measurements (150 samples)"),
        "classification",
    ),
    _sklearn_entry(
        "wine",
        translate("Datasets", "Three wine cultivars from 13 chemical measurements (178 samples)"),
        "classification",
    ),
    _sklearn_entry(
        "breast_cancer",
        translate("Datasets", "Malignant or benign tumour from 30 cell features (569 samples)"),
        "binary",
    ),
    _sklearn_entry(
        "diabetes",
        translate(
            "Datasets",
            "Disease progression after one year from 10 measurements (442 samples, regression)",
        ),
        "regression",
    ),
    _generated(
        "moons",
        translate("Datasets", "Two interleaving half moons in 2-D"),
        gen.moons,
        (_n(500), _noise(0.1), _SEED),
    ),
    _generated(
        "circles",
        translate("Datasets", "A small circle inside a large one in 2-D"),
        gen.circles,
        (_n(500), _noise(0.05), _SEED),
    ),
    _generated(
        "spirals",
        translate("Datasets", "Interleaved spiral arms in 2-D, one class per arm"),
        gen.spirals,
        (_n(600), _noise(0.05), _classes(3, 10), _SEED),
    ),
    _generated(
        "xor",
        translate("Datasets", "Four quadrants; the class is whether the signs differ"),
        gen.xor,
        (_n(500), _noise(0.05), _SEED),
    ),
    _generated(
        "blobs",
        translate("Datasets", "Gaussian clusters, one class per cluster"),
        gen.blobs,
        (
            _n(500),
            _noise(1.0),
            _classes(3, 50),
            _opt("features", int, 2, 1, 1000, "Input dimensions"),
            _SEED,
        ),
    ),
    _generated(
        "sine",
        translate("Datasets", "Regression: y = sin(x) plus noise on [-pi, pi]"),
        gen.sine,
        (_n(500), _noise(0.1), _SEED),
        task="regression",
    ),
    _generated(
        "tokens",
        translate(
            "Datasets",
            "Token sequences; the class is the most frequent of the first "
            "tokens (for Embedding + LSTM/GRU)",
        ),
        gen.token_majority,
        (
            _n(1000),
            _classes(3, 50),
            _opt("vocab", int, 10, 2, 100_000, "Vocabulary size"),
            _opt("length", int, 20, 1, 1000, "Sequence length"),
            _SEED,
        ),
    ),
)

BUILTIN_DATASETS: dict[str, DatasetEntry] = {e.name: e for e in _ENTRIES}


def list_builtin() -> list[DatasetEntry]:
    """Registry entries in display order."""
    return list(BUILTIN_DATASETS.values())


def get_builtin(name: str) -> DatasetEntry:
    try:
        return BUILTIN_DATASETS[name]
    except KeyError:
        raise DataError(
            translate(
                "Data",
                "unknown built-in dataset '{name}'; choose one of: {builtin_datasets}",
            ).format(name=name, builtin_datasets=", ".join(BUILTIN_DATASETS)),
            field="name",
        ) from None
