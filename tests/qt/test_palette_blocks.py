"""Blocks in the palette: the project's and the library's listed, dropped, saved and removed."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from netbuilder.io.block_library import read_library, save_block
from netbuilder.model import CATEGORIES, Project
from netbuilder.model.block_edits import plan_make_block
from netbuilder.model.edits import apply_edits
from netbuilder.qt.palette_blocks import BLOCK_MIME
from tests.block_graphs import residual_net

LEFT = Qt.MouseButton.LeftButton


def with_block(window, name: str = "ResBlock") -> str:
    """The window's project: residual_net with r1, c2, add made into block ``name``."""
    window.document.replace_project(Project(graph=residual_net()))
    graph = window.document.graph
    plan, use = plan_make_block(graph, ["r1", "c2", "add"], name)
    apply_edits(graph, plan)
    return use


def library_block(blocks_dir, name: str = "Stem") -> None:
    """A library file for block ``name`` (ReLU -> Conv2d), made in a scratch project."""
    g = residual_net()
    plan, _ = plan_make_block(g, ["r1", "c2"], name)
    apply_edits(g, plan)
    save_block(blocks_dir, g.blocks, name)


def library_window(make_window, qtbot):
    """A window whose palette has read the library (after the window's first paint)."""
    window = make_window()
    qtbot.waitUntil(lambda: window.block_library.reads > 0)
    return window


def headers(palette) -> list[str]:
    tree = palette.tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def test_project_blocks_are_listed_and_follow_the_library(make_window):
    window = make_window()
    palette = window.layer_palette
    assert headers(palette) == list(CATEGORIES)  # no blocks: the palette as it always was
    assert not window.actions_by_name["save_block"].isEnabled()
    with_block(window)
    assert headers(palette) == ["Blocks", *CATEGORIES]
    assert palette.visible_blocks() == [("project", "ResBlock")]
    tip = palette.block_item("project", "ResBlock").toolTip(0)
    assert "3 layers, 1 input" in tip
    assert window.actions_by_name["save_block"].isEnabled()
    row = palette.block_item("project", "ResBlock")
    window.document.graph.blocks["ResBlock"].body.remove_node("r1")  # a change shows at once
    assert palette.block_item("project", "ResBlock") is row  # the row updated, not rebuilt
    assert "2 layers" in row.toolTip(0)
    window.new_project()  # another project: its (no) blocks
    assert headers(palette) == list(CATEGORIES)


def test_search_finds_blocks_and_enter_adds_a_use(make_window, qtbot):
    window = make_window()
    with_block(window, "BasicBlock")
    palette = window.layer_palette
    qtbot.keyClicks(palette.search, "basic")
    assert palette.visible_blocks() == [("project", "BasicBlock")]
    assert [r.text(0) for r in palette.blocks.rows() if not r.isHidden()] == ["BasicBlock"]
    assert palette.visible_layer_types() == []
    qtbot.keyClick(palette.search, Qt.Key.Key_Return)
    graph = window.document.graph
    [new] = [n for n in graph.nodes_of_type("Block") if n.id != "basic_block_1"]
    assert new.params["block"] == "BasicBlock"
    assert window.scene.selected_node_ids() == [new.id]
    palette.search.clear()
    qtbot.keyClicks(palette.search, "conv")  # layers as before; the block has no conv in name
    assert palette.visible_layer_types() == ["Conv1d", "Conv2d", "ConvTranspose2d"]
    assert palette.visible_blocks() == []


def test_dragging_a_library_block_copies_it_in_one_undo_step(make_window, blocks_dir, qtbot):
    library_block(blocks_dir, "Stem")
    window = library_window(make_window, qtbot)
    with_block(window)
    palette = window.layer_palette
    assert palette.visible_blocks() == [("project", "ResBlock"), ("library", "Stem")]
    item = palette.block_item("library", "Stem")
    assert item.text(0) == "Stem" and "from your block library" in item.toolTip(0)
    label = item.parent().child(item.parent().indexOfChild(item) - 1)
    assert label.text(0) == "From your library"  # library rows come under this label
    mime = palette.tree.mimeData([item])
    assert mime.hasFormat(BLOCK_MIME)
    view = window.view
    target = view.mapFromScene(QPointF(300, 400))
    enter = QDragEnterEvent(target, Qt.DropAction.CopyAction, mime, LEFT, Qt.KeyboardModifier(0))
    QApplication.sendEvent(view.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(target), Qt.DropAction.CopyAction, mime, LEFT, Qt.KeyboardModifier(0))
    QApplication.sendEvent(view.viewport(), drop)
    graph = window.document.graph
    assert graph.blocks.names() == ["ResBlock", "Stem"]
    [use] = [n for n in graph.nodes_of_type("Block") if n.params["block"] == "Stem"]
    assert window.scene.selected_node_ids() == [use.id]
    assert palette.visible_blocks()[:2] == [("project", "ResBlock"), ("project", "Stem")]
    stack = window.document.undo_stack
    assert stack.undoText() == "Add block Stem from the library"
    stack.undo()  # one step takes back the use and the copied definition
    assert graph.blocks.names() == ["ResBlock"] and use.id not in graph
    assert ("project", "Stem") not in palette.visible_blocks()


def test_a_clashing_library_block_arrives_renamed(make_window, blocks_dir, qtbot):
    library_block(blocks_dir, "ResBlock")  # same name, different layers than the project's
    window = library_window(make_window, qtbot)
    with_block(window)
    node_id = window.block_library.add_at_centre("library", "ResBlock")
    graph = window.document.graph
    assert graph.node(node_id).params["block"] == "ResBlock_2"
    assert graph.blocks.names() == ["ResBlock", "ResBlock_2"]
    assert "as ResBlock_2" in window.statusBar().currentMessage()


