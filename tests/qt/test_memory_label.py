"""The status bar shows the training memory estimate, the figure `netbuilder check` prints."""

from __future__ import annotations

import json
from pathlib import Path

from netbuilder.cli import main

DIGITS = Path(__file__).resolve().parents[2] / "resources" / "examples" / "digits_mlp.json"


def test_status_bar_shows_the_memory_check_prints(make_window, capsys) -> None:
    assert main(["check", str(DIGITS), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)["memory"]["summary"]
    window = make_window(None)
    assert window.open_example(DIGITS)
    assert window._memory_label.text() == f"memory {summary}"
    assert summary.startswith("~") and "for batch 64 (params 67 KiB)" in summary


def test_memory_follows_the_batch_size(make_window, qtbot) -> None:
    import dataclasses

    window = make_window(None)
    assert window.open_example(DIGITS)
    doc = window.document
    doc.set_training(dataclasses.replace(doc.project.training, batch_size=128))
    qtbot.waitUntil(lambda: "for batch 128" in window._memory_label.text())
