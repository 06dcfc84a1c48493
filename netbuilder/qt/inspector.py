"""The inspector: a form, generated from the catalogue, for the node selected on the canvas.

Every committed change is one undoable ``document.set_params`` call, made when an edit is
finished (Enter, focus out, an arrow step, a combo pick), never per keystroke. The model decides
what is valid: a refused value shows the model's ParamError message in red under the field and
the field goes back to the node's value. The form follows the model (undo, redo, fixes) through
the graph's events, so it never shows a stale value.
"""

from __future__ import annotations

import math
import re
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from netbuilder.model import GraphError, LayerSpec, ParamSpec
from netbuilder.model.blocks import BLOCK
from netbuilder.model.catalogue import MAX_TEXT
from netbuilder.qt.block_inspector import argument_actions, use_rows
from netbuilder.qt.i18n import catalogue_text, localized, translate
from netbuilder.qt.issues_panel import node_status
from netbuilder.qt.param_text import format_value, parse_tuple


def _title(spec: LayerSpec | None, layer_type: str) -> str:
    """The page's heading: the layer's name, with its PyTorch type beside a translated one
    ("全连接层 · Linear"); a block use's block name; an unknown type as it is."""
    if spec is None:
        return layer_type
    if layer_type == BLOCK:
        return spec.display_name
    name = catalogue_text(spec.display_name)
    return f"{name} \u00b7 {layer_type}" if name != spec.display_name else name


__all__ = ["InspectorWidget", "ParamField", "format_value", "parse_tuple"]


def _help_label(text: str, role: str = "help") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", role)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _CommitMixin:
    """Spin boxes that report the raw typed number on Enter / focus out, even out of range.

    Qt would silently clamp or revert an out-of-range entry; the model should say why instead.
    """

    committed: Signal

    def _raw(self) -> str:
        return self.lineEdit().text().strip()  # type: ignore[attr-defined]

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.committed.emit(self._raw())
            return
        super().keyPressEvent(event)  # type: ignore[misc]

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt override
        raw = self._raw()
        super().focusOutEvent(event)  # type: ignore[misc]
        self.committed.emit(raw)

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt override
        super().stepBy(steps)  # type: ignore[misc]
        self.committed.emit(self.textFromValue(self.value()))  # type: ignore[attr-defined]

    def wheelEvent(self, event) -> None:  # noqa: N802 - scrolling the panel must not edit
        if self.hasFocus():  # type: ignore[attr-defined]
            super().wheelEvent(event)  # type: ignore[misc]
        else:
            event.ignore()


class IntEditor(_CommitMixin, QSpinBox):
    committed = Signal(str)

    def __init__(self, spec: ParamSpec) -> None:
        super().__init__()
        self.setRange(
            int(spec.minimum if spec.minimum is not None else -(2**31)),
            int(spec.maximum if spec.maximum is not None else 2**31 - 1),
        )
        self.setKeyboardTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def validate(self, text: str, pos: int):
        if re.fullmatch(r"\s*-?\d+\s*", text):
            return QValidator.State.Acceptable, text, pos
        if re.fullmatch(r"\s*-?\s*", text):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def valueFromText(self, text: str) -> int:  # noqa: N802 - Qt override
        try:
            return int(text)
        except ValueError:
            return self.value()


