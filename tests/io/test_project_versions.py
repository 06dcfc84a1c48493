"""Format versions: old files are migrated step by step, newer ones handled honestly, and
layer types this version does not know are kept rather than lost."""

from __future__ import annotations

import json

import pytest

from netbuilder.io import (
    FORMAT_VERSION,
    ProjectFileError,
    load_project,
    migration,
    migrations,
    project_from_dict,
    save_project,
)

OLD_0_9 = {
    "format": "netbuilder-project",
    "format_version": "0.9",
    "app_version": "0.0.9",
    "name": "old digits",
    "graph": {
        "nodes": [
            {"id": "inp", "type": "Input", "params": {"shape": [64]}, "x": 0, "y": 10},
            {
                "id": "fc",
                "type": "Linear",
                "params": {"out_features": 10},
                "x": 120,
                "y": 10,
                "label": "classifier",
            },
            {"id": "out_1", "type": "Output", "params": {}},
        ],
        "links": [
            {"from": "inp", "to": "fc", "input": 0},
            {"from": "fc", "to": "out_1", "input": 0},
        ],
    },
    "settings": {"lr": 0.01, "epochs": 3},
    "data": {"source": "builtin", "name": "digits"},
}


def _write(tmp_path, data, name="p.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def test_migration_from_0_9(tmp_path):
    loaded = load_project(_write(tmp_path, OLD_0_9, "old.json"))
    p = loaded.project
    assert loaded.format_version == "0.9"
    assert [n.id for n in p.graph] == ["inp", "fc", "out_1"]
    assert p.graph.node("fc").name == "classifier"
    assert p.graph.node("fc").pos == (120.0, 10.0)
    assert p.graph.node("out_1").pos == (0.0, 0.0)
    assert p.graph.predecessors("out_1") == ["fc"]
    assert p.training.lr == 0.01 and p.training.epochs == 3
    assert p.dataset.name == "digits"
    assert p.notes == "" and p.view == {}
    assert any("converted from file format 0.9" in w for w in loaded.warnings)
    # Saving writes the current format, which loads without conversion.
    save_project(tmp_path / "new.json", p)
    saved = json.loads((tmp_path / "new.json").read_text())
    assert saved["format_version"] == FORMAT_VERSION
    assert "links" not in saved["graph"] and "settings" not in saved
    assert load_project(tmp_path / "new.json").warnings == []


def test_migration_does_not_touch_the_callers_dict():
    before = json.dumps(OLD_0_9, sort_keys=True)
    project, _ = project_from_dict(OLD_0_9)
    assert json.dumps(OLD_0_9, sort_keys=True) == before
    assert len(project.graph) == 3


def test_error_in_a_migrated_file_says_so(tmp_path):
    data = json.loads(json.dumps(OLD_0_9))
    data["graph"]["links"][0]["input"] = "zero"
    with pytest.raises(ProjectFileError) as info:
        load_project(_write(tmp_path, data))
    assert info.value.field == "graph.edges[0].port"
    assert "converted from format 0.9" in str(info.value)


def test_steps_run_in_order(tmp_path, monkeypatch):
    calls = []

    def from_0_8(data):
        calls.append("0.8")
        data["graph"] = data.pop("network")  # 0.8 called the graph "network"
        return data

    monkeypatch.setitem(migrations._MIGRATIONS, "0.8", ("0.9", from_0_8))
    original = migrations._MIGRATIONS["0.9"]

    def spy_0_9(data):
        calls.append("0.9")
        assert data["format_version"] == "0.9"  # the previous step set it
        return original[1](data)

    monkeypatch.setitem(migrations._MIGRATIONS, "0.9", (original[0], spy_0_9))
    data = json.loads(json.dumps(OLD_0_9))
    data["format_version"] = "0.8"
    data["network"] = data.pop("graph")
    loaded = load_project(_write(tmp_path, data))
    assert calls == ["0.8", "0.9"]
    assert loaded.project.graph.predecessors("fc") == ["inp"]


def test_migration_registration_is_checked():
    with pytest.raises(ValueError, match="bad migration step"):
        migration("1.0", "0.9")
    with pytest.raises(ValueError, match="bad migration step"):
        migration("one", "1.0")
    with pytest.raises(ValueError, match="two migrations"):
        migration("0.9", "1.0")(lambda d: d)
    assert migrations.known_versions() == ["0.9", "1.0", "1.1"]


def test_unknown_old_version_is_refused(tmp_path, document):
    document["format_version"] = "0.5"
    refused = r"format 0\.5 is not one this netbuilder can convert"
    with pytest.raises(ProjectFileError, match=refused):
        load_project(_write(tmp_path, document))


def test_newer_major_is_refused(tmp_path, document):
    document["format_version"] = "2.0"
    with pytest.raises(ProjectFileError) as info:
        load_project(_write(tmp_path, document, "future.nbproj.json"))
    message = str(info.value)
    assert "written by a newer netbuilder" in message
    assert "file format 2.0" in message and "Update netbuilder" in message


def test_newer_minor_loads_with_warnings(tmp_path, document):
    document["format_version"] = "1.7"
    document["thumbnail"] = "abc"
    document["training"]["ema_decay"] = 0.999
    document["graph"]["nodes"][1]["collapsed"] = True
    loaded = load_project(_write(tmp_path, document))
    assert loaded.format_version == "1.7"
    text = "\n".join(loaded.warnings)
    assert "written by a newer netbuilder (file format 1.7" in text
    assert "thumbnail: unknown field ignored" in text
    assert "training.ema_decay: setting from a newer netbuilder ignored" in text
    assert "graph.nodes[1] (fc1).collapsed: unknown field ignored" in text
    assert loaded.project.graph.node("fc1").params["out_features"] == 128


def test_unknown_setting_in_the_current_version_is_an_error(tmp_path, document):
    document["training"]["ema_decay"] = 0.999
    with pytest.raises(ProjectFileError, match=r"training\.ema_decay is not a known setting"):
        load_project(_write(tmp_path, document))


def test_unknown_layer_type_is_kept_and_named(tmp_path, document):
    nodes, edges = document["graph"]["nodes"], document["graph"]["edges"]
    nodes.append(
        {
            "id": "attn",
            "type": "FancyAttention",
            "params": {"heads": 4, "mix": [1, 2]},
            "pos": [5.0, 6.0],
        }
    )
    edges.append({"src": "attn", "dst": "cat", "port": 2})  # from the unknown node: kept
    edges.append({"src": "fc1", "dst": "attn", "port": 0})  # into it: kept too
    loaded = load_project(_write(tmp_path, document))
    graph = loaded.project.graph
    node = graph.node("attn")
    assert node.type == "FancyAttention" and not node.known
    assert node.params == {"heads": 4, "mix": [1, 2]}
    assert graph.predecessors("cat") == ["add", "act1", "attn"]
    assert len(graph.edges) == len(edges)
    assert graph.predecessors("attn") == ["fc1"]
    assert any(
        "graph.nodes[11] (attn): unknown layer type 'FancyAttention'" in w for w in loaded.warnings
    )
    # The rest of the project is intact, and saving keeps the unknown node as it was.
    assert graph.node("fc1").params["out_features"] == 128
    save_project(tmp_path / "again.json", loaded.project)
    again = load_project(tmp_path / "again.json").project.graph.node("attn")
    assert (again.type, again.params, again.pos) == ("FancyAttention", node.params, (5.0, 6.0))
    assert load_project(tmp_path / "again.json").project.graph.predecessors("attn") == ["fc1"]
