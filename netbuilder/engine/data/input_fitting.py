"""How each raw input of a table becomes network inputs once the split is known.

A table with text, id or grouped columns (``Table.inputs``, see ``raw``) keeps every input raw:
numbers for a features group, the strings themselves for a text or an id column. Whatever is
fitted (feature statistics, a text vocabulary, the ids' index) is fitted on the training rows
only, once the split is known, and lands in an ``InputRecipe``; encoding any split then reads
only that recipe, exactly as prediction does later. Numpy only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from netbuilder.engine.data.info import DatasetInfo, InputInfo
from netbuilder.engine.data.preprocess import apply_standardizer, fit_standardizer
from netbuilder.engine.data.raw import RawInput
from netbuilder.engine.data.recipe import InputRecipe
from netbuilder.engine.data.text import (
    TextOptions,
    build_vocabulary,
    encode_texts,
    encode_tokens,
    tokenize,
    vocabulary_of,
)

if TYPE_CHECKING:
    from netbuilder.engine.data.preprocess import Table

__all__ = ["encode_rows", "fit_and_encode", "fit_input", "info_of", "inputs_info"]


def fit_input(raw: RawInput, train: np.ndarray, standardize: bool) -> InputRecipe:
    """The recipe of ``raw`` fitted on the rows ``train`` (statistics only when
    ``standardize``; never for one-hot columns, ids or tokens)."""
    if raw.kind == "ids":
        seen = sorted({str(v) for v in raw.values[train]})
        return InputRecipe(raw.name, "ids", (1,), "int64", raw.columns, vocabulary=tuple(seen))
    if raw.kind == "text":
        options = raw.text or TextOptions()
        vocabulary = build_vocabulary((str(v) for v in raw.values[train]), options)
        return _text_recipe(raw, options, vocabulary)
    mean = std = None
    if standardize:
        m, s = fit_standardizer(raw.values[train], skip=raw.categorical)
        mean, std = tuple(float(v) for v in m.ravel()), tuple(float(v) for v in s.ravel())
    return InputRecipe(
        raw.name,
        "features",
        (raw.values.shape[1],),
        "float32",
        raw.columns,
        mean=mean,
        std=std,
        categorical=raw.categorical,
    )


def _text_recipe(raw: RawInput, options: TextOptions, vocabulary: tuple[str, ...]) -> InputRecipe:
    return InputRecipe(
        raw.name,
        "text",
        (options.max_length,),
        "int64",
        raw.columns,
        vocabulary=vocabulary,
        text=options.to_dict(),
    )


def encode_rows(raw: RawInput, recipe: InputRecipe, rows: np.ndarray) -> np.ndarray:
    """The rows ``rows`` of ``raw`` as the network takes them, by ``recipe`` alone."""
    if recipe.kind == "ids":
        index = {v: i + 1 for i, v in enumerate(recipe.vocabulary)}  # 0: never seen in training
        values = raw.values[rows]
        return np.fromiter(
            (index.get(str(v), 0) for v in values), dtype=np.int64, count=len(values)
        ).reshape(len(values), 1)
    if recipe.kind == "text":
        options = TextOptions.from_dict(recipe.text)
        return encode_texts([str(v) for v in raw.values[rows]], recipe.vocabulary, options)
    x: np.ndarray = raw.values[rows].astype(np.float32)
    if recipe.mean is None or recipe.std is None:
        return x
    mean = np.asarray(recipe.mean, dtype=np.float32)
    std = np.asarray(recipe.std, dtype=np.float32)
    return apply_standardizer(x, mean, std)


def fit_and_encode(
    raw: RawInput, parts: Sequence[np.ndarray], standardize: bool
) -> tuple[InputRecipe, list[np.ndarray]]:
    """``fit_input`` on ``parts[0]`` (the training rows), then ``encode_rows`` of every part:
    the same arrays, with each text tokenised once instead of twice."""
    if raw.kind != "text":
        recipe = fit_input(raw, parts[0], standardize)
        return recipe, [encode_rows(raw, recipe, rows) for rows in parts]
    options = raw.text or TextOptions()
    tokens = [tokenize(str(v), options) for v in raw.values]
    vocabulary = vocabulary_of((tokens[i] for i in parts[0]), options)
    recipe = _text_recipe(raw, options, vocabulary)
    return recipe, [encode_tokens([tokens[i] for i in rows], vocabulary, options) for rows in parts]


def info_of(recipe: InputRecipe) -> InputInfo:
    """What the rest of the engine needs to know of a fitted input."""
    return InputInfo(
        recipe.name,
        tuple(recipe.shape),
        recipe.dtype,
        recipe.kind,
        recipe.columns,
        recipe.vocab_size,
    )


def inputs_info(
    table: Table, recipes: tuple[InputRecipe, ...], name: str, extra: dict[str, Any]
) -> DatasetInfo:
    """The info of a table of raw inputs fitted as ``recipes``. Named inputs are listed in
    ``inputs``; one unnamed input (``x``) is described as a one-input dataset always was, with
    ``extra["vocab_size"]`` (and ``extra["input_kind"]`` for ids)."""
    infos = tuple(info_of(r) for r in recipes)
    first = infos[0]
    extra = dict(extra)
    if not table.named_inputs:
        if first.vocab_size:
            extra["vocab_size"] = first.vocab_size
        if first.kind == "ids":
            extra["input_kind"] = "ids"
        if recipes[0].categorical:
            extra["categorical"] = recipes[0].categorical
    extra["standardized"] = any(r.mean is not None for r in recipes)
    t = table.targets
    return DatasetInfo(
        name=name,
        task=t.task,
        input_shape=first.shape,
        target_shape=t.target_shape,
        n_samples=table.n_samples,
        n_classes=t.n_classes,
        input_dtype=first.dtype,
        feature_names=table.feature_names if table.named_inputs else first.columns,
        class_names=t.class_names,
        target_names=t.target_names,
        class_counts=t.class_counts,
        extra=extra,
        inputs=infos if table.named_inputs else (),
    )
