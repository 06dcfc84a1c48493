"""Which pixels of one image drove the network's prediction: the input beside its saliency.

``SaliencyView.explain(module, x, target, class_names, title)`` shows one sample; the method
(integrated gradients, gradient x input, Grad-CAM on a chosen convolution), the class explained
(the predicted one unless told) and the overlay's opacity are the user's to change. The numbers
come from ``engine.explain.saliency`` and are computed in a ``Task``, so the window never waits
on Captum; a result is shown only if nothing newer was asked meanwhile. The engine (torch,
Captum) is imported when a first sample is explained, never when the window starts.
"""

from __future__ import annotations

from html import escape
from typing import Any

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, translate
from netbuilder.qt.tasks import Task, TaskContext
from netbuilder.qt.theme import CAM_STRONG, CAM_WEAK, SALIENCY_LOWERED, SALIENCY_RAISED, ink_on
from netbuilder.qt.training.saliency_images import display_rgb, overlay, to_qimage

#: (method key, what the user reads); the engine's keys, Grad-CAM last
METHODS = (
    ("integrated_gradients", QT_TRANSLATE_NOOP("SaliencyView", "Integrated gradients")),
    ("gradient_x_input", QT_TRANSLATE_NOOP("SaliencyView", "Gradient × input")),  # noqa: RUF001
    ("grad_cam", "Grad-CAM"),
)
COMPUTING = QT_TRANSLATE_NOOP("SaliencyView", "Computing…")
NOTHING = QT_TRANSLATE_NOOP(
    "SaliencyView", "Choose a test sample to see which of its pixels drove the prediction."
)
DEFAULT_OPACITY = 80  # percent


def chip(word: str, color: str) -> str:
    """``word`` on a chip of the overlay's ``color`` (in readable ink), so that the caption
    names the very colour painted, on a light and a dark theme alike."""
    ink = ink_on(color).name()
    return f"<span style='background:{color}; color:{ink}'><b>&nbsp;{word}&nbsp;</b></span>"


