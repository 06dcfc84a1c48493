"""The saliency view on the digits CNN: computed off the GUI thread, shown at the input's size,
recomputed when the method, layer or class changes, and honest about what it cannot do."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from netbuilder.engine.explain.saliency import probabilities
from netbuilder.engine.network.compile import compile_graph
from netbuilder.io import load_project
from netbuilder.qt.training.saliency_images import overlay
from netbuilder.qt.training.saliency_view import COMPUTING, SaliencyView
from tests.engine.explain.digits import TrainedDigits, trained_digits_cnn
from tests.examples_support import example

TIMEOUT = 20_000


@pytest.fixture(scope="module")
def digits() -> TrainedDigits:
    return trained_digits_cnn()


@pytest.fixture
def view(qtbot) -> SaliencyView:
    v = SaliencyView()
    qtbot.addWidget(v)
    v.resize(500, 300)
    return v


def _explain(qtbot, view: SaliencyView, digits: TrainedDigits, i: int = 0, target=None):
    with qtbot.waitSignal(view.shown, timeout=TIMEOUT):
        task = view.explain(digits.module, digits.x_test[i], target, digits.class_names, "s")
        assert task is not None and view.status.text() == COMPUTING
    return task


def _pixels(view: SaliencyView) -> np.ndarray:
    image = view.overlay_pane.image
    return np.array([[image.pixelColor(c, r).getRgb()[:3] for c in range(8)] for r in range(8)])


def test_a_digit_is_explained_for_its_predicted_class(qtbot, view, digits) -> None:
    _explain(qtbot, view, digits)
    predicted = int(probabilities(digits.module, digits.x_test[0]).argmax())
    name = digits.class_names[predicted]
    for pane in (view.input_pane, view.overlay_pane):
        assert (pane.image.width(), pane.image.height()) == (8, 8)
    assert view.class_combo.currentIndex() == predicted
    assert view.class_combo.currentText().endswith("(predicted)")
    assert f"raised the probability of '{name}'" in view.caption.text()
    assert view.status.text().startswith(f"Predicted '{name}'")
    assert view.task is None and not view.layer_combo.isEnabled()
    view.show()
    shot = view.grab()
    assert shot.width() == 500 and view.overlay_pane.image_rect().width() >= 100


def test_changing_method_layer_and_class_recomputes(qtbot, view, digits) -> None:
    _explain(qtbot, view, digits, target=3)
    assert view.class_combo.currentIndex() == 3
    integrated = _pixels(view)
    with qtbot.waitSignal(view.shown, timeout=TIMEOUT):
        view.method_combo.setCurrentIndex(1)  # gradient x input
    assert view.method == "gradient_x_input" and not np.array_equal(_pixels(view), integrated)

    with qtbot.waitSignal(view.shown, timeout=TIMEOUT):
        view.method_combo.setCurrentIndex(2)
    layers = [view.layer_combo.itemText(i) for i in range(view.layer_combo.count())]
    assert layers == ["conv2d_2", "conv2d_1"] and view.layer_combo.isEnabled()
    assert "where conv2d_2's features raised" in view.caption.text()
    with qtbot.waitSignal(view.shown, timeout=TIMEOUT):
        view.layer_combo.setCurrentIndex(1)
    assert "conv2d_1's features" in view.caption.text()

    with qtbot.waitSignal(view.shown, timeout=TIMEOUT):
        view.class_combo.setCurrentIndex(5)
    assert "of '5'" in view.caption.text() and view.class_combo.currentIndex() == 5


def test_the_opacity_only_repaints(qtbot, view, digits) -> None:
    _explain(qtbot, view, digits)
    view.opacity.setValue(0)
    assert view.task is None  # nothing recomputed
    rgb = _pixels(view)
    assert (rgb[..., 0] == rgb[..., 1]).all() and (rgb[..., 1] == rgb[..., 2]).all()  # grey
    view.opacity.setValue(100)
    assert not (_pixels(view)[..., 0] == _pixels(view)[..., 2]).all()


def test_a_newer_sample_wins_over_one_still_computing(qtbot, view, digits) -> None:
    view.explain(digits.module, digits.x_test[0], None, digits.class_names, "first")
    with qtbot.waitSignal(view.shown, timeout=TIMEOUT) as blocker:
        view.explain(digits.module, digits.x_test[1], 4, digits.class_names, "second")
    assert blocker.signal_triggered and view.class_combo.currentIndex() == 4
    assert view.title.text() == "second"
    qtbot.waitUntil(lambda: not any(t.is_running for t in _tasks()), timeout=TIMEOUT)


def test_a_failure_is_shown(qtbot, view, digits) -> None:
    with qtbot.waitSignal(view.failed, timeout=TIMEOUT) as blocker:
        view.explain(digits.module, digits.x_test[0][:, :4], None, digits.class_names, "")
    assert "expected one image of shape [1, 8, 8]" in blocker.args[0]
    assert view.status.text().startswith("Saliency failed: expected one image")


def test_a_network_on_features_is_not_explained(qtbot, view) -> None:
    module = compile_graph(load_project(example("digits_mlp")).project.graph)
    assert view.explain(module, np.zeros(64, np.float32), None, ["a"], "") is None
    assert view.status.text().startswith("Saliency is for image inputs")
    assert not view.method_combo.isEnabled() and view.input_pane.image.isNull()


def test_a_colour_image_is_shown_in_colour(qtbot, view) -> None:
    """Three channels first are shown as RGB; a network without a 2-D convolution is not
    offered Grad-CAM."""
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    conv = torch.nn.Sequential(
        torch.nn.Conv2d(3, 4, 3, padding=1), torch.nn.Flatten(), torch.nn.Linear(4 * 36, 2)
    )
    x = np.zeros((3, 6, 6), np.float32)
    x[0, :3] = 1.0  # top half red, bottom half black
    with qtbot.waitSignal(view.shown, timeout=TIMEOUT):
        view.explain(conv, x, 1, ["no", "yes"], "")
    image = view.input_pane.image
    assert (image.width(), image.height()) == (6, 6)
    assert image.pixelColor(0, 0).getRgb()[:3] == (255, 0, 0)
    assert image.pixelColor(0, 5).getRgb()[:3] == (0, 0, 0)
    assert "of 'yes'" in view.caption.text()
    grad_cam_item = view.method_combo.model().item(2)
    assert grad_cam_item.isEnabled() and view.layer_combo.itemText(0) == "0"

    flat = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(3 * 36, 2))
    with qtbot.waitSignal(view.shown, timeout=TIMEOUT):
        view.explain(flat, x, 0, ["no", "yes"], "")
    assert not grad_cam_item.isEnabled() and view.layer_combo.count() == 0


def test_a_single_output_below_one_half_predicts_the_other_class(qtbot, view) -> None:
    """A binary network's one score is its positive class's: under 0.5 it was not predicted."""
    torch = pytest.importorskip("torch")
    net = torch.nn.Sequential(torch.nn.Conv2d(1, 2, 3, padding=1), torch.nn.Flatten(),
                              torch.nn.Linear(2 * 36, 1))  # fmt: skip
    with torch.no_grad():
        net[2].weight.zero_()
        net[2].bias.fill_(-2.0)  # sigmoid(-2) = 12%
    x = np.ones((1, 6, 6), np.float32)
    with qtbot.waitSignal(view.shown, timeout=TIMEOUT):
        view.explain(net, x, 0, ["dog"], "")
    assert view.status.text().startswith("Predicted not 'dog' (12% for it)")
    assert "(predicted)" not in view.class_combo.itemText(0)


def test_heat_colours_follow_the_sign() -> None:
    x = np.zeros((1, 2, 2), np.float32)
    rgb = overlay(x, np.array([[1.0, -1.0], [0.0, 0.0]]), signed=True, opacity=1.0).astype(int)
    assert rgb[0, 0, 0] > rgb[0, 0, 2] and rgb[0, 1, 2] > rgb[0, 1, 0]  # red, then blue
    assert rgb[1, 0, 0] == rgb[1, 0, 2]  # no attribution: the input's grey


def test_the_view_imports_neither_torch_nor_captum() -> None:
    code = (
        "import sys, netbuilder.qt.training.saliency_view; "
        "print(sorted(m for m in ('torch', 'captum') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _tasks():
    from netbuilder.qt.tasks import registry

    return registry().tasks()
