"""The Data tab, the CSV import, the image options, the Try-it panel and File > Import model
speak Chinese when zh_CN is installed: specific widgets read Chinese, and nothing shown there is
left in English but the user's own data (column, class and file names) and the built-in
datasets' names."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt

from netbuilder.engine.data.datasets import list_builtin
from netbuilder.engine.data.recipe import InputRecipe, Recipe
from netbuilder.engine.network.compile import compile_graph
from netbuilder.engine.training.checkpoint import weights_to_bytes
from netbuilder.engine.training.predict import info_of
from netbuilder.model import Graph, Project
from netbuilder.model.results import ProjectResults
from netbuilder.qt.csv_roles import ColumnRole, RolesError, binding_options
from netbuilder.qt.data_panel import DataPanel
from netbuilder.qt.document import Document
from netbuilder.qt.i18n import localized
from netbuilder.qt.image_options_dialog import ImageOptionsDialog
from netbuilder.qt.import_dialog import ImportModelDialog
from netbuilder.qt.try_panel import TryPanel
from tests.qt.i18n_support import chinese, english_leftovers

TIMEOUT = 20_000
CJK = ("\u4e00", "\u9fff")
REVIEWS = [
    ("the film was not good at all", "u1", "34", "0"),
    ("a truly great and moving story", "u2", "51", "1"),
    ("boring, far too long and slow", "u1", "29", "0"),
    ("great acting and a clever plot", "u3", "45", "1"),
]
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


def _has_chinese(text: str) -> bool:
    return any(CJK[0] <= ch <= CJK[1] for ch in text)


def _builtin_names() -> set[str]:
    """The built-in datasets' names as the combo lists them (names, like the CLI's)."""
    return {entry.name.replace("_", " ") for entry in list_builtin()}


def _builtin_words() -> set[str]:
    """The engine's descriptions of the built-in datasets (translated by the engine's area)."""
    return {localized(entry.description) for entry in list_builtin()}


def test_the_data_tab_speaks_chinese(make_window, qtbot) -> None:
    with chinese():
        window = make_window()
        window.data_dock.raise_()
        panel = window.data_panel
        assert panel.bind_builtin("digits_images")
        qtbot.waitUntil(lambda: panel.preview.tabs.isVisible(), timeout=TIMEOUT)
        panel.preview.draw_undrawn()
        assert panel.combo.itemText(0) == "无数据集"
        assert panel.folder_button.text() == "图片…"
        assert "导入 CSV 文件" in panel.csv_button.toolTip()
        tabs = panel.preview.tabs
        assert [tabs.tabText(i) for i in range(tabs.count())] == ["行", "图片", "散点图", "按类别"]
        assert "个样本" in panel.summary.text() and "训练" in panel.summary.text()
        augment = panel.preview.classes_page.augment
        assert augment.show_box.text() == "显示增强效果："
        assert augment.flip.text() == "翻转" and augment.rotate.prefix() == "旋转 "
        assert panel.preview.table.horizontalHeaderItem(0).text() == "目标"
        title = panel.preview.balance.getPlotItem().titleLabel.text
        assert title == "类别分布"
        ignore = _builtin_names() | _builtin_words()
        assert english_leftovers(panel, ignore=ignore) == []


def test_the_csv_import_speaks_chinese(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "reviews.csv"
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["review", "user_id", "age", "liked"])
        for _ in range(5):
            writer.writerows(REVIEWS)
    with chinese():
        doc = Document.from_project(Project())
        doc.base_dir = tmp_path
        panel = DataPanel()
        panel.set_document(doc)
        qtbot.addWidget(panel)
        panel.resize(520, 760)
        panel.show()
        qtbot.waitExposed(panel)
        assert panel.import_file("csv", path)
        table = panel.target_row.columns
        headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
        assert headers == ["列", "用途", "输入", "粒度", "长度"]
        role = table.role_combo(0)
        assert role.currentText() == "文本" and role.currentData() == "text"
        assert panel.use_button.text() == "使用此文件"
        assert panel.description.text() == "reviews.csv：请设置每一列的用途，然后使用此文件。"
        # The user's own words: the file's column names (and the groups named after them).
        ignore = {"review", "user_id", "age", "liked", "features"} | _builtin_names()
        assert english_leftovers(panel, ignore=ignore) == []
        try:
            binding_options([ColumnRole("review", "text")])
        except RolesError as exc:
            assert localized(exc) == "请选择一个目标列（要预测的列）"
        else:
            raise AssertionError("no target column was accepted")


def test_the_image_options_speak_chinese(qtbot) -> None:
    with chinese():
        dialog = ImageOptionsDialog("pets", {"size": [32, 32], "fit": "resize"})
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.windowTitle() == "来自 pets 的图片"
        assert dialog.fit_combo.itemText(0) == "缩放（拉伸到该尺寸）"
        assert dialog.channels_combo.currentText().startswith("灰度")
        assert english_leftovers(dialog) == []


def test_the_try_it_panel_speaks_chinese(make_window, qtbot) -> None:
    graph = Graph()
    previous = graph.add_node("Input", {}).id
    for layer_type, params in (("Flatten", {}), ("Linear", {"out_features": 3})):
        node = graph.add_node(layer_type, params).id
        graph.connect(previous, node)
        previous = node
    graph.connect(previous, graph.add_node("Output", {}).id)
    weights = weights_to_bytes(compile_graph(graph, info_of(IMAGE_RECIPE)))
    with chinese():
        window = make_window()
        window.try_dock.raise_()
        assert window.try_panel.note.text().startswith("先训练网络")
        assert window.try_panel.predict_button.text() == "预测"
        results = ProjectResults(weights=weights, recipe=IMAGE_RECIPE.to_dict())
        panel = TryPanel()
        qtbot.addWidget(panel)
        panel.set_document(Document(Project(graph=graph), results=results))
        panel.resize(380, 600)
        panel.show()
        qtbot.waitExposed(panel)
        editor = panel.editors[0]
        assert editor.open_button.text() == "打开图片…"
        assert editor.file_label.text() == "未选择文件"
        panel.predict()  # nothing drawn nor opened: the panel says what to do
        assert panel.error.text() == "请打开一张图片或画一张"
        pad = editor.pad
        assert pad is not None
        qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=pad.rect().center())
        qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=pad.rect().center())
        assert pad.drawn and np.any(pad.pixels())
        qtbot.mouseClick(panel.predict_button, Qt.MouseButton.LeftButton)
        assert panel.result_box.title() == "结果" and panel.result_box.isVisible()
        assert "3 个类别" in panel.note.text()
        classes = {"circle", "square", "triangle", "<b>circle</b>", "<b>square</b>"}
        ignore = classes | {"<b>triangle</b>"}
        assert english_leftovers(panel, ignore=ignore) == []
        assert english_leftovers(window.try_panel) == []


def test_the_model_import_dialog_speaks_chinese(qtbot, tmp_path: Path) -> None:
    source = tmp_path / "models.py"
    source.write_text("import torch.nn as nn\n\nclass Net(nn.Module):\n    pass\n")
    with chinese():
        dialog = ImportModelDialog(None, start_dir=str(tmp_path))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.windowTitle() == "导入模型"
        assert dialog.import_button.text() == "导入"
        assert dialog.keep_weights.text() == "保留模型的权重"
        dialog.start()  # no file yet: the status says what is missing
        assert dialog.status.text() == "请选择一个 .py 文件或 .pt2 归档。"
        dialog.set_source(source)
        assert dialog.hint.text() == "找到 1 个模型类或函数"
        ignore = {"Net", str(source)}
        assert english_leftovers(dialog, ignore=ignore) == []
        assert all(
            _has_chinese(text)
            for text in (dialog.browse.text(), dialog.name.toolTip(), dialog.shape.toolTip())
        )
