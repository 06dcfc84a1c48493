"""CSV files with text columns, id columns and named inputs: datasets of several inputs, what is
fitted on the training split only, the recipe that reproduces a row, and the refusals."""

from __future__ import annotations

import re

import numpy as np
import pytest

from netbuilder.engine.data.datasets import dataset_info, load_dataset, load_table
from netbuilder.engine.data.errors import DataError
from netbuilder.engine.data.recipe import Recipe
from netbuilder.engine.training.session import _check_data
from netbuilder.model import DatasetBinding
from netbuilder.model.project import TrainingSettings

GENRES = ("drama", "comedy", "horror")


def ratings_csv(tmp_path, n: int = 60, name: str = "ratings.csv"):
    """Row i: user u{i % 7}, item m{i}, a unique word w{i} in its review (ids and words seen in
    one split only), an age, a genre and a binary rating."""
    lines = ["user_id,item_id,age,genre,review,rating"]
    for i in range(n):
        mood = "great fun" if i % 2 else "dull, dull"
        lines.append(f'u{i % 7},m{i},{20 + i % 30},{GENRES[i % 3]},"A {mood} film w{i}!",{i % 2}')
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n")
    return path


SEVERAL = {
    "target": "rating",
    "text": {"review": {"max_length": 6}},
    "ids": ["user_id", "item_id"],
    "inputs": {
        "user": ["user_id"],
        "item": ["item_id"],
        "extra": ["age", "genre"],
        "words": ["review"],
    },
}


def binding(path, **options) -> DatasetBinding:
    return DatasetBinding(source="csv", path=str(path), options=options)


def test_several_inputs_are_tuples_described_by_info_inputs(tmp_path):
    b = binding(ratings_csv(tmp_path), **SEVERAL)
    fresh = dataset_info(b)  # before any load: it fits the vocabularies the same way
    ds = load_dataset(b)
    info = ds.info
    assert [(i.name, i.kind, i.shape, i.dtype) for i in info.inputs] == [
        ("user", "ids", (1,), "int64"),
        ("item", "ids", (1,), "int64"),
        ("extra", "features", (4,), "float32"),
        ("words", "text", (6,), "int64"),
    ]
    assert info.inputs[2].columns == ("age", "genre=comedy", "genre=drama", "genre=horror")
    assert info.inputs[0].vocab_size == 8  # 7 users + index 0 for an id never seen
    assert fresh.inputs == info.inputs and fresh.input_infos == info.input_infos
    assert info.input_shape == (1,) and info.input_dtype == "int64"
    for split in ("train", "val", "test"):
        x, y = ds.split(split)
        assert isinstance(x, tuple) and len(x) == 4
        assert {len(a) for a in x} == {len(y)}
        assert [a.dtype for a in x] == [np.int64, np.int64, np.float32, np.int64]
    assert ds.sizes == (42, 9, 9)
    _check_data(TrainingSettings(batch_size=8), ds)  # the session's checks take tuples


def test_ids_and_words_are_fitted_on_the_training_split_only(tmp_path):
    ds = load_dataset(binding(ratings_csv(tmp_path), **SEVERAL))
    item, words = ds.recipe.input("item"), ds.recipe.input("words")
    seen = {int(v[1:]) for v in item.vocabulary}  # every item is in one row: the training rows
    assert len(seen) == 42 and ds.info.inputs[1].vocab_size == 43
    assert {int(t[1:]) for t in words.vocabulary if re.fullmatch(r"w\d+", t)} == seen
    assert (ds.x_train[1] > 0).all()
    assert (ds.x_val[1] == 0).all() and (ds.x_test[1] == 0).all()  # unseen in training: 0
    # Each val row's own word is unknown (1); the rest of its review is known.
    assert (ds.x_val[3] == 1).sum(axis=1).tolist() == [1] * 9


