"""Load and save projects: staged reading (size caps -> members -> JSON -> structure ->
migration -> model objects) and atomic, byte-stable writing.

Two containers: a bare ``.json`` document (diffable; examples use it; holds no weights) and a
``.nbproj`` zip with ``project.json`` and, when present, ``weights.safetensors``,
``history.json``, ``checkpoint.safetensors`` + ``checkpoint.json``, ``recipe.json`` (how raw
samples become the network's inputs, written with the weights). Safetensors members are
opaque bytes here (the engine encodes them). Nothing read is ever executed; no pickle.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netbuilder import __version__
from netbuilder.io.atomic import atomic_write
from netbuilder.io.container import (
    MAX_BINARY_MEMBER_BYTES,
    MAX_FILE_BYTES,
    MAX_JSON_MEMBER_BYTES,
    MiB,
    build_archive,
    is_zip,
    open_file,
    read_archive,
    read_capped,
    read_head,
)
from netbuilder.io.errors import ProjectFileError
from netbuilder.io.jsonio import check_plain, dump_json, parse_json
from netbuilder.io.migrations import FORMAT_NAME, FORMAT_VERSION, migrate, parse_version
from netbuilder.io.schema import Invalid, check_document, edge_place, node_place
from netbuilder.model import (
    DatasetBinding,
    Graph,
    GraphDataError,
    Project,
    SettingsError,
    TrainingSettings,
)
from netbuilder.model.block_loading import load_blocks
from netbuilder.model.blocks import BlockError, Blocks
from netbuilder.model.errors import message_of
from netbuilder.model.i18n import translate
from netbuilder.model.results import ProjectResults

ARCHIVE_SUFFIX = ".nbproj"
JSON_SUFFIX = ".json"
PROJECT_MEMBER = "project.json"
WEIGHTS_MEMBER = "weights.safetensors"
HISTORY_MEMBER = "history.json"
CHECKPOINT_MEMBER = "checkpoint.safetensors"
CHECKPOINT_META_MEMBER = "checkpoint.json"
RECIPE_MEMBER = "recipe.json"
# Read in this order; when the members together pass the memory cap, later ones are skipped.
_WANTED = {
    PROJECT_MEMBER: MAX_JSON_MEMBER_BYTES,
    WEIGHTS_MEMBER: MAX_BINARY_MEMBER_BYTES,
    RECIPE_MEMBER: MAX_JSON_MEMBER_BYTES,  # small, and needed to use the weights
    HISTORY_MEMBER: MAX_JSON_MEMBER_BYTES,
    CHECKPOINT_META_MEMBER: MAX_JSON_MEMBER_BYTES,
    CHECKPOINT_MEMBER: MAX_BINARY_MEMBER_BYTES,
}


@dataclass
class LoadedProject:
    """What a project file held. ``warnings`` are things a user should see but that did not
    stop loading (unknown layer types, a newer minor format, ignored members)."""

    project: Project
    weights: bytes | None = None
    history: list[Any] | dict[str, Any] | None = None
    checkpoint: bytes | None = None
    checkpoint_meta: dict[str, Any] | None = None
    recipe: dict[str, Any] | None = None
    warnings: list[str] = field(default_factory=list)
    path: Path | None = None
    format_version: str = FORMAT_VERSION  # as written in the file, before migration

    @property
    def results(self) -> ProjectResults:
        """Weights, history, checkpoint and recipe as the one value the window keeps."""
        return ProjectResults(
            self.weights, self.history, self.checkpoint, self.checkpoint_meta, self.recipe
        )


# --- plain data <-> Project -------------------------------------------------------------------


def project_to_dict(project: Project) -> dict[str, Any]:
    """The current-format document for ``project`` (JSON-ready; ``view`` is copied as is)."""
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "name": project.name,
        "notes": project.notes,
        "graph": project.graph.to_dict(),
        "dataset": project.dataset.to_dict() if project.dataset is not None else None,
        "training": project.training.to_dict(),
        "view": copy.deepcopy(project.view),
        "blocks": project.graph.blocks.to_list(),
    }


def project_from_dict(data: Any, *, source: str = "") -> tuple[Project, list[str]]:
    """Check, migrate and build a project from a parsed document.

    Returns the project and warnings; raises ProjectFileError naming ``source`` and the place.
    ``data`` is not modified.
    """
    project, warnings, _ = _from_dict(data, source)
    return project, warnings


def _from_dict(data: Any, source: str, *, parsed: bool = False) -> tuple[Project, list[str], str]:
    """``parsed``: ``data`` came from ``parse_json``, which already ran ``check_plain``."""

    def fail(message: str, **where: Any) -> ProjectFileError:
        return ProjectFileError(message, path=source, **where)

    if not isinstance(data, dict):
        raise fail(
            translate("ProjectFile", "not a netbuilder project (the document is not a JSON object)")
        )
    problem = None if parsed else check_plain(data)
    if problem:
        raise fail(problem[1], field=problem[0] or None)
    if data.get("format") != FORMAT_NAME:
        message = (
            translate(
                "ProjectFile",
                'not a netbuilder project: expected "format": "{name}" (format is {got})',
            )
            if "format" in data
            else translate("ProjectFile", 'not a netbuilder project: expected "format": "{name}"')
        )
        raise fail(message.format(name=FORMAT_NAME, got=repr(data.get("format"))))
    written = data.get("format_version")
    version = parse_version(written)
    if version is None or not isinstance(written, str):
        raise fail(
            translate("ProjectFile", 'expected a version like "1.0", got {got}').format(
                got=repr(written)
            ),
            field="format_version",
        )
    current = parse_version(FORMAT_VERSION)
    assert current is not None
    warnings: list[str] = []
    suffix = ""  # the format converted from, when it was
    newer_minor = False
    if version[0] > current[0]:
        raise fail(
            translate(
                "ProjectFile",
                "written by a newer netbuilder (file format {written}); netbuilder {version} "
                "reads format {major}.x and older. Update netbuilder to open it",
            ).format(written=written, version=__version__, major=current[0])
        )
    if version > current:
        newer_minor = True
        warnings.append(
            translate(
                "ProjectFile",
                "written by a newer netbuilder (file format {written}; this one reads "
                "{current}); newer settings it holds are ignored",
            ).format(written=written, current=FORMAT_VERSION)
        )
    elif written != FORMAT_VERSION:
        try:
            data, _steps = migrate(copy.deepcopy(data), written)
        except KeyError:
            raise fail(
                translate(
                    "ProjectFile", "file format {written} is not one this netbuilder can convert"
                ).format(written=written),
                field="format_version",
            ) from None
        suffix = written
        warnings.append(
            translate(
                "ProjectFile",
                "converted from file format {written}; saving writes format {current}",
            ).format(written=written, current=FORMAT_VERSION)
        )
    try:
        check_document(data, warnings)
    except Invalid as exc:
        raise fail(
            _converted(exc.message, suffix), field=exc.field, node=exc.node, where=exc.where
        ) from None

    blocks = _build_blocks(data.get("blocks", []), source, suffix)
    for i, definition in enumerate(blocks):
        _warn_unknown(definition.body, f"blocks[{i}] ({definition.name}).graph", warnings)
    graph = _build_graph(data["graph"], source, warnings, suffix, blocks)
    where = _Where(source, warnings, newer_minor, suffix)
    dataset = _settings(DatasetBinding, data.get("dataset"), "dataset", where)
    training = _settings(TrainingSettings, data.get("training"), "training", where)
    project = Project(
        graph=graph,
        dataset=dataset,
        training=training if training is not None else TrainingSettings(),
        name=data.get("name", ""),
        notes=data.get("notes", ""),
        view=copy.deepcopy(data.get("view", {})),
    )
    return project, warnings, written


def _build_blocks(data: list[Any], source: str, suffix: str) -> Blocks:
    """The block library (definitions checked against the catalogue and each other)."""
    blocks = Blocks()
    try:
        load_blocks(data, blocks)
    except BlockError as exc:
        field_path = exc.field or "blocks"
        where = field_path
        if exc.block and field_path.startswith("blocks["):
            index, _, rest = field_path.partition("]")
            where = f"{index}] ({exc.block}){rest}"
        raise ProjectFileError(
            _converted(message_of(exc), suffix),
            path=source,
            field=field_path,
            node=exc.node,
            where=where,
        ) from None
    return blocks


def _converted(message: str, written: str) -> str:
    """``message``, saying it is about the file as converted from format ``written`` (if)."""
    if not written:
        return message
    return translate(
        "ProjectFile", "{message} (in the file as converted from format {written})"
    ).format(message=message, written=written)


def _build_graph(
    data: dict[str, Any], source: str, warnings: list[str], suffix: str, blocks: Blocks
) -> Graph:
    try:
        graph = Graph.from_dict(data, allow_unknown=True, blocks=blocks)
    except GraphDataError as exc:
        entry = data[exc.section][exc.index]
        if exc.section == "nodes":
            where = node_place(exc.index, entry["id"])
        else:
            where = edge_place(exc.index, entry)
        raise ProjectFileError(
            _converted(exc.message, suffix),
            path=source,
            field=f"graph.{exc.path}",
            node=exc.node,
            where=where,
        ) from None
    _warn_unknown(graph, "graph", warnings)
    return graph


def _warn_unknown(graph: Graph, place: str, warnings: list[str]) -> None:
    for i, node in enumerate(graph.nodes.values()):
        if not node.known:
            warnings.append(
                translate(
                    "ProjectFile",
                    "{place}: unknown layer type {layer}; the node is kept but cannot be trained "
                    "or exported until it is replaced",
                ).format(place=node_place(i, node.id, place), layer=repr(node.type))
            )


@dataclass
class _Where:
    source: str
    warnings: list[str]
    newer_minor: bool
    suffix: str


def _settings(cls: Any, value: dict[str, Any] | None, key: str, where: _Where) -> Any:
    """``cls.from_dict`` (the model owns the rules) with its errors placed in the file."""
    if value is None:
        return None
    if where.newer_minor:
        known = set(cls.__dataclass_fields__)
        for name in sorted(set(value) - known):
            where.warnings.append(
                translate(
                    "ProjectFile", "{key}.{name}: setting from a newer netbuilder ignored"
                ).format(key=key, name=name)
            )
        value = {k: v for k, v in value.items() if k in known}
    try:
        return cls.from_dict(copy.deepcopy(value))
    except SettingsError as exc:
        field_path = f"{key}.{exc.field}" if exc.field else key
        raise ProjectFileError(
            _converted(message_of(exc), where.suffix), path=where.source, field=field_path
        ) from None
    except (OverflowError, ValueError, TypeError) as exc:
        message = translate("ProjectFile", "a value is out of range ({reason})").format(
            reason=str(exc)
        )
        raise ProjectFileError(
            _converted(message, where.suffix), path=where.source, field=key
        ) from None


# --- files ------------------------------------------------------------------------------------


def load_project(path: str | os.PathLike[str]) -> LoadedProject:
    """Read a ``.nbproj`` archive or a bare ``.json`` project; raises ProjectFileError."""
    path = Path(path)
    source = str(path)
    member_warnings: list[str] = []
    members: dict[str, bytes] = {}
    with open_file(path) as f:
        head = read_head(f, path)
        if is_zip(head) or path.suffix.lower() == ARCHIVE_SUFFIX:
            if not is_zip(head):
                raise ProjectFileError(
                    translate(
                        "ProjectFile",
                        "not a .nbproj archive (a .nbproj file is a zip archive; this one is not)",
                    ),
                    path=path,
                )
            members, others, member_warnings = read_archive(
                f,
                path,
                _WANTED,
                required=(PROJECT_MEMBER,),
                stored_ok=(WEIGHTS_MEMBER, CHECKPOINT_MEMBER),
            )
            for name in others:
                if not name.endswith("/"):
                    member_warnings.append(
                        translate("ProjectFile", "{name}: unknown archive member ignored").format(
                            name=name
                        )
                    )
            if PROJECT_MEMBER not in members:
                raise ProjectFileError(
                    translate(
                        "ProjectFile",
                        "the archive holds no {member}; is this a netbuilder project?",
                    ).format(member=PROJECT_MEMBER),
                    path=path,
                )
            raw = members[PROJECT_MEMBER]
        else:
            raw = read_capped(f, path, MAX_JSON_MEMBER_BYTES)
    if members:
        data = parse_json(raw, path=source, member=PROJECT_MEMBER)
    else:
        data = parse_json(raw, path=source)
    project, warnings, written = _from_dict(data, source, parsed=True)
    loaded = LoadedProject(project, path=path, format_version=written)
    loaded.warnings = warnings + member_warnings
    loaded.weights = members.get(WEIGHTS_MEMBER)
    loaded.history = _optional_json(members, HISTORY_MEMBER, (list, dict), source, loaded.warnings)
    loaded.recipe = _optional_json(members, RECIPE_MEMBER, (dict,), source, loaded.warnings)
    checkpoint = members.get(CHECKPOINT_MEMBER)
    meta = _optional_json(members, CHECKPOINT_META_MEMBER, (dict,), source, loaded.warnings)
    if (checkpoint is None) != (meta is None):
        if CHECKPOINT_MEMBER in members or CHECKPOINT_META_MEMBER in members:
            loaded.warnings.append(
                translate(
                    "ProjectFile", "the checkpoint is incomplete and was ignored; training restarts"
                )
            )
    else:
        loaded.checkpoint, loaded.checkpoint_meta = checkpoint, meta
    return loaded


def _optional_json(
    members: dict[str, bytes], name: str, types: tuple[type, ...], source: str, warnings: list[str]
) -> Any:
    """A JSON member that is nice to have: trouble with it is a warning, not a failure."""
    if name not in members:
        return None
    try:
        value = parse_json(members[name], path=source, member=name, allow_nan=True)
    except ProjectFileError as exc:
        warnings.append(
            translate("ProjectFile", "{member}: ignored ({reason})").format(
                member=exc.member, reason=exc.message
            )
        )
        return None
    if not isinstance(value, types):
        warnings.append(
            translate("ProjectFile", "{name}: ignored (unexpected content)").format(name=name)
        )
        return None
    return value


def save_project(
    path: str | os.PathLike[str],
    project: Project,
    *,
    weights: bytes | None = None,
    history: list[Any] | dict[str, Any] | None = None,
    checkpoint: bytes | None = None,
    checkpoint_meta: dict[str, Any] | None = None,
    recipe: dict[str, Any] | None = None,
) -> Path:
    """Write ``project`` atomically; the suffix picks the container (.nbproj or .json).

    Everything is encoded before the disk is touched, so a failure leaves the original intact.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (ARCHIVE_SUFFIX, JSON_SUFFIX):
        raise ProjectFileError(
            translate(
                "ProjectFile",
                "cannot save as {suffix}: use {archive} (project, weights, history) or {json} "
                "(project only)",
            ).format(
                suffix=suffix or translate("ProjectFile", "a file without a suffix"),
                archive=ARCHIVE_SUFFIX,
                json=JSON_SUFFIX,
            ),
            path=path,
        )
    for label, value in (("training", project.training), ("dataset", project.dataset)):
        try:
            if value is not None:
                value.validate()
        except SettingsError as exc:
            field_path = f"{label}.{exc.field}" if exc.field else label
            raise ProjectFileError(
                translate("ProjectFile", "not saved: {reason}").format(reason=message_of(exc)),
                path=path,
                field=field_path,
            ) from None
    doc = _encode(project_to_dict(project), path, translate("ProjectFile", "the project"))
    if suffix == JSON_SUFFIX:
        extras = [
            label
            for label, value in (
                ("weights", weights),
                ("history", history),
                ("checkpoint", checkpoint),
                ("checkpoint_meta", checkpoint_meta),
                ("recipe", recipe),
            )
            if value is not None
        ]
        if extras:
            raise ProjectFileError(
                translate(
                    "ProjectFile",
                    "a {json} project cannot hold {extras}; save as {archive} to keep them",
                ).format(json=JSON_SUFFIX, extras=", ".join(extras), archive=ARCHIVE_SUFFIX),
                path=path,
            )
        atomic_write(path, doc)
        return path
    if (checkpoint is None) != (checkpoint_meta is None):
        raise ValueError("a checkpoint needs both its tensors (checkpoint) and checkpoint_meta")
    if checkpoint_meta is not None and not isinstance(checkpoint_meta, dict):
        raise TypeError("checkpoint_meta must be a dict")
    if history is not None and not isinstance(history, (list, dict)):
        raise TypeError("history must be a list or a dict")
    if recipe is not None and not isinstance(recipe, dict):
        raise TypeError("recipe must be a dict")
    members = [(PROJECT_MEMBER, doc, True)]
    if weights is not None:
        members.append((WEIGHTS_MEMBER, _bytes(weights, "weights"), False))
    if recipe is not None:
        members.append(
            (
                RECIPE_MEMBER,
                _encode(recipe, path, translate("ProjectFile", "the recipe"), compact=True),
                True,
            )
        )
    if history is not None:
        history_json = _encode(
            history, path, translate("ProjectFile", "the history"), nan=True, compact=True
        )
        members.append((HISTORY_MEMBER, history_json, True))
    if checkpoint is not None:
        meta = _encode(
            checkpoint_meta,
            path,
            translate("ProjectFile", "the checkpoint metadata"),
            nan=True,
            compact=True,
        )
        members.append((CHECKPOINT_META_MEMBER, meta, True))
        members.append((CHECKPOINT_MEMBER, _bytes(checkpoint, "checkpoint"), False))
    archive = build_archive(members)
    if len(archive) > MAX_FILE_BYTES:  # what is written must open again
        raise ProjectFileError(
            translate(
                "ProjectFile",
                "not saved: the project would be {size} MiB; project files are at most {most} "
                "MiB (export the network to keep bigger weights)",
            ).format(size=f"{len(archive) / MiB:,.0f}", most=f"{MAX_FILE_BYTES / MiB:,.0f}"),
            path=path,
        )
    atomic_write(path, archive)
    return path


def _encode(
    value: Any, path: Path, what: str, *, nan: bool = False, compact: bool = False
) -> bytes:
    try:
        return dump_json(value, allow_nan=nan, compact=compact)
    except (TypeError, ValueError, RecursionError) as exc:
        raise ProjectFileError(
            translate(
                "ProjectFile", "not saved: {what} cannot be written as JSON ({reason})"
            ).format(what=what, reason=str(exc)),
            path=path,
        ) from None


def _bytes(value: Any, name: str) -> bytes:
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError(f"{name} must be bytes (safetensors), got {type(value).__name__}")
    return bytes(value)
