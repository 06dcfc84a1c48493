"""``netbuilder export FILE --format ... -o PATH``: exit codes and messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import safetensors.torch

from netbuilder.cli import main

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "examples").glob("*.json"))
FIRST = next(p for p in EXAMPLES if p.stem == "first_network")


def test_python_export_writes_a_module(tmp_path, capsys):
    out = tmp_path / "net.py"
    assert main(["export", str(FIRST), "--format", "python", "-o", str(out)]) == 0
    assert "class TheClassicFirstNetwork(nn.Module):" in out.read_text()
    assert str(out) in capsys.readouterr().out


def test_python_export_with_weights_writes_them_beside(tmp_path, capsys):
    out = tmp_path / "net.py"
    code = main(["export", str(FIRST), "--format", "python", "-o", str(out), "--with-weights"])
    assert code == 0
    beside = tmp_path / "net.safetensors"
    assert set(safetensors.torch.load_file(beside)) == {"linear_1.weight", "linear_1.bias"}
    assert 'load("net.safetensors")' in out.read_text()
    assert str(beside) in capsys.readouterr().out
    onnx = ["export", str(FIRST), "-f", "onnx", "-o", str(tmp_path / "m.onnx"), "--with-weights"]
    assert main(onnx) == 1
    assert "--with-weights is for --format python" in capsys.readouterr().err


def test_safetensors_of_a_never_trained_project_says_so(tmp_path, capsys):
    out = tmp_path / "w.safetensors"
    assert main(["export", str(FIRST), "--format", "safetensors", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "project was never trained; exporting its seeded initial weights" in printed
    assert set(safetensors.torch.load_file(out)) == {"linear_1.weight", "linear_1.bias"}


def test_torchrun_export_and_class_name(tmp_path):
    out = tmp_path / "run"
    code = main(["export", str(FIRST), "-f", "torchrun", "-o", str(out), "--class-name", "Tiny"])
    assert code == 0
    assert "class Tiny(nn.Module):" in (out / "train.py").read_text()
    assert (out / "data.npz").is_file()


def test_invalid_graph_exits_1_naming_the_node(tmp_path, capsys):
    doc = json.loads(FIRST.read_text())
    for node in doc["graph"]["nodes"]:
        if node["id"] == "input_1":  # 3 features in, but the inline data has 2
            node["params"]["shape"] = [3]
    doc["dataset"] = None
    linear = next(n for n in doc["graph"]["nodes"] if n["id"] == "linear_1")
    linear["type"] = "Conv2d"  # Conv2d cannot take [N, 3]
    linear["params"] = {"out_channels": 2, "kernel_size": 1}
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(doc))
    out = tmp_path / "net.py"
    assert main(["export", str(broken), "--format", "python", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "linear_1" in err and "broken.json" in err
    assert not out.exists()


def test_unwritable_output_exits_1(tmp_path, capsys):
    out = tmp_path / "no" / "such" / "net.onnx"
    assert main(["export", str(FIRST), "--format", "onnx", "-o", str(out)]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_unreadable_file_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json")
    assert main(["export", str(bad), "--format", "python", "-o", str(tmp_path / "x.py")]) == 2
    assert "bad.json" in capsys.readouterr().err
    missing = tmp_path / "missing.nbproj"
    assert main(["export", str(missing), "-f", "pt2", "-o", str(tmp_path / "x.pt2")]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_unknown_format_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as info:
        main(["export", str(FIRST), "--format", "tflite", "-o", str(tmp_path / "x")])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
