"""Project-level training: checks before training, and the acceptance numbers of the examples."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import torch

from netbuilder.engine.training.session import prepare
from netbuilder.io import load_project
from netbuilder.model import NetbuilderError, SettingsError

EXAMPLES = Path(__file__).resolve().parents[3] / "resources" / "examples"


def example(name: str):
    return load_project(EXAMPLES / f"{name}.json")


def test_first_network_matches_plain_pytorch_to_5_decimals():
    result = prepare(example("first_network")).run()
    torch.manual_seed(0)
    model = torch.nn.Linear(2, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    x = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    y = torch.tensor([[1.0], [0.0], [1.0]])
    for _ in range(100):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()
    assert round(result.summary["train_loss"], 5) == round(loss.item(), 5)
    assert result.summary["steps"] == 100


def test_digits_mlp_reaches_95_percent():
    result = prepare(example("digits_mlp")).run()
    assert result.summary["status"] == "completed"
    assert result.summary["test_metrics"]["accuracy"] >= 0.95


def test_breast_cancer_reaches_93_percent():
    result = prepare(example("breast_cancer_classifier")).run()
    assert result.summary["test_metrics"]["accuracy"] >= 0.93
    assert len(result.history) == result.summary["epochs"]


def test_breast_cancer_beats_its_majority_class_baseline():
    result = prepare(example("breast_cancer_classifier"), epochs=5).run()
    base = result.summary["baseline"]
    assert base["kind"] == "majority class" and base["split"] == "test"
    assert base["class_name"] == "benign" and 0.55 < base["accuracy"] < 0.7
    assert result.summary["test_metrics"]["accuracy"] > base["accuracy"] + 0.2


def test_diabetes_regression_beats_the_mean_baseline_by_a_fifth():
    """The note's figure: test RMSE about 53 against 77 for predicting the training mean."""
    result = prepare(example("diabetes_regression")).run()
    summary, base = result.summary, result.summary["baseline"]
    assert summary["status"] in ("completed", "early_stopped")
    assert base["kind"] == "mean" and base["rmse"] == pytest.approx(77.09, abs=0.01)
    assert abs(base["r2"]) < 0.01  # the mean explains none of the test variance
    test = summary["test_metrics"]
    assert test["rmse"] < 0.8 * base["rmse"] and test["rmse"] < 56
    assert test["r2"] > 0.45 and test["mae"] < base["mae"]


def test_history_document_appends_runs():
    result = prepare(example("first_network"), epochs=2).run()
    doc = result.history_document({"runs": [{"old": True}]})
    assert len(doc["runs"]) == 2 and len(doc["runs"][1]["epochs"]) == 2
    assert doc["runs"][1]["summary"]["baseline"] == result.summary["baseline"]


def test_bad_lr_is_refused_before_training():
    loaded = example("digits_mlp")
    loaded.project.training.lr = -1.0
    with pytest.raises(SettingsError, match=r"training\.lr"):
        prepare(loaded)


def test_batch_size_larger_than_training_split():
    loaded = example("first_network")
    loaded.project.training.batch_size = 10
    with pytest.raises(SettingsError, match=r"batch_size 10 is larger than the training split \(3"):
        prepare(loaded)


def test_network_that_does_not_fit_the_data_names_the_node():
    loaded = example("digits_mlp")
    graph = loaded.project.graph
    last = [n for n in graph.topological_order() if graph.node(n).type == "Linear"][-1]
    graph.set_params(last, {**graph.node(last).params, "out_features": 7})
    with pytest.raises(NetbuilderError, match="does not fit the data") as info:
        prepare(loaded)
    assert info.value.node is not None


def test_a_layer_not_connected_yet_stops_training_and_is_named():
    loaded = example("digits_mlp")
    loaded.project.graph.add_node("Conv2d", node_id="conv2d_9")  # quiet in the window ...
    with pytest.raises(NetbuilderError, match="conv2d_9: Conv2d has no input") as info:
        prepare(loaded)  # ... but training refuses, naming it
    assert info.value.node == "conv2d_9"


def test_one_class_target_is_refused():
    loaded = example("first_network")
    project = copy.deepcopy(loaded.project)
    project.dataset.inline = {"x": [[1, 2], [3, 4], [5, 6], [7, 8]], "y": [1, 1, 1, 1]}
    project.dataset.options = {"task": "classification"}
    project.training.loss = "cross_entropy"
    project.training.task = "auto"
    with pytest.raises(NetbuilderError, match="class"):
        prepare(project)


def test_regression_data_with_a_classification_loss_is_refused():
    loaded = example("first_network")
    loaded.project.training.loss = "cross_entropy"
    loaded.project.training.task = "auto"
    with pytest.raises(SettingsError, match=r"training\.loss"):
        prepare(loaded)


def test_missing_dataset_is_refused():
    loaded = example("first_network")
    loaded.project.dataset = None
    with pytest.raises(NetbuilderError, match="no dataset"):
        prepare(loaded)


def test_a_data_file_is_read_once_to_prepare(tmp_path, monkeypatch):
    import netbuilder.engine.data.datasets as datasets
    from netbuilder.model import DatasetBinding

    (tmp_path / "pairs.csv").write_text(
        "a,b,y\n" + "".join(f"{i % 7},{i % 5},{(i % 7) * 0.5 - (i % 5)}\n" for i in range(60))
    )
    project = copy.deepcopy(example("first_network").project)
    project.dataset = DatasetBinding(source="csv", path="pairs.csv", options={"target": "y"})
    reads = []
    real = datasets.load_table
    monkeypatch.setattr(datasets, "load_table", lambda *a, **k: reads.append(1) or real(*a, **k))
    run = prepare(project, tmp_path)
    assert len(reads) == 1
    assert run.dataset.info == datasets.dataset_info(project.dataset, tmp_path)
    assert len(reads) == 1  # the info came from the cache that loading filled


def test_per_layer_statistics_can_be_turned_off_when_preparing():
    assert prepare(example("digits_mlp")).trainer.telemetry.sampler is not None
    off = prepare(example("digits_mlp"), inside_every=0)
    assert off.trainer.telemetry.sampler is None
    assert off.trainer.telemetry.enabled  # gradient norms are still measured
