"""Exports of a trained project take the vocabularies, shapes and scaling from the recipe saved
with its weights (``recipe.json``), not from the data file, which may have changed since: the
trained embeddings belong to the trained vocabulary. Without a saved recipe, from the data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from netbuilder.cli import main
from netbuilder.engine.data.csv_sets import generated_csv
from netbuilder.engine.data.datasets import load_dataset
from netbuilder.engine.export import export, prepare_model
from netbuilder.io import load_project
from tests.trained_projects import iris_document, reviews_document, train


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["review", "label"], *rows])


def _vocabularies(source: str) -> dict:
    namespace: dict = {"__name__": "exported"}
    exec(compile(source, "m.py", "exec"), namespace)
    return dict(namespace["VOCABULARIES"])


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    """The text example trained for one epoch on 120 rows of a CSV file of its own."""
    folder = tmp_path_factory.mktemp("changed")
    with generated_csv("reviews").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:121]
    data = folder / "reviews.csv"
    _write(data, rows)
    doc = reviews_document()
    doc["dataset"] = dict(doc["dataset"], name="", path=str(data))
    return train(doc, folder, "small", "--epochs", "1")


def test_a_changed_data_file_still_exports_the_trained_vocabulary(trained, tmp_path):
    loaded = load_project(trained)
    assert loaded.recipe is not None and loaded.weights is not None
    saved = loaded.recipe["inputs"][0]["vocabulary"]
    data = Path(loaded.project.dataset.path)
    with data.open(encoding="utf-8", newline="") as handle:
        rows = [[r.replace("plot", "zebra"), label] for r, label in list(csv.reader(handle))[1:]]
    _write(data, rows)  # a word renamed: the data's vocabulary is another one now
    changed = load_dataset(loaded.project.dataset, trained.parent).recipe
    assert changed is not None and list(changed.inputs[0].vocabulary) != saved
    assert "zebra" not in saved and "zebra" in changed.inputs[0].vocabulary

    export(loaded, "python", tmp_path / "m.py")
    assert _vocabularies((tmp_path / "m.py").read_text()) == {"x": saved}
    # The docstring says which output is which class (the saved recipe's class names).
    assert "Classes: 0: negative, 1: positive" in (tmp_path / "m.py").read_text()
    # Without weights there is no trained vocabulary: the data's is the one to use.
    export(loaded.project, "python", tmp_path / "fresh.py", base_dir=trained.parent)
    assert _vocabularies((tmp_path / "fresh.py").read_text()) == {
        "x": list(changed.inputs[0].vocabulary)
    }
    # The data file gone altogether: the saved recipe is enough to export.
    data.unlink()
    assert main(["export", str(trained), "-f", "python", "-o", str(tmp_path / "gone.py")]) == 0
    assert _vocabularies((tmp_path / "gone.py").read_text()) == {"x": saved}


def test_a_damaged_saved_recipe_falls_back_to_the_data_with_a_note(trained):
    loaded = load_project(trained)
    loaded.recipe = {"version": 1, "inputs": "nonsense"}
    model = prepare_model(loaded)
    assert model.saved_recipe is None
    assert any(n.startswith("recipe.json cannot be used (") for n in model.notes)


def test_standardised_features_take_their_scaling_from_the_saved_recipe(tmp_path):
    trained = train(iris_document(epochs=1), tmp_path, "iris")
    loaded = load_project(trained)
    from_recipe = prepare_model(loaded)
    assert from_recipe.saved_recipe is not None
    from_data = prepare_model(loaded.project, base_dir=tmp_path)
    assert from_data.saved_recipe is None
    assert from_recipe.input_scaling is not None and from_data.input_scaling is not None
    for a, b in zip(from_recipe.input_scaling, from_data.input_scaling, strict=True):
        assert a.shape == b.shape == (4,) and np.allclose(a, b)
    header = json.loads(json.dumps(loaded.recipe))["inputs"][0]
    assert np.allclose(from_recipe.input_scaling[0], header["mean"])


def test_safetensors_carries_the_saved_recipe(trained, tmp_path):
    from safetensors import safe_open

    loaded = load_project(trained)
    export(loaded, "safetensors", tmp_path / "w.safetensors")
    with safe_open(str(tmp_path / "w.safetensors"), "np") as handle:
        assert json.loads(handle.metadata()["recipe"]) == loaded.recipe
    # Without weights there is no saved recipe to carry.
    export(loaded.project, "safetensors", tmp_path / "fresh.safetensors", base_dir=trained.parent)
    with safe_open(str(tmp_path / "fresh.safetensors"), "np") as handle:
        assert "recipe" not in (handle.metadata() or {})


@pytest.mark.slow  # torch.export of an LSTM: ~3 s on 2 cores
def test_pt2_carries_the_saved_recipe(trained, tmp_path):
    import torch

    loaded = load_project(trained)
    export(loaded, "pt2", tmp_path / "m.pt2")
    extra = {"recipe.json": ""}
    torch.export.load(str(tmp_path / "m.pt2"), extra_files=extra)
    assert json.loads(extra["recipe.json"]) == loaded.recipe
