"""Hostile .nbproj archives made from a project trained for real: truncations, bit flips, damaged
members (project, history, checkpoint metadata, weights and checkpoint safetensors headers, the
sample order) and archive tricks (a bomb, too many members, a duplicate, a climbing name)."""

from __future__ import annotations

import contextlib
import io
import json
import random
import struct
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from tests.fuzz.base import Case, base_project, flip


def _trained(folder: Path) -> dict[str, bytes]:
    """A project trained one epoch, with a checkpoint from the middle of a second: its members."""
    from netbuilder.cli import main

    source = folder / "base.json"
    source.write_text(json.dumps(base_project()))
    out = folder / "trained.nbproj"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = main(["train", str(source), "--epochs", "1", "--out", str(out)])
    assert code == 0, "the base project trains"
    # A checkpoint from the middle of an epoch, so it holds the sample order (data/perm).
    from netbuilder.engine.training.session import prepare
    from netbuilder.io import load_project, save_project

    loaded = load_project(out)
    run = prepare(loaded, epochs=2, threads=1)
    run.trainer.run(max_steps=5)
    data, meta = run.trainer.checkpoint()
    save_project(out, loaded.project, weights=loaded.weights, history=loaded.history,
                 checkpoint=data, checkpoint_meta=meta)  # fmt: skip
    with zipfile.ZipFile(out) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def archive_cases(folder: Path, rng: random.Random) -> list[Case]:
    members = _trained(folder)
    good = (folder / "trained.nbproj").read_bytes()
    cases: list[Case] = [Case("nbproj_valid", "trained.nbproj", resume=True)]

    def add(name: str, data: bytes, resume: bool = False) -> None:
        (folder / f"a_{name}.nbproj").write_bytes(data)
        cases.append(Case(f"nbproj_{name}", f"a_{name}.nbproj", resume))

    def replaced(member: str, data: bytes, *, drop: str | None = None) -> bytes:
        new = {k: (data if k == member else v) for k, v in members.items() if k != drop}
        buf = io.BytesIO()
        _zip_into(buf, new)
        return buf.getvalue()

    for i, frac in enumerate((0.05, 0.2, 0.4, 0.6, 0.8, 0.9, 0.97, 0.995)):
        add(f"truncated_{i}", good[: int(len(good) * frac)])
    for i in range(16):
        add(f"bitflip_{i}", flip(good, rng), resume=True)

    project = members["project.json"].decode()
    for name, text in {
        "project_bad_json": project[:-40],
        "project_nan": project.replace('"lr": 0.01', '"lr": NaN'),
        "project_list": "[1, 2, 3]",
        "project_empty": "",
    }.items():
        add(name, replaced("project.json", text.encode()))
    for name, text in {
        "history_truncated": members["history.json"].decode()[:30],
        "history_nan": json.dumps({"runs": [{"epochs": [{"train_loss": float("nan")}]}]}),
        "history_number": "5",
        "history_strings": json.dumps(["a", "b", None, {"x": "y"}]),
        "history_deep": "[" * 50_000 + "]" * 50_000,
    }.items():
        add(name, replaced("history.json", text.encode()))

    meta = json.loads(members["checkpoint.json"])
    meta_edits: dict[str, Callable[[dict[str, Any]], Any]] = {
        "epoch_negative": lambda m: m.__setitem__("epoch", -1000),
        "epoch_string": lambda m: m.__setitem__("epoch", "3"),
        "history_numbers": lambda m: m.__setitem__("history", [1, 2, 3]),
        "history_dict": lambda m: m.__setitem__("history", {"a": 1}),
        "batch_huge": lambda m: m.__setitem__("batch", 10**9),
        "step_negative": lambda m: m.__setitem__("step", -1),
        "n_train_zero": lambda m: m.__setitem__("n_train", 0),
        "has_best_string": lambda m: m.__setitem__("has_best", "yes"),
        "optimizer_list": lambda m: m.__setitem__("optimizer", []),
        "best_val_text": lambda m: m.__setitem__("best_val", "x"),
        "format_other": lambda m: m.__setitem__("format", "other"),
        "no_epoch": lambda m: m.pop("epoch"),
        "settings_number": lambda m: m.__setitem__("settings", 5),
        "optimizer_missing_tensor": lambda m: m.__setitem__(
            "optimizer", {"state": {"0": {"exp_avg": {"__tensor__": "optim/999"}}}}
        ),
    }
    for name, edit in meta_edits.items():
        changed = json.loads(json.dumps(meta))
        edit(changed)
        add(f"checkpoint_{name}", replaced("checkpoint.json", json.dumps(changed).encode()), True)
    text = members["checkpoint.json"].decode()
    add(
        "checkpoint_epoch_1e999",
        replaced("checkpoint.json", _set_number(text, "epoch", "1e999")),
        True,
    )
    add(
        "checkpoint_loss_nan",
        replaced("checkpoint.json", _set_number(text, "epoch_loss_sum", "NaN")),
        True,
    )
    add("checkpoint_json_truncated", replaced("checkpoint.json", text[:50].encode()), True)
    add(
        "checkpoint_incomplete",
        replaced("weights.safetensors", members["weights.safetensors"], drop="checkpoint.json"),
        True,
    )

    for member, short in (("weights.safetensors", "weights"), ("checkpoint.safetensors", "ckpt")):
        for name, data in _safetensors_mutations(members[member], rng).items():
            add(f"{short}_{name}", replaced(member, data), resume=short == "ckpt")

    big = b"{" + b" " * 8_000_000 + b"}"  # 1000:1, like a zip bomb
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("project.json", big)
    add("bomb_member", buf.getvalue())
    add("many_members", replaced("project.json", members["project.json"]) and _many(members))
    add("duplicate_member", _dup(members))
    add("climbing_member", _with_extra(members, "../evil.json", b"{}"))
    add("encrypted_flag", _encrypted(good))
    return cases


