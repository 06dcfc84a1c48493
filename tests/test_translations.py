"""The interface is translatable, and the shipped catalogues are complete and in step.

``python packaging/translations.py`` extracts and compiles; these tests fail when a string at a
UI site is not translated (``tests/i18n_scan.py``), when the code has strings the committed .ts
files lack (or the other way round), when a translation is unfinished or breaks a ``{field}``,
and when a shipped .qm is older than its .ts files.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from netbuilder.model.i18n import QT_TRANSLATE_NOOP, Text, translate
from tests.i18n_scan import untranslated_strings

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "netbuilder"
# Areas of the window whose strings are still being moved into the catalogues (issue 17).
PENDING_AREAS: set[str] = set()


def _load_tool() -> ModuleType:
    path = ROOT / "packaging" / "translations.py"
    spec = importlib.util.spec_from_file_location("translations", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("translations", module)
    spec.loader.exec_module(module)
    return module


TOOL = _load_tool()
FIELD = re.compile(r"\{(\w*)[^{}]*\}")


def _window_files() -> list[Path]:
    areas = TOOL.area_files()
    return [
        path
        for area, files in areas.items()
        for path in files
        if path.is_relative_to(PACKAGE / "qt") and area not in PENDING_AREAS
    ]


def test_every_source_file_belongs_to_one_area() -> None:
    areas = TOOL.area_files()
    owned = [path for files in areas.values() for path in files]
    assert sorted(owned) == sorted(PACKAGE.rglob("*.py"))
    assert len(owned) == len(set(owned))


@pytest.mark.parametrize("path", _window_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_window_strings_go_through_translation(path: Path) -> None:
    found = untranslated_strings(path)
    where = [f"{path.relative_to(ROOT)}:{line}: {code}" for line, code in found]
    assert not where, "strings shown untranslated:\n" + "\n".join(where)


def test_the_scan_finds_untranslated_strings(tmp_path: Path) -> None:
    source = tmp_path / "widget.py"
    source.write_text(
        "label = QLabel('Learning rate')\n"
        "label.setToolTip(f'{n} layers')\n"
        "label.setText(translate('W', 'Loss'))\n"
        "label.setText(translate('W', '{n} steps').format(n=3))\n"
        "box.addItem('…')\n"
        "box.addItem('ReLU')  # i18n: ignore\n"
        "QMessageBox.warning(self, 'Oops', localized(error))\n",
        encoding="utf-8",
    )
    assert [line for line, _ in untranslated_strings(source)] == [1, 2, 7]


def test_catalogues_are_in_step_with_the_code_and_finished() -> None:
    problems = TOOL.check()
    pending = tuple(f"{area}_" for area in PENDING_AREAS)
    problems = [p for p in problems if not (p.startswith(pending) and ": unfinished:" in p)]
    assert not problems, "\n".join(problems[:40]) + "\n(python packaging/translations.py)"


def test_translations_keep_the_fields_of_their_source() -> None:
    broken = []
    for ts in sorted(TOOL.TRANSLATIONS.glob("*.ts")):
        for (context, source), (text, done) in TOOL.messages(ts).items():
            if done and sorted(FIELD.findall(text)) != sorted(FIELD.findall(source)):
                broken.append(f"{ts.name}: [{context}] {source!r} -> {text!r}")
    assert not broken, "\n".join(broken)


def test_a_text_reads_in_english_and_keeps_its_source() -> None:
    text = translate("Shapes", "expected {want} features, got {got}").format(want=784, got=10)
    assert text == "expected 784 features, got 10"
    assert isinstance(text, str) and isinstance(text, Text)
    assert (text.context, text.source, text.fields) == (
        "Shapes",
        "expected {want} features, got {got}",
        {"want": 784, "got": 10},
    )
    assert QT_TRANSLATE_NOOP("Catalogue", "Linear") == "Linear"
    with pytest.raises(TypeError):
        translate("Shapes", "{}").format(3)
    import copy

    assert copy.deepcopy(text).fields == text.fields
