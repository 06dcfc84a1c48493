"""``netbuilder import model.pt2``: a torch.export archive round-trips (the compiled project equals
the exported program within 1e-5), takes its input shape from the archive, reports what does not
map at its source line, and is read without unpickling anything."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
import torch

from netbuilder.cli import main
from netbuilder.engine.importing import load_model
from netbuilder.engine.network.compile import compile_graph
from netbuilder.engine.training.checkpoint import load_weights
from netbuilder.io import load_project

MODELS = Path(__file__).parents[2] / "fixtures" / "models"


def _export(source: str, shape: tuple[int, ...], path: Path, batch: int = 2) -> torch.nn.Module:
    torch.manual_seed(0)
    model = load_model(f"{MODELS / source}").eval()
    with torch.no_grad():  # trained-looking batch-norm statistics
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
    program = torch.export.export(model, (torch.randn(batch, *shape),))
    torch.export.save(program, str(path))
    return model


@pytest.fixture(scope="module")
def vgg_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pt2") / "vgg.pt2"
    _export("vgg.py:SmallVGG", (3, 16, 16), path)
    return path


def _round_trip(archive: Path, out: Path, shape: tuple[int, ...], capsys) -> dict:
    assert main(["import", str(archive), "-o", str(out), "--weights", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    loaded = load_project(out)
    compiled = compile_graph(loaded.project.graph)
    load_weights(compiled, loaded.weights)
    compiled.eval()
    reference = torch.export.load(str(archive)).module()  # the test trusts its own file
    x = torch.randn(2, *shape)
    with torch.no_grad():
        assert (compiled(x) - reference(x)).abs().max() <= 1e-5
    assert loaded.project.graph.nodes["input"].params["shape"] == shape
    return doc


def test_a_vgg_archive_round_trips_with_the_archives_input_shape(vgg_archive, tmp_path, capsys):
    doc = _round_trip(vgg_archive, tmp_path / "vgg.nbproj", (3, 16, 16), capsys)
    assert doc["event"] == "imported" and doc["layers"] == 15 and doc["weights"] is True
    nodes = load_project(tmp_path / "vgg.nbproj").project.graph.nodes
    assert nodes["features_0"].type == "Conv2d" and nodes["classifier_3"].type == "Linear"


@pytest.mark.slow  # ~3 s: an export of its own (the VGG archive is shared)
def test_a_resnet_archive_exported_for_one_sample_round_trips(tmp_path, capsys):
    archive = tmp_path / "resnet.pt2"
    _export("resnet.py:resnet_tiny", (3, 16, 16), archive, batch=1)  # view(x.size(0), -1)
    out = tmp_path / "resnet.nbproj"
    assert main(["import", str(archive), "-o", str(out), "--weights", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["layers"] == 36 and doc["max_difference"] <= 1e-5  # as the .py import
    loaded = load_project(out)
    nodes = loaded.project.graph.nodes
    assert nodes["layer1_0_conv1"].type == "Conv2d" and nodes["layer1_0_add"].type == "Add"
    compiled = compile_graph(loaded.project.graph)
    load_weights(compiled, loaded.weights)
    compiled.eval()
    x = torch.randn(1, 3, 16, 16)
    with torch.no_grad():
        want = torch.export.load(str(archive)).module()(x)
        assert (compiled(x) - want).abs().max() <= 1e-5


def test_an_input_shape_that_disagrees_with_the_archive_names_both(vgg_archive, tmp_path, capsys):
    out = tmp_path / "p.nbproj"
    assert main(["import", str(vgg_archive), "-o", str(out), "--input-shape", "3,32,32"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "3,32,32" in err and "3,16,16" in err
    assert not out.exists()
    assert main(["import", str(vgg_archive), "-o", str(out), "--input-shape", "3,16,16"]) == 0


def test_an_unsupported_operation_is_reported_at_its_source_line(tmp_path, capsys):
    archive = tmp_path / "odd.pt2"
    torch.export.save(
        torch.export.export(
            load_model(f"{MODELS / 'unsupported.py'}:Odd").eval(), (torch.randn(2, 4),)
        ),
        str(archive),
    )
    out = tmp_path / "odd.nbproj"
    assert main(["import", str(archive), "-o", str(out), "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert any(p.startswith("(top level): aten.sin at unsupported.py:14") for p in doc["problems"])
    assert any("aten.cumsum at unsupported.py:15" in p for p in doc["problems"])
    assert not out.exists()


def test_a_file_that_is_not_an_archive_is_one_line_exit_2(tmp_path, capsys):
    bad = tmp_path / "model.pt2"
    bad.write_bytes(b"not a zip at all")
    assert main(["import", str(bad), "-o", str(tmp_path / "p.nbproj")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        "netbuilder import: model.pt2: not a torch.export archive "
        "(write one with torch.export.save)"
    )


def _rewrite(archive: Path, out: Path, member: str, data: bytes) -> None:
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            body = data if info.filename.endswith(member) else src.read(info.filename)
            dst.writestr(info, body)


class _Payload:
    """Unpickling this would run code: netbuilder must refuse it, not load it."""

    def __reduce__(self):  # pragma: no cover - never unpickled
        return (print, ("unpickled!",))


def test_nothing_is_unpickled_and_a_pickled_member_is_refused(
    vgg_archive, tmp_path, capsys, monkeypatch
):
    real_load = torch.load
    calls: list[object] = []

    def checked_load(*args, **kwargs):
        calls.append(kwargs.get("weights_only"))
        return real_load(*args, **kwargs)

    monkeypatch.setattr(torch, "load", checked_load)
    assert main(["import", str(vgg_archive), "-o", str(tmp_path / "ok.json")]) == 0
    assert calls and all(flag is True for flag in calls)
    capsys.readouterr()
    buffer = io.BytesIO()
    torch.save(((_Payload(),), {}), buffer)
    hostile = tmp_path / "hostile.pt2"
    _rewrite(vgg_archive, hostile, "sample_inputs/model.pt", buffer.getvalue())
    assert main(["import", str(hostile), "-o", str(tmp_path / "p.nbproj")]) == 2
    captured = capsys.readouterr()
    assert "unpickled!" not in captured.out
    assert "sample inputs are not plain tensors" in captured.err
    assert all(flag is True for flag in calls)


def test_a_shape_expression_that_is_not_arithmetic_is_refused(vgg_archive, tmp_path, capsys):
    with zipfile.ZipFile(vgg_archive) as z:
        name = next(n for n in z.namelist() if n.endswith("models/model.json"))
        program = z.read(name).decode()
    doc = json.loads(program)
    doc["range_constraints"] = {}
    text = json.dumps(doc)[:-1] + ', "x": {"expr_str": "__import__(\'os\').getcwd()"}}'
    hostile = tmp_path / "expr.pt2"
    _rewrite(vgg_archive, hostile, "models/model.json", text.encode())
    assert main(["import", str(hostile), "-o", str(tmp_path / "p.nbproj")]) == 2
    assert "shape expression netbuilder will not evaluate" in capsys.readouterr().err


@pytest.mark.slow  # ~3 s: an export of its own
def test_an_archive_with_a_dynamic_batch_round_trips(tmp_path):
    from netbuilder.engine.importing.pt2 import import_archive

    torch.manual_seed(0)
    model = load_model(f"{MODELS / 'resnet.py'}:resnet_tiny").eval()
    batch = torch.export.Dim("batch", min=2, max=64)
    program = torch.export.export(
        model, (torch.randn(4, 3, 16, 16),), dynamic_shapes={"x": {0: batch}}
    )
    torch.export.save(program, str(tmp_path / "dynamic.pt2"))
    imported = import_archive(tmp_path / "dynamic.pt2")  # x.size(0) in view: a size, not a layer
    assert imported.layers == 36 and imported.max_difference <= 1e-5


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("Symbol('s77', positive=True, integer=True)", True),
        ("FloorDiv(s1, 2) + 1.5*s0", True),
        ("__import__('os').getcwd()", False),
        ("Symbol('os', positive=True)", False),
        ("s0.__class__", False),
        ("getattr(s0, 'x')", False),
    ],
)
def test_only_sympy_arithmetic_on_size_symbols_is_evaluated(text, plain):
    from netbuilder.engine.importing.archive import _plain_expression

    assert _plain_expression(text) is plain


def test_a_python_source_still_needs_its_input_shape(tmp_path, capsys):
    source = f"{MODELS / 'vgg.py'}:SmallVGG"
    assert main(["import", source, "-o", str(tmp_path / "p.json")]) == 2
    assert "--input-shape is needed" in capsys.readouterr().err
