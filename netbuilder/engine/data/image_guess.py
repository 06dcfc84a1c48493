"""Sensible image options for a folder, guessed from the headers of its first images.

Choosing a folder in the Data tab opens the image options with these filled in: reading a few
headers (Pillow opens a file without decoding its pixels) takes milliseconds, so it runs on the
GUI thread; decoding every image is left to the import's task.
"""

from __future__ import annotations

import csv
from collections import Counter
from itertools import islice
from pathlib import Path
from typing import Any

from netbuilder.engine.data.images import IMAGE_SUFFIXES

__all__ = ["GUESS_SAMPLES", "MAX_GUESSED_SIDE", "guess_image_options", "sample_files"]

GUESS_SAMPLES = 12  # headers read: a few per class
MAX_GUESSED_SIDE = 64  # larger images are proposed at 64 px (a first CNN on 2 cores)
GREY_MODES = ("1", "L", "LA", "I", "I;16", "I;16B", "I;16L", "F")


def sample_files(path: Path, limit: int = GUESS_SAMPLES) -> list[Path]:
    """Up to ``limit`` image files of a class-folder tree (spread over the classes) or of a
    ``path,label`` CSV; [] when there are none or the folder cannot be read."""
    try:
        if path.is_file() and path.suffix.lower() == ".csv":
            with path.open(newline="", encoding="utf-8-sig", errors="replace") as fh:
                rows = list(islice(csv.DictReader(fh), limit))  # not the whole file
            return [path.parent / row["path"] for row in rows if row.get("path")]
        classes = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
        per_class = max(1, limit // max(1, len(classes)))
        files: list[Path] = []
        for folder in classes:
            names = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
            files += names[:per_class]
        return files[:limit]
    except (OSError, csv.Error, KeyError):
        return []


def guess_image_options(path: Path) -> dict[str, Any]:
    """``{"size", "fit", "channels", "scale"}`` for the images under ``path``: their common size
    (at most 64 px a side, keeping the aspect ratio), centre-crop when their shapes differ,
    grey when every sampled image is grey."""
    from PIL import Image, UnidentifiedImageError  # here: the window imports this at start-up

    sizes: list[tuple[int, int]] = []
    modes: list[str] = []
    for file in sample_files(Path(path)):
        try:
            with Image.open(file) as img:
                sizes.append((img.height, img.width))
                modes.append(img.mode)
        except (OSError, UnidentifiedImageError, ValueError):
            continue
    if not sizes:
        return {"size": [32, 32], "fit": "resize", "channels": "rgb", "scale": True}
    (height, width), _ = Counter(sizes).most_common(1)[0]
    longest = max(height, width)
    if longest > MAX_GUESSED_SIDE:
        height = max(1, round(height * MAX_GUESSED_SIDE / longest))
        width = max(1, round(width * MAX_GUESSED_SIDE / longest))
    ratios = {round(h / w, 2) for h, w in sizes}
    fit = "center-crop" if len(ratios) > 1 else "resize"
    if fit == "center-crop":
        height = width = min(height, width)  # mixed shapes: a square crop of each
    grey = all(mode in GREY_MODES for mode in modes)
    return {
        "size": [height, width],
        "fit": fit,
        "channels": "grey" if grey else "rgb",
        "scale": True,
    }
