"""Bytes on disk: capped reading and the ``.nbproj`` zip container (writing: ``atomic``).

A ``.nbproj`` is read member by member by name into memory and never extracted; every size is
checked against a cap before anything is decompressed, so a damaged or hostile file is refused
quickly instead of filling memory. Writing is deterministic (fixed timestamps, attributes and
member order); ``netbuilder.io.atomic`` puts the bytes on disk.
"""

from __future__ import annotations

import io
import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from netbuilder.io.atomic import atomic_write as atomic_write  # re-exported from its old home
from netbuilder.io.atomic import os_reason
from netbuilder.io.errors import ProjectFileError
from netbuilder.model.i18n import QT_TRANSLATE_NOOP, Text, translate

MiB = 1024 * 1024
MAX_FILE_BYTES = 4096 * MiB  # the whole file on disk (never read whole: members one by one)
MAX_JSON_MEMBER_BYTES = 64 * MiB  # one JSON member, uncompressed
MAX_BINARY_MEMBER_BYTES = 256 * MiB  # one safetensors member, uncompressed
MAX_TOTAL_BYTES = 512 * MiB  # all members together, uncompressed
MAX_MEMBERS = 32
# A zip bomb is about size: the caps above bound memory whatever the ratio. The ratio check
# refuses early what no real member does (deflate tops out near 1030:1), and only for members
# big enough to matter: a compact history of 100 classes is far below the floor (issue 12: the
# old 1 MiB floor refused an indented history of 100 classes after a few epochs).
MAX_RATIO = 200  # uncompressed / compressed, checked for members above RATIO_FLOOR
RATIO_FLOOR = 16 * MiB

# A skipped member is not in memory, so a save cannot write it back: the user is told.
ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_DRIVE = re.compile(r"^[A-Za-z]:")

#: Errors the zipfile module raises on damaged archives (it is not strict about which).
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    ValueError,
    OverflowError,
    struct.error,
    OSError,
)


