"""Bytes on disk: capped reading, the ``.nbproj`` zip container, and atomic writing.

A ``.nbproj`` is read member by member by name into memory and never extracted; every size is
checked against a cap before anything is decompressed, so a damaged or hostile file is refused
quickly instead of filling memory. Writing is deterministic (fixed timestamps, attributes and
member order) and atomic (temp file in the same folder, fsync, ``os.replace``).
"""

from __future__ import annotations

import io
import os
import re
import secrets
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

from netbuilder.io.errors import ProjectFileError

MiB = 1024 * 1024
MAX_FILE_BYTES = 256 * MiB  # the whole file on disk
MAX_JSON_MEMBER_BYTES = 64 * MiB  # one JSON member, uncompressed
MAX_BINARY_MEMBER_BYTES = 256 * MiB  # one safetensors member, uncompressed
MAX_TOTAL_BYTES = 512 * MiB  # all members together, uncompressed
MAX_MEMBERS = 32
MAX_RATIO = 100  # uncompressed / compressed, checked for members above RATIO_FLOOR
RATIO_FLOOR = 1 * MiB

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


def read_file(path: Path) -> bytes:
    """The whole file, refused when it is missing, not a file, unreadable or over the cap."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ProjectFileError("no such file", path=path) from None
    except OSError as exc:
        raise ProjectFileError(f"cannot read the file ({_reason(exc)})", path=path) from None
    if stat.S_ISDIR(st.st_mode):
        raise ProjectFileError("is a folder, not a project file", path=path)
    if not stat.S_ISREG(st.st_mode):
        raise ProjectFileError("is not a regular file", path=path)
    if st.st_size > MAX_FILE_BYTES:
        raise ProjectFileError(
            f"the file is {_size(st.st_size)}; project files are at most {_size(MAX_FILE_BYTES)}",
            path=path,
        )
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ProjectFileError(f"cannot read the file ({_reason(exc)})", path=path) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ProjectFileError(f"the file grew over {_size(MAX_FILE_BYTES)}", path=path)
    return raw


def is_zip(raw: bytes) -> bool:
    return raw.startswith(ZIP_MAGIC) or raw.startswith(_EMPTY_ZIP)


def check_member_name(name: str) -> str | None:
    """Why ``name`` is unsafe as a member name, or None.

    Checked even though nothing is extracted.
    """
    if "\\" in name:
        return "holds a backslash"
    if name.startswith("/") or _DRIVE.match(name):
        return "is an absolute path"
    if ".." in name.split("/"):
        return "climbs out of the archive (..)"
    if "\x00" in name:
        return "holds a NUL character"
    return None


def read_archive(
    raw: bytes, path: Path, wanted: dict[str, int]
) -> tuple[dict[str, bytes], list[str]]:
    """Read the members named in ``wanted`` (name -> size cap) from zip bytes.

    Returns the members found and the names of other members (ignored). Every member's name,
    declared size and compression ratio is checked before any member is decompressed.
    """

    def fail(message: str, member: str | None = None) -> ProjectFileError:
        return ProjectFileError(message, path=path, member=member)

    declared = _declared_members(raw)
    if declared is not None and declared > MAX_MEMBERS:
        raise fail(f"the archive has {declared} members; at most {MAX_MEMBERS} are expected")
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
        infos = zf.infolist()
    except _ZIP_ERRORS as exc:
        raise fail(f"not a readable .nbproj archive (damaged or truncated zip: {exc})") from None
    if len(infos) > MAX_MEMBERS:
        raise fail(f"the archive has {len(infos)} members; at most {MAX_MEMBERS} are expected")
    seen: set[str] = set()
    total = 0
    compressed = 0
    for info in infos:
        name = info.filename
        why = check_member_name(name)
        if why:
            raise fail(f"refused: the member name {name!r} {why}")
        if name in seen:
            raise fail(f"refused: the member {name!r} appears more than once", name)
        seen.add(name)
        if info.flag_bits & 0x1:
            raise fail("encrypted members are not supported", name)
        cap = wanted.get(name, MAX_JSON_MEMBER_BYTES)
        if info.file_size > cap:
            raise fail(f"{_size(info.file_size)} uncompressed; the limit is {_size(cap)}", name)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise fail(
                f"refused: compressed more than {MAX_RATIO}:1 "
                f"({_size(info.compress_size)} -> {_size(info.file_size)}), like a zip bomb",
                name,
            )
        total += info.file_size
        compressed += info.compress_size
    if total > MAX_TOTAL_BYTES:
        raise fail(
            f"the members hold {_size(total)} uncompressed; the limit is {_size(MAX_TOTAL_BYTES)}"
        )
    if compressed > len(raw):
        raise fail("refused: members overlap or claim more data than the file holds")
    members: dict[str, bytes] = {}
    for info in infos:
        if info.filename not in wanted:
            continue
        try:
            with zf.open(info) as f:
                data = f.read(info.file_size + 1)
        except _ZIP_ERRORS as exc:
            raise fail(f"damaged member ({exc})", info.filename) from None
        if len(data) != info.file_size:
            raise fail(
                "damaged member (its size does not match the archive's index)", info.filename
            )
        members[info.filename] = data
    others = [i.filename for i in infos if i.filename not in wanted]
    return members, others


def _declared_members(raw: bytes) -> int | None:
    """The member count from the end record, read before zipfile parses a huge index."""
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


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once: readers see the old file or the new one.

    On any failure the original is untouched and the temp file is removed.
    """
    folder = path.parent
    tmp = folder / f".{path.name}.{secrets.token_hex(4)}.tmp"
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = None
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as exc:
        raise ProjectFileError(f"cannot write in {folder} ({_reason(exc)})", path=path) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise ProjectFileError(f"cannot save ({_reason(exc)})", path=path) from exc
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it (POSIX)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def _size(n: int) -> str:
    if n >= MiB:
        return f"{n / MiB:.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n} bytes"
