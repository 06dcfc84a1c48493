"""Weights and inference artifacts: safetensors, ONNX (dynamo exporter) and torch.export.

ONNX and ``.pt2`` files take the batch dimension as dynamic (``torch.export.Dim``), so they run
on any batch size. Exporter failures are mapped to the node whose layer could not be expressed.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import torch
from torch import nn

from netbuilder.engine.export.codegen import input_params
from netbuilder.engine.export.common import (
    ExportError,
    ExportModel,
    ExportResult,
    atomic_file,
    check_target,
    export_metadata,
    prepare_model,
    recipe_metadata,
    scaling_metadata,
    write_bytes,
)
from netbuilder.engine.training.checkpoint import weights_to_bytes
from netbuilder.model.i18n import translate

__all__ = ["export_onnx", "export_pt2", "export_safetensors"]

_EXAMPLE_BATCH = 2  # not 0 or 1, which torch.export would specialise on


def export_safetensors(
    project: Any, path: str | Path, *, base_dir: str | Path | None = None
) -> ExportResult:
    """The weights (trained, or seeded initial ones) with keys named after the nodes."""
    check_target(Path(path))
    model = prepare_model(project, base_dir=base_dir)
    write_bytes(path, weights_to_bytes(model.module, metadata=export_metadata(model)))
    return ExportResult(Path(path), "safetensors", model.notes, [Path(path)])


def export_pt2(
    project: Any, path: str | Path, *, base_dir: str | Path | None = None
) -> ExportResult:
    """A ``torch.export`` archive (load with ``torch.export.load(path).module()``); the input
    scaling, if any, is ``input_scaling.json`` in it and the saved recipe ``recipe.json``
    (``torch.export.load(extra_files=...)``)."""
    check_target(Path(path))
    model = prepare_model(project, base_dir=base_dir)
    with atomic_file(path) as tmp:
        program = _run_exporter(model, "torch.export", _torch_export)
        metadata = scaling_metadata(model)
        extra = {SCALING_FILE: json.dumps(metadata)} if metadata else {}
        recipe = recipe_metadata(model)
        if recipe:
            extra[RECIPE_FILE] = recipe["recipe"]
        torch.export.save(program, str(tmp), extra_files=extra or None)
    return ExportResult(Path(path), "pt2", model.notes, [Path(path)])


def export_onnx(
    project: Any, path: str | Path, *, base_dir: str | Path | None = None
) -> ExportResult:
    """An ONNX model; input names are the forward arguments of the Python export (the dataset
    input each Input reads, else its node id), output names the Output node ids; the
    input scaling, if any, is in the model's metadata_props (input_mean, input_std), and the
    recipe saved with the weights (vocabularies, ids, class names) as JSON under "recipe"."""
    check_target(Path(path))
    _require_onnx()
    model = prepare_model(project, base_dir=base_dir)
    with atomic_file(path) as tmp:
        gm = model.module
        program = _run_exporter(
            model,
            "ONNX",
            lambda m, x: _onnx_export(m, x, input_params(model), list(gm.output_ids)),
        )
        program.model.metadata_props.update(export_metadata(model) or {})
        program.save(str(tmp), external_data=False)
    return ExportResult(Path(path), "onnx", model.notes, [Path(path)])


SCALING_FILE = "input_scaling.json"  # in a .pt2 archive: torch.export.load(extra_files=...)
RECIPE_FILE = "recipe.json"


def _require_onnx() -> None:
    """The dynamo ONNX exporter needs onnx and onnxscript; say so rather than fail per layer."""
    try:
        import onnx  # noqa: F401
        import onnxscript  # noqa: F401
    except ImportError as exc:
        raise ExportError(
            translate(
                "Export",
                "ONNX export needs the onnx and onnxscript packages ({exc}); install "
                "them with: pip install onnx onnxscript",
            ).format(exc=exc)
        ) from None


# --- exporters ---------------------------------------------------------------------------------


class _Call(nn.Module):
    """Calls ``inner`` with positional inputs: one signature for the graph and for any layer."""

    def __init__(self, inner: nn.Module) -> None:
        super().__init__()
        self.inner = inner

    def forward(self, *inputs: torch.Tensor) -> Any:
        return self.inner(*inputs)


def _dynamic(inputs: tuple[torch.Tensor, ...]) -> tuple[tuple[dict[int, Any], ...]]:
    batch = torch.export.Dim("batch")
    return (tuple({0: batch} for _ in inputs),)


def _torch_export(module: nn.Module, inputs: tuple[torch.Tensor, ...]) -> Any:
    return torch.export.export(module, inputs, dynamic_shapes=_dynamic(inputs))


def _onnx_export(
    module: nn.Module,
    inputs: tuple[torch.Tensor, ...],
    input_names: list[str] | None = None,
    output_names: list[str] | None = None,
) -> Any:
    return torch.onnx.export(
        module,
        inputs,
        dynamo=True,
        input_names=input_names,
        output_names=output_names,
        dynamic_shapes=_dynamic(inputs),
        verbose=False,
        report=False,
    )


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Exporters warn and log a lot about things that do not concern a user here."""
    names = ("torch", "torch.onnx", "torch.export", "torch._export", "torch.fx")
    loggers = [logging.getLogger(n) for n in names]
    levels = [lg.level for lg in loggers]
    sink = io.StringIO()  # on failure the exporters print whole graphs
    try:
        for lg in loggers:
            lg.setLevel(logging.ERROR)
        with (
            warnings.catch_warnings(),
            contextlib.redirect_stdout(sink),
            contextlib.redirect_stderr(sink),
        ):
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


