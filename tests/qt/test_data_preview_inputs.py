"""The data preview of a file with text, id and grouped columns: its first rows, as text."""

from __future__ import annotations

from netbuilder.engine.data.datasets import load_table_info
from netbuilder.model import DatasetBinding
from netbuilder.qt.data_preview import DataPreview


def test_a_table_of_named_inputs_previews_every_column_as_text(qtbot, tmp_path) -> None:
    path = tmp_path / "reviews.csv"
    rows = [f'u{i % 3},{i},"Review number {i}, quite good",{i % 2}' for i in range(20)]
    path.write_text("user,age,review,label\n" + "\n".join(rows) + "\n")
    options = {
        "target": "label",
        "text": {"review": {}},
        "ids": ["user"],
        "inputs": {"who": ["user"], "age": ["age"], "words": ["review"]},
    }
    table, info = load_table_info(DatasetBinding(source="csv", path=str(path), options=options))
    preview = DataPreview()
    qtbot.addWidget(preview)
    preview.resize(400, 500)
    preview.show()
    qtbot.waitExposed(preview)
    preview.display(info, table)  # drawn once the preview is on screen
    grid = preview.table
    qtbot.waitUntil(lambda: grid.columnCount() == 4)
    headers = [grid.horizontalHeaderItem(c).text() for c in range(grid.columnCount())]
    assert headers == ["target", "user", "age", "review"]
    assert grid.rowCount() == 20
    assert [grid.item(1, c).text() for c in range(1, 4)] == [
        "u1",
        "1",
        "Review number 1, quite good",
    ]
    assert not preview.tabs.isTabVisible(2)  # no scatter of a placeholder
