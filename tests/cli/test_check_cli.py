import json
import subprocess
import sys
from pathlib import Path

import pytest

from netbuilder.cli import main
from tests.examples_support import EXAMPLES, example_params


def test_every_bundled_example_is_there():
    """None goes missing (a subset: examples that other work adds keep this test true)."""
    expected = {
        "breast_cancer_classifier",
        "diabetes_regression",
        "digits_cnn",
        "digits_mlp",
        "first_network",
        "moons_mlp",
        "ratings_recommender",
        "residual_mlp",
        "reviews_bag_of_words",
        "reviews_text",
        "shapes_cnn",
    }
    assert expected <= {p.stem for p in EXAMPLES}


@pytest.mark.parametrize("path", example_params())
def test_check_passes_on_every_example_and_prints_shapes(path, capsys):
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "valid" in out and "[N, " in out and "total parameters:" in out


def test_check_json_reports_each_node(capsys):
    path = next(p for p in EXAMPLES if p.stem == "digits_mlp")
    assert main(["check", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["valid"] is True
    shapes = {n["id"]: n["shape"] for n in doc["nodes"]}
    assert shapes["input_1"] == "[N, 64]" and shapes["output_1"] == "[N, 10]"
    # 64*128+128 + 128*64+64 + 64*10+10
    assert doc["total_params"] == 17226


def _broken(tmp_path: Path) -> Path:
    doc = json.loads(next(p for p in EXAMPLES if p.stem == "digits_cnn").read_text())
    # Drop the Flatten: Linear then receives [N, 32, 4, 4].
    nodes = doc["graph"]["nodes"]
    flatten = next(n["id"] for n in nodes if n["type"] == "Flatten")
    edges = doc["graph"]["edges"]
    src = next(e["src"] for e in edges if e["dst"] == flatten)
    for e in edges:
        if e["src"] == flatten:
            e["src"] = src
    doc["graph"]["edges"] = [e for e in edges if e["dst"] != flatten]
    doc["graph"]["nodes"] = [n for n in nodes if n["id"] != flatten]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(doc))
    return path


def test_check_fails_with_exit_1_and_names_the_node(tmp_path, capsys):
    assert main(["check", str(_broken(tmp_path))]) == 1
    out = capsys.readouterr().out
    assert "linear_1:" in out and "Flatten" in out


def test_unreadable_file_exits_2_without_traceback(tmp_path):
    bad = tmp_path / "bad.nbproj"
    bad.write_bytes(b"PK\x03\x04 this is not a zip")
    proc = subprocess.run(
        [sys.executable, "-m", "netbuilder", "check", str(bad)], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "bad.nbproj" in proc.stderr and "Traceback" not in proc.stderr
    missing = subprocess.run(
        [sys.executable, "-m", "netbuilder", "check", str(tmp_path / "nope.json")],
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2 and "nope.json" in missing.stderr


def test_check_fails_where_train_would_refuse_to_start(tmp_path, capsys):
    doc = json.loads(next(p for p in EXAMPLES if p.stem == "moons_mlp").read_text())
    doc["training"]["batch_size"] = 100_000
    path = tmp_path / "big_batch.json"
    path.write_text(json.dumps(doc))
    assert main(["check", str(path)]) == 1
    assert "batch" in capsys.readouterr().out


def test_softmax_before_cross_entropy_is_a_warning_not_an_error(tmp_path, capsys):
    doc = json.loads(next(p for p in EXAMPLES if p.stem == "digits_mlp").read_text())
    edges = doc["graph"]["edges"]
    last = next(e for e in edges if e["dst"] == "output_1")
    doc["graph"]["nodes"].append(
        {"id": "softmax_1", "type": "Softmax", "params": {"dim": -1}, "pos": [900.0, 0.0]}
    )
    edges.append({"src": last["src"], "dst": "softmax_1", "port": 0})
    last["src"] = "softmax_1"
    path = tmp_path / "softmax.json"
    path.write_text(json.dumps(doc))
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "warning: softmax_1: Softmax before cross-entropy" in out and "valid" in out
    assert main(["check", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["valid"] and any("remove softmax_1" in w for w in doc["warnings"])


def _digits_doc() -> dict:
    return json.loads(next(p for p in EXAMPLES if p.stem == "digits_mlp").read_text())


def test_a_layer_not_connected_yet_fails_the_check_naming_it(tmp_path, capsys):
    doc = _digits_doc()
    doc["graph"]["nodes"].append(
        {"id": "relu_9", "type": "ReLU", "params": {}, "pos": [900.0, 300.0]}
    )
    path = tmp_path / "unwired.json"
    path.write_text(json.dumps(doc))
    assert main(["check", str(path)]) == 1
    assert "relu_9: ReLU has no input: connect one" in capsys.readouterr().out
    assert main(["check", str(path), "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["errors"] == [{"node": "relu_9", "message": "ReLU has no input: connect one"}]


def test_without_a_dataset_the_placeholder_input_is_a_note_and_its_problems_say_why(
    tmp_path, capsys
):
    doc = _digits_doc()
    doc["dataset"] = None
    inp = next(n for n in doc["graph"]["nodes"] if n["type"] == "Input")
    inp["params"] = {"shape": [2], "dtype": "float32"}  # a new Input's default
    path = tmp_path / "no_data.json"
    path.write_text(json.dumps(doc))
    assert main(["check", str(path)]) == 0  # an MLP fits the placeholder: valid, with a note
    out = capsys.readouterr().out
    assert "warning: input_1: No dataset chosen yet" in out and "valid" in out
    linear = next(n for n in doc["graph"]["nodes"] if n["type"] == "Linear")
    doc["graph"]["nodes"].append(
        {"id": "conv2d_1", "type": "Conv2d", "params": {}, "pos": [0.0, 300.0]}
    )
    for edge in doc["graph"]["edges"]:
        if edge["dst"] == linear["id"]:
            edge["src"] = "conv2d_1"
    doc["graph"]["edges"].append({"src": inp["id"], "dst": "conv2d_1", "port": 0})
    path.write_text(json.dumps(doc))
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "conv2d_1: Waiting for a dataset: with the Input's placeholder shape" in out
    assert "Reshape" not in out
