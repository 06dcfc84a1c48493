"""The watch's rules on made-up numbers: each fires past its stated line, not before; the
recorder keeps gradient rows at their own steps and stays bounded."""

from __future__ import annotations

import numpy as np

from netbuilder.engine.doctor.watch import (
    OVERFIT_RISE,
    finding_from_dict,
    history_findings,
    loss_rules,
    watch,
)
from netbuilder.engine.doctor.watch_layers import (
    DEAD_SHARE,
    EXPLODING_GROWTH,
    SATURATED_SHARE,
    UPDATE_HIGH,
    VANISHING_RATIO,
    gradient_rules,
    inside_rules,
)
from netbuilder.engine.doctor.watch_record import RunRecord, RunRecorder
from netbuilder.engine.training.inside import HIST_BINS, InsideSamples
from netbuilder.engine.training.telemetry import EpochResult, Progress
from tests.engine.doctor.support import mlp_project


def _epochs(train: list[float], val: list[float]) -> list[dict[str, object]]:
    return [
        {"epoch": i + 1, "train_loss": t, "val_loss": v, "step": 10 * (i + 1)}
        for i, (t, v) in enumerate(zip(train, val, strict=True))
    ]


def _healthy() -> RunRecord:
    steps = np.arange(1, 201)
    losses = 0.7 * np.exp(-steps / 50) + 0.05 + 0.01 * np.sin(steps)
    train = [0.6, 0.4, 0.25, 0.15, 0.1, 0.08, 0.07, 0.06]
    val = [0.62, 0.42, 0.3, 0.2, 0.16, 0.15, 0.15, 0.16]
    norms = np.tile([0.2, 0.3, 0.1], (200, 1)) * np.linspace(1, 0.5, 200)[:, None]
    return RunRecord(
        epochs=_epochs(train, val),
        nodes=("linear_1", "linear_2", "linear_3"),
        loss_steps=steps,
        losses=losses,
        grad_steps=steps,
        grad_norms=norms,
        inside=_inside(m=10),
        settings={"lr": 0.01},
    )


def _inside(m: int, dead: float = 0.1, sat: float = 0.1, ratio: float = 1e-3) -> InsideSamples:
    p, n = 2, 3  # nodes linear_1, linear_2; layers linear_1, relu_1, sigmoid_1
    nan = np.full((m, 1), np.nan)
    return InsideSamples(
        every=10,
        steps=np.arange(1, 10 * m + 1, 10),
        nodes=("linear_1", "linear_2"),
        layers=("linear_1", "relu_1", "sigmoid_1"),
        weight_norm=np.ones((m, p)),
        update_ratio=np.full((m, p), ratio),
        act_mean=np.zeros((m, n)),
        act_std=np.ones((m, n)),
        dead=np.hstack([nan, np.full((m, 1), dead), nan]),
        saturated=np.hstack([nan, nan, np.full((m, 1), sat)]),
        weight_range=np.ones((m, p)),
        grad_range=np.ones((m, p)),
        act_range=np.ones((m, n)),
        weight_hist=np.zeros((m, p, HIST_BINS)),
        grad_hist=np.zeros((m, p, HIST_BINS)),
        act_hist=np.zeros((m, n, HIST_BINS)),
    )


def test_a_healthy_run_gives_no_findings() -> None:
    assert watch(_healthy()) == []


def test_overfitting_names_the_epoch_after_the_best() -> None:
    train = [1.0, 0.6, 0.4, 0.3, 0.2, 0.1, 0.05]
    val = [1.0, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2]  # best at epoch 2
    (f,) = loss_rules(RunRecord(epochs=_epochs(train, val), settings={"lr": 0.01}))
    assert f.rule == "overfitting" and f.seen["from_epoch"] == 3
    assert "from epoch 3 on" in f.meaning and f"{OVERFIT_RISE:.0%}" in f.meaning
    # Within the line in one of the last epochs: not a trend yet.
    val[-2] = 0.7 * (1 + OVERFIT_RISE) - 0.01
    assert loss_rules(RunRecord(epochs=_epochs(train, val))) == []


def test_overfitting_remedy_puts_dropout_before_the_last_layer() -> None:
    graph = mlp_project([16, 16]).graph
    nodes = ("linear_1", "linear_2", "linear_3")
    train = [1.0, 0.6, 0.4, 0.3, 0.2, 0.1]
    val = [1.0, 0.7, 0.9, 1.0, 1.1, 1.2]
    record = RunRecord(epochs=_epochs(train, val), nodes=nodes, settings={"early_stopping": 3})
    (f,) = loss_rules(record, graph)
    assert f.node == "act_2"
    assert [(r.kind, r.node, r.layer_type) for r in f.remedies] == [
        ("insert_after", "act_2", "Dropout")
    ]  # early stopping is on already: not offered