def open_file(path: Path) -> IO[bytes]:
    """The file opened for reading, refused when it is missing, not a file, unreadable or
    over the cap on disk. Archives are then read member by member, never whole."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ProjectFileError(translate("ProjectFile", "no such file"), path=path) from None
    except OSError as exc:
        raise ProjectFileError(_cannot_read(exc), path=path) from None
    if stat.S_ISDIR(st.st_mode):
        raise ProjectFileError(
            translate("ProjectFile", "is a folder, not a project file"), path=path
        )
    if not stat.S_ISREG(st.st_mode):
        raise ProjectFileError(
            translate("ProjectFile", "is {kind}, not a project file").format(
                kind=_kind(st.st_mode)
            ),
            path=path,
        )
    if st.st_size > MAX_FILE_BYTES:
        raise ProjectFileError(
            translate("ProjectFile", "the file is {size}; project files are at most {most}").format(
                size=_size(st.st_size), most=_size(MAX_FILE_BYTES)
            ),
            path=path,
        )
    try:
        return open(path, "rb")
    except OSError as exc:
        raise ProjectFileError(_cannot_read(exc), path=path) from None


def _cannot_read(exc: OSError) -> str:
    return translate("ProjectFile", "cannot read the file ({reason})").format(reason=os_reason(exc))


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    kinds = (
        (stat.S_ISFIFO, QT_TRANSLATE_NOOP("ProjectFile", "a FIFO (named pipe)")),
        (stat.S_ISCHR, QT_TRANSLATE_NOOP("ProjectFile", "a character device")),
        (stat.S_ISBLK, QT_TRANSLATE_NOOP("ProjectFile", "a block device")),
        (stat.S_ISSOCK, QT_TRANSLATE_NOOP("ProjectFile", "a socket")),
    )
    words = next((words for test, words in kinds if test(mode)), None)
    return Text("ProjectFile", words or QT_TRANSLATE_NOOP("ProjectFile", "not a regular file"))


def read_head(f: IO[bytes], path: Path) -> bytes:
    """The first bytes of ``f`` (enough to tell a zip), leaving ``f`` at its start."""
    try:
        head = f.read(4)
        f.seek(0)
    except OSError as exc:
        raise ProjectFileError(_cannot_read(exc), path=path) from None
    return head


def read_capped(f: IO[bytes], path: Path, cap: int) -> bytes:
    """The rest of ``f``, refused when it holds more than ``cap`` bytes."""
    try:
        raw = f.read(cap + 1)
    except OSError as exc:
        raise ProjectFileError(_cannot_read(exc), path=path) from None
    if len(raw) > cap:
        raise ProjectFileError(
            translate(
                "ProjectFile",
                "the file holds more than {most}; a project document is at most {most}",
            ).format(most=_size(cap)),
            path=path,
        )
    return raw


def is_zip(raw: bytes) -> bool:
    return raw.startswith(ZIP_MAGIC) or raw.startswith(_EMPTY_ZIP)


def check_member_name(name: str) -> str | None:
    """Why ``name`` is unsafe as a member name, or None.

    Checked even though nothing is extracted.
    """
    if "\\" in name:
        return translate("ProjectFile", "holds a backslash")
    if name.startswith("/") or _DRIVE.match(name):
        return translate("ProjectFile", "is an absolute path")
    if ".." in name.split("/"):
        return translate("ProjectFile", "climbs out of the archive (..)")
    if "\x00" in name:
        return translate("ProjectFile", "holds a NUL character")
    return None


def read_archive(
    f: IO[bytes],
    path: Path,
    wanted: dict[str, int],
    required: Iterable[str] = (),
    stored_ok: Iterable[str] = (),
) -> tuple[dict[str, bytes], list[str], list[str]]:
    """Read the members named in ``wanted`` (name -> size cap) from the zip file ``f``.

    Returns the members read, the names of other members (ignored, never decompressed) and
    warnings. Every member's name, declared size and compression ratio is checked before any
    member is decompressed. A ``required`` member over a limit or damaged refuses the file; any
    other wanted member is skipped with a warning naming it, so a history or checkpoint too big
    to read never makes the graph and weights unreadable. Limits are about safety (a hostile
    or damaged file must not fill memory), far above what netbuilder writes. A ``stored_ok``
    member (tensors, which netbuilder stores uncompressed) that is stored holds its bytes in
    the file itself: nothing can expand, so it is bounded by the file's cap, not its own.
    """

    def fail(message: str, member: str | None = None) -> ProjectFileError:
        return ProjectFileError(message, path=path, member=member)

    must = set(required)
    try:
        file_size = f.seek(0, os.SEEK_END)
        declared = _declared_members(f, file_size)
    except OSError as exc:
        raise fail(_cannot_read(exc)) from None
    too_many = translate(
        "ProjectFile", "the archive has {count} members; at most {most} are expected"
    )
    if declared is not None and declared > MAX_MEMBERS:
        raise fail(too_many.format(count=declared, most=MAX_MEMBERS))
    try:
        zf = zipfile.ZipFile(f)
        infos = zf.infolist()
    except _ZIP_ERRORS as exc:
        raise fail(
            translate(
                "ProjectFile", "not a readable .nbproj archive (damaged or truncated zip: {reason})"
            ).format(reason=str(exc))
        ) from None
    if len(infos) > MAX_MEMBERS:
        raise fail(too_many.format(count=len(infos), most=MAX_MEMBERS))
    seen: set[str] = set()
    compressed = 0
    for info in infos:
        name = info.filename
        why = check_member_name(name)
        if why:
            raise fail(
                translate("ProjectFile", "refused: the member name {name} {why}").format(
                    name=repr(name), why=why
                )
            )
        if name in seen:
            raise fail(
                translate(
                    "ProjectFile", "refused: the member {name} appears more than once"
                ).format(name=repr(name)),
                name,
            )
        seen.add(name)
        if info.flag_bits & 0x1:
            raise fail(translate("ProjectFile", "encrypted members are not supported"), name)
        compressed += info.compress_size
    if compressed > file_size:
        raise fail(
            translate(
                "ProjectFile", "refused: members overlap or claim more data than the file holds"
            )
        )
    by_name = {info.filename: info for info in infos}
    warnings: list[str] = []
    chosen: list[zipfile.ZipInfo] = []
    total = 0
    for name, cap in wanted.items():  # in order of importance: later ones give way first
        found = by_name.get(name)
        if found is None:
            continue
        stored = name in stored_ok and is_stored(found)
        problem = _over_limit(found, cap, total, stored=stored)
        if problem and name in must:
            raise fail(problem, name)
        if problem:
            warnings.append(
                translate(
                    "ProjectFile",
                    "{member}: skipped ({problem}); saving the project will not keep it",
                ).format(member=name, problem=problem)
            )
            continue
        if not stored:
            total += found.file_size  # what decompression could make of the file
        chosen.append(found)
    members: dict[str, bytes] = {}
    for info in chosen:
        try:
            with zf.open(info) as f:
                data = f.read(info.file_size + 1)
            if len(data) != info.file_size:
                raise zipfile.BadZipFile("its size does not match the archive's index")
        except _ZIP_ERRORS as exc:
            if info.filename in must:
                raise fail(
                    translate("ProjectFile", "damaged member ({reason})").format(reason=str(exc)),
                    info.filename,
                ) from None
            warnings.append(
                translate(
                    "ProjectFile",
                    "{member}: skipped (damaged member: {reason}); saving the project will "
                    "not keep it",
                ).format(member=info.filename, reason=str(exc))
            )
            continue
        members[info.filename] = data
    others = [i.filename for i in infos if i.filename not in wanted]
    return members, others, warnings


def _over_limit(info: zipfile.ZipInfo, cap: int, total: int, *, stored: bool) -> str | None:
    """Why the member must not be decompressed, or None.

    A ``stored`` member's bytes are in the file (the index's sizes were checked against the
    file's), so reading it costs what the file's size says: it is bounded by the file's cap,
    not by the decompression caps. A 100 M-parameter network's weights open again.
    """
    size = info.file_size
    if stored:
        return (
            None
            if size <= MAX_FILE_BYTES
            else translate("ProjectFile", "{size}; the limit is {most}").format(
                size=_size(size), most=_size(MAX_FILE_BYTES)
            )
        )
    if size > cap:
        return translate("ProjectFile", "{size} uncompressed; the limit is {most}").format(
            size=_size(size), most=_size(cap)
        )
    if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
        return translate(
            "ProjectFile",
            "refused: compressed more than {ratio}:1 ({packed} -> {size}), like a zip bomb",
        ).format(ratio=MAX_RATIO, packed=_size(info.compress_size), size=_size(size))
    if total + size > MAX_TOTAL_BYTES:
        return translate(
            "ProjectFile", "the members would hold {size} uncompressed; the limit is {most}"
        ).format(size=_size(total + size), most=_size(MAX_TOTAL_BYTES))
    return None


def is_stored(info: zipfile.ZipInfo) -> bool:
    """The member's bytes are in the file as they are (no compression to expand)."""
    return info.compress_type == zipfile.ZIP_STORED and info.file_size == info.compress_size


def _declared_members(f: IO[bytes], file_size: int) -> int | None:
    """The member count from the end record, read before zipfile parses a huge index."""
    f.seek(max(0, file_size - 65_557))
    raw = f.read()
    at = raw.rfind(_EMPTY_ZIP, max(0, len(raw) - 65_557))
    if at < 0 or at + 12 > len(raw):
        return None
    count: int = struct.unpack("<H", raw[at + 10 : at + 12])[0]
    return count


def build_archive(members: Iterable[tuple[str, bytes, bool]]) -> bytes:
    """Zip ``(name, data, compress)`` members in the given order, byte-for-byte reproducibly."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data, compress in members:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.create_system = 3
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            zf.writestr(info, data, compresslevel=6 if compress else None)
    return buf.getvalue()


def _size(n: int) -> str:
    if n >= MiB:
        return f"{n / MiB:.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n} bytes"
