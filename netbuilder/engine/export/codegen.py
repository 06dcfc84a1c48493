"""Readable, standalone PyTorch source for a project's network.

The generated class creates one layer per node in ``__init__`` under the node's id, in the order
the app builds them (so ``torch.manual_seed(seed)`` gives the app's initial weights and the
state_dict keys are the app's: ``linear_1.weight``); ``forward`` runs the nodes in topological
order with one variable per node. Merges, Reshape and Identity are written inline. The file
imports only torch (and safetensors inside its ``load`` helper). Output is deterministic.
"""

from __future__ import annotations

import builtins
import json
import keyword
import re
import textwrap
from pathlib import Path
from typing import Any

from netbuilder.engine.export.block_source import block_sources, node_types_within
from netbuilder.engine.export.common import (
    ExportError,
    ExportModel,
    ExportResult,
    atomic_file,
    check_target,
    export_metadata,
    prepare_model,
    write_bytes,
)
from netbuilder.engine.export.encoders import EMBED_LIMIT, Encoders, encoders_of
from netbuilder.engine.export.forward_source import (
    RESERVED,
    forward_lines,
    input_params,
    layer_lines,
)
from netbuilder.engine.export.layout import LINE, Brackets, parse_call, render
from netbuilder.engine.network.attention import attention_source
from netbuilder.engine.network.sequence import pool_source
from netbuilder.engine.network.shape_rules import format_shape
from netbuilder.engine.network.tensor_ops import depth_source
from netbuilder.engine.training.checkpoint import weights_to_bytes
from netbuilder.model.i18n import translate
from netbuilder.model.project import LOSS_SPECS

__all__ = [
    "check_class_name",
    "class_source",
    "clean_text",
    "default_class_name",
    "describe_io",
    "example_call",
    "export_python",
    "input_params",
    "python_source",
]

MAX_CLASS_NAME = 40


def default_class_name(project_name: str) -> str:
    """``"Two moons MLP"`` -> ``"TwoMoonsMLP"``; ``"Network"`` when nothing usable is left."""
    words = re.findall(r"[A-Za-z0-9]+", project_name or "")
    name = "".join(w[:1].upper() + w[1:] for w in words)[:MAX_CLASS_NAME]
    if not name:
        return "Network"
    if name[0].isdigit():
        name = "Net" + name
    if keyword.iskeyword(name) or hasattr(builtins, name) or name in RESERVED:
        name += "Net"
    return name


def check_class_name(name: str) -> str:
    """``name`` when it can be the generated class's name; ExportError otherwise."""
    if not name.isidentifier() or not name.isascii() or keyword.iskeyword(name):
        raise ExportError(
            translate(
                "Export",
                "class name {name} is not a valid Python identifier",
            ).format(name=repr(name))
        )
    if len(name) > MAX_CLASS_NAME:
        raise ExportError(
            translate(
                "Export",
                "class name {name} is longer than {max_class_name} characters",
            ).format(name=repr(name), max_class_name=MAX_CLASS_NAME)
        )
    if name in RESERVED or hasattr(builtins, name):
        raise ExportError(
            translate(
                "Export",
                "class name {name} would hide a name the exported code uses",
            ).format(name=repr(name))
        )
    return name


