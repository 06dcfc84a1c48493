"""The chosen sample's saliency in the Evaluation tab's sample browser.

Choosing a sample of a network that takes one image explains its prediction beside the
browser's detail pane (``SaliencyView``: integrated gradients, gradient x input, Grad-CAM); for
other networks (features, text, several inputs, a regression) the view stays hidden, since there is
no picture to colour. A network with a single output (binary classification) has one score,
that of the positive class: its saliency is that class's, whichever class was predicted.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout

from netbuilder.qt.i18n import translate
from netbuilder.qt.training.saliency_view import SaliencyView
from netbuilder.qt.training.samples_view import SamplesBrowser


class SampleSaliency(QObject):
    """Explains ``browser``'s chosen sample in a ``SaliencyView``, a column after its detail
    pane (below it, the view would start under the bottom of a short results dock)."""

    def __init__(self, browser: SamplesBrowser) -> None:
        super().__init__(browser)
        self.browser = browser
        self.view = SaliencyView()
        self.view.setObjectName("sampleSaliency")
        self.view.hide()
        row = browser.browser.layout()
        assert isinstance(row, QHBoxLayout)
        row.addWidget(self.view, 3)
        browser.sample_chosen.connect(self._explain_chosen)
        browser.cleared.connect(self.clear)

    def clear(self) -> None:
        """Stale weights, another project: nothing explained, the view hidden."""
        self.view.clear()
        self.view.hide()

    def _explain_chosen(self, _index: int) -> None:
        from netbuilder.engine.explain.saliency import image_problem

        chosen = self.browser.chosen_sample()
        if (
            chosen is None
            or chosen.task == "regression"
            or len(chosen.inputs) != 1
            or image_problem(chosen.module) is not None
        ):
            self.clear()
            return
        x: Any = chosen.inputs[0][0]
        names = list(chosen.class_names)
        target: int | None = None
        # The output size from the compiled network's shapes (no forward pass here: one on
        # the GUI thread would wait for an explanation still finishing in its task).
        shapes = getattr(chosen.module, "output_shapes", None) or [()]
        if tuple(shapes[0]) == (1,):
            names, target = names[-1:] or [translate("SampleSaliency", "positive")], 0
        self.view.show()
        # No title: the detail pane beside it names the sample, and the caption the class.
        self.view.explain(chosen.module, x, target, names)
