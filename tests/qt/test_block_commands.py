"""Block undo commands: a planned block gesture is one step whose undo restores the graph."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from netbuilder.model import Graph
from netbuilder.model.block_edits import plan_make_block
from netbuilder.model.blocks import BlockParam
from netbuilder.qt.block_commands import AddBlockCommand, SetBlockArgsCommand, edits_macro


def chain() -> Graph:
    g = Graph()
    g.add_node("Input", {"shape": [3, 8, 8]}, node_id="inp")
    g.add_node("Conv2d", {"out_channels": 8, "padding": 1}, (200, 0), node_id="c1")
    g.add_node("ReLU", None, (400, 0), node_id="r1")
    g.add_node("Flatten", None, (600, 0), node_id="fl")
    g.add_node("Linear", {"out_features": 10}, (800, 0), node_id="fc")
    g.add_node("Output", None, (1000, 0), node_id="out")
    for a, b in [("inp", "c1"), ("c1", "r1"), ("r1", "fl"), ("fl", "fc"), ("fc", "out")]:
        g.connect(a, b)
    return g


def snapshot(g: Graph) -> dict:
    return {"graph": g.to_dict(), "blocks": g.blocks.to_list()}


def test_make_block_macro_is_one_step_and_undo_restores_everything(qapp):
    g = chain()
    before = snapshot(g)
    edits, use = plan_make_block(g, ["c1", "r1"], "ConvBlock")
    stack = QUndoStack()
    cmd = edits_macro("Make block ConvBlock", g, edits)
    cmd.execute()
    stack.push(cmd)
    assert stack.count() == 1
    assert use in g and "c1" not in g and "ConvBlock" in g.blocks
    after = snapshot(g)
    stack.undo()
    assert snapshot(g) == before
    stack.redo()
    assert snapshot(g) == after


def test_add_block_command_undo_removes_the_definition(qapp):
    g = chain()
    edits, _ = plan_make_block(g, ["c1"], "One")
    assert len(g.blocks) == 0  # planning changes nothing
    definition = edits[0].definition  # the AddBlock edit's entry
    cmd = AddBlockCommand(g, {**definition, "name": "Other"})
    stack = QUndoStack()
    cmd.execute()
    stack.push(cmd)
    assert "Other" in g.blocks
    stack.undo()
    assert "Other" not in g.blocks
    stack.redo()
    assert g.blocks["Other"].input_ids() == ["x"]


def test_block_args_command_conforms_uses_and_undo_puts_their_values_back(qapp):
    g = chain()
    edits, use = plan_make_block(g, ["c1", "r1"], "ConvBlock")
    edits_macro("make", g, edits).execute()
    width = BlockParam("width", (("c1", "out_channels"),))
    add = SetBlockArgsCommand(g, "ConvBlock", [width])
    add.execute()
    assert g.node(use).params == {"block": "ConvBlock", "width": 8}
    g.set_params(use, {"width": 16})
    drop = SetBlockArgsCommand(g, "ConvBlock", [])
    drop.execute()
    assert g.node(use).params == {"block": "ConvBlock"}
    drop.undo()
    assert g.node(use).params == {"block": "ConvBlock", "width": 16}
    assert [p.name for p in g.blocks["ConvBlock"].params] == ["width"]


def test_undoing_a_new_block_argument_takes_it_off_every_use(qapp):
    g = chain()
    edits, _ = plan_make_block(g, ["c1", "r1"], "ConvBlock")
    edits_macro("make", g, edits).execute()
    before = snapshot(g)
    width = BlockParam("width", (("c1", "out_channels"),))
    stack = QUndoStack()
    add = SetBlockArgsCommand(g, "ConvBlock", [width])
    add.execute()
    stack.push(add)
    after = snapshot(g)
    stack.undo()  # raised ParamError: the use kept the argument its definition no longer has
    assert snapshot(g) == before
    stack.redo()
    assert snapshot(g) == after
