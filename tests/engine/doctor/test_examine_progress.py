"""``examine``'s progress hook: called before each check; what it raises ends the examination."""

from __future__ import annotations

import pytest
import torch

from netbuilder.engine.doctor.examine import examine
from tests.engine.doctor.support import mlp_project


def test_step_reports_rising_fractions() -> None:
    seen: list[float] = []
    examine(mlp_project([8]), step=seen.append)
    assert seen[0] == 0.0 and seen == sorted(seen) and len(seen) == 5


class Stop(Exception):
    pass


def test_an_exception_from_step_ends_it_and_restores_the_rng() -> None:
    state = torch.random.get_rng_state()

    def step(fraction: float) -> None:
        if fraction >= 0.3:
            raise Stop

    with pytest.raises(Stop):
        examine(mlp_project([8]), step=step)
    assert torch.equal(torch.random.get_rng_state(), state)
