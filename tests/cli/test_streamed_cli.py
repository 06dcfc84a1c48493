"""The CLI on an image folder above training.data_memory_mb: damaged files are counted after a
run, and a torchrun export (arrays in data.npz) is refused in one line, writing nothing."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from netbuilder.cli import main
from netbuilder.cli.train import _print_summary
from netbuilder.engine.data.image_sets import write_shapes
from netbuilder.io import save_project
from netbuilder.model import Graph, Project, TrainingSettings
from netbuilder.model.project import DatasetBinding

SIZE = 32  # 300 grey 32x32 images: 1.2 MB as float32, above a 1 MiB budget


def _cnn() -> Graph:
    g = Graph()
    chain = [
        ("Input", {"shape": [1, SIZE, SIZE]}),
        ("Conv2d", {"out_channels": 4, "kernel_size": 3, "padding": 1}),
        ("ReLU", {}),
        ("MaxPool2d", {"kernel_size": 8}),
        ("Flatten", {}),
        ("Linear", {"out_features": 3}),
        ("Output", {}),
    ]
    ids = [g.add_node(kind, params).id for kind, params in chain]
    for a, b in itertools.pairwise(ids):
        g.connect(a, b)
    return g


@pytest.fixture(scope="module")
def project_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("streamed_cli")
    write_shapes(root / "shapes", per_class=100, size=SIZE, seed=3)
    (root / "shapes" / "circle" / "damaged.png").write_bytes(b"\x89PNG not an image")
    options = {"size": [SIZE, SIZE], "channels": "grey"}
    binding = DatasetBinding(source="image_folder", path="shapes", options=options)
    training = TrainingSettings(batch_size=64, epochs=1, device="cpu", data_memory_mb=1)
    project = Project(graph=_cnn(), dataset=binding, training=training)
    return save_project(root / "streamed.nbproj", project)


def test_a_streamed_run_counts_the_files_it_could_not_decode(project_file, capsys):
    assert main(["train", str(project_file), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert summary["event"] == "summary" and summary["status"] == "completed"
    assert summary["skipped_images"] == 1  # met in whichever split holds it, counted once
    _print_summary(project_file, summary)  # what a run without --json prints
    assert "1 image file could not be decoded and trained as blank images" in (
        capsys.readouterr().out
    )


def test_a_torchrun_export_of_a_streamed_folder_is_refused_in_one_line(project_file, capsys):
    out = project_file.parent / "ddp"
    assert main(["export", str(project_file), "--format", "torchrun", "-o", str(out)]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    assert "301 images (1.2 MiB as float32) stream from disk" in err
    assert "training.data_memory_mb (1 MiB)" in err
    assert "a smaller dataset.options.size or training.data_memory_mb of at least 2" in err
    assert not out.exists()
    assert sorted(p.name for p in project_file.parent.iterdir()) == ["shapes", "streamed.nbproj"]
