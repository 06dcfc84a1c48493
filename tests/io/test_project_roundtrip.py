"""Saving and loading keep everything, in both containers, byte for byte."""

from __future__ import annotations

import json
import zipfile

import pytest

from netbuilder.io import (
    FORMAT_VERSION,
    LoadedProject,
    ProjectFileError,
    load_project,
    project_from_dict,
    project_to_dict,
    save_project,
)

WEIGHTS = b"SAFETENSORS\x00" + bytes(range(256)) * 4
CHECKPOINT = b"\x08\x00\x00\x00\x00\x00\x00\x00{}      " + b"\x01" * 50
HISTORY = [{"run": 1, "train_loss": [2.3, 1.1, 0.5], "val_loss": [2.4, float("nan")]}]
META = {"epoch": 3, "step": 120, "rng": {"seed": 0}, "best": float("inf")}


def _same_project(a, b) -> None:
    assert project_to_dict(a) == project_to_dict(b)
    assert [(e.src, e.dst, e.dst_port) for e in sorted(a.graph.edges, key=str)] == [
        (e.src, e.dst, e.dst_port) for e in sorted(b.graph.edges, key=str)
    ]


def test_archive_round_trip_keeps_project_and_members(tmp_path, project):
    path = tmp_path / "branchy.nbproj"
    save_project(
        path, project, weights=WEIGHTS, history=HISTORY, checkpoint=CHECKPOINT, checkpoint_meta=META
    )
    loaded = load_project(path)
    assert isinstance(loaded, LoadedProject)
    assert loaded.warnings == []
    assert loaded.path == path
    _same_project(loaded.project, project)
    g = loaded.project.graph
    assert g.predecessors("add") == ["left", "right"]
    assert g.predecessors("cat") == ["add", "act1"]
    assert g.node("left").params == {"out_features": 64, "bias": False}
    assert g.node("norm").params["eps"] == 1.5e-7
    assert g.node("inp").params["shape"] == (64,)
    assert g.node("fc1").name == "trunk"
    assert g.node("out_1").pos == (960.0, round(0.125, 2))  # positions are kept to 2 decimals
    assert loaded.project.dataset.split_seed == 7
    assert loaded.project.training.optimizer == "adamw"
    assert loaded.project.notes == project.notes
    assert loaded.project.view == {"zoom": 1.25, "center": [10.5, -3.0], "selected": ["fc1"]}
    assert loaded.weights == WEIGHTS
    assert loaded.checkpoint == CHECKPOINT
    assert loaded.checkpoint_meta == META
    assert loaded.history[0]["train_loss"] == [2.3, 1.1, 0.5]
    assert loaded.history[0]["val_loss"][1] != loaded.history[0]["val_loss"][1]  # NaN kept


def test_json_round_trip(tmp_path, project):
    path = tmp_path / "branchy.json"
    save_project(path, project)
    loaded = load_project(path)
    _same_project(loaded.project, project)
    assert loaded.weights is None and loaded.history is None and loaded.checkpoint is None
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n") and text.startswith('{\n  "format": "netbuilder-project"')
    assert "日本" in text  # written as UTF-8, readable in a diff


@pytest.mark.parametrize("suffix", [".nbproj", ".json"])
def test_save_load_save_is_byte_stable(tmp_path, project, suffix):
    extras = {}
    if suffix == ".nbproj":
        extras = dict(weights=WEIGHTS, history=HISTORY, checkpoint=CHECKPOINT, checkpoint_meta=META)
    first = tmp_path / f"a{suffix}"
    second = tmp_path / f"b{suffix}"
    save_project(first, project, **extras)
    loaded = load_project(first)
    save_project(
        second,
        loaded.project,
        **(
            dict(
                weights=loaded.weights,
                history=loaded.history,
                checkpoint=loaded.checkpoint,
                checkpoint_meta=loaded.checkpoint_meta,
            )
            if suffix == ".nbproj"
            else {}
        ),
    )
    assert first.read_bytes() == second.read_bytes()


