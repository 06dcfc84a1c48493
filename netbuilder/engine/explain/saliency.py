"""Which pixels of one image drove a network's score for a class, computed with Captum.

Three methods, all on one sample of a network whose only input is an image (channels first,
``[C, H, W]``):

- ``attribute(..., "integrated_gradients")``: Captum's IntegratedGradients from a constant
  baseline (0 by default: the datasets netbuilder standardises have a training mean of 0 in
  every pixel, so the default baseline *is* the training mean; pass the mean image otherwise);
  50 Gauss-Legendre steps. Signed: positive values raised the score, negative lowered it.
- ``attribute(..., "gradient_x_input")``: Captum's InputXGradient, one backward pass. Signed.
- ``grad_cam``: Captum's LayerGradCam on a chosen 2-D convolution (``conv_layers`` lists them,
  the last first: the usual choice, its maps being the most class-specific), ReLU'd and
  upsampled to the input's height and width. One-sided, coarse (as coarse as the layer).

The scores explained are the network's raw outputs (logits); ``target`` indexes them. The
module is put in eval mode and back, its parameters' ``.grad`` are put back as they were, and
no hook stays on it: it is the same module afterwards, so the window can explain the weights
it shows. Not while the module trains (eval mode would leak into the run): after training.

Captum is imported inside the functions, never with this module: ``import captum.attr`` takes
about a second and imports matplotlib (given the Agg backend here so that it never looks for a
Qt one), and the window imports nothing of that weight before its first paint.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import torch
from torch import nn

from netbuilder.engine.network.compile import GraphModule
from netbuilder.model import NetbuilderError
from netbuilder.model.i18n import translate

__all__ = [
    "METHODS",
    "SaliencyError",
    "attribute",
    "conv_layers",
    "grad_cam",
    "image_problem",
    "pixel_map",
    "probabilities",
]

#: the methods of ``attribute`` (Grad-CAM, on a layer, is ``grad_cam``)
METHODS = ("integrated_gradients", "gradient_x_input")
IG_STEPS = 50
IG_BATCH = 25  # IG's steps run through the network this many at a time (bounds memory)
CONV_KINDS: tuple[type[nn.Module], ...] = (nn.Conv2d, nn.ConvTranspose2d)
# One explanation at a time: two on one module (a widget's stale one still finishing) would
# put each other's eval mode, gradients and Captum's layer hooks back at the wrong moment.
_one_at_a_time = threading.RLock()


class SaliencyError(NetbuilderError, ValueError):
    """The network, sample, class or layer cannot be explained; the message says why."""


def image_problem(module: nn.Module) -> str | None:
    """Why saliency cannot explain ``module`` (several inputs or outputs, an input that is not
    an image), or None. Reads the shapes a compiled network carries; other modules pass."""
    shapes = getattr(module, "input_shapes", None)
    if shapes is None:
        return None
    names = list(getattr(module, "input_ids", []))
    if len(shapes) != 1 and names:
        return translate(
            "Saliency",
            "saliency explains a network with one image input; this one takes {count} ({names})",
        ).format(count=len(shapes), names=", ".join(names))
    if len(shapes) != 1:
        return translate(
            "Saliency",
            "saliency explains a network with one image input; this one takes {count}",
        ).format(count=len(shapes))
    dtypes = list(getattr(module, "input_dtypes", ["float32"]))
    shape = tuple(shapes[0])
    if len(shape) != 3 or not str(dtypes[0]).startswith("float"):
        return translate(
            "Saliency",
            "saliency is for image inputs ([channels, height, width] floats); this network's "
            "input is {dtype} of shape [{shape}]",
        ).format(dtype=dtypes[0], shape=", ".join(str(d) for d in shape))
    outputs = getattr(module, "output_shapes", [()])
    if len(outputs) != 1:
        return translate(
            "Saliency", "saliency explains a network with one output; this one has {count}"
        ).format(count=len(outputs))
    return None


def conv_layers(module: nn.Module) -> list[str]:
    """Layer paths (node ids; ``block.node`` inside a block use) of the 2-D convolutions, the
    last one in execution order first."""
    layers = module.layers() if isinstance(module, GraphModule) else list(module.named_modules())
    return [name for name, layer in reversed(layers) if name and isinstance(layer, CONV_KINDS)]


def probabilities(module: nn.Module, x: Any) -> np.ndarray:
    """The softmax of the network's outputs for one sample (a sigmoid for a single output)."""
    sample = _sample(module, x)
    with _explaining(module), torch.no_grad():
        out = _scores(module)(sample)[0].float()
    probs = torch.sigmoid(out) if out.numel() == 1 else torch.softmax(out, dim=0)
    result: np.ndarray = probs.cpu().numpy()
    return result


def attribute(
    module: nn.Module,
    x: Any,
    target: int,
    method: str = "integrated_gradients",
    *,
    baseline: float | np.ndarray = 0.0,
) -> np.ndarray:
    """Per-input-value attribution of ``target``'s score for one sample ``x`` (``[C, H, W]``,
    or ``[1, C, H, W]``): an array of the sample's shape, without the batch dimension.

    ``baseline`` (integrated gradients only) is the "absent" input the path starts from.
    """
    attr_lib = _captum_attr()
    sample = _sample(module, x).requires_grad_(True)
    forward = _scores(module)
    target = _target(module, sample, target)
    with _explaining(module):
        if method == "integrated_gradients":
            base = torch.as_tensor(np.asarray(baseline, dtype=np.float32), device=sample.device)
            attr = attr_lib.IntegratedGradients(forward).attribute(
                sample,
                baselines=base.expand_as(sample).contiguous(),
                target=target,
                n_steps=IG_STEPS,
                internal_batch_size=IG_BATCH,
            )
        elif method == "gradient_x_input":
            attr = attr_lib.InputXGradient(forward).attribute(sample, target=target)
        else:
            known = ", ".join(METHODS)
            if method == "grad_cam":
                raise SaliencyError(
                    translate(
                        "Saliency",
                        "unknown attribution method {method}: one of {known} (Grad-CAM is "
                        "grad_cam(), on a layer)",
                    ).format(method=repr(method), known=known)
                )
            raise SaliencyError(
                translate("Saliency", "unknown attribution method {method}: one of {known}").format(
                    method=repr(method), known=known
                )
            )
    result: np.ndarray = attr.detach()[0].float().cpu().numpy()
    return result


