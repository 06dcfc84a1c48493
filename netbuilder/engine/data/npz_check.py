"""Limits for .npz datasets, checked from the zip index and each .npy header before any array
is read: a 3 MB archive declaring 3.2 GB of zeros, or a header declaring shape (10^11, 2), is
refused with the declared size named instead of filling memory.

Only headers are read here (``numpy.lib.format`` on the member stream; pickled data is never
touched). What passes is bounded: every array fits the bytes its member holds, and all of them
together fit ``MAX_DATASET_BYTES``.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

import numpy as np
from numpy.lib import format as npy_format

from netbuilder.engine.data.errors import DataError
from netbuilder.model.errors import message_of
from netbuilder.model.i18n import translate

MiB = 1024 * 1024
GiB = 1024 * MiB
MAX_DATASET_BYTES = 2 * GiB  # all arrays together, as their headers declare them
MAX_NPZ_FILE_BYTES = 2 * GiB  # the archive on disk
MAX_MEMBERS = 64
MAX_RATIO = 200  # uncompressed / compressed, for members above RATIO_FLOOR
RATIO_FLOOR = 1 * MiB
MAX_HEADER_BYTES = 10_000  # numpy's own default cap on a .npy header

NPY_MAGIC = b"\x93NUMPY"
_ZIP_STARTS = (b"PK\x03\x04", b"PK\x05\x06")
_END_RECORD = b"PK\x05\x06"

#: What zipfile and numpy's header parser raise on damaged bytes (neither is strict about it).
_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    ValueError,
    TypeError,
    SyntaxError,
    OverflowError,
    struct.error,
    OSError,
)


class _Fail(Protocol):
    def __call__(self, message: str, member: str | None = None) -> DataError: ...


@dataclass(frozen=True)
class ArrayHeader:
    """One member's array as its header declares it."""

    member: str
    shape: tuple[int, ...]
    dtype: np.dtype
    nbytes: int


def inspect_npz(path: Path) -> dict[str, ArrayHeader]:
    """The declared arrays of an .npz (key -> header); DataError for anything over a limit,
    damaged, pickled or not an .npz at all. ``path`` must be a regular file."""
    name = path.name

    def fail(message: str, member: str | None = None) -> DataError:
        text = (
            translate("Data", "{file}: member {member} {message}").format(
                file=name, member=member, message=message
            )
            if member
            else translate("Data", "{file} {message}").format(file=name, message=message)
        )
        return DataError(text, path=str(path), field=member)

    size = path.stat().st_size
    if size > MAX_NPZ_FILE_BYTES:
        raise fail(
            translate(
                "Data",
                "is {size}; .npz datasets are at most {max_npz_file_bytes}",
            ).format(size=human(size), max_npz_file_bytes=human(MAX_NPZ_FILE_BYTES))
        )
    headers: dict[str, ArrayHeader] = {}
    with open(path, "rb") as fh:
        start = fh.read(len(NPY_MAGIC))
        if start.startswith(NPY_MAGIC):
            raise fail(
                translate(
                    "Data",
                    "holds a single array (.npy), not an .npz archive; save inputs and "
                    "targets together with numpy.savez(path, X=inputs, y=targets)",
                )
            )
        if not start.startswith(_ZIP_STARTS):
            raise fail(
                translate(
                    "Data",
                    "is not a valid .npz archive (it does not start like a zip archive; "
                    "save arrays with numpy.savez)",
                )
            )
        declared = _declared_members(fh, size)
        if declared is not None and declared > MAX_MEMBERS:
            raise fail(
                translate(
                    "Data",
                    "has {declared} members; an .npz dataset has at most {max_members}",
                ).format(declared=declared, max_members=MAX_MEMBERS)
            )
        try:
            zf = zipfile.ZipFile(fh)
            infos = zf.infolist()
        except _READ_ERRORS as exc:
            raise fail(
                translate(
                    "Data",
                    "is not a valid .npz archive (damaged or truncated zip: {exc})",
                ).format(exc=exc)
            ) from None
        if len(infos) > MAX_MEMBERS:
            raise fail(
                translate(
                    "Data",
                    "has {count} members; an .npz dataset has at most {max_members}",
                ).format(count=len(infos), max_members=MAX_MEMBERS)
            )
        with zf:
            total = 0
            for info in infos:
                header = _member_header(zf, info, fail)
                if header is None:
                    continue
                total += header.nbytes
                key = info.filename[: -len(".npy")]
                headers[key] = header
    if total > MAX_DATASET_BYTES:
        raise fail(
            translate(
                "Data",
                "declares {total} of arrays in all; datasets are at most {max_dataset_bytes}",
            ).format(total=human(total), max_dataset_bytes=human(MAX_DATASET_BYTES))
        )
    return headers


