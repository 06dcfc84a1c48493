"""Finding strings shown by the window that do not go through translation (``ast``, not regex).

A *UI site* is a call whose string arguments a user reads: a Qt setter (``setText``,
``setToolTip``...), a widget or item made with its text (``QLabel("...")``), a message box, a
file dialog's caption, a plot's title or axis label. A string there must come from
``translate(...)`` (``.format`` on it included), ``localized(...)`` or ``catalogue_text(...)``,
or be no words at all ("…", "%", "->"). A line may opt out with a ``# i18n: ignore`` comment
(a user's own data, an identifier such as "ReLU" or a file pattern a translation must not touch).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

SETTERS = frozenset(
    {
        "setText",
        "setWindowTitle",
        "setToolTip",
        "setStatusTip",
        "setWhatsThis",
        "setPlaceholderText",
        "setTitle",
        "setLabelText",
        "showMessage",
        "setTabText",
        "setTabToolTip",
        "setSuffix",
        "setPrefix",
        "setSpecialValueText",
        "setHeaderLabels",
        "setHorizontalHeaderLabels",
        "setVerticalHeaderLabels",
        "setIconText",
        "setAccessibleName",
        "setAccessibleDescription",
        "setInformativeText",
        "setDetailedText",
        "setButtonText",
        "setOkButtonText",
        "setCancelButtonText",
        "setLabel",
        "addTab",
        "insertTab",
        "addAction",
        "addMenu",
        "addItem",
        "addItems",
        "insertItem",
        "addRow",
        "insertRow",
        "addButton",
        "setNameFilter",
        "setNameFilters",
        "information",
        "warning",
        "critical",
        "question",
        "about",
        "getText",
        "getInt",
        "getDouble",
        "getItem",
        "getOpenFileName",
        "getOpenFileNames",
        "getSaveFileName",
        "getExistingDirectory",
        "setFormat",
        "addSection",
        "addSeparator",
    }
)
WIDGETS = frozenset(
    {
        "QLabel",
        "QPushButton",
        "QCheckBox",
        "QRadioButton",
        "QGroupBox",
        "QAction",
        "QMenu",
        "QMessageBox",
        "QTableWidgetItem",
        "QListWidgetItem",
        "QTreeWidgetItem",
        "QStandardItem",
        "QCommandLinkButton",
        "QDockWidget",
        "QWidgetAction",
    }
)
KEYWORDS = frozenset(
    {"text", "title", "tooltip", "toolTip", "label", "placeholder", "caption", "message", "name"}
)
TRANSLATING = frozenset({"translate", "localized", "catalogue_text", "tr"})
WORD = re.compile(r"[A-Za-z]{2,}")
IGNORE = "# i18n: ignore"


def _callee(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _untranslated(node: ast.expr) -> list[ast.expr]:
    """The parts of ``node`` that are words written in the code, not translated."""
    if isinstance(node, ast.Constant):
        return [node] if isinstance(node.value, str) and WORD.search(node.value) else []
    if isinstance(node, ast.JoinedStr):
        words = any(
            isinstance(v, ast.Constant) and isinstance(v.value, str) and WORD.search(v.value)
            for v in node.values
        )
        inner = [
            part
            for v in node.values
            if isinstance(v, ast.FormattedValue)
            for part in _untranslated(v.value)
        ]
        return [node, *inner] if words else inner
    if isinstance(node, ast.Call):
        name = _callee(node)
        if name in TRANSLATING:
            return []
        if name == "format" and isinstance(node.func, ast.Attribute):
            return _untranslated(node.func.value)
        if name == "join" and isinstance(node.func, ast.Attribute):
            return [p for a in node.args for p in _untranslated(a)]
        return []
    if isinstance(node, ast.BinOp):
        return _untranslated(node.left) + _untranslated(node.right)
    if isinstance(node, ast.IfExp):
        return _untranslated(node.body) + _untranslated(node.orelse)
    if isinstance(node, ast.BoolOp):
        return [p for v in node.values for p in _untranslated(v)]
    if isinstance(node, (ast.List, ast.Tuple)):
        return [p for e in node.elts for p in _untranslated(e)]
    return []


def untranslated_strings(path: Path) -> list[tuple[int, str]]:
    """(line, code) of each string at a UI site of ``path`` that is not translated."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        name = _callee(node)
        candidates: list[ast.expr] = []
        if name in SETTERS or name in WIDGETS:
            candidates += node.args
        candidates += [k.value for k in node.keywords if k.arg in KEYWORDS]
        for arg in candidates:
            for part in _untranslated(arg):
                line = getattr(part, "lineno", node.lineno)
                end = getattr(node, "end_lineno", line) or line
                if any(IGNORE in lines[i - 1] for i in range(node.lineno, end + 1)):
                    continue
                found.append((line, ast.get_source_segment(source, part) or "?"))
    return sorted(set(found))
