"""Predictor: one raw sample through the saved recipe and the trained network."""

from __future__ import annotations

import math

import numpy as np
import pytest

from netbuilder.engine.data.datasets import load_dataset
from netbuilder.engine.data.errors import DataError
from netbuilder.engine.training.predict import PredictError, Predictor
from netbuilder.io import load_project, save_project
from tests.trained_projects import iris_document, train


@pytest.fixture(scope="module")
def iris(tmp_path_factory):
    return train(iris_document(), tmp_path_factory.mktemp("iris"), "iris")


def test_saved_recipe_gives_the_training_preprocessing(iris):
    loaded = load_project(iris)
    assert loaded.recipe is not None and loaded.recipe["class_names"][0] == "setosa"
    predictor = Predictor.from_project(loaded)
    dataset = load_dataset(loaded.project.dataset)
    # A test row, raw again (undo the standardisation): the same output as the test split's row.
    raw = dataset.x_test[0] * dataset.std + dataset.mean
    got = predictor.predict([raw.tolist()], top=3)
    direct = predictor.predict_arrays([dataset.x_test[:1]], top=3)
    assert [n for n, _ in got.classes] == [n for n, _ in direct.classes]
    assert np.allclose([p for _, p in got.classes], [p for _, p in direct.classes], atol=1e-5)
    assert math.isclose(sum(p for _, p in got.classes), 1.0, rel_tol=1e-5)
    assert got.top == dataset.info.class_names[int(dataset.y_test[0])]


def test_top_k_is_sorted_and_cut(iris):
    prediction = Predictor.from_project(load_project(iris)).predict([[6.7, 3.0, 5.2, 2.3]], top=2)
    probs = [p for _, p in prediction.classes]
    assert len(probs) == 2 and probs == sorted(probs, reverse=True)
    assert prediction.top == "virginica" and prediction.n_classes == 3


def test_weights_without_a_recipe_rebuild_it_from_the_data(iris, tmp_path):
    loaded = load_project(iris)
    old = tmp_path / "old.nbproj"
    save_project(old, loaded.project, weights=loaded.weights)
    again = load_project(old)
    assert again.recipe is None
    predictor = Predictor.from_project(again)
    assert predictor.recipe.to_dict() == loaded.recipe


def test_weights_without_a_recipe_and_no_readable_data_say_train_again(iris, tmp_path):
    loaded = load_project(iris)
    project = loaded.project
    from dataclasses import replace

    project.dataset = replace(
        project.dataset, source="csv", name="", path="gone.csv", options={"target": "y"}
    )
    with pytest.raises(PredictError, match="train it again to save its recipe"):
        Predictor.from_project(project, loaded.weights, None, base_dir=tmp_path)


def test_no_weights_and_wrong_values_are_refused_by_name(iris):
    loaded = load_project(iris)
    with pytest.raises(PredictError, match="no trained weights"):
        Predictor.from_project(loaded.project, None, loaded.recipe)
    predictor = Predictor.from_project(loaded)
    with pytest.raises(DataError, match="takes 4 values"):
        predictor.predict([[1.0, 2.0]])
    with pytest.raises(DataError, match="petal width"):
        predictor.predict([{"sepal length (cm)": 1, "sepal width (cm)": 1, "petal length (cm)": 1}])