def _member_header(zf: zipfile.ZipFile, info: zipfile.ZipInfo, fail: _Fail) -> ArrayHeader | None:
    member = info.filename
    if info.flag_bits & 0x1:
        raise fail(
            translate(
                "Data",
                "is encrypted, which .npz datasets are not",
            ),
            member,
        )
    if info.file_size > MAX_DATASET_BYTES:
        raise fail(
            translate(
                "Data",
                "is {file_size} uncompressed; datasets are at most {max_dataset_bytes}",
            ).format(file_size=human(info.file_size), max_dataset_bytes=human(MAX_DATASET_BYTES)),
            member,
        )
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise fail(
            translate(
                "Data",
                "is compressed more than {max_ratio}:1 ({compress_size} -> "
                "{file_size}), like a zip bomb; save it with numpy.savez",
            ).format(
                max_ratio=MAX_RATIO,
                compress_size=human(info.compress_size),
                file_size=human(info.file_size),
            ),
            member,
        )
    if not member.endswith(".npy"):
        return None  # numpy.load would hand it over as raw bytes; the importer refuses those
    try:
        with zf.open(info) as stream:
            shape, dtype = _read_header(stream)
    except DataError as exc:
        raise fail(message_of(exc), member) from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise fail(
            translate(
                "Data",
                "is damaged ({exc})",
            ).format(exc=exc),
            member,
        ) from None
    except _READ_ERRORS as exc:
        raise fail(
            translate(
                "Data",
                "has a damaged .npy header ({exc})",
            ).format(exc=exc),
            member,
        ) from None
    if dtype.hasobject:
        raise fail(
            translate(
                "Data",
                "holds Python objects, which are never loaded (unpickling can run "
                "code); save numeric arrays instead",
            ),
            member,
        )
    if any(n < 0 for n in shape):
        raise fail(
            translate(
                "Data",
                "declares shape {short}, with a negative size",
            ).format(short=_short(shape)),
            member,
        )
    elements = bounded_product(shape, 1 << 70)  # beyond it, sizes are not worth naming
    nbytes = 1 << 80 if elements is None else elements * dtype.itemsize
    declared = translate("Data", "declares shape {shape} {dtype} = {size}").format(
        shape=_short(shape), dtype=dtype, size=human(nbytes)
    )
    if nbytes > MAX_DATASET_BYTES:
        raise fail(
            translate(
                "Data",
                "{declared}; datasets are at most {max_dataset_bytes}",
            ).format(declared=declared, max_dataset_bytes=human(MAX_DATASET_BYTES)),
            member,
        )
    if nbytes > info.file_size:
        raise fail(
            translate(
                "Data",
                "{declared} but holds {file_size} (truncated or damaged)",
            ).format(declared=declared, file_size=human(info.file_size)),
            member,
        )
    return ArrayHeader(member, shape, dtype, nbytes)


def _read_header(stream: IO[bytes]) -> tuple[tuple[int, ...], np.dtype]:
    version = npy_format.read_magic(stream)
    if version == (1, 0):
        shape, _fortran, dtype = npy_format.read_array_header_1_0(
            stream, max_header_size=MAX_HEADER_BYTES
        )
    elif version == (2, 0):
        shape, _fortran, dtype = npy_format.read_array_header_2_0(
            stream, max_header_size=MAX_HEADER_BYTES
        )
    else:
        raise DataError(
            translate(
                "Data",
                "has .npy format version {version}.{version2}, not 1.0 or 2.0",
            ).format(version=version[0], version2=version[1])
        )
    return tuple(int(n) for n in shape), dtype


def _declared_members(fh: IO[bytes], size: int) -> int | None:
    """The member count from the end record, read before zipfile parses a huge index."""
    fh.seek(max(0, size - 65_557))
    tail = fh.read()
    fh.seek(0)
    at = tail.rfind(_END_RECORD)
    if at < 0 or at + 12 > len(tail):
        return None
    count: int = struct.unpack("<H", tail[at + 10 : at + 12])[0]
    return count


def bounded_product(sizes: Sequence[int], limit: int) -> int | None:
    """The product of ``sizes``, or None once it passes ``limit`` (declared shapes come from
    files: a product of hundreds of huge sizes is never built, let alone printed)."""
    if any(n == 0 for n in sizes):
        return 0
    product = 1
    for n in sizes:
        product *= n
        if product > limit:
            return None
    return product


def _short(shape: Sequence[int]) -> str:
    """A declared shape in a message: long ones and huge sizes are cut."""
    text = str(tuple(shape))
    return text if len(text) <= 80 else text[:77] + "..."


def human(n: int) -> str:
    """Bytes for people: 1.5 TiB, 3.0 MiB, 12 bytes."""
    if n >= 1 << 70:
        return "more than 1,000 EiB"
    for unit, scale in (("EiB", 1 << 60), ("PiB", 1 << 50), ("TiB", 1 << 40), ("GiB", GiB)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    if n >= MiB:
        return f"{n / MiB:.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n} bytes"
