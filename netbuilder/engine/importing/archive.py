"""A ``torch.export`` archive (``.pt2``) read without unpickling anything.

``torch.export.load`` unpickles: sample inputs fall back to ``torch.load(weights_only=False)``,
tensor-subclass weights and opaque constants go through ``torch.load``/``pickle.loads``, and
symbolic shape expressions through ``sympy.sympify`` (an ``eval``). This reader takes the same
archive apart member by member: the program is JSON, plain weights are raw bytes, the sample
inputs load with ``weights_only=True``; anything else (a pickled weight, a custom object, a shape
expression that is not plain arithmetic on size symbols) is refused with a one-line reason.
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path
from typing import Any

import torch

from netbuilder.engine.importing.errors import SourceError

MODEL = "model"  # the program torch.export.save writes
_SYMBOL = re.compile(r"[a-z]+\d+")  # size symbols: s0, s77, u0
_STRING = re.compile(r"'([^'\\]*)'|\"([^\"\\]*)\"")
_EXPR_CHARS = re.compile(r"[\w\s+\-*/(),<>=!%.]*")
_LONE_DOT = re.compile(r"(?<!\d)\.|\.(?!\d)")  # a dot that is not inside a number
# sympy's own names in the expressions torch.export writes (srepr form or infix)
_SYMPY_NAMES = frozenset(
    "Symbol Integer Rational Float Add Mul Pow Max Min FloorDiv CeilDiv Mod PythonMod CleanDiv "
    "IntTrueDiv FloorToInt CeilToInt TruncToInt ToFloat Eq Ne Lt Le Gt Ge And Or Not "
    "true false True False oo zoo nan Infinity NegativeInfinity NegativeOne One Zero Half "
    "positive negative nonnegative nonpositive integer real finite zero precision".split()
)


def load_exported(path: Path) -> Any:
    """The ``ExportedProgram`` in the ``.pt2`` file ``path``; SourceError when it cannot be read
    safely."""
    from torch._export.serde import schema
    from torch._export.serde.serialize import ExportedProgramDeserializer, _bytes_to_dataclass
    from torch.export.pt2_archive import _package as package
    from torch.export.pt2_archive import constants as names

    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    try:
        reader = package.PT2ArchiveReader(os.fspath(path))
    except Exception:  # noqa: BLE001 - not a zip, or not a pt2 archive
        raise SourceError(
            f"{path.name}: not a torch.export archive (write one with torch.export.save)"
        ) from None
    files = set(reader.get_file_names())
    program_file = names.MODELS_FILENAME_FORMAT.format(MODEL)
    if program_file not in files:
        raise SourceError(f"{path.name}: the archive holds no exported program ({program_file})")
    program = reader.read_bytes(program_file)
    _check_expressions(program, path)
    state = _tensors(reader, names.WEIGHTS_CONFIG_FILENAME_FORMAT.format(MODEL), files, path)
    constants = _tensors(reader, names.CONSTANTS_CONFIG_FILENAME_FORMAT.format(MODEL), files, path)
    inputs_file = names.SAMPLE_INPUTS_FILENAME_FORMAT.format(MODEL)
    try:
        sample = torch.load(io.BytesIO(reader.read_bytes(inputs_file)), weights_only=True)
    except Exception:  # noqa: BLE001 - weights_only refuses anything but tensors and containers
        raise SourceError(
            f"{path.name}: its sample inputs are not plain tensors (netbuilder does not unpickle)"
        ) from None
    try:
        serialized = _bytes_to_dataclass(schema.ExportedProgram, program)
        return ExportedProgramDeserializer().deserialize(serialized, state, constants, sample)
    except Exception as exc:  # noqa: BLE001 - a damaged or newer archive
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise SourceError(f"{path.name}: cannot read the exported program ({first})") from None


def _check_expressions(program: bytes, path: Path) -> None:
    """Refuse shape expressions that are anything but sympy arithmetic on size symbols: torch
    reads them with ``sympy.sympify``, which evaluates Python."""
    for raw in re.findall(rb'"expr_str":\s*("(?:[^"\\]|\\.)*")', program):
        text = str(json.loads(raw))
        if not _plain_expression(text):
            raise SourceError(
                f"{path.name}: the archive has a shape expression netbuilder will not evaluate "
                f"({text[:60]!r}); export the model again with torch.export.save"
            )


def _plain_expression(text: str) -> bool:
    strings = [a or b for a, b in _STRING.findall(text)]
    if not all(_SYMBOL.fullmatch(name) for name in strings):
        return False
    rest = _STRING.sub(" ", text)
    if not _EXPR_CHARS.fullmatch(rest) or _LONE_DOT.search(rest):
        return False
    words = re.findall(r"(?<![\w.])[A-Za-z_]\w*", rest)
    return all(_SYMBOL.fullmatch(w) or w in _SYMPY_NAMES for w in words)


def _tensors(reader: Any, config_file: str, files: set[str], path: Path) -> dict[str, Any]:
    """The weights (or constants) an archive's payload config lists, from raw bytes only."""
    from torch._export.serde.serialize import (
        deserialize_size,
        deserialize_storage_offset,
        deserialize_stride,
    )
    from torch.export.pt2_archive import _package as package
    from torch.export.pt2_archive import constants as names

    if config_file not in files:
        return {}
    config = package._load_payload_config(reader, config_file)
    folder = names.WEIGHTS_DIR if "weights" in config_file else names.CONSTANTS_DIR
    for fqn, meta in config.config.items():
        raw_tensor = meta.path_name.startswith(names.WEIGHT_FILENAME_PREFIX) or (
            meta.path_name.startswith(names.TENSOR_CONSTANT_FILENAME_PREFIX)
        )
        if meta.use_pickle or meta.tensor_meta is None or not raw_tensor:
            raise SourceError(
                f"{path.name}: {fqn} is stored as a pickled object (a tensor subclass or a "
                "custom object); netbuilder does not unpickle, so it cannot read this archive"
            )
    flat = package._build_file_map(reader, config, folder)
    tensors: dict[str, Any] = {}
    for fqn, meta in config.config.items():
        layout: Any = meta.tensor_meta  # checked above: every entry has one
        tensor = torch.as_strided(
            flat[meta.path_name],
            size=deserialize_size(layout.sizes),
            stride=deserialize_stride(layout.strides),
            storage_offset=deserialize_storage_offset(layout.storage_offset),
        )
        if meta.is_param:
            tensor = torch.nn.Parameter(tensor, requires_grad=layout.requires_grad)
        tensors[fqn] = tensor
    return tensors
