"""Property tests: no input makes loading fail with anything but ProjectFileError, and any
valid graph survives a save/load round trip exactly."""

from __future__ import annotations

import copy
import io
import json
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netbuilder.io import ProjectFileError, load_project, project_to_dict, save_project
from netbuilder.model import CATALOGUE, Graph, Project
from tests.io.conftest import build_branchy_project

FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
BASE = project_to_dict(build_branchy_project())


def _load_or_refuse(path) -> None:
    try:
        load_project(path)
    except ProjectFileError as exc:
        assert str(exc)  # every refusal has a message


# --- (1) nothing but ProjectFileError ----------------------------------------------------------


@FAST
@given(
    raw=st.binary(max_size=400),
    suffix=st.sampled_from([".json", ".nbproj"]),
    zip_head=st.booleans(),
)
def test_arbitrary_bytes(tmp_path, raw, suffix, zip_head):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes((b"PK\x03\x04" if zip_head else b"") + raw)
    _load_or_refuse(path)


@FAST
@given(value=json_values)
def test_arbitrary_json_documents(tmp_path, value):
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(value))
    _load_or_refuse(path)


def _paths(data, prefix=()):
    """Every (path) in a document, so a fuzzer can replace any one value."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*prefix, i))


ALL_PATHS = [p for p in _paths(BASE) if p]


@FAST
@given(
    where=st.sampled_from(ALL_PATHS),
    value=json_values,
    version=st.sampled_from(["1.0", "0.9", "1.3"]),
)
def test_one_value_replaced_anywhere(tmp_path, where, value, version):
    doc = copy.deepcopy(BASE)
    target = doc
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    if where != ("format_version",):
        doc["format_version"] = version
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(doc))
    _load_or_refuse(path)


@FAST
@given(
    members=st.lists(
        st.tuples(
            st.sampled_from(
                ["project.json", "history.json", "checkpoint.json", "checkpoint.safetensors", "x"]
            ),
            st.binary(max_size=64) | json_values.map(lambda v: json.dumps(v).encode()),
        ),
        max_size=4,
        unique_by=lambda m: m[0],
    ),
)
def test_arbitrary_archive_members(tmp_path, members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        if not members:
            zf.writestr("project.json", json.dumps(BASE))
        for name, data in members:
            zf.writestr(name, data)
    path = tmp_path / "fuzz.nbproj"
    path.write_bytes(buf.getvalue())
    _load_or_refuse(path)


# --- (2) valid graphs round-trip exactly --------------------------------------------------------


def _param_value(spec):
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "choice":
        return st.sampled_from(spec.choices)
    if spec.kind == "int":
        return st.integers(int(spec.minimum), int(spec.maximum))
    if spec.kind == "text":  # stripped when set: what round-trips is what the model kept
        return st.text(st.characters(codec="utf-8", categories=["L", "N"]), max_size=12)
    if spec.kind == "float":
        low = spec.minimum if spec.minimum is not None else -1e6
        high = spec.maximum if spec.maximum is not None else 1e6
        return st.floats(low, high, allow_nan=False, allow_infinity=False)
    size = st.integers(1, 5) if spec.length is None else st.just(spec.length)
    return size.flatmap(lambda n: st.lists(st.integers(1, 100_000), min_size=n, max_size=n))


@st.composite
def graphs(draw):
    graph = Graph()
    types = sorted(CATALOGUE)
    for _ in range(draw(st.integers(0, 10))):
        layer = CATALOGUE[draw(st.sampled_from(types))]
        params = {p.name: draw(_param_value(p)) for p in layer.params if draw(st.booleans())}
        pos = (draw(st.integers(-(10**6), 10**6)) / 100, draw(st.integers(-(10**6), 10**6)) / 100)
        name = draw(st.text(max_size=6))
        graph.add_node(layer.type, params, pos, name=name)
    ids = list(graph.nodes)
    for _ in range(draw(st.integers(0, 15)) if len(ids) > 1 else 0):
        a, b = sorted(
            draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True)), key=ids.index
        )
        port = draw(st.integers(0, 3))
        if graph.can_connect(a, b, port) is None:
            graph.connect(a, b, port)
    return graph


@FAST
@given(graph=graphs(), suffix=st.sampled_from([".json", ".nbproj"]), notes=st.text(max_size=20))
def test_random_graphs_round_trip(tmp_path, graph, suffix, notes):
    project = Project(graph=graph, name="fuzz", notes=notes, view={"n": len(graph)})
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    save_project(first, project)
    loaded = load_project(first)
    assert loaded.warnings == []
    assert project_to_dict(loaded.project) == project_to_dict(project)
    for node in graph:
        twin = loaded.project.graph.node(node.id)
        assert (twin.type, twin.params, twin.pos, twin.name) == (
            node.type,
            node.params,
            node.pos,
            node.name,
        )
    assert {(e.src, e.dst, e.dst_port) for e in loaded.project.graph.edges} == {
        (e.src, e.dst, e.dst_port) for e in graph.edges
    }
    save_project(second, loaded.project)
    assert first.read_bytes() == second.read_bytes()
