"""The block library: block definitions kept in a folder shared by every project.

The folder is ``$NETBUILDER_BLOCKS_DIR`` when set, else the one the caller passes (the window
passes ``<AppDataLocation>/blocks``). It holds one file per block, ``<Name>.nbblock``::

    {"format": "netbuilder-block", "format_version": "1.1", "name": "BasicBlock",
     "blocks": [<every definition BasicBlock uses, innermost first>, <BasicBlock>]}

each definition in ``BlockDef.to_dict`` form, so a file is complete on its own. Files are
written atomically. Reading never raises for a bad file: ``read_library`` lists each file as a
block or as a problem naming the file, the field and what is wrong (not JSON, another format, a
newer major version, a definition that does not build).

``plan_library_add`` works out how a library block joins a project's ``Blocks``: a definition
identical to one already there is reused; a different one with a taken name is added under a
new name, and the uses inside the definitions added are renamed to match. Pure Python.
"""

from __future__ import annotations

import copy
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netbuilder.io.atomic import atomic_write, os_reason
from netbuilder.io.container import MiB, read_capped
from netbuilder.io.errors import ProjectFileError
from netbuilder.io.jsonio import dump_json, parse_json
from netbuilder.io.migrations import FORMAT_VERSION, parse_version
from netbuilder.io.schema import Invalid, check_blocks
from netbuilder.model.block_loading import load_blocks
from netbuilder.model.blocks import (
    BLOCK,
    BlockDef,
    BlockError,
    Blocks,
    is_valid_block_name,
)
from netbuilder.model.errors import message_of
from netbuilder.model.i18n import translate

BLOCKS_DIR_ENV = "NETBUILDER_BLOCKS_DIR"
BLOCK_FORMAT_NAME = "netbuilder-block"
BLOCK_SUFFIX = ".nbblock"
#: One block file; a 300-layer block with its inner blocks is well under 1 MiB.
MAX_BLOCK_FILE_BYTES = 16 * MiB
#: Files read from one folder; beyond this the rest are listed as one problem.
MAX_LIBRARY_FILES = 500


def library_dir(default: Path | str | None = None) -> Path | None:
    """The library folder: ``$NETBUILDER_BLOCKS_DIR`` if set, else ``default``."""
    env = os.environ.get(BLOCKS_DIR_ENV)
    if env:
        return Path(env)
    return Path(default) if default is not None else None


def block_path(folder: Path, name: str) -> Path:
    return Path(folder) / f"{name}{BLOCK_SUFFIX}"


@dataclass
class LibraryBlock:
    """One readable library file: ``blocks`` holds the block and every definition it uses."""

    name: str
    path: Path
    blocks: Blocks
    warnings: list[str] = field(default_factory=list)

    @property
    def definition(self) -> BlockDef:
        return self.blocks[self.name]

    def entries(self) -> list[dict[str, Any]]:
        """The definitions, innermost first (``BlockDef.to_dict`` form)."""
        return [self.blocks[n].to_dict() for n in self.blocks.depends_on([self.name])]


@dataclass(frozen=True)
class LibraryProblem:
    """A library file that cannot be used: which file, which field, what is wrong."""

    path: Path
    message: str
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.path.name}: {where}{self.message}"


@dataclass
class Library:
    blocks: list[LibraryBlock] = field(default_factory=list)
    problems: list[LibraryProblem] = field(default_factory=list)

    def get(self, name: str) -> LibraryBlock | None:
        return next((b for b in self.blocks if b.name == name), None)


# --- reading ----------------------------------------------------------------------------------


