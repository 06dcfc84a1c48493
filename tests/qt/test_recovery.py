"""Autosave and recovery in the window (issue 12, item 1): what is written when, what is removed,
and what the next start offers. Recovery files go to the test's own folder (conftest)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from netbuilder.io import load_project, project_to_dict, save_project
from netbuilder.io.recovery import find_recoveries, write_recovery
from netbuilder.model import Project
from netbuilder.model.results import ProjectResults
from netbuilder.qt.main_window import MainWindow
from netbuilder.qt.recovery import ask_recover, offer_recovery, question_text, recovery_folder
from netbuilder.qt.tasks import registry

TIMEOUT = 10_000


@pytest.fixture
def window(make_window) -> MainWindow:
    w = make_window()
    w.autosaver.set_interval(0)  # write as soon as there is something unsaved
    return w


def _edit_and_wait(qtbot, window: MainWindow, layer: str = "ReLU") -> Path:
    with qtbot.waitSignal(window.autosaver.written, timeout=TIMEOUT) as blocker:
        window.document.add_node(layer, (0.0, 0.0))
    path = blocker.args[0]
    assert isinstance(path, Path)
    return path


def _recovery_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*")) if folder.is_dir() else []


def test_an_edit_is_written_to_a_recovery_file_with_where_it_came_from(
    qtbot, window: MainWindow, _private_data_dir: Path
) -> None:
    path = _edit_and_wait(qtbot, window)
    assert path.parent == _private_data_dir / "recovery" == recovery_folder()
    loaded = load_project(path)
    assert [n.type for n in loaded.project.graph.nodes.values()] == ["ReLU"]
    meta = json.loads(path.with_name(path.name.replace(".nbproj", ".meta.json")).read_text())
    assert meta["original"] is None and meta["pid"] > 0 and meta["app_version"]
    assert path.with_suffix(".lock").exists()  # held while the file exists


def test_a_save_removes_the_recovery_file_and_its_lock(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = _edit_and_wait(qtbot, window)
    assert window.save_to(tmp_path / "mine.nbproj")
    assert _recovery_files(path.parent) == []


def test_undoing_back_to_the_saved_state_removes_it(qtbot, window: MainWindow) -> None:
    path = _edit_and_wait(qtbot, window)
    window.document.undo_stack.undo()
    assert not window.document.is_modified
    assert _recovery_files(path.parent) == []


def test_a_clean_close_after_discard_removes_it(qtbot, window: MainWindow) -> None:
    path = _edit_and_wait(qtbot, window)
    assert window.close()  # the fixture answers "Save changes?" with Discard
    assert _recovery_files(path.parent) == []


def test_cancelling_the_close_keeps_it(qtbot, window: MainWindow) -> None:
    path = _edit_and_wait(qtbot, window)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Cancel  # type: ignore[method-assign]
    assert not window.close()
    assert path.exists()


def test_new_results_are_written_with_the_weights(qtbot, window: MainWindow) -> None:
    window.document.add_node("ReLU", (0.0, 0.0))
    with qtbot.waitSignal(window.autosaver.written, timeout=TIMEOUT):
        pass  # the first write, for the edit
    history: dict[str, object] = {"runs": []}
    with qtbot.waitSignal(window.autosaver.written, timeout=TIMEOUT) as blocker:
        window.document.set_results(ProjectResults(weights=b"not checked here", history=history))
    loaded = load_project(blocker.args[0])
    assert loaded.weights == b"not checked here" and loaded.history == history


def test_writes_wait_for_the_interval(qtbot, window: MainWindow) -> None:
    window.autosaver.set_interval(60_000)
    window.document.add_node("ReLU", (0.0, 0.0))
    qtbot.wait(50)  # the event loop runs: nothing may be written before the interval
    assert not window.autosaver.path.exists() and not registry().tasks()
    with qtbot.waitSignal(window.autosaver.written, timeout=TIMEOUT):
        window.autosaver.write_now()


def test_two_windows_write_two_files_and_a_live_one_is_not_offered(
    qtbot, make_window, _private_data_dir: Path
) -> None:
    first, second = make_window(), make_window()
    for w in (first, second):
        w.autosaver.set_interval(0)
    a, b = _edit_and_wait(qtbot, first), _edit_and_wait(qtbot, second, "Tanh")
    assert a != b and a.exists() and b.exists()
    asked: list[object] = []
    third = make_window()
    assert not offer_recovery(third, ask=lambda *args: asked.append(args) or "recover")
    assert asked == []  # both writers are alive
    assert a.exists() and b.exists()


def _dead_session(folder: Path, project: Project, original: Path | None) -> Path:
    """What a killed window leaves: the files, a lock of no live process (here: none)."""
    return write_recovery(
        folder,
        "recovery-999999-deadbeef",
        project_to_dict(project),
        {"weights": b"w"},
        original=original,
        base_dir=None,
    )


def _project_with(*layers: str) -> Project:
    project = Project(name="lost work")
    for i, layer in enumerate(layers):
        project.graph.add_node(layer, pos=(0.0, 100.0 * i))
    return project


def test_recover_opens_the_unsaved_work_as_the_original_file_modified(
    qtbot, make_window, tmp_path: Path
) -> None:
    original = tmp_path / "work.nbproj"
    save_project(original, Project(name="lost work"))
    path = _dead_session(recovery_folder(), _project_with("ReLU", "Tanh"), original)
    window = make_window()
    questions: list[str] = []

    def answer(_parent, entry) -> str:
        questions.append(question_text(entry))
        return "recover"

    with qtbot.waitSignal(window.autosaver.written, timeout=TIMEOUT) as blocker:
        assert offer_recovery(window, ask=answer)
        assert path.exists()  # kept until the window's own copy is written
    assert blocker.args == [window.autosaver.path] and window.autosaver.path.exists()
    assert len(questions) == 1
    assert questions[0].startswith("Recover unsaved work from ") and "work.nbproj" in questions[0]
    doc = window.document
    assert len(doc.graph) == 2 and doc.is_modified and window.isWindowModified()
    assert doc.path == original and doc.results.weights == b"w"
    assert not path.exists()  # recovered: offered no more
    assert window.save()  # Save writes to the original file, without asking where
    assert len(load_project(original).project.graph) == 2 and not doc.is_modified
    assert _recovery_files(path.parent) == []


def test_discard_deletes_it_and_later_keeps_it(qtbot, make_window) -> None:
    path = _dead_session(recovery_folder(), _project_with("ReLU"), None)
    window = make_window()
    before = len(window.document.graph)
    titles: list[str] = []
    assert not offer_recovery(window, ask=lambda _p, e: titles.append(e.title) or "later")
    assert titles == ["untitled project"] and path.exists()
    assert not offer_recovery(window, ask=lambda _p, _e: "discard")
    assert not path.exists() and find_recoveries(path.parent) == ([], [])
    assert len(window.document.graph) == before and not window.document.is_modified


@pytest.mark.parametrize("damage", ["project", "meta"])
def test_a_damaged_recovery_file_is_set_aside_with_one_line(
    qtbot, make_window, damage: str
) -> None:
    path = _dead_session(recovery_folder(), _project_with("ReLU"), None)
    meta = path.with_name(path.name.replace(".nbproj", ".meta.json"))
    (path if damage == "project" else meta).write_bytes(b"\x00garbage{")
    window = make_window()
    asked: list[object] = []
    assert not offer_recovery(window, ask=lambda *a: asked.append(a) or "recover")
    assert asked == []
    message = window.statusBar().currentMessage()
    assert message.startswith("Recovery file recovery-999999-deadbeef.nbproj set aside: ")
    assert "\n" not in message
    assert path.with_name(path.name + ".damaged").exists() and not path.exists()
    assert find_recoveries(path.parent) == ([], [])  # never offered again


def test_closing_twice_is_harmless(qtbot, window: MainWindow) -> None:
    path = _edit_and_wait(qtbot, window)
    assert window.close() and window.close()
    assert _recovery_files(path.parent) == []


def test_the_question_is_a_message_box_with_recover_discard_and_later(qtbot, make_window) -> None:
    path = _dead_session(recovery_folder(), _project_with("ReLU"), None)
    window = make_window()
    entry = find_recoveries(path.parent)[0][0]
    seen: list[str] = []

    def click_later() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        buttons = {b.text(): b for b in box.findChildren(QPushButton)}
        seen.append(",".join(sorted(buttons)))
        qtbot.mouseClick(buttons["Later"], Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click_later)
    assert ask_recover(window, entry) == "later"
    assert seen == [question_text(entry), "Discard,Later,Recover"]
    assert "(untitled project)?" in seen[0]


def test_a_folder_that_cannot_be_written_is_one_line_in_the_status_bar(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    blocker_file = tmp_path / "not a folder"
    blocker_file.write_text("")
    window.autosaver.folder = blocker_file / "recovery"
    with qtbot.waitSignal(window.autosaver.failed, timeout=TIMEOUT) as blocker:
        window.document.add_node("ReLU", (0.0, 0.0))
    assert blocker.args[0].startswith("Autosave failed: cannot create ")
    assert window.statusBar().currentMessage() == blocker.args[0]


def test_work_whose_file_was_saved_since_is_recovered_as_an_untitled_copy(
    qtbot, make_window, tmp_path: Path
) -> None:
    """Later, then the original opened and saved: recovering the older work must not let a
    Save overwrite the newer file."""
    original = tmp_path / "work.nbproj"
    save_project(original, Project(name="lost work"))
    _dead_session(recovery_folder(), _project_with("ReLU", "Tanh"), original)
    save_project(original, _project_with("GELU"))  # saved again, after the copy was made
    newer = original.read_bytes()
    window = make_window()
    questions: list[str] = []

    def answer(_parent, entry) -> str:
        questions.append(question_text(entry))
        return "recover"

    assert offer_recovery(window, ask=answer)
    assert "saved again since" in questions[0]
    doc = window.document
    assert len(doc.graph) == 2 and doc.is_modified and doc.path is None  # an untitled copy
    assert original.read_bytes() == newer
