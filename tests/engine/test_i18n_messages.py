"""The messages made below the window are translatable ``Text``s that read as before in English.

A shape error, a fix's label, a doctor's finding and a project file's error keep their English
words exactly (the CLI, logs and files show them), and remember their source and fields, so the
window can show them translated (``tests/qt/test_i18n_engine.py`` checks the Chinese). The ast
guard below keeps new user-facing errors from arriving untranslated.
"""

from __future__ import annotations

import ast
import importlib
import json
from pathlib import Path
from types import ModuleType

import pytest

from netbuilder.engine.data.info import DatasetInfo
from netbuilder.engine.doctor.watch_layers import DEAD_SHARE, _dead
from netbuilder.engine.network.compile import CompileError, compile_graph
from netbuilder.engine.network.rule_basics import ShapeProblem
from netbuilder.engine.network.shapes import check_graph
from netbuilder.io import ProjectFileError, load_project, project_to_dict
from netbuilder.model import Graph, NetbuilderError, Project
from netbuilder.model.errors import message_of
from netbuilder.model.i18n import Text

ROOT = Path(__file__).resolve().parents[2]
DIGITS_IMAGES = DatasetInfo("digits", "classification", (1, 8, 8), (), 1797, n_classes=10)
FLAT_IMAGES = DatasetInfo("flat", "classification", (1, 8, 8), (), 100, n_classes=10)


def conv_into_linear() -> Graph:
    g = Graph()
    g.add_node("Input", {"shape": [1, 8, 8]}, node_id="input_1")
    g.add_node("Conv2d", {"out_channels": 8, "kernel_size": 3}, node_id="conv2d_1")
    g.add_node("Linear", {"out_features": 10}, node_id="linear_1")
    g.add_node("Output", node_id="output_1")
    g.connect("input_1", "conv2d_1")
    g.connect("conv2d_1", "linear_1")
    g.connect("linear_1", "output_1")
    return g


def mismatched_add() -> Graph:
    g = Graph()
    g.add_node("Input", {"shape": [8]}, node_id="input_1")
    g.add_node("Linear", {"out_features": 4}, node_id="left")
    g.add_node("Linear", {"out_features": 6}, node_id="right")
    g.add_node("Add", node_id="add_1")
    g.add_node("Output", node_id="output_1")
    for a, b in (("input_1", "left"), ("input_1", "right"), ("left", "add_1")):
        g.connect(a, b)
    g.connect("right", "add_1", 1)
    g.connect("add_1", "output_1")
    return g


def test_a_shape_error_and_its_fix_label_are_texts_with_the_old_english() -> None:
    report = check_graph(conv_into_linear(), DIGITS_IMAGES, "cross_entropy")
    error = report.errors["linear_1"]
    assert isinstance(error, Text)
    assert error == "Linear needs [N, features] but receives [N, 8, 6, 6]; insert Flatten before it"
    assert (error.context, error.source) == ("Shapes", "{problem}; {fix}")
    assert error.fields["problem"].fields["shape"] == "[N, 8, 6, 6]"
    label = report.fixes["linear_1"].label
    assert isinstance(label, Text) and label == "Insert Flatten before linear_1"
    assert label.fields["node"] == "linear_1"


def test_node_names_fill_the_cached_rule_message() -> None:
    """A rule's message names its inputs ``{src[i]}``; the checker fills them in the fields."""
    error = check_graph(mismatched_add()).errors["add_1"]
    assert isinstance(error, Text)
    assert error == "Add needs inputs of the same shape: [N, 4] from left, [N, 6] from right"
    assert "{src" not in str(error)


def test_a_compile_error_keeps_the_text_and_names_the_node() -> None:
    with pytest.raises(CompileError) as info:
        compile_graph(conv_into_linear(), DIGITS_IMAGES)
    message = message_of(info.value)
    assert isinstance(message, Text)
    assert message == (
        "linear_1: Linear needs [N, features] but receives [N, 8, 6, 6]; insert Flatten before it"
    )
    assert str(info.value) == message


def test_a_doctor_finding_reads_as_before() -> None:
    finding = _dead("relu_1", 0.9, 40)
    assert isinstance(finding.meaning, Text) and isinstance(finding.advice, Text)
    assert finding.meaning == (
        "90% of this layer's units output zero for every sample of a batch since step 40 "
        f"(more than {DEAD_SHARE:.0%}): a dead ReLU gets no gradient and never recovers"
    )
    assert finding.remedies[0].label == "Swap ReLU for LeakyReLU"
    assert json.loads(json.dumps(finding.to_dict()))["meaning"] == finding.meaning


def test_a_project_file_error_keeps_its_place_and_english(tmp_path: Path) -> None:
    document = project_to_dict(Project(graph=conv_into_linear()))
    document["training"]["lr"] = "fast"
    path = tmp_path / "digits.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ProjectFileError) as info:
        load_project(path)
    error = info.value
    assert error.field == "training.lr"
    assert str(error) == "digits.json: training.lr must be a number, got 'fast'"
    assert isinstance(error.args[0], Text) and error.args[0] == str(error)
    assert isinstance(error.message, Text)


def test_data_and_training_messages_are_texts_with_the_old_english(tmp_path: Path) -> None:
    from netbuilder.engine.data.errors import DataError
    from netbuilder.engine.data.images import ImageOptions, read_images
    from netbuilder.engine.training.telemetry import NonFinite

    (tmp_path / "cat").mkdir()
    with pytest.raises(DataError) as info:
        read_images(tmp_path, ImageOptions())
    message = message_of(info.value)
    assert isinstance(message, Text) and message.fields["folder"] == tmp_path / "cat"
    assert (
        message
        == f"class folder {tmp_path / 'cat'} holds no images (.png, .jpg, .jpeg, .bmp, .gif)"
    )
    stopped = NonFinite(step=3, epoch=1, node="fc", loss_finite=False, detail="its output is odd")
    assert stopped.message() == (
        "Training stopped: the loss became non-finite (NaN or infinity) at step 3 (epoch 1); "
        "the first layer affected was 'fc' (its output is odd). The last finite weights were "
        "kept; try a lower learning rate, gradient clipping, or check the data for NaN values."
    )
    assert isinstance(stopped.message(), Text)


