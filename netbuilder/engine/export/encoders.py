"""``encode(texts)`` and ``encode_ids(values)`` for the ``.py`` export: raw strings and ids to the
network's inputs, the way training made them (``engine/data/text.py``, the dataset's recipe).

Text: lower-cased when the tokeniser was, split by the word pattern ``\\w+|[^\\w\\s]`` (or into
characters), each token's index in the training vocabulary (1 when unknown), cut to
``max_length`` and padded with 0 at the end. Ids: the index of the id in the training split's
sorted ids plus one; an id never seen raises a ValueError naming the input and the id (as the
app's recipe refuses it). Vocabularies up to ``EMBED_LIMIT`` entries in all are written into the
file; larger ones go to a JSON file beside it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

__all__ = ["EMBED_LIMIT", "Encoders", "encoders_of"]

EMBED_LIMIT = 5000
WORD_PATTERN = r"\w+|[^\w\s]"


@dataclass
class Encoders:
    """What the export needs: the inputs' vocabularies and tokeniser options, by input name."""

    text: dict[str, dict[str, Any]]  # name -> {"level", "lower", "max_length"}
    ids: list[str]
    vocabularies: dict[str, list[str]]
    # Numeric inputs of a several-input network, standardised with their own training
    # statistics: name -> (mean, std) per feature. (One input: ``standardize`` in codegen.)
    scaling: dict[str, tuple[list[float], list[float]]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(len(v) for v in self.vocabularies.values())

    def vocabulary_json(self) -> str:
        return json.dumps(self.vocabularies, ensure_ascii=False, sort_keys=True)

    def source(self, vocab_file: str | None) -> str:
        """Module-level source: the vocabularies (or their loading) and the functions."""
        if not self.text and not self.ids and not self.scaling:
            return ""
        parts = ["# How raw values become the network's inputs, as in training."]
        if self.scaling:
            parts.append("INPUT_SCALING = {")
            for name, (mean, std) in self.scaling.items():
                parts.append(f"    {json.dumps(name, ensure_ascii=False)}: (")
                for values in (mean, std):
                    parts += ["        [", *_wrapped([repr(v) for v in values], 92), "        ],"]
                parts.append("    ),")
            parts.append("}")
            parts.append(_STANDARDIZE_INPUT.strip("\n"))
        if not self.vocabularies:
            return "\n".join(parts) + "\n"
        if vocab_file is None:
            parts += ["# fmt: off", "VOCABULARIES = {"]
            for name, vocabulary in self.vocabularies.items():
                parts.append(f"    {json.dumps(name, ensure_ascii=False)}: [")
                parts += _wrapped([json.dumps(t, ensure_ascii=False) for t in vocabulary])
                parts.append("    ],")
            parts += ["}", "# fmt: on"]
        else:
            parts.append(
                "VOCABULARIES = json.loads(\n"
                f"    Path(__file__).with_name({json.dumps(vocab_file)}).read_text("
                'encoding="utf-8")\n)'
            )
        parts.append(
            "INDEX = {name: {t: i for i, t in enumerate(v)} for name, v in VOCABULARIES.items()}"
        )
        if self.text:
            parts.append(f"TEXT_OPTIONS = {_literal(self.text)}")
            parts.append(f'WORD_PATTERN = re.compile(r"{WORD_PATTERN}")')
            parts.append(_ENCODE.replace("@FIRST@", json.dumps(next(iter(self.text)))).rstrip())
        if self.ids:
            parts.append(_ENCODE_IDS.replace("@FIRST@", json.dumps(self.ids[0])).rstrip())
        return "\n".join(parts) + "\n"

    def imports(self, vocab_file: str | None) -> list[str]:
        out = []
        if vocab_file is not None:
            out.append("import json")
        if self.text:
            out.append("import re")
        if vocab_file is not None:
            out.append("from pathlib import Path")
        return out


def _wrapped(items: list[str], width: int = 88) -> list[str]:
    """``items`` comma-separated on lines of at most ``width`` characters (8 indented)."""
    lines: list[str] = []
    line = ""
    for item in items:
        if line and len(line) + len(item) + 2 > width - 8:
            lines.append(f"        {line}")
            line = ""
        line += f"{item}, "
    if line:
        lines.append(f"        {line}")
    return [ln.rstrip() for ln in lines]


def _literal(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False).replace("true", "True").replace("false", "False")


_STANDARDIZE_INPUT = '''


def standardize_input(x: torch.Tensor, name: str) -> torch.Tensor:
    """Raw values of the numeric input ``name`` as the network saw them in training:
    (x - mean) / std with the training split's statistics (one-hot columns: 0 and 1)."""
    mean, std = INPUT_SCALING[name]
    return (x - torch.tensor(mean)) / torch.tensor(std)
'''

_ENCODE = '''

def encode(texts: list[str], name: str = @FIRST@) -> torch.Tensor:
    """Raw strings -> token indices [N, max_length] for the text input ``name``, as in
    training: 0 pads the end, 1 is a token the training split never had."""
    options, index = TEXT_OPTIONS[name], INDEX[name]
    length = options["max_length"]
    rows = []
    for text in texts:
        text = text.lower() if options["lower"] else text
        if options["level"] == "char":
            tokens = list(text)
        else:
            tokens = WORD_PATTERN.findall(text)
        row = [index.get(token, 1) for token in tokens][:length]
        rows.append(row + [0] * (length - len(row)))
    return torch.tensor(rows, dtype=torch.long).reshape(len(rows), length)
'''

_ENCODE_IDS = '''

def encode_ids(values: list, name: str = @FIRST@) -> torch.Tensor:
    """Ids -> indices [N, 1] for the id input ``name``, as in training (1..n for the ids of
    the training split); an id never seen in training is refused."""
    index = INDEX[name]
    rows = []
    for value in values:
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # 17.0 (a number column read as floats) is the id "17"
        key = str(value).strip()
        if key not in index:
            raise ValueError(f"input {name!r}: id {key!r} was never seen in training")
        rows.append([index[key] + 1])
    return torch.tensor(rows, dtype=torch.long).reshape(len(rows), 1)
'''


def encoders_of(recipe: Any, names: list[str]) -> Encoders | None:
    """The encoders for the recipe's text and id inputs that the network reads (``names``:
    the dataset input names its Input nodes read), or None when there are none."""
    if recipe is None:
        return None
    text: dict[str, dict[str, Any]] = {}
    ids: list[str] = []
    vocabularies: dict[str, list[str]] = {}
    scaling: dict[str, tuple[list[float], list[float]]] = {}
    single = len(recipe.inputs) == 1
    for entry in recipe.inputs:
        if entry.name not in names and not single:
            continue
        if entry.kind == "features" and not single and entry.mean is not None:
            scaling[entry.name] = (list(entry.mean), list(entry.std or ()))
            continue
        if entry.kind == "text":
            options = dict(entry.text or {})
            text[entry.name] = {
                "level": str(options.get("level", "word")),
                "lower": bool(options.get("lower", True)),
                "max_length": int(entry.shape[0]) if entry.shape else 64,
            }
        elif entry.kind == "ids":
            ids.append(entry.name)
        else:
            continue
        vocabularies[entry.name] = list(entry.vocabulary)
    if not text and not ids and not scaling:
        return None
    return Encoders(text, ids, vocabularies, scaling)
