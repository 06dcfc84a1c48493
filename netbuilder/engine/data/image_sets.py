"""Image sets generated from a seed and written as PNG files at first use, for bundled examples.

A binding ``{"source": "image_folder", "name": "shapes"}`` means the folder this module writes:
``<data dir>/datasets/shapes-v1``, where the data dir is ``$NETBUILDER_DATA_DIR`` when set, else
the platform's user cache (``$XDG_CACHE_HOME/netbuilder`` or ``~/.cache/netbuilder`` on Linux,
``~/Library/Caches/netbuilder`` on macOS, ``%LOCALAPPDATA%\\netbuilder\\Cache`` on Windows);
never the package's folder. The set is written to a temporary folder that is renamed into place
when complete, so an interrupted first use leaves nothing half-written behind. The version in the
folder name changes whenever the generator's output would.

``shapes``: 28x28 grey PNGs of a filled circle, square or triangle (300 of each) at a random
position and size, random brightness on a random dark background, with Gaussian noise.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from netbuilder.engine.data.errors import DataError
from netbuilder.model.i18n import translate

__all__ = ["GENERATED_SETS", "data_dir", "generated_folder", "write_once", "write_shapes"]

DATA_DIR_ENV = "NETBUILDER_DATA_DIR"
SHAPES = ("circle", "square", "triangle")


def write_shapes(folder: Path, *, per_class: int = 300, size: int = 28, seed: int = 0) -> None:
    """Write ``per_class`` PNGs of each shape into ``folder/<shape>/``; same seed, same pixels."""
    from PIL import Image  # here, not at the top: the window imports this module at start-up

    rng = np.random.default_rng(seed)
    for shape in SHAPES:
        (folder / shape).mkdir(parents=True, exist_ok=True)
    for i in range(per_class):
        for shape in SHAPES:  # interleaved: every class sees the same stretch of the stream
            pixels = _shape_image(shape, size, rng)
            Image.fromarray(pixels, mode="L").save(folder / shape / f"{shape}_{i:04d}.png")


def _shape_image(shape: str, size: int, rng: np.random.Generator) -> np.ndarray:
    from PIL import Image, ImageDraw

    background = int(rng.integers(0, 60))
    img = Image.new("L", (size, size), background)
    draw = ImageDraw.Draw(img)
    side = int(rng.integers(size * 3 // 8, size * 3 // 4 + 1))
    left = int(rng.integers(1, size - side))
    top = int(rng.integers(1, size - side))
    right, bottom = left + side - 1, top + side - 1
    fill = int(rng.integers(150, 256))
    if shape == "circle":
        draw.ellipse((left, top, right, bottom), fill=fill)
    elif shape == "square":
        draw.rectangle((left, top, right, bottom), fill=fill)
    else:
        draw.polygon([((left + right) / 2, top), (left, bottom), (right, bottom)], fill=fill)
    noisy = np.asarray(img, dtype=np.float32) + rng.normal(0.0, 12.0, size=(size, size))
    pixels: np.ndarray = np.clip(np.round(noisy), 0, 255).astype(np.uint8)
    return pixels


#: name -> (folder name, writer). Change the folder name whenever a writer's output changes.
GENERATED_SETS: dict[str, tuple[str, Callable[[Path], None]]] = {
    "shapes": ("shapes-v1", write_shapes),
}


def data_dir() -> Path:
    """Where generated data lives: $NETBUILDER_DATA_DIR, else the platform's user cache."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return base / "netbuilder" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "netbuilder"
    return Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "netbuilder"


def generated_folder(name: str) -> Path:
    """The folder of the generated set ``name``, written first if it is not there yet."""
    if name not in GENERATED_SETS:
        raise DataError(
            translate(
                "Data",
                "dataset.name {name} is not a generated image set (known: "
                "{generated_sets}); give dataset.path for a folder of your own",
            ).format(name=repr(name), generated_sets=", ".join(GENERATED_SETS)),
            field="name",
        )
    folder_name, write = GENERATED_SETS[name]
    return write_once(
        data_dir() / "datasets" / folder_name,
        write,
        translate("Data", "the generated image set {name}").format(name=repr(name)),
        folder=True,
    )


def write_once(target: Path, write: Callable[[Path], None], what: str, *, folder: bool) -> Path:
    """``target`` (a folder, or a file), written first if it is not there: ``write`` fills a
    staging name beside it, which is then renamed into place, so a reader never sees half of
    it and a process that loses the race keeps the winner's."""
    if target.is_dir() if folder else target.is_file():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if folder:
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
        else:
            prefix = f".{target.name}-"
            handle, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=target.parent)
            os.close(handle)
            staging = Path(name)
    except OSError as exc:
        raise DataError(
            translate(
                "Data",
                "cannot write {what} under {parent} ({value}); set {data_dir_env} to a "
                "writable folder",
            ).format(
                what=what,
                parent=target.parent,
                value=exc.strerror or type(exc).__name__,
                data_dir_env=DATA_DIR_ENV,
            ),
            field="name",
        ) from None
    try:
        write(staging)
        if folder:
            staging.rename(target)
        else:
            os.replace(staging, target)
    except OSError as exc:
        if not (target.is_dir() if folder else target.is_file()):  # not a faster process's
            raise DataError(
                translate(
                    "Data",
                    "cannot write {what} to {target} ({value})",
                ).format(what=what, target=target, value=exc.strerror or type(exc).__name__),
                field="name",
            ) from None
    finally:
        if folder and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
        elif not folder:
            with contextlib.suppress(OSError):
                staging.unlink(missing_ok=True)
    return target
