"""The one error type of project-file handling; its message says which file and where."""

from __future__ import annotations

import os

from netbuilder.model.errors import NetbuilderError
from netbuilder.model.i18n import Text, translate


class ProjectFileError(NetbuilderError):
    """A project file that cannot be read or written.

    ``path`` is the file; ``field`` the JSON path of the bad value (``graph.nodes[3].params.p``),
    ``node`` the node id, ``member`` the zip member, ``line``/``column`` a JSON syntax error's
    place, each when known. ``str()`` gives one line a user can act on.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | os.PathLike[str] = "",
        field: str | None = None,
        node: str | None = None,
        where: str | None = None,
        member: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.path = os.fspath(path)
        self.field = field
        self.node = node
        self.member = member
        self.line = line
        self.column = column
        self.where = where if where is not None else field
        super().__init__(self._format())

    def _format(self) -> str:
        """``file: member: line 3, column 5: where: message`` (the parts known), as a ``Text``
        whose message (and line) the window shows translated."""
        parts: list[str] = []
        if self.path:
            parts.append(os.path.basename(self.path) or self.path)
        if self.member:
            parts.append(self.member)
        if self.line is not None:
            parts.append(
                translate("ProjectFile", "line {line}, column {column}").format(
                    line=self.line, column=self.column
                )
            )
        if self.where and not self.message.startswith(self.where):
            parts.append(self.where)
        parts.append(self.message)
        fields = {f"part{i}": part for i, part in enumerate(parts)}
        return Text("ProjectFile", ": ".join(f"{{{key}}}" for key in fields), fields)

    def __str__(self) -> str:
        return self._format()
