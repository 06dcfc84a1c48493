"""The Data tab on image folders: chosen with their options, read in a task, shown by class with
the balance and the files that were skipped."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from netbuilder.qt.app import examples_dir
from netbuilder.qt.data_panel import DataPanel
from netbuilder.qt.image_classes import thumbnail
from netbuilder.qt.image_options_dialog import ImageOptionsDialog
from tests.qt.data_panel_support import shown_data_panel, write_grey_folder

TIMEOUT = 20_000


@pytest.fixture
def panel(qtbot, tmp_path):
    return shown_data_panel(qtbot, tmp_path)


def _wait_loaded(qtbot, panel: DataPanel) -> None:
    task = panel.loading
    assert task is not None, "the images are not read in a task"
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)


def test_the_shapes_example_is_read_in_a_task_and_shown_by_class(make_window, qtbot):
    window = make_window()
    assert window.open_example(examples_dir() / "shapes_cnn.json")
    panel = window.data_panel
    assert panel.description.text().startswith("Generated image set 'shapes'")
    assert panel.combo.currentText() == "shapes (images)"
    assert panel.loading is not None  # never decoded on the GUI thread
    window.data_dock.raise_()
    qtbot.waitUntil(lambda: window.document.dataset_info is not None, timeout=TIMEOUT)
    info = window.document.dataset_info
    assert tuple(info.input_shape) == (1, 28, 28)
    preview = panel.preview
    qtbot.waitUntil(lambda: len(preview.classes.rows) == 3, timeout=TIMEOUT)
    assert preview.tabs.currentWidget() is preview.classes_page
    names = [label.text() for label, _ in preview.classes.rows]
    assert names[0] == "<b>circle</b><br>300"
    assert all(len(thumbs) == 8 for _, thumbs in preview.classes.rows)
    assert preview.classes.rows[0][1][0].pixmap().width() == 56  # 28 px shown at 2x, crisp
    assert not preview.notes.isVisible()  # 300 of each: balanced, nothing skipped


def test_an_image_folder_is_imported_with_guessed_options_in_one_undo_step(panel, qtbot, tmp_path):
    folder = write_grey_folder(tmp_path / "photos", {"cats": 3, "dogs": 12})
    (folder / "dogs" / "broken.png").write_bytes(b"\x89PNG not really")
    asked: list[dict] = []

    def answer(path, options, standardize):
        asked.append(dict(options))
        return {**options, "size": [8, 8]}, False

    panel.ask_folder = lambda: folder
    panel.ask_image_options = answer
    doc = panel.document
    steps = doc.undo_stack.count()
    qtbot.mouseClick(panel.folder_button, Qt.MouseButton.LeftButton)
    assert asked == [{"size": [10, 10], "fit": "resize", "channels": "grey", "scale": True}]
    assert doc.project.dataset is None  # bound once the images are read
    _wait_loaded(qtbot, panel)
    binding = doc.project.dataset
    assert binding.source == "image_folder" and binding.path == "photos"
    assert binding.options == {"size": [8, 8], "fit": "resize", "channels": "grey", "scale": True}
    assert binding.standardize is False
    assert doc.undo_stack.count() == steps + 1
    input_id = next(n.id for n in doc.graph.nodes.values() if n.type == "Input")
    assert doc.graph.node(input_id).params["shape"] == (1, 8, 8)
    preview = panel.preview
    rows = preview.classes.rows
    assert [len(thumbs) for _, thumbs in rows] == [3, 8]
    assert rows[1][0].text() == "<b>dogs</b><br>12"
    notes = preview.notes
    assert notes.isVisible()
    assert "Unbalanced: 'dogs' has 12 samples, 'cats' 3 (4.0x fewer)" in notes.text()
    assert "1 file could not be decoded and was skipped: broken.png" in notes.text()
    assert "dogs/broken.png" in notes.toolTip()
    doc.undo_stack.undo()
    assert doc.project.dataset is None


def test_cancelling_the_image_options_binds_nothing(panel, tmp_path):
    folder = write_grey_folder(tmp_path / "photos", {"a": 1, "b": 1})
    panel.ask_image_options = lambda *args: None
    assert not panel.import_folder(folder)
    assert panel.loading is None and panel.document.project.dataset is None


def test_a_folder_dropped_on_the_panel_is_imported(panel, qtbot, tmp_path):
    folder = write_grey_folder(tmp_path / "drop", {"a": 2, "b": 2})
    seen: list[Path] = []
    panel.ask_image_options = lambda path, options, standardize: (
        seen.append(path) or (options, standardize)
    )
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    at, action = QPointF(20, 20), Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at.toPoint(), action, mime, buttons, keys)
    QApplication.sendEvent(panel, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(panel, QDropEvent(at, action, mime, buttons, keys))
    assert seen == [folder]
    _wait_loaded(qtbot, panel)
    assert panel.document.project.dataset.path == "drop"


def test_the_image_options_dialog_reads_its_fields(qtbot):
    guess = {"size": [28, 20], "fit": "center-crop", "channels": "grey", "scale": True}
    dialog = ImageOptionsDialog("photos", guess, standardize=True)
    qtbot.addWidget(dialog)
    assert dialog.options() == guess and dialog.standardize()
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.channels_combo.setFocus()
    qtbot.keyClick(dialog.channels_combo, Qt.Key.Key_Down)
    qtbot.mouseClick(dialog.standardize_box, Qt.MouseButton.LeftButton)
    dialog.height_box.selectAll()
    qtbot.keyClicks(dialog.height_box, "64")
    assert dialog.options()["channels"] == "rgb"
    assert dialog.options()["size"] == [64, 20]
    assert not dialog.standardize()


def test_thumbnails_enlarge_small_images_by_a_whole_factor_and_reduce_large_ones(qtbot):
    from PySide6.QtGui import QPixmap

    assert thumbnail(QPixmap(10, 10)).size().width() == 50  # 5x, no smoothing
    assert thumbnail(QPixmap(200, 100)).size().toTuple() == (56, 28)


def test_augmentation_is_an_undoable_option_and_show_augmented_draws_it(panel, qtbot, tmp_path):
    folder = write_grey_folder(tmp_path / "photos", {"a": 3, "b": 3}, side=12)
    panel.ask_image_options = lambda path, options, standardize: (options, standardize)
    assert panel.import_folder(folder)
    _wait_loaded(qtbot, panel)
    doc, page = panel.document, panel.preview.classes_page
    controls = page.augment
    assert controls.isVisible() and controls.options() == {}
    steps = doc.undo_stack.count()
    qtbot.mouseClick(controls.flip, Qt.MouseButton.LeftButton)
    controls.jitter.setFocus()
    controls.jitter.selectAll()
    qtbot.keyClicks(controls.jitter, "0.3")
    qtbot.keyClick(controls.jitter, Qt.Key.Key_Return)
    assert doc.project.dataset.options["augment"] == {"flip": True, "jitter": 0.3}
    assert doc.undo_stack.count() == steps + 2
    assert panel.loading is None  # the images are not read again for an augmentation edit
    before = page.classes.rows[0][1][0].pixmap().toImage()
    qtbot.mouseClick(controls.show_box, Qt.MouseButton.LeftButton)
    task = page.augmenting
    assert task is not None  # augmented off the GUI thread
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: page.classes._shown is not None)
    assert page.classes._shown.shape == page.classes.sample.shape
    assert page.classes.rows[0][1][0].pixmap().toImage() != before
    doc.undo_stack.undo()
    assert doc.project.dataset.options["augment"] == {"flip": True}
    assert controls.options() == {"flip": True} and controls.jitter.value() == 0
    qtbot.waitUntil(lambda: page.augmenting is None, timeout=TIMEOUT)


def test_cancelling_an_image_folder_load_binds_nothing(panel, qtbot, tmp_path):
    folder = write_grey_folder(tmp_path / "photos", {"a": 2, "b": 2})
    panel.ask_image_options = lambda path, options, standardize: (options, standardize)
    assert panel.import_folder(folder)
    task = panel.loading
    assert task is not None and panel.load_progress.isVisible()
    panel.cancel_loading()
    qtbot.waitUntil(lambda: task.ended, timeout=TIMEOUT)
    assert panel.document.project.dataset is None


def test_opening_a_project_reads_no_image_folder_on_the_gui_thread(tmp_path, monkeypatch):
    from netbuilder.engine.data import image_sets
    from netbuilder.model import DatasetBinding
    from netbuilder.qt.data_sources import dataset_info_for

    def refuse(_folder):
        pytest.fail("the generated set was written on the GUI thread")

    monkeypatch.setitem(image_sets.GENERATED_SETS, "shapes", ("shapes-unwritten", refuse))
    named = DatasetBinding(source="image_folder", name="shapes")
    assert dataset_info_for(named, tmp_path) == (None, None)  # written and read in the task
    folder = write_grey_folder(tmp_path / "photos", {"a": 1, "b": 1})
    there = DatasetBinding(source="image_folder", path="photos")
    assert dataset_info_for(there, folder.parent) == (None, None)
    _, warning = dataset_info_for(DatasetBinding(source="image_folder", path="gone"), tmp_path)
    assert warning == (
        f"dataset: the image folder {tmp_path / 'gone'} is missing (dataset.path 'gone')"
    )
