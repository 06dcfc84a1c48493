"""The training doctor: how long its checks take, and how good the range test's suggestion is.

Run: python tests/benchmarks/bench_doctor.py
Prints ``name: value`` lines:

- ``doctor_seconds_<example>``: one ``examine`` of moons_mlp, digits_mlp and digits_cnn, warm
  (goal: seconds on a 2-core CPU).
- ``lr_suggested_vs_grid_moons`` / ``lr_suggested_vs_grid_digits`` (digits_mlp): the LR range
  test's suggested rate over the best rate of a
  half-decade grid search (1e-4 ... 3e-1, the example's own epochs, lowest validation loss);
  goal within [1/3, 3]. The same comparison is the slow test
  tests/engine/doctor/test_examples_doctor.py::test_lr_range_suggestion_is_near_the_grid_best
  (moons, digits_mlp).

Measured on the shared 2-core machine (load average ~2.7): moons 0.86 s, digits MLP 0.80 s,
digits CNN 2.68 s; lr_suggested_vs_grid_moons 0.49 (suggested 1.5e-3, grid best 3e-3, whose
validation loss 0.018 is within 0.007 of 1e-3's and 1e-2's).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from netbuilder.engine.doctor.examine import examine  # noqa: E402
from netbuilder.io import load_project  # noqa: E402
from tests.engine.doctor.test_examples_doctor import grid_best_lr  # noqa: E402

EXAMPLES = ROOT / "resources" / "examples"


def main() -> None:
    for stem in ("moons_mlp", "digits_mlp", "digits_cnn"):
        path = EXAMPLES / f"{stem}.json"
        project = load_project(path).project
        examine(project, path.parent)  # warm: imports, dataset caches
        t0 = time.perf_counter()
        report = examine(project, path.parent)
        print(f"doctor_seconds_{stem}: {time.perf_counter() - t0:.2f}")
        if stem in ("moons_mlp", "digits_mlp"):
            suggested = report.lr_range.suggested
            best, _ = grid_best_lr(path)
            ratio = suggested / best if suggested is not None else float("nan")
            name = stem.split("_")[0]
            print(f"lr_suggested_vs_grid_{name}: {ratio:.2f} ({suggested:.2g} vs {best:g})")


if __name__ == "__main__":
    main()
