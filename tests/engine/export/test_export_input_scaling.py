"""A several-input network with a standardised numeric input: the `.py` export scales that input
as training did (``standardize_input``), and its outputs on raw values equal the app's."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from netbuilder.engine.export import export
from netbuilder.engine.training.predict import Predictor
from netbuilder.engine.training.session import prepare
from netbuilder.io import LoadedProject
from netbuilder.io.project_file import load_project

EXAMPLE = (
    Path(__file__).resolve().parents[3] / "resources" / "examples" / "ratings_recommender.json"
)


def write_csv(path: Path, n: int = 600) -> None:
    rng = np.random.default_rng(0)
    users, items = rng.integers(0, 20, n), rng.integers(0, 15, n)
    age = rng.uniform(18, 80, n)
    rating = 2.5 + 0.02 * (age - 50) + 0.1 * (users % 3) + rng.normal(0, 0.1, n)
    lines = ["user_id,item_id,age,rating"]
    lines += [
        f"u{u},i{i},{a:.1f},{r:.2f}" for u, i, a, r in zip(users, items, age, rating, strict=True)
    ]
    path.write_text("\n".join(lines) + "\n")


def three_inputs(csv: Path):
    project = copy.deepcopy(load_project(EXAMPLE).project)
    project.dataset.name, project.dataset.path = "", str(csv)
    project.dataset.options = {
        "target": "rating",
        "ids": ["user_id", "item_id"],
        "inputs": {"user": ["user_id"], "item": ["item_id"], "extra": ["age"]},
    }
    graph = project.graph
    for nid, n in (("embedding_1", 21), ("embedding_2", 16)):
        graph.nodes[nid].params["num_embeddings"] = n
    extra = graph.add_node("Input", {"shape": (1,), "dtype": "float32", "data": "extra"}).id
    scale = graph.add_node("Linear", {"out_features": 1}).id
    add = graph.add_node("Add", {}).id
    (last,) = [e for e in graph.edges if e.dst == "output_1"]
    graph.disconnect(last)
    graph.connect(last.src, add, 0)
    graph.connect(extra, scale, 0)
    graph.connect(scale, add, 1)
    graph.connect(add, "output_1", 0)
    project.training.epochs = 2
    return project


@pytest.mark.slow  # trains, then a fresh interpreter: ~10 s
def test_a_standardised_numeric_input_is_scaled_by_the_python_export(tmp_path):
    csv = tmp_path / "ratings.csv"
    write_csv(csv)
    project = three_inputs(csv)
    run = prepare(project, threads=1)
    result = run.run()
    recipe = run.dataset.recipe
    assert recipe is not None
    extra = recipe.input("extra")
    assert extra.mean is not None and abs(extra.mean[0] - 49) < 5  # trained on scaled ages
    loaded = LoadedProject(project, weights=result.weights, recipe=recipe.to_dict())
    export(loaded, "python", tmp_path / "model.py", weights=True)
    source = (tmp_path / "model.py").read_text()
    assert "def standardize_input(" in source and '"extra": (' in source
    rows = [
        {"user": "u3", "item": "i7", "extra": [25.0]},
        {"user": "u1", "item": "i2", "extra": [70.0]},
    ]
    app = Predictor.from_project(loaded)
    expected = [app.predict(r).values[0][1] for r in rows]
    script = f"""
import json, sys
sys.path.insert(0, {str(tmp_path)!r})
import torch
from model import encode_ids, load, standardize_input
model = load({str(tmp_path / "model.safetensors")!r})
rows = json.loads(sys.argv[1])
names = model.forward.__code__.co_varnames[1:4]
out = []
for r in rows:
    args = {{
        "user": encode_ids([r["user"]], "user"),
        "item": encode_ids([r["item"]], "item"),
        "extra": standardize_input(torch.tensor([r["extra"]]), "extra"),
    }}
    with torch.no_grad():
        out.append(float(model(*[args[n] for n in names])[0, 0]))
print(json.dumps(out))
"""
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(rows)],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": ""},
    )
    got = json.loads(done.stdout)
    assert np.allclose(got, expected, atol=1e-5)
    assert abs(got[0] - got[1]) > 1e-3  # the age moved the prediction: it was not ignored