def test_broken_library_files_are_listed_greyed_with_the_problem(make_window, blocks_dir, qtbot):
    blocks_dir.mkdir()
    (blocks_dir / "Broken.nbblock").write_text("{not json")
    window = library_window(make_window, qtbot)
    palette = window.layer_palette
    header = palette.tree.topLevelItem(0)
    assert header.text(0) == "Blocks"
    assert header.child(0).text(0) == "From your library"
    row = header.child(1)
    assert row.text(0) == "Broken.nbblock"
    assert "not valid JSON" in row.toolTip(0)
    assert not row.flags() & Qt.ItemFlag.ItemIsDragEnabled
    assert palette.block_actions(row) == []
    assert palette.visible_blocks() == []


def test_save_to_library_asks_before_replacing(make_window, blocks_dir, qtbot):
    window = make_window()
    use = with_block(window)
    actions = window.block_library
    asked: list[str] = []
    actions.ask_overwrite = lambda name, path: asked.append(name) or False  # type: ignore[method-assign]
    window.scene.select_nodes([use])
    window.actions_by_name["save_block"].trigger()  # Edit menu: the selected use's block
    path = blocks_dir / "ResBlock.nbblock"
    assert json.loads(path.read_text())["name"] == "ResBlock"
    assert window.layer_palette.block_item("library", "ResBlock") is not None
    assert asked == []
    before = path.read_bytes()
    window.document.graph.blocks["ResBlock"].body.move_node("r1", (5.0, 5.0))
    [_add, save, _delete] = actions.menu_actions("project", "ResBlock")
    save.trigger()
    assert asked == ["ResBlock"] and path.read_bytes() == before  # answered No: kept
    actions.ask_overwrite = lambda name, path: True  # type: ignore[method-assign]
    save.trigger()
    assert path.read_bytes() != before


def test_remove_from_library_asks_first(make_window, blocks_dir, qtbot):
    library_block(blocks_dir, "Stem")
    window = library_window(make_window, qtbot)
    actions = window.block_library
    answers = [False, True]
    actions.ask_remove = lambda name, path: answers.pop(0)  # type: ignore[method-assign]
    [_add, remove] = actions.menu_actions("library", "Stem")
    remove.trigger()
    assert (blocks_dir / "Stem.nbblock").exists()
    remove.trigger()
    assert not (blocks_dir / "Stem.nbblock").exists()
    assert read_library(blocks_dir).blocks == []
    assert window.layer_palette.visible_blocks() == []


def test_delete_a_project_block_only_when_unused(make_window, qtbot):
    window = make_window()
    use = with_block(window)
    palette = window.layer_palette
    item = palette.block_item("project", "ResBlock")
    delete = next(a for a in palette.block_actions(item) if "Delete" in a.text())
    delete.trigger()
    assert "ResBlock" in window.document.graph.blocks
    assert f"still used ({use})" in window.statusBar().currentMessage()
    window.document.delete([use])
    delete.trigger()
    assert "ResBlock" not in window.document.graph.blocks
    assert palette.visible_blocks() == []
    window.document.undo_stack.undo()  # one step brings the definition back
    assert palette.visible_blocks() == [("project", "ResBlock")]


def test_double_click_on_a_block_row_adds_it_after_the_selected_layer(make_window, qtbot):
    window = make_window()
    with_block(window)
    graph = window.document.graph
    window.document.disconnect(graph.out_edges("fc")[0])  # fc feeds nothing now
    window.scene.select_nodes(["fc"])
    palette = window.layer_palette
    item = palette.block_item("project", "ResBlock")
    palette.tree.scrollToItem(item)
    pos: QPoint = palette.tree.visualItemRect(item).center()
    qtbot.mouseClick(palette.tree.viewport(), LEFT, pos=pos)
    assert window.scene.selected_node_ids() == ["fc"]  # a single click only selects the row
    qtbot.mouseDClick(palette.tree.viewport(), LEFT, pos=pos)
    [new] = window.scene.selected_node_ids()
    assert graph.node(new).params["block"] == "ResBlock"
    assert [(e.src, e.dst_port) for e in graph.in_edges(new)] == [("fc", 0)]


def test_coming_back_to_the_window_shows_blocks_saved_elsewhere(make_window, blocks_dir, qtbot):
    from PySide6.QtCore import QEvent

    window = library_window(make_window, qtbot)  # the library read once, after the first paint
    assert window.layer_palette.visible_blocks() == []
    library_block(blocks_dir, "Stem")  # saved by another window or process
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert window.layer_palette.visible_blocks() == [("library", "Stem")]
    reads = window.block_library.reads
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert window.block_library.reads == reads  # nothing changed: the folder is not re-read


def test_inside_an_open_block_a_use_goes_into_its_body_never_itself(make_window, blocks_dir, qtbot):
    library_block(blocks_dir, "Stem")
    window = library_window(make_window, qtbot)
    with_block(window)
    edit_menu = [a.text() for a in window.edit_menu.actions()]
    assert "Save Block to &Library…" in edit_menu
    document = window.document
    document.show_block("ResBlock")
    body = document.graph.blocks["ResBlock"].body
    before = body.to_dict()
    assert window.block_library.add_at_centre("project", "ResBlock") is None
    assert "cannot contain itself" in window.statusBar().currentMessage()
    assert body.to_dict() == before and document.undo_stack.count() == 0
    node_id = window.block_library.add_at_centre("library", "Stem")  # a block in a block
    assert body.node(node_id).params["block"] == "Stem"
    assert document.graph.blocks.used_by("Stem") == ["ResBlock"]
    [_add, _save, delete] = window.block_library.menu_actions("project", "ResBlock")
    delete.trigger()
    assert "open on the canvas" in window.statusBar().currentMessage()
