"""Image folders above training.data_memory_mb stream from disk through DataLoader workers."""

from __future__ import annotations

import itertools
import multiprocessing
import threading
from pathlib import Path

import numpy as np
import pytest

from netbuilder.engine.data.datasets import DataError, load_dataset
from netbuilder.engine.data.image_sets import write_shapes
from netbuilder.engine.data.image_stream import ImageFiles
from netbuilder.engine.training.session import PreparedRun, prepare
from netbuilder.model import Graph, Project, TrainingSettings
from netbuilder.model.project import DatasetBinding

WAIT = 60  # seconds; waits end on an event long before this
SIZE = 28  # 450 grey 28x28 images: 1.4 MB as float32, above a 1 MB budget


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("stream")
    write_shapes(root / "shapes", per_class=150, size=SIZE, seed=1)
    return root


def binding() -> DatasetBinding:
    options = {"size": [SIZE, SIZE], "channels": "grey"}
    return DatasetBinding(source="image_folder", path="shapes", options=options)


def cnn() -> Graph:
    g = Graph()
    chain = [
        ("Input", {"shape": [1, SIZE, SIZE]}),
        ("Conv2d", {"out_channels": 8, "kernel_size": 3, "padding": 1}),
        ("ReLU", {}),
        ("MaxPool2d", {"kernel_size": 4}),
        ("Flatten", {}),
        ("Linear", {"out_features": 3}),
        ("Output", {}),
    ]
    ids = [g.add_node(kind, params).id for kind, params in chain]
    for a, b in itertools.pairwise(ids):
        g.connect(a, b)
    return g


def prepared(root: Path, memory_mb: int, **settings: object) -> PreparedRun:
    training = TrainingSettings(
        **{"batch_size": 32, "epochs": 4, "lr": 0.01, "device": "cpu", **settings},  # type: ignore[arg-type]
        data_memory_mb=memory_mb,
    )
    project = Project(graph=cnn(), dataset=binding(), training=training)
    return prepare(project, root, threads=1)


def test_a_folder_above_the_budget_streams_and_one_below_is_decoded(shapes):
    streamed = load_dataset(binding(), shapes, memory_mb=1)
    assert isinstance(streamed.x_train, ImageFiles)
    whole = load_dataset(binding(), shapes)  # auto: a quarter of this machine's memory
    assert isinstance(whole.x_train, np.ndarray)
    assert streamed.sizes == whole.sizes == (314, 68, 68)
    # Same split, same statistics (the sample is every training image here), same pixels.
    assert np.array_equal(streamed.y_val, whole.y_val)
    assert np.allclose(streamed.mean, whole.mean) and np.allclose(streamed.std, whole.std)
    assert np.allclose(streamed.x_val[:5], whole.x_val[:5], atol=1e-5)
    assert streamed.recipe is not None and streamed.recipe.inputs[0].kind == "image"


def test_a_streamed_split_is_never_made_one_array_and_bad_files_become_blanks(shapes, tmp_path):
    streamed = load_dataset(binding(), shapes, memory_mb=1)
    with pytest.raises(DataError, match=r"stream from disk .* training\.data_memory_mb"):
        np.asarray(streamed.x_train)
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not a png")
    files = ImageFiles([bad, *streamed.x_train.files[:1]], streamed.x_train.options, 0.5, 0.25)
    x = files.decode([0, 1])
    assert files.skipped == 1 and np.all(x[0] == 0.0) and x[1].std() > 0


def test_streamed_steps_equal_in_memory_steps(shapes):
    """Same split, statistics, order and pixels: the same weights after the same steps, and the
    streamed evaluation gives the same loss."""
    runs = [prepared(shapes, memory_mb) for memory_mb in (1, 0)]
    for r in runs:
        assert r.run(max_steps=5).train.status == "stopped"
    streamed, in_memory = (r.trainer.evaluate("val") for r in runs)
    assert streamed.loss == pytest.approx(in_memory.loss, rel=1e-4)
    assert streamed.metrics["accuracy"] == in_memory.metrics["accuracy"]
    assert multiprocessing.active_children() == []  # closed after an evaluation too


@pytest.mark.slow
def test_streaming_trains_to_the_accuracy_of_the_in_memory_path(shapes):
    runs = [prepared(shapes, memory_mb) for memory_mb in (1, 0)]
    assert [r.trainer.streamed for r in runs] == [True, False]
    streamed, in_memory = (r.run() for r in runs)
    assert streamed.train.status == in_memory.train.status == "completed"
    assert streamed.test is not None and in_memory.test is not None
    acc = streamed.test.metrics["accuracy"], in_memory.test.metrics["accuracy"]
    assert acc[1] > 0.6  # it learns
    assert abs(acc[0] - acc[1]) <= 0.05
    assert streamed.summary["val_loss"] == pytest.approx(in_memory.summary["val_loss"], rel=0.05)
    assert multiprocessing.active_children() == []


def test_stop_mid_epoch_leaves_no_worker_processes(shapes):
    run = prepared(shapes, 1, epochs=50)
    workers_seen: list[int] = []

    def on_progress(_progress: object) -> None:
        workers_seen.append(len(multiprocessing.active_children()))
        run.stop()

    result = run.run(on_progress)
    assert result.train.status == "stopped"
    assert 0 < result.train.steps < run.trainer.steps_per_epoch * 50
    assert max(workers_seen) >= 1  # it did stream through worker processes
    assert multiprocessing.active_children() == []


def test_an_error_mid_run_leaves_no_worker_processes(shapes):
    run = prepared(shapes, 1, epochs=50)

    def failing(_progress: object) -> None:
        assert multiprocessing.active_children()
        raise RuntimeError("the window went away")

    with pytest.raises(RuntimeError, match="window went away"):
        run.run(failing)
    assert multiprocessing.active_children() == []
    again = run.run(max_steps=3)  # a later run streams again, from where it was
    assert again.train.status == "stopped"
    assert multiprocessing.active_children() == []


def test_pause_and_stop_act_within_a_step_while_streaming(shapes):
    run = prepared(shapes, 1, epochs=50)
    outcome: dict[str, object] = {}
    reported = threading.Event()

    def train() -> None:
        outcome["result"] = run.run(lambda _progress: reported.set())

    worker = threading.Thread(target=train)
    worker.start()
    try:
        assert reported.wait(WAIT)  # steps are running, workers streaming
        run.pause()
        assert run.trainer.paused_event.wait(WAIT)
        held = run.trainer.step
        assert multiprocessing.active_children()  # paused: workers wait, nothing is lost
        run.stop()
    finally:
        run.stop()
        worker.join(WAIT)
    assert not worker.is_alive()
    result = outcome["result"]
    assert result.train.status == "stopped" and result.train.steps == held  # type: ignore[attr-defined]
    assert multiprocessing.active_children() == []
