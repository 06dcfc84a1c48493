"""Pictures of a saliency: the input image and its heat overlay, as numpy and then QImage.

Kept apart from the view so the colour rules (which the caption describes in words) can be
read, and tested, in one place. Signed maps (integrated gradients, gradient x input) use a
diverging blue-red scale around zero, symmetric so that equal colours mean equal magnitudes;
Grad-CAM's non-negative maps use one yellow-to-red ramp. The heat's opacity follows its
strength, so pixels that did not matter show the input through.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QImage

from netbuilder.qt.theme import CAM_STRONG, CAM_WEAK, SALIENCY_LOWERED, SALIENCY_RAISED


def _rgb(color: str) -> np.ndarray:
    c = QColor(color)
    return np.array([c.red(), c.green(), c.blue()], dtype=np.float32)


POSITIVE = _rgb(SALIENCY_RAISED)  # red: raised the class's score
NEGATIVE = _rgb(SALIENCY_LOWERED)  # blue: lowered it
CAM_LOW = _rgb(CAM_WEAK)  # Grad-CAM, weak
CAM_HIGH = _rgb(CAM_STRONG)  # Grad-CAM, strong
# Signed maps: full colour from this quantile of the magnitudes up (scaled by the largest value,
# one outlier pixel left every other faint: the digits' IG maps read as a pale wash). Grad-CAM's
# maps are smooth and broad (a 4x4 layer upsampled): stretched from their lowest to their
# highest value, as Grad-CAM pictures usually are, or every region would look important.
SCALE_QUANTILE = 0.95


def display_rgb(x: np.ndarray) -> np.ndarray:
    """A channels-first sample (``[C, H, W]``, any range) -> ``[H, W, 3]`` floats in 0..255:
    three channels as colour, any other count as the grey of their mean; stretched to the
    full range (the network sees standardised values, which have no fixed range)."""
    a = np.asarray(x, dtype=np.float32)
    if a.ndim == 2:
        a = a[None]
    img = np.moveaxis(a, 0, -1) if a.shape[0] == 3 else np.repeat(a.mean(0)[..., None], 3, -1)
    lo, hi = float(img.min()), float(img.max())
    return (img - lo) * (255.0 / (hi - lo)) if hi > lo else np.full_like(img, 128.0)


def heat(values: np.ndarray, signed: bool) -> tuple[np.ndarray, np.ndarray]:
    """``[H, W]`` map -> (``[H, W, 3]`` colours, ``[H, W]`` strengths in 0..1)."""
    v = np.asarray(values, dtype=np.float32)
    if signed:
        scale = float(np.quantile(np.abs(v), SCALE_QUANTILE)) or float(np.abs(v).max()) or 1.0
        s = np.clip(v / scale, -1.0, 1.0)
        colour = np.where((s >= 0)[..., None], POSITIVE, NEGATIVE)
        return colour, np.abs(s)
    lo, hi = float(v.min()), float(v.max())
    s = (v - lo) / (hi - lo) if hi > lo else np.zeros_like(v)
    colour = CAM_LOW + (CAM_HIGH - CAM_LOW) * s[..., None]
    return colour, s


def overlay(x: np.ndarray, values: np.ndarray, signed: bool, opacity: float) -> np.ndarray:
    """The input in grey with the heat painted over it: ``[H, W, 3]`` uint8. At opacity 1 the
    strongest pixels show only the heat's colour; at 0 only the input."""
    grey = display_rgb(x).mean(-1, keepdims=True)
    grey = 255.0 - 0.4 * (255.0 - grey)  # faded, so that the heat keeps its colour above it
    colour, strength = heat(values, signed)
    alpha = np.clip(opacity * strength**0.75, 0.0, 1.0)[..., None]
    mixed: np.ndarray = (grey * (1 - alpha) + colour * alpha).round().astype(np.uint8)
    return mixed


def to_qimage(rgb: np.ndarray) -> QImage:
    """``[H, W, 3]`` (uint8 or 0..255 floats) -> an RGB QImage that owns its pixels."""
    a = np.ascontiguousarray(np.clip(rgb, 0, 255).round().astype(np.uint8))
    h, w = a.shape[:2]
    return QImage(a.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()
