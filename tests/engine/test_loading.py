"""torch-free where the window needs it before its first paint; loading torch from threads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "digits_mlp.json"
CODE = f"""
import sys, threading
from pathlib import Path
from netbuilder.engine.data.datasets import dataset_info
from netbuilder.engine.network.shapes import check_graph
from netbuilder.engine.training.evaluation import HEADLINE, Evaluation
from netbuilder.io import load_project

example = Path({str(EXAMPLE)!r})
project = load_project(example).project
report = check_graph(project.graph, dataset_info(project.dataset))
assert report.ok, report
assert 'torch' not in sys.modules, 'the shape check imported torch'

from netbuilder.engine import loading

errors = []
def load():
    try:
        loading.load_torch_engine()
    except BaseException as exc:
        errors.append(exc)
threads = [threading.Thread(target=load) for _ in range(3)]
for t in threads:
    t.start()
load()
for t in threads:
    t.join()
assert not errors, errors
assert loading.torch_engine_loaded()
from netbuilder.engine.training.session import prepare
run = prepare(project, example.parent)
print('ok', run.trainer.total_steps > 0)
"""


def test_shape_check_needs_no_torch_and_threads_load_it_once() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, timeout=180, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["ok", "True"]
