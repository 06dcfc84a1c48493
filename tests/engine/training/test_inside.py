"""Per-layer statistics sampled during training (engine.training.inside), on hand-made networks
whose answer is known."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from netbuilder.engine.training.inside import (
    AUTO_FIRST,
    HIST_BINS,
    InsideHistory,
    InsideSamples,
)
from netbuilder.engine.training.telemetry import Progress
from netbuilder.engine.training.trainer import Trainer
from netbuilder.model import TrainingSettings
from tests.engine.training.test_trainer import blobs


def mlp(act: nn.Module) -> nn.Sequential:
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(4, 8), act, nn.Linear(8, 3))


def run(
    net: nn.Module, steps: int, every: int = 1, **settings: object
) -> tuple[Trainer, InsideSamples]:
    s = TrainingSettings(device="cpu", batch_size=16, epochs=5, **settings).validate()  # type: ignore[arg-type]
    trainer = Trainer(net, blobs("classification"), s, threads=1, inside_every=every)
    reports: list[Progress] = []
    trainer.run(reports.append, max_steps=steps)
    samples = [p.inside for p in reports if p.inside is not None]
    assert samples
    history = InsideHistory()
    for sample in samples:
        history.add(sample)
    assert history.samples is not None
    return trainer, history.samples


def test_a_relu_after_a_very_negative_bias_is_all_dead_and_others_are_not_judged() -> None:
    net = mlp(nn.ReLU())
    with torch.no_grad():
        net[0].bias.fill_(-100.0)
    _trainer, inside = run(net, steps=2)
    assert inside.layers == ("0", "1", "2") and inside.nodes == ("0", "2")
    assert inside.dead[:, 1] == pytest.approx([1.0, 1.0])
    assert np.isnan(inside.dead[:, [0, 2]]).all() and np.isnan(inside.saturated).all()
    assert inside.act_mean[0, 1] == 0.0 and inside.act_std[0, 1] == 0.0


def test_a_healthy_relu_has_few_dead_units() -> None:
    _trainer, inside = run(mlp(nn.ReLU()), steps=1)
    assert inside.dead[0, 1] < 0.5


@pytest.mark.parametrize("act", [nn.Sigmoid(), nn.Tanh()])
def test_a_squashing_layer_fed_huge_inputs_is_saturated(act: nn.Module) -> None:
    net = mlp(act)
    with torch.no_grad():
        net[0].weight.mul_(1000.0)
    _trainer, inside = run(net, steps=1)
    assert inside.saturated[0, 1] > 0.95
    assert np.isnan(inside.dead).all()
    tame = mlp(type(act)())
    with torch.no_grad():
        tame[0].weight.mul_(0.01)
    _trainer, inside = run(tame, steps=1)
    assert inside.saturated[0, 1] == 0.0


def test_the_update_ratio_of_one_sgd_step_is_the_weight_change_over_the_weights() -> None:
    net = mlp(nn.ReLU())
    before = [p.detach().clone() for p in net.parameters()]
    _trainer, inside = run(net, steps=1, optimizer="sgd", lr=0.5)
    after = [p.detach() for p in net.parameters()]
    for col, (w, b) in enumerate([(0, 1), (2, 3)]):
        w_norm = torch.cat([before[w].flatten(), before[b].flatten()]).norm()
        delta = torch.cat([(after[w] - before[w]).flatten(), (after[b] - before[b]).flatten()])
        assert inside.weight_norm[0, col] == pytest.approx(float(w_norm), rel=1e-5)
        assert inside.update_ratio[0, col] == pytest.approx(float(delta.norm() / w_norm), rel=1e-4)
        assert inside.update_ratio[0, col] > 0


def test_histograms_count_every_value_within_the_stated_range() -> None:
    net = mlp(nn.ReLU())
    largest = max(float(p.detach().abs().max()) for p in net[0].parameters())
    trainer, inside = run(net, steps=1)
    sizes = [sum(p.numel() for p in net[i].parameters()) for i in (0, 2)]
    assert inside.weight_hist.shape == (1, 2, HIST_BINS)
    assert inside.weight_hist[0].sum(axis=1) == pytest.approx(sizes)
    assert inside.grad_hist[0].sum(axis=1) == pytest.approx(sizes)
    assert inside.weight_range[0, 0] == pytest.approx(largest, rel=1e-6)
    # Activations: every output value of the sampled batch, per layer.
    assert inside.act_hist[0].sum(axis=1) == pytest.approx([16 * 8, 16 * 8, 16 * 3])
    assert trainer.inside_history.samples is not None


def test_sampling_every_k_steps_runs_the_hooks_only_on_those_steps() -> None:
    trainer, inside = run(mlp(nn.ReLU()), steps=7, every=3)
    assert inside.every == 3
    assert inside.steps.tolist() == [1, 4, 7]
    sampler = trainer.telemetry.sampler
    assert sampler is not None and sampler.hook_calls == 3 * 3  # three layers, three samples
    assert not any(m._forward_hooks for m in trainer.module.modules())


def test_sampling_can_be_turned_off() -> None:
    s = TrainingSettings(device="cpu", batch_size=16, epochs=1).validate()
    trainer = Trainer(mlp(nn.ReLU()), blobs("classification"), s, threads=1, inside_every=0)
    reports: list[Progress] = []
    trainer.run(reports.append)
    assert trainer.telemetry.sampler is None and all(p.inside is None for p in reports)


def test_the_history_stays_bounded_and_spans_the_run() -> None:
    _trainer, one = run(mlp(nn.ReLU()), steps=1)
    history = InsideHistory(cap=8)
    for step in range(1, 41):
        sample = one.rows(slice(0, 1))
        sample.steps = np.array([step])
        history.add(sample)
    assert history.samples is not None
    kept = history.samples.steps.tolist()
    assert len(kept) <= 8 and kept[0] == 1 and kept[-1] >= 33
    assert kept == sorted(kept) and history.stride > 1


def test_by_default_the_sampling_interval_is_chosen_by_measurement() -> None:
    s = TrainingSettings(device="cpu", batch_size=8, epochs=5).validate()
    trainer = Trainer(mlp(nn.ReLU()), blobs("classification"), s, threads=1)
    reports: list[Progress] = []
    trainer.run(reports.append, max_steps=trainer.total_steps)
    sampler = trainer.telemetry.sampler
    assert sampler is not None and sampler.auto
    steps = np.concatenate([p.inside.steps for p in reports if p.inside is not None])
    gaps = np.diff(steps)
    # The first at step 1, the second AUTO_FIRST later (the first is not measured: set-up);
    # then never closer, and not before the budget (1%) paid for the first two and the third.
    assert steps[0] == 1 and (gaps >= AUTO_FIRST).all()
    costs = sampler.budget.costs
    assert len(steps) >= 2 and steps[1] == 1 + AUTO_FIRST and costs
    assert sampler.every >= max(AUTO_FIRST, costs[0] / 0.01 - 1)
    assert len(steps) == 2 or steps[2] >= 3 * costs[0] / 0.01


def test_rows_are_layer_paths_inside_block_uses() -> None:
    from netbuilder.engine.network.compile import compile_graph
    from netbuilder.engine.training.inside import LayerSampler
    from netbuilder.engine.training.telemetry import group_parameters
    from tests.engine.network.block_nets import nested_net

    torch.manual_seed(0)
    module = compile_graph(nested_net())
    nodes, params, index = group_parameters(module)
    sampler = LayerSampler(module, nodes, params, index, every=1)
    opt = torch.optim.SGD(params, lr=0.1)
    sampler.start()
    module(torch.randn(3, 3, 8, 8)).square().mean().backward()
    sampler.before_update()
    opt.step()
    sampler.after_update(1)
    inside = sampler.unpack(sampler.take().numpy().astype(np.float64))
    assert inside.nodes == nodes and "stage_1.res_block_1.c2" in nodes
    relus = [i for i, path in enumerate(inside.layers) if path == "stage_1.res_block_1.r1"]
    assert relus and 0.0 <= inside.dead[0, relus[0]] <= 1.0
    assert np.isfinite(inside.update_ratio).all() and (inside.update_ratio > 0).all()
    # Every layer that computes something is measured (the Input and Output nodes are not
    # modules that run: NaN, not measured).
    measured = [
        path for path, std in zip(inside.layers, inside.act_std[0], strict=True) if std >= 0
    ]
    assert measured == [path for path in inside.layers if path not in ("inp", "out")]
