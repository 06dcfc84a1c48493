"""Exporting projects with block uses: a class per block in the .py export, and the
ONNX / pt2 / safetensors / torchrun exports through the compiled module."""

from __future__ import annotations

import numpy as np
import pytest
import safetensors.torch
import torch

from netbuilder.engine.export import export, prepare_model, python_source
from netbuilder.model import Project
from netbuilder.model.block_edits import plan_repeat
from netbuilder.model.edits import apply_edits
from tests.engine.export.test_export import assert_ruff_clean, load_source, slow
from tests.engine.export.test_export_torchrun import _torchrun
from tests.engine.network.block_nets import (
    basic_net,
    digits_res_project,
    nested_net,
    res_net,
)


def _random_weights(module: torch.nn.Module, seed: int = 3) -> dict[str, torch.Tensor]:
    gen = torch.Generator().manual_seed(seed)
    return {k: torch.randn(v.shape, generator=gen) for k, v in module.state_dict().items()}


def _round_trip(project: Project, tmp_path) -> str:
    """The .py export's output equals the compiled project's (random weights); its source."""
    model = prepare_model(project, with_weights=False)
    source = python_source(model, "Net")
    path = tmp_path / "net.py"
    path.write_text(source)
    assert_ruff_clean(path)
    net = load_source(source, "Net")()
    assert sorted(net.state_dict()) == sorted(model.module.state_dict())
    weights = _random_weights(model.module)
    weights = {k: v.abs() + 0.5 if "running_var" in k else v for k, v in weights.items()}
    model.module.load_state_dict(weights)
    net.load_state_dict(weights, strict=True)
    x = torch.randn(5, *model.module.input_shapes[0])
    with torch.no_grad():
        assert (net.eval()(x) - model.module.eval()(x)).abs().max().item() <= 1e-6
    return source


def test_a_block_with_an_argument_exports_as_one_class_used_twice(tmp_path):
    source = _round_trip(Project(graph=res_net(width_arg=True), name="res"), tmp_path)
    assert source.count("class ResBlock(nn.Module):") == 1
    assert "    def __init__(self, width: int = 8) -> None:" in source
    assert "self.c2 = nn.Conv2d(8, width, 3, padding=1)" in source
    assert "self.c3 = nn.Conv2d(width, 8, 1)" in source  # follows the argument
    assert "self.res_block_1 = ResBlock(width=4)" in source
    assert "self.res_block_2 = ResBlock(width=16)" in source


def test_a_block_without_arguments_and_input_sizes_that_differ(tmp_path):
    source = _round_trip(Project(graph=res_net(), name="plain"), tmp_path)
    assert "    def __init__(self) -> None:" in source
    assert source.count("= ResBlock()") == 2
    source = _round_trip(Project(graph=basic_net(), name="basic"), tmp_path)
    assert "def __init__(self, in_channels: int, planes: int = 8) -> None:" in source
    assert "self.conv = nn.Conv2d(in_channels, planes, 3, padding=1)" in source
    assert "self.bn = nn.BatchNorm2d(planes)" in source
    assert "self.basic_2 = Basic(in_channels=8, planes=16)" in source


def test_nested_blocks_export_innermost_first(tmp_path):
    source = _round_trip(Project(graph=nested_net(), name="nested"), tmp_path)
    assert (
        source.index("class ResBlock(") < source.index("class Stage(") < source.index("class Net(")
    )
    assert "self.res_block_2 = ResBlock(width=16)" in source
    assert "self.stage_1 = Stage()" in source


def test_eight_uses_export_as_one_class_used_eight_times(tmp_path):
    g = res_net()
    plan, _ = plan_repeat(g, "res_block_2", 6)
    apply_edits(g, plan)
    source = python_source(prepare_model(Project(graph=g), with_weights=False), "Net")
    assert source.count("= ResBlock()") == 8
    assert source.count("nn.Conv2d(") == 2  # c1 and ResBlock's c2, not 9 flat convolutions


@pytest.mark.parametrize("fmt", ["onnx", "pt2", "safetensors"])
def test_binary_formats_of_a_nested_block_project(tmp_path, fmt):
    if fmt == "onnx":
        ort = pytest.importorskip("onnxruntime")
        pytest.importorskip("onnxscript")
    project = Project(graph=nested_net(), name="nested")
    module = prepare_model(project).module
    target = tmp_path / f"m.{fmt}"
    export(project, fmt, target)
    x = torch.randn(3, 3, 8, 8)
    with torch.no_grad():
        want = module(x)
    if fmt == "safetensors":
        weights = safetensors.torch.load_file(target)
        assert set(weights) == set(module.state_dict())
        assert "stage_1.res_block_2.c3.weight" in weights
        return
    if fmt == "onnx":
        session = ort.InferenceSession(str(target), providers=["CPUExecutionProvider"])
        got = torch.from_numpy(session.run(None, {"inp": x.numpy()})[0])
    else:
        program = torch.export.load(str(target))
        assert set(program.state_dict) == set(module.state_dict())
        with torch.no_grad():
            got = program.module()(x)
    assert np.abs((got - want).numpy()).max() <= 1e-5


def test_the_torchrun_script_holds_the_block_class(tmp_path):
    folder = tmp_path / "run"
    export(digits_res_project(), "torchrun", folder)
    script = (folder / "train.py").read_text()
    assert script.count("class ResBlock(nn.Module):") == 1
    assert "ResBlock(width=4)" in script and "ResBlock(width=16)" in script
    assert_ruff_clean(folder / "train.py")


@slow
def test_the_torchrun_script_trains_a_block_project(tmp_path):
    folder = tmp_path / "run"
    export(digits_res_project(), "torchrun", folder)
    proc = _torchrun(folder / "train.py", "--epochs", "1")
    assert proc.returncode == 0, proc.stderr[-3000:]
    weights = safetensors.torch.load_file(folder / "weights.safetensors")
    module = prepare_model(digits_res_project(), with_weights=False).module
    module.load_state_dict(weights, strict=True)
