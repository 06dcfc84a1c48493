"""The engine's words in Chinese: a real shape error, a fix's label, a doctor's finding and a
project file's error, shown through ``localized`` with the zh_CN catalogue installed, keep
their values (node ids, shapes, numbers, field paths) and lose their English."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from netbuilder.engine.data.csv_reader import read_csv
from netbuilder.engine.data.errors import DataError
from netbuilder.engine.doctor.watch_layers import _dead
from netbuilder.engine.network.compile import CompileError, compile_graph
from netbuilder.engine.network.shapes import check_graph
from netbuilder.io import ProjectFileError, load_project, project_to_dict
from netbuilder.model import GraphError, Project
from netbuilder.qt.i18n import localized
from tests.engine.test_i18n_messages import DIGITS_IMAGES, conv_into_linear, mismatched_add
from tests.qt.i18n_support import chinese

HAN = re.compile(r"[\u4e00-\u9fff]")
# English words that would mean a sentence (or a part of one) was left untranslated.
ENGLISH = re.compile(r"\b(needs|but|receives|insert|before|from|the|is|of|must|got)\b")


def _chinese(text: str) -> bool:
    return bool(HAN.search(text)) and not ENGLISH.search(text)


def test_a_shape_error_and_its_fix_in_chinese(qapp) -> None:
    report = check_graph(conv_into_linear(), DIGITS_IMAGES, "cross_entropy")
    error, label = report.errors["linear_1"], report.fixes["linear_1"].label
    with chinese() as language:
        assert language == "zh_CN"
        shown, shown_label = localized(error), localized(label)
    assert shown == "Linear 需要 [N, features]，但收到 [N, 8, 6, 6]；请在它之前插入 Flatten"
    assert shown_label == "在 linear_1 之前插入 Flatten"
    assert localized(error) == error  # English again once the catalogue is removed


def test_node_names_and_nested_parts_in_chinese(qapp) -> None:
    error = check_graph(mismatched_add()).errors["add_1"]
    with chinese():
        shown = localized(error)
    assert shown == "Add 需要形状相同的输入：来自 left 的 [N, 4], 来自 right 的 [N, 6]"


def test_an_exception_raised_with_a_text_in_chinese(qapp) -> None:
    with pytest.raises(CompileError) as compiled:
        compile_graph(conv_into_linear(), DIGITS_IMAGES)
    graph = conv_into_linear()
    with pytest.raises(GraphError) as connected:
        graph.connect("linear_1", "input_1")
    with chinese():
        shown = localized(compiled.value)
        refused = localized(connected.value)
    assert shown.startswith("linear_1：Linear 需要 [N, features]，但收到 [N, 8, 6, 6]")
    assert refused == "input_1（Input）不接收输入"


def test_a_doctor_finding_in_chinese(qapp) -> None:
    finding = _dead("relu_1", 0.9, 40)
    with chinese():
        meaning, advice = localized(finding.meaning), localized(finding.advice)
        remedy = localized(finding.remedies[0].label)
    assert _chinese(meaning) and _chinese(advice)
    assert "90%" in meaning and "40" in meaning and "ReLU" in meaning
    assert remedy == "将 ReLU 换成 LeakyReLU"


def test_a_project_file_error_in_chinese(qapp, tmp_path: Path) -> None:
    document = project_to_dict(Project(graph=conv_into_linear()))
    document["training"]["lr"] = "fast"
    path = tmp_path / "digits.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ProjectFileError) as info:
        load_project(path)
    with chinese():
        shown = localized(info.value)
    assert shown == "digits.json: training.lr 必须是数字，实际为 'fast'"


def test_a_csv_error_in_chinese_keeps_the_file_line_and_column(qapp, tmp_path: Path) -> None:
    path = tmp_path / "houses.csv"
    path.write_text("rooms,price\n3,100\nmany,200\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_csv(path, target="price")
    assert str(info.value) == (
        "houses.csv, line 3, column 'rooms': 'many' is not a number, but the column is numeric"
    )
    with chinese():
        shown = localized(info.value)
    assert shown == "houses.csv，第 3 行，列 'rooms'：'many' 不是数字，但该列是数值列"