def class_source(model: ExportModel, class_name: str) -> str:
    """The ``nn.Module`` class alone (also inlined into the torchrun script)."""
    gm = model.module
    lines = []
    types = node_types_within(gm)
    if "SequencePool" in types:
        lines += [*pool_source().rstrip().split("\n"), "", ""]
    if "StochasticDepth" in types:
        lines += [*depth_source().rstrip().split("\n"), "", ""]
    if "MultiheadSelfAttention" in types:
        lines += [*attention_source().rstrip().split("\n"), "", ""]
    blocks = block_sources(gm, model.graph.blocks, {class_name})
    for source in blocks.classes:
        lines += [*source.rstrip().split("\n"), "", ""]
    lines.append(f"class {class_name}(nn.Module):")
    doc = f"{clean_text(model.project.name) or 'The network'}: one layer per node, named by its id."
    lines += _docstring(doc, 4)
    lines += ["", "    def __init__(self) -> None:", "        super().__init__()"]
    for nid, source in layer_lines(model, blocks.calls):
        lines += render(parse_call(source), 8, prefix=f"self.{nid} = ")
    params = ", ".join(f"{name}: torch.Tensor" for name in input_params(model))
    returns_type = "torch.Tensor"
    if len(gm.output_ids) > 1:
        returns_type = "tuple[" + ", ".join(["torch.Tensor"] * len(gm.output_ids)) + "]"
    lines.append("")
    lines += render(
        Brackets("def forward(", ["self", *params.split(", ")], f") -> {returns_type}:"), 4
    )
    body, returns = forward_lines(model)
    lines += body
    if len(returns) == 1 or len(f"        return {', '.join(returns)}") <= LINE:
        lines.append(f"        return {', '.join(returns)}")
    else:
        # ruff puts each element of a wrapped tuple on its own line
        lines += ["        return (", *[f"            {r}," for r in returns], "        )"]
    return "\n".join(lines) + "\n"


def clean_text(text: str) -> str:
    """Text safe inside a docstring: one line, printable, no backslashes or quotes runs."""
    text = " ".join(str(text or "").split())
    text = "".join(ch for ch in text if ch.isprintable()).replace("\\", "/")
    return text.replace('"""', "'''").strip().rstrip('"')


def _docstring(text: str, indent: int, more: list[str] | None = None) -> list[str]:
    pad = " " * indent
    width = LINE - indent - 6
    first = textwrap.wrap(text, width) or [""]
    lines = [f'{pad}"""{first[0]}'] + [f"{pad}{w}" for w in first[1:]]
    if more:
        lines.append("")
        lines += [f"{pad}{m}" if m else "" for m in more]
        lines.append(f'{pad}"""')
    elif len(first) == 1:
        lines[0] += '"""'
    else:
        lines.append(f'{pad}"""')
    return lines


def describe_io(model: ExportModel) -> list[str]:
    """Docstring lines naming inputs and outputs with their shapes."""
    gm = model.module
    lines = []
    names = input_params(model)
    kinds = {i.name: i.kind for i in model.info.inputs} if model.info is not None else {}
    for nid, data, shape, dtype in zip(
        names, gm.input_data, gm.input_shapes, gm.input_dtypes, strict=True
    ):
        what = " token indices" if dtype == "int64" else ""
        if kinds.get(data) == "ids":
            what = " id indices (0: an id never seen in training)"
        lines.append(f"Input:  {nid} {format_shape(shape)} {dtype}{what}")
    spec = LOSS_SPECS.get(model.project.training.loss)
    kind = spec.output if spec is not None else ""
    for nid, shape in zip(gm.output_ids, gm.output_shapes, strict=True):
        lines.append(f"Output: {nid} {format_shape(shape)}" + (f" ({kind})" if kind else ""))
    classes = model.info.class_names if model.info is not None else ()
    if spec is not None and spec.task != "regression" and classes:
        named = ", ".join(f"{i}: {clean_text(c)}" for i, c in enumerate(classes))
        lines += textwrap.wrap(f"Classes: {named}", LINE - 4)
    if model.input_scaling is not None:
        lines.append("")
        lines += textwrap.wrap(
            "The network was trained on standardised inputs: prepare raw data with "
            "standardize(x), which applies (x - INPUT_MEAN) / INPUT_STD with the mean and std "
            "of the training split.",
            LINE - 4,
        )
    return lines


