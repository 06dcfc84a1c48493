"""Document edits: one undo step each, exact undo/redo, coalesced shape checks, clean state."""

from __future__ import annotations

import pytest

from netbuilder.engine.data.info import DatasetInfo
from netbuilder.model import (
    DatasetBinding,
    Edge,
    Graph,
    GraphError,
    ParamError,
    Project,
    TrainingSettings,
)
from netbuilder.qt.canvas import GraphScene
from netbuilder.qt.document import Document


def snapshot(graph: Graph) -> dict:
    """The exact graph, node order included (undoing a delete puts the node back in place)."""
    return graph.to_dict()


def make_doc() -> Document:
    g = Graph()
    g.add_node("Input", {"shape": [4]}, (0, 0), node_id="inp")
    g.add_node("Linear", {"out_features": 8}, (250, 0), node_id="fc1")
    g.add_node("ReLU", None, (500, 0), node_id="act")
    g.add_node("Linear", {"out_features": 3}, (750, 0), node_id="fc2")
    g.add_node("Output", None, (1000, 0), node_id="out")
    for a, b in [("inp", "fc1"), ("fc1", "act"), ("act", "fc2"), ("fc2", "out")]:
        g.connect(a, b)
    return Document(Project(graph=g))


@pytest.fixture
def doc(qtbot) -> Document:
    return make_doc()


def check_undo_redo(doc: Document, edit) -> None:
    before = snapshot(doc.graph)
    steps = doc.undo_stack.index()
    edit()
    assert doc.undo_stack.index() == steps + 1, "an edit must be exactly one undo step"
    after = snapshot(doc.graph)
    assert after != before
    doc.undo_stack.undo()
    assert snapshot(doc.graph) == before
    doc.undo_stack.redo()
    assert snapshot(doc.graph) == after
    doc.undo_stack.undo()
    assert snapshot(doc.graph) == before


def test_add_node(doc):
    check_undo_redo(doc, lambda: doc.add_node("Dropout", (10, 20), {"p": 0.2}))


def test_connect_and_disconnect(doc):
    doc.add_node("Add", (600, 200))
    check_undo_redo(doc, lambda: doc.connect("fc1", "add_1"))
    check_undo_redo(doc, lambda: doc.disconnect(Edge("act", "fc2", 0)))


def test_delete_selection_with_edges_is_one_step(doc):
    check_undo_redo(doc, lambda: doc.remove_nodes(["fc1", "act"]))
    doc.remove_nodes(["fc1", "act"])
    assert "fc1" not in doc.graph and len(doc.graph.edges) == 1


def test_delete_edges_and_nodes_together(doc):
    check_undo_redo(doc, lambda: doc.delete(["out"], [Edge("inp", "fc1", 0)]))


def test_move_params_rename(doc):
    check_undo_redo(
        doc, lambda: doc.move_nodes({"fc1": ((250, 0), (260, 40)), "act": ((500, 0), (9, 9))})
    )
    check_undo_redo(doc, lambda: doc.set_params("fc1", {"out_features": 32, "bias": False}))
    check_undo_redo(doc, lambda: doc.rename_node("fc1", "hidden"))


def test_paste_gets_fresh_ids_and_offset(doc):
    data = doc.graph.copy_subgraph(["fc1", "act"])
    check_undo_redo(doc, lambda: doc.paste(data, (30, 40)))
    ids = doc.paste(data, (30, 40))
    assert ids == ["linear_1", "re_lu_1"] or len(set(ids) & {"fc1", "act"}) == 0
    assert doc.graph.node(ids[0]).pos == (280.0, 40.0)
    assert doc.graph.edge_into(ids[1], 0) == Edge(ids[0], ids[1], 0)
    again = doc.paste(data, (60, 80))
    assert not set(again) & set(ids)


def test_paste_refuses_garbage_without_a_step(doc):
    with pytest.raises(GraphError, match="not a netbuilder selection"):
        doc.paste({"nodes": [{"type": "Linear"}]}, (0, 0))
    assert doc.undo_stack.count() == 0


def test_auto_arrange_is_one_step(doc):
    doc.move_nodes({"act": ((500, 0), (40, 700))})
    check_undo_redo(doc, doc.auto_arrange)
    doc.auto_arrange("TB")
    ys = [doc.graph.node(n).pos[1] for n in ("inp", "fc1", "act", "fc2", "out")]
    assert ys == sorted(ys) and len(set(ys)) == 5


def test_invalid_edits_push_nothing(doc):
    with pytest.raises(ParamError, match="out_features"):
        doc.set_params("fc1", {"out_features": -3})
    with pytest.raises(GraphError, match="cycle"):
        doc.connect("out", "fc1", 0)
    assert doc.undo_stack.count() == 0
    assert doc.graph.node("fc1").params["out_features"] == 8


