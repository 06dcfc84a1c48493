"""Text parameters (an Input's ``data``) and the text layers' catalogue entries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netbuilder.io.project_file import project_from_dict
from netbuilder.model import CATALOGUE, Graph, ParamError
from netbuilder.model.catalogue import MAX_TEXT

FIRST = Path(__file__).resolve().parents[2] / "resources" / "examples" / "first_network.json"


def test_text_is_stripped_and_refused_when_not_one_short_line():
    spec = CATALOGUE["Input"].param("data")
    assert spec.kind == "text" and spec.default == ""
    assert spec.coerce("  user  ") == "user"
    with pytest.raises(ParamError, match=r"Input\.data: expected text, got 3"):
        spec.coerce(3, layer="Input")
    with pytest.raises(ParamError, match=f"at most {MAX_TEXT} characters, got {MAX_TEXT + 1}"):
        spec.coerce("x" * (MAX_TEXT + 1))
    with pytest.raises(ParamError, match="printable text on one line"):
        spec.coerce("user\nitem")


def test_graph_refuses_a_bad_data_value_naming_the_node():
    g = Graph()
    g.add_node("Input", node_id="users")
    with pytest.raises(ParamError) as err:
        g.set_params("users", {"data": ["user"]})
    assert err.value.node == "users" and err.value.field == "data"
    assert g.node("users").params["data"] == ""


def test_an_old_project_without_data_loads_with_the_default():
    doc = json.loads(FIRST.read_text())
    (node,) = [n for n in doc["graph"]["nodes"] if n["type"] == "Input"]
    assert "data" not in node["params"]
    project, warnings = project_from_dict(doc)
    assert warnings == []
    assert project.graph.node(node["id"]).params["data"] == ""


def test_text_layers_in_the_catalogue():
    assert CATALOGUE["SequencePool"].inputs == 2
    assert CATALOGUE["SequencePool"].param("mode").choices == ("mean", "max", "last")
    assert "padding" in CATALOGUE["SequencePool"].doc
    assert CATALOGUE["Embedding"].param("padding_idx_zero").default is False
    assert CATALOGUE["Transpose"].defaults() == {"dim0": 1, "dim1": 2}