def test_each_features_group_is_standardised_with_its_own_training_statistics(tmp_path):
    ds = load_dataset(binding(ratings_csv(tmp_path), **SEVERAL))
    extra = ds.x_train[2]
    assert abs(float(extra[:, 0].mean())) < 1e-5 and abs(float(extra[:, 0].std()) - 1) < 1e-4
    assert set(np.unique(extra[:, 1:])) == {0.0, 1.0}  # one-hot: untouched
    recipe = ds.recipe.input("extra")
    assert recipe.mean is not None and recipe.mean[1:] == (0.0, 0.0, 0.0)
    assert ds.info.extra["standardized"] is True and ds.mean is None  # stats live per input
    unscaled = load_dataset(
        DatasetBinding(
            source="csv", path=str(tmp_path / "ratings.csv"), options=SEVERAL, standardize=False
        )
    )
    assert unscaled.x_train[2][:, 0].min() >= 20


def test_the_recipe_reproduces_a_training_row_and_refuses_unknown_ids(tmp_path):
    path = ratings_csv(tmp_path)
    ds = load_dataset(binding(path, **SEVERAL))
    recipe = Recipe.from_dict(ds.recipe.to_dict())  # as saved beside the weights
    user, item = ds.recipe.input("user"), ds.recipe.input("item")
    row = int(np.flatnonzero(ds.x_train[1][:, 0] == 1)[0])  # the first item in the vocabulary
    i = int(item.vocabulary[0][1:])
    raw = {
        "user": f"u{i % 7}",
        "item": f"m{i}",
        "extra": {"age": 20 + i % 30, "genre": GENRES[i % 3]},
        "words": f"A {'great fun' if i % 2 else 'dull, dull'} film w{i}!",
    }
    encoded = recipe.encode(raw)
    for got, want in zip(encoded, ds.x_train, strict=True):
        np.testing.assert_allclose(got[0], want[row], rtol=1e-6)
    assert user.vocabulary == tuple(f"u{k}" for k in range(7))
    with pytest.raises(DataError, match=r"^column 'user_id': 'u999' was never seen in training$"):
        recipe.encode({**raw, "user": "u999"})
    empty = recipe.encode({**raw, "words": ""})[3]
    assert empty.shape == (1, 6) and not empty.any()  # no words: all padding


def test_one_text_column_is_a_one_input_text_dataset(tmp_path):
    b = binding(ratings_csv(tmp_path), target="rating", features=["review"], text=["review"])
    ds = load_dataset(b)
    info = ds.info
    assert info.inputs == () and info.input_shape == (64,) and info.input_dtype == "int64"
    assert isinstance(ds.x_train, np.ndarray) and ds.x_train.shape == (42, 64)
    assert info.extra["vocab_size"] == len(ds.recipe.inputs[0].vocabulary)
    (item,) = info.input_infos
    assert (item.name, item.kind, item.vocab_size) == ("x", "text", info.extra["vocab_size"])
    assert dataset_info(binding(tmp_path / "ratings.csv", **b.options)) == info
    assert ds.recipe.inputs[0].text == {
        "level": "word",
        "lower": True,
        "min_count": 1,
        "max_size": 20000,
        "max_length": 64,
    }


def test_one_id_column_is_a_one_input_ids_dataset(tmp_path):
    b = binding(ratings_csv(tmp_path), target="rating", features=["user_id"], ids=["user_id"])
    ds = load_dataset(b)
    (item,) = ds.info.input_infos
    assert (item.kind, item.shape, item.dtype, item.vocab_size) == ("ids", (1,), "int64", 8)
    assert ds.x_train.shape == (42, 1) and ds.mean is None


def test_the_table_keeps_raw_inputs_for_the_preview(tmp_path):
    table = load_table(binding(ratings_csv(tmp_path), **SEVERAL))
    assert [i.name for i in table.inputs] == ["user", "item", "extra", "words"]
    assert table.inputs[3].values[1] == "A great fun film w1!"
    assert table.n_samples == 60 and table.x.shape == (60, 0)


# -- refusals: one line naming the file, the line and the column --------------------------------


