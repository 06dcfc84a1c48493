import pytest

from netbuilder.model import (
    ArityError,
    CycleError,
    DuplicateEdgeError,
    Graph,
    GraphDataError,
    GraphError,
    ParamError,
    PortOccupiedError,
    UnknownLayerTypeError,
)


def mlp() -> Graph:
    g = Graph()
    g.add_node("Input", {"shape": [4]}, node_id="x")
    g.add_node("Linear", {"out_features": 8}, node_id="fc1")
    g.add_node("ReLU", node_id="act")
    g.add_node("Output", node_id="out")
    g.connect("x", "fc1")
    g.connect("fc1", "act")
    g.connect("act", "out")
    return g


def test_events_fire_for_every_change():
    g = Graph()
    seen = []
    for name in (
        "node_added",
        "node_removed",
        "edge_added",
        "edge_removed",
        "params_changed",
        "node_moved",
    ):
        getattr(g.events, name).connect(lambda *a, n=name: seen.append(n))
    g.add_node("Input", node_id="x")
    g.add_node("Linear", node_id="fc")
    e = g.connect("x", "fc")
    g.set_params("fc", {"out_features": 3})
    g.move_node("fc", (10, 20))
    g.disconnect(e)
    g.remove_node("fc")
    assert seen == [
        "node_added",
        "node_added",
        "edge_added",
        "params_changed",
        "node_moved",
        "edge_removed",
        "node_removed",
    ]


def test_cycle_is_refused_and_graph_unchanged():
    g = mlp()
    before = g.to_dict()
    with pytest.raises(CycleError, match="cycle"):
        g.connect("out", "act")
    assert g.to_dict() == before


def test_cycle_through_merge_is_refused():
    g = Graph()
    g.add_node("Input", node_id="x")
    g.add_node("Add", node_id="add")
    g.add_node("ReLU", node_id="r")
    g.connect("x", "add")
    g.connect("add", "r")
    with pytest.raises(CycleError):
        g.connect("r", "add")


def test_duplicate_edge_and_occupied_port_and_arity():
    g = mlp()
    with pytest.raises(DuplicateEdgeError):
        g.connect("x", "fc1", 0)
    g.add_node("Input", node_id="y")
    with pytest.raises(PortOccupiedError, match="already fed by x"):
        g.connect("y", "fc1", 0)
    with pytest.raises(ArityError, match="no input 1"):
        g.connect("y", "fc1", 1)
    with pytest.raises(ArityError, match="takes no inputs"):
        g.connect("fc1", "y")


def test_variadic_merge_takes_inputs_in_port_order():
    g = Graph()
    for i in range(3):
        g.add_node("Input", node_id=f"x{i}")
    g.add_node("Concat", node_id="cat")
    g.connect("x2", "cat")
    g.connect("x0", "cat")
    g.connect("x1", "cat", 5)
    assert g.predecessors("cat") == ["x2", "x0", "x1"]


def test_unknown_type_and_bad_params():
    g = Graph()
    with pytest.raises(UnknownLayerTypeError, match="Foo"):
        g.add_node("Foo")
    node = g.add_node("Foo", {"a": 1}, allow_unknown=True)
    assert not node.known
    with pytest.raises(ParamError, match="out_features") as exc:
        g.add_node("Linear", {"out_features": "ten"}, node_id="fc")
    assert exc.value.field == "out_features" and exc.value.node == "fc"
    g.add_node("Linear", node_id="fc")
    with pytest.raises(ParamError, match="below the minimum"):
        g.set_params("fc", {"out_features": 0})
    with pytest.raises(ParamError, match="no parameter"):
        g.set_params("fc", {"units": 3})
    assert g.node("fc").params["out_features"] == 64


def test_bad_ids_are_refused():
    g = Graph()
    for bad in ("1abc", "a-b", "class", "forward", "training", "", "_private"):
        with pytest.raises(GraphError):
            g.add_node("ReLU", node_id=bad)


def test_remove_node_returns_what_undo_needs():
    g = mlp()
    index = g.index_of("fc1")
    node, edges = g.remove_node("fc1")
    assert node.id == "fc1" and len(edges) == 2
    g.insert_node(node, index)
    for e in edges:
        g.add_edge(e)
    assert g.to_dict() == mlp().to_dict()


def test_round_trip_and_topological_order():
    g = mlp()
    again = Graph.from_dict(g.to_dict())
    assert again.to_dict() == g.to_dict()
    assert g.topological_order() == ["x", "fc1", "act", "out"]
    assert g.new_id("Linear") == "linear_1"
    assert g.new_id("BatchNorm2d") == "batch_norm2d_1"


def test_unchecked_connects_are_checked_for_cycles_in_one_walk():
    g = Graph()
    g.add_node("Input", node_id="x")
    g.add_node("Add", node_id="add")
    g.add_node("ReLU", node_id="r")
    g.connect("x", "add", check_cycle=False)
    g.connect("add", "r", check_cycle=False)
    assert not g.has_cycle()
    g.connect("r", "add", check_cycle=False)  # a loader checks afterwards, once
    assert g.has_cycle()
    with pytest.raises(CycleError):
        g.topological_order()


def test_from_dict_names_the_entry_that_cannot_be_built():
    data = mlp().to_dict()
    data["nodes"][1]["params"]["out_features"] = -3
    with pytest.raises(GraphDataError) as bad_param:
        Graph.from_dict(data)
    assert bad_param.value.path == "nodes[1].params.out_features"
    assert bad_param.value.node == "fc1"

    data = mlp().to_dict()
    data["edges"].append({"src": "act", "dst": "fc1", "port": 1})
    with pytest.raises(GraphDataError) as bad_edge:
        Graph.from_dict(data)
    assert bad_edge.value.section == "edges" and bad_edge.value.index == len(data["edges"]) - 1