class ImagePane(QWidget):
    """One image, scaled to fit and centred; square pixels, kept sharp when enlarged a lot
    (an 8x8 digit is 64 pixels the user should be able to count)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.image = QImage()
        self.setMinimumSize(48, 48)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_image(self, image: QImage) -> None:
        self.image = image
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(160, 160)

    def image_rect(self) -> QRectF:
        """Where the image is drawn: the largest rectangle of its aspect that fits, centred."""
        if self.image.isNull():
            return QRectF()
        scale = min(self.width() / self.image.width(), self.height() / self.image.height())
        w, h = self.image.width() * scale, self.image.height() * scale
        return QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        if self.image.isNull():
            return
        rect = self.image_rect()
        painter = QPainter(self)
        smooth = rect.width() < 4 * self.image.width()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
        painter.drawImage(rect, self.image)
        painter.end()


class SaliencyView(QWidget):
    """The input and its saliency side by side, with the method, layer, class and opacity."""

    shown = Signal()  # a saliency map is on screen (the newest asked for)
    failed = Signal(str)  # computing it failed; the message is shown too

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saliencyView")
        self.title = QLabel("")
        self.title.setProperty("role", "heading")
        self.method_combo = QComboBox()
        self.method_combo.setObjectName("saliencyMethod")
        for key, label in METHODS:
            self.method_combo.addItem(translate("SaliencyView", label), key)
        self.method_combo.setToolTip(
            translate(
                "SaliencyView",
                "Integrated gradients: exact shares of the score, from a blank (zero) image\n"
                "Gradient × input: one gradient, fast and noisier\n"  # noqa: RUF001
                "Grad-CAM: where a convolution layer's features drove the score (coarse)",
            )
        )
        self.layer_combo = QComboBox()
        self.layer_combo.setObjectName("saliencyLayer")
        self.layer_combo.setToolTip(
            translate("SaliencyView", "The convolution whose feature maps Grad-CAM reads")
        )
        self.class_combo = QComboBox()
        self.class_combo.setObjectName("saliencyClass")
        self.class_combo.setToolTip(translate("SaliencyView", "The class whose score is explained"))
        self.opacity = QSlider(Qt.Orientation.Horizontal)
        self.opacity.setObjectName("saliencyOpacity")
        self.opacity.setRange(0, 100)
        self.opacity.setValue(DEFAULT_OPACITY)
        self.opacity.setToolTip(translate("SaliencyView", "Opacity of the heat over the input"))
        for combo in (self.method_combo, self.layer_combo, self.class_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)

        self.input_pane = ImagePane("saliencyInput")
        self.overlay_pane = ImagePane("saliencyOverlay")
        self.caption = QLabel("")
        self.caption.setObjectName("saliencyCaption")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.status = QLabel(translate("SaliencyView", NOTHING))
        self.status.setObjectName("saliencyStatus")
        self.status.setWordWrap(True)
        self.status.setProperty("role", "help")

        # One row of controls (the view often sits in a short results dock), two in a narrow one.
        controls = self._controls = QGridLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        self.opacity.setMinimumWidth(60)
        self.opacity.setMaximumWidth(100)
        self.set_narrow(False)
        images = QHBoxLayout()
        images.addWidget(self.input_pane, 1)
        images.addWidget(self.overlay_pane, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.title)
        layout.addLayout(controls)
        layout.addLayout(images, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.status)

        self.task: Task | None = None  # the newest computation, while it runs
        self._module: Any = None
        self._x: np.ndarray | None = None
        self._names: list[str] = []
        self._probs: np.ndarray | None = None
        self._map: np.ndarray | None = None  # the [H, W] map shown
        self._signed = True
        self._target_chosen = False  # else the predicted class is explained
        self.method_combo.currentIndexChanged.connect(self._method_changed)
        self.layer_combo.currentIndexChanged.connect(lambda _i: self._recompute())
        self.class_combo.currentIndexChanged.connect(lambda _i: self._recompute())
        self.opacity.valueChanged.connect(lambda _v: self._draw_overlay())
        self._set_enabled(False)

    # --- what the caller uses -----------------------------------------------------------------

    def set_narrow(self, narrow: bool) -> None:
        """The method, layer, class and opacity controls in one row, or in two (narrow)."""
        per_row = 2 if narrow else 4
        widgets = (self.method_combo, self.layer_combo, self.class_combo, self.opacity)
        for k, widget in enumerate(widgets):
            self._controls.addWidget(widget, k // per_row, k % per_row)
        for column in range(4):
            self._controls.setColumnStretch(column, 0 if column >= per_row else 1)

    def explain(
        self,
        module: Any,
        x: Any,
        target: int | None,
        class_names: list[str],
        title: str = "",
    ) -> Task | None:
        """Show sample ``x`` (one ``[C, H, W]`` image) of ``module``'s input and start computing
        the saliency of class ``target`` (None: the predicted class). Returns the task, or None
        when the network cannot be explained (the view says why)."""
        from netbuilder.engine.explain.saliency import conv_layers, image_problem

        self.cancel()
        self.title.setText(title)
        self.title.setVisible(bool(title))
        self._map, self._probs = None, None
        self.caption.clear()
        self.overlay_pane.set_image(QImage())
        problem = image_problem(module)
        if problem is not None:
            self._module, self._x = None, None
            self.input_pane.set_image(QImage())
            self._set_enabled(False)
            self.status.setText(problem[0].upper() + problem[1:] + ".")
            return None
        self._module = module
        self._x = np.asarray(x.detach().cpu() if hasattr(x, "detach") else x, dtype=np.float32)
        self._names = list(class_names)
        self.input_pane.set_image(to_qimage(display_rgb(self._x.reshape(self._x.shape[-3:]))))
        with _quiet(self.layer_combo, self.class_combo):
            self.layer_combo.clear()
            convs = conv_layers(module)
            self.layer_combo.addItems(convs)
            self._allow_grad_cam(bool(convs))
            self.class_combo.clear()
            self.class_combo.addItems(self._names)
            if target is not None:
                self.class_combo.setCurrentIndex(int(target))
        self._target_chosen = target is not None
        self._set_enabled(True)
        return self._recompute()

    def clear(self) -> None:
        """Nothing shown (another project, new weights)."""
        self.cancel()
        self._module, self._x, self._map, self._probs = None, None, None, None
        for pane in (self.input_pane, self.overlay_pane):
            pane.set_image(QImage())
        self.title.clear()
        self.caption.clear()
        self.status.setText(translate("SaliencyView", NOTHING))
        self._set_enabled(False)

    def cancel(self) -> None:
        """Forget the computation under way: its result will not be shown."""
        task, self.task = self.task, None
        if task is not None:
            task.cancel()

    @property
    def method(self) -> str:
        return str(self.method_combo.currentData())

    # --- computing off the GUI thread ---------------------------------------------------------

    def _method_changed(self, _index: int) -> None:
        self.layer_combo.setEnabled(self._module is not None and self.method == "grad_cam")
        self._recompute()

    def _recompute(self) -> Task | None:
        if self._module is None or self._x is None:
            return None
        self.cancel()
        module, x, method = self._module, self._x, self.method
        layer = self.layer_combo.currentText() or None
        target = self.class_combo.currentIndex() if self._target_chosen else None
        known = self._probs

        def work(context: TaskContext) -> tuple[np.ndarray, int, np.ndarray]:
            from netbuilder.engine.explain import saliency

            probs = known if known is not None else saliency.probabilities(module, x)
            chosen = int(probs.argmax()) if target is None else target
            context.check()
            if method == "grad_cam":
                return probs, chosen, saliency.grad_cam(module, x, chosen, layer)
            return probs, chosen, saliency.pixel_map(saliency.attribute(module, x, chosen, method))

        task = Task(work, name=translate("SaliencyView", "Computing the saliency"), owner=self)
        task.returned.connect(lambda result: self._computed(task, method, layer, *result))
        task.errored.connect(lambda exc: self._failed(task, exc))
        task.finished.connect(lambda: self._ended(task))
        self.task = task
        self.status.setText(translate("SaliencyView", COMPUTING))
        return task.start()

    def _computed(
        self, task: Task, method: str, layer: str | None, probs: Any, target: int, values: Any
    ) -> None:
        if task is not self.task:
            return
        self._probs = np.asarray(probs)
        self._map, self._signed = np.asarray(values), method != "grad_cam"
        self._target_chosen = True  # from now on the combo says which class is explained
        self._label_classes(target)
        self._draw_overlay()
        self.caption.setText(self._caption(method, layer, target))
        self.status.setText(self._prediction_line())
        self.shown.emit()

    def _failed(self, task: Task, exc: BaseException) -> None:
        if task is self.task:
            from netbuilder.qt.training.panel import error_text

            message = error_text(exc)
            self.status.setText(
                translate("SaliencyView", "Saliency failed: {error}").format(error=message)
            )
            self.failed.emit(message)

    def _ended(self, task: Task) -> None:
        if task is self.task:
            self.task = None

    # --- showing ------------------------------------------------------------------------------

    def _draw_overlay(self) -> None:
        if self._map is None or self._x is None:
            return
        x = self._x.reshape(self._x.shape[-3:])
        rgb = overlay(x, self._map, self._signed, self.opacity.value() / 100)
        self.overlay_pane.set_image(to_qimage(rgb))

    def _label_classes(self, target: int) -> None:
        """Class names with their probabilities; the predicted one marked."""
        if self._probs is None:
            return
        predicted = self._predicted()
        with _quiet(self.class_combo):
            for i, name in enumerate(self._names[: len(self._probs)]):
                share = f"{self._probs[i]:.0%}"
                if i == predicted:
                    text = translate("SaliencyView", "{name}: {share} (predicted)")
                else:
                    text = translate("SaliencyView", "{name}: {share}")
                self.class_combo.setItemText(i, text.format(name=name, share=share))
            self.class_combo.setCurrentIndex(target)

    def _class_name(self, i: int) -> str:
        return self._names[i] if i < len(self._names) else str(i)

    def _caption(self, method: str, layer: str | None, target: int) -> str:
        name = escape(self._class_name(target))
        if method == "grad_cam":
            return translate(
                "SaliencyView",
                "{red} to {yellow}: where {layer}'s features raised the probability of '{name}' "
                "(strongest to weaker).",
            ).format(
                red=chip(translate("SaliencyView", "Red"), CAM_STRONG),
                yellow=chip(translate("SaliencyView", "yellow"), CAM_WEAK),
                layer=escape(layer or ""),
                name=name,
            )
        return translate(
            "SaliencyView",
            "{red}: pixels that raised the probability of '{name}'; {blue}: pixels that "
            "lowered it.",
        ).format(
            red=chip(translate("SaliencyView", "Red"), SALIENCY_RAISED),
            blue=chip(translate("SaliencyView", "blue"), SALIENCY_LOWERED),
            name=name,
        )

    def _predicted(self) -> int:
        """The predicted class; -1 for a single output (binary) below one half: the other class,
        which has no score of its own to explain."""
        assert self._probs is not None
        if len(self._probs) == 1:
            return 0 if self._probs[0] >= 0.5 else -1
        return int(self._probs.argmax())

    def _prediction_line(self) -> str:
        if self._probs is None:
            return ""
        top = self._predicted()
        if top < 0:
            return translate("SaliencyView", "Predicted not '{name}' ({share} for it).").format(
                name=self._class_name(0), share=f"{self._probs[0]:.0%}"
            )
        return translate("SaliencyView", "Predicted '{name}' ({share}).").format(
            name=self._class_name(top), share=f"{self._probs[top]:.0%}"
        )

    def _allow_grad_cam(self, allowed: bool) -> None:
        """Grad-CAM is offered only for a network with a 2-D convolution."""
        model = self.method_combo.model()
        if isinstance(model, QStandardItemModel):
            item = model.item(len(METHODS) - 1)
            item.setEnabled(allowed)
            item.setToolTip(
                ""
                if allowed
                else translate("SaliencyView", "Grad-CAM needs a 2-D convolution layer")
            )
        if not allowed and self.method == "grad_cam":
            self.method_combo.setCurrentIndex(0)

    def _set_enabled(self, on: bool) -> None:
        for widget in (self.method_combo, self.class_combo, self.opacity):
            widget.setEnabled(on)
        self.layer_combo.setEnabled(on and self.method == "grad_cam")


class _quiet:  # noqa: N801 - used as a context manager, reads as a phrase
    """Block the widgets' signals while the view fills them in."""

    def __init__(self, *widgets: QWidget) -> None:
        self._widgets = widgets

    def __enter__(self) -> None:
        for w in self._widgets:
            w.blockSignals(True)

    def __exit__(self, *_exc: object) -> None:
        for w in self._widgets:
            w.blockSignals(False)
