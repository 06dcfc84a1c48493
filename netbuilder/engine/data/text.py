"""Text into token indices: the tokeniser, the vocabulary and the encoding of a text column.

The rules are few and written down so that every reader of a saved recipe (Try it, ``netbuilder
predict``, the exports' ``encode(texts)``) reproduces the tokens exactly:

- word level: ``re.findall(WORD_PATTERN, text)`` (after ``text.lower()`` when ``lower``);
  char level: ``list(text)`` (after lowering, likewise);
- the vocabulary comes from the training split only: index 0 ``<pad>``, 1 ``<unk>``, then the
  tokens seen at least ``min_count`` times by count (most first), ties alphabetically, at most
  ``max_size`` entries in all;
- a text becomes ``max_length`` indices: truncated at the end, padded with 0 at the end; a token
  outside the vocabulary is 1.

Numpy only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from netbuilder.engine.data.errors import DataError
from netbuilder.model.i18n import translate

__all__ = [
    "PAD",
    "UNK",
    "WORD_PATTERN",
    "TextOptions",
    "build_vocabulary",
    "encode_texts",
    "encode_tokens",
    "tokenize",
    "vocabulary_of",
]

WORD_PATTERN = r"\w+|[^\w\s]"
PAD, UNK = "<pad>", "<unk>"
LEVELS = ("word", "char")
MAX_VOCABULARY = 1_000_000
MAX_LENGTH = 4096  # tokens per text; longer belongs to a model this tool does not build
_WORDS = re.compile(WORD_PATTERN)


@dataclass(frozen=True)
class TextOptions:
    """How one text column becomes indices (see the module's docstring)."""

    level: str = "word"
    lower: bool = True
    min_count: int = 1
    max_size: int = 20000
    max_length: int = 64

    @classmethod
    def from_dict(cls, data: Any, where: str = "text") -> TextOptions:
        """Options from a project's JSON (every key optional); a bad one is refused with
        ``where`` and its key, e.g. "dataset.options.text.review.max_length"."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise DataError(
                translate(
                    "Data",
                    "{where} must be an object of tokeniser settings",
                ).format(where=where),
                field=where,
            )
        known = ("level", "lower", "min_count", "max_size", "max_length")
        for key in data:
            if key not in known:
                raise DataError(
                    translate(
                        "Data",
                        "{where}.{key} is not a tokeniser setting (settings: {known})",
                    ).format(where=where, key=key, known=", ".join(known)),
                    field=f"{where}.{key}",
                )
        level = data.get("level", "word")
        if level not in LEVELS:
            raise DataError(
                translate(
                    "Data",
                    "{where}.level must be word or char; got {level}",
                ).format(where=where, level=repr(level)),
                field=f"{where}.level",
            )
        lower = data.get("lower", True)
        if not isinstance(lower, bool):
            raise DataError(
                translate(
                    "Data",
                    "{where}.lower must be true or false; got {lower}",
                ).format(where=where, lower=repr(lower)),
                field=f"{where}.lower",
            )
        return cls(
            level=level,
            lower=lower,
            min_count=_whole(data, "min_count", 1, 1, None, where),
            # A vocabulary travels in recipe.json (read up to 64 MiB): a million words fit.
            max_size=_whole(data, "max_size", 20000, 2, MAX_VOCABULARY, where),
            max_length=_whole(data, "max_length", 64, 1, MAX_LENGTH, where),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "lower": self.lower,
            "min_count": self.min_count,
            "max_size": self.max_size,
            "max_length": self.max_length,
        }


def _whole(
    data: dict[str, Any], key: str, default: int, low: int, high: int | None, where: str
) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise DataError(
            translate(
                "Data",
                "{where}.{key} must be a whole number of at least {low}; got {value}",
            ).format(where=where, key=key, low=low, value=repr(value)),
            field=f"{where}.{key}",
        )
    if high is not None and value > high:
        raise DataError(
            translate(
                "Data",
                "{where}.{key} must be at most {high}; got {value}",
            ).format(where=where, key=key, high=high, value=value),
            field=f"{where}.{key}",
        )
    return value


def tokenize(text: str, options: TextOptions) -> list[str]:
    """The tokens of one text, before truncation."""
    if options.lower:
        text = text.lower()
    if options.level == "char":
        return list(text)
    return _WORDS.findall(text)


def build_vocabulary(texts: Iterable[str], options: TextOptions) -> tuple[str, ...]:
    """``(<pad>, <unk>, tokens...)`` from ``texts`` (the training split's, and only those)."""
    return vocabulary_of((tokenize(text, options) for text in texts), options)


def vocabulary_of(token_lists: Iterable[list[str]], options: TextOptions) -> tuple[str, ...]:
    """``build_vocabulary`` of texts already tokenised."""
    counts: Counter[str] = Counter()
    for tokens in token_lists:
        counts.update(tokens)
    counts.pop(PAD, None)
    counts.pop(UNK, None)
    kept = sorted(
        (token for token, n in counts.items() if n >= options.min_count),
        key=lambda token: (-counts[token], token),
    )
    return (PAD, UNK, *kept[: options.max_size - 2])


def encode_texts(
    texts: Sequence[str], vocabulary: Sequence[str], options: TextOptions
) -> np.ndarray:
    """int64 [len(texts), max_length]: token indices, 1 for an unknown token, 0-padded at the
    end."""
    return encode_tokens([tokenize(text, options) for text in texts], vocabulary, options)


def encode_tokens(
    token_lists: Sequence[list[str]], vocabulary: Sequence[str], options: TextOptions
) -> np.ndarray:
    """``encode_texts`` of texts already tokenised."""
    index = {token: i for i, token in enumerate(vocabulary)}
    length = options.max_length
    out = np.zeros((len(token_lists), length), dtype=np.int64)
    for row, tokens in enumerate(token_lists):
        ids = [index.get(token, 1) for token in tokens[:length]]
        out[row, : len(ids)] = ids
    return out
