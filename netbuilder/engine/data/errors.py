"""The one error type for data problems, with where it happened for the GUI to point at."""

from __future__ import annotations

from netbuilder.model.errors import NetbuilderError


class DataError(NetbuilderError):
    """Data that cannot be used. The message names the problem and the place; the attributes
    repeat the place for a GUI that wants to highlight it (line is 1-based, as editors count)."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.column = column
        self.field = field
