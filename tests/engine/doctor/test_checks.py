"""The doctor names the cause of deliberately broken networks on the right node."""

from __future__ import annotations

import math

import pytest
import torch

from netbuilder.engine.doctor.examine import examine
from netbuilder.engine.doctor.findings import Remedy
from netbuilder.engine.doctor.init_loss import INIT_LOSS_FACTOR
from netbuilder.engine.doctor.remedies import plan_remedy
from netbuilder.engine.training.checkpoint import weights_to_bytes
from netbuilder.model.block_edits import plan_make_block
from netbuilder.model.edits import apply_edits
from tests.engine.doctor.support import initial_module, mlp_project, scaled_weights


def rules(report):
    return {(f.rule, f.node) for f in report.findings}


def test_healthy_mlp_has_no_findings_and_expected_init_loss() -> None:
    report = examine(mlp_project([16, 16]))
    assert report.findings == ()
    assert report.loss_at_init.expected == pytest.approx(math.log(2), rel=1e-6)
    assert report.loss_at_init.seen < INIT_LOSS_FACTOR * math.log(2)


def test_deep_sigmoid_mlp_names_the_early_layers_as_vanishing() -> None:
    project = mlp_project([16] * 6, "Sigmoid", optimizer="sgd", lr=0.1)
    report = examine(project)
    vanishing = [f for f in report.findings if f.rule == "vanishing_gradient"]
    named = {f.node for f in vanishing}
    assert "linear_1" in named  # the first layer, furthest from the loss
    assert "linear_7" not in named  # the output layer gets the largest gradient
    first = next(f for f in vanishing if f.node == "linear_1")
    assert first.seen["share"] < 1e-3
    swaps = [r for r in first.remedies if r.kind == "swap_layer"]
    assert {r.node for r in swaps} == {f"act_{k}" for k in range(1, 7)}
    # The swap is a plan of model edits: applied to a copy, the activation is a ReLU.
    graph = project.graph.copy()
    edits = plan_remedy(graph, swaps[0])
    assert edits is not None
    apply_edits(graph, edits)
    assert "act_1" not in graph
    assert [n.type for n in graph if n.type in ("ReLU", "Sigmoid")].count("ReLU") == 1
    assert project.graph.node("act_1").type == "Sigmoid"  # planning changed nothing


def test_wrongly_scaled_output_layer_is_named_by_the_loss_at_init() -> None:
    project = mlp_project([32, 32], dataset="digits", n_out=10)
    report = examine(project, weights=scaled_weights(project, "linear_3", 50.0))
    assert report.loss_at_init.expected == pytest.approx(math.log(10), rel=1e-6)
    assert report.loss_at_init.seen > INIT_LOSS_FACTOR * math.log(10)
    assert ("loss_at_init", "linear_3") in rules(report)


def test_relu_layer_with_very_negative_bias_gets_no_gradient() -> None:
    project = mlp_project([16, 16])
    module = initial_module(project)
    with torch.no_grad():
        module.get_submodule("linear_1").bias.fill_(-10.0)  # every unit after it is dead
    report = examine(project, weights=weights_to_bytes(module))
    assert ("gradient_zero", "linear_1") in rules(report)
    assert ("overfit_failed", None) in rules(report)


def test_lr_10_with_sgd_fails_to_overfit_and_advises_the_range_tests_lr() -> None:
    project = mlp_project([32, 32], optimizer="sgd", lr=10.0)
    report = examine(project)
    found = [f for f in report.findings if f.rule in ("overfit_diverged", "overfit_failed")]
    assert len(found) == 1
    finding = found[0]
    assert finding.node is None
    assert "lower the learning rate" in finding.advice
    suggested = report.lr_range.suggested
    assert suggested is not None and suggested < 1.0
    (remedy,) = finding.remedies
    assert (remedy.kind, remedy.setting, remedy.value) == ("set_setting", "lr", suggested)


def test_checks_are_deterministic_and_leave_the_project_alone() -> None:
    project = mlp_project([16])
    before = project.graph.to_dict()
    first, second = examine(project), examine(project)
    assert first.to_dict() == second.to_dict()
    assert project.graph.to_dict() == before
    assert project.training.lr == 0.01


def test_a_layer_inside_a_block_use_is_named_by_its_path() -> None:
    project = mlp_project([16] * 6, "Sigmoid", optimizer="sgd", lr=0.1)
    edits, use = plan_make_block(project.graph, ["linear_1", "act_1", "linear_2", "act_2"], "stem")
    apply_edits(project.graph, edits)
    report = examine(project)
    named = {f.node for f in report.findings if f.rule == "vanishing_gradient"}
    assert f"{use}.linear_1" in named
    first = next(f for f in report.findings if f.node == f"{use}.linear_1")
    swaps = {r.node for r in first.remedies}
    assert f"{use}.act_1" in swaps and "act_3" in swaps
    # A layer inside a block use is not edited from the top graph (it would change every use).
    inner = next(r for r in first.remedies if r.node == f"{use}.act_1")
    assert plan_remedy(project.graph, inner) is None


def test_insert_batchnorm_remedy_is_a_plan_after_the_named_node() -> None:
    project = mlp_project([16])
    remedy = Remedy("insert_after", "Insert BatchNorm", node="linear_1", layer_type="BatchNorm1d")
    graph = project.graph.copy()
    edits = plan_remedy(graph, remedy)
    assert edits is not None
    apply_edits(graph, edits)
    (bn,) = [n.id for n in graph if n.type == "BatchNorm1d"]
    assert graph.predecessors(bn) == ["linear_1"] and graph.successors(bn) == ["act_1"]
