"""Check a safetensors blob's header by hand, before any tensor library allocates for it.

The format: 8 bytes little-endian header length N, N bytes of JSON, then the data. The JSON maps
tensor names to ``{"dtype", "shape", "data_offsets": [begin, end]}`` (offsets into the data)
plus an optional ``"__metadata__"`` of strings. A damaged or hostile header (length 2^63,
offsets past the end, 10^18 elements, two tensors on the same bytes) is refused with one line
naming the member and the tensor. Pure Python (``json``), so ``netbuilder check`` needs no
torch for it; it lives in the engine because the engine's loaders call it (io cannot be
imported from the engine).
"""

from __future__ import annotations

import json
import struct
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from netbuilder.engine.data.npz_check import bounded_product
from netbuilder.model.errors import NetbuilderError
from netbuilder.model.i18n import translate

MAX_HEADER_BYTES = 100_000_000  # the safetensors library's own cap
MAX_DIMS = 32  # a tensor's dimensions read (a network's have a handful)
DTYPE_SIZES = {
    "BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1,
    "I16": 2, "U16": 2, "F16": 2, "BF16": 2,
    "I32": 4, "U32": 4, "F32": 4,
    "I64": 8, "U64": 8, "F64": 8, "C64": 8,
}  # fmt: skip


class SafetensorsError(NetbuilderError):
    """A damaged safetensors header: ``str()`` is ``"<member>: <message>"``."""

    def __init__(self, message: str, member: str) -> None:
        super().__init__(
            translate("Training", "{member}: {message}").format(member=member, message=message)
        )
        self.message = message
        self.member = member


@dataclass(frozen=True)
class TensorEntry:
    """One tensor as the header declares it; ``begin``/``end`` are offsets into the data."""

    name: str
    dtype: str
    shape: tuple[int, ...]
    begin: int
    end: int


@dataclass(frozen=True)
class SafetensorsHeader:
    tensors: dict[str, TensorEntry]
    metadata: dict[str, str]
    data_start: int  # where the data begins in the blob (8 + header length)


def read_safetensors_header(data: bytes, member: str) -> SafetensorsHeader:
    """The checked header of ``data``; SafetensorsError naming ``member`` when it is damaged."""

    def fail(message: str) -> SafetensorsError:
        return SafetensorsError(message, member)

    if len(data) < 8:
        raise fail(
            translate(
                "Training",
                "damaged: {count} bytes, shorter than the 8-byte header length",
            ).format(count=len(data))
        )
    (length,) = struct.unpack("<Q", data[:8])
    if length > len(data) - 8 or length > MAX_HEADER_BYTES:
        raise fail(
            translate(
                "Training",
                "damaged: the header declares {length} bytes but the member holds "
                "{value} after the length",
            ).format(length=length, value=len(data) - 8)
        )
    try:
        header = json.loads(data[8 : 8 + length].decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise fail(
            translate(
                "Training",
                "damaged: the header is not valid JSON ({short})",
            ).format(short=_short(exc))
        ) from None
    if not isinstance(header, dict):
        raise fail(
            translate(
                "Training",
                "damaged: the header is not a JSON object",
            )
        )
    metadata = header.pop("__metadata__", {})
    if not isinstance(metadata, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()
    ):
        raise fail(
            translate(
                "Training",
                "damaged: __metadata__ must map names to strings",
            )
        )
    data_len = len(data) - 8 - length
    tensors = {name: _entry(name, value, data_len, fail) for name, value in header.items()}
    covered = 0
    for entry in sorted(tensors.values(), key=lambda e: (e.begin, e.end)):
        if entry.begin < covered:
            other = next(
                (
                    e.name
                    for e in tensors.values()
                    if e is not entry and e.begin <= entry.begin < e.end
                ),
                "another tensor",
            )
            raise fail(
                translate(
                    "Training",
                    "damaged: tensors {other} and {name} overlap",
                ).format(other=repr(other), name=repr(entry.name))
            )
        if entry.begin > covered:
            raise fail(
                translate(
                    "Training",
                    "damaged: data bytes {covered}-{begin} belong to no tensor",
                ).format(covered=covered, begin=entry.begin)
            )
        covered = entry.end
    if covered != data_len:
        raise fail(
            translate(
                "Training",
                "damaged: data bytes {covered}-{data_len} belong to no tensor",
            ).format(covered=covered, data_len=data_len)
        )
    return SafetensorsHeader(tensors, dict(metadata), 8 + length)


def _entry(
    name: str, value: Any, data_len: int, fail: Callable[[str], SafetensorsError]
) -> TensorEntry:
    where = f"tensor {name!r}"
    if not isinstance(value, dict):
        raise fail(
            translate(
                "Training",
                "damaged: {where} is not described by an object",
            ).format(where=where)
        )
    dtype = value.get("dtype")
    if not isinstance(dtype, str) or dtype not in DTYPE_SIZES:
        raise fail(
            translate(
                "Training",
                "damaged: {where} has dtype {dtype}, not a known safetensors dtype",
            ).format(where=where, dtype=repr(dtype))
        )
    shape = value.get("shape")
    if not isinstance(shape, list) or not all(_count(n) for n in shape):
        raise fail(
            translate(
                "Training",
                "damaged: {where} has shape {short}, not a list of sizes",
            ).format(where=where, short=_short(shape))
        )
    if len(shape) > MAX_DIMS:
        raise fail(
            translate(
                "Training",
                "damaged: {where} has {count} dimensions; at most {max_dims} are read",
            ).format(where=where, count=len(shape), max_dims=MAX_DIMS)
        )
    offsets = value.get("data_offsets")
    if not (isinstance(offsets, list) and len(offsets) == 2 and all(_count(n) for n in offsets)):
        raise fail(
            translate(
                "Training",
                "damaged: {where} has data_offsets {short}, not [begin, end]",
            ).format(where=where, short=_short(offsets))
        )
    begin, end = offsets
    if not begin <= end <= data_len:
        raise fail(
            translate(
                "Training",
                "damaged: {where} lies at bytes {begin}-{end}, outside the {data_len} "
                "bytes of data",
            ).format(where=where, begin=begin, end=end, data_len=data_len)
        )
    elements = bounded_product(shape, 10**24)  # beyond it, counts are not worth printing
    if elements is None or elements * DTYPE_SIZES[dtype] != end - begin:
        count = "over 10^24" if elements is None else f"{elements:,}"
        raise fail(
            translate(
                "Training",
                "damaged: {where} declares shape {short} {dtype} ({count} elements) "
                "but {value} bytes",
            ).format(where=where, short=_short(shape), dtype=dtype, count=count, value=end - begin)
        )
    return TensorEntry(name, dtype, tuple(shape), begin, end)


def _count(n: Any) -> bool:
    return isinstance(n, int) and not isinstance(n, bool) and n >= 0


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."
