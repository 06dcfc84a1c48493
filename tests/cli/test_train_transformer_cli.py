"""``netbuilder train`` on the Transformer text example reaches the accuracy its note states, and
the note's reason holds: without the Conv1d (the only thing that sees word order) the same
encoder stays near the bag-of-words figure."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from netbuilder.cli import main
from tests.examples_support import example

MINUTE = 60.0  # issue 13: every example trains from the CLI in under a minute on 2 cores


def train(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    start = time.perf_counter()
    assert main(["train", str(path), "--json"]) == 0
    elapsed = time.perf_counter() - start
    summary = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert summary["event"] == "summary" and summary["status"] == "completed"
    assert elapsed < MINUTE, f"{path.name} took {elapsed:.1f} s"
    return summary


def without_convolution(path: Path, target: Path) -> Path:
    """The example with Transpose -> Conv1d -> Transpose cut out: Embedding -> encoder."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    cut = {"transpose_1", "conv1d_1", "transpose_2"}
    graph = doc["graph"]
    graph["nodes"] = [n for n in graph["nodes"] if n["id"] not in cut]
    graph["edges"] = [e for e in graph["edges"] if not {e["src"], e["dst"]} & cut]
    graph["edges"].append({"src": "embedding_1", "dst": "transformer_encoder_layer_1", "port": 0})
    target.write_text(json.dumps(doc), encoding="utf-8")
    return target


@pytest.mark.slow  # two trainings of about 5 s each on 2 cores, plus loading the data
def test_the_transformer_reads_word_order_through_its_convolution(capsys, tmp_path):
    path = example("transformer_text")
    summary = train(path, capsys)
    assert summary["test_metrics"]["accuracy"] >= 0.98  # the note states 1.00 in 3 epochs
    assert summary["epochs"] == 3
    orderless = train(without_convolution(path, tmp_path / "orderless.json"), capsys)
    accuracy = orderless["test_metrics"]["accuracy"]
    assert accuracy < 0.72  # the note: near 0.60, like the bag of words
    assert summary["test_metrics"]["accuracy"] - accuracy >= 0.2