def grad_cam(module: nn.Module, x: Any, target: int, layer: str | None = None) -> np.ndarray:
    """Grad-CAM of ``target`` on convolution ``layer`` (None: the last one) for one sample:
    a non-negative ``[H, W]`` map at the input's height and width."""
    attr_lib = _captum_attr()
    sample = _sample(module, x).requires_grad_(True)
    target = _target(module, sample, target)
    convs = conv_layers(module)
    if layer is None:
        if not convs:
            raise SaliencyError(
                translate(
                    "Saliency",
                    "Grad-CAM needs a 2-D convolution; this network has none",
                )
            )
        layer = convs[0]
    conv = _layer(module, layer, convs)
    with _explaining(module):
        cam = attr_lib.LayerGradCam(_scores(module), conv).attribute(
            sample, target=target, relu_attributions=True
        )
    cam = attr_lib.LayerAttribution.interpolate(
        cam.detach().float(), tuple(sample.shape[-2:]), interpolate_mode="bilinear"
    )
    result: np.ndarray = cam[0, 0].clamp_min(0).cpu().numpy()
    return result


def pixel_map(attribution: np.ndarray) -> np.ndarray:
    """``[C, H, W]`` attribution -> ``[H, W]``: a pixel's share is the sum over its channels
    (signed attributions add up to the score's change, so summing keeps their meaning)."""
    a = np.asarray(attribution)
    return a.sum(axis=0) if a.ndim == 3 else a


# --- helpers ----------------------------------------------------------------------------------


def _captum_attr() -> Any:
    """``captum.attr``, imported on first use (see the module's docstring for why)."""
    os.environ.setdefault("MPLBACKEND", "Agg")  # before captum imports matplotlib
    import captum.attr

    return captum.attr


def _sample(module: nn.Module, x: Any) -> torch.Tensor:
    """One sample as a float ``[1, C, H, W]`` tensor on the module's device (checked)."""
    problem = image_problem(module)
    if problem:
        raise SaliencyError(problem)
    t = torch.as_tensor(np.asarray(x) if not isinstance(x, torch.Tensor) else x).detach()
    if t.ndim == 4 and t.shape[0] == 1:
        t = t[0]
    expected = getattr(module, "input_shapes", [tuple(t.shape)])[0]
    if t.ndim != 3 or tuple(t.shape) != tuple(expected):
        raise SaliencyError(
            translate(
                "Saliency",
                "expected one image of shape [{value}], got [{value2}]",
            ).format(
                value=", ".join(str(d) for d in expected),
                value2=", ".join(str(d) for d in t.shape),
            )
        )
    device = next((p.device for p in module.parameters()), torch.device("cpu"))
    return t.to(device=device, dtype=torch.float32).unsqueeze(0).clone()


def _target(module: nn.Module, sample: torch.Tensor, target: int) -> int:
    with _explaining(module), torch.no_grad():
        n = int(_scores(module)(sample).shape[1])
    if not 0 <= int(target) < n:
        raise SaliencyError(
            translate(
                "Saliency",
                "class {target} does not exist: the network has {n} output(s)",
            ).format(target=target, n=n)
        )
    return int(target)


def _scores(module: nn.Module) -> Any:
    """The network as Captum calls it: ``[B, ...]`` in, ``[B, outputs]`` out."""

    def forward(x: torch.Tensor) -> torch.Tensor:
        out: torch.Tensor | tuple[torch.Tensor, ...] = module(x)
        if isinstance(out, tuple):
            raise SaliencyError(
                translate(
                    "Saliency",
                    "saliency explains a network with one output",
                )
            )
        return out.reshape(out.shape[0], -1)

    return forward


def _layer(module: nn.Module, layer: str, convs: list[str]) -> nn.Module:
    choices = ", ".join(convs)
    try:
        found = module.get_submodule(layer)
    except AttributeError:
        text = (
            translate(
                "Saliency", "the network has no layer {layer} (the 2-D convolutions: {choices})"
            )
            if convs
            else translate("Saliency", "the network has no layer {layer}")
        )
        raise SaliencyError(text.format(layer=repr(layer), choices=choices)) from None
    if not isinstance(found, CONV_KINDS):
        text = (
            translate(
                "Saliency",
                "{layer} is a {name} layer, not a 2-D convolution: Grad-CAM needs a "
                "convolution's feature maps (the 2-D convolutions: {choices})",
            )
            if convs
            else translate(
                "Saliency",
                "{layer} is a {name} layer, not a 2-D convolution: Grad-CAM needs a "
                "convolution's feature maps",
            )
        )
        raise SaliencyError(text.format(layer=layer, name=type(found).__name__, choices=choices))
    return found


@contextmanager
def _explaining(module: nn.Module) -> Iterator[None]:
    """Eval mode, and every parameter's ``.grad`` (the tensor itself) put back afterwards;
    one thread at a time."""
    with _one_at_a_time:
        modes = [(m, m.training) for m in module.modules()]
        grads = [(p, p.grad) for p in module.parameters()]
        module.eval()
        try:
            yield
        finally:
            for p, g in grads:
                p.grad = g
            for m, training in modes:
                m.training = training
