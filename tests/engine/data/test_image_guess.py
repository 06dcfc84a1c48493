"""Image options guessed from the first images' headers (what the Data tab's dialog opens with)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from netbuilder.engine.data.image_guess import guess_image_options


def _save(path: Path, size: tuple[int, int], mode: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    width, height = size
    channels = {"L": (height, width), "RGB": (height, width, 3)}[mode]
    Image.fromarray(np.zeros(channels, dtype=np.uint8), mode=mode).save(path)


def test_small_grey_images_keep_their_size(tmp_path):
    for name in ("a", "b"):
        _save(tmp_path / name / "1.png", (20, 12), "L")
    assert guess_image_options(tmp_path) == {
        "size": [12, 20],
        "fit": "resize",
        "channels": "grey",
        "scale": True,
    }


def test_large_colour_images_of_mixed_shapes_are_centre_cropped_to_64(tmp_path):
    _save(tmp_path / "a" / "1.jpg", (640, 480), "RGB")
    _save(tmp_path / "a" / "2.jpg", (640, 480), "RGB")
    _save(tmp_path / "b" / "1.jpg", (300, 400), "RGB")
    guess = guess_image_options(tmp_path)
    assert guess["size"] == [48, 48] and guess["fit"] == "center-crop"
    assert guess["channels"] == "rgb"


def test_a_path_label_csv_is_sampled_and_unreadable_images_are_passed_over(tmp_path):
    _save(tmp_path / "img" / "x.png", (30, 30), "RGB")
    (tmp_path / "img" / "bad.png").write_bytes(b"nope")
    (tmp_path / "list.csv").write_text("path,label\nimg/bad.png,a\nimg/x.png,b\n")
    assert guess_image_options(tmp_path / "list.csv")["size"] == [30, 30]
    assert guess_image_options(tmp_path / "missing")["size"] == [32, 32]  # nothing to read