def test_archive_layout_is_fixed(tmp_path, project):
    path = tmp_path / "p.nbproj"
    save_project(path, project, weights=WEIGHTS, history=[], checkpoint=b"c", checkpoint_meta={})
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == [
        "project.json",
        "weights.safetensors",
        "history.json",
        "checkpoint.json",
        "checkpoint.safetensors",
    ]
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    kinds = {i.filename: i.compress_type for i in infos}
    assert kinds["weights.safetensors"] == zipfile.ZIP_STORED
    assert kinds["project.json"] == zipfile.ZIP_DEFLATED


def test_only_present_members_are_written(tmp_path, project):
    path = tmp_path / "p.nbproj"
    save_project(path, project)
    with zipfile.ZipFile(path) as zf:
        assert zf.namelist() == ["project.json"]
    loaded = load_project(path)
    assert (loaded.weights, loaded.history, loaded.checkpoint, loaded.checkpoint_meta) == (
        None,
        None,
        None,
        None,
    )


def test_project_to_dict_layout_and_from_dict(project):
    data = project_to_dict(project)
    assert list(data) == [
        "format",
        "format_version",
        "app_version",
        "name",
        "notes",
        "graph",
        "dataset",
        "training",
        "view",
        "blocks",
    ]
    assert data["format_version"] == FORMAT_VERSION
    json.dumps(data, allow_nan=False)  # JSON-ready
    before = json.dumps(data)
    rebuilt, warnings = project_from_dict(data, source="mem.json")
    assert warnings == []
    assert json.dumps(data) == before  # input not modified
    _same_project(rebuilt, project)


def test_project_without_dataset(tmp_path, project):
    project.dataset = None
    save_project(tmp_path / "p.json", project)
    loaded = load_project(tmp_path / "p.json")
    assert loaded.project.dataset is None


def test_saving_replaces_an_existing_file_and_keeps_its_mode(tmp_path, project):
    path = tmp_path / "p.json"
    path.write_text("old")
    path.chmod(0o640)
    save_project(path, project)
    assert load_project(path).project.name == "Branchy digits"
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json"]


def test_json_container_refuses_weights_and_checkpoints(tmp_path, project):
    path = tmp_path / "p.json"
    path.write_text("original")
    with pytest.raises(ProjectFileError, match=r"cannot hold weights.*\.nbproj"):
        save_project(path, project, weights=WEIGHTS)
    with pytest.raises(ProjectFileError, match="checkpoint"):
        save_project(path, project, checkpoint=b"x", checkpoint_meta={})
    assert path.read_text() == "original"


def test_unknown_suffix_is_refused(tmp_path, project):
    with pytest.raises(ProjectFileError, match=r"\.txt.*\.nbproj"):
        save_project(tmp_path / "p.txt", project)
    assert list(tmp_path.iterdir()) == []


def test_half_a_checkpoint_is_a_programming_error(tmp_path, project):
    with pytest.raises(ValueError, match="checkpoint_meta"):
        save_project(tmp_path / "p.nbproj", project, checkpoint=b"x")
    with pytest.raises(TypeError, match="bytes"):
        save_project(tmp_path / "p.nbproj", project, weights="not bytes")
    assert list(tmp_path.iterdir()) == []


def test_invalid_settings_are_not_saved(tmp_path, project):
    project.training.lr = -1.0
    with pytest.raises(ProjectFileError, match=r"training\.lr") as info:
        save_project(tmp_path / "p.json", project)
    assert info.value.field == "training.lr"
    assert list(tmp_path.iterdir()) == []


def test_view_that_is_not_json_is_refused(tmp_path, project):
    project.view = {"items": {1, 2}}
    with pytest.raises(ProjectFileError, match="cannot be written as JSON"):
        save_project(tmp_path / "p.nbproj", project)
    assert list(tmp_path.iterdir()) == []


def test_save_into_missing_folder_names_the_folder(tmp_path, project):
    with pytest.raises(ProjectFileError, match="cannot write"):
        save_project(tmp_path / "nope" / "p.json", project)