def _set_number(text: str, key: str, value: str) -> bytes:
    meta = json.loads(text)
    meta[key] = "@@"
    return json.dumps(meta).replace('"@@"', value).encode()


def _zip_into(buf: io.BytesIO, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def _many(members: dict[str, bytes]) -> bytes:
    return _with_extra(members, *[(f"x{i}.txt", b"x") for i in range(60)])


def _with_extra(members: dict[str, bytes], *extra: Any) -> bytes:
    pairs = [extra] if isinstance(extra[0], str) else list(extra)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in [*members.items(), *pairs]:
            zf.writestr(name, data)
    return buf.getvalue()


def _dup(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w") as zf:
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate, then writes it
        for name, data in members.items():
            zf.writestr(name, data)
        zf.writestr("project.json", b"{}")
    return buf.getvalue()


def _encrypted(good: bytes) -> bytes:
    data = bytearray(good)
    at = data.find(b"PK\x01\x02")  # the first central directory entry: set "encrypted"
    data[at + 8] |= 0x1
    return bytes(data)


def _split(blob: bytes) -> tuple[dict[str, Any], bytes]:
    (n,) = struct.unpack("<Q", blob[:8])
    return json.loads(blob[8 : 8 + n]), blob[8 + n :]


def _join(header: dict[str, Any], data: bytes) -> bytes:
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + data


def _safetensors_mutations(blob: bytes, rng: random.Random) -> dict[str, bytes]:
    header, data = _split(blob)
    first = next(k for k in header if k != "__metadata__")

    def edit(change: Callable[[dict[str, Any]], Any]) -> bytes:
        h = json.loads(json.dumps(header))
        change(h)
        return _join(h, data)

    out = {
        "header_2_63": struct.pack("<Q", 2**63) + blob[8:],
        "offsets_past_end": edit(lambda h: h[first].__setitem__("data_offsets", [0, 10**12])),
        "elements_1e18": edit(lambda h: h[first].__setitem__("shape", [10**9, 10**9])),
        "bad_dtype": edit(lambda h: h[first].__setitem__("dtype", "OBJ")),
        "shape_strings": edit(lambda h: h[first].__setitem__("shape", ["1"])),
        "header_not_json": struct.pack("<Q", 4) + b"{{{{" + data,
        "truncated": blob[: len(blob) // 2],
        "random": rng.randbytes(256),
        "empty": b"",
        "header_list": _join([], data),  # type: ignore[arg-type]
    }
    if "data/perm" in header:
        entry = header["data/perm"]
        n = entry["shape"][0]
        begin = entry["data_offsets"][0]
        perm_floats = bytearray(blob)
        start = len(blob) - len(data) + begin
        perm_floats[start : start + 8 * n] = np.arange(n, dtype="<f8").tobytes()
        out["perm_floats_as_ints"] = bytes(perm_floats)
        repeated = bytearray(blob)
        repeated[start : start + 8 * n] = np.zeros(n, dtype="<i8").tobytes()
        out["perm_repeated"] = bytes(repeated)
        out["perm_f64"] = edit(lambda h: h["data/perm"].__setitem__("dtype", "F64"))
    return out
