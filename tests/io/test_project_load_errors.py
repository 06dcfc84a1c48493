"""Files that cannot be used are refused with a message naming the file and the place."""

from __future__ import annotations

import json
import os
import zipfile

import pytest

from netbuilder.io import ProjectFileError, container, load_project, save_project


def _write_json(tmp_path, data, name="digits.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def _load_error(path) -> ProjectFileError:
    with pytest.raises(ProjectFileError) as info:
        load_project(path)
    assert str(info.value).startswith(path.name + ": ")
    assert info.value.path == os.fspath(path)
    return info.value


# --- the file itself --------------------------------------------------------------------------


def test_missing_file(tmp_path):
    err = _load_error(tmp_path / "gone.nbproj")
    assert "no such file" in str(err)


def test_folder_instead_of_file(tmp_path):
    (tmp_path / "dir.nbproj").mkdir()
    assert "folder" in str(_load_error(tmp_path / "dir.nbproj"))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path, project):
    path = tmp_path / "locked.json"
    save_project(path, project)
    path.chmod(0)
    try:
        assert "cannot read" in str(_load_error(path))
    finally:
        path.chmod(0o600)


def test_unreadable_file_reports_os_error(tmp_path, project, monkeypatch):
    path = tmp_path / "locked.json"
    save_project(path, project)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(container, "open", refuse, raising=False)
    assert "cannot read the file (Permission denied)" in str(_load_error(path))


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.nbproj"
    with open(path, "wb") as f:
        f.truncate(container.MAX_FILE_BYTES + 1)  # sparse: no disk used
    err = _load_error(path)
    assert "4096.0 MiB" in str(err) and "at most" in str(err)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.json"
    path.write_bytes(b"")
    assert "empty" in str(_load_error(path))


def test_nbproj_that_is_not_a_zip(tmp_path):
    path = tmp_path / "text.nbproj"
    path.write_text("hello")
    assert "not a .nbproj archive" in str(_load_error(path))


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_truncated_archive(tmp_path, project, keep):
    path = tmp_path / "cut.nbproj"
    save_project(path, project, weights=b"w" * 5000, history=[1, 2, 3])
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    assert "damaged" in str(_load_error(path))


def test_truncated_json_names_line_and_column(tmp_path, project):
    path = tmp_path / "cut.json"
    save_project(path, project)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    err = _load_error(path)
    assert err.line is not None and err.line > 10
    assert f"line {err.line}, column {err.column}: not valid JSON" in str(err)


