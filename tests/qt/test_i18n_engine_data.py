"""The data and training engine's words in Chinese: a real image folder's error, a training
setting's and a device's error, a checkpoint's and a project archive's problems, and the
run's end messages, shown through ``localized`` with the zh_CN catalogue installed, keep their
values (folders, file names, setting values) and lose their English."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from netbuilder.engine.data.errors import DataError
from netbuilder.engine.data.files import file_problem
from netbuilder.engine.data.images import ImageOptions, read_images
from netbuilder.engine.data.importers import read_npz
from netbuilder.engine.training.memory_errors import out_of_memory_message
from netbuilder.engine.training.setup import make_loss, resolve_device
from netbuilder.engine.training.telemetry import NonFinite
from netbuilder.io.container import check_member_name
from netbuilder.model import SettingsError
from netbuilder.model.errors import message_of
from netbuilder.qt.i18n import localized
from tests.qt.i18n_support import chinese

HAN = re.compile(r"[\u4e00-\u9fff]")
# English words that would mean a sentence (or a part of one) was left untranslated.
ENGLISH = re.compile(r"\b(holds|no|images|is|not|the|of|must|got|stopped|was|were|kept)\b")


def _chinese(text: str) -> bool:
    return bool(HAN.search(text)) and not ENGLISH.search(text)


def _image_folder(root: Path) -> Path:
    """A folder of class sub-folders whose ``dog`` class holds no image."""
    from PIL import Image

    (root / "cat").mkdir(parents=True)
    (root / "dog").mkdir()
    Image.new("RGB", (4, 4), (200, 10, 10)).save(root / "cat" / "a.png")
    (root / "dog" / "notes.txt").write_text("not an image", encoding="utf-8")
    return root


def test_an_empty_class_folder_in_chinese(qapp, tmp_path: Path) -> None:
    root = _image_folder(tmp_path / "pets")
    with pytest.raises(DataError) as info:
        read_images(root, ImageOptions())
    english = str(info.value)
    assert english.startswith(f"class folder {root / 'dog'} holds no images (.png, ")
    with chinese():
        shown = localized(info.value)
    assert shown == f"类别文件夹 {root / 'dog'} 中没有图像（.png, .jpg, .jpeg, .bmp, .gif）"
    assert localized(info.value) == english


def test_a_folder_without_classes_and_an_unreadable_image_in_chinese(qapp, tmp_path: Path) -> None:
    loose = tmp_path / "loose"
    loose.mkdir()
    (loose / "a.png").write_bytes(b"not a png")
    with pytest.raises(DataError) as flat:
        read_images(loose, ImageOptions())
    classes = tmp_path / "broken"
    (classes / "cat").mkdir(parents=True)
    (classes / "cat" / "a.png").write_bytes(b"not a png")
    (classes / "dog").mkdir()
    (classes / "dog" / "b.png").write_bytes(b"not a png either")
    with pytest.raises(DataError) as undecoded:
        read_images(classes, ImageOptions())
    with chinese():
        no_classes, none_decoded = localized(flat.value), localized(undecoded.value)
    assert no_classes.startswith(
        f"图像文件夹 {loose} 没有类别子文件夹（图像直接放在其中，共 1 张）"
    )
    assert _chinese(no_classes.replace(str(loose), ""))
    assert str(classes) in none_decoded and _chinese(none_decoded.replace(str(classes), ""))


def test_a_data_file_problem_keeps_its_nested_words(qapp, tmp_path: Path) -> None:
    """``file_problem`` nests the file's kind ("a folder") and what it was ("dataset file")."""
    folder = tmp_path / "data.csv"
    folder.mkdir()
    problem = file_problem(folder)
    assert problem == f"dataset file {folder} is a folder, not a regular file"
    missing = tmp_path / "gone.npz"
    with pytest.raises(DataError) as info:
        read_npz(missing)
    with chinese():
        shown, gone = localized(problem), localized(info.value)
    assert shown == f"数据集文件 {folder} 是一个文件夹，不是普通文件"
    assert gone == f"NPZ 文件不存在：{missing}"


def test_an_npz_member_problem_names_file_and_member_in_chinese(qapp, tmp_path: Path) -> None:
    path = tmp_path / "objects.npz"
    np.savez(path, x=np.zeros((3, 2)), y=np.array([{"a": 1}, 2, 3], dtype=object))
    with pytest.raises(DataError) as info:
        read_npz(path)
    assert str(info.value).startswith("objects.npz: member y.npy holds Python objects")
    with chinese():
        shown = localized(info.value)
    assert shown.startswith("objects.npz：成员 y.npy 含有 Python 对象")


def test_training_settings_and_device_errors_in_chinese(qapp) -> None:
    with pytest.raises(SettingsError) as device:
        resolve_device("tpu")
    with pytest.raises(SettingsError) as loss:
        make_loss("hinge")
    assert str(device.value) == "training.device 'tpu' is not auto, cpu, cuda or mps"
    assert device.value.field == "device"
    with chinese():
        shown, unknown = localized(device.value), localized(loss.value)
    assert shown == "training.device 'tpu' 不是 auto、cpu、cuda 或 mps"
    assert unknown == "未知的 training.loss 'hinge'"


def test_a_runs_end_messages_in_chinese(qapp) -> None:
    import torch

    stopped = NonFinite(step=12, epoch=2, node="conv_1", loss_finite=True)
    out = out_of_memory_message(MemoryError(), 256, 1_234_567, torch.device("cpu"))
    assert stopped.message().startswith(
        "Training stopped: the gradients became non-finite (NaN or infinity) at step 12 "
        "(epoch 2); the first layer affected was 'conv_1'. The last finite weights"
    )
    with chinese():
        nan, oom = localized(stopped.message()), localized(out)
    assert nan.startswith("训练已停止：第 12 步（第 2 轮）时梯度变为非有限值（NaN 或无穷大）")
    assert "最先受影响的层是 'conv_1'" in nan and _chinese(nan.replace("'conv_1'", ""))
    assert oom.startswith("训练已停止：cpu 内存不足（批大小 256，1,234,567 个参数")


def test_a_project_archives_member_reason_in_chinese(qapp) -> None:
    reason = check_member_name("../escape.json")
    assert reason == "climbs out of the archive (..)"
    with chinese():
        assert localized(message_of(SettingsError(reason))) == "跳出了归档（..）"
