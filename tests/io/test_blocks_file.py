"""Blocks in project files: format 1.1 keeps them; 1.0 files migrate; damage is named."""

from __future__ import annotations

import json

import pytest

from netbuilder.io import ProjectFileError, load_project, project_to_dict, save_project
from netbuilder.model import Project
from netbuilder.model.block_edits import plan_make_block
from netbuilder.model.blocks import BlockParam
from netbuilder.model.edits import apply_edits
from tests.block_graphs import residual_net


def blocked_project() -> Project:
    g = residual_net()
    plan, use = plan_make_block(g, ["r1", "c2", "add"], "ResBlock")
    apply_edits(g, plan)
    g.blocks["ResBlock"].params.append(BlockParam("width", (("c2", "out_channels"),)))
    g.conform_block_uses("ResBlock")
    g.set_params(use, {"width": 8})
    return Project(graph=g, name="blocks")


@pytest.mark.parametrize("suffix", [".json", ".nbproj"])
def test_blocks_round_trip(tmp_path, suffix):
    project = blocked_project()
    path = tmp_path / f"p{suffix}"
    save_project(path, project)
    loaded = load_project(path)
    assert loaded.warnings == []
    assert project_to_dict(loaded.project) == project_to_dict(project)
    d = loaded.project.graph.blocks["ResBlock"]
    assert d.params[0].targets == (("c2", "out_channels"),)
    assert loaded.project.graph.node("res_block_1").params["width"] == 8


def test_a_1_0_file_migrates(tmp_path, document):
    document["format_version"] = "1.0"
    document.pop("blocks", None)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(document))
    loaded = load_project(path)
    assert loaded.format_version == "1.0"
    assert len(loaded.project.graph.blocks) == 0
    assert any("converted from file format 1.0" in w for w in loaded.warnings)


@pytest.mark.parametrize(
    ("damage", "field", "words"),
    [
        (lambda d: d["blocks"][0].update(name="9lives"), "blocks[0].name", "must start with"),
        (
            lambda d: d["blocks"][0]["params"][0].update(targets=[["nope", "x"]]),
            "blocks[0].params[0].targets",
            "no layer nope",
        ),
        (
            lambda d: d["blocks"][0]["graph"]["nodes"].append({"id": "i", "type": "Input"}),
            "blocks[0].graph.nodes[5]",
            "cannot hold an Input",
        ),
        (
            lambda d: d["graph"]["nodes"][-1]["params"].update(block="Gone"),
            "graph.nodes[5].params.block",
            "No block named 'Gone'",
        ),
        (lambda d: d.update(blocks={}), "blocks", "expected a list"),
    ],
)
def test_damaged_blocks_are_named(tmp_path, damage, field, words):
    data = project_to_dict(blocked_project())
    damage(data)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ProjectFileError) as info:
        load_project(path)
    assert info.value.field == field, str(info.value)
    assert words in str(info.value)


def test_an_unknown_layer_type_in_a_block_is_kept_with_a_warning(tmp_path):
    data = project_to_dict(blocked_project())
    data["blocks"][0]["graph"]["nodes"].append({"id": "odd", "type": "FancyAttention"})
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = load_project(path)
    assert not loaded.project.graph.blocks["ResBlock"].body.node("odd").known
    assert any(
        "blocks[0] (ResBlock).graph.nodes[" in w and "(odd): unknown layer type" in w
        for w in loaded.warnings
    ), loaded.warnings  # the network's own unknown nodes were named; a body's were silent
