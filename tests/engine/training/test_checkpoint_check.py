"""A damaged checkpoint or weights blob is refused with one line naming member and field
(issue 12, item 10), from the header and the metadata, before torch allocates anything."""

from __future__ import annotations

import json
import struct

import pytest
import safetensors.torch
import torch

from netbuilder.engine.training.checkpoint import CheckpointError, load_weights
from netbuilder.engine.training.checkpoint_check import check_checkpoint, check_weights
from netbuilder.engine.training.safetensors_header import read_safetensors_header
from tests.engine.training.test_checkpoint import Net, make


@pytest.fixture(scope="module")
def saved():
    trainer = make()
    trainer.run(max_steps=13)  # mid-epoch: batch 4 of epoch 2, with a sample order
    data, meta = trainer.checkpoint()
    return data, json.loads(json.dumps(meta))


def blob(header: dict, data: bytes = b"") -> bytes:
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + data


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"\x00" * 4, "4 bytes, shorter than the 8-byte header length"),
        (struct.pack("<Q", 2**63) + b"{}", "the header declares 9223372036854775808 bytes"),
        (struct.pack("<Q", 3) + b"{x}", "the header is not valid JSON"),
        (blob([1]), "the header is not a JSON object"),
        (blob({"a": {"dtype": "Q7", "shape": [1], "data_offsets": [0, 4]}}, b"\0" * 4),
         "tensor 'a' has dtype 'Q7', not a known safetensors dtype"),
        (blob({"a": {"dtype": "F32", "shape": [1.5], "data_offsets": [0, 4]}}, b"\0" * 4),
         "tensor 'a' has shape [1.5], not a list of sizes"),
        (blob({"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 400]}}, b"\0" * 4),
         "tensor 'a' lies at bytes 0-400, outside the 4 bytes of data"),
        (blob({"a": {"dtype": "F32", "shape": [10**18], "data_offsets": [0, 4]}}, b"\0" * 4),
         "declares shape [1000000000000000000] F32 (1,000,000,000,000,000,000 elements) but 4"),
        (blob({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
               "b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}, b"\0" * 8),
         "tensors 'a' and 'b' overlap"),
        (blob({"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}, b"\0" * 8),
         "data bytes 4-8 belong to no tensor"),
        (blob({"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]},
               "__metadata__": {"k": 1}}, b"\0" * 4), "__metadata__ must map names to strings"),
    ],
)  # fmt: skip
def test_damaged_weights_headers_are_named(raw, expected):
    with pytest.raises(CheckpointError) as info:
        check_weights(raw)
    assert str(info.value).startswith("weights.safetensors: damaged: ")
    assert expected in str(info.value)
    with pytest.raises(CheckpointError, match=r"weights\.safetensors: damaged"):
        load_weights(Net(), raw)  # the loader refuses it before safetensors reads it


def test_real_files_pass_the_header_check():
    data = safetensors.torch.save({"w": torch.ones(3, 2), "i": torch.arange(4)}, metadata={})
    header = read_safetensors_header(data, "weights.safetensors")
    assert header.tensors["w"].shape == (3, 2) and header.tensors["i"].dtype == "I64"


def resume_error(saved, change=None, tensors=None, epochs=6) -> str:
    data, meta = saved
    meta = json.loads(json.dumps(meta))
    if change:
        change(meta)
    with pytest.raises(CheckpointError) as info:
        check_checkpoint(tensors or data, meta, epochs=epochs)
    message = str(info.value)
    assert "\n" not in message
    return message


def setter(key, value):
    return lambda meta: meta.__setitem__(key, value)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (setter("epoch", -1000), "checkpoint.json: epoch: -1000 is not a valid epoch (0 to 6)"),
        (setter("epoch", float("inf")), "checkpoint.json: epoch: inf is not a valid epoch"),
        (setter("epoch", 7), "checkpoint.json: epoch: 7 is not a valid epoch (0 to 6)"),
        (setter("epoch", True), "checkpoint.json: epoch: True is not a valid epoch"),
        (setter("history", [1, 2, 3]), "checkpoint.json: history: 3 epoch records for 1 epochs"),
        (setter("history", [1]), "checkpoint.json: history[0]: 1 is not an epoch record"),
        (setter("history", {"a": 1}), "checkpoint.json: history: {'a': 1} is not a list"),
        (setter("history", [{"epoch": 1}]), "history[0]: the key 'train_loss' is missing"),
        (setter("history", [{"epoch": 1, "train_loss": "x"}]),
         "history[0].train_loss: 'x' is not a number"),
        (setter("batch", 99), "checkpoint.json: batch: 99 is not a valid batch (0 to 9)"),
        (setter("n_train", "100"), "checkpoint.json: n_train: '100' is not a valid n train"),
        (setter("epoch_loss_sum", None), "epoch_loss_sum: None is not a finite number"),
        (setter("has_best", 1), "checkpoint.json: has_best: 1 is not true or false"),
        (setter("format", "x"), "checkpoint.json: format: this is not a netbuilder training"),
        (setter("optimizer", {"state": {"__tensor__": "nope"}}),
         "checkpoint.json: optimizer: refers to tensor 'nope', which the checkpoint lacks"),
        (setter("n_train", 99), "data/perm is I64 [100]; the order of 99 training samples"),
    ],
)  # fmt: skip
def test_damaged_metadata_is_named(saved, change, expected):
    assert expected in resume_error(saved, change)


def test_a_checkpoint_past_this_runs_epochs_is_refused(saved):
    message = resume_error(saved, epochs=0)
    assert "the checkpoint has 1 epochs done, more than the 0 of this run" in message


def test_the_sample_order_must_be_a_permutation(saved):
    data, _meta = saved
    tensors = safetensors.torch.load(data)
    for bad in (torch.zeros(100, dtype=torch.int64), torch.arange(100) + 1):
        damaged = safetensors.torch.save({**tensors, "data/perm": bad})
        message = resume_error(saved, tensors=damaged)
        assert "data/perm is not an order of the 100 training samples" in message
    floats = safetensors.torch.save({**tensors, "data/perm": torch.arange(100.0)})
    assert "data/perm is F32 [100]" in resume_error(saved, tensors=floats)
    short = safetensors.torch.save({**tensors, "data/perm": torch.arange(50)})
    assert "data/perm is I64 [50]" in resume_error(saved, tensors=short)


def test_a_sound_checkpoint_passes_and_resumes(saved):
    data, meta = saved
    check_checkpoint(data, meta, epochs=6)
    trainer = make()
    trainer.load_checkpoint(data, meta)
    assert (trainer.state.epoch, trainer.state.batch, trainer.state.step) == (1, 4, 13)


def _raw_safetensors(header: dict, data: bytes = b"") -> bytes:
    import json
    import struct

    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + data


def test_a_header_declaring_huge_shapes_is_one_line_not_a_traceback():
    """Sizes multiplying past Python's digit limit (and hundreds of dimensions) must neither be
    formatted nor slow the check down."""
    from netbuilder.engine.training.safetensors_header import (
        SafetensorsError,
        read_safetensors_header,
    )

    huge = {"w": {"dtype": "F32", "shape": [2**60] * 300, "data_offsets": [0, 4]}}
    with pytest.raises(SafetensorsError, match="dimensions"):
        read_safetensors_header(_raw_safetensors(huge, b"\0" * 4), "weights.safetensors")
    big = {"w": {"dtype": "F32", "shape": [2**60] * 30, "data_offsets": [0, 4]}}
    with pytest.raises(SafetensorsError, match=r"over 10\^24 elements") as info:
        read_safetensors_header(_raw_safetensors(big, b"\0" * 4), "weights.safetensors")
    assert len(str(info.value)) < 400


def test_an_npy_header_declaring_a_shape_past_any_float_is_refused_with_one_line(tmp_path):
    import zipfile

    from netbuilder.engine.data.errors import DataError
    from netbuilder.engine.data.npz_check import inspect_npz

    header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + "9" * 400 + ", 2), }"
    header += " " * (63 - (len(header) + 10) % 64) + "\n"
    npy = b"\x93NUMPY\x01\x00" + len(header).to_bytes(2, "little") + header.encode()
    path = tmp_path / "huge.npz"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("x.npy", npy)
    with pytest.raises(DataError) as info:
        inspect_npz(path)
    message = str(info.value)
    assert "x.npy" in message and "datasets are at most" in message and len(message) < 400
