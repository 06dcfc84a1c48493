"""NPZ limits (issue 12, item 8) and plain words for files that are not files (item 12): every
refusal comes from the zip index and the .npy headers, before an array is allocated."""

from __future__ import annotations

import io
import os
import resource
import zipfile

import numpy as np
import pytest

from netbuilder.engine.data import npz_check
from netbuilder.engine.data.datasets import load_table
from netbuilder.engine.data.errors import DataError
from netbuilder.engine.data.importers import read_npz
from netbuilder.model import DatasetBinding


def npy_bytes(shape, descr="<f8", data=b"\0" * 64):
    buf = io.BytesIO()
    header = {"descr": descr, "fortran_order": False, "shape": shape}
    np.lib.format.write_array_header_1_0(buf, header)
    return buf.getvalue() + data


def error_of(path, **kwargs):
    with pytest.raises(DataError) as info:
        read_npz(path, **kwargs)
    message = str(info.value)
    assert "\n" not in message and "allow_pickle" not in message
    return message


def test_huge_declared_shape_is_refused_with_its_size(tmp_path):
    path = tmp_path / "digits.npz"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("x.npy", npy_bytes((100_000_000_000, 2)))
        zf.writestr("y.npy", npy_bytes((3,)))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    message = error_of(path)
    assert message == (
        "digits.npz: member x.npy declares shape (100000000000, 2) float64 = 1.5 TiB; "
        "datasets are at most 2.0 GiB"
    )
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 50_000


def test_header_larger_than_its_member_is_truncated(tmp_path):
    path = tmp_path / "short.npz"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("X.npy", npy_bytes((1000, 10)))  # 80,000 bytes declared, 64 held
        zf.writestr("y.npy", npy_bytes((1000,)))
    assert "X.npy declares shape (1000, 10) float64 = 78.1 KiB but holds" in error_of(path)


def test_zip_bomb_ratio_and_size(tmp_path, monkeypatch):
    path = tmp_path / "bomb.npz"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("X.npy", npy_bytes((4_000_000,), data=b"\0" * 32_000_000))
        zf.writestr("y.npy", npy_bytes((4_000_000,), data=b"\0" * 32_000_000))
    message = error_of(path)
    assert "X.npy is compressed more than 200:1" in message and "zip bomb" in message
    monkeypatch.setattr(npz_check, "MAX_RATIO", 10_000)
    monkeypatch.setattr(npz_check, "MAX_DATASET_BYTES", 40_000_000)
    assert "declares 61.0 MiB of arrays in all; datasets are at most 38.1 MiB" in error_of(path)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (os.urandom(2000), "is not a valid .npz archive (it does not start like a zip"),
        (b"PK\x03\x04" + os.urandom(300), "is not a valid .npz archive (damaged or truncated"),
        (b"", "is not a valid .npz archive"),
    ],
)
def test_random_bytes_never_suggest_unsafe_loading(tmp_path, content, expected):
    path = tmp_path / "r.npz"
    path.write_bytes(content)
    assert expected in error_of(path)


def test_damaged_header_and_non_array_members(tmp_path):
    bad = tmp_path / "bad.npz"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("X.npy", b"\x93NUMPY\x01\x00\xff\xff{'descr': 'zz'")
        zf.writestr("y.npy", npy_bytes((1,)))
    assert "bad.npz: member X.npy has a damaged .npy header" in error_of(bad)
    raw = tmp_path / "raw.npz"
    with zipfile.ZipFile(raw, "w") as zf:
        zf.writestr("X", b"1,2,3")
        zf.writestr("y.npy", npy_bytes((1,)))
    assert "member 'X' is not an .npy array" in error_of(raw)


def test_fifo_and_device_links_say_what_they_are(tmp_path):
    fifo = tmp_path / "data.npz"
    os.mkfifo(fifo)
    assert "is a FIFO (named pipe), not a regular file" in error_of(fifo)
    zero = tmp_path / "zero.csv"
    zero.symlink_to("/dev/zero")
    binding = DatasetBinding(source="csv", path="zero.csv", options={"target": "y"})
    with pytest.raises(DataError) as info:
        load_table(binding, tmp_path)
    assert "(a link to /dev/zero) is a character device, not a regular file" in str(info.value)
    folder = DatasetBinding(source="npz", path=".")
    with pytest.raises(DataError, match="is a folder, not a regular file"):
        load_table(folder, tmp_path)


def test_memory_error_while_reading_becomes_one_line(tmp_path, monkeypatch):
    path = tmp_path / "ok.npz"
    np.savez(path, X=np.zeros((4, 2)), y=np.array([0, 1, 0, 1]))

    def no_memory(*_args, **_kwargs):
        raise MemoryError

    monkeypatch.setattr(np.lib.format, "read_array", no_memory)
    assert "array 'X' in ok.npz does not fit in this machine's free memory" == error_of(path)


def test_valid_archive_still_reads(tmp_path):
    path = tmp_path / "ok.npz"
    np.savez(path, X=np.ones((6, 3)), y=np.array([0, 1] * 3))
    headers = npz_check.inspect_npz(path)
    assert headers["X"].shape == (6, 3) and headers["X"].nbytes == 144
    assert read_npz(path).x.shape == (6, 3)


def test_memory_error_anywhere_in_loading_is_one_data_error(tmp_path, monkeypatch):
    from netbuilder.engine.data import datasets

    np.savez(tmp_path / "d.npz", X=np.zeros((30, 2)), y=np.arange(30) % 2)
    binding = DatasetBinding(source="npz", path="d.npz")

    def no_memory(*_args, **_kwargs):
        raise MemoryError

    monkeypatch.setattr(datasets, "read_npz", no_memory)
    with pytest.raises(DataError, match=r"^d\.npz does not fit in this machine's free memory$"):
        load_table(binding, tmp_path)
    monkeypatch.undo()
    monkeypatch.setattr(datasets, "split_indices", no_memory)
    with pytest.raises(DataError, match="the dataset d does not fit in this machine's free"):
        datasets.load_dataset(binding, tmp_path)