def read_library(folder: Path | None) -> Library:
    """Every ``*.nbblock`` file in ``folder``, by name, as a block or a problem. Never raises."""
    library = Library()
    if folder is None:
        return library
    folder = Path(folder)
    try:
        files = sorted(
            (
                p
                for p in folder.iterdir()
                if p.suffix == BLOCK_SUFFIX and not p.name.startswith(".")
            ),
            key=lambda p: p.name.lower(),
        )
    except FileNotFoundError:
        return library
    except OSError as exc:
        library.problems.append(
            LibraryProblem(folder, f"cannot read the block library folder ({os_reason(exc)})")
        )
        return library
    if len(files) > MAX_LIBRARY_FILES:
        skipped = files[MAX_LIBRARY_FILES:]
        files = files[:MAX_LIBRARY_FILES]
        library.problems.append(
            LibraryProblem(
                skipped[0],
                f"{len(skipped)} more block files not read (at most {MAX_LIBRARY_FILES})",
            )
        )
    seen: dict[str, Path] = {}
    for path in files:
        try:
            block = read_block_file(path)
        except ProjectFileError as exc:
            library.problems.append(LibraryProblem(path, exc.message, exc.where))
            continue
        if block.name in seen:
            library.problems.append(
                LibraryProblem(path, f"{seen[block.name].name} already holds a block {block.name}")
            )
            continue
        seen[block.name] = path
        library.blocks.append(block)
    return library


