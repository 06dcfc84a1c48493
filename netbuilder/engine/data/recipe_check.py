"""Checks of a saved recipe's fields: a damaged ``recipe.json`` is refused by field here rather
than failing later inside numpy or Pillow."""

from __future__ import annotations

from typing import Any

from netbuilder.engine.data.errors import DataError
from netbuilder.model.i18n import translate
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
            raise RecipeError(
                translate(
                    "Data",
                    "{where}: an image input needs image options and shape [C, H, W]",
                ).format(where=where)
            )
        size = image.get("size")
        if not is_image_size(size):
            raise RecipeError(
                translate(
                    "Data",
                    "{where}.image.size must be [height, width] from 1 to "
                    "{max_image_side}; got {size}",
                ).format(where=where, max_image_side=MAX_IMAGE_SIDE, size=repr(size)),
                field=f"{where}.image.size",
            )
        if image.get("fit", "resize") not in IMAGE_FITS:
            raise RecipeError(
                translate(
                    "Data",
                    "{where}.image.fit must be one of {image_fits}",
                ).format(where=where, image_fits=", ".join(IMAGE_FITS))
            )
        channels = image.get("channels", "rgb")
        if channels not in IMAGE_CHANNELS:
            raise RecipeError(
                translate(
                    "Data",
                    "{where}.image.channels must be one of {image_channels}",
                ).format(where=where, image_channels=", ".join(IMAGE_CHANNELS))
            )
        if not isinstance(image.get("scale", True), bool):
            raise RecipeError(
                translate(
                    "Data",
                    "{where}.image.scale must be true or false",
                ).format(where=where)
            )
        if list(shape) != [1 if channels == "grey" else 3, *size]:
            raise RecipeError(
                translate(
                    "Data",
                    "{where}: shape {shape} does not match the image options",
                ).format(where=where, shape=list(shape))
            )
    elif kind == "text":
        from netbuilder.engine.data.text import TextOptions

        options = TextOptions.from_dict(text or {}, f"{where}.text")
        if len(vocabulary) < 2 or list(shape) != [options.max_length]:
            raise RecipeError(
                translate(
                    "Data",
                    "{where}: a text input needs its vocabulary (with <pad> and <unk>) and "
                    "shape [max_length]",
                ).format(where=where)
            )
    elif kind == "ids" and len(columns) > 1:
        raise RecipeError(
            translate(
                "Data",
                "{where}: an id input reads one column; got {count}",
            ).format(where=where, count=len(columns))
        )


def get_typed(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        raise RecipeError(
            translate(
                "Data",
                "{where}.{key} must be {name}; got {value}",
            ).format(where=where, key=key, name=kind.__name__, value=repr(value)),
            field=key,
        )
    return value


def ints(value: Any, where: str) -> list[int]:
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        raise RecipeError(
            translate(
                "Data",
                "{where} must be a list of whole numbers",
            ).format(where=where),
            field=where,
        )
    return value


def floats(value: Any, where: str) -> tuple[float, ...]:
    if not isinstance(value, list) or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in value
    ):
        raise RecipeError(
            translate(
                "Data",
                "{where} must be a list of numbers",
            ).format(where=where),
            field=where,
        )
    return tuple(float(v) for v in value)


def strs(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RecipeError(
            translate(
                "Data",
                "{where} must be a list of text",
            ).format(where=where),
            field=where,
        )
    return value


def obj(value: Any, where: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise RecipeError(
            translate(
                "Data",
                "{where} must be an object",
            ).format(where=where),
            field=where,
        )
    return value
