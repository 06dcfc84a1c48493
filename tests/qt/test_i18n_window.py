"""The window's shell in Simplified Chinese: menus, palette, inspector, canvas hints, undo names.

Widgets take their words when they are built, so each window is made inside ``chinese()``.
The layer catalogue's own words (names, categories, docs, parameter help) are translated in
their own area ("Catalogue" context); until that catalogue is on this branch they are filtered
out of the leftovers explicitly (``_without_catalogue_words``), and a stand-in translator shows
that the palette and the inspector pass them through ``catalogue_text``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from netbuilder.model.catalogue import CATALOGUE
from netbuilder.qt.app import EXAMPLE_TITLES, examples_dir
from netbuilder.qt.canvas.items import PORT_HINTS
from netbuilder.qt.i18n import translate
from tests.qt.i18n_support import chinese, english_leftovers, english_words

CJK = re.compile(r"[\u4e00-\u9fff]")

# The catalogue's words: shown through catalogue_text, translated by the catalogue's area. Until
# its translations are on this branch, texts made only of them (and markup) are not leftovers.
CATALOGUE_WORDS = sorted(
    {
        word
        for spec in CATALOGUE.values()
        for word in (
            spec.display_name,
            spec.category,
            spec.doc,
            *(p.help for p in spec.params),
            *(p.name for p in spec.params),  # identifiers (kernel_size), shown as they are
        )
        if word
    },
    key=len,
    reverse=True,
)


# Submenus another area adds to this area's menus (View > Canvas Tint: the training area's).
OTHER_AREAS_MENUS = {"tintMenu"}
# Names a Chinese text keeps as they are, beyond i18n_support.ALLOWED (a model's name, a suffix).
KEPT_NAMES = re.compile(r"Transformer|\(\.onnx\)")


def _english(text: str) -> list[str]:
    return english_words(KEPT_NAMES.sub(" ", text))


def _without_catalogue_words(leftovers: list[str]) -> list[str]:
    kept = []
    for line in leftovers:
        text = line.partition(": ")[2]
        for word in CATALOGUE_WORDS:
            text = text.replace(word, " ")
        if english_words(text):
            kept.append(line)
    return kept


def _chinese(text: str) -> bool:
    return bool(CJK.search(text))


def _menu_texts(menu: QMenu) -> Iterator[str]:
    yield menu.title()
    for action in menu.actions():
        if action.isSeparator():
            continue
        sub = action.menu()
        if isinstance(sub, QMenu):
            if sub.objectName() not in OTHER_AREAS_MENUS:
                yield from _menu_texts(sub)
            continue
        yield action.text()
        if action.toolTip():
            yield action.toolTip()


@pytest.fixture
def zh_window(make_window):
    with chinese() as language:
        assert language == "zh_CN"
        yield make_window()


def test_the_menus_speak_chinese(zh_window) -> None:
    w = zh_window
    titles = [a.text() for a in w.menuBar().actions()]
    assert titles[:3] == ["文件(&F)", "编辑(&E)", "视图(&V)"]
    named = w.actions_by_name
    assert named["new"].text() == "新建(&N)"
    assert named["save_as"].text() == "另存为(&A)…"
    assert named["save"].toolTip() == "保存 — 保存项目"  # the mnemonic is left out
    assert named["fit"].iconText() == "适应窗口"  # the toolbar's button: no "(F)"
    assert named["make_block"].text() == "创建模块(&B)…"
    assert named["connect_next"].text() == "连接到下一个层(&N)"
    assert w.export_menu.title() == "导出(&E)"
    assert [a.text() for a in w.history_actions] == ["撤销", "重做"]
    # File, Edit and View are this area's menus (Training and Help belong to others).
    mine = [w.menuBar().actions()[i].menu() for i in range(3)]
    leftovers = [
        text
        for menu in mine
        for text in _menu_texts(menu)  # type: ignore[arg-type]
        if _english(text)
    ]
    assert leftovers == [], leftovers


def test_examples_are_listed_under_their_chinese_names(zh_window) -> None:
    examples = zh_window.findChild(QMenu, "examplesMenu")
    titles = [a.text() for a in examples.actions()]
    assert "手写数字 MLP" in titles
    assert all(_chinese(t) for t in titles), titles


def test_every_bundled_example_has_a_translatable_title() -> None:
    folder = examples_dir()
    assert folder is not None
    names = {json.loads(p.read_text(encoding="utf-8"))["name"] for p in folder.glob("*.json")}
    assert names == set(EXAMPLE_TITLES)


def test_the_empty_canvas_and_the_status_bar_speak_chinese(zh_window) -> None:
    w = zh_window
    w.new_project()
    hint = w.findChild(QLabel, "emptyCanvasHint")
    assert hint.isVisible() and "层库" in hint.text() and "打开示例" in hint.text()
    assert w.findChild(QLabel, "validityLabel").text() == "空网络"
    assert english_leftovers(hint) == []
    assert w.palette_dock.windowTitle() == "层库"
    assert w.inspector_dock.windowTitle() == "属性"
    assert w.display_name() == "未命名"
    assert _chinese(translate("PortItem", PORT_HINTS[True]))
    overview = w.view.findChild(QWidget, "canvasOverview")
    assert overview is not None and overview.toolTip().startswith("整个网络的概览")


def test_the_palette_speaks_chinese_but_for_the_catalogue(zh_window) -> None:
    palette = zh_window.layer_palette
    assert palette.search.placeholderText() == "搜索层和模块…"
    leftovers = english_leftovers(palette)
    assert _without_catalogue_words(leftovers) == []


def test_undo_names_the_edit_in_chinese(zh_window) -> None:
    w = zh_window
    w.new_project()
    node = w.add_layer_at_centre("Linear")
    assert node is not None
    assert w.document.undo_stack.undoText() == "添加 Linear"
    w.scene.select_nodes([node])
    w.scene.delete_selection()
    assert w.document.undo_stack.undoText() == f"删除 {node}"
    assert w.actions_by_name["undo"].text() == f"撤销(&U) 删除 {node}"


def test_the_inspector_and_the_card_speak_chinese(zh_window) -> None:
    w = zh_window
    w.new_project()
    inspector = w.inspector
    placeholder = inspector.findChild(QLabel, "inspectorPlaceholder")
    assert placeholder.text() == "在画布上选择一个层，即可查看和编辑它的设置。"
    node = w.add_layer_at_centre("Linear")
    assert node is not None
    page = inspector.findChild(QWidget, "inspectorPage")
    form = page.layout()
    labels = [
        form.itemAt(i).widget().text()
        for i in range(form.count())
        if isinstance(form.itemAt(i).widget(), QLabel)
    ]
    assert "ID" in labels and "名称" in labels and "out_features" in labels
    leftovers = [
        line
        for line in english_leftovers(inspector, ignore=[node])
        # the shape line comes from the Issues panel's node_status (the dialogs area)
        if not line.startswith("QLabel(nodeStatus)")
    ]
    assert _without_catalogue_words(leftovers) == []
    w.scene.select_nodes([])
    assert inspector.findChild(QLabel, "inspectorPlaceholder") is not None


class _Catalogue(QTranslator):
    """Stands in for the catalogue's translations: marks every "Catalogue" word."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return f"译{source}" if context == "Catalogue" else ""


