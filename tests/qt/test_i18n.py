"""The window's language: translators installed and removed, ``localized`` on engine words."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTranslator

from netbuilder.model.i18n import translate
from netbuilder.qt import i18n
from netbuilder.qt.i18n import install_translators, language_choice, localized
from tests.qt.i18n_support import english_words


class _Upper(QTranslator):
    """Translates every source of the "Shapes" context into a marked form."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if context == "Shapes":
            return "译:" + source.replace("expected", "应为")
        return ""


@pytest.fixture
def upper(qapp):
    translator = _Upper()
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


def test_localized_translates_the_source_and_fills_its_fields(upper) -> None:
    text = translate("Shapes", "expected {want} features").format(want=784)
    assert text == "expected 784 features"  # what the CLI and the logs read
    assert localized(text) == "译:应为 784 features"
    assert localized("plain words") == "plain words"
    assert localized(ValueError(text)) == "译:应为 784 features"  # str(error) would be English
    assert str(ValueError(text)) == "expected 784 features"
    assert localized(3) == "3"


def test_localized_translates_fields_that_are_texts_too(upper) -> None:
    inner = translate("Shapes", "expected a vector")
    outer = translate("Shapes", "{reason} at {node}").format(reason=inner, node="dense1")
    assert localized(outer) == "译:译:应为 a vector at dense1"


def test_a_translation_with_broken_fields_falls_back_to_english(qapp) -> None:
    class Broken(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[override]
            return "{missing}" if context == "Shapes" else ""

    broken = Broken()
    qapp.installTranslator(broken)
    try:
        text = translate("Shapes", "got {got}").format(got=10)
        assert localized(text) == "got 10"
    finally:
        qapp.removeTranslator(broken)


def test_language_choice_reads_the_environment_then_preferences(
    tmp_path: Path, monkeypatch
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    monkeypatch.delenv("NETBUILDER_LANGUAGE", raising=False)
    assert language_choice(settings) == "system"
    settings.setValue("preferences/language", "zh_CN")
    assert language_choice(settings) == "zh_CN"
    settings.setValue("preferences/language", "tlh")  # not shipped: the system's
    assert language_choice(settings) == "system"
    monkeypatch.setenv("NETBUILDER_LANGUAGE", "en")
    settings.setValue("preferences/language", "zh_CN")
    assert language_choice(settings) == "en"


def test_english_needs_no_catalogue_and_removes_the_chinese_one(qapp) -> None:
    assert install_translators("zh_CN") == "zh_CN"
    assert i18n.current_language() == "zh_CN"
    assert i18n._installed, "the zh_CN catalogue and Qt's own are installed"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own
    assert install_translators("en") == "en"
    assert i18n.current_language() == "en"
    assert not i18n._installed
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_a_missing_catalogue_leaves_english(qapp, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setattr(i18n, "translations_dir", lambda: tmp_path)
    assert install_translators("zh_CN") == "en"
    assert not i18n._installed


def test_english_words_tells_prose_from_identifiers() -> None:
    assert english_words("学习率 (lr)") == ["lr"]
    assert english_words("kernel_size: 3, Conv2d, ReLU, MNIST, 学习率") == []
    assert english_words("<b>Learning</b> rate") == ["Learning", "rate"]


@pytest.mark.parametrize(
    ("locale", "language"),
    [("zh_CN", "zh_CN"), ("zh_Hans_SG", "zh_CN"), ("en_GB", "en"), ("de_DE", "en")],
)
def test_the_system_locale_chooses_the_language(qapp, monkeypatch, locale, language) -> None:
    """Following the system, a Chinese (Simplified) locale gets the zh_CN catalogue."""
    from PySide6.QtCore import QLocale

    monkeypatch.delenv("NETBUILDER_LANGUAGE", raising=False)
    monkeypatch.setattr(i18n.QLocale, "system", staticmethod(lambda: QLocale(locale)))
    try:
        assert install_translators("system") == language
    finally:
        install_translators("en")
