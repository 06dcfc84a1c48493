"""Opening hostile files in the window (issue 12, acceptance): File > Open's own function on every
case of the fuzz corpus. The window stays up, says what is wrong in one line (a message box, the
Issues list or the Data panel), never raises from a slot (pytest-qt fails the test if one does),
and stays under 2 GB. The default run opens the 10-case sample; ``-m slow`` opens all 160."""

from __future__ import annotations

import os
import resource
from pathlib import Path

import pytest

from tests.fuzz.corpus import SAMPLE, Case, shared_corpus

GB = 10**9


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return shared_corpus(lambda: tmp_path_factory.mktemp("hostile"))


def open_each(window, qtbot, folder: Path, cases: list[Case]) -> dict[str, list[str]]:
    """Open every case as File > Open does; what the window told the user about each."""
    told: dict[str, list[str]] = {}
    shown: list[str] = []
    window.show_error = lambda _title, message: shown.append(message)
    panel = window.data_panel
    for case in cases:
        shown.clear()
        window.open_path(folder / case.file, ask=False)
        qtbot.waitUntil(lambda: panel.loading is None, timeout=20_000)
        said = [*shown, *window.load_warnings]
        if panel.error.isVisible():
            said.append(panel.error.text())
        told[case.name] = said
    return told


def check_told(told: dict[str, list[str]]) -> None:
    bad = {
        name: said
        for name, said in told.items()
        if any("Traceback" in m or "\n" in m.strip() or "allow_pickle" in m for m in said)
    }
    assert bad == {}
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 < 2 * GB


def test_a_sample_of_hostile_files_opens_with_one_line_each(make_window, qtbot, corpus):
    folder, cases = corpus
    window = make_window()
    told = open_each(window, qtbot, folder, [c for c in cases if c.name in SAMPLE])
    check_told(told)
    assert any("1.5 TiB" in m for m in told["npz_huge_shape"])
    assert any("is a FIFO (named pipe)" in m for m in told["special_data_fifo_npz"])
    assert any("(a link to /dev/zero)" in m for m in told["special_data_dev_zero_npz"])
    assert any("NaN is not allowed" in m for m in told["project_nan_lr"])
    assert window.isVisible()


@pytest.mark.slow
def test_every_hostile_file_opens_with_one_line_each(make_window, qtbot, corpus):
    folder, cases = corpus
    window = make_window()
    told = open_each(window, qtbot, folder, cases)
    check_told(told)
    assert len(told) == len(cases) >= 100
    assert window.isVisible()


def test_a_fifo_picked_as_csv_is_named_without_blocking(make_window, tmp_path):
    fifo = tmp_path / "stream.csv"
    os.mkfifo(fifo)  # opening it to read the header would block the window for good
    window = make_window()
    assert window.data_panel.import_file("csv", fifo) is False
    assert "is a FIFO (named pipe), not a regular file" in window.data_panel.error.text()
