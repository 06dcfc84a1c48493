"""Checks of a saved recipe's fields: a damaged ``recipe.json`` is refused by field here rather
than failing later inside numpy or Pillow."""

from __future__ import annotations

from typing import Any

from netbuilder.engine.data.errors import DataError
from netbuilder.model.project import IMAGE_CHANNELS, IMAGE_FITS, MAX_IMAGE_SIDE, is_image_size

__all__ = ["MAX_SIDE", "RecipeError", "check_kind", "floats", "get_typed", "ints", "obj", "strs"]

MAX_SIDE = 1_000_000  # one size of an input's shape


class RecipeError(DataError):
    """A saved recipe that cannot be used; the message names the field."""


def check_kind(
    where: str,
    kind: str,
    shape: tuple[int, ...],
    image: dict[str, Any] | None,
    text: dict[str, Any] | None,
    vocabulary: tuple[str, ...],
    columns: tuple[str, ...],
) -> None:
    """What each kind needs, as training wrote it: a damaged file is refused here, by field,
    rather than failing later inside numpy or Pillow."""
    if kind == "image":
        if image is None or len(shape) != 3:
            raise RecipeError(f"{where}: an image input needs image options and shape [C, H, W]")
        size = image.get("size")
        if not is_image_size(size):
            raise RecipeError(
                f"{where}.image.size must be [height, width] from 1 to {MAX_IMAGE_SIDE}; "
                f"got {size!r}",
                field=f"{where}.image.size",
            )
        if image.get("fit", "resize") not in IMAGE_FITS:
            raise RecipeError(f"{where}.image.fit must be one of {', '.join(IMAGE_FITS)}")
        channels = image.get("channels", "rgb")
        if channels not in IMAGE_CHANNELS:
            raise RecipeError(f"{where}.image.channels must be one of {', '.join(IMAGE_CHANNELS)}")
        if not isinstance(image.get("scale", True), bool):
            raise RecipeError(f"{where}.image.scale must be true or false")
        if list(shape) != [1 if channels == "grey" else 3, *size]:
            raise RecipeError(f"{where}: shape {list(shape)} does not match the image options")
    elif kind == "text":
        from netbuilder.engine.data.text import TextOptions

        options = TextOptions.from_dict(text or {}, f"{where}.text")
        if len(vocabulary) < 2 or list(shape) != [options.max_length]:
            raise RecipeError(
                f"{where}: a text input needs its vocabulary (with <pad> and <unk>) and shape "
                "[max_length]"
            )
    elif kind == "ids" and len(columns) > 1:
        raise RecipeError(f"{where}: an id input reads one column; got {len(columns)}")


def get_typed(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        raise RecipeError(f"{where}.{key} must be {kind.__name__}; got {value!r}", field=key)
    return value


def ints(value: Any, where: str) -> list[int]:
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        raise RecipeError(f"{where} must be a list of whole numbers", field=where)
    return value


def floats(value: Any, where: str) -> tuple[float, ...]:
    if not isinstance(value, list) or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in value
    ):
        raise RecipeError(f"{where} must be a list of numbers", field=where)
    return tuple(float(v) for v in value)


def strs(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecipeError(f"{where} must be a list of text", field=where)
    return value


def obj(value: Any, where: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise RecipeError(f"{where} must be an object", field=where)
    return value