def test_json_syntax_error_position(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{\n  "format": "netbuilder-project",\n  "name": oops\n}\n')
    err = _load_error(path)
    assert (err.line, err.column) == (3, 11)
    assert str(err) == "bad.json: line 3, column 11: not valid JSON: Expecting value"


def test_syntax_error_inside_archive_names_the_member(tmp_path):
    path = tmp_path / "bad.nbproj"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.json", '{"format": ,}')
    err = _load_error(path)
    assert err.member == "project.json"
    assert str(err).startswith("bad.nbproj: project.json: line 1, column 12:")


def test_binary_garbage_as_json(tmp_path):
    path = tmp_path / "bin.json"
    path.write_bytes(b'{"a": "\xff\xfe"}')
    err = _load_error(path)
    assert "not UTF-8" in str(err) and err.line == 1


def test_archive_without_project_member(tmp_path):
    path = tmp_path / "other.nbproj"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hi")
    assert "no project.json" in str(_load_error(path))


@pytest.mark.parametrize(
    "text, needle",
    [
        ("[1, 2]", "not a JSON object"),
        ('{"format": "something-else"}', "not a netbuilder project"),
        ('{"name": "x"}', "not a netbuilder project"),
        ('{"format": "netbuilder-project", "format_version": "1.0", "a": 1, "a": 2}', "twice"),
        ('{"format": "netbuilder-project", "format_version": NaN}', "NaN is not allowed"),
        (
            '{"format": "netbuilder-project", "format_version": "1.0", "view": {"z": 1e400}}',
            "out of range",
        ),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"v": ' + "[" * 70 + "]" * 70 + "}", "nested too deeply"),
        ('{"format": "netbuilder-project", "n": 1' + "0" * 5000 + "}", "not valid JSON"),
        ('{"format": "netbuilder-project", "name": "\\ud800"}', "surrogate"),
    ],
    ids=[
        "list",
        "other-format",
        "no-format",
        "dup-key",
        "nan",
        "inf",
        "deep",
        "depth-71",
        "huge-int",
        "surrogate",
    ],
)
def test_documents_that_are_not_projects(tmp_path, text, needle):
    path = tmp_path / "doc.json"
    path.write_text(text)
    assert needle in str(_load_error(path))


# --- the structure, field by field ------------------------------------------------------------


def _set(doc, dotted, value):
    """Set ``graph.nodes.2.params.p`` style paths (list indices as numbers)."""
    *parents, last = dotted.split(".")
    target = doc
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value


# (edit, value, expected field, text in the message). Node 1 is "fc1", a Linear.
FIELD_CASES = [
    ("name", 5, "name", "expected text, got 5"),
    ("notes", [], "notes", "expected text, got a list"),
    ("app_version", None, "app_version", "expected text"),
    ("view", [], "view", "expected an object"),
    ("graph", [], "graph", "expected an object"),
    ("graph.nodes", {}, "graph.nodes", "expected a list"),
    ("graph.edges", "x", "graph.edges", "expected a list"),
    ("graph.nodes.1", "fc1", "graph.nodes[1]", "expected an object"),
    ("graph.nodes.1.id", 3, "graph.nodes[1].id", "id: expected text, got 3"),
    ("graph.nodes.1.type", None, "graph.nodes[1].type", "type: expected text, got null"),
    ("graph.nodes.1.name", 1, "graph.nodes[1].name", "expected text"),
    ("graph.nodes.1.params", [], "graph.nodes[1].params", "expected an object"),
    ("graph.nodes.1.pos", [1], "graph.nodes[1].pos", "expected [x, y]"),
    ("graph.nodes.1.pos", [1, "a"], "graph.nodes[1].pos", "expected two numbers, got 'a'"),
    ("graph.nodes.1.pos", [1, 1e300], "graph.nodes[1].pos", "out of range"),
    (
        "graph.nodes.1.params.out_features",
        "ten",
        "graph.nodes[1].params.out_features",
        "Linear.out_features: expected a whole number, got 'ten'",
    ),
    (
        "graph.nodes.1.params.out_features",
        0,
        "graph.nodes[1].params.out_features",
        "below the minimum",
    ),
    (
        "graph.nodes.1.params.out_features",
        10**400,
        "graph.nodes[1].params.out_features",
        "params.out_features: a number is far too large",
    ),
    ("graph.nodes.1.params.bias", 1, "graph.nodes[1].params.bias", "expected true or false"),
    ("graph.nodes.1.params.units", 3, "graph.nodes[1].params.units", "no parameter 'units'"),
    ("graph.nodes.7.params.p", 10**400, "graph.nodes[7].params.p", "far too large"),
    ("graph.nodes.7.params.p", 1e300, "graph.nodes[7].params.p", "above the maximum"),
    ("graph.nodes.1.id", "1abc", "graph.nodes[1].id", "must start with a letter"),
    ("graph.nodes.1.id", "inp", "graph.nodes[1]", "already exists"),
    ("graph.edges.0.src", 1, "graph.edges[0].src", "expected a node id, got 1"),
    ("graph.edges.0.port", -1, "graph.edges[0].port", "expected an input number"),
    ("graph.edges.0.port", True, "graph.edges[0].port", "got True"),
    ("graph.edges.0.port", "0", "graph.edges[0].port", "got '0'"),
    ("graph.edges.0.dst", "ghost", "graph.edges[0]", "No node 'ghost'"),
    ("training", 5, "training", "expected an object or null"),
    ("training.lr", "fast", "training.lr", "training.lr must be a number, got 'fast'"),
    ("training.lr", -1, "training.lr", "greater than 0"),
    ("training.lr", 10**400, "training.lr", "far too large"),
    ("training.seed", 2**63, "training.seed", "at most"),
    ("training.epochs", 2.5, "training.epochs", "whole number"),
    ("training.optimizer", "magic", "training.optimizer", "must be one of"),
    ("training.warp", 9, "training.warp", "not a known setting"),
    ("dataset", [], "dataset", "expected an object or null"),
    ("dataset.val_fraction", "x", "dataset.val_fraction", "must be a number"),
    ("dataset.source", "ftp", "dataset.source", "must be one of"),
    ("format_version", 1.0, "format_version", 'expected a version like "1.0", got 1.0'),
    ("format_version", "one", "format_version", "got 'one'"),
]


@pytest.mark.parametrize("edit, value, field, text", FIELD_CASES, ids=[c[0] for c in FIELD_CASES])
def test_wrong_field_is_named(tmp_path, document, edit, value, field, text):
    _set(document, edit, value)
    path = _write_json(tmp_path, document)
    err = _load_error(path)
    assert err.field == field
    assert text in str(err)
    place = err.where or field
    assert place.split(".")[0].split("[")[0] in str(err)


def test_example_message_shape(tmp_path, document):
    document["graph"]["nodes"][1]["params"]["out_features"] = "ten"
    path = tmp_path / "digits.nbproj"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("project.json", json.dumps(document))
    err = _load_error(path)
    assert str(err) == (
        "digits.nbproj: graph.nodes[1] (fc1): Linear.out_features: expected a whole number, "
        "got 'ten'"
    )
    assert (err.field, err.node) == ("graph.nodes[1].params.out_features", "fc1")


# --- graph rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "edge, text",
    [
        ({"src": "inp", "dst": "left", "port": 0}, "already fed by act1"),
        ({"src": "out_1", "dst": "add", "port": 2}, "cycle"),
        ({"src": "fc1", "dst": "inp", "port": 0}, "takes no inputs"),
        ({"src": "act1", "dst": "head", "port": 1}, "no input 1"),
        ({"src": "nobody", "dst": "head", "port": 0}, "No node 'nobody'"),
        ({"src": "act1", "dst": "left", "port": 0}, "act1 is already connected to left"),
    ],
)
def test_graph_rule_violations_name_the_edge(tmp_path, document, edge, text):
    document["graph"]["edges"].append(edge)
    index = len(document["graph"]["edges"]) - 1
    err = _load_error(_write_json(tmp_path, document))
    assert err.field == f"graph.edges[{index}]"
    assert f"graph.edges[{index}] ({edge['src']} -> {edge['dst']}:{edge['port']})" in str(err)
    assert text.lower() in str(err).lower()


