"""The tokeniser: tokens, the vocabulary's order and limits, truncation and padding, settings."""

from __future__ import annotations

import re

import numpy as np
import pytest

from netbuilder.engine.data.errors import DataError
from netbuilder.engine.data.text import (
    PAD,
    UNK,
    WORD_PATTERN,
    TextOptions,
    build_vocabulary,
    encode_texts,
    tokenize,
)


def test_word_tokens_split_punctuation_and_lower_by_default():
    assert tokenize("Great movie, REALLY great!", TextOptions()) == [
        "great",
        "movie",
        ",",
        "really",
        "great",
        "!",
    ]
    assert tokenize("Don't stop", TextOptions(lower=False)) == ["Don", "'", "t", "stop"]
    text = "Ünïcode wörds_and 42 numbers... ok?"
    assert tokenize(text, TextOptions()) == re.findall(WORD_PATTERN, text.lower())


def test_char_tokens_keep_spaces_and_honour_lower():
    assert tokenize("Hi there", TextOptions(level="char")) == list("hi there")
    assert tokenize("Hi", TextOptions(level="char", lower=False)) == ["H", "i"]


def test_vocabulary_orders_by_count_then_alphabet_after_pad_and_unk():
    texts = ["b a c", "a b", "a d"]  # a:3, b:2, c:1, d:1
    assert build_vocabulary(texts, TextOptions()) == (PAD, UNK, "a", "b", "c", "d")


def test_vocabulary_min_count_and_max_size_count_pad_and_unk():
    texts = ["b a c", "a b", "a d"]
    assert build_vocabulary(texts, TextOptions(min_count=2)) == (PAD, UNK, "a", "b")
    assert build_vocabulary(texts, TextOptions(max_size=3)) == (PAD, UNK, "a")
    assert build_vocabulary(texts, TextOptions(max_size=2)) == (PAD, UNK)


def test_encode_truncates_pads_at_the_end_and_marks_unknown_tokens():
    options = TextOptions(max_length=4)
    vocabulary = build_vocabulary(["the cat sat"], options)
    out = encode_texts(["The dog sat on the mat", "cat", ""], vocabulary, options)
    index = {t: i for i, t in enumerate(vocabulary)}
    assert out.dtype == np.int64 and out.shape == (3, 4)
    np.testing.assert_array_equal(out[0], [index["the"], 1, index["sat"], 1])  # dog, on: unknown
    np.testing.assert_array_equal(out[1], [index["cat"], 0, 0, 0])
    np.testing.assert_array_equal(out[2], [0, 0, 0, 0])  # empty text: all padding


def test_options_round_trip_and_defaults():
    options = TextOptions.from_dict({"level": "char", "max_length": 12, "lower": False})
    assert TextOptions.from_dict(options.to_dict()) == options
    assert TextOptions.from_dict({}) == TextOptions() == TextOptions.from_dict(None)
    assert TextOptions().to_dict() == {
        "level": "word",
        "lower": True,
        "min_count": 1,
        "max_size": 20000,
        "max_length": 64,
    }


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"levels": "word"}, "t.levels is not a tokeniser setting"),
        ({"level": "sentence"}, "t.level must be word or char"),
        ({"lower": "yes"}, "t.lower must be true or false"),
        ({"max_length": 0}, "t.max_length must be a whole number of at least 1"),
        ({"max_length": 10**6}, "t.max_length must be at most"),
        ({"min_count": 1.5}, "t.min_count must be a whole number"),
        ({"max_size": 1}, "t.max_size must be a whole number of at least 2"),
        ("word", "t must be an object"),
    ],
)
def test_bad_settings_are_refused_by_name(settings, named):
    with pytest.raises(DataError, match=re.escape(named)):
        TextOptions.from_dict(settings, "t")
