"""Export: readable PyTorch source, safetensors weights, and what every format shares
(errors naming the node, atomic writes, the never-trained note)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
import safetensors.torch
import torch
from torch import nn

from netbuilder.engine.export import (
    NEVER_TRAINED,
    ExportError,
    default_class_name,
    export,
    export_python,
    prepare_model,
    python_source,
)
from netbuilder.engine.export.constructors import constructor_source
from netbuilder.engine.network import builders
from netbuilder.engine.training.checkpoint import weights_to_bytes
from netbuilder.io import load_project
from netbuilder.model import CATALOGUE, Graph, NetbuilderError, Project, TrainingSettings
from tests.examples_support import supported_examples

EXAMPLES = supported_examples()  # those this build can run (others wait for their branch)
slow = pytest.mark.slow  # deselected by default (pyproject addopts); run with pytest -m slow


# --- helpers shared with test_export_formats.py and test_export_torchrun.py ------------------


def trained(path: Path, seed: int = 1):
    """The example loaded with weights that differ from its seeded initial weights (as if
    trained), and the in-app module holding them, in eval mode."""
    loaded = load_project(path)
    module = prepare_model(loaded).module
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, t in module.state_dict().items():
            if t.is_floating_point():
                noise = torch.randn(t.shape, generator=gen) * 0.1
                t.copy_(t.abs() + 0.5 if "running_var" in name else t + noise)
    loaded.weights = weights_to_bytes(module)
    return loaded, module.eval()


def inputs_for(module, batch: int, seed: int = 0) -> tuple[torch.Tensor, ...]:
    gen = torch.Generator().manual_seed(seed)
    out = []
    for shape, dtype in zip(module.input_shapes, module.input_dtypes, strict=True):
        if dtype == "int64":
            out.append(torch.randint(0, 8, (batch, *shape), generator=gen))
        else:
            out.append(torch.randn((batch, *shape), generator=gen))
    return tuple(out)


def outputs(module, *x) -> tuple[torch.Tensor, ...]:
    with torch.no_grad():
        y = module(*x)
    return y if isinstance(y, tuple) else (y,)


def chain(specs, input_shape=(2,), dtype="float32", name="Chain", **training) -> Project:
    g = Graph()
    g.add_node("Input", {"shape": list(input_shape), "dtype": dtype}, node_id="input_1")
    prev = "input_1"
    for layer, params, *nid in specs:
        prev_node = g.add_node(layer, params, node_id=nid[0] if nid else None)
        g.connect(prev, prev_node.id)
        prev = prev_node.id
    g.add_node("Output", {}, node_id="output_1")
    g.connect(prev, "output_1")
    return Project(graph=g, name=name, training=TrainingSettings(**training))


def every_layer() -> Project:
    """One graph using every catalogue type: recurrent "last" in both directions, merges of
    two and three inputs, Reshape with -1, two outputs, token inputs, non-default params."""
    g = Graph()

    def add(layer, params, nid, *srcs):
        g.add_node(layer, params, node_id=nid)
        for s in srcs:
            g.connect(s, nid)

    add("Input", {"shape": [12], "dtype": "int64"}, "tokens")
    add("Embedding", {"num_embeddings": 50, "embedding_dim": 8}, "embed", "tokens")
    lstm = {"hidden_size": 6, "num_layers": 2, "bidirectional": True, "output": "last"}
    add("LSTM", lstm, "lstm_last", "embed")
    add("GRU", {"hidden_size": 5, "output": "last"}, "gru_last", "embed")
    add("LSTM", {"hidden_size": 4}, "lstm_seq", "embed")
    add("GRU", {"hidden_size": 3, "bidirectional": True}, "gru_seq", "lstm_seq")
    add("Flatten", {}, "flat", "gru_seq")
    add("Linear", {"out_features": 17}, "lin_a", "flat")
    embed0 = {"num_embeddings": 50, "embedding_dim": 3, "padding_idx_zero": True}
    add("Embedding", embed0, "embed0", "tokens")
    add("Transpose", {}, "swap", "embed0")
    add("Transpose", {"dim0": 2, "dim1": 1}, "unswap", "swap")
    add("SequencePool", {"mode": "last"}, "pool", "unswap", "tokens")
    add("MultiheadSelfAttention", {"num_heads": 2, "dropout": 0.1}, "attn", "embed")
    encoder = {"nhead": 4, "dim_feedforward": 16, "activation": "gelu", "norm_first": True}
    add("TransformerEncoderLayer", encoder, "encoder", "attn")
    add("SequencePool", {"mode": "mean"}, "pool_enc", "encoder", "tokens")
    add("Concat", {"dim": 1}, "cat", "lstm_last", "gru_last", "lin_a", "pool", "pool_enc")
    add("LayerNorm", {"eps": 1e-4}, "norm", "cat")
    add("Linear", {"out_features": 64, "bias": False}, "lin_b", "norm")
    add("Reshape", {"shape": [4, 4, 4]}, "square", "lin_b")
    add("Conv2d", {"out_channels": 6, "padding": 1, "groups": 2}, "conv", "square")
    add("BatchNorm2d", {"momentum": 0.2}, "bn2", "conv")
    add("LeakyReLU", {"negative_slope": 0.2}, "leaky", "bn2")
    up = {"out_channels": 3, "kernel_size": 2, "stride": 2}
    add("ConvTranspose2d", up, "deconv", "leaky")
    add("AvgPool2d", {"kernel_size": 2}, "avg", "deconv")
    add("MaxPool2d", {"kernel_size": 2, "stride": 1}, "maxp", "avg")
    add("AdaptiveAvgPool2d", {"output_size": [2, 2]}, "adapt", "maxp")
    add("Flatten", {}, "flat2", "adapt")
    add("Reshape", {"shape": [3, -1]}, "seq", "flat2")
    add("Conv1d", {"out_channels": 5, "kernel_size": 2}, "conv1", "seq")
    add("BatchNorm1d", {}, "bn1", "conv1")
    add("Flatten", {}, "flat3", "bn1")
    add("Dropout", {"p": 0.3}, "drop", "flat3")
    add("GELU", {"approximate": "tanh"}, "gelu", "drop")
    add("SiLU", {}, "silu", "drop")
    add("Sigmoid", {}, "sig", "drop")
    add("Multiply", {}, "gate", "gelu", "sig")
    add("Add", {}, "sum3", "gate", "silu", "drop")
    add("Tanh", {}, "tanh", "sum3")
    add("Identity", {}, "same", "tanh")
    add("Add", {}, "sum2", "same", "gelu")
    add("ReLU", {}, "relu", "sum2")
    add("Softmax", {"dim": -1}, "soft", "relu")
    add("Output", {}, "out_main", "soft")
    add("Output", {}, "out_aux", "lstm_last")
    # issue 14's tensor operations, as in MobileNet/EfficientNet heads: a third output
    add("Upsample", {"scale_factor": 1.5, "mode": "bilinear"}, "up", "leaky")
    add("Upsample", {"scale_factor": 2.0}, "up_near", "up")
    add("Pad", {"padding": [1, 0, 2, 1], "value": 0.5}, "pad", "up_near")
    add("Hardswish", {}, "hswish", "pad")
    add("Mean", {"dims": [2, 3], "keepdim": True}, "squeeze", "hswish")
    add("Multiply", {}, "excite", "hswish", "squeeze")  # [N, 6, 1, 1] broadcast over H, W
    add("Chunk", {"chunks": 4, "index": 2, "dim": 1}, "third", "excite")  # 6 -> 2, 2, 2
    add("Permute", {"dims": [2, 3, 1]}, "channels_last", "third")
    add("Mean", {"dims": [1, 2]}, "spatial_mean", "channels_last")
    add("ReLU6", {}, "relu6", "spatial_mean")
    add("Hardsigmoid", {}, "hsig", "relu6")
    add("Scale", {"factor": -0.5}, "scaled", "hsig")
    add("StochasticDepth", {"p": 0.2}, "drop_path", "scaled")
    add("Output", {}, "out_ops", "drop_path")
    return Project(graph=g, name='Every "layer" \\ type', training=TrainingSettings(loss="mse"))


def load_source(source: str, class_name: str) -> type[nn.Module]:
    namespace: dict = {"__name__": "exported"}
    exec(compile(source, "exported.py", "exec"), namespace)
    return namespace[class_name]


def ruff(*args: str) -> subprocess.CompletedProcess | None:
    exe = shutil.which("ruff")
    if exe is None:
        return None
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=60)


def assert_ruff_clean(path: Path) -> None:
    check = ruff("check", "--isolated", "--select", "E,F,W,I,B,UP", "--ignore", "E501", str(path))
    if check is None:
        pytest.skip("ruff is not installed")
    assert check.returncode == 0, check.stdout + check.stderr
    fmt = ruff("format", "--isolated", "--check", "--diff", str(path))
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


# --- python ----------------------------------------------------------------------------------

RUNNER = textwrap.dedent(
    """
    import importlib.util
    import sys
    from pathlib import Path

    import numpy as np
    import torch

    torch.set_num_threads(1)
    for folder in sorted(Path(sys.argv[1]).iterdir()):
        spec = importlib.util.spec_from_file_location(folder.name, folder / "model.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        model = module.load(str(folder / "weights.safetensors"))
        xs = [np.load(p, allow_pickle=False) for p in sorted(folder.glob("x*.npy"))]
        with torch.no_grad():
            y = model(*(torch.from_numpy(x) for x in xs))  # one array per input, in order
        np.save(folder / "y.npy", y.numpy())
    assert "netbuilder" not in sys.modules, "the exported code imported netbuilder"
    print("ok", len(list(Path(sys.argv[1]).iterdir())))
    """
)


def test_python_export_matches_the_app_in_a_fresh_interpreter(tmp_path):
    """Every example: the exported .py plus exported weights, in a fresh interpreter that never
    imports netbuilder, gives the in-app model's outputs."""
    expected = {}
    for path in EXAMPLES:
        loaded, module = trained(path)
        folder = tmp_path / "models" / path.stem
        folder.mkdir(parents=True)
        export_python(loaded, folder / "model.py")
        result = export(loaded, "safetensors", folder / "weights.safetensors")
        assert result.notes == []  # it has (perturbed) trained weights
        xs = inputs_for(module, batch=5)
        for i, x in enumerate(xs):
            np.save(folder / f"x{i}.npy", x.numpy())
        expected[path.stem] = outputs(module, *xs)[0].numpy()
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER)
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    proc = subprocess.run(
        [sys.executable, str(runner), str(tmp_path / "models")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"ok {len(EXAMPLES)}"
    for name, want in expected.items():
        got = np.load(tmp_path / "models" / name / "y.npy", allow_pickle=False)
        assert got.shape == want.shape
        # float32 rounding only: the runner uses 1 thread, the app several, so a convolution
        # over 16x28x28 sums in another order (shapes_cnn: 2.4e-6 on logits near 5, 5 ulp).
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-6, err_msg=name)


def test_every_layer_type_exports_to_equivalent_code():
    project = every_layer()
    used = {n.type for n in project.graph.nodes.values()}
    assert used == set(CATALOGUE)
    model = prepare_model(project, with_weights=False)
    app = model.module
    with torch.no_grad():  # non-trivial weights and running statistics
        for name, t in app.state_dict().items():
            if t.is_floating_point():
                t.copy_(torch.rand(t.shape) + (0.5 if "running_var" in name else -0.5))
    cls = load_source(python_source(model), "EveryLayerType")
    net = cls()
    assert list(net.state_dict()) == list(app.state_dict())
    net.load_state_dict(app.state_dict(), strict=True)
    net.eval()
    x = inputs_for(app, batch=5)
    for got, want in zip(outputs(net, *x), outputs(app, *x), strict=True):
        assert got.shape == want.shape
        assert (got - want).abs().max().item() <= 1e-6


def test_generated_class_starts_from_the_apps_seeded_initial_weights():
    """Same layers built in the same order: torch.manual_seed(seed) gives the same init."""
    for project in (every_layer(), load_project(EXAMPLES[0]).project):
        model = prepare_model(project, with_weights=False)
        name = default_class_name(project.name)
        cls = load_source(python_source(model), name)
        torch.manual_seed(project.training.seed)
        net = cls()
        for key, value in model.module.state_dict().items():
            assert torch.equal(net.state_dict()[key], value), key


def test_recurrent_last_output_is_the_top_layers_final_hidden_state():
    source = python_source(prepare_model(every_layer(), with_weights=False))
    assert "_, (h_n, _) = self.lstm_last(embed)" in source
    assert "lstm_last = torch.cat([h_n[-2], h_n[-1]], dim=1)" in source
    assert "_, h_n = self.gru_last(embed)" in source
    assert "gru_last = h_n[-1]" in source
    assert "lstm_seq, _ = self.lstm_seq(embed)" in source


def test_source_is_readable_deterministic_and_ruff_clean(tmp_path):
    long_id = "a_rather_long_node_identifier_that_goes_on_and_on_for_a_while_xy"
    project = chain(
        [
            ("Linear", {"out_features": 6}, long_id),
            ("LayerNorm", {"eps": 1e-3, "elementwise_affine": False}, long_id[:-1] + "z"),
            ("Reshape", {"shape": [2, 3]}),
            ("Conv1d", {"out_channels": 4, "kernel_size": 2, "stride": 1, "bias": False}),
            ("Flatten", {}),
        ],
        name="3 long names!",
    )
    projects = [load_project(p).project for p in EXAMPLES] + [every_layer(), project]
    for i, proj in enumerate(projects):
        source = python_source(prepare_model(proj, with_weights=False))
        assert source == python_source(prepare_model(proj, with_weights=False))
        assert "netbuilder" not in source.split('"""', 2)[2]  # only named in the docstring
        path = tmp_path / f"model_{i}.py"
        path.write_text(source)
        assert_ruff_clean(path)
    residual = python_source(
        prepare_model(
            load_project(next(p for p in EXAMPLES if p.stem == "residual_mlp")), with_weights=False
        )
    )
    assert "self.linear_1 = nn.Linear(2, 64)" in residual
    assert "add_1 = torch.add(" in residual
    assert "Input:  input_1 [N, 2] float32" in residual
    assert "Output: output_1 [N, 3]" in residual
    assert 'load("weights.safetensors")' in residual
    imports = [ln for ln in residual.splitlines() if ln.startswith(("import ", "from "))]
    assert imports == ["import torch", "from torch import nn"]


def test_constructor_source_rebuilds_each_layer():
    app = prepare_model(every_layer(), with_weights=False).module
    seen = 0
    for node_id, module in app.named_children():
        source = constructor_source(module)
        if source is None or app.node_types[node_id] in ("Input", "Output", "Identity"):
            continue
        rebuilt = eval(source, {"nn": nn})
        assert isinstance(module, type(rebuilt)), node_id
        assert rebuilt.extra_repr() == module.extra_repr(), node_id
        shapes = {k: v.shape for k, v in module.state_dict().items()}
        assert {k: v.shape for k, v in rebuilt.state_dict().items()} == shapes
        seen += 1
    assert seen >= 25


def test_class_names(tmp_path):
    assert default_class_name("Two moons MLP") == "TwoMoonsMLP"
    assert default_class_name("") == "Network"
    assert default_class_name("3 layers") == "Net3Layers"
    assert default_class_name("none") == "NoneNet"
    path = tmp_path / "m.py"
    export_python(load_project(EXAMPLES[0]), path, class_name="Classifier")
    assert "class Classifier(nn.Module):" in path.read_text()
    with pytest.raises(ExportError, match="not a valid Python identifier"):
        export_python(load_project(EXAMPLES[0]), path, class_name="2fast")


def test_a_layer_without_plain_pytorch_equivalent_is_named(tmp_path, monkeypatch):
    class Odd(nn.Module):
        def forward(self, x):
            return x * 2

    monkeypatch.setitem(builders.BUILDERS, "Tanh", lambda p, s, kw: Odd())
    project = chain([("Linear", {"out_features": 4}), ("Tanh", {}, "odd_one")])
    with pytest.raises(ExportError, match="odd_one") as info:
        export_python(project, tmp_path / "m.py")
    assert info.value.node == "odd_one"
    assert list(tmp_path.iterdir()) == []


# --- safetensors ------------------------------------------------------------------------------


def test_safetensors_holds_the_projects_weights_named_after_nodes(tmp_path):
    loaded, module = trained(EXAMPLES[0])
    result = export(loaded, "safetensors", tmp_path / "w.safetensors")
    assert result.notes == []
    tensors = safetensors.torch.load_file(tmp_path / "w.safetensors")
    assert sorted(tensors) == sorted(module.state_dict())
    for key, value in module.state_dict().items():
        assert torch.equal(tensors[key], value)


def test_never_trained_project_exports_its_seeded_initial_weights(tmp_path):
    loaded = load_project(EXAMPLES[1])
    assert loaded.weights is None
    rng = torch.get_rng_state()
    result = export(loaded, "safetensors", tmp_path / "w.safetensors")
    assert torch.equal(torch.get_rng_state(), rng)  # the caller's RNG is left alone
    assert result.notes == [NEVER_TRAINED]
    assert "never trained" in NEVER_TRAINED
    torch.manual_seed(loaded.project.training.seed)
    from netbuilder.engine.data.datasets import dataset_info
    from netbuilder.engine.network.compile import compile_graph

    info = dataset_info(loaded.project.dataset, EXAMPLES[1].parent)
    fresh = compile_graph(loaded.project.graph, info)
    tensors = safetensors.torch.load_file(tmp_path / "w.safetensors")
    for key, value in fresh.state_dict().items():
        assert torch.equal(tensors[key], value), key


def test_weights_that_do_not_fit_the_graph_are_refused(tmp_path):
    loaded = load_project(EXAMPLES[0])
    other, _ = trained(EXAMPLES[1])
    loaded.weights = other.weights
    with pytest.raises(ExportError, match="weights"):
        export(loaded, "safetensors", tmp_path / "w.safetensors")
    assert list(tmp_path.iterdir()) == []


# --- bad input: invalid graph, unwritable paths, no partial files -----------------------------


def broken_project() -> Project:
    """Linear fed an image: needs a Flatten first (a shape error at ``dense``)."""
    return chain(
        [
            ("Conv2d", {"out_channels": 2, "kernel_size": 3}),
            ("Linear", {"out_features": 2}, "dense"),
        ],
        input_shape=(1, 5, 5),
    )


FILE_FORMATS = [("python", "m.py"), ("safetensors", "w.safetensors")]


@pytest.mark.parametrize("fmt,name", [*FILE_FORMATS, ("onnx", "m.onnx"), ("pt2", "m.pt2")])
def test_invalid_graph_is_refused_naming_the_node(tmp_path, fmt, name):
    with pytest.raises(ExportError) as info:
        export(broken_project(), fmt, tmp_path / name)
    assert info.value.node == "dense"
    assert "dense" in str(info.value)
    assert isinstance(info.value, NetbuilderError)
    assert list(tmp_path.iterdir()) == []


def test_torchrun_of_invalid_graph_is_refused(tmp_path):
    with pytest.raises(ExportError, match="dense"):
        export(broken_project(), "torchrun", tmp_path / "run")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt,name", [*FILE_FORMATS, ("torchrun", "run")])
def test_unwritable_targets_give_a_clear_message_and_no_file(tmp_path, fmt, name):
    project = load_project(EXAMPLES[3])
    with pytest.raises(ExportError, match="does not exist"):
        export(project, fmt, tmp_path / "missing" / name)
    (tmp_path / "plain_file").write_text("x")
    with pytest.raises(ExportError, match="is a file, not a folder"):
        export(project, fmt, tmp_path / "plain_file" / name)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain_file"]


def test_file_formats_refuse_a_folder_and_torchrun_a_file(tmp_path):
    project = load_project(EXAMPLES[3])
    (tmp_path / "folder").mkdir()
    with pytest.raises(ExportError, match="it is a folder"):
        export(project, "python", tmp_path / "folder")
    (tmp_path / "file").write_text("keep me")
    with pytest.raises(ExportError, match="a folder is needed"):
        export(project, "torchrun", tmp_path / "file")
    assert (tmp_path / "file").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "folder"]