class FloatEditor(_CommitMixin, QDoubleSpinBox):
    committed = Signal(str)

    def __init__(self, spec: ParamSpec) -> None:
        super().__init__()
        self.setDecimals(12)
        self.setRange(
            spec.minimum if spec.minimum is not None else -1e12,
            spec.maximum if spec.maximum is not None else 1e12,
        )
        default = abs(float(spec.default or 0.0))
        self.setSingleStep(10 ** math.floor(math.log10(default)) if default else 0.1)
        self.setKeyboardTracking(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt override
        return format(value, ".6g")

    def valueFromText(self, text: str) -> float:  # noqa: N802 - Qt override
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        if re.fullmatch(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*", text):
            return QValidator.State.Acceptable, text, pos
        if re.fullmatch(r"\s*[-+]?[\d.]*([eE][-+]?\d*)?\s*", text):
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos


class ParamField(QWidget):
    """One parameter: its editor, its help line and an error line (hidden until needed)."""

    commit = Signal(str, object)  # name, value (or ValueError for unparseable input)

    def __init__(self, spec: ParamSpec, value: Any, choices: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.spec = spec
        self.choices = choices  # text: suggested values (a dataset's input names)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        self.editor = self._make_editor()
        help_text = catalogue_text(spec.help)
        self.editor.setToolTip(help_text)
        self.editor.setObjectName(f"param_{spec.name}")
        layout.addWidget(self.editor)
        if spec.help and spec.kind != "bool":  # a check box carries its help as its text
            layout.addWidget(_help_label(help_text))
        self.error = _help_label("", "error")
        self.error.setObjectName(f"error_{spec.name}")
        self.error.hide()
        layout.addWidget(self.error)
        self.set_value(value)

    def _make_editor(self) -> QWidget:
        spec = self.spec
        if spec.kind == "int":
            box = IntEditor(spec)
            box.committed.connect(self._commit_text)
            return box
        if spec.kind == "float":
            box = FloatEditor(spec)
            box.committed.connect(self._commit_text)
            return box
        if spec.kind == "bool":
            check = QCheckBox(catalogue_text(spec.help) or spec.name)
            check.clicked.connect(lambda on: self._emit(bool(on)))
            return check
        if spec.kind == "choice":
            combo = QComboBox()
            combo.addItems(list(spec.choices))
            combo.activated.connect(lambda i: self._emit(spec.choices[i]))
            return combo
        if spec.kind == "text":
            return self._text_editor()
        edit = QLineEdit()
        edit.setPlaceholderText(
            translate("ParamField", "e.g. 8, 8")
            if spec.length != 1
            else translate("ParamField", "e.g. 8")
        )
        edit.editingFinished.connect(lambda: self._commit_text(edit.text()))
        return edit

    def _text_editor(self) -> QWidget:
        """Free text; an editable combo of the suggested values when there are any."""
        if not self.choices:
            edit = QLineEdit()
            edit.setMaxLength(MAX_TEXT)
            edit.editingFinished.connect(lambda: self._emit(edit.text().strip()))
            return edit
        combo = QComboBox()
        combo.setEditable(True)
        combo.addItems(["", *self.choices])
        line = combo.lineEdit()
        assert line is not None
        line.setMaxLength(MAX_TEXT)
        combo.activated.connect(lambda i: self._emit(combo.itemText(i)))
        line.editingFinished.connect(lambda: self._emit(combo.currentText().strip()))
        return combo

    def set_value(self, value: Any) -> None:
        """Show ``value`` without committing anything."""
        self.value = value
        ed = self.editor
        ed.blockSignals(True)
        try:
            if isinstance(ed, QAbstractSpinBox):
                ed.setValue(value)  # type: ignore[attr-defined]
                ed.lineEdit().setText(ed.textFromValue(value))  # type: ignore[attr-defined]
            elif isinstance(ed, QCheckBox):
                ed.setChecked(bool(value))
            elif isinstance(ed, QComboBox) and ed.isEditable():
                ed.setCurrentText(str(value))
            elif isinstance(ed, QComboBox):
                ed.setCurrentIndex(max(0, ed.findText(str(value))))
            elif isinstance(ed, QLineEdit):
                ed.setText(format_value(self.spec, value))
        finally:
            ed.blockSignals(False)

    def show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    def _commit_text(self, text: str) -> None:
        kind = self.spec.kind
        try:
            if kind == "int":
                value: Any = int(text)
            elif kind == "float":
                value = float(text)
            else:
                value = parse_tuple(text)
        except ValueError as exc:
            if kind == "tuple":
                self.commit.emit(self.spec.name, exc)
            else:
                message = translate("ParamField", "{text} is not a number").format(text=repr(text))
                self.commit.emit(self.spec.name, ValueError(message))
            return
        self._emit(value)

    def _emit(self, value: Any) -> None:
        current = list(self.value) if isinstance(self.value, tuple) else self.value
        if value == current and not self.error.isVisible():
            return
        self.commit.emit(self.spec.name, value)


class InspectorWidget(QWidget):
    """Shows and edits the one selected node of a document; a hint otherwise."""

    #: "Open block" on a block use's page: the use's node id.
    open_block_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = None
        self._graph = None
        self.node_id: str | None = None
        self.fields: dict[str, ParamField] = {}
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._scroll)
        self.name_edit: QLineEdit | None = None
        self.status_label: QLabel | None = None
        self._show_placeholder(
            translate(
                "InspectorWidget", "Select a layer on the canvas to see and edit its settings."
            )
        )

    # --- wiring ---------------------------------------------------------------------------

    def set_document(self, document) -> None:
        """Follow ``document`` (a netbuilder.qt.document.Document); drops the old one."""
        if self.document is not None:
            self._unsubscribe()
        self.document = document
        self.node_id = None
        if document is not None:
            self._graph = document.edited  # the network, or the body of the block shown
            self._watch(True)
            document.shown_changed.connect(self._on_shown)
            document.report_changed.connect(self._on_report)
            document.dataset_changed.connect(self._on_dataset)
        self._show_placeholder(
            translate(
                "InspectorWidget", "Select a layer on the canvas to see and edit its settings."
            )
        )

    def _watch(self, on: bool) -> None:
        ev = self._graph.events
        for event, slot in (
            (ev.params_changed, self._on_params_changed),
            (ev.node_renamed, self._on_renamed),
            (ev.node_removed, self._on_removed),
        ):
            (event.connect if on else event.disconnect)(slot)

    def _on_shown(self, _name: object) -> None:
        """A block opened or closed: follow the graph the canvas shows now."""
        self._watch(False)
        self._graph = self.document.edited
        self._watch(True)
        self.set_selection([])

    def _unsubscribe(self) -> None:
        self._watch(False)
        for signal, slot in (
            (self.document.shown_changed, self._on_shown),
            (self.document.report_changed, self._on_report),
            (self.document.dataset_changed, self._on_dataset),
        ):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass

    def set_selection(self, node_ids: list[str]) -> None:
        if len(node_ids) == 1 and self.document is not None and node_ids[0] in self._graph:
            if node_ids[0] != self.node_id:
                self._build(node_ids[0])
            return
        self.node_id = None
        if node_ids:
            self._show_placeholder(
                translate("InspectorWidget", "{count} layers selected.").format(count=len(node_ids))
            )
        else:
            self._show_placeholder(
                translate(
                    "InspectorWidget", "Select a layer on the canvas to see and edit its settings."
                )
            )

    # --- building ---------------------------------------------------------------------------

    def _show_placeholder(self, text: str) -> None:
        self.fields = {}
        self.name_edit = None
        self.status_label = None
        label = _help_label(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setObjectName("inspectorPlaceholder")
        self._scroll.setWidget(label)

    def _build(self, node_id: str) -> None:
        node = self._graph.node(node_id)
        self.node_id = node_id
        spec = self._graph.node_spec(node_id)  # a catalogue layer, a block use or a port
        page = QWidget()
        page.setObjectName("inspectorPage")
        form = QFormLayout(page)
        form.setContentsMargins(10, 10, 10, 10)
        form.setVerticalSpacing(8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        title = QLabel(_title(spec, node.type))
        title.setProperty("role", "heading")
        form.addRow(title)
        form.addRow(
            _help_label(
                (
                    translate("InspectorWidget", "A use of block {name}").format(
                        name=spec.display_name
                    )
                    if node.type == BLOCK
                    else catalogue_text(spec.doc)
                )
                if spec
                else translate(
                    "InspectorWidget",
                    "Unknown layer type {type}: kept from the file as it "
                    "was; it cannot be edited or trained.",
                ).format(type=repr(node.type))
            )
        )
        node_id_label = QLabel(node.id)
        node_id_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        node_id_label.setObjectName("nodeId")
        form.addRow(translate("InspectorWidget", "Id"), node_id_label)
        self.name_edit = QLineEdit(node.name)
        self.name_edit.setObjectName("nodeName")
        self.name_edit.setPlaceholderText(node.id)
        self.name_edit.setToolTip(
            translate("InspectorWidget", "Label shown on the canvas (the id stays the same)")
        )
        self.name_edit.editingFinished.connect(self._commit_name)
        form.addRow(translate("InspectorWidget", "Name"), self.name_edit)
        if node.type == BLOCK:
            use_rows(self, form, self._graph, node)
        self.fields = {}
        for pspec in spec.params if spec else ():
            if node.type == BLOCK and pspec.name == "block":
                continue  # shown by use_rows
            choices = self._input_names() if pspec.kind == "text" else ()
            field = ParamField(pspec, node.params.get(pspec.name, pspec.default), choices)
            field.commit.connect(self._commit_param)
            self.fields[pspec.name] = field
            form.addRow(pspec.name, field)  # an identifier (the exported code's), as is
        if spec and not spec.params:
            form.addRow(_help_label(translate("InspectorWidget", "This layer has no settings.")))
        if self.document.shown_block is not None:
            argument_actions(self, form, self.document)
        self.status_label = QLabel()
        self.status_label.setObjectName("nodeStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        form.addRow(self.status_label)
        self._scroll.setWidget(page)
        self._refresh_status()

    def _refresh_status(self) -> None:
        if self.status_label is None or self.node_id is None:
            return
        self.status_label.setText(node_status(self.document.shown_report, self.node_id))

    # --- commits ----------------------------------------------------------------------------

    def _input_names(self) -> tuple[str, ...]:
        """The bound dataset's input names when it has several (an Input's ``data``)."""
        info = getattr(self.document, "dataset_info", None)
        return tuple(i.name for i in info.inputs) if info is not None else ()

    def _on_dataset(self, _info) -> None:
        """New data (often read after the project opened): a text field offers its names."""
        field = self.fields.get("data")
        if self.node_id is not None and field is not None and field.choices != self._input_names():
            self._build(self.node_id)

    def _commit_param(self, name: str, value: Any) -> None:
        field = self.fields[name]
        if isinstance(value, ValueError):
            field.show_error(localized(value))
            field.set_value(self._graph.node(self.node_id).params[name])
            return
        try:
            self.document.set_params(self.node_id, {name: value})
        except GraphError as exc:
            field.show_error(localized(exc))
            field.set_value(self._graph.node(self.node_id).params[name])
            return
        field.show_error(None)
        field.set_value(self._graph.node(self.node_id).params[name])

    def _commit_name(self) -> None:
        if self.node_id is None or self.name_edit is None:
            return
        name = self.name_edit.text().strip()
        if name != self._graph.node(self.node_id).name:
            self.document.rename_node(self.node_id, name)

    # --- following the model ----------------------------------------------------------------

    def _on_params_changed(self, node, _old) -> None:
        if node.id != self.node_id:
            return
        spec = self._graph.node_spec(node.id)
        names = {p.name for p in spec.params if p.name != "block"} if spec else set()
        if node.type == BLOCK and names != set(self.fields):  # its block's arguments changed
            self._build(node.id)
            return
        for name, field in self.fields.items():
            field.set_value(node.params.get(name, field.spec.default))
            field.show_error(None)

    def _on_renamed(self, node, _old) -> None:
        if node.id == self.node_id and self.name_edit is not None:
            self.name_edit.setText(node.name)

    def _on_removed(self, node) -> None:
        if node.id == self.node_id:
            self.set_selection([])

    def _on_report(self, _report) -> None:
        self._refresh_status()
