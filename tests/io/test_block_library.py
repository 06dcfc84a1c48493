"""The block library folder: files round-trip, damage is named per file, clashes are renamed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netbuilder.io.block_library import (
    BLOCKS_DIR_ENV,
    MAX_BLOCK_FILE_BYTES,
    block_file_dict,
    block_path,
    library_dir,
    plan_library_add,
    read_block_file,
    read_library,
    remove_block_file,
    save_block,
)
from netbuilder.model.block_edits import plan_make_block
from netbuilder.model.blocks import Blocks
from netbuilder.model.edits import AddBlock, apply_edits
from netbuilder.model.graph import Graph
from tests.block_graphs import residual_net
from tests.io.test_blocks_file import blocked_project


def nested_graph() -> Graph:
    """ResBlock inside Stage: Stage's body uses ResBlock."""
    g = blocked_project().graph
    plan, _use = plan_make_block(g, ["c1", "res_block_1"], "Stage")
    apply_edits(g, plan)
    return g


def test_library_dir_prefers_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv(BLOCKS_DIR_ENV, raising=False)
    assert library_dir(tmp_path / "app") == tmp_path / "app"
    assert library_dir(None) is None
    monkeypatch.setenv(BLOCKS_DIR_ENV, str(tmp_path / "env"))
    assert library_dir(tmp_path / "app") == tmp_path / "env"


def test_save_and_read_round_trip_with_inner_blocks(tmp_path):
    g = nested_graph()
    path = save_block(tmp_path / "lib", g.blocks, "Stage")
    assert path == tmp_path / "lib" / "Stage.nbblock"
    data = json.loads(path.read_text())
    assert data["format"] == "netbuilder-block" and data["name"] == "Stage"
    assert [b["name"] for b in data["blocks"]] == ["ResBlock", "Stage"]  # innermost first
    block = read_block_file(path)
    assert block.name == "Stage" and block.warnings == []
    assert block.entries() == [g.blocks["ResBlock"].to_dict(), g.blocks["Stage"].to_dict()]
    assert block_file_dict(block.blocks, "Stage") == data
    library = read_library(tmp_path / "lib")
    assert [b.name for b in library.blocks] == ["Stage"] and library.problems == []
    assert not list((tmp_path / "lib").glob(".*.tmp"))  # the atomic write left no temp file
    remove_block_file(path)
    assert read_library(tmp_path / "lib").blocks == []


def test_a_missing_folder_is_an_empty_library(tmp_path):
    library = read_library(tmp_path / "nowhere")
    assert library.blocks == [] and library.problems == []


def _good(tmp_path: Path) -> dict:
    g = blocked_project().graph
    return block_file_dict(g.blocks, "ResBlock")


def _unknown_layer(d: dict) -> None:
    d["blocks"][0]["graph"]["nodes"][1]["type"] = "Quantum"


@pytest.mark.parametrize(
    ("damage", "field", "words"),
    [
        (lambda d: "{not json", None, "not valid JSON"),
        (lambda d: d.update(format="netbuilder-project"), None, "not a netbuilder block file"),
        (lambda d: d.update(format_version="2.0"), "format_version", "newer netbuilder"),
        (lambda d: d.update(name="9lives"), "name", "block name"),
        (lambda d: d.update(blocks={}), "blocks", "expected a list"),
        (lambda d: d.update(name="Other"), "blocks", "no block named Other"),
        (_unknown_layer, "blocks[0] (ResBlock).graph", "unknown type 'Quantum'"),
        (
            lambda d: d["blocks"][0]["params"][0].update(targets=[["nope", "x"]]),
            "blocks[0].params[0].targets",
            "no layer nope",
        ),
    ],
)
def test_each_damaged_file_is_listed_as_a_problem(tmp_path, damage, field, words):
    data = _good(tmp_path)
    text = damage(data)
    (tmp_path / "Bad.nbblock").write_text(text if isinstance(text, str) else json.dumps(data))
    (tmp_path / "ResBlock.nbblock").write_text(json.dumps(_good(tmp_path)))
    library = read_library(tmp_path)
    assert [b.name for b in library.blocks] == ["ResBlock"]  # the good file is still listed
    [problem] = library.problems
    assert problem.path.name == "Bad.nbblock"
    assert problem.field == field, str(problem)
    assert words in problem.message, str(problem)
    assert str(problem).startswith("Bad.nbblock: ")


