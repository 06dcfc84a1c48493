"""Issue 13's acceptance for the text and two-input examples, end to end: trained from the CLI
(``netbuilder train --out``), exported, run outside the app on raw rows (a fresh interpreter for
the ``.py`` export, onnxruntime for ONNX) with the app's predictions, and asked one sample at a
time through ``netbuilder predict``."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from netbuilder.cli import main
from netbuilder.engine.data.csv_sets import generated_csv
from netbuilder.engine.training.predict import Predictor
from netbuilder.io import load_project
from tests.trained_projects import RATING_EPOCHS, REVIEW_EPOCHS, trained_example

TOLERANCE = 1e-5
# Beyond the table's rows: capitals, punctuation, words training never saw, an empty text and
# one longer than max_length (cut), as a user would type them.
TYPED = [
    "Honestly, the plot was NOT bad... but the script was weak!",
    "très bien, zzz unknownword the acting was superb",
    "",
    " ".join(["very good acting"] * 20),
]


@pytest.fixture(scope="module")
def reviews() -> Path:
    return trained_example("reviews_text", REVIEW_EPOCHS)


@pytest.fixture(scope="module")
def ratings() -> Path:
    return trained_example("ratings_recommender", RATING_EPOCHS)


def rows(name: str, n: int = 24) -> list[dict[str, str]]:
    """``n`` raw rows of the generated table, spread over the file (every split has some)."""
    with generated_csv(name).open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    step = len(table) // n
    return table[::step][:n]


def app_reviews(path: Path, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The app's tokens and class probabilities for ``texts`` (Predictor, the saved recipe)."""
    predictor = Predictor.from_project(load_project(path))
    (item,) = predictor.recipe.inputs  # one text input, "x", read from the column "review"
    assert item.kind == "text" and item.columns == ("review",)
    tokens = np.stack([item.encode(t) for t in texts])
    names = list(predictor.recipe.class_names)
    probs = []
    for text in texts:
        prediction = dict(predictor.predict([text], top=len(names)).classes)
        probs.append([prediction[n] for n in names])
    return tokens, np.asarray(probs)


def app_ratings(path: Path, pairs: list[tuple[str, str]]) -> np.ndarray:
    predictor = Predictor.from_project(load_project(path))
    return np.asarray(
        [predictor.predict({"user": u, "item": i}).values[0][1] for u, i in pairs],
        dtype=np.float64,
    )


def softmax(logits: np.ndarray) -> np.ndarray:
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    out: np.ndarray = e / e.sum(axis=1, keepdims=True)
    return out


DRIVER = """
import importlib.util, json, sys
import torch

def module(path):
    spec = importlib.util.spec_from_file_location(path.rsplit("/", 1)[-1][:-3], path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod

job = json.loads(sys.stdin.read())
reviews, ratings = module(job["reviews"]), module(job["ratings"])
with torch.no_grad():
    tokens = reviews.encode(job["texts"])
    logits = reviews.load(job["reviews"][:-3] + ".safetensors")(tokens)
    users = ratings.encode_ids([u for u, _ in job["pairs"]], "user")
    items = ratings.encode_ids([i for _, i in job["pairs"]], "item")
    values = ratings.load(job["ratings"][:-3] + ".safetensors")(users, items)
try:
    ratings.encode_ids(["u999999"], "user")
    unseen = None
except ValueError as exc:
    unseen = str(exc)
print(json.dumps({
    "tokens": tokens.tolist(), "logits": logits.tolist(), "values": values.reshape(-1).tolist(),
    "unseen": unseen, "netbuilder": any(m.startswith("netbuilder") for m in sys.modules),
}))
"""


