"""The bundled examples are healthy: the doctor finds nothing in any of them. The LR range
test's suggestion on moons and the digits MLP is within a factor of 3 of a grid search's best
rate."""

from __future__ import annotations

import math

import pytest

from netbuilder.engine.doctor.examine import examine
from netbuilder.engine.training.session import prepare
from netbuilder.io import load_project
from tests.examples_support import example, example_params

#: In the default suite (moons runs there through tests/cli/test_doctor_cli.py); the rest are
#: slow: 0.3-5 s each on a loaded 2-core machine.
QUICK = {"first_network"}


def _params() -> list:  # type: ignore[type-arg]
    out = []
    for param in example_params():
        path = param.values[0]
        marks = list(param.marks) + ([] if path.stem in QUICK else [pytest.mark.slow])
        out.append(pytest.param(path, id=param.id, marks=marks))
    return out


@pytest.mark.parametrize("path", _params())
def test_example_has_no_findings(path) -> None:
    loaded = load_project(path)
    report = examine(loaded.project, path.parent)
    assert [f.to_dict() for f in report.findings] == []
    assert math.isfinite(report.loss_at_init.seen)
    assert len(report.lr_range.lrs) == len(report.lr_range.losses) > 10


#: The grid: half-decades around the usual rates (the suggestion must land within 3x).
GRID = (1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1)


def grid_best_lr(path) -> tuple[float, dict[float, float]]:  # type: ignore[no-untyped-def]
    """The grid's rate with the lowest validation loss after the example's own epochs."""
    project = load_project(path).project
    val = {}
    for lr in GRID:
        result = prepare(project, path.parent, lr=lr, telemetry=False, threads=1).run()
        loss = result.summary["val_loss"]
        val[lr] = math.inf if loss is None else float(loss)
    return min(val, key=val.__getitem__), val


@pytest.mark.slow
@pytest.mark.parametrize("name", ["moons_mlp", "digits_mlp"])
def test_lr_range_suggestion_is_near_the_grid_best(name: str) -> None:
    path = example(name)
    suggested = examine(load_project(path).project, path.parent).lr_range.suggested
    best, val = grid_best_lr(path)
    assert suggested is not None
    ratio = suggested / best
    assert 1 / 3 <= ratio <= 3, (suggested, best, val)
