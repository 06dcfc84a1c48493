"""``netbuilder predict``: features, named columns and images; JSON schema; exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from netbuilder.cli import main
from tests.trained_projects import iris_document, shapes_document, train


@pytest.fixture(scope="module")
def iris(tmp_path_factory):
    return train(iris_document(), tmp_path_factory.mktemp("iris"), "iris")


def _schema(doc: dict, file: Path) -> None:
    assert doc["event"] == "prediction" and doc["file"] == str(file)
    assert doc["task"] == "classification" and isinstance(doc["top"], str)
    assert doc["top"] == doc["classes"][0]["name"]
    probs = [c["probability"] for c in doc["classes"]]
    assert all(isinstance(p, float) and 0 <= p <= 1 for p in probs)
    assert probs == sorted(probs, reverse=True)


def test_comma_separated_features_print_classes_with_bars(iris, capsys):
    assert main(["predict", str(iris), "5.1,3.5,1.4,0.2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and lines[0].startswith("setosa") and "%" in lines[0]
    assert lines[0].count("#") > lines[-1].count("#")


def test_named_columns_and_json_schema(iris, capsys):
    columns = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]
    pairs = [f"{c}={v}" for c, v in zip(columns, (6.7, 3.0, 5.2, 2.3), strict=True)]
    assert main(["predict", str(iris), *pairs, "--json", "--top", "2"]) == 0
    doc = json.loads(capsys.readouterr().out)
    _schema(doc, iris)
    assert doc["top"] == "virginica" and len(doc["classes"]) == 2 and doc["n_classes"] == 3
    assert sorted(doc) == ["classes", "event", "file", "n_classes", "task", "top"]


def test_bad_input_exits_1_naming_it(iris, capsys):
    assert main(["predict", str(iris), "5.1,abc,1,1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("netbuilder predict: iris.nbproj: input 'x'") and "'5.1,abc,1,1'" in err
    assert "Traceback" not in err
    assert main(["predict", str(iris), "5.1,3.5", "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["exit_code"] == 1 and "takes 4 values" in doc["error"]


def test_untrained_project_exits_1_and_unreadable_file_2(tmp_path, capsys):
    source = tmp_path / "iris.json"
    source.write_text(json.dumps(iris_document()))
    assert main(["predict", str(source), "1,2,3,4"]) == 1
    assert "no trained weights; train it first" in capsys.readouterr().err
    assert main(["predict", str(tmp_path / "missing.nbproj"), "1"]) == 2
    assert "no such file" in capsys.readouterr().err


@pytest.mark.slow  # ~6 s: the shapes set is generated and a CNN trained for one epoch
def test_an_image_path_predicts_its_shape(tmp_path, capsys):
    trained = train(shapes_document(), tmp_path, "shapes", "--epochs", "1")
    capsys.readouterr()
    folder = Path(os.environ["NETBUILDER_DATA_DIR"]) / "datasets" / "shapes-v1"
    image = next((folder / "square").glob("*.png"))
    assert main(["predict", str(trained), str(image), "--json", "--top", "3"]) == 0
    doc = json.loads(capsys.readouterr().out)
    _schema(doc, trained)
    assert {c["name"] for c in doc["classes"]} == {"circle", "square", "triangle"}
    assert main(["predict", str(trained), str(tmp_path / "nope.png")]) == 1
    assert "no image file" in capsys.readouterr().err