def _run_exporter(
    model: ExportModel, what: str, fn: Callable[[nn.Module, tuple[torch.Tensor, ...]], Any]
) -> Any:
    """Run ``fn`` on the whole network; on failure, name the first layer it cannot express."""
    inputs = model.example_inputs(_EXAMPLE_BATCH)
    try:
        with _quiet(), torch.no_grad():
            return fn(model.module, inputs)
    except Exception as exc:  # exporters raise many types
        reason = _first_line(exc)
        node = _culprit(model, fn) or _mentioned_node(model, str(exc))
        if node is not None:
            kind = model.module.node_types[node]
            raise ExportError(
                translate(
                    "Export",
                    "{what} export failed at layer {node} ({kind}): {reason}",
                ).format(what=what, node=repr(node), kind=kind, reason=reason),
                node=node,
            ) from exc
        raise ExportError(
            translate(
                "Export",
                "{what} export failed: {reason}",
            ).format(what=what, reason=reason)
        ) from exc


def _first_line(exc: BaseException) -> str:
    """The root cause's first line, without terminal colour codes."""
    seen = {id(exc)}
    while exc.__cause__ is not None and id(exc.__cause__) not in seen:
        exc = exc.__cause__
        seen.add(id(exc))
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip().splitlines()
    return (text[0].strip() if text else type(exc).__name__)[:300]


def _culprit(model: ExportModel, fn: Callable[..., Any]) -> str | None:
    """The first node (in execution order) whose layer alone cannot be exported."""
    gm, report = model.module, model.module.report
    sources = model.project.graph.inputs_by_node()
    for nid in model.order:
        if gm.node_types[nid] in ("Input", "Output", "Identity"):
            continue
        srcs = [src for _, src in sources.get(nid, [])]
        inputs = []
        for src in srcs:
            shape = (_EXAMPLE_BATCH, *report.shapes[src])
            if report.dtypes[src] == "int64":
                inputs.append(torch.zeros(shape, dtype=torch.long))
            else:
                inputs.append(torch.randn(shape))
        try:
            with _quiet(), torch.no_grad():
                fn(_Call(gm.get_submodule(nid)), tuple(inputs))
        except Exception:  # noqa: BLE001
            return nid
    return None


def _mentioned_node(model: ExportModel, text: str) -> str | None:
    """A node id the exporter's message names (longest first: ``linear_10`` before ``linear_1``)."""
    for nid in sorted(model.order, key=len, reverse=True):
        if re.search(rf"(?<![A-Za-z0-9_]){re.escape(nid)}(?![A-Za-z0-9_])", text):
            return nid
    return None
