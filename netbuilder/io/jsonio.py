"""Strict JSON in, deterministic JSON out.

Reading names the line and column of a syntax error, refuses duplicate keys, nesting deeper
than ``MAX_DEPTH`` and text that cannot be written back as UTF-8, so whatever loads can be
saved again. Writing uses ``indent=2`` (or no spaces at all for machine-written members) and a
trailing newline; floats are written by ``repr`` (the shortest string that reads back to the
same float), so save -> load -> save is byte-identical.
"""

from __future__ import annotations

import json
import math
from typing import Any

from netbuilder.io.errors import ProjectFileError
from netbuilder.model.errors import message_of
from netbuilder.model.i18n import translate

#: Deepest nesting of lists and objects accepted; real files stay far below it.
MAX_DEPTH = 64


class _Refused(ValueError):
    """Raised from inside the decoder hooks; turned into ProjectFileError by ``parse_json``."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(
                translate("ProjectFile", "the key {key} appears twice in one object").format(
                    key=repr(key)
                )
            )
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise _Refused(
        translate("ProjectFile", "{name} is not allowed here (only finite numbers)").format(
            name=name
        )
    )


def _line_column(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, column


def parse_json(
    raw: bytes, *, path: str = "", member: str | None = None, allow_nan: bool = False
) -> Any:
    """Decode UTF-8 (a BOM is tolerated) and parse; every failure is a ProjectFileError."""

    def fail(message: str, line: int | None = None, column: int | None = None) -> ProjectFileError:
        return ProjectFileError(message, path=path, member=member, line=line, column=column)

    if not raw.strip():
        raise fail(
            translate("ProjectFile", "the file is empty")
            if member is None
            else translate("ProjectFile", "the member is empty")
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(
            translate("ProjectFile", "not UTF-8 text; is this a netbuilder project?"), line, column
        ) from None
    kwargs: dict[str, Any] = {"object_pairs_hook": _pairs}
    if not allow_nan:
        kwargs["parse_constant"] = _no_constant
    try:
        data = json.loads(text, **kwargs)
    except json.JSONDecodeError as exc:
        raise fail(
            translate("ProjectFile", "not valid JSON: {reason}").format(reason=exc.msg),
            exc.lineno,
            exc.colno,
        ) from None
    except _Refused as exc:
        raise fail(message_of(exc)) from None
    except RecursionError:
        raise fail(
            translate("ProjectFile", "nested too deeply (more than {depth} levels)").format(
                depth=MAX_DEPTH
            )
        ) from None
    except ValueError as exc:  # an integer with more digits than Python converts
        if "digits" in str(exc):  # not Python's advice to raise its limit: say what it is
            raise fail(
                translate(
                    "ProjectFile",
                    "not valid JSON: a number with thousands of digits (none is that long)",
                )
            ) from None
        raise fail(
            translate("ProjectFile", "not valid JSON: {reason}").format(reason=str(exc))
        ) from None
    problem = check_plain(data, allow_nan=allow_nan)
    if problem:
        raise ProjectFileError(problem[1], path=path, member=member, field=problem[0] or None)
    return data


def check_plain(data: Any, *, allow_nan: bool = False) -> tuple[str, str] | None:
    """``(json_path, message)`` for the first value that could not be saved again, else None.

    Numbers too large for a float (``1e400`` parses as infinity) count unless ``allow_nan``.

    Iterative, so hostile nesting cannot exhaust the stack.
    """
    stack: list[tuple[Any, str, int]] = [(data, "", 1)]
    while stack:
        value, where, depth = stack.pop()
        if depth > MAX_DEPTH:
            return where, f"nested too deeply (more than {MAX_DEPTH} levels)"
        if isinstance(value, float):
            if not allow_nan and not math.isfinite(value):
                return where, f"the number {value!r} is out of range"
        elif isinstance(value, str):
            if not _is_utf8(value):
                return where, "text holds an unpaired surrogate (\\udXXX) and cannot be saved"
        elif isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str) or not _is_utf8(key):
                    return where, f"invalid key {key!r}"
                stack.append((item, f"{where}.{key}" if where else key, depth + 1))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                stack.append((item, f"{where}[{i}]", depth + 1))
    return None


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def dump_json(data: Any, *, allow_nan: bool = False, compact: bool = False) -> bytes:
    """Deterministic UTF-8 JSON with a trailing newline. Raises TypeError/ValueError as json.

    ``compact``: no indentation or spaces, for machine-written members (history, checkpoint
    metadata) where ``indent=2`` put one number per line and made them several times larger.
    """
    if compact:
        text = json.dumps(data, separators=(",", ":"), ensure_ascii=False, allow_nan=allow_nan)
    else:
        text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=allow_nan)
    return (text + "\n").encode("utf-8")
