"""Image-folder import benchmark: decoding 10,002 generated 28x28 grey PNGs (the shapes
generator, 3,334 per class) into float32 [N, 1, 28, 28], one thread, file by file.

Run: python tests/benchmarks/bench_images.py
Prints ``decode_images_per_s: X`` (best of 3: 10,800 on the shared 2-core machine; a single
cold first read measured 6,300) and
``decode_rgb_center_crop_images_per_s: X`` for 3 channels with the centre crop.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from netbuilder.engine.data.image_sets import write_shapes
from netbuilder.engine.data.images import ImageOptions, read_images


def best_rate(folder: Path, options: ImageOptions, repeats: int = 3) -> float:
    best = 0.0
    for _ in range(repeats):
        start = time.perf_counter()
        table = read_images(folder, options)
        best = max(best, len(table.x) / (time.perf_counter() - start))
    return best


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "shapes"
        write_shapes(folder, per_class=3334)
        grey = best_rate(folder, ImageOptions(size=(28, 28), channels="grey"))
        rgb = best_rate(folder, ImageOptions(size=(24, 24), fit="center-crop", channels="rgb"))
    print(f"decode_images_per_s: {grey:.0f}")
    print(f"decode_rgb_center_crop_images_per_s: {rgb:.0f}")


if __name__ == "__main__":
    main()
