"""Images from a folder: a folder whose sub-folders are the classes, or a CSV of ``path,label``.

A binding reads ``{"source": "image_folder", "path": "photos", "options": {...}}`` where
``path`` (relative to the project's folder) is either a folder of class sub-folders (the classes
are the sorted sub-folder names) or a ``.csv`` file with the header ``path,label`` whose paths are
relative to the CSV's folder. ``{"source": "image_folder", "name": "shapes"}`` instead names a
set generated at first use (see ``image_sets``). Options (checked by ``DatasetBinding.validate``):

- ``size``: ``[height, width]``, default ``[32, 32]``;
- ``fit``: ``"resize"`` stretches every image to the size; ``"center-crop"`` keeps the aspect
  ratio: it scales the shorter side to the size and crops the centre;
- ``channels``: ``"grey"`` (1 channel) or ``"rgb"`` (3); alpha is dropped, 16-bit grey is
  brought to 8 bits;
- ``scale``: ``true`` (default) maps 0..255 to [0, 1]; the binding's ``standardize`` then works
  per channel with training-split statistics, as for any image data.

PNG, JPEG, BMP and GIF (its first frame) are read with Pillow, file by file into one float32
array [N, C, H, W] whose size is checked against ``MAX_DATASET_BYTES`` before anything is
decoded. Pillow is imported where images are decoded, not with this module: the window imports
this module before its first paint. A file that cannot be decoded (damaged, truncated, a
decompression bomb) is skipped and counted; the info's ``extra`` names the first few. Layout
problems (no class sub-folders, an empty class, a CSV row naming a missing file, an unknown
column) are refused with one line.
"""

from __future__ import annotations

import csv
import os
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from netbuilder.engine.data.errors import DataError
from netbuilder.engine.data.npz_check import MAX_DATASET_BYTES, human
from netbuilder.engine.data.preprocess import Table, encode_targets
from netbuilder.model.i18n import translate

__all__ = [
    "IMAGE_SUFFIXES",
    "ImageOptions",
    "decode_batch",
    "decode_image",
    "folder_stamp",
    "list_images",
    "read_images",
]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif")
NAMED_SKIPS = 5  # skipped files named in the info; the rest are counted
CSV_COLUMNS = ("path", "label")
_CHUNK = 256  # files decoded between two progress reports (and cancel points)
DECODE_THREADS = 8
MIN_CORES = 4  # fewer cores: one decoding thread


@dataclass(frozen=True)
class ImageOptions:
    size: tuple[int, int] = (32, 32)  # (height, width)
    fit: str = "resize"
    channels: str = "rgb"
    scale: bool = True

    @property
    def n_channels(self) -> int:
        return 1 if self.channels == "grey" else 3

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> ImageOptions:
        """From a binding's options, which ``DatasetBinding.validate`` has checked."""
        height, width = options.get("size", cls.size)
        return cls(
            size=(int(height), int(width)),
            fit=str(options.get("fit", cls.fit)),
            channels=str(options.get("channels", cls.channels)),
            scale=bool(options.get("scale", cls.scale)),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"size": list(self.size), "fit": self.fit, "channels": self.channels}

    def options(self) -> dict[str, Any]:
        """All four options, as a binding (or a saved recipe) holds them."""
        return {**self.to_dict(), "scale": self.scale}