def test_an_empty_text_cell_is_refused_by_file_line_and_column(tmp_path):
    path = tmp_path / "reviews.csv"
    path.write_text('review,label\n"good",1\n"bad",0\n"",1\n"fine",0\n')
    with pytest.raises(DataError) as caught:
        load_dataset(binding(path, target="label", text={"review": {}}))
    assert str(caught.value) == (
        "reviews.csv, line 4, column 'review': empty cell; a text or id column needs every row"
    )
    assert (caught.value.line, caught.value.column) == (4, "review")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"text": {"summary": {}}},
            (
                "ratings.csv, line 1, column 'summary': no column 'summary' (named in "
                "dataset.options.text); its columns are: user_id, item_id, age, genre, "
                "review, rating"
            ),
        ),
        (
            {"ids": ["user"]},
            "ratings.csv, line 1, column 'user': no column 'user' (named in dataset.options.ids)",
        ),
        (
            {"ids": ["user_id"], "inputs": {"user": ["user_id"], "extra": ["agee"]}},
            (
                "ratings.csv, line 1, column 'agee': no column 'agee' (named in "
                "dataset.options.inputs.extra)"
            ),
        ),
        (
            {"ids": ["user_id", "item_id"], "inputs": {"pair": ["user_id", "item_id"]}},
            (
                "ratings.csv, line 1, column 'user_id': dataset.options.inputs.pair mixes a "
                "text or id column with other columns; a text or id column is an input of its own"
            ),
        ),
        (
            {"inputs": {"a": ["age", "genre"], "b": ["age"]}},
            (
                "ratings.csv, line 1, column 'age': dataset.options.inputs.b names this column "
                "twice (also in input 'a')"
            ),
        ),
        (
            {"inputs": {"a": ["age", "age"]}},
            (
                "ratings.csv, line 1, column 'age': dataset.options.inputs.a names this column "
                "twice (also in it)"
            ),
        ),
        (
            {"text": {"review": {"levels": "char"}}},
            "dataset.options.text.review.levels is not a tokeniser setting",
        ),
        (
            {"texts": {"review": {}}},
            "dataset.options.texts is not an option of csv data",
        ),
        (
            {"ids": ["user_id"]},
            (
                "ratings.csv, line 1, column 'user_id': a text or id column is an input of its "
                "own; name the inputs with dataset.options.inputs"
            ),
        ),
        (
            {"ids": ["user_id"], "inputs": {"extra": ["age"]}},
            "ratings.csv, line 1, column 'user_id': this text / id column is in none of the inputs",
        ),
        (
            {"ids": ["rating"]},
            (
                "ratings.csv, line 1, column 'rating': the target column cannot also be in "
                "dataset.options.ids"
            ),
        ),
        (
            {"features": ["age"], "inputs": {"extra": ["age"]}},
            "dataset.options has both features and inputs",
        ),
    ],
)
def test_bad_options_are_refused_in_one_line(tmp_path, options, message):
    path = ratings_csv(tmp_path)
    with pytest.raises(DataError) as caught:
        dataset_info(binding(path, target="rating", **options))
    text = str(caught.value)
    assert text.startswith(message) and "\n" not in text


def test_a_one_input_text_csv_trains_end_to_end(tmp_path):
    from netbuilder.engine.training.session import prepare
    from netbuilder.model import Project

    rng = np.random.default_rng(0)
    good, bad, plain = ["great", "fun", "loved"], ["dull", "boring", "awful"], ["the", "plot"]
    lines = ["review,label"]
    for i in range(200):
        words = [*rng.choice(good if i % 2 else bad, 2), *rng.choice(plain, 3)]
        rng.shuffle(words)
        lines.append(f'"{" ".join(words)}",{i % 2}')
    (tmp_path / "reviews.csv").write_text("\n".join(lines) + "\n")
    project = Project()
    g = project.graph
    g.add_node("Input", {"shape": [8], "dtype": "int64"}, node_id="words")
    g.add_node("Embedding", {"num_embeddings": 16, "embedding_dim": 8}, node_id="embed")
    g.add_node("Flatten", {}, node_id="flat")
    g.add_node("Linear", {"out_features": 2}, node_id="head")
    g.add_node("Output", {}, node_id="out")
    for a, b in (("words", "embed"), ("embed", "flat"), ("flat", "head"), ("head", "out")):
        g.connect(a, b)
    options = {"target": "label", "text": {"review": {"max_length": 8}}}
    project.dataset = DatasetBinding(source="csv", path="reviews.csv", options=options)
    project.training.loss, project.training.epochs = "cross_entropy", 10
    project.training.batch_size, project.training.lr = 16, 0.05
    run = prepare(project, tmp_path)
    assert run.dataset.info.extra["vocab_size"] == 10  # pad, unk and the 8 words
    result = run.run()
    assert result.summary["test_metrics"]["accuracy"] >= 0.9
