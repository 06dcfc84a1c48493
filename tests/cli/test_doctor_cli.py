"""``netbuilder doctor``: findings per node, the suggested rate, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netbuilder.cli import main
from netbuilder.io import save_project
from tests.engine.doctor.support import mlp_project, scaled_weights
from tests.examples_support import example


def test_healthy_example_exits_0_and_prints_the_suggested_rate(capsys) -> None:
    assert main(["doctor", str(example("moons_mlp"))]) == 0
    out = capsys.readouterr().out
    assert "moons_mlp.json: no findings" in out
    assert "the range test suggests" in out


def test_json_has_findings_lr_range_and_loss_at_init(capsys, tmp_path: Path) -> None:
    path = tmp_path / "lr10.json"
    save_project(path, mlp_project([16], optimizer="sgd", lr=10.0))
    assert main(["doctor", str(path), "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert {"findings", "lr_range", "loss_at_init"} <= set(doc)
    assert set(doc["lr_range"]) == {"lrs", "losses", "suggested"}
    assert len(doc["lr_range"]["lrs"]) == len(doc["lr_range"]["losses"]) > 10
    assert set(doc["loss_at_init"]) == {"seen", "expected"}
    (finding,) = doc["findings"]
    assert finding["rule"] in ("overfit_diverged", "overfit_failed")
    assert finding["node"] is None and "lower the learning rate" in finding["advice"]
    assert {"seen", "meaning", "advice", "remedies"} <= set(finding)
    suggested = doc["lr_range"]["suggested"]
    assert finding["remedies"] == [
        {
            "kind": "set_setting",
            "label": f"Set the learning rate to {suggested:.2g}",
            "setting": "lr",
            "value": suggested,
        }
    ]


def test_text_names_the_node_what_was_seen_and_what_to_try(capsys, tmp_path: Path) -> None:
    project = mlp_project([32, 32], dataset="digits", n_out=10)
    path = tmp_path / "scaled.nbproj"
    save_project(path, project, weights=scaled_weights(project, "linear_3", 50.0))
    assert main(["doctor", str(path), "--weights"]) == 1
    out = capsys.readouterr().out
    assert "linear_3: loss_at_init" in out
    assert "seen: loss=" in out and "means:" in out and "try:" in out
    # From saved weights the wrong scale has a remedy: re-initialise that layer in them.
    assert "fix: Re-initialise linear_3's weights" in out


def test_weights_flag_without_saved_weights_is_named(capsys) -> None:
    assert main(["doctor", str(example("moons_mlp")), "--weights"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "netbuilder doctor: moons_mlp.json: has no saved weights (drop --weights)"


def test_project_that_cannot_be_trained_exits_1_with_one_line(capsys, tmp_path: Path) -> None:
    project = mlp_project([8], n_out=2)
    project.dataset = None
    path = tmp_path / "no_data.json"
    save_project(path, project)
    assert main(["doctor", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("netbuilder doctor: no_data.json: cannot be checked:")
    assert "dataset" in err and "\n" not in err


@pytest.mark.parametrize("content", [b"{not json", b"\x00\x01zip?"])
def test_unreadable_file_exits_2(capsys, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    assert main(["doctor", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("netbuilder doctor:") and "\n" not in err
