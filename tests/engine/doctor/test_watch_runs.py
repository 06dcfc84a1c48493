"""The watch on deliberately broken runs names the cause on the right node; its remedy helps;
the bundled examples, trained a few epochs, give no findings."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from netbuilder.engine.doctor.remedies import plan_remedy
from netbuilder.engine.training.history import best_index
from netbuilder.io import load_project
from netbuilder.model.edits import apply_edits
from tests.engine.doctor.support import mlp_project
from tests.engine.doctor.watch_support import (
    dead_bias_weights,
    few_digits_project,
    train_and_watch,
)
from tests.examples_support import example


def test_relu_after_a_very_negative_bias_is_dead_on_that_layer() -> None:
    project = mlp_project([32, 32], epochs=2)
    _, _, found = train_and_watch(project, dead_bias_weights(project, "linear_2"))
    dead = [f for f in found if f.rule == "dead_units"]
    assert [f.node for f in dead] == ["act_2"]
    assert dead[0].seen["dead_share"] == 1.0 and dead[0].seen["since_step"] == 1
    assert "more than 75%" in dead[0].meaning
    assert dead[0].remedies[0].layer_type == "LeakyReLU"


def test_lr_10_with_sgd_diverges() -> None:
    project = mlp_project([32, 32], epochs=2, optimizer="sgd", lr=10.0)
    _, _, found = train_and_watch(project)
    (div,) = [f for f in found if f.rule == "loss_diverging"]
    assert div.seen["highest"] > 3 * div.seen["start"]
    assert "too high" in div.meaning
    assert div.remedies[0].setting == "lr" and div.remedies[0].value == pytest.approx(1.0)


def test_deep_sigmoid_mlp_has_vanishing_gradients_in_its_first_layers() -> None:
    # 4 epochs of 11 steps: gradient norms are sampled every 10 steps at least, and the rule
    # judges a layer on 4 samples or more.
    project = mlp_project([32] * 6, activation="Sigmoid", epochs=4, optimizer="sgd", lr=0.1)
    _, _, found = train_and_watch(project)
    vanishing = [f for f in found if f.rule == "vanishing_gradient"]
    assert [f.node for f in vanishing[:2]] == ["linear_1", "linear_2"]
    assert "linear_7" not in [f.node for f in vanishing]
    swap = vanishing[0].remedies[0]
    assert (swap.kind, swap.node, swap.layer_type) == ("swap_layer", "act_1", "ReLU")


def test_overfitting_found_with_its_epoch_and_its_remedies_help() -> None:
    project = few_digits_project()
    result, record, found = train_and_watch(project)
    (over,) = [f for f in found if f.rule == "overfitting"]
    best = best_index(result.history)
    assert best is not None
    assert over.seen["from_epoch"] == record.epochs[best]["epoch"] + 1
    assert f"from epoch {int(over.seen['from_epoch'])} on" in over.meaning
    assert over.node == "act_2"
    by_kind = {r.kind: r for r in over.remedies}
    assert by_kind["insert_after"].node == "act_2"
    assert by_kind["set_setting"].setting == "early_stopping"

    # Dropout after act_2 (planned and applied as the window would): a better best val loss.
    graph = copy.deepcopy(project.graph)
    edits = plan_remedy(graph, by_kind["insert_after"])
    assert edits is not None
    apply_edits(graph, edits)
    dropped, _, _ = train_and_watch(dataclasses.replace(project, graph=graph))
    best_val = min(e.val_loss for e in result.train.history if e.val_loss is not None)
    best_dropped = min(e.val_loss for e in dropped.train.history if e.val_loss is not None)
    assert best_dropped < best_val

    # Early stopping: the run keeps its best weights, so it ends on a far better val loss.
    early = by_kind["set_setting"]
    training = dataclasses.replace(project.training, **{early.setting: early.value})
    stopped, _, found_after = train_and_watch(dataclasses.replace(project, training=training))
    assert stopped.train.status == "early_stopped"
    assert stopped.summary["val_loss"] < result.summary["val_loss"]
    assert "overfitting" not in {f.rule for f in found_after}


@pytest.mark.parametrize(
    ("name", "epochs"),
    [
        ("moons_mlp", 15),
        ("digits_mlp", 8),
        ("digits_cnn", 3),
        pytest.param("residual_mlp", None, marks=pytest.mark.slow),
        ("breast_cancer_classifier", None),
    ],
)
def test_bundled_examples_trained_give_no_findings(name: str, epochs: int | None) -> None:
    path = example(name)
    _, _, found = train_and_watch(load_project(path).project, base_dir=path.parent, epochs=epochs)
    assert [f.to_dict() for f in found] == []
