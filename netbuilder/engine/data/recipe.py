"""The recipe: how one raw sample becomes the network's inputs, exactly as in training.

A ``Recipe`` is made with the dataset (``Dataset.recipe``), saved beside the trained weights
(``recipe.json`` in a project file) and read by everything that meets raw data after training:
"Try it" in the window, ``netbuilder predict`` and the exports. It holds, per input, what was fitted
on the training split (standardisation statistics, vocabularies) and the options that shaped the
data (image size and channels, tokeniser settings), plus what the outputs mean (task, classes).

JSON only (``to_dict``/``from_dict``); ``from_dict`` refuses a damaged recipe with the field it
trips on. Numpy and Pillow only, like the rest of ``engine.data``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from netbuilder.engine.data.errors import DataError
from netbuilder.engine.data.info import INPUT_KINDS, DatasetInfo
from netbuilder.engine.data.recipe_check import (
    MAX_SIDE,
    RecipeError,
    check_kind,
    floats,
    get_typed,
    ints,
    obj,
    strs,
)
from netbuilder.model.i18n import translate

__all__ = ["InputRecipe", "Recipe", "RecipeError", "recipe_of"]

RECIPE_VERSION = 1


@dataclass(frozen=True)
class InputRecipe:
    """One input. ``kind`` decides which fields matter:

    - ``features``: ``columns`` (feature names, one-hot ones as ``name=value``), ``mean``/``std``
      per feature when standardised, ``categorical`` (indices of one-hot features);
    - ``image``: ``image`` (the image options: size, fit, channels, scale), ``mean``/``std`` per
      channel when standardised;
    - ``ids``: ``columns`` (the one id column), ``vocabulary`` (the ids seen in training; id
      ``vocabulary[i]`` is index ``i + 1``, index 0 is an id never seen);
    - ``text``: ``columns`` (the one text column), ``vocabulary`` (index i is token
      ``vocabulary[i]``; 0 is padding, 1 unknown), ``text`` (tokeniser options).
    """

    name: str
    kind: str
    shape: tuple[int, ...]
    dtype: str = "float32"
    columns: tuple[str, ...] = ()
    mean: tuple[float, ...] | None = None
    std: tuple[float, ...] | None = None
    categorical: tuple[int, ...] = ()
    image: dict[str, Any] | None = None
    vocabulary: tuple[str, ...] = ()
    text: dict[str, Any] | None = None

    @property
    def vocab_size(self) -> int:
        """Indices an Embedding of this input needs: text, its vocabulary (with <pad> and
        <unk>); ids, the ids seen plus index 0 for one never seen; 0 for other kinds."""
        if self.kind == "text":
            return len(self.vocabulary)
        if self.kind == "ids":
            return len(self.vocabulary) + 1
        return 0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "kind": self.kind,
            "shape": list(self.shape),
            "dtype": self.dtype,
        }
        if self.columns:
            out["columns"] = list(self.columns)
        if self.mean is not None and self.std is not None:
            out["mean"], out["std"] = list(self.mean), list(self.std)
        if self.categorical:
            out["categorical"] = list(self.categorical)
        if self.image is not None:
            out["image"] = dict(self.image)
        if self.vocabulary:
            out["vocabulary"] = list(self.vocabulary)
        if self.text is not None:
            out["text"] = dict(self.text)
        return out

    @classmethod
    def from_dict(cls, data: Any, where: str) -> InputRecipe:
        if not isinstance(data, dict):
            raise RecipeError(
                translate(
                    "Data",
                    "{where} must be an object",
                ).format(where=where),
                field=where,
            )
        name = get_typed(data, "name", str, where)
        kind = get_typed(data, "kind", str, where)
        if kind not in INPUT_KINDS:
            raise RecipeError(
                translate(
                    "Data",
                    "{where}.kind must be one of {input_kinds}; got {kind}",
                ).format(where=where, input_kinds=", ".join(INPUT_KINDS), kind=repr(kind)),
                field=f"{where}.kind",
            )
        shape = tuple(ints(data.get("shape"), f"{where}.shape"))
        if not 1 <= len(shape) <= 4 or not all(1 <= n <= MAX_SIDE for n in shape):
            raise RecipeError(
                translate(
                    "Data",
                    "{where}.shape must be 1 to 4 sizes from 1 to {max_side}; got {shape}",
                ).format(where=where, max_side=MAX_SIDE, shape=list(shape)),
                field=f"{where}.shape",
            )
        mean = floats(data["mean"], f"{where}.mean") if "mean" in data else None
        std = floats(data["std"], f"{where}.std") if "std" in data else None
        if (mean is None) != (std is None) or (mean is not None and len(mean) != len(std or ())):
            raise RecipeError(
                translate(
                    "Data",
                    "{where}: mean and std must come together, of one length",
                ).format(where=where)
            )
        image = obj(data.get("image"), f"{where}.image")
        text = obj(data.get("text"), f"{where}.text")
        vocabulary = tuple(strs(data.get("vocabulary", []), f"{where}.vocabulary"))
        columns = tuple(strs(data.get("columns", []), f"{where}.columns"))
        categorical = tuple(ints(data.get("categorical", []), f"{where}.categorical"))
        check_kind(where, kind, shape, image, text, vocabulary, columns)
        if mean is not None:
            stats = shape[0] if kind == "image" else shape[-1]
            if len(mean) not in (1, stats) or not all(v > 0 for v in std or ()):
                raise RecipeError(
                    translate(
                        "Data",
                        "{where}: mean and std must hold {stats} values (std above 0) for "
                        "shape {shape}; got {count}",
                    ).format(where=where, stats=stats, shape=list(shape), count=len(mean)),
                    field=f"{where}.mean",
                )
        if any(not 0 <= i < len(columns) for i in categorical):
            raise RecipeError(
                translate(
                    "Data",
                    "{where}.categorical must index its {count} columns",
                ).format(where=where, count=len(columns)),
                field=f"{where}.categorical",
            )
        return cls(
            name=name,
            kind=kind,
            shape=shape,
            dtype=str(data.get("dtype", "float32")),
            columns=columns,
            mean=mean,
            std=std,
            categorical=categorical,
            image=image,
            vocabulary=vocabulary,
            text=text,
        )

    # --- raw sample -> one row of this input ----------------------------------------------------

    def encode(self, raw: Any, *, base_dir: Path | None = None) -> np.ndarray:
        """One sample of this input as the network takes it (no batch dimension).

        ``raw``: features, a sequence of numbers (or a mapping of column name -> value, which
        also carries categorical values); image, a file path; ids, the id; text, the string.
        Raises DataError naming the input and what is wrong.
        """
        if self.kind == "features":
            return self._features(raw)
        if self.kind == "image":
            return self._image(raw, base_dir)
        if self.kind == "ids":
            return self._ids(raw)
        if self.kind == "tokens":
            return self._tokens(raw)
        return self._text(raw)

    def _standardise(self, x: np.ndarray) -> np.ndarray:
        if self.mean is None or self.std is None:
            return x
        mean = np.asarray(self.mean, dtype=np.float32)
        std = np.asarray(self.std, dtype=np.float32)
        if self.kind == "image":
            shape = (-1,) + (1,) * (x.ndim - 1)
            mean, std = mean.reshape(shape), std.reshape(shape)
        elif self.categorical:  # one-hot columns were never standardised
            mean, std = mean.copy(), std.copy()
            mean[list(self.categorical)], std[list(self.categorical)] = 0.0, 1.0
        return ((x - mean) / std).astype(np.float32)

    def _features(self, raw: Any) -> np.ndarray:
        if isinstance(raw, Mapping):
            values = self._from_mapping(raw)
        else:
            try:
                values = np.asarray(raw, dtype=np.float32).reshape(-1)
            except (TypeError, ValueError):
                raise DataError(
                    translate(
                        "Data",
                        "input '{name}' takes numbers; got {raw}",
                    ).format(name=self.name, raw=repr(raw)),
                    field=self.name,
                ) from None
        width = int(np.prod(self.shape)) if self.shape else 1
        if values.size != width:
            text = (
                translate("Data", "input '{name}' takes {width} values ({names}); got {size}")
                if self.columns
                else translate("Data", "input '{name}' takes {width} values; got {size}")
            )
            raise DataError(
                text.format(
                    name=self.name, width=width, names=", ".join(self.columns), size=values.size
                ),
                field=self.name,
            )
        if not np.isfinite(values).all():
            raise DataError(
                translate(
                    "Data",
                    "input '{name}': values must be finite numbers",
                ).format(name=self.name),
                field=self.name,
            )
        return self._standardise(values.reshape(self.shape))

    def _from_mapping(self, raw: Mapping[str, Any]) -> np.ndarray:
        """Columns by name; a one-hot group ``col=value`` is set from ``raw[col]``."""
        out = np.zeros(len(self.columns), dtype=np.float32)
        onehot = set(self.categorical)
        for i, column in enumerate(self.columns):
            if i in onehot and "=" in column:
                base, _, level = column.partition("=")
                if base not in raw:
                    raise DataError(
                        translate(
                            "Data",
                            "input '{name}' needs column '{base}'",
                        ).format(name=self.name, base=base),
                        column=base,
                    )
                out[i] = 1.0 if str(raw[base]).strip() == level else 0.0
                continue
            if column not in raw:
                raise DataError(
                    translate(
                        "Data",
                        "input '{name}' needs column '{column}'",
                    ).format(name=self.name, column=column),
                    column=column,
                )
            try:
                out[i] = float(raw[column])
            except (TypeError, ValueError):
                raise DataError(
                    translate(
                        "Data",
                        "column '{column}' must be a number; got {raw}",
                    ).format(column=column, raw=repr(raw[column])),
                    column=column,
                ) from None
        for base in {c.partition("=")[0] for i, c in enumerate(self.columns) if i in onehot}:
            levels = [
                c for i, c in enumerate(self.columns) if i in onehot and c.startswith(base + "=")
            ]
            if base in raw and not any(c == f"{base}={str(raw[base]).strip()}" for c in levels):
                known = ", ".join(c.partition("=")[2] for c in levels)
                raise DataError(
                    translate(
                        "Data",
                        "column '{base}': {raw} was never seen in training (known: {known})",
                    ).format(base=base, raw=repr(raw[base]), known=known),
                    column=base,
                )
        return out

    def _image(self, raw: Any, base_dir: Path | None) -> np.ndarray:
        from netbuilder.engine.data.images import ImageOptions, decode_image

        if isinstance(raw, np.ndarray):  # already pixels, [C, H, W] or [H, W], 0..255 or scaled
            pixels = raw.astype(np.float32)
            if pixels.ndim == 2:
                pixels = pixels[None]
            if pixels.shape != tuple(self.shape):
                raise DataError(
                    translate(
                        "Data",
                        "input '{name}' takes images of shape {shape}; got {shape2}",
                    ).format(name=self.name, shape=list(self.shape), shape2=list(pixels.shape)),
                    field=self.name,
                )
            return self._standardise(pixels)
        path = Path(str(raw)).expanduser()
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        options = ImageOptions.from_options(self.image or {})
        return self._standardise(decode_image(path, options))

    def _ids(self, raw: Any) -> np.ndarray:
        """The id's index. Training mapped an unseen val/test id to 0, but a prediction for an
        id the network never learned is no prediction at all: refused, by column and value."""
        column = self.columns[0] if self.columns else self.name
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)  # 17.0 from a number box is the id "17"
        if raw is None or isinstance(raw, (bool, list, dict)) or not str(raw).strip():
            raise DataError(
                translate(
                    "Data",
                    "column '{column}' takes an id; got {raw}",
                ).format(column=column, raw=repr(raw)),
                column=column,
            )
        value = str(raw).strip()
        try:
            index = self.vocabulary.index(value) + 1
        except ValueError:
            raise DataError(
                translate(
                    "Data",
                    "column '{column}': {value} was never seen in training",
                ).format(column=column, value=repr(value)),
                column=column,
            ) from None
        return np.array([index], dtype=np.int64)

    def _tokens(self, raw: Any) -> np.ndarray:
        """Token indices given as they are (data that came as integers, with no vocabulary):
        exactly as many as the input takes, separated by spaces or commas."""
        width = int(np.prod(self.shape))
        parts = raw.replace(",", " ").split() if isinstance(raw, str) else raw
        try:
            values = np.asarray(parts, dtype=np.float64).reshape(-1)
        except (TypeError, ValueError):
            values = np.asarray([np.nan])
        if (
            values.size != width
            or not np.isfinite(values).all()
            or (values < 0).any()
            or (values != np.round(values)).any()
        ):
            raise DataError(
                translate(
                    "Data",
                    "input '{name}' takes {width} token indices (whole numbers from 0, "
                    "separated by spaces); got {raw}",
                ).format(name=self.name, width=width, raw=repr(raw)),
                field=self.name,
            )
        return values.astype(np.int64).reshape(self.shape)

    def _text(self, raw: Any) -> np.ndarray:
        """Token indices, as in training. An empty text is allowed (all padding): the network
        then answers from the other inputs and its biases, which is what "no words" means."""
        from netbuilder.engine.data.text import TextOptions, encode_texts

        column = self.columns[0] if self.columns else self.name
        if not isinstance(raw, str):
            raise DataError(
                translate(
                    "Data",
                    "column '{column}' takes text; got {raw}",
                ).format(column=column, raw=repr(raw)),
                column=column,
            )
        options = TextOptions.from_dict(self.text, f"{self.name}.text")
        row: np.ndarray = encode_texts([raw], self.vocabulary, options)[0]
        return row


@dataclass(frozen=True)
class Recipe:
    """Every input, in the order the network's Input nodes read them, and what the output means."""

    inputs: tuple[InputRecipe, ...]
    task: str = "classification"
    class_names: tuple[str, ...] = ()
    target_names: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def input(self, name: str) -> InputRecipe:
        for item in self.inputs:
            if item.name == name:
                return item
        raise DataError(
            translate(
                "Data",
                "no input named '{name}' (inputs: {value})",
            ).format(name=name, value=", ".join(i.name for i in self.inputs)),
            field=name,
        )

    def encode(
        self, raw: Mapping[str, Any] | Sequence[Any], *, base_dir: Path | None = None
    ) -> tuple[np.ndarray, ...]:
        """One sample: a mapping input name -> raw value (or a sequence in input order) ->
        one array per input, each with a batch dimension of 1."""
        if isinstance(raw, Mapping):
            missing = [i.name for i in self.inputs if i.name not in raw]
            if missing:
                raise DataError(
                    translate(
                        "Data",
                        "missing input '{missing}'",
                    ).format(missing=missing[0]),
                    field=missing[0],
                )
            values = [raw[i.name] for i in self.inputs]
        else:
            values = list(raw)
            if len(values) != len(self.inputs):
                raise DataError(
                    translate(
                        "Data",
                        "the network takes {count} input(s) ({value}); got {count2}",
                    ).format(
                        count=len(self.inputs),
                        value=", ".join(i.name for i in self.inputs),
                        count2=len(values),
                    )
                )
        return tuple(
            item.encode(value, base_dir=base_dir)[None]
            for item, value in zip(self.inputs, values, strict=True)
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "version": RECIPE_VERSION,
            "inputs": [i.to_dict() for i in self.inputs],
            "task": self.task,
        }
        if self.class_names:
            out["class_names"] = list(self.class_names)
        if self.target_names:
            out["target_names"] = list(self.target_names)
        if self.extra:
            out["extra"] = dict(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: Any) -> Recipe:
        if not isinstance(data, dict):
            raise RecipeError(
                translate(
                    "Data",
                    "the recipe must be an object",
                )
            )
        version = data.get("version", RECIPE_VERSION)
        if not isinstance(version, int) or version > RECIPE_VERSION:
            raise RecipeError(
                translate(
                    "Data",
                    "recipe version {version} is newer than this netbuilder reads "
                    "({recipe_version}); update netbuilder",
                ).format(version=repr(version), recipe_version=RECIPE_VERSION),
                field="version",
            )
        inputs = data.get("inputs")
        if not isinstance(inputs, list) or not inputs:
            raise RecipeError(
                translate(
                    "Data",
                    "recipe.inputs must be a non-empty list",
                ),
                field="inputs",
            )
        return cls(
            inputs=tuple(
                InputRecipe.from_dict(item, f"inputs[{i}]") for i, item in enumerate(inputs)
            ),
            task=get_typed(data, "task", str, "recipe"),
            class_names=tuple(strs(data.get("class_names", []), "class_names")),
            target_names=tuple(strs(data.get("target_names", []), "target_names")),
            extra=obj(data.get("extra"), "extra") or {},
        )


