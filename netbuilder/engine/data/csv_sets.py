"""Tables generated from a seed and written as CSV files at first use, for bundled examples.

A binding ``{"source": "csv", "name": "reviews"}`` (no path) means the file this module writes:
``<data dir>/datasets/reviews-v1.csv``, in the same data dir as the generated image sets
(``$NETBUILDER_DATA_DIR`` when set, else the user cache; see ``image_sets``). The file is written
beside its final name and renamed into place when complete, so an interrupted first use leaves
nothing half-written. The version in the file name changes whenever the generator's output would.

``reviews``: 4,000 short film reviews (``review,label``, label ``positive``/``negative``) whose
sentiment depends on word order, so that a model reading the sequence does clearly better than
one that only sees which words occur:

- negation flips a clause ("the plot was not good"); an intensifier keeps its sign ("very bad");
- "A but B" takes the sentiment of B, and half of those reviews have the same words as another
  review with the clauses swapped and the opposite label ("good but boring" / "boring but good");
- "A and B" joins two clauses that agree.

``ratings``: 20,000 ratings (``user_id,item_id,rating``; ids as text, ``u17`` / ``i42``) of 150
items by 200 users from known latent factors: rating = 3 + user bias + item bias + a rank-3 dot
product + Gaussian noise (sd 0.25), clipped to 1..5 and rounded to 0.1. The noise sets the best
RMSE a model can reach (about 0.25); predicting the training mean gives about 0.88. Two thirds of
all pairs are rated, so every id lands in the example's training split (its test checks this)
and an Embedding of n + 1 rows holds every index.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from netbuilder.engine.data.errors import DataError
from netbuilder.engine.data.image_sets import data_dir, write_once
from netbuilder.model.i18n import translate

__all__ = ["GENERATED_TABLES", "generated_csv", "write_ratings", "write_reviews"]

ASPECTS = ("plot", "acting", "story", "music", "ending", "script", "cast", "film", "pacing")
POSITIVE = ("good", "great", "fun", "moving", "clever", "charming", "gripping", "superb")
NEGATIVE = ("bad", "boring", "dull", "awful", "weak", "clumsy", "tedious", "bland")
INTENSIFIERS = ("very", "really", "quite", "truly")
OPENINGS = ("", "", "", "honestly ,", "i think", "overall ,", "to be fair ,", "in short ,")


def write_reviews(path: Path, *, rows: int = 4000, seed: int = 0) -> None:
    """Write ``rows`` reviews and their labels to ``path``; same seed, same file."""
    rng = np.random.default_rng(seed)
    out: list[tuple[str, str]] = []
    while len(out) < rows:
        form = rng.random()
        if form < 0.3:  # one clause
            words, sign = _clause(rng)
            out.append((_review(_opening(rng), words), _label(sign)))
        elif form < 0.5:  # "A and B": two clauses that agree
            first, sign = _clause(rng)
            second, _ = _clause(rng, sign)
            out.append((_review(_opening(rng), [*first, "and", *second]), _label(sign)))
        else:  # "A but B" -> B; and the same words swapped, with the other label
            first, sign = _clause(rng)
            second, other = _clause(rng, -sign)
            opening = _opening(rng)
            out.append((_review(opening, [*first, "but", *second]), _label(other)))
            if rng.random() < 0.5:  # same words, other order, other label
                out.append((_review(opening, [*second, "but", *first]), _label(sign)))
    _write_csv(path, ("review", "label"), out[:rows])


def _clause(rng: np.random.Generator, sign: int = 0) -> tuple[list[str], int]:
    """Words of one clause and its sentiment (+1 / -1); ``sign`` asks for one."""
    negated = rng.random() < 0.4
    polarity = sign or (1 if rng.random() < 0.5 else -1)
    lexicon_sign = -polarity if negated else polarity
    adjective = str(rng.choice(POSITIVE if lexicon_sign > 0 else NEGATIVE))
    words = ["the", str(rng.choice(ASPECTS)), "was"]
    if negated:
        words.append("not")
    if rng.random() < 0.4:
        words.append(str(rng.choice(INTENSIFIERS)))
    words.append(adjective)
    return words, polarity


def _opening(rng: np.random.Generator) -> str:
    return str(rng.choice(OPENINGS))


def _review(opening: str, words: list[str]) -> str:
    text = " ".join([opening, *words] if opening else words) + " ."
    return text.replace(" ,", ",").replace(" .", ".")


def _label(sign: int) -> str:
    return "positive" if sign > 0 else "negative"


def write_ratings(
    path: Path,
    *,
    users: int = 200,
    items: int = 150,
    rank: int = 3,
    rows: int = 20000,
    noise: float = 0.25,
    seed: int = 0,
) -> None:
    """Write ``rows`` distinct (user, item) ratings from known latent factors to ``path``."""
    rng = np.random.default_rng(seed)
    user_bias = rng.normal(0.0, 0.4, users)
    item_bias = rng.normal(0.0, 0.4, items)
    user_factors = rng.normal(0.0, 1.0, (users, rank))
    item_factors = rng.normal(0.0, 1.0, (items, rank))
    scale = 0.7 / np.sqrt(rank)  # the dot product has sd 0.7 whatever the rank
    pairs = rng.choice(users * items, size=rows, replace=False)
    u, i = pairs // items, pairs % items
    dot = np.sum(user_factors[u] * item_factors[i], axis=1) * scale
    rating = 3.0 + user_bias[u] + item_bias[i] + dot + rng.normal(0.0, noise, rows)
    rating = np.round(np.clip(rating, 1.0, 5.0), 1)
    out = [(f"u{a}", f"i{b}", f"{r:.1f}") for a, b, r in zip(u, i, rating, strict=True)]
    _write_csv(path, ("user_id", "item_id", "rating"), out)


def _write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


#: name -> (file name, writer). Change the file name whenever a writer's output changes.
GENERATED_TABLES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "reviews": ("reviews-v1.csv", write_reviews),
    "ratings": ("ratings-v1.csv", write_ratings),
}


def generated_csv(name: str) -> Path:
    """The CSV file of the generated table ``name``, written first if it is not there yet."""
    if name not in GENERATED_TABLES:
        raise DataError(
            translate(
                "Data",
                "dataset.name {name} is not a generated table (known: "
                "{generated_tables}); give dataset.path for a CSV file of your own",
            ).format(name=repr(name), generated_tables=", ".join(GENERATED_TABLES)),
            field="name",
        )
    file_name, write = GENERATED_TABLES[name]
    path = data_dir() / "datasets" / file_name
    what = translate("Data", "the generated table {name}").format(name=repr(name))
    return write_once(path, write, what, folder=False)
