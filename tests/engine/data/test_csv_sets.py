"""Generated example tables (reviews, ratings): seeded, written once at first use, and shaped so
that the examples built on them show what they claim."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from netbuilder.engine.data import csv_sets
from netbuilder.engine.data.csv_sets import generated_csv, write_ratings, write_reviews
from netbuilder.engine.data.datasets import DataError, load_table, resolve_path
from netbuilder.engine.data.preprocess import split_indices
from netbuilder.model.errors import SettingsError
from netbuilder.model.project import DatasetBinding

WORD = r"\w+|[^\w\s]"  # spec 3's word-level tokens, after lower-casing


def rows_of(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def reviews(tmp_path_factory) -> list[dict[str, str]]:
    path = tmp_path_factory.mktemp("reviews") / "reviews.csv"
    write_reviews(path)
    return rows_of(path)


@pytest.fixture(scope="module")
def ratings(tmp_path_factory) -> list[dict[str, str]]:
    path = tmp_path_factory.mktemp("ratings") / "ratings.csv"
    write_ratings(path)
    return rows_of(path)


def test_same_seed_same_file_other_seed_other_file(tmp_path):
    for write in (write_reviews, write_ratings):
        a, b, c = (tmp_path / f"{write.__name__}_{k}.csv" for k in "abc")
        write(a, rows=300, seed=1)
        write(b, rows=300, seed=1)
        write(c, rows=300, seed=2)
        assert a.read_bytes() == b.read_bytes() != c.read_bytes()
        assert len(rows_of(a)) == 300


def test_reviews_are_balanced_short_sentences(reviews):
    assert len(reviews) == 4000 and set(reviews[0]) == {"review", "label"}
    counts = Counter(r["label"] for r in reviews)
    assert set(counts) == {"positive", "negative"}
    assert min(counts.values()) >= 0.45 * len(reviews)
    lengths = [len(re.findall(WORD, r["review"].lower())) for r in reviews]
    assert max(lengths) <= 24  # the text example's max_length: nothing is cut off
    assert all(r["review"].strip() for r in reviews)


def test_word_order_decides_many_reviews(reviews):
    """Reviews with exactly the same words and opposite labels: a model that only sees which
    words occur (a bag of words) can do no better than a coin on them."""
    labels: dict[tuple[str, ...], set[str]] = {}
    for r in reviews:
        bag = tuple(sorted(re.findall(WORD, r["review"].lower())))
        labels.setdefault(bag, set()).add(r["label"])
    ambiguous = {bag for bag, seen in labels.items() if len(seen) == 2}
    share = sum(
        tuple(sorted(re.findall(WORD, r["review"].lower()))) in ambiguous for r in reviews
    ) / len(reviews)
    assert share >= 0.15
    text = " ".join(r["review"] for r in reviews)
    assert " not " in text and " but " in text and " very " in text


def test_ratings_come_from_latent_factors_with_every_id_in_the_training_split(ratings):
    assert len(ratings) == 20000 and list(ratings[0]) == ["user_id", "item_id", "rating"]
    assert all(re.fullmatch(r"u\d+", r["user_id"]) for r in ratings)
    assert all(re.fullmatch(r"i\d+", r["item_id"]) for r in ratings)
    assert len({(r["user_id"], r["item_id"]) for r in ratings}) == len(ratings)
    y = np.array([float(r["rating"]) for r in ratings])
    assert y.min() >= 1.0 and y.max() <= 5.0
    # The example's split (val 0.15, test 0.15, split_seed 0): every id is seen in training, so
    # the example's Embedding sizes (users + 1, items + 1) hold every index.
    train, _, test = split_indices(len(ratings), 0.15, 0.15, 0)
    users = {ratings[i]["user_id"] for i in train}
    items = {ratings[i]["item_id"] for i in train}
    assert len(users) == len({r["user_id"] for r in ratings}) == 200
    assert len(items) == len({r["item_id"] for r in ratings}) == 150
    # Predicting the training mean is far from the noise floor (0.25): room for a model.
    baseline = float(np.sqrt(np.mean((y[test] - y[train].mean()) ** 2)))
    assert baseline > 0.8
    # The user and item effects are real: per-user means alone already beat the global mean.
    by_user: dict[str, list[float]] = {}
    for i in train:
        by_user.setdefault(ratings[i]["user_id"], []).append(float(ratings[i]["rating"]))
    user_mean = {u: float(np.mean(v)) for u, v in by_user.items()}
    guess = np.array([user_mean[ratings[i]["user_id"]] for i in test])
    assert float(np.sqrt(np.mean((y[test] - guess) ** 2))) < 0.95 * baseline


def test_generated_table_is_written_once_into_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("NETBUILDER_DATA_DIR", str(tmp_path / "data"))
    calls: list[Path] = []

    def write(path: Path) -> None:
        calls.append(path)
        write_reviews(path, rows=20)

    monkeypatch.setitem(csv_sets.GENERATED_TABLES, "reviews", ("reviews-test.csv", write))
    path = generated_csv("reviews")
    assert path == tmp_path / "data" / "datasets" / "reviews-test.csv"
    assert len(rows_of(path)) == 20
    assert generated_csv("reviews") == path and len(calls) == 1  # the second use reads it
    assert [p.name for p in path.parent.iterdir()] == ["reviews-test.csv"]  # no staging left
    with pytest.raises(DataError, match="'tweets' is not a generated table"):
        generated_csv("tweets")


def test_a_failed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    monkeypatch.setenv("NETBUILDER_DATA_DIR", str(tmp_path))

    def broken(path: Path) -> None:
        path.write_text("user_id,item")
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(csv_sets.GENERATED_TABLES, "ratings", ("ratings-test.csv", broken))
    with pytest.raises(DataError, match=r"cannot write the generated table 'ratings'.*No space"):
        generated_csv("ratings")
    assert list((tmp_path / "datasets").iterdir()) == []


def test_a_csv_binding_names_a_generated_table_or_a_path_not_both():
    DatasetBinding(source="csv", name="reviews").validate()
    DatasetBinding(source="csv", path="mine.csv").validate()
    with pytest.raises(SettingsError, match=r"either dataset\.path .* not neither"):
        DatasetBinding(source="csv").validate()
    with pytest.raises(SettingsError, match="not both"):
        DatasetBinding(source="csv", name="reviews", path="mine.csv").validate()
    with pytest.raises(SettingsError, match=r"dataset\.path is required for a npz file"):
        DatasetBinding(source="npz").validate()


def test_a_csv_binding_with_a_name_reads_the_generated_file(tmp_path, monkeypatch):
    monkeypatch.setenv("NETBUILDER_DATA_DIR", str(tmp_path))
    monkeypatch.setitem(
        csv_sets.GENERATED_TABLES,
        "ratings",
        ("ratings-test.csv", lambda p: write_ratings(p, users=5, items=4, rows=12)),
    )
    binding = DatasetBinding(
        source="csv", name="ratings", options={"target": "rating", "features": ["user_id"]}
    )
    assert resolve_path(binding, Path("/elsewhere")) == tmp_path / "datasets" / "ratings-test.csv"
    table = load_table(binding, Path("/elsewhere"))
    assert table.targets.task == "regression" and len(table.x) == 12
    with pytest.raises(DataError, match="'movies' is not a generated table"):
        load_table(DatasetBinding(source="csv", name="movies"))
