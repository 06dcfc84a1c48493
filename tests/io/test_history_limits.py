"""Whatever netbuilder writes, it reads back: the history stays compact at the limits of classes,
epochs and runs, and a member over a limit is skipped by name instead of refusing the project."""

from __future__ import annotations

import json
import math
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netbuilder.engine.training.history import (
    CONFUSION,
    MAX_CONFUSION_CLASSES,
    MAX_RUNS,
    compact_document,
    older_run_epochs,
)
from netbuilder.engine.training.session import prepare
from netbuilder.engine.training.state import TrainState
from netbuilder.engine.training.telemetry import EpochResult
from netbuilder.io import ProjectFileError, load_project, project_file, save_project
from netbuilder.io.container import MAX_JSON_MEMBER_BYTES

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


def _epoch(i: int, k: int, *, confusion: bool) -> dict:
    metrics: dict = {"accuracy": (i % 97) / 97}
    if confusion:
        metrics[CONFUSION] = [[(r * 7 + c + i) % 13 for c in range(k)] for r in range(k)]
    return {
        "epoch": i + 1,
        "train_loss": 1 / (i + 1) + 1e-9 * i,
        "val_loss": 2 / (i + 1) + math.sin(i) / 10,
        "val_metrics": metrics,
        "lr": 1e-3 * 0.999**i,
        "step": (i + 1) * 29,
        "seconds": 0.0123 + i * 1e-7,
    }


def _run(epochs: list, k: int) -> dict:
    matrix = [[r + c for c in range(k)] for r in range(k)]
    summary = {"val_metrics": {"accuracy": 0.5, CONFUSION: matrix}, "test_metrics": {}}
    summary["test_metrics"] = {"accuracy": 0.5, CONFUSION: matrix}
    return {"started": "2026-01-01T00:00:00", "settings": {}, "epochs": epochs, "summary": summary}


def _matrices(doc: dict) -> list[tuple[int, int | None]]:
    """(run index, epoch index or None for the summary) of every confusion matrix held."""
    found = []
    for r, run in enumerate(doc["runs"]):
        for e, epoch in enumerate(run["epochs"]):
            if CONFUSION in epoch["val_metrics"]:
                found.append((r, e))
        for key in ("val_metrics", "test_metrics"):
            if CONFUSION in run["summary"].get(key, {}):
                found.append((r, None))
    return found


def _save_and_load(tmp_path: Path, project, history) -> object:
    path = tmp_path / "p.nbproj"
    save_project(path, project, weights=b"w" * 64, history=history)
    loaded = load_project(path)
    assert loaded.warnings == []
    assert loaded.weights == b"w" * 64
    return loaded


def test_record_keeps_confusion_on_the_last_and_the_best_epoch_only():
    state = TrainState()
    losses = [3.0, 1.0, 2.0, 4.0, 0.5, 5.0, 0.7]
    for i, loss in enumerate(losses):
        metrics = {"accuracy": 0.1, CONFUSION: [[i, 0], [0, i]]}
        state.record(EpochResult(i + 1, 1.0, loss, metrics, 0.1, i, 0.0))
        held = [j for j, h in enumerate(state.history) if CONFUSION in h.val_metrics]
        best = min(range(i + 1), key=lambda j: losses[j])
        assert held == sorted({best, i})
    assert all("accuracy" in h.val_metrics for h in state.history)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    classes=st.integers(2, MAX_CONFUSION_CLASSES + 44),
    epochs=st.integers(1, 300),
    runs=st.integers(1, 12),
)
def test_any_history_netbuilder_writes_reads_back(tmp_path, project, classes, epochs, runs):
    # Older files kept a matrix on every epoch: the worst input compaction can meet. The same
    # matrix object is shared so building it stays cheap; writing it would not be.
    shared = _epoch(0, classes, confusion=True)["val_metrics"][CONFUSION]
    epoch_list = [
        {**_epoch(i, 0, confusion=False), "val_metrics": {"accuracy": 0.5, CONFUSION: shared}}
        for i in range(epochs)
    ]
    doc = compact_document({"runs": [_run(epoch_list, classes) for _ in range(runs)]})
    assert len(doc["runs"]) == min(runs, MAX_RUNS)
    limit = older_run_epochs(len(doc["runs"]) - 1)
    assert all(len(r["epochs"]) <= limit for r in doc["runs"][:-1])
    assert len(doc["runs"][-1]["epochs"]) == epochs
    newest = len(doc["runs"]) - 1
    held = _matrices(doc)
    if classes > MAX_CONFUSION_CLASSES:
        assert held == []
    else:
        assert {r for r, _ in held} == {newest}  # only the newest run keeps matrices
        assert len([e for _, e in held if e is not None]) <= 2  # last and best epoch
    loaded = _save_and_load(tmp_path, project, doc)
    assert loaded.history == doc


@pytest.mark.slow
def test_history_at_the_limits_reads_back(tmp_path, project):
    """100,000 epochs (the settings' maximum) in each of MAX_RUNS + 5 runs, 256 classes."""
    k = MAX_CONFUSION_CLASSES
    epochs = [_epoch(i, 0, confusion=False) for i in range(100_000)]
    epochs[-1] = _epoch(99_999, k, confusion=True)
    epochs[1234] = {**_epoch(1234, k, confusion=True), "val_loss": 1e-6}  # the best
    runs = [_run(epochs, k) for _ in range(MAX_RUNS + 5)]
    start = time.perf_counter()
    doc = compact_document({"runs": runs})
    path = tmp_path / "limits.nbproj"
    save_project(path, project, weights=b"w", history=doc)
    loaded = load_project(path)
    elapsed = time.perf_counter() - start
    assert loaded.warnings == [] and loaded.history == doc
    assert len(doc["runs"]) == MAX_RUNS and len(doc["runs"][-1]["epochs"]) == 100_000
    assert all(len(r["epochs"]) == older_run_epochs(MAX_RUNS - 1) for r in doc["runs"][:-1])
    with zipfile.ZipFile(path) as zf:
        size = zf.getinfo("history.json").file_size
    assert size < MAX_JSON_MEMBER_BYTES / 2, size  # far from the cap, not just under it
    assert elapsed < 60


