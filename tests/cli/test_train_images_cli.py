"""``netbuilder train`` on the image-folder example: the generated shapes set, at first use."""

from __future__ import annotations

import json
import os
from pathlib import Path

from netbuilder.cli import main

SHAPES = Path(__file__).resolve().parents[2] / "resources" / "examples" / "shapes_cnn.json"


def test_shapes_cnn_trains_from_its_generated_folder_to_its_stated_accuracy(capsys):
    assert main(["train", str(SHAPES), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert summary["event"] == "summary" and summary["status"] == "completed"
    assert summary["test_metrics"]["accuracy"] >= 0.95  # the figure the example's notes state
    folder = Path(os.environ["NETBUILDER_DATA_DIR"]) / "datasets" / "shapes-v1"
    assert sorted(p.name for p in folder.iterdir()) == ["circle", "square", "triangle"]
    assert len(list((folder / "circle").glob("*.png"))) == 300