# --- the guard --------------------------------------------------------------------------------

# The files whose errors reach the window; catalogue.py and layer_spec.py belong to the
# catalogue's own translation, i18n.py is the seam itself.
GUARDED = [
    *sorted((ROOT / "netbuilder" / "engine" / "network").glob("*.py")),
    *sorted((ROOT / "netbuilder" / "engine" / "doctor").glob("*.py")),
    *(
        p
        for p in sorted((ROOT / "netbuilder" / "model").glob("*.py"))
        if p.name not in ("catalogue.py", "layer_spec.py", "i18n.py")
    ),
    *sorted((ROOT / "netbuilder" / "io").glob("*.py")),
    *(
        p
        for area in ("data", "training", "export", "explain", "importing")
        for p in sorted((ROOT / "netbuilder" / "engine" / area).glob("*.py"))
    ),
]
# Helpers that make a user's error (the argument holding the message): ``raise fail("...")``.
HELPERS = {"fail": 0, "bad": 1, "Invalid": 1, "_bad": 1, "error": 0}
# (file, line's message start) raised on purpose in English, with the reason.
EXEMPT: dict[tuple[str, str], str] = {}
# Whole folders whose messages stay English, with the reason (checked below: still true).
EXEMPT_FOLDERS = {
    "netbuilder/engine/importing": "only the CLI (netbuilder import) imports a model; the "
    "window never imports engine.importing, and the CLI stays English",
}


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _user_error(module: ModuleType, name: str) -> bool:
    """``name`` in ``module`` is an error a user reads: a NetbuilderError or a ShapeProblem."""
    value = getattr(module, name, None)
    return isinstance(value, type) and issubclass(value, (NetbuilderError, ShapeProblem))


def untranslated_raises(files: dict[Path, ModuleType], root: Path = ROOT) -> list[str]:
    """``raise SomeUserError("literal" or f"...")`` in ``files`` (each with its module, which
    says what the raised name is), as ``path:line: raise Name(message...)``."""
    found = []
    for path, module in files.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func, args = node.exc.func, node.exc.args
            owner = module
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                owner = getattr(module, func.value.id, None)  # ``_ckpt.CheckpointError``
                name = func.attr if isinstance(owner, ModuleType) else ""
            else:
                name = func.id if isinstance(func, ast.Name) else ""
            at = HELPERS.get(name, 0)
            if not name or len(args) <= at:
                continue
            if name not in HELPERS and not _user_error(owner, name):
                continue
            if isinstance(args[at], ast.Constant | ast.JoinedStr | ast.BinOp):
                text = ast.unparse(args[at])[:40]
                if (path.name, text) not in EXEMPT:
                    where = path.relative_to(root).as_posix()
                    found.append(f"{where}:{node.lineno}: raise {name}({text}...)")
    return found


def _exempt(path: Path) -> bool:
    return any(path.is_relative_to(ROOT / folder) for folder in EXEMPT_FOLDERS)


def test_user_errors_below_the_window_are_raised_with_translate() -> None:
    files = {
        path: importlib.import_module(_module_name(path)) for path in GUARDED if not _exempt(path)
    }
    assert len(files) > 100
    assert untranslated_raises(files) == [], (
        "raise these with translate(context, source).format(...) (netbuilder.model.i18n)"
    )


def test_the_guard_sees_an_untranslated_raise(tmp_path: Path) -> None:
    """The guard's own check: a literal or f-string message for a user's error (or given to a
    helper that makes one) is reported; a translated one, and a programmer's ValueError, not."""
    bad = tmp_path / "bad_rule.py"
    bad.write_text(
        "from netbuilder.model import GraphError\n"
        "from netbuilder.model.i18n import translate\n"
        "def rule(n):\n"
        "    if n:\n"
        "        raise GraphError(f'node {n} is wrong')\n"
        "    if n is None:\n"
        "        raise GraphError('no node')\n"
        "    if n == 0:\n"
        "        raise ValueError('internal')\n"
        "    if n == 1:\n"
        "        raise fail(f'bad {n}')\n"
        "    raise GraphError(translate('Graph', 'node {n}').format(n=n))\n",
        encoding="utf-8",
    )
    module = ModuleType("bad_rule")
    exec(compile(bad.read_text(encoding="utf-8"), str(bad), "exec"), module.__dict__)
    assert untranslated_raises({bad: module}, tmp_path) == [
        "bad_rule.py:5: raise GraphError(f'node {n} is wrong'...)",
        "bad_rule.py:7: raise GraphError('no node'...)",
        "bad_rule.py:11: raise fail(f'bad {n}'...)",
    ]


def test_the_exempt_folders_never_reach_the_window() -> None:
    """An exempt folder's messages stay English because only the CLI shows them: no module of
    the window imports it (if one starts to, its messages must be translated)."""
    for folder in EXEMPT_FOLDERS:
        dotted = folder.replace("/", ".")
        assert (ROOT / folder).is_dir()
        importers = [
            path.relative_to(ROOT).as_posix()
            for path in sorted((ROOT / "netbuilder" / "qt").rglob("*.py"))
            if dotted in path.read_text(encoding="utf-8")
        ]
        assert importers == [], f"{folder} reaches the window: {EXEMPT_FOLDERS[folder]}"