def recipe_of(info: DatasetInfo, mean: np.ndarray | None, std: np.ndarray | None) -> Recipe:
    """The recipe of a one-input dataset: its kind, the training split's statistics, the image
    options; what the outputs mean."""
    (item,) = info.input_infos
    stats = (mean, std) if mean is not None and std is not None else None
    image = info.extra.get("image_options")
    if item.kind == "image":
        channels, height, width = item.shape
        image = {"size": [height, width], "fit": "resize", **(image or {})}
        image["channels"] = "grey" if channels == 1 else "rgb"
        image["scale"] = bool(info.extra.get("image_scale", True))
    entry = InputRecipe(
        name=item.name,
        # Integer data with no vocabulary (an NPZ of token ids, the built-in tokens set) is
        # fed as indices; "text" is for data this app tokenised.
        kind="tokens" if item.kind == "text" else item.kind,
        shape=tuple(item.shape),
        dtype=item.dtype,
        columns=tuple(info.feature_names),
        mean=tuple(float(v) for v in np.ravel(stats[0])) if stats else None,
        std=tuple(float(v) for v in np.ravel(stats[1])) if stats else None,
        categorical=tuple(info.extra.get("categorical", ())),
        image=image if item.kind == "image" else None,
    )
    return Recipe(
        inputs=(entry,),
        task=info.task,
        class_names=tuple(info.class_names),
        target_names=tuple(info.target_names),
    )
