"""Saliency on the digits CNN: maps of the input's shape that point at pixels that matter
(masking the top-attributed pixels costs the predicted class more than masking random ones),
clear refusals, and a module left as it was."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator

import numpy as np
import pytest
import torch
from torch import nn

from netbuilder.engine.explain.saliency import (
    SaliencyError,
    attribute,
    conv_layers,
    grad_cam,
    image_problem,
    pixel_map,
    probabilities,
)
from netbuilder.engine.network.compile import compile_graph
from netbuilder.io import load_project
from tests.engine.explain.digits import TrainedDigits, trained_digits_cnn
from tests.examples_support import example

N_SAMPLES = 20
TOP_K = 8  # of 64 pixels
RANDOM_DRAWS = 5


@pytest.fixture(autouse=True)
def _one_thread() -> Iterator[None]:
    """One intra-op thread: on this busy 2-core machine two made IG's 50 steps 10x slower
    on the main thread (the window computes on a task's thread, which is not affected)."""
    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(previous)


@pytest.fixture(scope="module")
def digits() -> TrainedDigits:
    return trained_digits_cnn()


def _masked(x: np.ndarray, pixels: np.ndarray) -> np.ndarray:
    """``x`` with the given flat pixel indices (every channel) set to the baseline, 0."""
    out = x.copy().reshape(x.shape[0], -1)
    out[:, pixels] = 0.0
    return out.reshape(x.shape)


def _drops(digits: TrainedDigits, scores: Callable[[np.ndarray, int], np.ndarray]) -> tuple:
    """Mean drop of the predicted class's probability when the top-k pixels by ``scores``
    are masked, and when k random pixels are (seeded draws), over the first test samples."""
    rng = np.random.default_rng(0)
    top, rand = [], []
    for x in digits.x_test[:N_SAMPLES]:
        p = probabilities(digits.module, x)
        c = int(p.argmax())
        pixel_scores = scores(x, c)
        assert pixel_scores.shape == x.shape[1:]
        order = np.argsort(-pixel_scores.reshape(-1), kind="stable")
        top.append(p[c] - probabilities(digits.module, _masked(x, order[:TOP_K]))[c])
        for _ in range(RANDOM_DRAWS):
            pick = rng.choice(pixel_scores.size, TOP_K, replace=False)
            rand.append(p[c] - probabilities(digits.module, _masked(x, pick))[c])
    return float(np.mean(top)), float(np.mean(rand))


@pytest.mark.parametrize("method", ["integrated_gradients", "gradient_x_input"])
def test_masking_the_top_attributed_pixels_costs_more_than_random_ones(digits, method) -> None:
    def scores(x: np.ndarray, c: int) -> np.ndarray:
        attr = attribute(digits.module, x, c, method)
        assert attr.shape == x.shape and attr.dtype == np.float32
        assert np.isfinite(attr).all() and np.abs(attr).max() > 0
        return pixel_map(attr)

    top, rand = _drops(digits, scores)
    assert top > rand + 0.05, (top, rand)


@pytest.mark.parametrize("layer", ["conv2d_2", "conv2d_1"])
def test_grad_cam_points_at_pixels_that_matter(digits, layer) -> None:
    def scores(x: np.ndarray, c: int) -> np.ndarray:
        cam = grad_cam(digits.module, x, c, layer)
        assert cam.shape == x.shape[1:] and (cam >= 0).all()
        return cam

    top, rand = _drops(digits, scores)
    assert top > rand + 0.02, (top, rand)


def test_integrated_gradients_add_up_to_the_change_of_the_score(digits) -> None:
    """IG's completeness: the attributions sum to score(x) - score(baseline), which says the
    zero baseline is the one used and the path integral is accurate."""
    x = digits.x_test[0]
    c = int(digits.y_test[0])
    attr = attribute(digits.module, x, c, "integrated_gradients")
    with torch.no_grad():
        digits.module.eval()
        score = digits.module(torch.as_tensor(x)[None])[0, c]
        base = digits.module(torch.zeros(1, *x.shape))[0, c]
    assert attr.sum() == pytest.approx(float(score - base), rel=0.02, abs=0.02)


def test_the_module_is_unchanged_and_results_repeat(digits) -> None:
    module = digits.module
    x = digits.x_test[1]
    module.train()
    module.linear_2.weight.grad = marker = torch.full_like(module.linear_2.weight, 7.0)
    before = {k: v.clone() for k, v in module.state_dict().items()}
    grads = [(p, p.grad, None if p.grad is None else p.grad.clone()) for p in module.parameters()]
    first = [
        attribute(module, x, 3, "integrated_gradients"),
        attribute(module, x, 3, "gradient_x_input"),
        grad_cam(module, x, 3),
    ]
    second = [
        attribute(module, torch.as_tensor(x)[None], 3, "integrated_gradients"),
        attribute(module, x, 3, "gradient_x_input"),
        grad_cam(module, x, 3, "conv2d_2"),
    ]
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)
    assert module.training and all(m.training for m in module.modules())
    assert module.linear_2.weight.grad is marker and float(marker.sum()) == 7.0 * marker.numel()
    for p, grad, copy in grads:
        assert p.grad is grad and (grad is None or torch.equal(grad, copy))
    after = module.state_dict()
    assert all(torch.equal(before[k], after[k]) for k in before)
    assert not module._forward_hooks and all(not m._forward_hooks for m in module.modules())
    module.linear_2.weight.grad = None
    module.eval()