def read_block_file(path: Path) -> LibraryBlock:
    """One block file; raises ProjectFileError naming the file and field."""
    path = Path(path)

    def fail(message: str, where: str | None = None) -> ProjectFileError:
        return ProjectFileError(message, path=path, field=where)

    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise fail(translate("ProjectFile", "not a file"))
        if st.st_size > MAX_BLOCK_FILE_BYTES:
            raise fail(
                translate(
                    "ProjectFile", "the file is {size} MiB; block files are at most {most} MiB"
                ).format(size=st.st_size // MiB, most=MAX_BLOCK_FILE_BYTES // MiB)
            )
        with open(path, "rb") as f:
            raw = read_capped(f, path, MAX_BLOCK_FILE_BYTES)
    except OSError as exc:
        raise fail(
            translate("ProjectFile", "cannot read the file ({reason})").format(
                reason=os_reason(exc)
            )
        ) from None
    data = parse_json(raw, path=str(path))
    return block_from_file_dict(data, path)


def block_from_file_dict(data: Any, path: Path) -> LibraryBlock:
    """The block a parsed file holds (staged: format, version, structure, definitions)."""

    def fail(message: str, where: str | None = None) -> ProjectFileError:
        return ProjectFileError(message, path=path, field=where)

    if not isinstance(data, dict):
        raise fail(
            translate(
                "ProjectFile", "not a netbuilder block file (the document is not a JSON object)"
            )
        )
    if data.get("format") != BLOCK_FORMAT_NAME:
        message = (
            translate(
                "ProjectFile",
                'not a netbuilder block file: expected "format": "{name}" (format is {got})',
            )
            if "format" in data
            else translate(
                "ProjectFile", 'not a netbuilder block file: expected "format": "{name}"'
            )
        )
        raise fail(message.format(name=BLOCK_FORMAT_NAME, got=repr(data.get("format"))))
    written = data.get("format_version")
    version = parse_version(written)
    current = parse_version(FORMAT_VERSION)
    assert current is not None
    if version is None:
        raise fail(
            translate("ProjectFile", 'expected a version like "1.1", got {got}').format(
                got=repr(written)
            ),
            "format_version",
        )
    if version[0] > current[0]:
        raise fail(
            translate(
                "ProjectFile",
                "written by a newer netbuilder (format {written}); this one reads {major}.x "
                "and older. Update netbuilder to use it",
            ).format(written=written, major=current[0]),
            "format_version",
        )
    warnings: list[str] = []
    if version > current:
        warnings.append(
            translate("ProjectFile", "written by a newer netbuilder (format {written})").format(
                written=written
            )
        )
    name = data.get("name")
    if not is_valid_block_name(name):
        raise fail(
            translate(
                "ProjectFile",
                "expected a block name (a letter, then letters, digits, _), got {got}",
            ).format(got=repr(name)),
            "name",
        )
    entries: Any = data.get("blocks")  # its structure is checked just below
    try:
        check_blocks(entries, warnings)
    except Invalid as exc:
        raise fail(exc.message, exc.where) from None
    blocks = Blocks()
    try:
        load_blocks(copy.deepcopy(entries), blocks)
    except BlockError as exc:
        where = exc.field or "blocks"
        raise fail(message_of(exc), where) from None
    if name not in blocks:
        raise fail(
            translate("ProjectFile", "the file defines no block named {name}").format(name=name),
            "blocks",
        )
    for i, entry_name in enumerate(n["name"] for n in entries):
        for node in blocks[entry_name].body:
            if not node.known:
                raise fail(
                    translate(
                        "ProjectFile", "block {block}: layer {node} has unknown type {layer}"
                    ).format(block=entry_name, node=node.id, layer=repr(node.type)),
                    f"blocks[{i}] ({entry_name}).graph",
                )
    return LibraryBlock(str(name), path, blocks, warnings)


# --- writing ----------------------------------------------------------------------------------


def block_file_dict(blocks: Blocks, name: str) -> dict[str, Any]:
    """The file content for ``name``: it and every definition it uses, innermost first."""
    definition = blocks[name]
    return {
        "format": BLOCK_FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "name": definition.name,
        "blocks": [blocks[n].to_dict() for n in blocks.depends_on([name])],
    }


def save_block(folder: Path, blocks: Blocks, name: str) -> Path:
    """Write ``<folder>/<name>.nbblock`` atomically (the folder is made); returns the path."""
    problems = blocks[name].problems()
    if problems:
        raise ProjectFileError(problems[0][1], path=block_path(folder, name))
    path = block_path(folder, name)
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ProjectFileError(
            translate(
                "ProjectFile", "cannot make the block library folder {folder} ({reason})"
            ).format(folder=folder, reason=os_reason(exc)),
            path=path,
        ) from None
    atomic_write(path, dump_json(block_file_dict(blocks, name)))
    return path


def remove_block_file(path: Path) -> None:
    try:
        Path(path).unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ProjectFileError(
            translate("ProjectFile", "cannot remove the file ({reason})").format(
                reason=os_reason(exc)
            ),
            path=path,
        ) from None


# --- adding to a project ----------------------------------------------------------------------


@dataclass
class LibraryAdd:
    """How a library block joins a project: definitions to add (innermost first, already
    renamed) and the name the block has there."""

    definitions: list[dict[str, Any]]
    name: str
    renamed: dict[str, str]


def plan_library_add(block: LibraryBlock, project: Blocks) -> LibraryAdd:
    """Copy ``block`` and what it uses into ``project``'s library, by plan (nothing changes).

    A definition equal to one in the project (layout aside) is reused, preferring the same
    name; a different one with a taken name gets ``Blocks.new_name``-style ``Name_2``. Uses
    inside the definitions added follow the renames.
    """
    mapping: dict[str, str] = {}
    renamed: dict[str, str] = {}
    planned: list[dict[str, Any]] = []
    taken = set(project.names())
    for entry in block.entries():
        entry = _rename_uses(entry, mapping)
        original = entry["name"]
        same = _same_definition(entry, project)
        if same is not None:
            mapping[original] = same
            if same != original:
                renamed[original] = same
            continue
        new = original if original not in taken else _free_name(original, taken)
        taken.add(new)
        mapping[original] = new
        if new != original:
            renamed[original] = new
        entry["name"] = new
        planned.append(entry)
    return LibraryAdd(planned, mapping[block.name], renamed)


def _rename_uses(entry: dict[str, Any], mapping: dict[str, str]) -> dict[str, Any]:
    entry = copy.deepcopy(entry)
    for node in entry["graph"].get("nodes", []):
        if node.get("type") == BLOCK:
            used = node.get("params", {}).get("block")
            if used in mapping:
                node["params"]["block"] = mapping[used]
    return entry


def _structure(entry: dict[str, Any]) -> dict[str, Any]:
    """A definition without its name and its body's layout: what its uses compute."""
    out = copy.deepcopy(entry)
    out.pop("name", None)
    for node in out.get("graph", {}).get("nodes", []):
        node.pop("pos", None)
    return out


def _same_definition(entry: dict[str, Any], project: Blocks) -> str | None:
    want = _structure(entry)
    name = str(entry["name"])
    existing = project.get(name)
    if existing is not None and _structure(existing.to_dict()) == want:
        return name
    for definition in project:
        if _structure(definition.to_dict()) == want:
            return definition.name
    return None


def _free_name(base: str, taken: set[str]) -> str:
    base = (re.sub(r"_\d+$", "", base) or base)[:56]
    n = 2
    while f"{base}_{n}" in taken:
        n += 1
    return f"{base}_{n}"