def read_images(
    path: Path,
    options: ImageOptions,
    *,
    progress: Callable[[float], None] | None = None,
) -> Table:
    """Decode a folder of class sub-folders, or the images a ``path,label`` CSV lists."""
    path = Path(path)
    if path.is_dir():
        files, labels, ignored = _list_folder(path)
        root = path
    elif path.is_file() and path.suffix.lower() == ".csv":
        files, labels = _list_csv(path)
        root, ignored = path.parent, 0
    elif not path.exists():
        raise DataError(
            translate(
                "Data",
                "image folder not found: {path}",
            ).format(path=path),
            path=str(path),
            field="path",
        )
    else:
        raise DataError(
            translate(
                "Data",
                "{path} is neither a folder of class sub-folders nor a .csv of path,label",
            ).format(path=path),
            path=str(path),
            field="path",
        )
    height, width = options.size
    channels = options.n_channels
    need = len(files) * channels * height * width * 4
    if need > MAX_DATASET_BYTES:
        raise DataError(
            translate(
                "Data",
                "{count} images at {channels}x{height}x{width} need {need} as float32; "
                "the limit is {max_dataset_bytes}: choose a smaller "
                "dataset.options.size",
            ).format(
                count=len(files),
                channels=channels,
                height=height,
                width=width,
                need=human(need),
                max_dataset_bytes=human(MAX_DATASET_BYTES),
            ),
            path=str(path),
            field="size",
        )
    x = np.empty((len(files), channels, height, width), dtype=np.float32)
    kept, skipped = _decode_all(files, x, options, root, progress)
    labels_kept = [labels[i] for i in kept]
    _check_classes(labels, labels_kept, path)
    if len(kept) < len(files):
        x = x[: len(kept)]
    if options.scale:
        x *= np.float32(1 / 255)
    targets = encode_targets(
        np.asarray(labels_kept),
        "auto",
        where=translate("Data", "the classes of {file}").format(file=path.name),
    )
    extra: dict[str, Any] = {
        "image_root": str(path),
        "image_options": options.to_dict(),
        "image_scale": options.scale,
        "skipped": len(skipped),
        "skipped_files": skipped[:NAMED_SKIPS],
    }
    if ignored:
        extra["ignored_files"] = ignored
    return Table(x=x, targets=targets, source=path.name, extra=extra)


def folder_stamp(path: Path) -> list[Any]:
    """What changes when images are added, removed or renamed (for the info cache): the
    modification times of the folder and its class sub-folders, or of the CSV file."""
    try:
        st = path.stat()
        stamp: list[Any] = [str(path.resolve()), st.st_mtime_ns, st.st_size]
        if path.is_dir():
            with os.scandir(path) as entries:
                for entry in sorted(entries, key=lambda e: e.name):
                    if entry.is_dir():
                        stamp.append([entry.name, entry.stat().st_mtime_ns])
    except OSError:
        return [str(path), None]
    return stamp


def _list_folder(root: Path) -> tuple[list[Path], list[str], int]:
    try:
        entries = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        raise DataError(
            translate(
                "Data",
                "image folder {root} cannot be read ({value})",
            ).format(root=root, value=exc.strerror or type(exc).__name__),
            path=str(root),
            field="path",
        ) from None
    classes = [p for p in entries if p.is_dir() and not p.name.startswith(".")]
    if not classes:
        loose = sum(1 for p in entries if p.suffix.lower() in IMAGE_SUFFIXES)
        text = (
            translate(
                "Data",
                "image folder {root} has no class sub-folders (it holds {loose} images "
                "directly); put each class's images in a sub-folder named after the class",
            )
            if loose
            else translate(
                "Data",
                "image folder {root} has no class sub-folders; put each class's images in a "
                "sub-folder named after the class",
            )
        )
        raise DataError(
            text.format(root=root, loose=loose),
            path=str(root),
            field="path",
        )
    files: list[Path] = []
    labels: list[str] = []
    ignored = 0
    for folder in classes:
        images = []
        for p in sorted(folder.iterdir(), key=lambda p: p.name):
            if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file():
                images.append(p)
            elif not p.name.startswith("."):
                ignored += 1
        if not images:
            raise DataError(
                translate(
                    "Data",
                    "class folder {folder} holds no images ({image_suffixes})",
                ).format(folder=folder, image_suffixes=", ".join(IMAGE_SUFFIXES)),
                path=str(folder),
                field="path",
            )
        files += images
        labels += [folder.name] * len(images)
    return files, labels, ignored


