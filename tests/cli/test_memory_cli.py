"""Training memory: estimated from shapes, shown by ``check``, and a network too big for the
machine refused by ``check`` and ``train`` quickly, without allocating it."""

from __future__ import annotations

import json
import resource
import time
from pathlib import Path

import pytest

from netbuilder.cli import main
from netbuilder.engine.network.memory import format_bytes
from netbuilder.engine.training import memory_errors

DIGITS = Path(__file__).resolve().parents[2] / "resources" / "examples" / "digits_mlp.json"
GIB = 1024**3


def test_check_prints_the_estimate_from_the_shapes(capsys):
    assert main(["check", str(DIGITS), "--json"]) == 0
    memory = json.loads(capsys.readouterr().out)["memory"]
    params = 17226 * 4
    # Outputs per sample: 64 + 128 + 128 + 64 + 64 + 10 + 10, for 64 samples, kept and
    # matched by gradients in the backward pass.
    activations = 468 * 64 * 4 * 2
    assert memory["param_bytes"] == params and memory["activation_bytes"] == activations
    assert memory["total_bytes"] == params * 4 + activations  # + grads + Adam's two moments
    total = format_bytes(params * 4 + activations)
    assert memory["summary"] == f"~{total} for batch 64 (params {format_bytes(params)})"
    assert main(["check", str(DIGITS)]) == 0
    assert f"memory: {memory['summary']}" in capsys.readouterr().out.splitlines()


@pytest.fixture
def giant(tmp_path: Path) -> Path:
    """The digits MLP with layers of 10^6 and 1000 units: about 10^9 parameters."""
    doc = json.loads(DIGITS.read_text())
    for node in doc["graph"]["nodes"]:
        if node["id"] == "linear_1":
            node["params"]["out_features"] = 1_000_000
        if node["id"] == "linear_2":
            node["params"]["out_features"] = 1000
    doc["training"]["device"] = "cpu"  # the message names the device: the same on a GPU host
    path = tmp_path / "giant.json"
    path.write_text(json.dumps(doc))
    return path


@pytest.fixture
def eight_gib_free(monkeypatch):
    monkeypatch.setattr(memory_errors, "free_bytes", lambda device: 8 * GIB)


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.usefixtures("eight_gib_free")
@pytest.mark.parametrize("command", ["check", "train"])
def test_a_billion_parameters_are_refused_quickly_without_allocating(giant, command, capsys):
    peak, t0 = _peak_mib(), time.perf_counter()
    assert main([command, str(giant), "--json"]) == 1
    assert time.perf_counter() - t0 < 10
    assert _peak_mib() - peak < 1024  # the 4 GB of weights were never allocated
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "Traceback" not in text
    assert "training needs ~17 GiB for batch 64 (params 4.0 GiB)" in text
    assert "8.0 GiB free on cpu" in text and "batch_size" in text
    if command == "check":
        doc = json.loads(captured.out)
        assert doc["total_params"] > 10**9 and doc["valid"] is False
