"""The inspector's block parts: a use's page (its block, what it holds, "Open block") and, in an
open block's body, each setting's "Make a block argument" / "Stop being an argument".

An argument is a ``BlockParam``: one value that each use sets for itself, bound to fields of
the body's layers. Adding or removing one is one undo step (``SetBlockArgsCommand``), which
brings every use in line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from netbuilder.model import Graph, GraphError, Node
from netbuilder.model.blocks import BlockParam
from netbuilder.qt.block_commands import SetBlockArgsCommand
from netbuilder.qt.canvas.block_card import count_layers
from netbuilder.qt.i18n import localized, translate

if TYPE_CHECKING:
    from netbuilder.qt.document import Document
    from netbuilder.qt.inspector import InspectorWidget


def use_rows(inspector: InspectorWidget, form: QFormLayout, graph: Graph, node: Node) -> None:
    """The block a use follows, what it holds, and the button that opens it."""
    name = str(node.params.get("block", ""))
    definition = graph.blocks.get(name)
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(name)
    label.setObjectName("blockName")
    label.setTextFormat(Qt.TextFormat.PlainText)
    layout.addWidget(label, 1)
    button = QPushButton(translate("BlockInspector", "Open block"))
    button.setObjectName("openBlock")
    button.setToolTip(
        translate(
            "BlockInspector", "Show this block's layers on the canvas, to edit them for every use"
        )
    )
    button.setEnabled(definition is not None)
    button.clicked.connect(lambda: inspector.open_block_requested.emit(node.id))
    layout.addWidget(button)
    form.addRow(translate("BlockInspector", "Block"), row)
    if definition is None:
        return
    n = count_layers(graph, name)
    args = len(definition.params)
    layers = (
        translate("BlockInspector", "1 layer")
        if n == 1
        else translate("BlockInspector", "{count} layers").format(count=n)
    )
    if args == 1:
        arguments = translate("BlockInspector", "1 argument that each use sets (below)")
    elif args:
        arguments = translate(
            "BlockInspector", "{count} arguments that each use sets (below)"
        ).format(count=args)
    else:
        arguments = translate(
            "BlockInspector", "no arguments: open it and right-click a layer's setting to make one"
        )
    text = translate("BlockInspector", "{layers}; {arguments}").format(
        layers=layers, arguments=arguments
    )
    held = QLabel(text)
    held.setObjectName("blockHolds")
    held.setWordWrap(True)
    held.setProperty("role", "help")
    form.addRow(translate("BlockInspector", "Holds"), held)


def argument_of(params: list[BlockParam], node_id: str, field: str) -> BlockParam | None:
    """The argument that sets ``node_id.field``, if any."""
    return next((p for p in params if (node_id, field) in p.targets), None)


def argument_actions(inspector: InspectorWidget, form: QFormLayout, document: Document) -> None:
    """In an open block's body: a context action on each setting of the selected layer that
    makes it an argument of the block (or stops it being one); arguments are labelled."""
    name, node_id = document.shown_block, inspector.node_id
    definition = document.graph.blocks.get(name) if name is not None else None
    if definition is None or node_id is None:
        return
    if inspector.fields:
        hint = QLabel(
            translate(
                "BlockInspector",
                "Right-click a setting to make it an argument of {name}: each use then sets its "
                "own value (\u2190 marks the arguments).",
            ).format(name=name)
        )
        hint.setObjectName("argumentHint")
        hint.setWordWrap(True)
        hint.setProperty("role", "help")
        form.addRow(hint)
    for field_name, field in inspector.fields.items():
        current = argument_of(definition.params, node_id, field_name)
        label = form.labelForField(field)
        if current is not None and isinstance(label, QLabel):
            label.setText(f"{label.text()} \u2190 {current.name}")
            label.setToolTip(
                translate(
                    "BlockInspector", "Argument {argument} of {name}: each use sets it"
                ).format(argument=current.name, name=name)
            )
        text = (
            translate("BlockInspector", "Stop being an argument")
            if current
            else translate("BlockInspector", "Make a block argument")
        )
        action = QAction(text, field)
        action.setObjectName("argumentAction")
        action.triggered.connect(
            lambda _c=False, f=field_name: toggle_argument(inspector, document, node_id, f)
        )
        for widget in (field, label):
            if isinstance(widget, QWidget):
                widget.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
                widget.addAction(action)


def toggle_argument(
    inspector: InspectorWidget, document: Document, node_id: str, field: str
) -> None:
    """Make ``node_id.field`` an argument of the open block, or stop it being one."""
    name = document.shown_block
    if name is None:
        return
    params = [
        BlockParam(p.name, tuple(p.targets), p.help) for p in document.graph.blocks[name].params
    ]
    current = argument_of(params, node_id, field)
    if current is not None:
        current.targets = tuple(t for t in current.targets if t != (node_id, field))
        params = [p for p in params if p.targets]
        text = translate("BlockInspector", "{setting} stops being an argument of {name}").format(
            setting=f"{node_id}.{field}", name=name
        )
    else:
        taken = {p.name for p in params}
        arg = field if field not in taken else f"{node_id}_{field}"
        params.append(BlockParam(arg, ((node_id, field),)))
        text = translate("BlockInspector", "Make {setting} argument {argument} of {name}").format(
            setting=f"{node_id}.{field}", argument=arg, name=name
        )
    try:
        document.push(SetBlockArgsCommand(document.graph, name, params, text))
    except GraphError as exc:
        status = inspector.status_label
        if status is not None:
            status.setText(localized(exc))
        return
    inspector._build(node_id)  # the labels and actions follow