def test_a_failure_while_writing_leaves_the_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "w.safetensors"
    target.write_bytes(b"old")

    original = Path.write_bytes

    def partial_then_fail(self, data):
        original(self, data[:10])  # a partial temp file exists when the error comes
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", partial_then_fail)
    with pytest.raises(ExportError, match="No space left"):
        export(load_project(EXAMPLES[3]), "safetensors", target)
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["w.safetensors"]


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ExportError, match="unknown export format"):
        export(load_project(EXAMPLES[3]), "tflite", tmp_path / "m")


@pytest.mark.parametrize("name", ["digits_mlp", "digits_cnn"])
def test_exports_carry_the_input_standardisation(tmp_path, name):
    """Raw data prepared with the exported standardize() matches what the app trains on."""
    import importlib.util
    import json as json_module

    import numpy as np
    from safetensors import safe_open

    from netbuilder.engine.data.datasets import load_dataset
    from netbuilder.engine.data.preprocess import apply_standardizer
    from netbuilder.engine.export import export
    from netbuilder.io import load_project

    path = next(p for p in EXAMPLES if p.stem == name)
    loaded = load_project(path)
    export(loaded, "python", tmp_path / "m.py")
    spec = importlib.util.spec_from_file_location("exported_m", tmp_path / "m.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    data = load_dataset(loaded.project.dataset, path.parent)
    raw = np.random.default_rng(0).uniform(0, 16, size=(5, *data.info.input_shape))
    raw = raw.astype(np.float32)
    ours = module.standardize(torch.from_numpy(raw)).numpy()
    np.testing.assert_allclose(ours, apply_standardizer(raw, data.mean, data.std), rtol=1e-6)
    export(loaded, "safetensors", tmp_path / "w.safetensors")
    with safe_open(str(tmp_path / "w.safetensors"), "pt") as f:
        meta = f.metadata()
    assert np.allclose(json_module.loads(meta["input_mean"]), data.mean.ravel())


BESIDE_RUNNER = textwrap.dedent(
    """
    import importlib.util
    import sys

    import numpy as np
    import torch

    spec = importlib.util.spec_from_file_location("exported", sys.argv[1])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.load(sys.argv[2])
    raw = torch.from_numpy(np.load(sys.argv[3], allow_pickle=False))
    with torch.no_grad():
        y = model(module.standardize(raw))
    np.save(sys.argv[4], y.numpy())
    assert "netbuilder" not in sys.modules
    """
)


def test_python_export_writes_the_weights_beside_and_load_applies_them(tmp_path):
    """``weights=True``: NAME.safetensors beside NAME.py; its ``load`` gives the app's trained
    network, and the usage it documents scales raw inputs with standardize()."""
    from netbuilder.engine.data.datasets import load_dataset
    from netbuilder.engine.data.preprocess import apply_standardizer

    path = next(p for p in EXAMPLES if p.stem == "digits_mlp")
    loaded, module = trained(path)
    result = export(loaded, "python", tmp_path / "digits.py", weights=True)
    beside = tmp_path / "digits.safetensors"
    assert result.files == [tmp_path / "digits.py", beside] and result.notes == []
    source = (tmp_path / "digits.py").read_text()
    assert 'model = load("digits.safetensors")' in source
    assert "prediction = model(standardize(" in source
    assert "outputs = model(standardize(" in source  # the script's own demo too
    assert_ruff_clean(tmp_path / "digits.py")
    data = load_dataset(loaded.project.dataset, path.parent)
    raw = np.random.default_rng(1).uniform(0, 16, size=(5, *data.info.input_shape))
    raw = raw.astype(np.float32)
    np.save(tmp_path / "raw.npy", raw)
    runner = tmp_path / "runner.py"
    runner.write_text(BESIDE_RUNNER)
    args = [str(tmp_path / n) for n in ("digits.py", "digits.safetensors", "raw.npy", "y.npy")]
    proc = subprocess.run(
        [sys.executable, str(runner), *args], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    x = torch.from_numpy(apply_standardizer(raw, data.mean, data.std))
    want = outputs(module, x)[0].numpy()
    got = np.load(tmp_path / "y.npy", allow_pickle=False)
    assert np.abs(got - want).max() <= 1e-5
    # Run as a script, the file finds its weights by itself.
    ran = subprocess.run(
        [sys.executable, str(tmp_path / "digits.py")], capture_output=True, text=True, timeout=120
    )
    assert ran.returncode == 0 and "torch.Size([4, 10])" in ran.stdout, ran.stderr
    # Without the option, only the .py (as before).
    only = export(loaded, "python", tmp_path / "only.py")
    assert only.files == [tmp_path / "only.py"]
    assert not (tmp_path / "only.safetensors").exists()
