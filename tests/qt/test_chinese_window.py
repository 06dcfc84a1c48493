"""Issue 17's acceptance on real widgets: with zh_CN, the main window, the palette, the inspector,
the training panel and a shape error speak Chinese, and nothing the window shows is left in
English but the user's own data and the names a translation keeps (PyTorch types, identifiers).
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from netbuilder.engine.data.datasets import BUILTIN_DATASETS
from netbuilder.qt.app import examples_dir
from tests.qt.i18n_support import chinese, english_leftovers, english_words

CJK = re.compile(r"[\u4e00-\u9fff]")


def chinese_text(text: str) -> bool:
    """Has Chinese characters and no English prose."""
    return bool(CJK.search(text)) and not english_words(text)


@pytest.fixture
def zh_digits(make_window):
    """The digits MLP example in a window built in Chinese, bound to the 8x8 digit images: its
    first Linear then receives [N, 1, 8, 8], a shape error with a fix."""
    with chinese():
        window = make_window()
        examples = examples_dir()
        assert examples is not None and window.open_example(examples / "digits_mlp.json")
        assert window.data_panel.bind_builtin("digits_images")
        yield window


def _users_words(window) -> set[str]:
    """What the window shows of the user's own: the layers' names and the datasets' names."""
    graph = window.document.graph
    datasets = {name.replace("_", " ") for name in BUILTIN_DATASETS}  # the CLI's names, kept
    return {n.label for n in graph} | {n.id for n in graph} | datasets


def test_the_menus_and_the_dock_titles_are_chinese(zh_digits) -> None:
    window = zh_digits
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles and all(chinese_text(t) for t in titles), titles
    docks = [window.palette_dock, window.inspector_dock, window.issues_dock, window.training_dock]
    assert all(chinese_text(d.windowTitle()) for d in docks)


def test_the_palette_names_layers_in_chinese(zh_digits) -> None:
    palette = zh_digits.layer_palette
    tree = palette.findChild(QWidget, "paletteTree")
    shown = [
        tree.topLevelItem(i).child(j).text(0)
        for i in range(tree.topLevelItemCount())
        for j in range(tree.topLevelItem(i).childCount())
    ]
    assert "全连接层" in shown and "二维卷积" in shown
    assert english_leftovers(palette) == []


def test_the_inspector_shows_a_layer_in_chinese(zh_digits) -> None:
    window = zh_digits
    window.scene.select_nodes(["linear_1"])
    page = window.inspector.findChild(QWidget, "inspectorPage")
    texts = [label.text() for label in page.findChildren(QLabel) if label.isVisibleTo(page)]
    assert any(text.startswith("全连接层 · Linear") for text in texts), texts
    assert english_leftovers(window.inspector, ignore=_users_words(window)) == []


def test_a_shape_error_is_chinese_in_the_issues_list_and_on_the_fix(zh_digits) -> None:
    window = zh_digits
    row = window.issues.tree.topLevelItem(0)
    assert row.text(0) == "linear_1"
    assert chinese_text(row.text(1)) and "[N, 1, 8, 8]" in row.text(1)
    fix = window.issues.fix_button("linear_1")
    assert fix is not None and chinese_text(fix.text()) and "Flatten" in fix.text()
    assert english_leftovers(window.issues, ignore=_users_words(window)) == []


def test_the_training_panel_is_chinese(zh_digits) -> None:
    panel = zh_digits.training_panel
    for button in (panel.start_button, panel.pause_button, panel.stop_button, panel.check_button):
        assert chinese_text(button.text()), button.text()
    assert english_leftovers(panel, ignore=_users_words(zh_digits)) == []


def test_nothing_in_the_window_is_left_in_english(zh_digits) -> None:
    window = zh_digits
    assert english_leftovers(window, ignore=_users_words(window)) == []