def test_cycle_is_refused_with_the_model_message(doc):
    doc.disconnect(Edge("inp", "fc1", 0))
    with pytest.raises(GraphError, match="cycle"):
        doc.connect("fc2", "fc1")
    assert doc.undo_stack.count() == 1


def test_unchanged_params_push_nothing(doc):
    doc.set_params("fc1", {"out_features": 8})
    assert doc.undo_stack.count() == 0


def test_modified_follows_clean_state(doc, qtbot):
    seen = []
    doc.modified_changed.connect(seen.append)
    doc.add_node("ReLU", (0, 300))
    assert doc.is_modified and seen == [True]
    doc.mark_saved()
    assert not doc.is_modified and seen[-1] is False
    doc.undo_stack.undo()
    assert doc.is_modified


def test_macro_is_checked_once(doc):
    reports = []
    doc.report_changed.connect(reports.append)
    doc.remove_nodes(["fc1", "act", "fc2"])
    assert len(reports) == 1
    doc.move_nodes({"inp": ((0, 0), (5, 5))})  # a move changes no shape: no re-check
    assert len(reports) == 1


def test_report_follows_edits(doc):
    assert doc.report.ok and doc.view.shapes["fc2"] == "[N, 3]"
    doc.set_params("fc2", {"out_features": 5})
    assert doc.view.shapes["fc2"] == "[N, 5]"
    doc.undo_stack.undo()
    assert doc.view.shapes["fc2"] == "[N, 3]"


def test_set_dataset_updates_input_shape_undoably(doc):
    info = DatasetInfo("iris", "classification", (7,), (), 150, n_classes=3)
    changed = []
    doc.dataset_changed.connect(changed.append)
    before = snapshot(doc.graph)
    doc.set_dataset(DatasetBinding(name="iris"), info)
    assert doc.graph.node("inp").params["shape"] == (7,)
    assert doc.project.dataset.name == "iris" and doc.dataset_info is info
    assert doc.undo_stack.count() == 1 and changed == [info]
    doc.undo_stack.undo()
    assert snapshot(doc.graph) == before and doc.project.dataset is None
    assert doc.dataset_info is None


def test_set_training_validates_and_undoes(doc):
    with pytest.raises(Exception, match="lr"):
        doc.set_training(TrainingSettings(lr=-1.0))
    doc.set_training(TrainingSettings(epochs=3))
    assert doc.project.training.epochs == 3
    doc.undo_stack.undo()
    assert doc.project.training.epochs == 20


def test_scene_mirrors_every_undo_and_redo(doc):
    scene = GraphScene(doc)

    def counts():
        return len(scene.node_items()), len(scene.edge_items())

    assert counts() == (5, 4)
    doc.remove_nodes(["act"])
    assert counts() == (4, 2)
    doc.paste(doc.graph.copy_subgraph(["fc1", "fc2"]), (0, 300))
    assert counts() == (6, 2)
    for _ in range(2):
        doc.undo_stack.undo()
    assert counts() == (5, 4)
    assert {e.edge for e in scene.edge_items()} == set(doc.graph.edges)
    doc.undo_stack.redo()
    assert counts() == (4, 2)


def test_replace_project_rebuilds_scene_and_clears_history(doc):
    scene = GraphScene(doc)
    doc.add_node("ReLU", (0, 0))
    other = make_doc()
    replaced = []
    doc.project_replaced.connect(lambda: replaced.append(True))
    doc.replace_project(other.project)
    assert replaced and doc.undo_stack.count() == 0
    assert {i.node_id for i in scene.node_items()} == set(other.graph.nodes)
    other.graph.add_node("Tanh", node_id="t")  # the scene follows the new graph only
    assert scene.node_item("t") is not None


def test_a_fix_is_one_undo_step_making_the_same_edits_as_the_engines_plan(doc):
    from netbuilder.engine.network.fixes import apply_fix, plan_fix
    from netbuilder.model.edits import AddNode

    doc.set_params("inp", {"shape": [1, 4, 4]})  # a Linear now receives an image
    fix = doc.report.fixes["fc1"]
    plan = plan_fix(doc.graph, fix)
    added = [e for e in plan if isinstance(e, AddNode)]
    kinds = [type(e).__name__ for e in plan if type(e).__name__ != "MoveNode"]
    assert kinds == ["Disconnect", "AddNode", "Connect", "Connect"]
    headless = Graph.from_dict(doc.graph.to_dict())
    assert apply_fix(headless, fix) == added[0].node_id
    steps = doc.undo_stack.count()
    doc.apply_fix(fix)
    assert doc.undo_stack.count() == steps + 1
    assert snapshot(doc.graph) == snapshot(headless)  # same node, same place, same edges
    assert doc.report.ok
    before = snapshot(Graph.from_dict(doc.graph.to_dict()))
    doc.undo_stack.undo()
    assert added[0].node_id not in doc.graph and "fc1" in doc.report.errors
    doc.undo_stack.redo()
    assert snapshot(doc.graph) == before
