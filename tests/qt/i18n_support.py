"""What a window shows, and which of it is still English (for the zh_CN tests).

``shown_texts(widget)`` walks a widget tree (and its menus, tabs, tables, trees, combo boxes,
plots) and returns (where, text) for every text a user can read there, tooltips included.
``english_leftovers(widget)`` keeps those still in English: a text with a word of two or more
letters that is neither an identifier (``kernel_size``, ``BatchNorm2d``, ``ReLU``, ``MNIST``),
nor a layer type, nor in ``ALLOWED`` (names a translation keeps: PyTorch, ONNX, Adam...).

``chinese(app)`` (a context manager) installs the zh_CN catalogues and removes them after.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTabBar,
    QTabWidget,
    QWidget,
)

from netbuilder.model.catalogue import CATALOGUE

ALLOWED = frozenset(
    {
        "netbuilder",
        "PyTorch",
        "torch",
        "torchrun",
        "ONNX",
        "Python",
        "Qt",
        "PySide",
        "NumPy",
        "numpy",
        "safetensors",
        "Adam",
        "AdamW",
        "SGD",
        "RMSprop",
        "ReLU",
        "GELU",
        "Tanh",
        "Sigmoid",
        "Softmax",
        "Captum",
        "Grad",
        "CAM",
        "Lightning",
        "nbproj",
        "onnx",
        "json",
        "csv",
        "npz",
        "png",
        "jpg",
        "jpeg",
        "bmp",
        "gif",
        "py",
        "ms",
        "MB",
        "GB",
        "KB",
        "px",
        "x",
        "e",
        "nan",
        "inf",
        "NaN",
        "Ctrl",
        "Shift",
        "Alt",
        "Del",
        "Esc",
        "Enter",
        "Tab",
        "Space",
        "Backspace",
        "Home",
        "End",
        "PgUp",
        "PgDown",
        "Up",
        "Down",
        "Left",
        "Right",
        "Meta",
        "Cmd",
        "logits",
        "MSE",
        "Huber",
        "MAE",
        "dB",
        "Hz",
    }
)
LAYER_TYPES = frozenset(spec.type for spec in CATALOGUE.values())
# Identifiers written inside a help text: the catalogue's parameter names ("dim", "chunks"), and
# the functions of a formula ("max(0, x)", "x * sigmoid(x)").
PARAM_NAMES = frozenset(p.name for spec in CATALOGUE.values() for p in spec.params)
FORMULA = frozenset(
    {"max", "min", "exp", "log", "sigmoid", "tanh", "softmax", "swish", "mean", "sum", "sqrt"}
)
KEPT_NAMES = frozenset({"Transformer", "MobileNetV3"})
TAGS = re.compile(r"<[^>]+>|&\w+;")
# Data shown as it is: a path ("/tmp/x/recovery", "C:\\Users"), a shape ("[N, L, features]").
DATA = re.compile(r"(?:[A-Za-z]:)?[/\\][^\s，。：；（）]*|\[[^\]]*\]")
WORDS = re.compile(r"[A-Za-z][A-Za-z0-9_.]*")


def _is_identifier(word: str) -> bool:
    core = word.strip(".")
    return (
        any(ch.isdigit() or ch == "_" or ch == "." for ch in core)
        or core.isupper()
        or any(ch.isupper() for ch in core[1:])
        or core in ALLOWED
        or core in LAYER_TYPES
        or core in PARAM_NAMES
        or core in FORMULA
        or core in KEPT_NAMES
        or len(core) < 2
    )


def english_words(text: str) -> list[str]:
    """The words of ``text`` that are English prose (not identifiers or names kept as is)."""
    plain = DATA.sub(" ", TAGS.sub(" ", text).replace("&", ""))
    return [w for w in WORDS.findall(plain) if not _is_identifier(w)]


def _model_texts(
    model: QAbstractItemModel, parent: QModelIndex, where: str
) -> Iterator[tuple[str, str]]:
    rows = min(model.rowCount(parent), 200)
    for row in range(rows):
        for column in range(model.columnCount(parent)):
            index = model.index(row, column, parent)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str) and value:
                    yield f"{where}[{row},{column}]", value
            # rowCount, not hasChildren: a table model (QTableWidget's) makes that private.
            if column == 0 and model.rowCount(index) > 0:
                yield from _model_texts(model, index, f"{where}[{row}]")


def _menu_texts(menu: QMenu, where: str) -> Iterator[tuple[str, str]]:
    yield where, menu.title()
    for action in menu.actions():
        if action.isSeparator():
            continue
        if action.menu() is not None:
            yield from _menu_texts(action.menu(), f"{where} > {action.text()}")  # type: ignore[arg-type]
        else:
            yield f"{where} > action", action.text()
            if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
                yield f"{where} > {action.text()} tooltip", action.toolTip()


def shown_texts(root: QWidget, *, tooltips: bool = True) -> list[tuple[str, str]]:
    """(where, text) of every text a user can read in ``root`` and below."""
    found: list[tuple[str, str]] = []

    def add(where: str, text: str | None) -> None:
        if text and text.strip():
            found.append((where, text))

    widgets: Iterable[QWidget] = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        name = f"{type(widget).__name__}({widget.objectName()})"
        if isinstance(widget, QMainWindow) and widget.menuBar() is not None:
            for action in widget.menuBar().actions():
                if action.menu() is not None:
                    found.extend(_menu_texts(action.menu(), "menu"))  # type: ignore[arg-type]
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if tooltips:
            add(f"{name} tooltip", widget.toolTip())
        if isinstance(widget, QLabel):
            add(name, widget.text())
        elif isinstance(widget, QAbstractButton):
            add(name, widget.text())
        elif isinstance(widget, QGroupBox):
            add(name, widget.title())
        elif isinstance(widget, QLineEdit):
            add(f"{name} placeholder", widget.placeholderText())
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(f"{name}[{i}]", widget.itemText(i))
        elif isinstance(widget, QDockWidget):
            add(name, widget.windowTitle())
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(f"{name} tab {i}", widget.tabText(i))
                if tooltips:
                    add(f"{name} tab {i} tooltip", widget.tabToolTip(i))
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                add(f"{name} tab {i}", widget.tabText(i))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for section in range(model.columnCount()):
                value = model.headerData(section, Qt.Orientation.Horizontal)
                if isinstance(value, str):
                    add(f"{name} header {section}", value)
            found.extend(_model_texts(model, QModelIndex(), name))
        plot_item = (
            getattr(widget, "plotItem", None) or getattr(widget, "getPlotItem", lambda: None)()
        )
        if plot_item is not None:
            add(f"{name} plot title", getattr(plot_item.titleLabel, "text", ""))
            for axis in ("left", "bottom", "right"):
                item = plot_item.getAxis(axis)
                add(f"{name} axis {axis}", getattr(item, "labelText", ""))
    return found


def english_leftovers(
    root: QWidget, *, ignore: Iterable[str] = (), tooltips: bool = True
) -> list[str]:
    """'where: text' of each text in ``root`` that still has English words (``ignore``: the
    user's own words shown there, such as a project's or a node's name)."""
    skip = set(ignore)
    return [
        f"{where}: {text!r}"
        for where, text in shown_texts(root, tooltips=tooltips)
        if text not in skip and english_words(text)
    ]


@contextmanager
def chinese() -> Iterator[str]:
    """The zh_CN catalogues installed for the block; English again after it."""
    from netbuilder.qt.i18n import install_translators

    language = install_translators("zh_CN")
    try:
        yield language
    finally:
        install_translators("en")