def _list_csv(path: Path) -> tuple[list[Path], list[str]]:
    name = path.name
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            rows = list(csv.reader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(
            translate(
                "Data",
                "{name} cannot be read ({exc})",
            ).format(name=name, exc=exc),
            path=str(path),
        ) from None
    if not rows:
        raise DataError(
            translate(
                "Data",
                "{name} is empty; expected a header path,label",
            ).format(name=name),
            path=str(path),
        )
    header = [h.strip() for h in rows[0]]
    for column in header:
        if column not in CSV_COLUMNS:
            raise DataError(
                translate(
                    "Data",
                    "{name} line 1: unknown column {column}; an image list has the columns "
                    "path,label",
                ).format(name=name, column=repr(column)),
                path=str(path),
                line=1,
                column=column,
            )
    for column in CSV_COLUMNS:
        if column not in header:
            raise DataError(
                translate(
                    "Data",
                    "{name} line 1: no column {column}; an image list has the columns path,label",
                ).format(name=name, column=repr(column)),
                path=str(path),
                line=1,
                column=column,
            )
    at_path, at_label = header.index("path"), header.index("label")
    files: list[Path] = []
    labels: list[str] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise DataError(
                translate(
                    "Data",
                    "{name} line {number}: {count} values, expected {count2} (path,label)",
                ).format(name=name, number=number, count=len(row), count2=len(header)),
                path=str(path),
                line=number,
            )
        rel, label = row[at_path].strip(), row[at_label].strip()
        if not rel or not label:
            missing = "path" if not rel else "label"
            raise DataError(
                translate(
                    "Data",
                    "{name} line {number}: the {missing} is empty",
                ).format(name=name, number=number, missing=missing),
                path=str(path),
                line=number,
                column=missing,
            )
        file = path.parent / rel
        if not file.is_file():
            raise DataError(
                translate(
                    "Data",
                    "{name} line {number}: image file not found: {rel} (relative to {parent})",
                ).format(name=name, number=number, rel=rel, parent=path.parent),
                path=str(path),
                line=number,
                column="path",
            )
        files.append(file)
        labels.append(label)
    if not files:
        raise DataError(
            translate(
                "Data",
                "{name} lists no images",
            ).format(name=name),
            path=str(path),
        )
    return files, labels


def _decode_all(
    files: list[Path],
    x: np.ndarray,
    options: ImageOptions,
    root: Path,
    progress: Callable[[float], None] | None,
) -> tuple[list[int], list[str]]:
    """Fill ``x`` with the decoded files, the kept ones first and in order: the indices kept
    and 'name (reason)' for those skipped. Files are decoded on up to ``DECODE_THREADS``
    threads (Pillow decodes without the GIL) in chunks, each into its own row."""
    from concurrent.futures import ThreadPoolExecutor

    from PIL import Image

    mode = "L" if options.channels == "grey" else "RGB"
    ok = np.zeros(len(files), dtype=bool)
    reasons: dict[int, str] = {}

    def decode_into(i: int) -> None:
        try:
            pixels = _decode(files[i], mode, options)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            reasons[i] = f"{_rel(files[i], root)} (too many pixels: a decompression bomb?)"
            return
        except Exception as exc:  # noqa: BLE001 - Pillow's plugins raise many kinds on damaged bytes; a bad file is skipped, never a crash
            reasons[i] = f"{_rel(files[i], root)} ({_reason(exc)})"
            return
        if pixels.ndim == 2:
            x[i, 0] = pixels
        else:
            x[i] = pixels.transpose(2, 0, 1)
        ok[i] = True

    # On 2 cores the threads fight the GIL and the GUI for little: 28x28 PNGs decoded 20-25%
    # slower on 2 threads than on 1 (bench_images.py); many-core machines get the pool.
    cores = os.cpu_count() or 1
    threads = min(DECODE_THREADS, cores) if cores >= MIN_CORES and len(files) >= 2 * _CHUNK else 1
    with warnings.catch_warnings():
        # Pillow warns (then raises) above MAX_IMAGE_PIXELS: a bomb is skipped like a bad file.
        # (catch_warnings is process-wide: the decoding threads see this filter too.)
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        pool = ThreadPoolExecutor(threads) if threads > 1 else None
        try:
            for start in range(0, len(files), _CHUNK):
                if progress is not None:
                    progress(start / len(files))
                chunk = range(start, min(start + _CHUNK, len(files)))
                if pool is None:
                    for i in chunk:
                        decode_into(i)
                else:
                    list(pool.map(decode_into, chunk))
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
    if progress is not None:
        progress(1.0)
    kept = [int(i) for i in np.flatnonzero(ok)]
    for row, i in enumerate(kept):  # compact in place: row <= i, so nothing is overwritten early
        if row != i:
            x[row] = x[i]
    return kept, [reasons[i] for i in sorted(reasons)]


def decode_image(file: Path, options: ImageOptions) -> np.ndarray:
    """One image as training saw it before standardisation: float32 [C, H, W], scaled to [0, 1]
    when ``options.scale``. Raises DataError naming the file when it cannot be decoded."""
    from PIL import Image

    mode = "L" if options.channels == "grey" else "RGB"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            pixels = _decode(Path(file), mode, options)
    except FileNotFoundError:
        raise DataError(
            translate(
                "Data",
                "image not found: {file}",
            ).format(file=file),
            path=str(file),
        ) from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise DataError(
            translate(
                "Data",
                "{file}: too many pixels (a decompression bomb?)",
            ).format(file=file),
            path=str(file),
        ) from None
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds on damaged bytes
        raise DataError(
            translate(
                "Data",
                "{file} cannot be read as an image ({reason})",
            ).format(file=file, reason=_reason(exc)),
            path=str(file),
        ) from None
    out = (
        pixels[None].astype(np.float32)
        if pixels.ndim == 2
        else pixels.transpose(2, 0, 1).astype(np.float32)
    )
    if options.scale:
        out *= np.float32(1 / 255)
    return out


def _decode(file: Path, mode: str, options: ImageOptions) -> np.ndarray:
    from PIL import Image, ImageOps

    height, width = options.size
    with Image.open(file) as opened:
        opened.draft(mode, (width, height))  # JPEG: decode at a reduced scale when it can
        img: Image.Image = opened
        if img.mode.startswith("I;16") or img.mode in ("I", "F"):
            wide = np.asarray(img, dtype=np.float32)
            img = Image.fromarray(np.clip(wide / 257.0, 0, 255).astype(np.uint8))
        converted = img.convert(mode) if img.mode != mode else img
        if options.fit == "center-crop":
            converted = ImageOps.fit(converted, (width, height), Image.Resampling.BILINEAR)
        elif converted.size != (width, height):
            converted = converted.resize((width, height), Image.Resampling.BILINEAR)
        return np.asarray(converted)


def _check_classes(labels: list[str], kept: list[str], path: Path) -> None:
    lost = sorted(set(labels) - set(kept))
    if lost:
        raise DataError(
            translate(
                "Data",
                "class {lost} of {path} has no image that could be decoded",
            ).format(lost=repr(lost[0]), path=path),
            path=str(path),
            field="path",
        )
    if not kept:
        raise DataError(
            translate(
                "Data",
                "no image of {path} could be decoded",
            ).format(path=path),
            path=str(path),
            field="path",
        )


def _rel(file: Path, root: Path) -> str:
    try:
        return file.relative_to(root).as_posix()
    except ValueError:
        return str(file)


def _reason(exc: BaseException) -> str:
    from PIL import UnidentifiedImageError

    if isinstance(exc, UnidentifiedImageError):  # its text repeats the whole path
        return translate("Data", "not an image Pillow can read")
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:120]