def scaling_source(model: ExportModel) -> str:
    """INPUT_MEAN, INPUT_STD and ``standardize`` when the inputs were standardised, else ""."""
    scaling = model.input_scaling
    if scaling is None:
        return ""
    mean, std = scaling
    parts = []
    for name, values in (("INPUT_MEAN", mean), ("INPUT_STD", std)):
        numbers = ", ".join(f"{float(v):.9g}" for v in values.ravel())
        body = textwrap.wrap(numbers, LINE - 4, break_on_hyphens=False)
        shape = ", ".join(str(d) for d in values.shape)
        parts.append(
            f"{name} = torch.tensor([\n"
            + "".join(f"    {line}\n" for line in body)
            + f"]).reshape({shape})\n"
        )
    return (
        "# The training data was standardised; raw inputs need the same scaling.\n"
        "# fmt: off\n"
        + "".join(parts)
        + "# fmt: on\n"
        + "\n\ndef standardize(x: torch.Tensor) -> torch.Tensor:\n"
        + '    """Raw inputs as the network saw them in training: (x - mean) / std."""\n'
        + "    return (x - INPUT_MEAN) / INPUT_STD\n\n\n"
    )


def example_call(model: ExportModel, batch: int = 4) -> str:
    """Source making example inputs, e.g. ``torch.randn(4, 2)``."""
    gm = model.module
    parts = []
    for shape, dtype in zip(gm.input_shapes, gm.input_dtypes, strict=True):
        dims = ", ".join(str(d) for d in (batch, *shape))
        if dtype == "int64":
            parts.append(f"torch.zeros({dims}, dtype=torch.long)")
        else:
            parts.append(f"torch.randn({dims})")
    return ", ".join(parts)


def input_encoders(model: ExportModel) -> Encoders | None:
    """``encode`` / ``encode_ids`` for the text and id inputs the network reads, or None."""
    return encoders_of(model.recipe, list(model.module.input_data))


def python_source(
    model: ExportModel,
    class_name: str | None = None,
    weights_name: str | None = None,
    vocab_file: str | None = None,
) -> str:
    """The whole standalone module: docstring, imports, the class, ``load`` and a demo.

    ``weights_name``: the .safetensors written beside the file (the usage names it, and run
    as a script the file loads it when no other path is given). ``vocab_file``: the JSON
    file beside it holding vocabularies too large to write into the source."""
    encoders = input_encoders(model)
    name = check_class_name(class_name or default_class_name(model.project.name))
    title = clean_text(model.project.name) or "A network"
    demo = example_call(model)
    scaled = model.input_scaling is not None and len(model.module.input_ids) == 1
    call = f"standardize({demo})" if scaled else demo
    weights = weights_name or "weights.safetensors"
    more = [
        *describe_io(model),
        "",
        "Load weights exported from the same project (safetensors, keys named after the",
        "nodes) and predict" + (" on raw inputs, scaled as in training:" if scaled else ":"),
        "",
        f'    model = load("{weights}")',
        "    with torch.no_grad():",
        f"        prediction = model({call})",
    ]
    raw = _raw_call(model, encoders) if encoders is not None else None
    if raw is not None:  # inputs made from raw text and ids, one argument per line
        more[-1:] = [
            "        prediction = model(",
            *[f"            {arg}," for arg in raw],
            "        )",
        ]
    elif len(more[-1]) > LINE:
        more[-1] = "        prediction = model(" + ("standardize(x))" if scaled else "...)")
    if encoders is not None:
        more += ["", *_encoder_usage(encoders)]
    head = _docstring(f"{title}: exported from netbuilder as plain PyTorch.", 0, more)
    show = "outputs.shape" if len(model.module.output_ids) == 1 else "[o.shape for o in outputs]"
    beside = ""
    fallback = ""
    if weights_name:  # double quotes, as ruff format writes them
        beside = f"    beside = Path(__file__).with_name({json.dumps(weights_name)})\n"
        fallback = "    elif beside.exists():\n        model = load(str(beside))\n"
    tail = f'''

def load(path: str, device: str = "cpu") -> {name}:
    """The network with the weights in ``path`` (a .safetensors file), in eval mode."""
    from safetensors.torch import load_file

    model = {name}()
    model.load_state_dict(load_file(path, device=device))
    return model.to(device).eval()


if __name__ == "__main__":
    import sys
{"    from pathlib import Path" + chr(10) if weights_name else ""}
{beside}    if len(sys.argv) > 1:
        model = load(sys.argv[1])
{fallback}    else:
        model = {name}().eval()
    with torch.no_grad():
'''
    inner: str | Brackets = Brackets("standardize(", _split_top(demo), ")") if scaled else demo
    items = [inner] if scaled else _split_top(demo)
    lines = render(Brackets("model(", items, ")"), 8, prefix="outputs = ")
    tail += "\n".join(lines) + f"\n        print({show})\n"
    imports = encoders.imports(vocab_file) if encoders is not None else []
    stdlib = "".join(f"{line}\n" for line in imports) + ("\n" if imports else "")
    encoding = encoders.source(vocab_file) + "\n\n" if encoders is not None else ""
    return (
        "\n".join(head)
        + "\n\n"
        + stdlib
        + "import torch\nfrom torch import nn\n\n"
        + (scaling_source(model) if model.input_scaling is not None else "" if encoding else "\n")
        + encoding
        + class_source(model, name)
        + tail
    )


