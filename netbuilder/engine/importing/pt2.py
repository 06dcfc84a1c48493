"""``netbuilder import model.pt2``: a ``torch.export`` archive as a project.

The archive is read without unpickling (``archive``), its ATen graph rewritten as nn modules and
torch calls (``exported``) and mapped like a traced ``.py`` model; the project is checked against
the exported program itself. The input shape is the archive's.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from netbuilder.engine.importing.archive import load_exported
from netbuilder.engine.importing.assemble import ImportedProject, build_project
from netbuilder.engine.importing.errors import ImportFailure, Problem, SourceError
from netbuilder.engine.importing.exported import ExportedReference, rebuild
from netbuilder.engine.importing.tracing import map_graph


def is_archive(source: str) -> bool:
    return source.lower().endswith(".pt2")


def import_archive(
    path: Path,
    input_shape: tuple[int, ...] | None = None,
    *,
    name: str = "",
    source: str = "",
    flat: bool = False,
) -> ImportedProject:
    """The project of the archive at ``path``; a given ``input_shape`` must be the archive's."""
    name = name or path.stem
    program = load_exported(path)
    rebuilt = rebuild(program, name)
    if input_shape is not None and tuple(input_shape) != rebuilt.shape:
        raise SourceError(
            f"--input-shape {_text(input_shape)} disagrees with {path.name}, whose input is "
            f"{_text(rebuilt.shape)} (leave --input-shape out for a .pt2 archive)"
        )
    try:
        traced = map_graph(rebuilt.module, rebuilt.shape, name)
    except ImportFailure as exc:
        raise ImportFailure(exc.summary, [_aten_name(p) for p in exc.problems]) from None
    reference = ExportedReference(program, rebuilt)
    return build_project(
        traced,
        rebuilt.module,
        reference,
        rebuilt.shape,
        name=name,
        source=source or str(path),
        flat=flat,
    )


def _text(shape: tuple[int, ...]) -> str:
    return ",".join(str(s) for s in shape)


def _aten_name(problem: Problem) -> Problem:
    """``torch._ops.aten.sin.default`` -> ``aten.sin``: the operation as the archive names it."""
    op = problem.operation
    if "_ops" not in op:
        return problem
    short = op.rpartition("_ops.")[2]
    short = short.removesuffix(".default")
    if not short.startswith("aten."):
        short = f"aten.{short}"
    return dataclasses.replace(problem, operation=short)
