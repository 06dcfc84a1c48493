"""The text and recommendation examples fit their generated data: each Input names one of the
dataset's inputs, and each Embedding has exactly the indices that input can hold."""

from __future__ import annotations

from netbuilder.engine.data.datasets import dataset_info
from netbuilder.io import load_project
from tests.examples_support import example


def embeddings_after_inputs(stem: str) -> tuple[dict[str, int], object]:
    """{Input's data name: num_embeddings of the Embedding it feeds}, and the dataset's info."""
    path = example(stem)
    project = load_project(path).project
    graph = project.graph
    sizes = {}
    for edge in graph.edges:
        src, dst = graph.nodes[edge.src], graph.nodes[edge.dst]
        if src.type == "Input" and dst.type == "Embedding":
            sizes[src.params["data"]] = dst.params["num_embeddings"]
    return sizes, dataset_info(project.dataset, path.parent)


def test_the_text_examples_embed_the_whole_vocabulary():
    for stem in ("reviews_text", "reviews_bag_of_words", "transformer_text"):
        sizes, info = embeddings_after_inputs(stem)
        (item,) = info.input_infos
        assert item.kind == "text" and item.shape == (24,)
        assert sizes == {"": item.vocab_size}, stem


def test_the_recommender_embeds_every_user_and_item():
    sizes, info = embeddings_after_inputs("ratings_recommender")
    assert [i.name for i in info.inputs] == ["user", "item"]
    assert {i.name: i.kind for i in info.inputs} == {"user": "ids", "item": "ids"}
    assert sizes == {i.name: i.vocab_size for i in info.inputs} == {"user": 201, "item": 151}