@pytest.mark.slow  # a fresh interpreter imports torch: ~4 s on 2 cores
def test_python_exports_run_alone_with_the_apps_tokens_and_predictions(reviews, ratings, tmp_path):
    for trained, stem in ((reviews, "reviews"), (ratings, "ratings")):
        out = tmp_path / f"{stem}.py"
        assert main(["export", str(trained), "-f", "python", "-o", str(out), "--with-weights"]) == 0
    texts = [r["review"] for r in rows("reviews")] + TYPED
    pairs = [(r["user_id"], r["item_id"]) for r in rows("ratings")]
    job = {
        "reviews": str(tmp_path / "reviews.py"),
        "ratings": str(tmp_path / "ratings.py"),
        "texts": texts,
        "pairs": pairs,
    }
    done = subprocess.run(
        [sys.executable, "-c", DRIVER],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert not got["netbuilder"]  # the exports stand alone
    tokens, probs = app_reviews(reviews, texts)
    assert got["tokens"] == tokens.tolist()  # exactly the app's tokens
    assert np.abs(softmax(np.asarray(got["logits"])) - probs).max() <= TOLERANCE
    assert np.abs(np.asarray(got["values"]) - app_ratings(ratings, pairs)).max() <= TOLERANCE
    assert got["unseen"] == "input 'user': id 'u999999' was never seen in training"


@pytest.mark.slow  # torch.onnx.export and onnxruntime, two projects: ~15 s on 2 cores
def test_onnx_exports_take_named_inputs_and_give_the_apps_predictions(reviews, ratings, tmp_path):
    ort = pytest.importorskip("onnxruntime")
    for trained, stem in ((reviews, "reviews"), (ratings, "ratings")):
        out = tmp_path / f"{stem}.onnx"
        assert main(["export", str(trained), "-f", "onnx", "-o", str(out)]) == 0
    texts = [r["review"] for r in rows("reviews")] + TYPED
    tokens, probs = app_reviews(reviews, texts)
    session = ort.InferenceSession(str(tmp_path / "reviews.onnx"))
    (name,) = [i.name for i in session.get_inputs()]
    (logits,) = session.run(None, {name: tokens})
    assert np.abs(softmax(logits) - probs).max() <= TOLERANCE

    pairs = [(r["user_id"], r["item_id"]) for r in rows("ratings")]
    session = ort.InferenceSession(str(tmp_path / "ratings.onnx"))
    assert [i.name for i in session.get_inputs()] == ["user", "item"]
    # The file carries the ids training saw: enough to encode raw ids without netbuilder.
    recipe = json.loads(session.get_modelmeta().custom_metadata_map["recipe"])
    assert recipe == load_project(ratings).recipe
    index = {i["name"]: {v: n + 1 for n, v in enumerate(i["vocabulary"])} for i in recipe["inputs"]}
    feeds = {
        "user": np.array([[index["user"][u]] for u, _ in pairs], dtype=np.int64),
        "item": np.array([[index["item"][i]] for _, i in pairs], dtype=np.int64),
    }
    (values,) = session.run(None, feeds)
    assert np.abs(values.reshape(-1) - app_ratings(ratings, pairs)).max() <= TOLERANCE


def test_predict_a_sentence_prints_its_class(reviews, capsys):
    labelled = {r["label"]: r["review"] for r in rows("reviews")}
    for label, sentence in labelled.items():
        assert main(["predict", str(reviews), sentence]) == 0
        first = capsys.readouterr().out.splitlines()[0]
        assert first.split()[0] == label and "%" in first
        assert main(["predict", str(reviews), f"review={sentence}", "--json"]) == 0
        doc = json.loads(capsys.readouterr().out)
        assert doc["top"] == label and doc["n_classes"] == 2
    assert set(labelled) == {"negative", "positive"}
    # Unquoted, the shell splits a sentence into words: they are one sentence again.
    sentence = labelled["positive"]
    assert main(["predict", str(reviews), *sentence.split(), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["top"] == "positive"


def test_predict_two_ids_prints_the_rating(ratings, capsys):
    (expected,) = app_ratings(ratings, [("u3", "i7")])
    assert main(["predict", str(ratings), "user_id=u3", "item_id=i7", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["task"] == "regression"
    (value,) = doc["values"]
    assert value["name"] == "rating" and abs(value["value"] - expected) <= TOLERANCE
    assert main(["predict", str(ratings), "user_id=u3", "item_id=i7"]) == 0
    out = capsys.readouterr().out
    assert "rating" in out and f"{expected:.3g}"[:3] in out


def test_predict_an_id_never_seen_exits_1_naming_column_and_id(ratings, capsys):
    assert main(["predict", str(ratings), "user_id=u999999", "item_id=i7"]) == 1
    captured = capsys.readouterr()
    assert "user_id" in captured.err and "'u999999'" in captured.err
    assert "never seen" in captured.err and "Traceback" not in captured.err
    assert captured.out == ""
    assert main(["predict", str(ratings), "user_id=u3", "item_id=i999999", "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["exit_code"] == 1 and "item_id" in doc["error"] and "'i999999'" in doc["error"]
