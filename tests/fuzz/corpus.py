"""A deterministic corpus of hostile files (issue 12, acceptance): damaged, truncated, bit-flipped
and oversized projects, weights, checkpoints and datasets, FIFOs and links to /dev/zero.

``build_corpus(folder)`` writes every case into ``folder`` (no binary files are kept in the
repository) and returns them; the same seed gives the same bytes. Each case is one file given
to ``netbuilder check``, ``netbuilder train --epochs 1`` (``--resume`` where the checkpoint is
what was damaged) and the window's Open.
"""

from __future__ import annotations

import io
import json
import os
import random
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from tests.fuzz.archives import archive_cases
from tests.fuzz.base import SEED, Case, base_project, csv_binding, flip, npz_binding


def build_corpus(folder: Path) -> list[Case]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    cases: list[Case] = []
    cases += _project_cases(folder)
    cases += _npz_cases(folder, rng)
    cases += _csv_cases(folder, rng)
    cases += archive_cases(folder, rng)
    cases += _special_cases(folder)
    names = [c.name for c in cases]
    assert len(names) == len(set(names)), "case names are unique"
    return cases


# --- bare project documents ------------------------------------------------------------------


def _project_cases(folder: Path) -> list[Case]:
    _valid_npz(folder / "data.npz")
    good = json.dumps(base_project())
    edits: dict[str, bytes | Callable[[dict[str, Any]], Any]] = {
        "empty": b"",
        "not_utf8": b"\xff\xfe\x00garbage\x81",
        "truncated": good[: len(good) // 2].encode(),
        "deep_nesting": b"[" * 100_000 + b"]" * 100_000,
        "nan_lr": good.replace('"lr": 0.01', '"lr": NaN').encode(),
        "inf_lr": good.replace('"lr": 0.01', '"lr": 1e999').encode(),
        "huge_int": good.replace('"seed": 0', '"seed": ' + "9" * 5000).encode(),
        "duplicate_key": good.replace('"name": "fuzz base"', '"name": "a", "name": "b"').encode(),
        "bom_only": b"\xef\xbb\xbf",
        "negative_epochs": lambda d: d["training"].__setitem__("epochs", -5),
        "huge_epochs": lambda d: d["training"].__setitem__("epochs", 10**30),
        "bool_batch": lambda d: d["training"].__setitem__("batch_size", True),
        "graph_string": lambda d: d.__setitem__("graph", "x"),
        "unknown_layer": lambda d: d["graph"]["nodes"][2].__setitem__("type", "Evil"),
        "edge_to_nowhere": lambda d: d["graph"]["edges"][0].__setitem__("dst", "ghost"),
        "cycle": lambda d: d["graph"]["edges"].append(
            {"src": "linear_2", "dst": "linear_1", "port": 0}
        ),
        "newer_major": lambda d: d.__setitem__("format_version", "99.0"),
        "params_list": lambda d: d["graph"]["nodes"][1].__setitem__("params", [1, 2]),
        "out_features_negative": lambda d: d["graph"]["nodes"][1]["params"].__setitem__(
            "out_features", -3
        ),
        "bad_val_fraction": lambda d: d["dataset"].__setitem__("val_fraction", 1.5),
        "options_not_dict": lambda d: d["dataset"].__setitem__("options", [1]),
        "unknown_option": lambda d: d["dataset"]["options"].__setitem__("pickle", True),
        "dataset_dev_zero_path": lambda d: d["dataset"].__setitem__("path", "/dev/zero"),
        "dataset_missing": lambda d: d["dataset"].__setitem__("path", "nowhere.npz"),
        "lone_surrogate": lambda d: d.__setitem__("name", "\ud800"),
        "big_name": lambda d: d.__setitem__("notes", "x" * 2_000_000),
    }
    cases = []
    for name, edit in edits.items():
        if isinstance(edit, bytes):
            raw = edit
        else:
            doc = base_project()
            edit(doc)
            raw = json.dumps(doc).encode("utf-8", "surrogatepass")
        (folder / f"p_{name}.json").write_bytes(raw)
        cases.append(Case(f"project_{name}", f"p_{name}.json"))
    return cases


# --- datasets --------------------------------------------------------------------------------


def _valid_arrays(n: int = 60) -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.default_rng(SEED)
    return gen.normal(size=(n, 4)), np.arange(n) % 3


def _valid_npz(path: Path) -> bytes:
    x, y = _valid_arrays()
    np.savez(path, X=x, y=y)
    return path.read_bytes()


def npy_bytes(shape: tuple[int, ...], descr: str = "<f8", data: bytes = b"\0" * 64) -> bytes:
    buf = io.BytesIO()
    header = {"descr": descr, "fortran_order": False, "shape": shape}
    np.lib.format.write_array_header_1_0(buf, header)
    return buf.getvalue() + data


def _zip(path: Path, members: dict[str, bytes], deflate: bool = False) -> None:
    mode = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    with zipfile.ZipFile(path, "w", mode) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def _npz_cases(folder: Path, rng: random.Random) -> list[Case]:
    good = _valid_npz(folder / "good.npz")
    x, y = _valid_arrays()

    def arrays(**kw: Any) -> Callable[[Path], None]:
        return lambda p: np.savez(p, **kw)

    def raw(data: bytes) -> Callable[[Path], None]:
        return lambda p: p.write_bytes(data)

    y_npy = npy_bytes((60,), "<i8", b"\0" * 480)
    makers: dict[str, Callable[[Path], None]] = {
        "huge_shape": lambda p: _zip(p, {"X.npy": npy_bytes((10**11, 2)), "y.npy": y_npy}),
        "short_data": lambda p: _zip(p, {"X.npy": npy_bytes((60, 4)), "y.npy": y_npy}),
        "bomb": lambda p: _zip(
            p, {"X.npy": npy_bytes((250_000, 4), data=b"\0" * 8_000_000), "y.npy": y_npy}, True
        ),
        "bad_header": lambda p: _zip(
            p, {"X.npy": b"\x93NUMPY\x01\x00\xff\x00{'descr", "y.npy": y_npy}
        ),
        "negative_shape": lambda p: _zip(p, {"X.npy": npy_bytes((-1, 4)), "y.npy": y_npy}),
        "npy_version_9": lambda p: _zip(
            p, {"X.npy": b"\x93NUMPY\x09\x00" + b"\0" * 40, "y.npy": y_npy}
        ),
        "not_npy_member": lambda p: _zip(p, {"X": b"1,2,3", "y.npy": y_npy}),
        "many_members": lambda p: _zip(p, {f"m{i}.npy": y_npy for i in range(100)}),
        "random": raw(rng.randbytes(4096)),
        "empty": raw(b""),
        "single_npy": lambda p: p.write_bytes(_npy_file(x)),
        "objects": arrays(X=np.array([{"a": 1}] * 60, dtype=object), y=y),
        "nan": arrays(X=np.where(x > 1, np.nan, x), y=y),
        "inf": arrays(X=np.where(x > 1, np.inf, x), y=y),
        "length_mismatch": arrays(X=x, y=y[:10]),
        "five_d": arrays(X=np.zeros((60, 1, 1, 1, 1, 2)), y=y),
        "complex": arrays(X=x.astype(np.complex64), y=y),
        "no_y": arrays(X=x),
        "no_samples": arrays(X=np.zeros((0, 4)), y=np.zeros(0)),
        "zero_features": arrays(X=np.zeros((60, 0)), y=y),
        "nan_targets": arrays(X=x, y=np.where(y > 1, np.nan, y)),
        "one_class": arrays(X=x, y=np.zeros(60)),
        "scalar_x": arrays(X=np.float64(3), y=y),
    }
    for i, cut in enumerate((10, len(good) // 3, len(good) - 30)):
        makers[f"truncated_{i}"] = raw(good[:cut])
    for i in range(6):
        makers[f"bitflip_{i}"] = raw(flip(good, rng))
    cases = []
    for name, make in makers.items():
        make(folder / f"n_{name}.npz")
        cases.append(_data_case(folder, f"npz_{name}", npz_binding(f"n_{name}.npz")))
    return cases


def _npy_file(a: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, a)
    return buf.getvalue()


def _csv_cases(folder: Path, rng: random.Random) -> list[Case]:
    x, y = _valid_arrays()
    rows = ["a,b,c,d,label"] + [
        ",".join(f"{v:.3f}" for v in r) + f",{t}" for r, t in zip(x, y, strict=True)
    ]
    good = "\n".join(rows) + "\n"
    texts: dict[str, bytes] = {
        "empty": b"",
        "random": rng.randbytes(4096),
        "header_only": b"a,b,c,d,label\n",
        "ragged": (good + "1,2\n").encode(),
        "nan": good.replace(rows[5], "nan,nan,1,2,0").encode(),
        "inf": good.replace(rows[5], "1e999,1,1,2,0").encode(),
        "one_long_line": b"a,label\n" + b"9" * 5_000_000 + b",1\n",
        "not_utf8": good.encode() + b"\xff\xfe,1\n",
        "nul_bytes": good.replace(rows[3], "1,\x00,2,3,1").encode(),
        "id_column": ("id,label\n" + "".join(f"x{i},{i % 2}\n" for i in range(3000))).encode(),
        "no_label_column": good.replace("label", "other").encode(),
        "one_class": ("a,label\n" + "".join(f"{i},0\n" for i in range(40))).encode(),
        "quotes": b'a,label\n"1,2\n' * 50,
    }
    cases = []
    for name, data in texts.items():
        (folder / f"c_{name}.csv").write_bytes(data)
        cases.append(_data_case(folder, f"csv_{name}", csv_binding(f"c_{name}.csv")))
    (folder / "c_good.csv").write_text(good)
    cases.append(_data_case(folder, "csv_target_index_huge", csv_binding("c_good.csv", 10**9)))
    return cases


def _data_case(folder: Path, name: str, binding: dict[str, Any]) -> Case:
    (folder / f"{name}.json").write_text(json.dumps(base_project(binding)))
    return Case(name, f"{name}.json")


# --- not regular files -----------------------------------------------------------------------


def _special_cases(folder: Path) -> list[Case]:
    special = folder / "special"
    special.mkdir(exist_ok=True)
    os.mkfifo(special / "fifo.nbproj")
    (special / "zero.nbproj").symlink_to("/dev/zero")
    (special / "folder.nbproj").mkdir()
    (special / "empty.nbproj").write_bytes(b"")
    (special / "dangling.json").symlink_to(special / "nowhere.json")
    (special / "data.npz").write_bytes((folder / "good.npz").read_bytes())
    os.mkfifo(special / "fifo.npz")
    os.mkfifo(special / "fifo.csv")
    (special / "zero.npz").symlink_to("/dev/zero")
    (special / "data_folder.npz").mkdir()
    cases = [
        Case("special_fifo_project", "special/fifo.nbproj"),
        Case("special_dev_zero_project", "special/zero.nbproj"),
        Case("special_folder_project", "special/folder.nbproj"),
        Case("special_empty_project", "special/empty.nbproj"),
        Case("special_dangling_link", "special/dangling.json"),
        Case("special_missing", "special/missing.nbproj"),
        Case("special_npz_as_project", "special/data.npz"),
    ]
    for name, binding in (
        ("fifo_npz", npz_binding("fifo.npz")),
        ("fifo_csv", csv_binding("fifo.csv")),
        ("dev_zero_npz", npz_binding("zero.npz")),
        ("folder_npz", npz_binding("data_folder.npz")),
    ):
        (special / f"{name}.json").write_text(json.dumps(base_project(binding)))
        cases.append(Case(f"special_data_{name}", f"special/{name}.json"))
    return cases


# --- one corpus per test process -------------------------------------------------------------

#: Ten cases for the default run: one of each kind of damage, cheap to run.
SAMPLE = (
    "npz_huge_shape",
    "npz_bomb",
    "npz_random",
    "special_data_fifo_npz",
    "special_data_dev_zero_npz",
    "nbproj_weights_header_2_63",
    "nbproj_checkpoint_epoch_negative",
    "nbproj_ckpt_perm_floats_as_ints",
    "nbproj_bitflip_3",
    "project_nan_lr",
)

_BUILT: dict[str, tuple[Path, list[Case]]] = {}


def shared_corpus(make_folder: Callable[[], Path]) -> tuple[Path, list[Case]]:
    """The corpus, built once per test process (the CLI and the window tests share it)."""
    if "corpus" not in _BUILT:
        folder = make_folder()
        _BUILT["corpus"] = (folder, build_corpus(folder))
    return _BUILT["corpus"]
