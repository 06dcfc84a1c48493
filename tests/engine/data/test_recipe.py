"""The saved recipe: a damaged one is refused by field; integer data without a vocabulary is
fed as token indices."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from netbuilder.engine.data.datasets import load_dataset
from netbuilder.engine.data.errors import DataError
from netbuilder.engine.data.recipe import Recipe, RecipeError
from netbuilder.model.project import DatasetBinding


def image_recipe() -> dict:
    return {
        "version": 1,
        "task": "classification",
        "class_names": ["a", "b"],
        "inputs": [
            {
                "name": "x",
                "kind": "image",
                "shape": [1, 4, 4],
                "image": {"size": [4, 4], "fit": "resize", "channels": "grey", "scale": True},
                "mean": [0.5],
                "std": [0.25],
            }
        ],
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r["inputs"][0]["image"].update(size=5), r"inputs\[0\]\.image\.size must be"),
        (lambda r: r["inputs"][0]["image"].update(size=["a", 3]), r"image\.size must be"),
        (lambda r: r["inputs"][0]["image"].update(size=[10**6, 3]), r"image\.size must be"),
        (lambda r: r["inputs"][0]["image"].update(fit="sideways"), r"image\.fit must be one of"),
        (lambda r: r["inputs"][0]["image"].update(channels="cmyk"), r"image\.channels must be"),
        (lambda r: r["inputs"][0].update(shape=[3, 4, 4]), r"does not match the image options"),
        (lambda r: r["inputs"][0].update(mean=[0.1, 0.2], std=[1, 1]), r"must hold 1 values"),
        (lambda r: r["inputs"][0].update(std=[0.0]), r"std above 0"),
        (lambda r: r["inputs"][0].update(shape=[0]), r"inputs\[0\]\.shape must be"),
        (lambda r: r["inputs"][0].update(kind="text", shape=[8]), r"needs its vocabulary"),
    ],
)
def test_a_damaged_recipe_is_refused_by_field(change, message):
    data = copy.deepcopy(image_recipe())
    change(data)
    with pytest.raises(RecipeError, match=message):
        Recipe.from_dict(data)


def test_a_sound_image_recipe_loads_and_encodes_pixels():
    recipe = Recipe.from_dict(image_recipe())
    (x,) = recipe.encode([np.full((4, 4), 0.75, dtype=np.float32)])
    assert x.shape == (1, 1, 4, 4) and np.allclose(x, 1.0)


def test_integer_data_without_a_vocabulary_takes_token_indices():
    binding = DatasetBinding(source="builtin", name="tokens", options={"length": 6, "vocab": 9})
    recipe = load_dataset(binding).recipe
    assert recipe is not None
    (item,) = recipe.inputs
    assert item.kind == "tokens" and item.shape == (6,)
    again = Recipe.from_dict(recipe.to_dict())
    (x,) = again.encode(["3 1 4, 1 5 8"])
    assert x.dtype == np.int64 and x.tolist() == [[3, 1, 4, 1, 5, 8]]
    for bad in ("3 1 4", "a b c d e f", "1 2 3 4 5 -6", "1 2 3 4 5 6.5"):
        with pytest.raises(DataError, match=r"input 'x' takes 6 token indices"):
            again.encode([bad])
