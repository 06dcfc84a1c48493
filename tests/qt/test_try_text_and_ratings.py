"""Issue 13's "Try it" on the trained text and two-input examples, in the window, with real key
events: a typed sentence gets its class, two typed ids get their rating, an id never seen is
refused in one line naming the column; the window's export writes the saved vocabulary."""

from __future__ import annotations

import csv
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QProgressBar

from netbuilder.engine.data.csv_sets import generated_csv
from netbuilder.engine.training.predict import Predictor
from netbuilder.io import load_project
from netbuilder.qt.try_editors import IdsEditor, TextEditor
from tests.trained_projects import RATING_EPOCHS, REVIEW_EPOCHS, trained_example

TIMEOUT = 20000


@pytest.fixture(scope="module")
def reviews():
    return trained_example("reviews_text", REVIEW_EPOCHS)


@pytest.fixture(scope="module")
def ratings():
    return trained_example("ratings_recommender", RATING_EPOCHS)


@pytest.fixture(scope="module")
def labelled(reviews) -> dict[str, str]:
    """One review of each label, from the table the project was trained on."""
    with generated_csv("reviews").open(encoding="utf-8", newline="") as handle:
        return {row["label"]: row["review"] for row in list(csv.DictReader(handle))[:50]}


def _open(make_window, path):
    window = make_window()
    QMessageBox.warning = lambda *a, **k: pytest.fail("no dialog")  # type: ignore[method-assign]
    assert window.open_path(path, ask=False)
    window.try_dock.raise_()
    panel = window.try_panel
    assert panel.predict_button.isEnabled()
    return window, panel


def _type(line, text: str) -> None:
    line.selectAll()
    QTest.keyClick(line, Qt.Key.Key_Delete)
    QTest.keyClicks(line, text)


def test_a_typed_sentence_gets_its_class_on_enter(make_window, reviews, labelled):
    _, panel = _open(make_window, reviews)
    (editor,) = panel.editors
    assert isinstance(editor, TextEditor)
    assert set(labelled) == {"negative", "positive"}
    for label, sentence in labelled.items():
        _type(editor.line, sentence)
        QTest.keyClick(editor.line, Qt.Key.Key_Return)
        assert not panel.error.isVisible()
        assert panel.prediction is not None and panel.prediction.top == label
        bars = panel.result_box.findChildren(QProgressBar)
        assert panel.result_box.isVisible() and len(bars) == 2
        assert bars[0].value() > bars[1].value() and bars[0].format().endswith("%")


def test_two_typed_ids_get_their_rating_and_an_unseen_id_is_refused(make_window, ratings):
    _, panel = _open(make_window, ratings)
    users, items = panel.editors
    assert isinstance(users, IdsEditor) and isinstance(items, IdsEditor)
    assert (users.item.name, items.item.name) == ("user", "item")
    _type(users.combo.lineEdit(), "u3")
    _type(items.combo.lineEdit(), "i7")
    QTest.keyClick(items.combo.lineEdit(), Qt.Key.Key_Return)
    expected = Predictor.from_project(load_project(ratings)).predict({"user": "u3", "item": "i7"})
    assert not panel.error.isVisible() and panel.prediction is not None
    ((name, value),) = panel.prediction.values
    assert name == "rating" and abs(value - expected.values[0][1]) <= 1e-5
    assert panel.result_box.isVisible()
    shown = panel.result_box.findChild(type(panel.note), "tryValue")
    assert shown is not None and shown.text() == f"{value:.6g}"
    count = users.combo.count()

    _type(users.combo.lineEdit(), "u999999")
    QTest.keyClick(users.combo.lineEdit(), Qt.Key.Key_Return)
    assert panel.error.isVisible() and not panel.result_box.isVisible()
    assert "user_id" in panel.error.text() and "'u999999'" in panel.error.text()
    assert "\n" not in panel.error.text()
    assert users.combo.count() == count  # Enter does not add the unseen id to the known ones


def test_the_windows_export_writes_the_vocabulary_saved_with_the_weights(
    make_window, qtbot, reviews, tmp_path
):
    window, _ = _open(make_window, reviews)
    results = window.document.results
    recipe = json.loads(json.dumps(results.recipe))
    vocabulary = recipe["inputs"][0]["vocabulary"]
    # Another order than the data's (the weights fit any order of the same size): the export
    # must write the saved one, not one rebuilt from the data file.
    recipe["inputs"][0]["vocabulary"] = vocabulary[:2] + vocabulary[2:][::-1]
    window.document.set_results(type(results)(weights=results.weights, recipe=recipe))
    task = window.export_menu.export_to("python", tmp_path / "m.py")
    done: list = []
    task.returned.connect(done.append)
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)
    assert done, window.statusBar().currentMessage()
    namespace: dict = {"__name__": "exported"}
    exec(compile((tmp_path / "m.py").read_text(), "m.py", "exec"), namespace)
    assert namespace["VOCABULARIES"] == {"x": recipe["inputs"][0]["vocabulary"]}


def test_opening_another_project_clears_the_last_answer(make_window, reviews, ratings):
    window, panel = _open(make_window, ratings)
    for editor, value in zip(panel.editors, ("u3", "i7"), strict=True):
        assert isinstance(editor, IdsEditor)
        _type(editor.combo.lineEdit(), value)
    QTest.keyClick(panel.editors[1].combo.lineEdit(), Qt.Key.Key_Return)
    assert panel.prediction is not None and panel.result_box.isVisible()
    assert window.open_path(reviews, ask=False)
    # A rating next to an empty sentence box would be an answer to a question nobody asked.
    assert panel.prediction is None and not panel.result_box.isVisible()
    assert isinstance(panel.editors[0], TextEditor)
