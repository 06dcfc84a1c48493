"""Training-time image augmentation: random flip, rotation, resized crop and colour jitter.

Options (an image_folder binding's ``options.augment``, checked by ``DatasetBinding.validate``):
``flip`` (bool: horizontal flip with p = 0.5), ``rotate`` (max degrees, 0-45), ``crop`` (a
random resized crop keeping an area fraction in [1 - crop, 1], 0-0.5) and ``jitter``
(brightness and contrast each +/- jitter, 0-0.5). Absent or 0 = off.

Pure PyTorch (one ``affine_grid`` + ``grid_sample`` for the geometry, elementwise ops for the
colour) so that it runs on the trainer's device without another dependency. The random draws
come from the augmenter's own CPU generator, seeded from training.seed and the step number:
the same seed gives the same augmented batches on any device, a resumed run augments its next
steps as the uninterrupted run would (no state to checkpoint), and the global RNG is never
touched. kornia 0.9 was tried
(it works with the CPU build of torch here), but its random parameters come from the global
RNG and it adds ~31 MB with its Rust wheel for these four transforms.

Batches are usually standardised per channel: the trainer passes ``pixel_range``, what the
full pixel range (1.0, or 255 unscaled) measures in the batch's units (range / std), so the
brightness shift means the same fraction of the range with or without standardisation.
Contrast scales around each image's per-channel mean, which commutes with standardisation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812 - the usual name

__all__ = ["Augmenter", "augmenter_from", "preview"]

_MIX = 0x9E3779B97F4A7C15  # spreads (seed, step) pairs over the generator's seeds
_SEED_MOD = 2**63


class Augmenter:
    """Callable on a float batch [B, C, H, W] on any device; returns a new augmented batch."""

    def __init__(
        self,
        options: Mapping[str, Any],
        seed: int,
        *,
        pixel_range: float | Sequence[float] = 1.0,
    ) -> None:
        self.flip = bool(options.get("flip", False))
        self.rotate = float(options.get("rotate", 0) or 0)
        self.crop = float(options.get("crop", 0) or 0)
        self.jitter = float(options.get("jitter", 0) or 0)
        self.seed = int(seed)
        self.generator = torch.Generator().manual_seed(self.seed)
        self._range = torch.as_tensor(pixel_range, dtype=torch.float32).reshape(-1)

    @property
    def active(self) -> bool:
        return self.flip or self.rotate > 0 or self.crop > 0 or self.jitter > 0

    def __call__(self, x: torch.Tensor, step: int | None = None) -> torch.Tensor:
        """Augment ``x``; with ``step`` the draws depend only on (seed, step)."""
        if x.ndim != 4 or not self.active:
            return x
        if step is not None:
            self.generator.manual_seed((self.seed * _MIX + step) % _SEED_MOD)
        n = x.shape[0]
        if self.rotate > 0 or self.crop > 0:
            x = self._geometry(x)
        elif self.flip:
            mask = self._uniform(n) < 0.5
            mask = mask.to(x.device, non_blocking=True).reshape(n, 1, 1, 1)
            x = torch.where(mask, x.flip(-1), x)
        if self.jitter > 0:
            x = self._colour(x)
        return x

    def _uniform(self, *shape: int) -> torch.Tensor:
        return torch.rand(shape, generator=self.generator)

    def _geometry(self, x: torch.Tensor) -> torch.Tensor:
        n, _, height, width = x.shape
        angle = (self._uniform(n) * 2 - 1) * math.radians(self.rotate)
        area = 1 - self._uniform(n) * self.crop  # the crop's share of the image's area
        side = area.sqrt()  # same aspect ratio: each side scales by sqrt(area)
        shift = (self._uniform(n, 2) * 2 - 1) * (1 - side).unsqueeze(1)
        sign = torch.ones(n)
        if self.flip:
            sign = torch.where(self._uniform(n) < 0.5, -1.0, 1.0)
        cos, sin = angle.cos() * side, angle.sin() * side
        aspect = height / width  # a rotation in pixels, written in normalised coordinates
        theta = torch.stack(
            [
                torch.stack([cos * sign, -sin * aspect, shift[:, 0]], dim=1),
                torch.stack([sin / aspect * sign, cos, shift[:, 1]], dim=1),
            ],
            dim=1,
        ).to(device=x.device, dtype=x.dtype, non_blocking=True)
        grid = F.affine_grid(theta, list(x.shape), align_corners=False)
        return F.grid_sample(x, grid, mode="bilinear", padding_mode="border", align_corners=False)

    def _colour(self, x: torch.Tensor) -> torch.Tensor:
        n, c = x.shape[:2]
        brightness = (self._uniform(n, 1) * 2 - 1) * self.jitter * self._range[:c].reshape(1, -1)
        contrast = 1 + (self._uniform(n, 1) * 2 - 1) * self.jitter
        params = torch.cat([brightness.expand(n, c), contrast.expand(n, c)], dim=1)
        params = params.to(device=x.device, dtype=x.dtype, non_blocking=True)
        shift, scale = params[:, :c, None, None], params[:, c:, None, None]
        mean = x.mean(dim=(2, 3), keepdim=True)
        return (x - mean) * scale + mean + shift


def augmenter_from(
    options: Mapping[str, Any] | None,
    seed: int,
    *,
    std: np.ndarray | None = None,
    scaled: bool = True,
) -> Augmenter | None:
    """The augmenter of a binding's ``augment`` options, or None when nothing is switched on.
    ``std`` (per channel) and ``scaled`` say what the pixel range measures in the batches."""
    if not options:
        return None
    full = 1.0 if scaled else 255.0
    pixel_range: float | list[float] = full
    if std is not None:
        pixel_range = [full / float(s) for s in np.ravel(std)]
    aug = Augmenter(options, seed, pixel_range=pixel_range)
    return aug if aug.active else None


def preview(images: np.ndarray, options: Mapping[str, Any], seed: int) -> np.ndarray:
    """``images`` [N, C, H, W] float32 in [0, 1] as training would see them augmented (the Data
    tab's "show augmented"); the same seed gives the same pictures."""
    x = torch.from_numpy(np.ascontiguousarray(images, dtype=np.float32))
    out = Augmenter(options, seed)(x)
    result: np.ndarray = out.clamp(0.0, 1.0).numpy().astype(np.float32, copy=False)
    return result
