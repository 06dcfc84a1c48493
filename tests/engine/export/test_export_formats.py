"""ONNX (run by onnxruntime) and torch.export archives give the app's outputs, on a batch size
other than the one used at export (the batch dimension is dynamic)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from netbuilder.engine.export import ExportError, export, prepare_model
from netbuilder.engine.network import builders
from tests.engine.export.test_export import (
    EXAMPLES,
    chain,
    every_layer,
    inputs_for,
    outputs,
    slow,
    trained,
)

ort = pytest.importorskip("onnxruntime")
pytest.importorskip("onnxscript")

BATCH = 7  # the exporters trace with 2


def _run_onnx(path: Path, module, inputs) -> list[np.ndarray]:
    # ONNX inputs go by the dataset inputs' names where Input nodes name them (several inputs,
    # issue 13), else by node id.
    names = getattr(module, "input_names", module.input_ids)
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    assert [i.name for i in session.get_inputs()] == names
    return session.run(None, {n: x.numpy() for n, x in zip(names, inputs, strict=True)})


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_onnx_runs_in_onnxruntime_with_the_apps_outputs(tmp_path, path):
    loaded, module = trained(path)
    target = tmp_path / "model.onnx"
    result = export(loaded, "onnx", target)
    assert result.notes == [] and target.is_file()
    x = inputs_for(module, BATCH)
    got = _run_onnx(target, module, x)
    session = ort.InferenceSession(str(target), providers=["CPUExecutionProvider"])
    assert [o.name for o in session.get_outputs()] == module.output_ids
    for g, want in zip(got, outputs(module, *x), strict=True):
        assert g.shape == tuple(want.shape)
        assert np.abs(g - want.numpy()).max() <= 1e-5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.onnx"]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_pt2_archive_loads_with_the_apps_outputs(tmp_path, path):
    loaded, module = trained(path)
    target = tmp_path / "model.pt2"
    export(loaded, "pt2", target)
    program = torch.export.load(str(target))
    assert set(program.state_dict) == set(module.state_dict())
    for batch in (1, BATCH):
        x = inputs_for(module, batch)
        with torch.no_grad():
            got = program.module()(*x)
        got = got if isinstance(got, tuple) else (got,)
        for g, want in zip(got, outputs(module, *x), strict=True):
            assert g.shape == want.shape
            assert (g - want).abs().max().item() <= 1e-5


def test_never_trained_onnx_says_so(tmp_path):
    result = export(chain([("Linear", {"out_features": 3})]), "onnx", tmp_path / "m.onnx")
    assert any("never trained" in n for n in result.notes)


def test_a_layer_the_exporter_cannot_express_is_named(tmp_path, monkeypatch):
    class DataDependent(nn.Module):
        def forward(self, x):
            if x.sum() > 0:  # control flow on values: torch.export cannot trace it
                return x * 2
            return x

    monkeypatch.setitem(builders.BUILDERS, "Tanh", lambda p, s, kw: DataDependent())
    project = chain([("Linear", {"out_features": 4}), ("Tanh", {}, "odd_one")])
    with pytest.raises(ExportError, match="odd_one") as info:
        export(project, "pt2", tmp_path / "m.pt2")
    assert info.value.node == "odd_one"
    assert "Tanh" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_missing_onnx_packages_are_named(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxscript", None)  # makes `import onnxscript` fail
    with pytest.raises(ExportError, match="pip install onnx onnxscript"):
        export(chain([("Linear", {"out_features": 3})]), "onnx", tmp_path / "m.onnx")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_save_leaves_no_partial_file(tmp_path, monkeypatch):
    def broken_save(program, f, **kwargs):
        Path(f).write_bytes(b"partial")
        raise RuntimeError("disk went away")

    monkeypatch.setattr(torch.export, "save", broken_save)
    with pytest.raises(RuntimeError, match="disk went away"):
        export(chain([("Linear", {"out_features": 3})]), "pt2", tmp_path / "m.pt2")
    assert list(tmp_path.iterdir()) == []


@slow
@pytest.mark.parametrize("fmt", ["onnx", "pt2"])
def test_every_layer_type_exports(tmp_path, fmt):
    project = every_layer()
    module = prepare_model(project).module
    target = tmp_path / f"m.{fmt}"
    export(project, fmt, target)
    x = inputs_for(module, BATCH)
    if fmt == "onnx":
        got = _run_onnx(target, module, x)
    else:
        with torch.no_grad():
            got = [g.numpy() for g in torch.export.load(str(target)).module()(*x)]
    for g, want in zip(got, outputs(module, *x), strict=True):
        assert np.abs(g - want.numpy()).max() <= 1e-5


def test_input_scaling_travels_with_onnx_and_pt2(tmp_path):
    import json

    import onnx

    loaded, _module = trained(next(p for p in EXAMPLES if p.stem == "moons_mlp"))
    export(loaded, "onnx", tmp_path / "m.onnx")
    props = {p.key: p.value for p in onnx.load(str(tmp_path / "m.onnx")).metadata_props}
    mean, std = json.loads(props["input_mean"]), json.loads(props["input_std"])
    assert len(mean) == len(std) == 2 and all(s > 0 for s in std)
    assert "(x - input_mean) / input_std" in props["input_scaling"]
    export(loaded, "pt2", tmp_path / "m.pt2")
    extra = {"input_scaling.json": ""}
    torch.export.load(str(tmp_path / "m.pt2"), extra_files=extra)
    assert json.loads(extra["input_scaling.json"])["input_mean"] == props["input_mean"]