def test_conv_layers_are_listed_last_first(digits) -> None:
    assert conv_layers(digits.module) == ["conv2d_2", "conv2d_1"]


def test_a_layer_that_is_not_a_convolution_is_refused(digits) -> None:
    x = digits.x_test[0]
    with pytest.raises(ValueError, match=r"linear_1 is a Linear layer, not a 2-D convolution"):
        grad_cam(digits.module, x, 0, "linear_1")
    with pytest.raises(SaliencyError, match=r"no layer 'nope'.*conv2d_2, conv2d_1"):
        grad_cam(digits.module, x, 0, "nope")


def test_bad_samples_classes_and_methods_are_refused(digits) -> None:
    x = digits.x_test[0]
    with pytest.raises(SaliencyError, match=r"expected one image of shape \[1, 8, 8\]"):
        attribute(digits.module, x[:, :4], 0)
    with pytest.raises(SaliencyError, match="class 10 does not exist: the network has 10"):
        attribute(digits.module, x, 10)
    with pytest.raises(SaliencyError, match="unknown attribution method 'saliency'"):
        attribute(digits.module, x, 0, "saliency")


def test_a_network_on_features_is_refused() -> None:
    module = compile_graph(load_project(example("digits_mlp")).project.graph)
    problem = image_problem(module)
    assert problem is not None and "saliency is for image inputs" in problem
    with pytest.raises(ValueError, match="saliency is for image inputs"):
        attribute(module, np.zeros(module.input_shapes[0], np.float32), 0)
    with pytest.raises(ValueError, match="saliency is for image inputs"):
        grad_cam(module, np.zeros(module.input_shapes[0], np.float32), 0)


def test_a_network_with_two_inputs_is_refused() -> None:
    module = compile_graph(load_project(example("ratings_recommender")).project.graph)
    problem = image_problem(module)
    assert problem is not None and "one image input; this one takes 2" in problem
    with pytest.raises(SaliencyError, match="this one takes 2"):
        probabilities(module, np.zeros((1, 8, 8), np.float32))


def test_a_network_without_convolutions_has_no_grad_cam() -> None:
    module = nn.Sequential(nn.Flatten(), nn.Linear(64, 10))
    assert conv_layers(module) == []
    with pytest.raises(SaliencyError, match="needs a 2-D convolution; this network has none"):
        grad_cam(module, np.zeros((1, 8, 8), np.float32), 0)


def test_importing_saliency_leaves_captum_and_matplotlib_unloaded() -> None:
    """They cost about a second; the window must not pay it before a saliency is asked for."""
    code = (
        "import sys, netbuilder.engine.explain.saliency; "
        "print(sorted(m for m in ('captum', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
