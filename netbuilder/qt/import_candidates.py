"""The names a Python file offers for ``FILE.py:Name``, found by reading it, never by running it.

The window lists them in File > Import model: top-level classes that derive from a ``Module``
(``nn.Module``, ``torch.nn.Module``, or a class of the same file that does) and public top-level
functions (model builders such as ``resnet18``). The import itself runs in another process.
"""

from __future__ import annotations

import ast
from pathlib import Path

from netbuilder.qt.i18n import translate


class CandidateError(Exception):
    """The file cannot be read or parsed (one line: what and where)."""


def model_candidates(path: Path) -> list[str]:
    """Class and function names of ``path`` in file order, model classes first."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CandidateError(
            translate("ImportCandidates", "{file}: cannot read it ({error})").format(
                file=path.name, error=exc
            )
        ) from None
    try:
        tree = ast.parse(text, filename=path.name)
    except SyntaxError as exc:
        raise CandidateError(
            translate("ImportCandidates", "{file}:{line}: syntax error: {error}").format(
                file=path.name, line=exc.lineno, error=exc.msg
            )
        ) from None
    modules: list[str] = []
    functions: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any(
            _base_name(b).endswith("Module") or _base_name(b) in modules for b in node.bases
        ):
            modules.append(node.name)
        elif isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            functions.append(node.name)
    return modules + functions


def _base_name(node: ast.expr) -> str:
    """``nn.Module`` -> ``Module``; ``Base`` -> ``Base``; anything else -> ``""``."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Subscript):
        return _base_name(node.value)
    return ""
