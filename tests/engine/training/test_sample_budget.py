"""The sampling budget (engine.training.sample_budget) on a simulated clock: plain steps of 1 s,
samples of known cost, so that the share they take can be checked exactly."""

from __future__ import annotations

import itertools

import pytest

from netbuilder.engine.training import sample_budget
from netbuilder.engine.training.sample_budget import SampleBudget


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def simulate(
    budget: SampleBudget, steps: int, clock: Clock, extra: float, own: float, first: int = 1
) -> list[int]:
    """Plain steps take 1 s; a sampled one 1 + ``extra`` s, of which the sampler's own code
    ``own`` s. Returns the sampled steps."""
    sampled = []
    budget.begin(first)
    for step in range(first, first + steps):
        due = budget.due(step)
        clock.now += 1.0
        if due:
            clock.now += extra
            budget.sampled(step, own)
            sampled.append(step)
    return sampled


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(sample_budget.time, "thread_time", fake)
    return fake


@pytest.mark.parametrize(("whole", "cost"), [(True, 2.0), (False, 0.5)])
def test_a_measured_interval_keeps_sampling_within_its_share(
    clock: Clock, whole: bool, cost: float
) -> None:
    # whole: the sampled step's extra time counts (2 s), else only the sampler's own 0.5 s.
    budget = SampleBudget(None, share=0.01, first=10, whole=whole)
    steps = simulate(budget, 20_000, clock, extra=2.0, own=0.5)
    assert steps[:2] == [1, 11]  # the first is not measured; the second, 10 steps on, is
    assert budget.costs == pytest.approx([cost] * 3)
    assert budget.every == round(cost / 0.01)
    gaps = {b - a for a, b in itertools.pairwise(steps[2:])}
    assert gaps == {budget.every}  # regular once chosen
    # The ledger: the first two paid for, the share within 1% of the steps run.
    assert len(steps) * cost <= 0.01 * 20_000 + cost


def test_a_sample_that_becomes_dearer_widens_the_interval_at_once(clock: Clock) -> None:
    budget = SampleBudget(None, share=0.01, first=10, whole=True)
    simulate(budget, 3000, clock, extra=1.0, own=0.1)
    assert budget.every == 100
    steps = simulate(budget, 3000, clock, extra=4.0, own=0.1, first=3001)
    assert budget.every == 400 and len(steps) <= 3000 * 0.01 / 4 + 3


def test_work_charged_at_a_flush_counts_as_the_samples_cost(clock: Clock) -> None:
    budget = SampleBudget(None, share=0.01, first=10, whole=False)
    budget.begin(1)
    for step in range(1, 400):
        due = budget.due(step)
        clock.now += 1.0
        if due:
            budget.sampled(step, 0.25)
            budget.charge(0.25)  # e.g. unpacking it at the flush
    assert budget.costs[0] == pytest.approx(0.5) and budget.every == 50


def test_a_fixed_interval_keeps_its_steps_across_runs(clock: Clock) -> None:
    budget = SampleBudget(3, share=0.01, first=10, whole=True)
    assert simulate(budget, 7, clock, extra=5.0, own=5.0) == [1, 4, 7]
    assert simulate(budget, 5, clock, extra=5.0, own=5.0, first=9) == [10, 13]
    assert budget.every == 3


def test_a_measured_interval_continues_across_runs_and_restarts_after_an_earlier_checkpoint(
    clock: Clock,
) -> None:
    budget = SampleBudget(None, share=0.01, first=10, whole=True)
    first = simulate(budget, 100, clock, extra=1.0, own=0.1)
    assert first == [1, 11] and budget.next > 200  # the ledger: the next at about 300
    chunks = [simulate(budget, 20, clock, extra=1.0, own=0.1, first=f) for f in range(101, 400, 20)]
    later = [s for chunk in chunks for s in chunk]
    assert later == [300, 400]  # one run after another: one ledger (2 + 1 cost, at 1%)
    assert simulate(budget, 5, clock, extra=1.0, own=0.1, first=50) == [50]  # loaded: afresh
    assert budget.origin == 50 and budget.spent == 0.0


def test_a_clock_too_coarse_for_one_step_keeps_sampling(clock: Clock) -> None:
    # Windows' thread time ticks every 15.6 ms: a fast step measures 0 s. The budget must not
    # divide by ~0 and push the next sample out of reach (it once chose step 1.56e9).
    budget = SampleBudget(None, share=0.01, first=10, whole=True)
    sampled = []
    budget.begin(1)
    for step in range(1, 3001):
        if budget.due(step):
            sampled.append(step)
            budget.sampled(step, 0.0)  # no time passes at all on this clock
    gaps = [b - a for a, b in itertools.pairwise(sampled)]
    assert len(sampled) > 100 and max(gaps) <= 10


def test_a_very_dear_sample_is_still_taken_every_max_every_steps(clock: Clock) -> None:
    budget = SampleBudget(None, share=0.01, first=10, whole=True)
    steps = simulate(budget, 5000, clock, extra=50.0, own=50.0)  # 50 steps a sample
    gaps = {b - a for a, b in itertools.pairwise(steps[2:])}
    assert gaps == {sample_budget.MAX_EVERY}