def test_an_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "Huge.nbblock"
    with open(path, "wb") as f:
        f.truncate(MAX_BLOCK_FILE_BYTES + 1)
    [problem] = read_library(tmp_path).problems
    assert "block files are at most 16 MiB" in problem.message


def test_two_files_with_one_name_keep_the_first(tmp_path):
    data = _good(tmp_path)
    (tmp_path / "A.nbblock").write_text(json.dumps(data))
    (tmp_path / "ResBlock.nbblock").write_text(json.dumps(data))
    library = read_library(tmp_path)
    assert [b.path.name for b in library.blocks] == ["A.nbblock"]
    assert "A.nbblock already holds a block ResBlock" in library.problems[0].message


def _apply(plan_defs: list[dict], blocks: Blocks) -> None:
    g = Graph(blocks)
    apply_edits(g, [AddBlock(d) for d in plan_defs])


def test_adding_to_a_project_copies_what_the_block_uses(tmp_path):
    save_block(tmp_path, nested_graph().blocks, "Stage")
    block = read_library(tmp_path).blocks[0]
    project = Blocks()
    add = plan_library_add(block, project)
    assert [d["name"] for d in add.definitions] == ["ResBlock", "Stage"]
    assert add.name == "Stage" and add.renamed == {}
    _apply(add.definitions, project)
    assert project.names() == ["ResBlock", "Stage"]
    again = plan_library_add(block, project)  # identical definitions are reused
    assert again.definitions == [] and again.name == "Stage"


def test_a_clashing_name_gets_a_new_name_and_the_uses_follow(tmp_path):
    save_block(tmp_path, nested_graph().blocks, "Stage")
    block = read_library(tmp_path).blocks[0]
    project = Graph().blocks
    other = residual_net()  # a different ResBlock (ReLU and conv only) already in the project
    plan, _ = plan_make_block(other, ["r1", "c2"], "ResBlock")
    apply_edits(other, plan)
    other.blocks.copy_into(project)
    add = plan_library_add(block, project)
    assert [d["name"] for d in add.definitions] == ["ResBlock_2", "Stage"]
    assert add.renamed == {"ResBlock": "ResBlock_2"}
    stage = add.definitions[1]
    used = [n["params"]["block"] for n in stage["graph"]["nodes"] if n["type"] == "Block"]
    assert used == ["ResBlock_2"]
    _apply(add.definitions, project)
    assert project.names() == ["ResBlock", "ResBlock_2", "Stage"]
    assert project["ResBlock"].body.to_dict() == other.blocks["ResBlock"].body.to_dict()
    # The copy under the new name is reused next time, not copied again.
    assert plan_library_add(block, project).definitions == []


def test_a_moved_layer_inside_is_still_the_same_block(tmp_path):
    g = blocked_project().graph
    save_block(tmp_path, g.blocks, "ResBlock")
    g.blocks["ResBlock"].body.move_node("r1", (999.0, 999.0))
    block = read_library(tmp_path).blocks[0]
    assert plan_library_add(block, g.blocks).definitions == []


def test_a_broken_project_block_is_not_saved(tmp_path):
    g = blocked_project().graph
    g.blocks["ResBlock"].body.remove_node("out")
    with pytest.raises(Exception, match="exactly one Block output"):
        save_block(tmp_path, g.blocks, "ResBlock")
    assert not block_path(tmp_path, "ResBlock").exists()
