"""Wiring is a drag between port circles: the empty canvas and the status bar say so."""

from __future__ import annotations

from PySide6.QtCore import QPoint

from netbuilder.qt.app import examples_dir
from netbuilder.qt.canvas.items import PORT_HINTS


def test_the_empty_canvas_and_hovered_ports_teach_wiring(qtbot, make_window):
    w = make_window((1024, 640))
    hint = w.empty_hint
    assert hint.isVisibleTo(w) and "output port" in hint.text() and "input port" in hint.text()
    assert w.open_example(examples_dir() / "moons_mlp.json")
    assert not hint.isVisibleTo(w)
    node = w.scene.node_item("linear_1")
    viewport = w.view.viewport()
    away = QPoint(3, 3)
    for port, text in (
        (node.output_port, PORT_HINTS[True]),
        (node.input_ports[0], PORT_HINTS[False]),
    ):
        w.view.centerOn(port)
        qtbot.mouseMove(viewport, away)
        qtbot.mouseMove(viewport, w.view.mapFromScene(port.scenePos()))
        qtbot.waitUntil(lambda t=text: w.statusBar().currentMessage() == t, timeout=3000)
        assert "drag" in text
        qtbot.mouseMove(viewport, away)
        qtbot.waitUntil(lambda: w.statusBar().currentMessage() == "", timeout=3000)
    w.document.undo_stack.setClean()
