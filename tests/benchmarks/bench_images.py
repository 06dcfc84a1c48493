"""Image-folder import benchmark.

Run: python tests/benchmarks/bench_images.py
Prints, best of 3:

- ``decode_images_per_s``: 10,002 generated 28x28 grey PNGs (the shapes generator) into float32
  [N, 1, 28, 28], with the default thread count;
- ``decode_rgb_center_crop_images_per_s``: the same files as 3 channels with the centre crop;
- ``decode_photos_per_s_1_thread`` / ``decode_photos_per_s_threads`` / ``decode_threads``:
  1,000 photo-sized JPEGs (400x300) centre-cropped to 64x64 RGB, on one thread and on the
  default number of decoding threads (Pillow decodes without the GIL).
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from netbuilder.engine.data import images
from netbuilder.engine.data.image_sets import write_shapes
from netbuilder.engine.data.images import ImageOptions, read_images


def best_rate(folder: Path, options: ImageOptions, repeats: int = 3) -> float:
    best = 0.0
    for _ in range(repeats):
        start = time.perf_counter()
        table = read_images(folder, options)
        best = max(best, len(table.x) / (time.perf_counter() - start))
    return best


def write_photos(folder: Path, per_class: int = 500) -> None:
    rng = np.random.default_rng(0)
    for label in ("a", "b"):
        (folder / label).mkdir(parents=True)
        for i in range(per_class):
            small = (rng.random((30, 40, 3)) * 255).astype(np.uint8)
            Image.fromarray(small).resize((400, 300)).save(folder / label / f"{i}.jpg", quality=90)


def main() -> None:
    threads = images.DECODE_THREADS
    images.MIN_CORES = 1  # measure the pool even on a small machine (the app uses it from 4)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "shapes"
        write_shapes(folder, per_class=3334)
        grey = best_rate(folder, ImageOptions(size=(28, 28), channels="grey"))
        rgb = best_rate(folder, ImageOptions(size=(24, 24), fit="center-crop", channels="rgb"))
        photos = Path(tmp) / "photos"
        write_photos(photos)
        crop = ImageOptions(size=(64, 64), fit="center-crop", channels="rgb")
        images.DECODE_THREADS = 1
        one = best_rate(photos, crop)
        images.DECODE_THREADS = threads
        many = best_rate(photos, crop)
    print(f"decode_images_per_s: {grey:.0f}")
    print(f"decode_rgb_center_crop_images_per_s: {rgb:.0f}")
    print(f"decode_threads: {min(threads, os.cpu_count() or 1)}")
    print(f"decode_photos_per_s_1_thread: {one:.0f}")
    print(f"decode_photos_per_s_threads: {many:.0f}")


if __name__ == "__main__":
    main()
