"""The window's language: Qt's translators, and words from the layers below shown translated.

Every user-visible string in ``netbuilder/qt`` goes through ``translate(context, source)`` (Qt's
``QCoreApplication.translate``, which ``lupdate`` extracts), with ``.format(name=...)`` for the
parts that vary; the context is the class or module that shows it. Words made below the window
(the catalogue's help, shape errors, the doctor's findings: ``netbuilder.model.i18n``) are shown
through ``localized`` (a ``Text``) or ``catalogue_text`` (the catalogue's fixed words).

The catalogues are ``resources/translations/*_<language>.ts`` (sources, edited with Qt Linguist
or by hand), compiled into ``netbuilder_<language>.qm`` by ``python packaging/translations.py``;
the window loads the one for the chosen language (Edit > Preferences, else the system's locale)
together with Qt's own (``qtbase_<language>.qm``: the standard dialogs' buttons).
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from netbuilder.io.identity import translations_dir
from netbuilder.model.errors import message_of
from netbuilder.model.i18n import QT_TRANSLATE_NOOP, Text

__all__ = [
    "CATALOGUE",
    "LANGUAGES",
    "QT_TRANSLATE_NOOP",
    "catalogue_text",
    "current_language",
    "install_translators",
    "language_choice",
    "localized",
    "translate",
    "translations_dir",
]

CATALOGUE = "Catalogue"  # the context of the layer catalogue's words (netbuilder/model)
LANGUAGE_KEY = "preferences/language"
LANGUAGE_ENV = "NETBUILDER_LANGUAGE"  # overrides Preferences (tests, a one-off start)
# The choices in Edit > Preferences: "system" follows the locale; the others are shipped.
LANGUAGES = {
    "system": QT_TRANSLATE_NOOP("Preferences", "Follow the system"),
    "en": "English",
    "zh_CN": "简体中文",
}
_installed: list[QTranslator] = []
_language = ["en"]  # the language in use (``current_language``)


def translate(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``source`` in the window's language (``QCoreApplication.translate``)."""
    return QCoreApplication.translate(context, source, disambiguation, n)


def catalogue_text(source: str) -> str:
    """One of the catalogue's fixed words (a layer's name or help, a parameter's help)."""
    return QCoreApplication.translate(CATALOGUE, source) if source else source


def localized(text: object) -> str:
    """``text`` in the window's language when it is a ``Text`` (or an exception raised with
    one: ``str(error)`` would lose it); other values as ``str``."""
    if isinstance(text, BaseException) and isinstance(message_of(text), Text):
        text = message_of(text)
    if not isinstance(text, Text):
        return str(text)
    fields: dict[str, Any] = {
        name: localized(value) if isinstance(value, Text) else value
        for name, value in text.fields.items()
    }
    translated = QCoreApplication.translate(text.context, text.source)
    if not fields:
        return translated
    try:
        return translated.format(**fields)
    except (KeyError, IndexError, ValueError):  # a translation with broken fields: English
        return str.format(text.source, **fields)


def language_choice(settings: QSettings | None = None) -> str:
    """The chosen language: ``NETBUILDER_LANGUAGE``, else Preferences, else "system"."""
    chosen = os.environ.get(LANGUAGE_ENV) or str(
        (settings or QSettings()).value(LANGUAGE_KEY, "system")
    )
    return chosen if chosen in LANGUAGES else "system"


def _resolve(choice: str) -> str:
    """The shipped language for a choice: "system" maps the locale to one, else "en"."""
    if choice != "system":
        return choice
    for name in QLocale.system().uiLanguages():  # e.g. ["zh-Hans-CN", "zh-CN", "en-US"]
        code = name.replace("-", "_")
        if code.startswith(("zh_CN", "zh_Hans", "zh_SG")) or code == "zh":
            return "zh_CN"
        if code.startswith("en"):
            return "en"
    return "en"


def current_language() -> str:
    """The language the window's words are in: "en" or a shipped one ("zh_CN")."""
    return _language[0]


def install_translators(choice: str | None = None) -> str:
    """Load the catalogues for ``choice`` (default: ``language_choice()``) into the application,
    replacing the ones loaded before; returns the language in use ("en" needs none).

    Widgets built before a change keep their words: the window asks for a restart.
    """
    app = QCoreApplication.instance()
    assert app is not None, "install_translators needs a QApplication"
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    language = _resolve(choice or language_choice())
    _language[0] = "en"
    if language == "en":
        return language
    ours = QTranslator(app)
    if not ours.load(f"netbuilder_{language}.qm", str(translations_dir())):
        return "en"  # not shipped (a source checkout before the catalogue was compiled)
    qt_own = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_own.load(f"qtbase_{language}.qm", qt_dir):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    app.installTranslator(ours)
    _installed.append(ours)
    _language[0] = language
    return language
