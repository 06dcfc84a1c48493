"""A network with three inputs (user id, item id, review tokens) trains two epochs and exports
to every format; ONNX (onnxruntime), .pt2 and the .py file (in a fresh interpreter) give the
app's predictions, and the .py file's ``encode`` / ``encode_ids`` make the training inputs."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import numpy as np
import pytest
import torch
from safetensors.numpy import load_file

from netbuilder.engine.export import ExportError, export
from netbuilder.engine.network.compile import input_names
from netbuilder.engine.training.session import network_inputs, prepare
from netbuilder.io.project_file import LoadedProject
from tests.engine.export.test_export import assert_ruff_clean
from tests.engine.multi_input import (
    MAX_LENGTH,
    TEXT_OPTIONS,
    VOCAB,
    three_input_dataset,
    three_input_project,
    use_dataset,
)

NAMES = ["item", "user", "review"]  # forward's order: the Input nodes' topological order


@pytest.fixture(scope="module")
def trained_run():
    """(loaded project with trained weights, prepared run, the test split's network inputs)."""
    mp = pytest.MonkeyPatch()
    dataset = three_input_dataset()
    use_dataset(mp, dataset)
    project = three_input_project(epochs=2)
    run = prepare(project, threads=1)
    result = run.run()
    assert result.train.epochs_completed == 2
    x = network_inputs(dataset.x_test, dataset.info, run.input_data)
    yield LoadedProject(project, weights=result.weights), run, x
    mp.undo()


@pytest.fixture(autouse=True)
def _same_data(monkeypatch):
    use_dataset(monkeypatch, three_input_dataset())


def _app(run, x) -> np.ndarray:
    run.module.eval()
    with torch.no_grad():
        return run.module(*[torch.as_tensor(a) for a in x]).numpy()


def test_training_feeds_each_input_node_its_dataset_input(trained_run):
    _, run, x = trained_run
    assert run.module.input_ids == ["items", "users", "review_in"]
    assert run.module.input_names == NAMES
    assert [a.shape[1] for a in x] == [1, 1, MAX_LENGTH]
    # the item Embedding has 8 rows: fed the user ids (up to 10) it would fail
    assert int(x[0].max()) <= 7 < int(x[1].max())
    summary = run.evaluate_split("test").summary
    assert summary is not None and np.isfinite(summary["test_loss"])


@pytest.mark.slow  # the dynamo ONNX exporter: ~5 s
def test_onnx_has_named_inputs_and_the_apps_outputs(tmp_path, trained_run):
    ort = pytest.importorskip("onnxruntime")
    pytest.importorskip("onnxscript")
    loaded, run, x = trained_run
    export(loaded, "onnx", tmp_path / "m.onnx")
    session = ort.InferenceSession(str(tmp_path / "m.onnx"), providers=["CPUExecutionProvider"])
    assert [i.name for i in session.get_inputs()] == NAMES
    (got,) = session.run(None, dict(zip(NAMES, x, strict=True)))
    assert np.abs(got - _app(run, x)).max() <= 1e-5


def test_pt2_takes_several_inputs_on_any_batch(tmp_path, trained_run):
    loaded, run, x = trained_run
    export(loaded, "pt2", tmp_path / "m.pt2")
    program = torch.export.load(str(tmp_path / "m.pt2")).module()
    for rows in (len(x[0]), 3):
        part = [a[:rows] for a in x]
        with torch.no_grad():
            got = program(*[torch.as_tensor(a) for a in part]).numpy()
        assert np.abs(got - _app(run, part)).max() <= 1e-5


def test_safetensors_and_torchrun_carry_every_input(tmp_path, trained_run):
    loaded, run, x = trained_run
    export(loaded, "safetensors", tmp_path / "w.safetensors")
    assert set(load_file(tmp_path / "w.safetensors")) == set(run.module.state_dict())
    export(loaded, "torchrun", tmp_path / "run")
    with np.load(tmp_path / "run" / "data.npz", allow_pickle=False) as data:
        for name, array in zip(NAMES, x, strict=True):
            np.testing.assert_array_equal(data[f"x_{name}_test"], array)
        assert "x_test" not in data.files
    script = (tmp_path / "run" / "train.py").read_text()
    assert 'INPUTS = ["x_item", "x_user", "x_review"]' in script
    assert_ruff_clean(tmp_path / "run" / "train.py")


_CHILD = """
import importlib.util, json, sys
import numpy as np, torch
spec = importlib.util.spec_from_file_location("exported", sys.argv[1])
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
model = mod.load(sys.argv[2])
with np.load(sys.argv[3]) as data:
    x = [torch.from_numpy(data[f"x{i}"]) for i in range(3)]
with torch.no_grad():
    np.save(sys.argv[4], model(*x).numpy())
texts = json.loads(sys.argv[5])
print(json.dumps({
    "encode": mod.encode(texts).tolist(),
    "ids": mod.encode_ids(["u3", "u0"], "user").tolist(),
    "forward": list(mod.RatingsThreeInputs.forward.__code__.co_varnames[1:4]),
}))
try:
    mod.encode_ids(["u99"], "user")
except ValueError as exc:
    print(exc)
"""


def _reference_tokens(text: str) -> list[int]:
    """Spec 3 of issue 13, written out: the tokens training makes of ``text``."""
    index = {t: i for i, t in enumerate(VOCAB)}
    tokens = re.findall(r"\w+|[^\w\s]", text.lower() if TEXT_OPTIONS["lower"] else text)
    row = [index.get(t, 1) for t in tokens][:MAX_LENGTH]
    return row + [0] * (MAX_LENGTH - len(row))


def test_python_export_runs_alone_with_the_apps_outputs_and_encoders(tmp_path, trained_run):
    loaded, run, x = trained_run
    result = export(loaded, "python", tmp_path / "ratings.py", weights=True)
    source = (tmp_path / "ratings.py").read_text()
    assert "def forward(\n        self, item: torch.Tensor, user: torch.Tensor, review:" in source
    assert "def encode(" in source and "def encode_ids(" in source
    assert "Input:  user [N, 1] int64 id indices (0: an id never seen in training)" in source
    assert "Input:  review [N, 6] int64 token indices" in source
    usage = '    encode_ids(["i0"], "item"),\n            encode_ids(["u0"], "user"),\n'
    assert usage in source and 'encode(["a sentence to score"], "review"),' in source
    assert_ruff_clean(tmp_path / "ratings.py")
    np.savez(tmp_path / "x.npz", **{f"x{i}": a for i, a in enumerate(x)})
    texts = ["Good plot, NOT great!", "", "music music music music music music music", "zzz"]
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            _CHILD,
            str(tmp_path / "ratings.py"),
            str(result.files[1]),
            str(tmp_path / "x.npz"),
            str(tmp_path / "y.npy"),
            json.dumps(texts),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    first, refusal = out.stdout.strip().splitlines()
    answers = json.loads(first)
    assert np.abs(np.load(tmp_path / "y.npy") - _app(run, x)).max() <= 1e-5
    assert answers["encode"] == [_reference_tokens(t) for t in texts]
    assert answers["encode"][0][:3] == [VOCAB.index("good"), VOCAB.index("plot"), 1]
    assert answers["ids"] == [[4], [1]]  # u3 is the 4th id seen in training; 0 = never seen
    assert answers["forward"] == NAMES
    assert refusal == "input 'user': id 'u99' was never seen in training"


def test_large_vocabularies_go_to_a_json_file_beside_the_export(tmp_path, trained_run, monkeypatch):
    from netbuilder.engine.export import encoders

    monkeypatch.setattr(encoders, "EMBED_LIMIT", 5)
    monkeypatch.setattr("netbuilder.engine.export.codegen.EMBED_LIMIT", 5)
    loaded, _, _ = trained_run
    result = export(loaded, "python", tmp_path / "big.py")
    vocab = tmp_path / "big.vocab.json"
    assert result.files == [tmp_path / "big.py", vocab]
    assert json.loads(vocab.read_text())["review"] == list(VOCAB)
    assert '"good"' not in (tmp_path / "big.py").read_text()
    assert_ruff_clean(tmp_path / "big.py")


def test_a_training_script_still_needs_one_output(tmp_path, trained_run):
    loaded, _, _ = trained_run
    graph = loaded.project.graph
    graph.add_node("Output", node_id="second_out")
    graph.connect("joined", "second_out")
    try:
        with pytest.raises(ExportError, match="exactly one Output node; this graph has 2"):
            export(loaded, "torchrun", tmp_path / "run")
    finally:
        graph.remove_node("second_out")


def test_exported_names_fall_back_to_node_ids():
    """A data name taken twice, or that is another Input's id, is not an input's name."""
    assert input_names(["a", "b", "c"], ["user", "user", ""]) == ["user", "b", "c"]
    assert input_names(["a", "b"], ["b", "x"]) == ["a", "x"]


@pytest.mark.slow  # two torchrun processes: ~15 s
def test_torchrun_script_trains_a_three_input_network(tmp_path, trained_run):
    from tests.engine.export.test_export_torchrun import _torchrun

    loaded, run, _ = trained_run
    export(loaded, "torchrun", tmp_path / "run")
    proc = _torchrun(tmp_path / "run" / "train.py", "--epochs", "2")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    logged = re.findall(r"^epoch \d/2 train_loss (\S+)", proc.stdout, re.MULTILINE)
    losses = [float(v) for v in logged]
    assert len(losses) == 2 and losses[1] < losses[0]
    weights = load_file(tmp_path / "run" / "weights.safetensors")
    assert set(weights) == set(run.module.state_dict())
