"""The ``.py`` export's ``encode`` and ``encode_ids`` give what the app's recipe gives for the
same raw values, including the awkward ones (a number read as a float, spaces, punctuation)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from netbuilder.engine.data.recipe import InputRecipe, Recipe
from netbuilder.engine.data.text import TextOptions, build_vocabulary
from netbuilder.engine.export.encoders import encoders_of

TRAINING_TEXTS = ["The plot was good.", "not bad, but the acting was dull!", "Très bien: l'été"]


def _recipe(level: str, lower: bool) -> Recipe:
    options = TextOptions.from_dict({"level": level, "lower": lower, "max_length": 7}, "review")
    vocabulary = build_vocabulary(TRAINING_TEXTS, options)
    return Recipe(
        inputs=(
            InputRecipe("user", "ids", (1,), "int64", ("user_id",), vocabulary=("1", "17", "3")),
            InputRecipe(
                "review",
                "text",
                (7,),
                "int64",
                ("review",),
                vocabulary=vocabulary,
                text=options.to_dict(),
            ),
        ),
        task="regression",
    )


def _namespace(recipe: Recipe) -> dict:
    encoders = encoders_of(recipe, ["user", "review"])
    assert encoders is not None
    namespace: dict = {"torch": torch, "__name__": "exported"}
    exec(compile("import re\n" + encoders.source(None), "m.py", "exec"), namespace)
    return namespace


@pytest.mark.parametrize(("level", "lower"), [("word", True), ("word", False), ("char", True)])
def test_encode_gives_the_recipes_tokens(level, lower):
    recipe = _recipe(level, lower)
    encode = _namespace(recipe)["encode"]
    texts = [*TRAINING_TEXTS, "", "GOOD good Good!!", "x" * 30, "tabs\tand\nnew lines"]
    expected = np.stack([recipe.input("review").encode(t) for t in texts])
    assert encode(texts, "review").tolist() == expected.tolist()


def test_encode_ids_gives_the_recipes_indices_and_refuses_the_same_ids():
    recipe = _recipe("word", True)
    encode_ids = _namespace(recipe)["encode_ids"]
    values = [17, 17.0, " 3 ", np.int64(1), "17"]
    expected = [recipe.input("user").encode(v).tolist() for v in values]
    assert encode_ids(values, "user").tolist() == expected == [[2], [2], [3], [1], [2]]
    with pytest.raises(ValueError, match="id '4' was never seen"):
        encode_ids([4], "user")
