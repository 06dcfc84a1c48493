"""Each deliberately broken network's one-click fix helps: the finding's Fix, applied exactly as
the window applies it (``remedies.apply_finding``), gives the same run (seed, data, epochs) a
better best validation loss. (Overfitting's is in test_watch_runs.py.)"""

from __future__ import annotations

import math

import pytest

from netbuilder.engine.doctor.examine import examine
from netbuilder.engine.doctor.findings import Finding
from netbuilder.engine.doctor.reinit import reinit_layer
from netbuilder.engine.doctor.remedies import apply_finding
from netbuilder.engine.training.session import SessionResult
from netbuilder.model import NetbuilderError
from tests.engine.doctor.support import mlp_project, scaled_weights
from tests.engine.doctor.watch_support import dead_bias_weights, train_and_watch


def best_val(result: SessionResult) -> float:
    return min(e.val_loss for e in result.train.history if e.val_loss is not None)


def first(found: list[Finding] | tuple[Finding, ...], rule: str) -> Finding:
    return next(f for f in found if f.rule == rule)


def test_deep_sigmoid_swapped_for_relu_reaches_a_better_val_loss() -> None:
    # 20 epochs (220 steps): in 8 the fixed network has only begun to move (0.6931 -> 0.6890),
    # in 20 it has learned the moons while the sigmoid one has not moved (0.6931 -> 0.243).
    project = mlp_project([32] * 6, activation="Sigmoid", epochs=20, optimizer="sgd", lr=0.1)
    result, _, found = train_and_watch(project)
    vanishing = first(found, "vanishing_gradient")
    assert vanishing.node == "linear_1"
    # The watch swaps every Sigmoid after the layer: swapping only act_1 did not help.
    assert [r.node for r in vanishing.remedies] == [f"act_{k}" for k in range(1, 7)]
    fixed, _ = apply_finding(project, vanishing)
    assert fixed.graph.nodes_of_type("Sigmoid") == [] and project.graph.nodes_of_type("ReLU") == []
    after, _, found_after = train_and_watch(fixed)
    assert best_val(after) < 0.5 * best_val(result)  # measured 0.6931 -> 0.243
    assert "vanishing_gradient" not in {f.rule for f in found_after}


@pytest.mark.slow
def test_deep_sigmoid_pre_run_fix_helps_too() -> None:
    project = mlp_project([32] * 6, activation="Sigmoid", epochs=20, optimizer="sgd", lr=0.1)
    vanishing = first(examine(project).findings, "vanishing_gradient")
    fixed, _ = apply_finding(project, vanishing)
    before, _, _ = train_and_watch(project)
    after, _, _ = train_and_watch(fixed)
    assert best_val(after) < 0.5 * best_val(before)


def test_lr_10_sgd_at_the_suggested_rate_reaches_a_better_val_loss() -> None:
    project = mlp_project([32, 32], epochs=2, optimizer="sgd", lr=10.0)
    result, _, found = train_and_watch(project)
    diverging = first(found, "loss_diverging")
    fixed, _ = apply_finding(project, diverging)
    assert fixed.training.lr == pytest.approx(1.0)
    after, _, found_after = train_and_watch(fixed)
    assert best_val(after) < 0.5 * best_val(result)  # measured 0.98 -> 0.19
    assert "loss_diverging" not in {f.rule for f in found_after}


@pytest.mark.slow
def test_lr_10_sgd_at_the_range_tests_rate_reaches_a_better_val_loss() -> None:
    # The pre-run check's rate (the range test's suggestion): 0.98 -> 0.25.
    project = mlp_project([32, 32], epochs=2, optimizer="sgd", lr=10.0)
    result, _, _ = train_and_watch(project)
    pre = first(examine(project).findings, "overfit_diverged")
    fixed_pre, _ = apply_finding(project, pre)
    assert fixed_pre.training.lr < 1.0
    assert best_val(train_and_watch(fixed_pre)[0]) < 0.5 * best_val(result)


def test_dead_units_swapped_for_leaky_relu_reach_a_better_val_loss() -> None:
    # Measured on this run: LeakyReLU 0.693 -> 0.629; re-initialising linear_2 instead gave
    # 0.189 (a healthy start's value), but the watch cannot tell a bias from the starting
    # weights from units killed by the learning rate, and the swap helps in both cases.
    project = mlp_project([32, 32], epochs=2)
    weights = dead_bias_weights(project, "linear_2")
    result, _, found = train_and_watch(project, weights)
    dead = first(found, "dead_units")
    fixed, same_weights = apply_finding(project, dead, weights)
    assert fixed.graph.node(fixed.graph.successors("linear_2")[0]).type == "LeakyReLU"
    assert same_weights == weights  # a graph fix leaves the starting weights alone
    after, _, found_after = train_and_watch(fixed, weights)
    assert best_val(after) < best_val(result) - 0.03
    assert "dead_units" not in {f.rule for f in found_after}


@pytest.mark.slow  # 10 s on a loaded machine; the CLI test checks the remedy quickly
def test_wrong_scale_output_layer_reinitialised_reaches_a_better_val_loss() -> None:
    project = mlp_project([32, 32], dataset="digits", n_out=10, epochs=3)
    weights = scaled_weights(project, "linear_3", 50.0)
    finding = first(examine(project, weights=weights).findings, "loss_at_init")
    (remedy,) = finding.remedies
    assert (remedy.kind, remedy.node) == ("reinit_layer", "linear_3")
    fixed, new_weights = apply_finding(project, finding, weights)
    assert fixed is project and new_weights is not None and new_weights != weights
    assert examine(project, weights=new_weights).findings == ()
    before, _, _ = train_and_watch(project, weights)
    after, _, _ = train_and_watch(project, new_weights)
    assert best_val(after) < 0.5 * best_val(before)  # measured 0.33 -> 0.11


def test_reinit_layer_changes_only_that_layer() -> None:
    from safetensors.torch import load

    project = mlp_project([16, 16])
    weights = scaled_weights(project, "linear_3", 50.0)
    fresh = load(scaled_weights(project, "linear_3", 1.0))
    changed = load(reinit_layer(project, weights, "linear_3"))
    old = load(weights)
    for name, tensor in changed.items():
        expected = fresh[name] if name.startswith("linear_3.") else old[name]
        assert bool((tensor == expected).all()), name
    with pytest.raises(NetbuilderError, match="act_1 has no weights"):
        reinit_layer(project, weights, "act_1")
    assert math.isfinite(float(changed["linear_3.weight"].abs().max()))
