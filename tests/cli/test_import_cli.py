"""``netbuilder import``: exit codes 0/1/2, --weights, --json, and the project passes check."""

from __future__ import annotations

import json
from pathlib import Path

from netbuilder.cli import main
from netbuilder.io import load_project

MODELS = Path(__file__).parents[1] / "fixtures" / "models"


def test_import_with_weights_then_check_passes(tmp_path, capsys):
    out = tmp_path / "resnet.nbproj"
    source = f"{MODELS / 'resnet.py'}:resnet_tiny"
    args = ["import", source, "-o", str(out), "--input-shape", "3,16,16", "--weights"]
    assert main([*args, "--kwargs", '{"num_classes": 4}']) == 0
    said = capsys.readouterr().out
    assert said.startswith("imported resnet_tiny: 36 layers -> ") and "weights" in said
    loaded = load_project(out)
    assert loaded.weights is not None and loaded.project.name == "resnet_tiny"
    assert "resnet.py:resnet_tiny" in loaded.project.notes
    assert main(["check", str(out)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("resnet.nbproj: valid")


def test_json_summary_and_a_bare_json_project_without_weights(tmp_path, capsys):
    out = tmp_path / "mlp.json"
    source = f"{MODELS / 'mlp_skip.py'}:SkipMLP"
    assert main(["import", source, "-o", str(out), "--input-shape", "6", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["event"] == "imported" and doc["layers"] == 9 and doc["weights"] is False
    assert doc["max_difference"] <= 1e-5 and doc["file"] == str(out)
    assert load_project(out).weights is None


def test_a_model_that_cannot_be_mapped_exits_1_with_the_report_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "odd.nbproj"
    source = f"{MODELS / 'unsupported.py'}:Odd"
    assert main(["import", source, "-o", str(out), "--input-shape", "4"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("netbuilder import: Odd cannot be imported: 3 operations")
    assert "unsupported.py:14" in err[1] and "torch.sin" in err[1]
    assert not out.exists()
    assert main(["import", source, "-o", str(out), "--input-shape", "4", "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["exit_code"] == 1 and len(doc["problems"]) == 3


def test_unreadable_source_or_bad_arguments_exit_2(tmp_path, capsys):
    out = str(tmp_path / "x.nbproj")
    bare = str(tmp_path / "x.json")
    vgg = f"{MODELS / 'vgg.py'}:SmallVGG"
    cases = [
        (["import", f"{tmp_path / 'nope.py'}:Net", "-o", out, "--input-shape", "3"], "no such"),
        (["import", vgg, "-o", out, "--input-shape", "3,x"], "--input-shape"),
        (["import", vgg, "-o", out, "--input-shape", "3,8,8", "--kwargs", "[1]"], "JSON object"),
        (
            ["import", vgg, "-o", bare, "--input-shape", "3,8,8", "--weights"],
            "nbproj",
        ),
        (["import", "vgg.py", "-o", out, "--input-shape", "3"], "FILE.py:Name"),
    ]
    for argv, words in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert words in err and len(err.strip().splitlines()) == 1, err


def test_flat_keeps_one_node_per_layer(tmp_path, capsys):
    source = f"{MODELS / 'resnet.py'}:resnet_tiny"
    args = ["import", source, "--input-shape", "3,16,16", "--json", "-o"]
    assert main([*args, str(tmp_path / "blocks.json")]) == 0
    assert json.loads(capsys.readouterr().out)["blocks"] == 2
    assert main([*args, str(tmp_path / "flat.json"), "--flat"]) == 0
    assert json.loads(capsys.readouterr().out)["blocks"] == 0
    flat = load_project(tmp_path / "flat.json").project.graph
    assert "layer1_0_conv1" in flat.nodes and not any(n.type == "Block" for n in flat)
    blocks = load_project(tmp_path / "blocks.json").project.graph
    assert blocks.node("layer1_0").type == "Block" and len(blocks) < len(flat)
