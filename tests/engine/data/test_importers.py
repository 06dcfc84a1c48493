"""CSV, NPZ and inline importers: good files load as expected, broken ones say where."""

from __future__ import annotations

import numpy as np
import pytest

from netbuilder.engine.data.datasets import load_dataset
from netbuilder.engine.data.importers import DataError, read_csv, read_inline, read_npz
from netbuilder.model import DatasetBinding, NetbuilderError


def write(tmp_path, text: str, name: str = "data.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


IRIS_LIKE = """sepal,petal,colour,species
5.1,1.4,red,setosa
4.9,1.3,blue,setosa
6.3,4.9,red,virginica
5.8,5.1,green,virginica
6.0,4.5,blue,versicolor
"""


# -- CSV: good files ----------------------------------------------------------------------------


def test_csv_header_categorical_feature_and_target(tmp_path):
    table = read_csv(write(tmp_path, IRIS_LIKE), target="species")
    assert table.feature_names == ("sepal", "petal", "colour=blue", "colour=green", "colour=red")
    assert table.x.dtype == np.float32 and table.x.shape == (5, 5)
    np.testing.assert_allclose(table.x[0], [5.1, 1.4, 0, 0, 1])
    assert table.categorical == (2, 3, 4)
    t = table.targets
    assert t.task == "classification" and t.n_classes == 3
    assert t.class_names == ("setosa", "versicolor", "virginica")
    np.testing.assert_array_equal(t.y, [0, 0, 2, 2, 1])
    assert t.y.dtype == np.int64 and t.class_counts == (2, 1, 2)


def test_csv_without_header_integer_target_is_binary(tmp_path):
    table = read_csv(write(tmp_path, "1.0,2.0,1\n3.0,4.0,0\n5.0,6.0,1\n7.5,8.5,0\n"))
    assert table.feature_names == ("col1", "col2")
    assert table.x.shape == (4, 2)
    assert table.targets.task == "binary" and table.targets.n_classes == 2
    np.testing.assert_array_equal(table.targets.y, [1, 0, 1, 0])


def test_csv_float_target_is_regression_and_task_can_be_forced(tmp_path):
    path = write(tmp_path, "a,b,y\n1,2,0.5\n3,4,1.5\n5,6,2.5\n")
    t = read_csv(path).targets
    assert t.task == "regression" and t.y.shape == (3, 1) and t.y.dtype == np.float32
    assert t.target_names == ("y",)
    path2 = write(tmp_path, "a,y\n1,1\n2,2\n3,3\n4,4\n5,5\n6,6\n", "ints.csv")
    assert read_csv(path2).targets.task == "regression"  # every value distinct: not classes
    assert read_csv(path2, task="classification").targets.n_classes == 6


@pytest.mark.parametrize("delim", [";", "\t", "|"])
def test_csv_delimiter_is_sniffed(tmp_path, delim):
    text = IRIS_LIKE.replace(",", delim)
    table = read_csv(write(tmp_path, text), target="species")
    assert table.x.shape == (5, 5)


def test_csv_explicit_options_bom_quotes_and_blank_lines(tmp_path):
    text = 'name,x,"label"\n"Smith, J",1,a\n\n"Doe, A",2,b\n"Roe, B",3,a\n\n'
    path = write(tmp_path, "\ufeff" + text)
    table = read_csv(path, target="label", features=["x"], delimiter=",", header=True)
    assert table.feature_names == ("x",)
    np.testing.assert_array_equal(table.x[:, 0], [1, 2, 3])
    assert table.targets.class_names == ("a", "b")


def test_csv_target_by_index_and_forced_categorical(tmp_path):
    path = write(tmp_path, "zip,size,y\n1000,1,a\n2000,2,b\n1000,3,a\n")
    table = read_csv(path, target=2, categorical=["zip"])
    assert table.feature_names == ("zip=1000", "zip=2000", "size")


def test_csv_all_text_file_detects_header(tmp_path):
    text = "colour,size,label\nred,big,yes\nblue,small,no\nred,small,yes\n"
    table = read_csv(write(tmp_path, text), target="label")
    assert table.targets.class_names == ("no", "yes")
    no_header = "red,big,yes\nblue,small,no\nred,small,yes\n"
    assert read_csv(write(tmp_path, no_header, "n.csv")).feature_names[0] == "col1=blue"


# -- CSV: broken files --------------------------------------------------------------------------


def error_of(path, **kwargs) -> DataError:
    with pytest.raises(DataError) as info:
        read_csv(path, **kwargs)
    assert isinstance(info.value, NetbuilderError)
    return info.value


def test_csv_ragged_row_names_the_line(tmp_path):
    err = error_of(write(tmp_path, "a,b,y\n1,2,0\n3,4,1\n5,6\n7,8,1\n"))
    assert "data.csv" in str(err) and "line 4" in str(err) and "2 fields, expected 3" in str(err)
    assert err.line == 4


def test_csv_text_in_numeric_column_names_line_and_column(tmp_path):
    err = error_of(write(tmp_path, "a,b,y\n1,2,0\n3,oops,1\n5,6,1\n"))
    assert "line 3" in str(err) and "column 'b'" in str(err) and "'oops'" in str(err)
    assert (err.line, err.column) == (3, "b")


def test_csv_missing_value_names_line_and_column(tmp_path):
    err = error_of(write(tmp_path, "a,b,y\n1,2,0\n3,,1\n5,6,1\n"))
    assert "line 3" in str(err) and "column 'b'" in str(err) and "missing value" in str(err)
    err = error_of(write(tmp_path, "a,b,y\n1,2,0\n3,NA,1\n5,6,1\n", "na.csv"))
    assert "missing value" in str(err)


def test_csv_empty_and_header_only_files(tmp_path):
    assert "is empty" in str(error_of(write(tmp_path, "")))
    assert "is empty" in str(error_of(write(tmp_path, "\n\n  \n", "blank.csv")))
    err = error_of(write(tmp_path, "a,b,label\n", "head.csv"))
    assert "no data rows" in str(err)


def test_csv_one_class_target(tmp_path):
    err = error_of(write(tmp_path, "a,y\n1,cat\n2,cat\n3,cat\n"), target="y")
    assert "only one class" in str(err) and "'y'" in str(err) and "data.csv" in str(err)


def test_csv_unknown_target_and_bad_index(tmp_path):
    path = write(tmp_path, IRIS_LIKE)
    err = error_of(path, target="kind")
    assert "unknown target column 'kind'" in str(err) and "species" in str(err)
    assert "out of range" in str(error_of(path, target=9))


def test_csv_other_refusals(tmp_path):
    assert "appears twice" in str(error_of(write(tmp_path, "a,a,y\n1,2,0\n3,4,1\n")))
    latin = write(tmp_path, "a,y\ncaf\u00e9,1\n", "latin.csv", encoding="latin-1")
    assert "not UTF-8" in str(error_of(latin))
    assert "finite" in str(error_of(write(tmp_path, "a,y\n1,0\ninf,1\n", "inf.csv")))
    assert "not found" in str(error_of(tmp_path / "nope.csv"))
    ids = "id,y\n" + "".join(f"u{i},{i % 2}\n" for i in range(1100))
    assert "distinct values" in str(error_of(write(tmp_path, ids, "ids.csv")))


# -- NPZ ----------------------------------------------------------------------------------------


def test_npz_features_and_lowercase_x(tmp_path):
    path = tmp_path / "d.npz"
    np.savez(path, x=np.arange(12, dtype=np.float64).reshape(6, 2), y=np.array([0, 1, 2] * 2))
    table = read_npz(path)
    assert table.x.shape == (6, 2) and table.x.dtype == np.float32
    assert table.targets.task == "classification" and table.targets.n_classes == 3


@pytest.mark.parametrize(
    ("shape", "expected"),
    [((6, 5, 7), (1, 5, 7)), ((6, 3, 5, 7), (3, 5, 7)), ((6, 5, 7, 3), (3, 5, 7))],
)
def test_npz_image_layouts(tmp_path, shape, expected):
    path = tmp_path / "img.npz"
    x = np.random.default_rng(0).integers(0, 255, size=shape).astype(np.uint8)
    np.savez(path, X=x, y=np.array([0, 1] * 3))
    table = read_npz(path)
    assert table.x.shape[1:] == expected and table.x.dtype == np.float32
    if shape[-1] == 3:  # channels-last was moved, values intact
        np.testing.assert_array_equal(table.x[:, 1], x[..., 1])


def test_npz_tokens_stay_integers(tmp_path):
    path = tmp_path / "tok.npz"
    np.savez(path, X=np.array([[1, 2, 3], [4, 5, 0]] * 3), y=np.array([0, 1] * 3))
    table = read_npz(path, inputs="tokens")
    assert table.x.dtype == np.int64 and table.extra["vocab_size"] == 6
    ds = load_dataset(
        DatasetBinding(
            source="npz",
            path=str(path),
            options={"inputs": "tokens"},
            val_fraction=0.0,
            test_fraction=0.0,
        )
    )
    assert ds.mean is None and ds.x_train.dtype == np.int64 and ds.info.input_dtype == "int64"


def npz_error(path, **kwargs) -> str:
    with pytest.raises(DataError) as info:
        read_npz(path, **kwargs)
    return str(info.value)


def test_npz_refuses_object_arrays(tmp_path):
    path = tmp_path / "obj.npz"
    np.savez(path, X=np.array([{"a": 1}, [1, 2]], dtype=object), y=np.array([0, 1]))
    message = npz_error(path)
    assert "X.npy" in message and "Python objects" in message


def test_npz_broken_files(tmp_path):
    missing = tmp_path / "m.npz"
    np.savez(missing, X=np.zeros((3, 2)))
    assert "no array 'y'" in npz_error(missing) and "X" in npz_error(missing)
    mismatch = tmp_path / "mm.npz"
    np.savez(mismatch, X=np.zeros((3, 2)), y=np.array([0, 1]))
    assert "3 samples" in npz_error(mismatch) and "has 2" in npz_error(mismatch)
    text = tmp_path / "t.npz"
    np.savez(text, X=np.array([["a", "b"], ["c", "d"]]), y=np.array([0, 1]))
    assert "must be numeric" in npz_error(text)
    nan = tmp_path / "nan.npz"
    np.savez(nan, X=np.array([[1.0], [np.nan]]), y=np.array([0, 1]))
    assert "sample 2" in npz_error(nan)
    garbage = write(tmp_path, "not a zip", "g.npz")
    assert "not a valid .npz" in npz_error(garbage)
    single = tmp_path / "one.npy"
    np.save(single, np.zeros(3))
    assert "single array" in npz_error(single)
    assert "must be whole numbers" in npz_error(nan, inputs="tokens")


# -- inline -------------------------------------------------------------------------------------


def test_inline_types():
    t = read_inline({"x": [[1, 2], [3, 4], [5, 6]], "y": [[1], [0], [1]]})
    assert t.targets.task == "binary" and t.x.dtype == np.float32
    r = read_inline({"x": [[1, 2], [3, 4], [5, 6]], "y": [[1.0], [0.5], [2.0]]})
    assert r.targets.task == "regression" and r.targets.y.shape == (3, 1)
    s = read_inline({"x": [[1], [2], [3]], "y": ["a", "b", "c"]})
    assert s.targets.class_names == ("a", "b", "c")


def test_inline_errors_name_the_row():
    with pytest.raises(DataError, match="row 2 has 1 values, expected 2"):
        read_inline({"x": [[1, 2], [3], [5, 6]], "y": [1, 0, 1]})
    with pytest.raises(DataError, match="row 3, column 2 is 'z'"):
        read_inline({"x": [[1, 2], [3, 4], [5, "z"]], "y": [1, 0, 1]})
    with pytest.raises(DataError, match="missing value"):
        read_inline({"x": [[1, 2], [3, None]], "y": [1, 0]})
    with pytest.raises(DataError, match="2 rows of x but 3 of y"):
        read_inline({"x": [[1, 2], [3, 4]], "y": [1, 0, 1]})


def test_csv_one_hot_columns_are_not_standardised(tmp_path):
    rows = "".join(f"{i * 1.5},{'rgb'[i % 3]},{i % 2}\n" for i in range(30))
    path = write(tmp_path, "size,colour,y\n" + rows)
    ds = load_dataset(DatasetBinding(source="csv", path=str(path), options={"target": "y"}))
    assert ds.info.feature_names == ("size", "colour=b", "colour=g", "colour=r")
    assert ds.info.extra["categorical"] == (1, 2, 3)
    np.testing.assert_array_equal(ds.mean[1:], 0)
    np.testing.assert_array_equal(ds.std[1:], 1)
    assert set(np.unique(ds.x_train[:, 1:])) == {0.0, 1.0} and ds.std[0] > 1


# -- progress and stopping (a background import reports and may be cancelled) ----------------


class Stop(Exception):
    pass


def test_csv_reports_the_fraction_read_and_stops_when_progress_raises(tmp_path):
    rows = "\n".join(f"{i},{i % 3}" for i in range(20_000))
    path = write(tmp_path, "x,label\n" + rows + "\n")
    seen: list[float] = []
    table = read_csv(path, target="label", progress=seen.append)
    assert len(table.x) == 20_000
    assert len(seen) >= 4 and seen == sorted(seen) and seen[-1] == 1.0

    def stop_at_half(fraction: float) -> None:
        if fraction >= 0.5:
            raise Stop

    with pytest.raises(Stop):
        read_csv(path, target="label", progress=stop_at_half)


def test_npz_reports_progress_and_stops_when_it_raises(tmp_path):
    path = tmp_path / "a.npz"
    np.savez(path, X=np.zeros((4, 2), np.float32), y=np.arange(4) % 2)
    seen: list[float] = []
    read_npz(path, progress=seen.append)
    assert seen == [0.0, 0.8, 0.9]

    def stop(_fraction: float) -> None:
        raise Stop

    with pytest.raises(Stop):
        read_npz(path, progress=stop)
