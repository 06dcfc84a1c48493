"""The Data tab on data it must not read whole: an image folder above the memory budget
(described from its listing, only the previews' images decoded) and a generated table (written
at first use, in the task)."""

from __future__ import annotations

import threading

import pytest

from netbuilder.engine.data import csv_sets, datasets, image_stream
from netbuilder.model import DatasetBinding
from netbuilder.qt.data_sources import dataset_info_for
from tests.qt.data_panel_support import shown_data_panel, write_grey_folder

TIMEOUT = 20_000


@pytest.fixture
def panel(qtbot, tmp_path):
    return shown_data_panel(qtbot, tmp_path)


def test_a_folder_above_the_memory_budget_is_described_from_its_listing(
    panel, qtbot, tmp_path, monkeypatch
):
    folder = write_grey_folder(tmp_path / "photos", {"a": 50, "b": 50, "c": 50}, side=12)
    monkeypatch.setattr(datasets, "memory_budget", lambda _mb=0: 1000)  # 150 images: 86 KB
    decoded: list[int] = []
    real_decode = image_stream.decode_batch

    def counting(files, options):
        decoded.append(len(files))
        return real_decode(files, options)

    def refuse(*_args, **_kwargs):
        raise AssertionError("the whole folder was decoded")

    monkeypatch.setattr(image_stream, "decode_batch", counting)
    monkeypatch.setattr(datasets, "read_images", refuse)
    panel.ask_image_options = lambda path, options, standardize: (options, standardize)
    assert panel.import_folder(folder)
    task = panel.loading
    assert task is not None
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)
    info = panel.document.dataset_info
    assert info is not None and info.n_samples == 150 and info.class_counts == (50, 50, 50)
    # The Images grid's first 60 (all of a, ten of b) and eight of c: 68 of 150.
    assert sum(decoded) == 68
    summary = panel.summary.text()
    assert "150 images, 84.4 KiB as float32: read from disk in batches while training" in summary
    rows = panel.preview.classes.rows
    assert [label.text() for label, _ in rows] == [f"<b>{c}</b><br>50" for c in "abc"]
    assert all(len(thumbs) == 8 for _, thumbs in rows)
    assert panel.preview.grid.count() == 60


def test_a_generated_table_is_named_and_written_in_the_task(panel, qtbot, monkeypatch):
    threads: list[str] = []
    file_name, write = csv_sets.GENERATED_TABLES["reviews"]

    def recording(path, **kwargs):
        threads.append(threading.current_thread().name)
        write(path, rows=200)

    monkeypatch.setitem(csv_sets.GENERATED_TABLES, "reviews", (file_name, recording))
    binding = DatasetBinding(source="csv", name="reviews", options={"target": "label"})
    assert dataset_info_for(binding, None) == (None, None)  # nothing written at open
    assert threads == []
    panel.document.set_dataset(binding, None)
    assert panel.description.text() == "Generated table 'reviews' (written at first use)"
    assert panel.combo.currentText() == "reviews (csv)"
    task = panel.loading
    assert task is not None
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)
    assert threads and threads != [threading.main_thread().name]
    assert panel.document.dataset_info is not None
    assert panel.document.dataset_info.n_samples == 200