def test_history_json_is_compact(tmp_path, project):
    doc = {"runs": [_run([_epoch(i, 3, confusion=i == 4) for i in range(5)], 3)]}
    path = tmp_path / "c.nbproj"
    save_project(path, project, history=doc, checkpoint=b"c", checkpoint_meta={"history": [1, 2]})
    with zipfile.ZipFile(path) as zf:
        for name in ("history.json", "checkpoint.json"):
            text = zf.read(name).decode()
            assert "\n" not in text.rstrip("\n") and ", " not in text and '": ' not in text
        assert zf.read("project.json").decode().startswith("{\n  ")  # the graph stays readable


def test_a_member_over_its_limit_is_skipped_by_name_and_the_rest_opens(
    tmp_path, project, monkeypatch
):
    path = tmp_path / "big.nbproj"
    history = {"runs": [_run([_epoch(i, 2, confusion=False) for i in range(50)], 2)]}
    save_project(path, project, weights=b"w" * 64, history=history)
    monkeypatch.setitem(project_file._WANTED, "history.json", 1000)
    loaded = load_project(path)
    assert loaded.weights == b"w" * 64 and loaded.project.graph.nodes
    assert loaded.history is None
    assert len(loaded.warnings) == 1
    assert loaded.warnings[0].startswith("history.json: skipped (")
    assert "the limit is 1000 bytes" in loaded.warnings[0]


def test_an_older_history_with_a_matrix_per_epoch_opens_and_compacts_on_the_next_run(tmp_path):
    loaded = load_project(EXAMPLES / "digits_mlp.json")
    old_epochs = [_epoch(i, 10, confusion=True) for i in range(40)]
    old = {"runs": [_run(old_epochs, 10)]}
    path = tmp_path / "old.nbproj"
    path.write_bytes(b"")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:  # written the old way
        zf.writestr("project.json", json.dumps(project_file.project_to_dict(loaded.project)))
        zf.writestr("history.json", json.dumps(old, indent=2))
    reopened = load_project(path)
    assert reopened.warnings == [] and reopened.history == old  # read as it is

    result = prepare(reopened, epochs=4).run(keep_checkpoint=True)
    results = result.project_results(reopened.results)
    save_project(path, reopened.project, **results.members())
    after = load_project(path)
    assert after.warnings == []
    runs = after.results.runs
    assert len(runs) == 2 and len(runs[0]["epochs"]) == 40 and len(runs[1]["epochs"]) == 4
    held = _matrices(after.history)
    assert {r for r, _ in held} == {1}  # the older run's per-epoch matrices are gone
    assert 1 <= len([e for _, e in held if e is not None]) <= 2
    assert runs[1]["summary"]["test_metrics"][CONFUSION]  # the evaluation view's matrix
    meta_history = after.checkpoint_meta["history"]
    assert len(meta_history) == 4
    assert sum(CONFUSION in e["val_metrics"] for e in meta_history) <= 2
    assert all("accuracy" in e["val_metrics"] for e in meta_history)


def test_an_indented_history_of_100_classes_that_was_refused_as_a_zip_bomb_opens(tmp_path):
    """Issue 12: written by the old netbuilder (indent=2, a matrix every epoch), a few epochs on
    100 classes compressed over 100:1 and the whole project was refused as a zip bomb."""
    loaded = load_project(EXAMPLES / "digits_mlp.json")
    epochs = [
        {**_epoch(i, 0, confusion=False), "val_metrics": {CONFUSION: [[0] * 100] * 100}}
        for i in range(30)
    ]
    text = json.dumps({"runs": [_run(epochs, 100)]}, indent=2).encode()
    path = tmp_path / "old.nbproj"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.json", json.dumps(project_file.project_to_dict(loaded.project)))
        zf.writestr("history.json", text)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("history.json")
    assert info.file_size > 1024 * 1024 and info.file_size > 100 * info.compress_size
    reopened = load_project(path)
    assert reopened.warnings == [] and len(reopened.history["runs"][0]["epochs"]) == 30


def test_stored_weights_over_the_decompression_cap_still_open(tmp_path, project, monkeypatch):
    """Weights are stored, not compressed: their bytes are in the file, nothing can expand, so
    they open whatever the decompression caps (a big network's weights must open again)."""
    from netbuilder.io import container

    path = tmp_path / "big.nbproj"
    weights = bytes(range(256)) * 8192  # 2 MiB
    save_project(path, project, weights=weights)
    monkeypatch.setitem(project_file._WANTED, "weights.safetensors", 1 * container.MiB)
    monkeypatch.setattr(container, "MAX_TOTAL_BYTES", 1 * container.MiB)
    loaded = load_project(path)
    assert loaded.weights == weights and not loaded.warnings


def test_a_project_too_big_to_open_is_not_written(tmp_path, project, monkeypatch):
    monkeypatch.setattr(project_file, "MAX_FILE_BYTES", 1024)
    path = tmp_path / "huge.nbproj"
    path.write_bytes(b"the user's old file")
    with pytest.raises(ProjectFileError, match="project files are at most"):
        save_project(path, project, weights=b"w" * 4096)
    assert path.read_bytes() == b"the user's old file"