@pytest.fixture
def marked_catalogue(qapp):
    translator = _Catalogue()
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


def test_the_palette_and_inspector_show_catalogue_words_translated(
    marked_catalogue, make_window
) -> None:
    w = make_window()
    palette = w.layer_palette
    item = palette.item_for("Linear")
    name = CATALOGUE["Linear"].display_name
    assert item.text(0) == f"译{name}"
    assert "· Linear" in item.toolTip(0)  # the PyTorch type beside the translated name
    assert item.parent().text(0) == f"译{CATALOGUE['Linear'].category}"
    palette.set_filter(f"译{name}")  # found by the shown name...
    assert "Linear" in palette.visible_layer_types()
    palette.set_filter("Conv2d")  # ...and by the English type
    assert palette.visible_layer_types() == ["Conv2d"]
    palette.set_filter("")
    w.new_project()
    node = w.add_layer_at_centre("Linear")
    assert node is not None
    title = w.inspector.findChild(QWidget, "inspectorPage").layout().itemAt(0).widget()
    assert title.text() == f"译{name} \u00b7 Linear"
    help_text = CATALOGUE["Linear"].params[0].help
    assert w.inspector.fields["out_features"].editor.toolTip() == f"译{help_text}"
    card = w.scene.node_item(node)
    assert card is not None and any(f"译{name}" in t.text() for _p, t, _f, _c in card._lines)


def test_english_stays_the_source(make_window) -> None:
    w = make_window()
    assert w.actions_by_name["new"].text() == "&New"
    assert w.palette_dock.windowTitle() == "Layers"
    assert w.layer_palette.item_for("Linear").text(0) == CATALOGUE["Linear"].display_name
