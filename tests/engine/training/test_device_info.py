"""``describe_device`` names what an ``auto`` run trains on (Help > About, the status bar)."""

from __future__ import annotations

import torch

from netbuilder.engine.training.setup import DeviceInfo, describe_device, resolve_device


def test_describe_device_follows_resolve_device() -> None:
    info = describe_device()
    assert info.kind == resolve_device("auto").type
    assert info.torch_version == torch.__version__
    assert info.threads >= 1
    if info.kind == "cpu":
        assert info.text == f"CPU: {info.threads} thread{'s' if info.threads > 1 else ''}"


def test_each_kind_reads_as_words() -> None:
    gpu = DeviceInfo("cuda", "NVIDIA H200", 150_000_000_000, 1, "2.13.0")
    assert gpu.text == "CUDA: NVIDIA H200 (139.7 GiB)"
    assert DeviceInfo("mps", "Apple GPU", None, 8, "2.13.0").text == "MPS: Apple GPU"
    assert DeviceInfo("cpu", "CPU", None, 1, "2.13.0").text == "CPU: 1 thread"
