"""What the Data tab's image tests share: a folder of grey class images, and a shown DataPanel on
a document with a connected Input and Output."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from netbuilder.model import Project
from netbuilder.qt.data_panel import DataPanel
from netbuilder.qt.document import Document


def write_grey_folder(root: Path, counts: dict[str, int], side: int = 10) -> Path:
    """``root/<class>/<class>_<i>.png``, ``counts[class]`` random grey ``side``-pixel images."""
    rng = np.random.default_rng(0)
    for name, n in counts.items():
        (root / name).mkdir(parents=True)
        for i in range(n):
            pixels = rng.integers(0, 255, size=(side, side), dtype=np.uint8)
            Image.fromarray(pixels, mode="L").save(root / name / f"{name}_{i:03d}.png")
    return root


def shown_data_panel(qtbot, base_dir: Path) -> DataPanel:  # type: ignore[no-untyped-def]
    doc = Document.from_project(Project())
    doc.connect(doc.add_node("Input", (0.0, 0.0)), doc.add_node("Output", (200.0, 0.0)))
    doc.undo_stack.setClean()
    doc.base_dir = base_dir
    widget = DataPanel()
    widget.set_document(doc)
    qtbot.addWidget(widget)
    widget.resize(520, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
