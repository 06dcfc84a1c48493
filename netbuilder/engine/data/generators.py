"""Synthetic datasets generated from a seed (no files, no downloads).

Every generator is balanced by construction, so its class counts are known without building it
(``*_counts``), which keeps the registry's ``info`` cheap. Inputs are float32, labels int64.
"""

from __future__ import annotations

import numpy as np


def even_counts(n: int, classes: int) -> tuple[int, ...]:
    """n samples over k classes: the first n % k classes get one more."""
    return tuple(n // classes + (1 if c < n % classes else 0) for c in range(classes))


def _labels(n: int, classes: int) -> np.ndarray:
    return np.concatenate(
        [np.full(c, i, dtype=np.int64) for i, c in enumerate(even_counts(n, classes))]
    )


def _jitter(x: np.ndarray, noise: float, rng: np.random.Generator) -> np.ndarray:
    if noise > 0:
        x = x + rng.normal(0.0, noise, size=x.shape)
    return x.astype(np.float32)


def moons(n_samples: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles (as scikit-learn's make_moons)."""
    rng = np.random.default_rng(seed)
    y = _labels(n_samples, 2)
    t = np.concatenate([np.linspace(0, np.pi, int((y == c).sum())) for c in (0, 1)])
    outer = np.stack([np.cos(t), np.sin(t)], axis=1)
    inner = np.stack([1 - np.cos(t), 0.5 - np.sin(t)], axis=1)
    x = np.where((y == 0)[:, None], outer, inner)
    return _jitter(x, noise, rng), y


def circles(
    n_samples: int, noise: float, seed: int, factor: float = 0.5
) -> tuple[np.ndarray, np.ndarray]:
    """A small circle inside a large one (as make_circles); class 1 is the inner circle."""
    rng = np.random.default_rng(seed)
    y = _labels(n_samples, 2)
    t = np.concatenate(
        [np.linspace(0, 2 * np.pi, int((y == c).sum()), endpoint=False) for c in (0, 1)]
    )
    radius = np.where(y == 0, 1.0, factor)
    x = np.stack([np.cos(t), np.sin(t)], axis=1) * radius[:, None]
    return _jitter(x, noise, rng), y


def spirals(
    n_samples: int, noise: float, seed: int, classes: int = 3, turns: float = 1.5
) -> tuple[np.ndarray, np.ndarray]:
    """``classes`` interleaved spiral arms starting near the origin."""
    rng = np.random.default_rng(seed)
    y = _labels(n_samples, classes)
    parts = []
    for c in range(classes):
        t = np.linspace(0.05, 1.0, int((y == c).sum()))
        angle = 2 * np.pi * (c / classes + turns * t)
        parts.append(np.stack([t * np.cos(angle), t * np.sin(angle)], axis=1))
    return _jitter(np.concatenate(parts), noise, rng), y


def xor(n_samples: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Points in the four quadrants of [-1, 1]^2; class 1 where the signs differ."""
    rng = np.random.default_rng(seed)
    y = _labels(n_samples, 2)
    quadrant = np.arange(n_samples) % 2  # two quadrants per class, alternating
    sign_a = np.where(quadrant == 0, 1.0, -1.0)
    sign_b = np.where(y == 0, sign_a, -sign_a)
    mag = rng.uniform(0.05, 1.0, size=(n_samples, 2))
    x = np.stack([sign_a * mag[:, 0], sign_b * mag[:, 1]], axis=1)
    return _jitter(x, noise, rng), y


def blobs(
    n_samples: int, noise: float, seed: int, classes: int = 3, features: int = 2
) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian clusters with std ``noise`` around centres drawn from [-10, 10]^features."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-10.0, 10.0, size=(classes, features))
    y = _labels(n_samples, classes)
    return _jitter(centres[y], noise, rng), y


def sine(n_samples: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Regression: y = sin(x) + noise for x in [-pi, pi]; targets are float32 [N, 1]."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-np.pi, np.pi, size=(n_samples, 1))
    y = np.sin(x) + (rng.normal(0.0, noise, size=x.shape) if noise > 0 else 0.0)
    return x.astype(np.float32), y.astype(np.float32)


def token_majority(
    n_samples: int, seed: int, classes: int = 3, vocab: int = 10, length: int = 20
) -> tuple[np.ndarray, np.ndarray]:
    """Token sequences [N, length] of int64 in 0..vocab-1; the label is which of the tokens
    0..classes-1 occurs most often (strictly), for Embedding + LSTM/GRU graphs."""
    rng = np.random.default_rng(seed)
    y = _labels(n_samples, classes)
    x = rng.integers(0, vocab, size=(n_samples, length))
    for i in range(n_samples):
        row, label = x[i], y[i]
        counts = np.bincount(row, minlength=vocab)[:classes]
        while counts[label] <= np.delete(counts, label).max(initial=0):
            others = np.flatnonzero(row != label)
            row[others[rng.integers(len(others))]] = label
            counts = np.bincount(row, minlength=vocab)[:classes]
    return x.astype(np.int64), y
