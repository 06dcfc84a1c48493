"""The "Try it" tab: editors built from the saved recipe, real key and mouse input, results
and errors in the panel."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDoubleSpinBox, QMessageBox, QProgressBar

from netbuilder.engine.data.recipe import InputRecipe, Recipe
from netbuilder.engine.network.compile import compile_graph
from netbuilder.engine.training.checkpoint import weights_to_bytes
from netbuilder.engine.training.predict import info_of
from netbuilder.model import Graph, Project
from netbuilder.model.results import ProjectResults
from netbuilder.qt.document import Document
from netbuilder.qt.drawing_pad import DrawingPad
from netbuilder.qt.try_editors import ImageEditor, TextEditor
from netbuilder.qt.try_panel import NO_WEIGHTS, TryPanel
from tests.trained_projects import iris_document, train

IMAGE_RECIPE = Recipe(
    inputs=(
        InputRecipe(
            "x",
            "image",
            (1, 8, 8),
            image={"size": [8, 8], "fit": "resize", "channels": "grey", "scale": True},
        ),
    ),
    task="classification",
    class_names=("circle", "square", "triangle"),
)


def _project(recipe: Recipe, layers: list[tuple[str, dict]]) -> tuple[Project, bytes]:
    """A graph Input -> layers -> Output and freshly initialised weights for ``recipe``."""
    graph = Graph()
    previous = graph.add_node("Input", {}).id
    for layer_type, params in layers:
        node = graph.add_node(layer_type, params).id
        graph.connect(previous, node)
        previous = node
    graph.connect(previous, graph.add_node("Output", {}).id)
    return Project(graph=graph), weights_to_bytes(compile_graph(graph, info_of(recipe)))


def _panel(qtbot, recipe: Recipe, layers) -> TryPanel:
    project, weights = _project(recipe, layers)
    results = ProjectResults(weights=weights, recipe=recipe.to_dict())
    document = Document(project, results=results)
    panel = TryPanel()
    qtbot.addWidget(panel)
    panel.set_document(document)
    panel.resize(380, 600)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


@pytest.fixture(scope="module")
def iris(tmp_path_factory):
    return train(iris_document(), tmp_path_factory.mktemp("iris"), "iris")


def test_disabled_without_weights_then_typed_features_predict_on_enter(make_window, qtbot, iris):
    window = make_window()
    window.try_dock.raise_()
    panel = window.try_panel
    assert not panel.predict_button.isEnabled() and panel.note.text() == NO_WEIGHTS
    QMessageBox.warning = lambda *a, **k: pytest.fail("no dialog")  # type: ignore[method-assign]
    assert window.open_path(iris, ask=False)
    assert panel.predict_button.isEnabled()
    spins = panel.findChildren(QDoubleSpinBox)
    assert len(spins) == 4  # one per iris column
    for spin, value in zip(spins, ("6.7", "3.0", "5.2", "2.3"), strict=True):
        spin.lineEdit().selectAll()
        QTest.keyClicks(spin.lineEdit(), value)
    QTest.keyClick(spins[-1].lineEdit(), Qt.Key.Key_Return)
    assert panel.prediction is not None and panel.prediction.top == "virginica"
    bars = panel.result_box.findChildren(QProgressBar)
    assert len(bars) == 3 and bars[0].value() >= bars[1].value() >= bars[2].value()
    assert bars[0].format().endswith("%") and not panel.error.isVisible()
    # The graph edited since training: the weights no longer fit, said in one line.
    with qtbot.waitSignal(window.document.report_changed):
        window.document.set_params("linear_1", {"out_features": 8})
    QTest.mouseClick(panel.predict_button, Qt.MouseButton.LeftButton)
    assert panel.error.isVisible() and "do not fit" in panel.error.text()
    assert not panel.result_box.isVisible()


def test_drawing_strokes_reach_the_network_and_clear_starts_again(qtbot):
    panel = _panel(qtbot, IMAGE_RECIPE, [("Flatten", {}), ("Linear", {"out_features": 3})])
    (editor,) = panel.editors
    assert isinstance(editor, ImageEditor) and isinstance(editor.pad, DrawingPad)
    pad = editor.pad
    QTest.mouseClick(panel.predict_button, Qt.MouseButton.LeftButton)
    assert panel.error.isVisible() and "draw one" in panel.error.text()
    # A diagonal stroke from the top-left to the bottom-right corner.
    w, h = pad.width(), pad.height()
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(4, 4))
    for i in range(1, 9):
        QTest.mouseMove(pad, QPoint(4 + i * (w - 8) // 8, 4 + i * (h - 8) // 8))
    QTest.mouseRelease(
        pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(w - 4, h - 4)
    )
    pixels = pad.pixels()
    assert pixels.shape == (8, 8) and pad.drawn
    assert pixels[0, 0] > 128 and pixels[7, 7] > 128 and pixels[0, 7] < 64
    value = editor.value()
    assert value.shape == (1, 8, 8) and value.max() <= 1.0
    QTest.mouseClick(panel.predict_button, Qt.MouseButton.LeftButton)
    assert not panel.error.isVisible() and panel.prediction is not None
    probs = [p for _, p in panel.prediction.classes]
    assert np.isclose(sum(probs), 1.0) and {n for n, _ in panel.prediction.classes} == {
        "circle",
        "square",
        "triangle",
    }
    QTest.mouseClick(
        panel.findChild(type(panel.predict_button), "tryClearDrawing"), Qt.MouseButton.LeftButton
    )
    assert not pad.drawn and int(pad.pixels().max()) == 0


def test_new_weights_predict_again_by_themselves(qtbot):
    panel = _panel(qtbot, IMAGE_RECIPE, [("Flatten", {}), ("Linear", {"out_features": 3})])
    pad = panel.editors[0].pad
    QTest.mouseClick(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    QTest.keyClick(panel, Qt.Key.Key_Return)
    first = panel.prediction
    assert first is not None
    document = panel.document
    _, other = _project(IMAGE_RECIPE, [("Flatten", {}), ("Linear", {"out_features": 3})])
    document.set_results(ProjectResults(weights=other, recipe=IMAGE_RECIPE.to_dict()))
    assert panel.prediction is not None and panel.prediction is not first
    assert panel.editors[0].pad is pad  # the same inputs: the drawing is kept


def test_text_and_id_editors_take_typed_values(qtbot):
    recipe = Recipe(
        inputs=(
            InputRecipe(
                "review",
                "text",
                (6,),
                dtype="int64",
                columns=("review",),
                vocabulary=("<pad>", "<unk>", "not", "good", "bad"),
                text={"level": "word", "lower": True, "max_length": 6},
            ),
        ),
        task="classification",
        class_names=("negative", "positive"),
    )
    layers = [
        ("Embedding", {"num_embeddings": 5, "embedding_dim": 4}),
        ("Flatten", {}),
        ("Linear", {"out_features": 2}),
    ]
    panel = _panel(qtbot, recipe, layers)
    (editor,) = panel.editors
    assert isinstance(editor, TextEditor)
    QTest.keyClicks(editor.line, "Not good at all")
    assert editor.value() == "Not good at all"
    QTest.keyClick(editor.line, Qt.Key.Key_Return)
    assert panel.prediction is not None and not panel.error.isVisible()
    assert {name for name, _ in panel.prediction.classes} == {"negative", "positive"}


def test_weights_saved_without_a_recipe_rebuild_it_when_the_tab_is_shown(
    make_window, iris, tmp_path, qtbot
):
    from netbuilder.io import load_project, save_project

    loaded = load_project(iris)
    old = tmp_path / "old.nbproj"
    save_project(old, loaded.project, weights=loaded.weights)  # as before recipes were saved
    window = make_window()
    window.inspector_dock.raise_()
    assert window.open_path(old, ask=False)
    panel = window.try_panel
    window.try_dock.raise_()  # rebuilt from the data once the tab is shown, in a task
    assert panel.rebuilding is not None  # the data is read off the GUI thread
    with qtbot.waitSignal(panel.rebuilding.finished, timeout=20000):
        pass
    assert panel.recipe is not None and panel.recipe.to_dict() == loaded.recipe
    QTest.mouseClick(panel.predict_button, Qt.MouseButton.LeftButton)
    assert panel.prediction is not None and not panel.error.isVisible()
