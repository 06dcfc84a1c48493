"""A small three-input dataset (user id, item id, a review's tokens -> a rating) and a network
for it, made in memory: the CSV side that builds such datasets from files is the data room's.

``use_dataset(monkeypatch, dataset)`` makes every loader the session and the exports call return
``dataset`` for any binding (its binding is a stand-in inline one)."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from netbuilder.engine.data import datasets as data_module
from netbuilder.engine.data.datasets import Dataset
from netbuilder.engine.data.info import DatasetInfo, InputInfo
from netbuilder.engine.data.recipe import InputRecipe, Recipe
from netbuilder.model import DatasetBinding, Graph, Project, TrainingSettings

WORDS = ("good", "bad", "great", "awful", "fine", "not", "very", "plot", "actors", "music")
VOCAB = ("<pad>", "<unk>", *WORDS)  # text indices: 0 padding, 1 unknown, then the words
USERS = tuple(f"u{i}" for i in range(10))  # id indices 1..10 (0: an id never seen)
ITEMS = tuple(f"i{i}" for i in range(7))
MAX_LENGTH = 6
TEXT_OPTIONS = {
    "level": "word",
    "lower": True,
    "min_count": 1,
    "max_size": 20000,
    "max_length": MAX_LENGTH,
}


def three_input_dataset(n: int = 300, seed: int = 0) -> Dataset:
    rng = np.random.default_rng(seed)
    users = rng.integers(1, len(USERS) + 1, n)
    items = rng.integers(1, len(ITEMS) + 1, n)
    lengths = rng.integers(1, MAX_LENGTH + 1, n)
    tokens = np.zeros((n, MAX_LENGTH), dtype=np.int64)
    for row, length in enumerate(lengths):
        tokens[row, :length] = rng.integers(1, len(VOCAB), length)
    user_bias = rng.normal(size=len(USERS) + 1)
    item_bias = rng.normal(size=len(ITEMS) + 1)
    word_score = rng.normal(size=len(VOCAB))
    word_score[0] = 0.0
    y = user_bias[users] + item_bias[items] + word_score[tokens].sum(1) / lengths
    xs = (users[:, None].astype(np.int64), items[:, None].astype(np.int64), tokens)
    ys = y.astype(np.float32)[:, None]
    cut = (int(n * 0.7), int(n * 0.85))
    parts = [slice(0, cut[0]), slice(cut[0], cut[1]), slice(cut[1], n)]
    inputs = (
        InputInfo("user", (1,), "int64", "ids", ("user_id",), len(USERS) + 1),
        InputInfo("item", (1,), "int64", "ids", ("item_id",), len(ITEMS) + 1),
        InputInfo("review", (MAX_LENGTH,), "int64", "text", ("review",), len(VOCAB)),
    )
    sizes = tuple(p.stop - p.start for p in parts)
    info = DatasetInfo(
        "ratings (in memory)",
        "regression",
        input_shape=(1,),
        target_shape=(1,),
        n_samples=n,
        input_dtype="int64",
        target_names=("rating",),
        inputs=inputs,
        extra={"split_sizes": sizes, "standardized": False},
    )
    recipe = Recipe(
        inputs=(
            InputRecipe("user", "ids", (1,), "int64", ("user_id",), vocabulary=USERS),
            InputRecipe("item", "ids", (1,), "int64", ("item_id",), vocabulary=ITEMS),
            InputRecipe(
                "review",
                "text",
                (MAX_LENGTH,),
                "int64",
                ("review",),
                vocabulary=VOCAB,
                text=dict(TEXT_OPTIONS),
            ),
        ),
        task="regression",
        target_names=("rating",),
    )
    split = [tuple(x[p] for x in xs) for p in parts]
    return Dataset(
        info,
        split[0],  # type: ignore[arg-type]
        ys[parts[0]],
        split[1],  # type: ignore[arg-type]
        ys[parts[1]],
        split[2],  # type: ignore[arg-type]
        ys[parts[2]],
        recipe=recipe,
    )


def three_input_graph(embedding_rows: int | None = None) -> Graph:
    """Item Input first on purpose: the network's input order is not the dataset's."""
    g = Graph()
    g.add_node("Input", {"shape": [1], "dtype": "int64", "data": "item"}, node_id="items")
    g.add_node("Input", {"shape": [1], "dtype": "int64", "data": "user"}, node_id="users")
    g.add_node(
        "Input", {"shape": [MAX_LENGTH], "dtype": "int64", "data": "review"}, node_id="review_in"
    )
    rows = embedding_rows or len(USERS) + 1
    g.add_node("Embedding", {"num_embeddings": rows, "embedding_dim": 4}, node_id="user_vec")
    g.add_node("Embedding", {"num_embeddings": 8, "embedding_dim": 4}, node_id="item_vec")
    g.add_node(
        "Embedding",
        {"num_embeddings": len(VOCAB), "embedding_dim": 5, "padding_idx_zero": True},
        node_id="word_vec",
    )
    g.add_node("Flatten", node_id="user_flat")
    g.add_node("Flatten", node_id="item_flat")
    g.add_node("SequencePool", {"mode": "mean"}, node_id="pool")
    g.add_node("Concat", node_id="joined")
    g.add_node("Linear", {"out_features": 1}, node_id="rating")
    g.add_node("Output", node_id="out")
    g.connect("users", "user_vec")
    g.connect("user_vec", "user_flat")
    g.connect("items", "item_vec")
    g.connect("item_vec", "item_flat")
    g.connect("review_in", "word_vec")
    g.connect("word_vec", "pool", 0)
    g.connect("review_in", "pool", 1)
    g.connect("user_flat", "joined", 0)
    g.connect("item_flat", "joined", 1)
    g.connect("pool", "joined", 2)
    g.connect("joined", "rating")
    g.connect("rating", "out")
    return g


def three_input_project(epochs: int = 2) -> Project:
    binding = DatasetBinding(source="inline", inline={"x": [[0.0]], "y": [[0.0]]})
    training = TrainingSettings(loss="mse", lr=0.02, batch_size=32, epochs=epochs, device="cpu")
    return Project(three_input_graph(), binding, training, name="Ratings three inputs")


def use_dataset(monkeypatch: Any, dataset: Dataset) -> None:
    """Every loader the session and the exports use answers with ``dataset``."""
    from netbuilder.engine.export import common
    from netbuilder.engine.training import session

    def load(*_args: Any, **_kw: Any) -> Dataset:
        return dataset

    def info(*_args: Any, **_kw: Any) -> DatasetInfo:
        return dataset.info

    for module, name, fn in (
        (session, "load_dataset", load),
        (session, "check_binding", info),
        (common, "load_dataset", load),
        (common, "dataset_info", info),
        (data_module, "load_dataset", load),
        (data_module, "dataset_info", info),
        (data_module, "check_binding", info),
    ):
        monkeypatch.setattr(module, name, fn)


def text_dataset(n: int = 200, seed: int = 1) -> Dataset:
    """One text input (no ``info.inputs``): the review tokens alone, two classes."""
    three = three_input_dataset(n, seed)
    x = [three.split(s)[0][2] for s in ("train", "val", "test")]
    ys = [(three.split(s)[1][:, 0] > 0).astype(np.int64) for s in ("train", "val", "test")]
    info = DatasetInfo(
        "reviews (in memory)",
        "classification",
        input_shape=(MAX_LENGTH,),
        target_shape=(),
        n_samples=n,
        n_classes=2,
        input_dtype="int64",
        class_names=("negative", "positive"),
        extra={"split_sizes": tuple(len(v) for v in x), "vocab_size": len(VOCAB)},
    )
    assert three.recipe is not None
    review = dataclasses.replace(three.recipe.inputs[2], name="x")
    recipe = Recipe(inputs=(review,), task="classification", class_names=info.class_names)
    return Dataset(info, x[0], ys[0], x[1], ys[1], x[2], ys[2], recipe=recipe)


def text_classifier(rows: int = len(VOCAB)) -> Project:
    """Embedding -> GRU (sequence) -> SequencePool (max, padding ignored) -> Linear."""
    g = Graph()
    g.add_node("Input", {"shape": [MAX_LENGTH], "dtype": "int64"}, node_id="tokens")
    embedding = {"num_embeddings": rows, "embedding_dim": 6, "padding_idx_zero": True}
    g.add_node("Embedding", embedding, node_id="embed")
    g.add_node("GRU", {"hidden_size": 8}, node_id="gru")
    g.add_node("SequencePool", {"mode": "max"}, node_id="pool")
    g.add_node("Linear", {"out_features": 2}, node_id="logits")
    g.add_node("Output", node_id="out")
    for src, dst in (("tokens", "embed"), ("embed", "gru"), ("gru", "pool")):
        g.connect(src, dst)
    g.connect("tokens", "pool", 1)
    g.connect("pool", "logits")
    g.connect("logits", "out")
    binding = DatasetBinding(source="inline", inline={"x": [[0.0]], "y": [[0.0]]})
    training = TrainingSettings(loss="cross_entropy", batch_size=32, epochs=2, device="cpu")
    return Project(g, binding, training, name="Review classifier")