def _raw_call(model: ExportModel, encoders: Encoders) -> list[str] | None:
    """``forward``'s arguments made from raw samples: ``encode(["a sentence"], "review")``,
    ``encode_ids(["u1"], "user")``; example tensors for the other inputs."""
    gm = model.module
    args = []
    parts = _split_top(example_call(model, batch=1))
    for data, part in zip(gm.input_data, parts, strict=True):
        name = data or next(iter(encoders.vocabularies), "")
        if name in encoders.text:
            args.append(f'encode(["a sentence to score"], {json.dumps(name)})')
        elif name in encoders.ids:
            first = (encoders.vocabularies[name] or ["id"])[0]
            args.append(f"encode_ids([{json.dumps(first)}], {json.dumps(name)})")
        elif name in encoders.scaling:
            args.append(f"standardize_input({part}, {json.dumps(name)})")
        else:
            args.append(str(part))
    fits = all(len(a) <= LINE - 14 for a in args)
    return args if fits else None


def _encoder_usage(encoders: Encoders) -> list[str]:
    lines = []
    if encoders.text:
        names = ", ".join(encoders.text)
        lines.append(f"encode(texts, name) makes a text input ({names}) from raw strings;")
    if encoders.ids:
        names = ", ".join(encoders.ids)
        lines.append(f"encode_ids(values, name) makes an id input ({names}) from raw ids;")
    if encoders.scaling:
        names = ", ".join(encoders.scaling)
        lines.append(
            f"standardize_input(x, name) scales a numeric input ({names}) from raw values;"
        )
    lines.append("each the way training did (same tokens, vocabulary, padding and scaling).")
    return lines


def _split_top(source: str) -> list[str | Brackets]:
    """Top-level comma-separated parts of ``source``."""
    parsed = parse_call(f"f({source})")
    return parsed.items if isinstance(parsed, Brackets) else [source]


def export_python(
    project: Any,
    path: str | Path,
    *,
    class_name: str | None = None,
    base_dir: str | Path | None = None,
    weights: bool = False,
) -> ExportResult:
    """Write ``project``'s network as one standalone, readable ``.py`` file at ``path``; with
    ``weights``, its weights too, beside it as ``<stem>.safetensors``, which the file's
    ``load`` applies (and, run as a script, loads by itself)."""
    path = Path(path)
    beside = path.with_suffix(".safetensors")
    check_target(path)
    if weights:
        check_target(beside)
    model = prepare_model(project, base_dir=base_dir, with_weights=weights)
    encoders = input_encoders(model)
    vocab = path.with_suffix(".vocab.json")
    large = encoders is not None and encoders.size > EMBED_LIMIT
    source = python_source(
        model, class_name, beside.name if weights else None, vocab.name if large else None
    )
    files = [path]
    if large and encoders is not None:
        with atomic_file(vocab) as tmp:
            tmp.write_text(encoders.vocabulary_json(), encoding="utf-8")
        files.append(vocab)
    if weights:
        metadata = export_metadata(model)
        write_bytes(beside, weights_to_bytes(model.module, metadata=metadata))
        files.append(beside)
    with atomic_file(path) as tmp:
        tmp.write_text(source, encoding="utf-8")
    return ExportResult(path, "python", model.notes, files)
