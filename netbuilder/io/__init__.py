"""Project files: read, validate, migrate, and write atomically. No Qt, no torch."""

from netbuilder.io.errors import ProjectFileError
from netbuilder.io.migrations import FORMAT_NAME, FORMAT_VERSION, migration
from netbuilder.io.project_file import (
    ARCHIVE_SUFFIX,
    JSON_SUFFIX,
    LoadedProject,
    load_project,
    project_from_dict,
    project_to_dict,
    save_project,
)

__all__ = [
    "ARCHIVE_SUFFIX",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "JSON_SUFFIX",
    "LoadedProject",
    "ProjectFileError",
    "load_project",
    "migration",
    "project_from_dict",
    "project_to_dict",
    "save_project",
]