def list_images(path: Path) -> tuple[list[Path], list[str], int]:
    """The image files, their labels and the count of non-image files ignored, of a folder of
    class sub-folders or a ``path,label`` CSV, without decoding anything (refusals as in
    ``read_images``)."""
    path = Path(path)
    if path.is_dir():
        return _list_folder(path)
    if path.is_file() and path.suffix.lower() == ".csv":
        files, labels = _list_csv(path)
        return files, labels, 0
    if not path.exists():
        raise DataError(
            translate(
                "Data",
                "image folder not found: {path}",
            ).format(path=path),
            path=str(path),
            field="path",
        )
    raise DataError(
        translate(
            "Data",
            "{path} is neither a folder of class sub-folders nor a .csv of path,label",
        ).format(path=path),
        path=str(path),
        field="path",
    )


def decode_batch(
    files: Sequence[Path | str], options: ImageOptions
) -> tuple[np.ndarray, list[int]]:
    """float32 [len(files), C, H, W] as ``decode_image`` gives them, and the positions of the
    files that could not be decoded (their rows are zero). One warnings context for the batch:
    per image it cost a quarter of the decoding time of a 28x28 PNG."""
    from PIL import Image

    height, width = options.size
    out = np.empty((len(files), options.n_channels, height, width), dtype=np.float32)
    mode = "L" if options.channels == "grey" else "RGB"
    bad: list[int] = []
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        for k, file in enumerate(files):
            try:
                pixels = _decode(Path(file), mode, options)
            except Exception:  # noqa: BLE001 - damaged bytes raise many kinds; counted, not fatal
                out[k] = 0.0
                bad.append(k)
                continue
            if pixels.ndim == 2:
                out[k, 0] = pixels
            else:
                out[k] = pixels.transpose(2, 0, 1)
    if options.scale:
        out *= np.float32(1 / 255)
    return out, bad
