"""What an import reports: a SOURCE that cannot be loaded, or a model that cannot be mapped."""

from __future__ import annotations

from dataclasses import dataclass

from netbuilder.model.errors import NetbuilderError


class SourceError(NetbuilderError):
    """SOURCE cannot be read or does not build a model (the CLI exits 2)."""


@dataclass(frozen=True)
class Problem:
    """One operation of the model that has no netbuilder layer, and where it is."""

    operation: str  # what the model does: "torch.sin", "nn.Conv3d", "x.sum"
    module: str  # module path in the model ("layer1.0"; "" for the top level)
    line: str  # "models.py:23: out = torch.sin(x)", or "" when fx recorded none
    reason: str  # why it cannot be mapped, and what to do

    def describe(self) -> str:
        where = self.module or "(top level)"
        at = f" at {self.line}" if self.line else ""
        return f"{where}: {self.operation}{at}: {self.reason}"


class ImportFailure(NetbuilderError):
    """The model cannot be imported (the CLI exits 1); ``problems`` lists every cause."""

    def __init__(self, summary: str, problems: list[Problem] | None = None) -> None:
        self.summary = summary
        self.problems = list(problems or [])
        super().__init__(self.report())

    def report(self) -> str:
        lines = [self.summary]
        lines += [f"  - {p.describe()}" for p in self.problems]
        return "\n".join(lines)
