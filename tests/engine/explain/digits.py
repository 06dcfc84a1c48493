"""The digits CNN example trained briefly, once per test session (the engine and widget tests
of saliency explain the same network)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from torch import nn

from tests.examples_support import example

EPOCHS = 5  # ~1.5 s here; test accuracy ~0.9, enough for attributions that mean something


@dataclass(frozen=True)
class TrainedDigits:
    module: nn.Module
    x_test: np.ndarray  # [n, 1, 8, 8], standardised
    y_test: np.ndarray
    class_names: list[str]


@cache
def trained_digits_cnn() -> TrainedDigits:
    from netbuilder.engine.training.session import prepare
    from netbuilder.io import load_project

    run = prepare(load_project(example("digits_cnn")), epochs=EPOCHS, threads=1)
    run.run()
    x, y = run.dataset.split("test")
    return TrainedDigits(
        run.module, np.asarray(x), np.asarray(y), list(run.dataset.info.class_names)
    )
