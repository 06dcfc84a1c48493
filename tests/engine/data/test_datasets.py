"""Built-in registry, load_dataset splits and standardisation, dataset_info and check_binding."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netbuilder.engine.data.datasets import (
    BUILTIN_DATASETS,
    DataError,
    check_binding,
    dataset_info,
    list_builtin,
    load_dataset,
)
from netbuilder.engine.data.preprocess import encode_targets, split_indices, split_sizes
from netbuilder.model import DatasetBinding

EXPECTED = {  # name: (task, input_shape, n_samples, n_classes)
    "digits": ("classification", (64,), 1797, 10),
    "digits_images": ("classification", (1, 8, 8), 1797, 10),
    "iris": ("classification", (4,), 150, 3),
    "wine": ("classification", (13,), 178, 3),
    "breast_cancer": ("binary", (30,), 569, 2),
    "diabetes": ("regression", (10,), 442, 0),
    "moons": ("binary", (2,), 500, 2),
    "circles": ("binary", (2,), 500, 2),
    "spirals": ("classification", (2,), 600, 3),
    "xor": ("binary", (2,), 500, 2),
    "blobs": ("classification", (2,), 500, 3),
    "sine": ("regression", (1,), 500, 0),
    "tokens": ("classification", (20,), 1000, 3),
}


def builtin(name: str, **kwargs) -> DatasetBinding:
    return DatasetBinding(source="builtin", name=name, **kwargs)


def test_registry_lists_every_entry_with_a_description():
    assert [e.name for e in list_builtin()] == list(EXPECTED)
    for entry in list_builtin():
        assert entry.description and "\n" not in entry.description
        assert entry.task == EXPECTED[entry.name][0]


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_builtin_loads_with_its_advertised_shape(name):
    task, shape, n, k = EXPECTED[name]
    ds = load_dataset(builtin(name))
    info = ds.info
    assert (info.task, info.input_shape, info.n_samples, info.n_classes) == (task, shape, n, k)
    assert sum(ds.sizes) == n and ds.sizes == split_sizes(n, 0.15, 0.15)
    assert info == BUILTIN_DATASETS[name].info()  # the cheap info tells the truth
    assert info == dataset_info(builtin(name))
    for split in ("train", "val", "test"):
        x, y = ds.split(split)
        assert x.shape[1:] == shape and len(x) == len(y)
        assert x.dtype == (np.int64 if name == "tokens" else np.float32)
        if task == "regression":
            assert y.dtype == np.float32 and y.shape[1:] == (1,)
        else:
            assert y.dtype == np.int64 and y.ndim == 1
            assert set(np.unique(y)) <= set(range(k))
    if task != "regression":
        assert len(info.class_names) == k and sum(info.class_counts) == n
        assert set(np.unique(ds.y_train)) == set(range(k))


def test_sklearn_facts_match_the_real_loaders():
    import sklearn.datasets as skd

    for name, loader in [
        ("digits", skd.load_digits),
        ("iris", skd.load_iris),
        ("wine", skd.load_wine),
        ("breast_cancer", skd.load_breast_cancer),
        ("diabetes", skd.load_diabetes),
    ]:
        bunch = loader()
        info = BUILTIN_DATASETS[name].info()
        assert info.feature_names == tuple(str(f) for f in bunch.feature_names)
        if name != "diabetes":
            assert info.class_names == tuple(str(c) for c in bunch.target_names)
            assert info.class_counts == tuple(np.bincount(bunch.target))
        table = BUILTIN_DATASETS[name].build()
        np.testing.assert_allclose(table.x, bunch.data, rtol=1e-6)


def test_info_does_not_import_sklearn_or_build_arrays():
    code = (
        "import sys\n"
        "from netbuilder.engine.data.datasets import dataset_info, load_dataset\n"
        "from netbuilder.model import DatasetBinding as B\n"
        "assert dataset_info(B(name='breast_cancer')).class_counts == (212, 357)\n"
        "assert load_dataset(B(name='digits')).sizes == (1257, 270, 270)\n"
        "print('sklearn' in sys.modules, 'torch' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split() == ["False", "False"]


def test_same_seed_same_split_other_seed_other_split():
    a, b = load_dataset(builtin("iris")), load_dataset(builtin("iris"))
    for split in ("train", "val", "test"):
        np.testing.assert_array_equal(a.split(split)[0], b.split(split)[0])
        np.testing.assert_array_equal(a.split(split)[1], b.split(split)[1])
    c = load_dataset(builtin("iris", split_seed=1))
    assert not np.array_equal(a.x_val, c.x_val)


def test_generator_seed_is_separate_from_split_seed():
    a = load_dataset(builtin("moons", options={"seed": 1}, standardize=False))
    b = load_dataset(builtin("moons", options={"seed": 2}, standardize=False))
    assert a.sizes == b.sizes and not np.array_equal(a.x_train, b.x_train)


def test_stratification_keeps_class_proportions():
    ds = load_dataset(builtin("breast_cancer", val_fraction=0.2, test_fraction=0.1))
    overall = np.array([212, 357]) / 569
    for y in (ds.y_train, ds.y_val, ds.y_test):
        share = np.bincount(y, minlength=2) / len(y)
        assert np.all(np.abs(share - overall) <= 1.0 / len(y))
    digits = load_dataset(builtin("digits"))
    counts = np.bincount(digits.y_val, minlength=10)
    expected = np.array(digits.info.class_counts) * len(digits.y_val) / 1797
    assert np.all(np.abs(counts - expected) < 1.0)


def test_stratified_split_leaves_every_class_in_training():
    strata = np.array([0] * 20 + [1, 1] + [2])
    train, val, test = split_indices(len(strata), 0.3, 0.3, seed=3, strata=strata)
    assert sorted(np.concatenate([train, val, test]).tolist()) == list(range(len(strata)))
    assert set(strata[train]) == {0, 1, 2}
    assert (len(val), len(test)) == (7, 7)


def test_standardisation_uses_training_statistics_only():
    raw = load_dataset(builtin("wine", standardize=False))
    ds = load_dataset(builtin("wine"))
    np.testing.assert_allclose(ds.mean, raw.x_train.mean(axis=0), rtol=1e-5)
    np.testing.assert_allclose(ds.std, raw.x_train.std(axis=0), rtol=1e-5)
    np.testing.assert_allclose(ds.x_train.mean(axis=0), 0, atol=1e-5)
    np.testing.assert_allclose(ds.x_train.std(axis=0), 1, atol=1e-4)
    assert np.abs(ds.x_val.mean(axis=0)).max() > 1e-3  # val is transformed, not refitted
    np.testing.assert_allclose(ds.x_test, (raw.x_test - ds.mean) / ds.std, rtol=1e-5, atol=1e-5)
    assert raw.mean is None and ds.info.extra["standardized"] is True


def test_images_standardise_per_channel_and_tokens_not_at_all():
    ds = load_dataset(builtin("digits_images"))
    assert ds.mean.shape == (1, 1, 1)
    assert abs(float(ds.x_train.mean())) < 1e-4 and abs(float(ds.x_train.std()) - 1) < 1e-4
    flat = load_dataset(builtin("digits"))
    assert flat.std.shape == (64,) and flat.std[0] == 1.0  # pixel 0 is always 0: std kept at 1
    tokens = load_dataset(builtin("tokens"))
    assert tokens.mean is None and tokens.info.extra["standardized"] is False
    assert tokens.info.extra["vocab_size"] == 10 and tokens.x_train.max() < 10


def test_zero_fractions_give_empty_splits():
    ds = load_dataset(builtin("iris", val_fraction=0.0, test_fraction=0.0))
    assert ds.sizes == (150, 0, 0)
    assert ds.x_val.shape == (0, 4) and ds.y_test.shape == (0,) and ds.y_val.dtype == np.int64


def test_generator_options():
    ds = load_dataset(builtin("spirals", options={"classes": 5, "n_samples": 250}))
    assert ds.info.n_classes == 5 and ds.info.class_counts == (50,) * 5
    blobs = dataset_info(builtin("blobs", options={"features": 7, "classes": 2}))
    assert blobs.input_shape == (7,) and blobs.task == "binary"
    clean = load_dataset(builtin("circles", options={"noise": 0.0}, standardize=False))
    radius = np.hypot(clean.x_train[:, 0], clean.x_train[:, 1])
    np.testing.assert_allclose(radius, np.where(clean.y_train == 0, 1.0, 0.5), atol=1e-5)


def test_inline_binding_and_forced_task():
    inline = {"x": [[1, 2], [3, 4], [5, 6], [7, 8]], "y": [[1], [0], [1], [0]]}
    ds = load_dataset(
        DatasetBinding(source="inline", inline=inline, val_fraction=0.25, test_fraction=0.0)
    )
    assert ds.info.task == "binary" and ds.sizes == (3, 1, 0) and ds.info.name == "inline"
    reg = dataset_info(
        DatasetBinding(source="inline", inline=inline, options={"task": "regression"})
    )
    assert reg.task == "regression" and reg.target_shape == (1,)
    floats = {"x": [[1], [2], [3]], "y": [[0.5], [1.0], [1.5]]}
    assert dataset_info(DatasetBinding(source="inline", inline=floats)).task == "regression"


def test_csv_binding_relative_to_project_folder_and_info_cache(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("a,b,label\n" + "".join(f"{i},{i * 2},{'xy'[i % 2]}\n" for i in range(40)))
    binding = DatasetBinding(source="csv", path="data.csv", options={"target": "label"})
    info = check_binding(binding, tmp_path)
    assert info.task == "binary" and info.class_names == ("x", "y") and info.name == "data"
    assert info.extra["split_sizes"] == (28, 6, 6)
    ds = load_dataset(binding, tmp_path)
    assert ds.x_train.shape == (28, 2) and ds.info == info
    path.write_text("a,b,label\n" + "".join(f"{i},{i},{'xyz'[i % 3]}\n" for i in range(30)))
    os.utime(path, ns=(1, 10**9))  # a different mtime even on coarse-clock filesystems
    assert dataset_info(binding, tmp_path).n_classes == 3


def test_check_binding_refusals(tmp_path):
    with pytest.raises(DataError, match=r"not found.*missing\.csv"):
        check_binding(DatasetBinding(source="csv", path="missing.csv"), tmp_path)
    with pytest.raises(DataError, match="unknown built-in dataset 'mnist'"):
        check_binding(builtin("mnist"))
    with pytest.raises(DataError, match="noise of 'moons' must be between 0 and 10"):
        check_binding(builtin("moons", options={"noise": 99.0}))
    with pytest.raises(DataError, match="n_samples of 'moons' must be a whole number"):
        check_binding(builtin("moons", options={"n_samples": 10.5}))
    with pytest.raises(DataError, match="colour is not an option of 'iris'"):
        check_binding(builtin("iris", options={"colour": 1}))
    with pytest.raises(DataError, match="sep is not an option of csv data"):
        check_binding(DatasetBinding(source="csv", path="x.csv", options={"sep": ";"}))
    one_class = {"x": [[1], [2], [3]], "y": [1, 1, 1]}
    with pytest.raises(DataError, match="only one class"):
        check_binding(DatasetBinding(source="inline", inline=one_class))
    with pytest.raises(DataError, match="val_fraction"):
        check_binding(builtin("iris", val_fraction=0.6, test_fraction=0.5))
    with pytest.raises(DataError, match="fewer than the 10 classes"):
        check_binding(
            DatasetBinding(
                source="inline",
                val_fraction=0.5,
                test_fraction=0.4,
                inline={"x": [[i] for i in range(10)] * 2, "y": list(range(10)) * 2},
            )
        )


def test_encode_targets_rules():
    one_hot = encode_targets(np.eye(3)[[0, 2, 1, 2]])
    assert one_hot.task == "classification" and one_hot.y.tolist() == [0, 2, 1, 2]
    labels = encode_targets(np.array([3, 7, 3, 7]))
    assert labels.task == "binary" and labels.class_names == ("3", "7")
    assert labels.y.tolist() == [0, 1, 0, 1]
    assert encode_targets(np.array([True, False])).class_names == ("false", "true")
    with pytest.raises(DataError, match=r"has 0\.5 at row 2"):
        encode_targets(np.array([1.0, 0.5]), "classification")
    with pytest.raises(DataError, match="exactly two classes"):
        encode_targets(np.array([0, 1, 2]), "binary")
    with pytest.raises(DataError, match="regression needs numeric"):
        encode_targets(np.array(["a", "b"]), "regression")


@settings(max_examples=60, deadline=None)
@given(
    labels=st.lists(st.integers(0, 4), min_size=1, max_size=60),
    val=st.sampled_from([0.0, 0.1, 0.25]),
    test=st.sampled_from([0.0, 0.15, 0.3]),
    seed=st.integers(0, 2**31),
    stratify=st.booleans(),
)
def test_split_is_a_seeded_partition_of_the_advertised_sizes(labels, val, test, seed, stratify):
    strata = np.array(labels) if stratify else None
    parts = split_indices(len(labels), val, test, seed, strata)
    assert tuple(len(p) for p in parts) == split_sizes(len(labels), val, test)
    assert sorted(np.concatenate(parts).tolist()) == list(range(len(labels)))
    again = split_indices(len(labels), val, test, seed, strata)
    assert all(np.array_equal(a, b) for a, b in zip(parts, again, strict=True))
    if stratify:  # every class with a sample to spare keeps one for training
        assert set(np.array(labels)[parts[0]]) == set(labels) or len(parts[0]) < len(set(labels))


def test_load_table_info_reads_a_file_once_for_both(tmp_path, monkeypatch):
    import netbuilder.engine.data.datasets as datasets

    path = tmp_path / "d.csv"
    path.write_text("a,b,label\n" + "\n".join(f"{i},{i * 2},{i % 2}" for i in range(40)) + "\n")
    binding = DatasetBinding(source="csv", path="d.csv", options={"target": "label"})
    seen: list[float] = []
    table, info = datasets.load_table_info(binding, tmp_path, progress=seen.append)
    assert table.x.shape == (40, 2) and info.n_samples == 40 and info.input_shape == (2,)
    assert seen and seen[-1] == 1.0

    def no_read(*_a, **_k):
        raise AssertionError("dataset_info read the file again")

    monkeypatch.setattr(datasets, "load_table", no_read)
    assert dataset_info(binding, tmp_path) == info
