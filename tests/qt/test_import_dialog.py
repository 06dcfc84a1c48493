"""File > Import model: names listed without running the file, the import runs in another
process (Cancel kills it), the result opens in this window (or a new one when this one has unsaved
work), and a failure shows the report while the open project stays as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QProcess, Qt

from netbuilder.qt.import_candidates import CandidateError, model_candidates

MODELS = Path(__file__).parents[1] / "fixtures" / "models"
IMPORT_TIMEOUT_MS = 120_000  # a cold interpreter importing torch on a loaded 2-core machine


def test_candidates_are_read_without_running_the_file(tmp_path):
    assert model_candidates(MODELS / "resnet.py") == [
        "BasicBlock",
        "Bottleneck",
        "ResNet",
        "resnet_tiny",
        "resnet_bottleneck",
    ]
    marker = tmp_path / "ran"
    hostile = tmp_path / "hostile.py"
    hostile.write_text(
        f"open({str(marker)!r}, 'w').close()\n"
        "import torch\n\nclass Net(torch.nn.Module):\n    pass\n\n"
        "class Deeper(Net):\n    pass\n\nclass Plain:\n    pass\n\ndef _private():\n    pass\n"
    )
    assert model_candidates(hostile) == ["Net", "Deeper"]
    assert not marker.exists()
    broken = tmp_path / "broken.py"
    broken.write_text("class A(nn.Module):\n    def f(self)\n")
    with pytest.raises(CandidateError, match=r"broken.py:2: syntax error"):
        model_candidates(broken)


def _open_dialog(qtbot, window, source: Path):
    bar = window.menuBar()
    file_menu = bar.actions()[0]
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(file_menu).center())
    qtbot.waitUntil(file_menu.menu().isVisible)
    qtbot.keyClick(file_menu.menu(), Qt.Key.Key_I)  # File > &Import Model…
    dialog = window.import_dialog
    qtbot.waitExposed(dialog)
    dialog.ask_source_path = lambda: source
    qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
    return dialog


def test_a_vgg_file_imports_into_the_unmodified_window(qtbot, make_window):
    window = make_window()
    dialog = _open_dialog(qtbot, window, MODELS / "vgg.py")
    assert [dialog.name.itemText(i) for i in range(dialog.name.count())] == ["SmallVGG"]
    qtbot.keyClicks(dialog.shape, "3,16,16")
    with qtbot.waitSignal(dialog.imported, timeout=IMPORT_TIMEOUT_MS) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert dialog.running and dialog.progress.isVisible()
    written: Path = imported.args[0]
    doc = window.document
    assert doc.project.name == "SmallVGG" and doc.path is None and doc.is_modified
    assert doc.project.graph.nodes["features_0"].type == "Conv2d"
    assert doc.results.weights is not None  # "Keep weights" was on
    assert not dialog.isVisible() and not written.parent.exists()  # the temporary file went


@pytest.mark.slow  # a second import process: ~10 s on a loaded 2-core machine
def test_an_unsupported_model_shows_the_report_and_changes_nothing(qtbot, make_window):
    window = make_window()
    before = (window.document.project.name, sorted(window.document.project.graph.nodes))
    dialog = _open_dialog(qtbot, window, MODELS / "unsupported.py")
    assert dialog.name.currentText() == "Odd"
    qtbot.keyClicks(dialog.shape, "4")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.process is not None
    args = dialog.process.arguments()
    folder = Path(args[args.index("-o") + 1]).parent
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=IMPORT_TIMEOUT_MS)
    report = dialog.report.text()
    assert report.startswith("Odd cannot be imported: 3 operations")
    assert "torch.sin at unsupported.py:14" in report and "tensor.cumsum()" in report
    assert dialog.report.isVisible() and dialog.isVisible() and not dialog.running
    assert not folder.exists()  # its temporary folder was left behind
    assert (window.document.project.name, sorted(window.document.project.graph.nodes)) == before
    qtbot.keyClick(dialog.report, Qt.Key.Key_Escape)
    assert not dialog.report.isVisible()


def test_cancel_kills_a_hanging_import(qtbot, make_window, tmp_path):
    hang = tmp_path / "hang.py"
    hang.write_text("import torch\n\ndef build():\n    while True:\n        pass\n")
    window = make_window()
    dialog = _open_dialog(qtbot, window, hang)
    assert dialog.name.currentText() == "build"
    qtbot.keyClicks(dialog.shape, "4")
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    process = dialog.process
    assert process is not None and dialog.name.currentText() == "build"  # the choice stays
    qtbot.waitUntil(lambda: process.state() == QProcess.ProcessState.Running)
    folder = Path(process.arguments()[process.arguments().index("-o") + 1]).parent
    assert folder.is_dir()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not folder.exists()  # the temporary folder was left behind
    assert process.state() == QProcess.ProcessState.NotRunning
    assert not dialog.running and dialog.status.text() == "Import cancelled."
    assert dialog.report is None and dialog.import_button.isEnabled()


@pytest.mark.slow
def test_a_window_with_unsaved_work_keeps_it_and_the_import_opens_in_a_new_window(
    qtbot, make_window
):
    window = make_window()
    window.add_layer_at_centre("ReLU")
    assert window.document.is_modified
    nodes = sorted(window.document.project.graph.nodes)
    dialog = _open_dialog(qtbot, window, MODELS / "vgg.py")
    qtbot.keyClicks(dialog.shape, "3,16,16")
    qtbot.mouseClick(dialog.keep_weights, Qt.MouseButton.LeftButton)  # off
    from netbuilder.qt import model_import

    with qtbot.waitSignal(dialog.imported, timeout=IMPORT_TIMEOUT_MS):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert sorted(window.document.project.graph.nodes) == nodes and window.document.is_modified
    (other,) = model_import._windows
    assert other.isVisible() and other is not window
    assert other.document.project.name == "SmallVGG" and other.document.results.weights is None
    other.close()  # asks (answered Discard, as this window's questions are) and goes
    qtbot.waitUntil(lambda: not model_import._windows)


def test_a_pt2_archive_needs_no_name_shape_or_kwargs(qtbot, make_window, tmp_path):
    window = make_window()
    archive = tmp_path / "model.pt2"
    dialog = _open_dialog(qtbot, window, archive)
    assert not dialog.name.isEnabled() and not dialog.kwargs.isEnabled()
    assert "from the archive" in dialog.shape.placeholderText()
    out = tmp_path / "out.nbproj"
    assert dialog.arguments(out) == [
        "-m", "netbuilder", "import", str(archive), "-o", str(out), "--json", "--weights"
    ]  # fmt: skip
    dialog.set_source(MODELS / "vgg.py")
    assert dialog.name.isEnabled() and dialog.name.currentText() == "SmallVGG"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert not dialog.running and dialog.status.text().startswith("Give the input shape")
