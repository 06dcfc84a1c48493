"""Input nodes read the dataset input their ``data`` names; text layers check their inputs."""

from __future__ import annotations

import dataclasses

from netbuilder.engine.data.info import DatasetInfo, InputInfo
from netbuilder.engine.network.compile import compile_graph
from netbuilder.engine.network.fixes import apply_fix
from netbuilder.engine.network.shapes import check_graph
from netbuilder.model import Edge, Graph
from tests.engine.multi_input import USERS, three_input_dataset, three_input_graph

INFO = three_input_dataset(n=60).info


def test_each_input_takes_the_shape_and_dtype_of_the_input_it_names():
    report = check_graph(three_input_graph(), INFO, "mse")
    assert report.ok, report.problems()
    assert report.shapes["users"] == (1,) and report.dtypes["users"] == "int64"
    assert report.shapes["review_in"] == (6,)
    assert report.shapes["pool"] == (5,) and report.shapes["joined"] == (13,)


def test_an_input_reading_nothing_or_an_unknown_name_is_an_error_naming_the_choices():
    graph = three_input_graph()
    graph.set_params("users", {"data": ""})
    graph.set_params("items", {"data": "items"})
    report = check_graph(graph, INFO, "mse")
    assert report.errors["users"] == (
        "reads none of the dataset's inputs (user, item, review): set its data"
    )
    assert "reads 'items', which is not one of the dataset's inputs" in report.errors["items"]
    assert not report.ok and "user_vec" not in report.shapes  # downstream: no shape, no error
    assert "user_vec" not in report.errors


def test_two_inputs_reading_one_dataset_input_is_an_error_on_the_second():
    graph = three_input_graph()
    graph.set_params("users", {"data": "item"})
    report = check_graph(graph, INFO, "mse")
    assert "reads 'item' like items" in report.errors["users"]
    assert "items" not in report.errors


def test_an_embedding_smaller_than_the_vocabulary_is_fixed_by_setting_its_rows():
    graph = three_input_graph(embedding_rows=4)
    report = check_graph(graph, INFO, "mse")
    message = report.errors["user_vec"]
    assert "4 rows" in message and f"set num_embeddings to {len(USERS) + 1}" in message
    apply_fix(graph, report.fixes["user_vec"])
    assert graph.node("user_vec").params["num_embeddings"] == len(USERS) + 1
    assert check_graph(graph, INFO, "mse").ok


def test_an_embedding_larger_than_the_vocabulary_is_fine_also_through_identity():
    graph = three_input_graph(embedding_rows=50)
    graph.add_node("Identity", node_id="same")
    graph.disconnect(Edge("users", "user_vec"))
    graph.connect("users", "same")
    graph.connect("same", "user_vec")
    assert check_graph(graph, INFO, "mse").ok
    graph.set_params("user_vec", {"num_embeddings": 3})
    assert "set num_embeddings to 11" in check_graph(graph, INFO, "mse").errors["user_vec"]


def _two_inputs_graph(data_a: str = "", data_b: str = "") -> Graph:
    g = Graph()
    g.add_node("Input", {"data": data_a}, node_id="a")
    g.add_node("Input", {"data": data_b}, node_id="b")
    g.add_node("Add", node_id="sum")
    g.add_node("Linear", {"out_features": 3}, node_id="fc")
    g.add_node("Output", node_id="out")
    g.connect("a", "sum", 0)
    g.connect("b", "sum", 1)
    g.connect("sum", "fc")
    g.connect("fc", "out")
    return g


ONE = DatasetInfo("iris", "classification", (4,), (), 150, n_classes=3)


def test_a_one_input_dataset_still_feeds_one_input_node():
    report = check_graph(_two_inputs_graph(), ONE, "cross_entropy")
    assert "both Inputs" in report.errors["b"]
    single = Graph()
    single.add_node("Input", {"data": "user"}, node_id="a")
    assert "iris has one input (x); clear its data" in check_graph(single, ONE).errors["a"]
    single.set_params("a", {"data": "x"})
    assert check_graph(single, ONE).shapes["a"] == (4,)


def test_the_network_takes_its_inputs_in_input_node_order():
    info = dataclasses.replace(
        ONE,
        inputs=(InputInfo("left", (4,)), InputInfo("right", (4,))),
    )
    module = compile_graph(_two_inputs_graph("right", "left"), info, loss="cross_entropy")
    assert module.input_ids == ["a", "b"]
    assert module.input_data == ["right", "left"]
    assert module.input_names == ["right", "left"]


def test_sequence_pool_names_what_is_wrong_with_its_inputs():
    g = Graph()
    g.add_node("Input", {"shape": [6], "dtype": "int64"}, node_id="ids")
    g.add_node("Input", {"shape": [5], "dtype": "int64"}, node_id="short")
    g.add_node("Embedding", {"num_embeddings": 20, "embedding_dim": 4}, node_id="emb")
    g.add_node("SequencePool", {"mode": "max"}, node_id="pool")
    g.connect("ids", "emb")
    g.connect("emb", "pool", 0)
    g.connect("short", "pool", 1)
    assert "the sequence has 6 steps but the token ids 5" in check_graph(g).errors["pool"]
    g.disconnect(Edge("short", "pool", 1))
    g.add_node("Input", {"shape": [6]}, node_id="floats")
    g.connect("floats", "pool", 1)
    message = check_graph(g).errors["pool"]
    assert "token ids [N, L] (int64) at input 1 but floats gives [N, 6] float32" in message
    g.disconnect(Edge("floats", "pool", 1))
    g.connect("ids", "pool", 1)
    assert check_graph(g).shapes["pool"] == (4,)