def test_a_cycle_is_named_by_the_edge_that_closes_it_whatever_the_order(tmp_path, document):
    # Cycles are checked once after all edges are in; a file with one is read again edge by
    # edge, so the message still names the edge that closes it, in file order.
    document["graph"]["edges"].reverse()
    document["graph"]["edges"].insert(0, {"src": "out_1", "dst": "add", "port": 2})
    err = _load_error(_write_json(tmp_path, document))
    assert "cycle" in str(err).lower()
    assert err.field.startswith("graph.edges[") and err.field != "graph.edges[0]"


def test_a_fifo_says_what_it_is(tmp_path):
    import os

    fifo = tmp_path / "pipe.nbproj"
    os.mkfifo(fifo)
    with pytest.raises(ProjectFileError, match=r"pipe.nbproj: is a FIFO \(named pipe\), not a"):
        load_project(fifo)


def test_a_number_with_thousands_of_digits_gets_no_advice_to_raise_pythons_limit(tmp_path):
    path = tmp_path / "big.json"
    path.write_text('{"format": "netbuilder-project", "version": 1, "x": ' + "9" * 5000 + "}")
    with pytest.raises(ProjectFileError) as info:
        load_project(path)
    assert "thousands of digits" in str(info.value)
    assert "set_int_max_str_digits" not in str(info.value)
