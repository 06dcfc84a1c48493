"""The palette lists the catalogue by category, filters as you type and starts layer drags."""

from __future__ import annotations

from PySide6.QtCore import Qt

from netbuilder.model import CATALOGUE, CATEGORIES
from netbuilder.qt.palette import LAYER_MIME, PaletteWidget


def make(qtbot) -> PaletteWidget:
    palette = PaletteWidget()
    qtbot.addWidget(palette)
    return palette


def test_every_layer_once_grouped_by_category_in_order(qtbot) -> None:
    palette = make(qtbot)
    tree = palette.tree
    headers = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert headers == list(CATEGORIES)
    assert sorted(palette.visible_layer_types()) == sorted(CATALOGUE)
    conv = palette.item_for("Conv2d")
    assert conv.parent().text(0) == "Convolution"
    assert CATALOGUE["Conv2d"].doc in conv.toolTip(0)


def test_search_filters_by_name_and_doc(qtbot) -> None:
    palette = make(qtbot)
    qtbot.keyClicks(palette.search, "conv")
    assert palette.visible_layer_types() == ["Conv1d", "Conv2d", "ConvTranspose2d"]
    hidden = [palette.tree.topLevelItem(i) for i in range(palette.tree.topLevelItemCount())]
    assert sum(not h.isHidden() for h in hidden) == 1
    palette.search.clear()
    qtbot.keyClicks(palette.search, "skip connections")  # words from Add's doc only
    assert palette.visible_layer_types() == ["Add"]
    palette.search.setText("no such layer")
    assert palette.visible_layer_types() == []
    palette.search.clear()
    assert len(palette.visible_layer_types()) == len(CATALOGUE)


def test_enter_in_the_search_box_adds_the_first_match(qtbot) -> None:
    palette = make(qtbot)
    got: list[str] = []
    palette.layer_activated.connect(got.append)
    qtbot.keyClicks(palette.search, "dropout")
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    assert got == ["Dropout"]


def test_drag_data_carries_the_layer_type(qtbot) -> None:
    palette = make(qtbot)
    mime = palette.tree.mimeData([palette.item_for("MaxPool2d")])
    assert mime.hasFormat(LAYER_MIME)
    assert bytes(mime.data(LAYER_MIME)).decode("utf-8") == "MaxPool2d"
    header = palette.tree.topLevelItem(0)
    assert not header.flags() & Qt.ItemFlag.ItemIsDragEnabled  # categories are not layers


def test_double_click_and_enter_on_a_row_activate_it(qtbot) -> None:
    palette = make(qtbot)
    palette.show()
    qtbot.waitExposed(palette)
    got: list[str] = []
    palette.layer_activated.connect(got.append)
    item = palette.item_for("ReLU")
    palette.tree.scrollToItem(item)
    pos = palette.tree.visualItemRect(item).center()
    qtbot.mouseClick(palette.tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert got == []  # a single click only selects
    qtbot.mouseDClick(palette.tree.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert got == ["ReLU"]
    palette.tree.setCurrentItem(palette.item_for("Tanh"))
    qtbot.keyClick(palette.tree, Qt.Key.Key_Return)
    assert got == ["ReLU", "Tanh"]