def test_oscillating_and_plateau() -> None:
    train = [1.0, 0.6, 0.9, 0.5, 0.8, 0.5, 0.9, 0.6]
    rules = [f.rule for f in loss_rules(RunRecord(epochs=_epochs(train, train)))]
    assert rules == ["loss_oscillating"]
    flat = [0.69, 0.68, 0.68, 0.68, 0.68, 0.68, 0.68]
    (f,) = loss_rules(RunRecord(epochs=_epochs(flat, flat)))
    assert f.rule == "loss_plateau"
    assert loss_rules(RunRecord(epochs=_epochs(flat[:5], flat[:5]))) == []


def test_divergence_from_per_step_losses_and_from_a_non_finite_stop() -> None:
    steps = np.arange(1, 101)
    losses = np.where(steps < 50, 0.7, 5.0)
    record = RunRecord(loss_steps=steps, losses=losses, settings={"lr": 1.0})
    (f,) = loss_rules(record)
    assert f.rule == "loss_diverging" and f.seen["since_step"] == 50
    assert f.remedies[0].value == 0.1
    (g,) = loss_rules(RunRecord(non_finite_step=7, non_finite_node="linear_2"))
    assert g.node == "linear_2" and "at step 7" in g.meaning


def test_vanishing_and_exploding_gradients_name_the_layer_and_the_step() -> None:
    record = _healthy()
    record.grad_norms[:, 0] = 0.5 * VANISHING_RATIO * record.grad_norms[:, 1]
    record.grad_norms[120:, 2] *= 2 * EXPLODING_GROWTH
    found = {f.rule: f for f in gradient_rules(record)}
    assert found["vanishing_gradient"].node == "linear_1"
    assert found["vanishing_gradient"].seen["since_step"] == 1
    assert found["exploding_gradient"].node == "linear_3"
    assert found["exploding_gradient"].seen["since_step"] == 121


def test_dead_saturated_and_update_ratio_lines() -> None:
    record = RunRecord(inside=_inside(10, dead=DEAD_SHARE + 0.1, sat=SATURATED_SHARE + 0.1))
    assert {(f.rule, f.node) for f in inside_rules(record)} == {
        ("dead_units", "relu_1"),
        ("saturated_activations", "sigmoid_1"),
    }
    record = RunRecord(inside=_inside(10, dead=DEAD_SHARE, sat=SATURATED_SHARE))
    assert inside_rules(record) == []
    record = RunRecord(inside=_inside(10, ratio=2 * UPDATE_HIGH), settings={"lr": 0.1})
    found = inside_rules(record)
    assert [(f.rule, f.node) for f in found] == [
        ("update_ratio_high", "linear_1"),
        ("update_ratio_high", "linear_2"),
    ]
    assert found[0].remedies[0].value == 0.1 * 1e-3 / (2 * UPDATE_HIGH)


def _progress(steps: np.ndarray, norms: np.ndarray, **extra: object) -> Progress:
    p = Progress(
        epoch=1,
        epochs=1,
        step=int(steps[-1]),
        total_steps=100,
        steps=steps,
        train_loss=np.ones(len(steps)),
        grad_norms=norms,
        nodes=("a", "b"),
        weight_norms={},
        lr=0.1,
        steps_per_s=1.0,
        epoch_result=EpochResult(1, 1.0, 1.0, {}, 0.1, int(steps[-1]), 0.1),
    )
    for k, v in extra.items():
        setattr(p, k, v)
    return p


def test_recorder_keeps_gradient_rows_at_their_steps_and_stays_bounded() -> None:
    rec = RunRecorder(cap=8)
    for start in range(1, 101, 10):
        steps = np.arange(start, start + 10)
        sampled = steps[steps % 5 == 1]  # norms measured every 5th step only
        rec(_progress(steps, np.ones((len(sampled), 2)), grad_steps=sampled))
    record = rec.finish()
    assert 8 <= len(record.losses) <= 16 and record.loss_steps[0] == 1
    assert len(set(np.diff(record.loss_steps))) == 1  # evenly spaced over the whole run
    assert record.grad_norms.shape[1] == 2 and set(record.grad_steps % 5) == {1}
    assert len(record.epochs) == 10


def test_history_findings_recompute_epoch_rules_and_keep_stored_ones() -> None:
    train = [1.0, 0.6, 0.4, 0.3, 0.2, 0.1]
    val = [1.0, 0.7, 0.9, 1.0, 1.1, 1.2]
    stored = watch(RunRecord(inside=_inside(10, dead=0.9)))
    history = {
        "runs": [
            {
                "epochs": _epochs(train, val),
                "settings": {"lr": 0.01},
                "summary": {"findings": [f.to_dict() for f in stored]},
            }
        ]
    }
    found = history_findings(history)
    assert [f.rule for f in found] == ["overfitting", "dead_units"]
    assert finding_from_dict(stored[0].to_dict()) == stored[0]
    assert history_findings({"runs": []}) == [] and history_findings([1, 2]) == []
