"""``netbuilder check`` and ``train`` with block uses."""

from __future__ import annotations

import json

import safetensors.torch

from netbuilder.cli import main
from netbuilder.engine.network.compile import compile_graph
from netbuilder.io import load_project, save_project
from tests.engine.network.block_nets import digits_res_project


def test_check_prints_a_uses_block_shape_and_parameters(tmp_path, capsys):
    path = tmp_path / "blocks.nbproj"
    save_project(path, digits_res_project())
    assert main(["check", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    use = next(n for n in doc["nodes"] if n["id"] == "res_block_2")
    assert use["block"] == "ResBlock" and use["type"] == "ResBlock (block)"
    assert use["shape"] == "[N, 8, 8, 8]"
    assert use["params"] == (8 * 16 * 9 + 16) + (16 * 8 + 8)  # c2 (width 16) + c3 (1x1)
    assert main(["check", str(path)]) == 0
    table = capsys.readouterr().out
    assert "res_block_1  ResBlock (block)  [N, 8, 8, 8]" in table


def test_check_names_the_layer_inside_a_use(tmp_path, capsys):
    project = digits_res_project()
    project.graph.blocks["ResBlock"].body.set_params("c3", {"out_channels": 5})
    path = tmp_path / "broken.nbproj"
    save_project(path, project)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "res_block_1: inside ResBlock: add (Add): Add needs inputs of the same shape" in out


def test_train_a_project_with_blocks_and_its_weights_load_again(tmp_path, capsys):
    source, out = tmp_path / "blocks.nbproj", tmp_path / "trained.nbproj"
    save_project(source, digits_res_project(epochs=1))
    assert main(["train", str(source), "--json", "--out", str(out)]) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.strip()]
    summary = docs[-1]
    assert summary["event"] == "summary" and summary["steps"] > 0
    assert summary["train_loss"] == summary["train_loss"]  # finite, not NaN
    loaded = load_project(out)
    assert loaded.weights is not None
    weights = safetensors.torch.load(loaded.weights)
    assert "res_block_2.c2.weight" in weights
    module = compile_graph(loaded.project.graph)
    module.load_state_dict(weights, strict=True)
    assert tuple(module.get_parameter("res_block_2.c2.weight").shape) == (16, 8, 3, 3)
