"""The "Try it" tab: one new sample through the trained network, preprocessed as in training.

It follows the document: enabled while the project holds weights, one editor per input of the
recipe saved with them (an image file or a drawing, a sentence, feature values, an id), and a
result area with the top classes and their probabilities (or the predicted values). It predicts
on demand (the button, or Enter in an editor) and again by itself when the weights change after
a prediction was shown. Every problem (a value the recipe refuses, weights that no longer fit an
edited graph) is one line in the panel, never a dialog.

The network is built on the GUI thread when first needed: one sample through a small network
takes milliseconds; torch is imported by then (the window loads it after its first paint).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from netbuilder.engine.data.recipe import Recipe
from netbuilder.model import NetbuilderError
from netbuilder.qt.i18n import QT_TRANSLATE_NOOP, localized, translate
from netbuilder.qt.tasks import Task, TaskContext
from netbuilder.qt.try_editors import InputEditor, editor_for

if TYPE_CHECKING:
    from netbuilder.engine.training.predict import Prediction, Predictor
    from netbuilder.model.results import ProjectResults
    from netbuilder.qt.document import Document

NO_WEIGHTS = QT_TRANSLATE_NOOP(
    "TryPanel", "Train the network (or open a trained project) to try it on a new sample."
)
NO_RECIPE = QT_TRANSLATE_NOOP(
    "TryPanel",
    "The weights were saved without how the data was prepared, and it cannot be rebuilt.",
)
TOP_K = 5
_BAR_STEPS = 1000
_KIND_TITLES = {
    "image": QT_TRANSLATE_NOOP("TryPanel", "Image"),
    "text": QT_TRANSLATE_NOOP("TryPanel", "Sentence"),
    "ids": QT_TRANSLATE_NOOP("TryPanel", "Id"),
    "tokens": QT_TRANSLATE_NOOP("TryPanel", "Token indices"),
}
_KIND_WORDS = {
    "ids": QT_TRANSLATE_NOOP("TryPanel", "id"),
    "features": QT_TRANSLATE_NOOP("TryPanel", "numbers"),
    "tokens": QT_TRANSLATE_NOOP("TryPanel", "token indices"),
    "image": QT_TRANSLATE_NOOP("TryPanel", "image"),
    "text": QT_TRANSLATE_NOOP("TryPanel", "text"),
}


class TryPanel(QWidget):
    """Editors for the inputs, a Predict button and the result."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tryPanel")
        self.document: Document | None = None
        self.recipe: Recipe | None = None
        self.predictor: Predictor | None = None
        self.editors: list[InputEditor] = []
        self.prediction: Prediction | None = None
        self.rebuilding: Task | None = None  # the data read for a project saved without a recipe
        self._rebuilt: Recipe | None = None  # what it gave, for these weights
        self._shown_once = False  # a prediction was shown: new weights predict again
        layout = QVBoxLayout(self)
        self.note = QLabel(translate("TryPanel", NO_WEIGHTS))
        self.note.setObjectName("tryNote")
        self.note.setWordWrap(True)
        self.note.setProperty("role", "help")
        layout.addWidget(self.note)
        self.inputs_box = QWidget()
        self.inputs_layout = QVBoxLayout(self.inputs_box)
        self.inputs_layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.inputs_box)
        self.predict_button = QPushButton(translate("TryPanel", "Predict"))
        self.predict_button.setObjectName("tryPredict")
        self.predict_button.setToolTip(
            translate("TryPanel", "Run the trained network on this sample (Enter)")
        )
        self.predict_button.clicked.connect(self.predict)
        layout.addWidget(self.predict_button)
        self.error = QLabel()
        self.error.setObjectName("tryError")
        self.error.setWordWrap(True)
        self.error.setProperty("role", "error")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        layout.addWidget(self.error)
        self.result_box = QGroupBox(translate("TryPanel", "Result"))
        self.result_box.setObjectName("tryResult")
        self.result_grid = QGridLayout(self.result_box)
        self.result_box.hide()
        layout.addWidget(self.result_box)
        layout.addStretch(1)
        self._set_enabled(False)

    # --- following the document -------------------------------------------------------------

    def set_document(self, document: Document) -> None:
        if self.document is not None:
            self.document.results_changed.disconnect(self._on_results)
            self.document.report_changed.disconnect(self._on_graph_checked)
        self.document = document
        document.results_changed.connect(self._on_results)
        document.report_changed.connect(self._on_graph_checked)
        self._shown_once = False
        self._on_results(document.results)

    def _on_graph_checked(self, _report: object) -> None:
        """The graph changed: the network is built again at the next prediction."""
        self.predictor = None

    def _on_results(self, results: ProjectResults) -> None:
        self.predictor = None
        self._rebuilt = None
        self._show_error(None)
        if not results.has_weights:
            self._set_recipe(None)
            self.note.setText(translate("TryPanel", NO_WEIGHTS))
            self._set_enabled(False)
            self._show_prediction(None)
            return
        self._set_enabled(True)
        if results.recipe is not None:
            try:
                self._set_recipe(Recipe.from_dict(results.recipe))
            except NetbuilderError as exc:
                self._set_recipe(None)
                self._show_error(
                    translate(
                        "TryPanel", "recipe.json: {error}; train it again to save its recipe"
                    ).format(error=localized(exc))
                )
                return
        else:  # saved before recipes were: rebuilt from the data when the tab is first shown
            self._set_recipe(None)
            if self.isVisible():
                self._ensure_predictor()
        if self._shown_once and self.isVisible():
            self.predict()  # new weights: the same sample, the new answer

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.recipe is None and self._has_weights():
            self._ensure_predictor()

    def _has_weights(self) -> bool:
        return self.document is not None and self.document.results.has_weights

    def _set_enabled(self, enabled: bool) -> None:
        self.predict_button.setEnabled(enabled and self.recipe is not None)
        self.inputs_box.setEnabled(enabled)

    def _set_recipe(self, recipe: Recipe | None) -> None:
        if recipe is not None and self.recipe is not None and recipe == self.recipe:
            return  # the same inputs: keep what the user entered
        self.recipe = recipe
        # Other inputs (another project opened): the last answer was about another sample.
        self._show_prediction(None)
        self._show_error(None)
        self._shown_once = False
        for editor in self.editors:
            editor.setParent(None)
            editor.deleteLater()
        self.editors = []
        while self.inputs_layout.count():
            taken = self.inputs_layout.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        if recipe is None:
            self._set_enabled(self._has_weights())
            return
        several = len(recipe.inputs) > 1
        for item in recipe.inputs:
            editor = editor_for(item)
            editor.submitted.connect(self.predict)
            self.editors.append(editor)
            if several:
                word = translate("TryPanel", _KIND_WORDS.get(item.kind, item.kind))
                self.inputs_layout.addWidget(
                    QLabel(
                        translate("TryPanel", "{input} ({kind})").format(input=item.name, kind=word)
                    )
                )
            elif item.kind != "features":
                title = translate("TryPanel", _KIND_TITLES.get(item.kind, item.kind))
                self.inputs_layout.addWidget(QLabel(title))
            self.inputs_layout.addWidget(editor)
        self.note.setText(_describe(recipe))
        self._set_enabled(True)

    # --- predicting -------------------------------------------------------------------------

    def _ensure_predictor(self) -> Predictor | None:
        """The network with the document's weights, built once per weights and graph."""
        if self.predictor is not None or self.document is None:
            return self.predictor
        from netbuilder.engine.loading import load_torch_engine

        load_torch_engine()
        from netbuilder.engine.training.predict import Predictor

        doc = self.document
        recipe = doc.results.recipe
        if recipe is None and self._rebuilt is not None:
            recipe = self._rebuilt.to_dict()
        if recipe is None:  # saved before recipes: rebuilt from the data, in a task
            self._rebuild_recipe()
            return None
        try:
            self.predictor = Predictor.from_project(
                doc.project, doc.results.weights, recipe, base_dir=doc.base_dir
            )
        except NetbuilderError as exc:
            self._show_error(localized(exc))
            return None
        if self.recipe is None:
            self._set_recipe(self.predictor.recipe)
        return self.predictor

    def _rebuild_recipe(self) -> None:
        """Weights saved without their recipe: read the data on a task's thread (an image
        folder takes seconds to decode) and build the network there; the editors follow."""
        if self.rebuilding is not None or self.document is None:
            return
        from netbuilder.engine.training.predict import Predictor

        doc = self.document
        project, results, base = doc.project, doc.results, doc.base_dir

        def build(_context: TaskContext) -> Predictor:
            return Predictor.from_project(project, results.weights, None, base_dir=base)

        task = Task(
            build, name=translate("TryPanel", "Rebuilding the recipe from the data"), owner=self
        )
        self.rebuilding = task
        self.note.setText(
            translate("TryPanel", "Reading the data to rebuild how it was prepared for training…")
        )

        def done(predictor: Predictor) -> None:
            if self.document is doc and doc.results is results:  # not stale
                self.predictor, self._rebuilt = predictor, predictor.recipe
                self._set_recipe(predictor.recipe)

        def failed(exc: BaseException) -> None:
            if self.document is doc and doc.results is results:
                self.note.setText(translate("TryPanel", NO_RECIPE))
                self._show_error(localized(exc))

        def ended() -> None:
            self.rebuilding = None

        task.returned.connect(done)
        task.errored.connect(failed)
        task.finished.connect(ended)
        task.start()

    def predict(self) -> None:
        """Run the sample in the editors through the network; the result or one error line."""
        if not self._has_weights() or self.recipe is None:
            return
        try:
            raw = {editor.item.name: editor.value() for editor in self.editors}
        except ValueError as exc:
            self._show_error(localized(exc))
            return
        predictor = self._ensure_predictor()
        if predictor is None:
            return
        try:
            prediction = predictor.predict(raw, top=TOP_K)
        except NetbuilderError as exc:
            self._show_error(localized(exc))
            return
        except (RuntimeError, ValueError) as exc:  # torch refusing a sample it cannot run
            self._show_error(
                translate("TryPanel", "the network cannot run this sample: {error}").format(
                    error=exc
                )
            )
            return
        self._show_error(None)
        self._shown_once = True
        self._show_prediction(prediction)

    def _show_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        if message:
            self.result_box.hide()

    def _show_prediction(self, prediction: Prediction | None) -> None:
        self.prediction = prediction
        while self.result_grid.count():
            item = self.result_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        if prediction is None:
            self.result_box.hide()
            return
        if prediction.task == "regression":
            for row, (name, value) in enumerate(prediction.values):
                self.result_grid.addWidget(QLabel(name), row, 0)
                shown = QLabel(f"{value:.6g}")
                shown.setObjectName("tryValue")
                shown.setProperty("role", "heading")
                self.result_grid.addWidget(shown, row, 1)
        else:
            for row, (name, p) in enumerate(prediction.classes):
                label = QLabel(f"<b>{name}</b>" if row == 0 else name)
                bar = QProgressBar()
                bar.setObjectName("tryProbability")
                bar.setRange(0, _BAR_STEPS)
                bar.setValue(round(p * _BAR_STEPS))
                bar.setFormat(f"{p * 100:.1f}%")
                bar.setTextVisible(True)
                self.result_grid.addWidget(label, row, 0)
                self.result_grid.addWidget(bar, row, 1)
        self.result_grid.setColumnStretch(1, 1)
        self.result_box.show()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Enter in any editor (they pass it on) predicts."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.predict()
            return
        super().keyPressEvent(event)


def _describe(recipe: Recipe) -> str:
    if recipe.task == "classification":
        return translate(
            "TryPanel",
            "Enter a sample; the network predicts one of {count} classes, preprocessed as in "
            "training.",
        ).format(count=len(recipe.class_names))
    if recipe.task == "binary":
        return translate(
            "TryPanel",
            "Enter a sample; the network predicts one of two classes, preprocessed as in training.",
        )
    if recipe.task == "regression":
        return translate(
            "TryPanel", "Enter a sample; the network predicts a value, preprocessed as in training."
        )
    return translate(
        "TryPanel", "Enter a sample; the network predicts {what}, preprocessed as in training."
    ).format(what=recipe.task)
