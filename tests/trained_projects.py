"""Projects trained in-test for the "Try it" and ``netbuilder predict`` tests (each in seconds)."""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from pathlib import Path

from netbuilder.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "resources" / "examples"


def iris_document(epochs: int = 40) -> dict:
    """An MLP 4-16-3 on iris (standardised features, three classes)."""
    doc = json.loads((EXAMPLES / "digits_mlp.json").read_text())
    doc["name"] = "iris"
    doc["dataset"] = dict(doc["dataset"], name="iris")
    doc["training"] = dict(doc["training"], epochs=epochs, batch_size=16, lr=0.02)
    nodes = {n["id"]: n for n in doc["graph"]["nodes"]}
    nodes["input_1"]["params"]["shape"] = [4]
    nodes["linear_1"]["params"]["out_features"] = 16
    nodes["linear_2"]["params"]["out_features"] = 16
    nodes["linear_3"]["params"]["out_features"] = 3
    return doc


def train(doc: dict, folder: Path, name: str, *extra: str) -> Path:
    """Train ``doc`` with ``netbuilder train --out``; the trained .nbproj."""
    source = folder / f"{name}.json"
    source.write_text(json.dumps(doc))
    out = folder / f"{name}.nbproj"
    assert main(["train", str(source), "--out", str(out), "--json", *extra]) == 0
    return out


def shapes_document() -> dict:
    """The shapes CNN example (the generated image set of circles, squares and triangles)."""
    doc: dict = json.loads((EXAMPLES / "shapes_cnn.json").read_text())
    return doc


def reviews_document() -> dict:
    """The text example: Embedding -> LSTM -> SequencePool -> Linear on the generated reviews."""
    doc: dict = json.loads((EXAMPLES / "reviews_text.json").read_text())
    return doc


def ratings_document() -> dict:
    """The two-input example: user and item ids -> embeddings -> a weighted dot product."""
    doc: dict = json.loads((EXAMPLES / "ratings_recommender.json").read_text())
    return doc


# Enough for the checks that read them: reviews reach accuracy 1.00 after one epoch, ratings
# predict a different value per pair after two (the export and predict tests compare values).
REVIEW_EPOCHS = 1
RATING_EPOCHS = 2
_TRAINED: dict[tuple[str, int], Path] = {}


def trained_example(stem: str, epochs: int) -> Path:
    """The example ``stem`` trained for ``epochs`` with ``netbuilder train --out``, once per test
    session (the CLI, export and window tests read the same file; none of them writes it)."""
    key = (stem, epochs)
    if key not in _TRAINED:
        folder = Path(tempfile.mkdtemp(prefix=f"netbuilder-tests-{stem}-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        doc = json.loads((EXAMPLES / f"{stem}.json").read_text())
        _TRAINED[key] = train(doc, folder, stem, "--epochs", str(epochs))
    return _TRAINED[key]
