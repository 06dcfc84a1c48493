"""Translatable text for the layers below the window (model, io, engine), with no Qt.

The window translates with Qt's catalogues (``netbuilder/qt/i18n.py``); the model and the engine
may not import Qt, yet their words reach the window: a layer's name and help, a shape error, a
doctor's finding. They mark those words here, in a form Qt's ``lupdate`` extracts:

- ``QT_TRANSLATE_NOOP(context, source)`` marks a fixed text in a table (the catalogue's help)
  and returns it unchanged; the window translates it where it shows it, under that context.
- ``translate(context, source)`` returns a ``Text``: the English words, a ``str`` that reads as
  before everywhere (the CLI, logs, files, tests), which also remembers its context and source.
  ``Text.format(**fields)`` fills ``{name}`` fields and keeps them, so the window can show the
  translated source filled with the same fields (``netbuilder.qt.i18n.localized``).

Only keyword fields are kept (``{name}``, not ``{}``): a translation may order them differently.
A ``Text`` that is concatenated or f-string formatted becomes a plain ``str`` and shows in
English: build whole sentences with ``format``.
"""

from __future__ import annotations

from typing import Any, Self

__all__ = ["QT_TRANSLATE_NOOP", "Text", "translate"]


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate knows
    """Mark ``source`` for translation under ``context``; returns it unchanged."""
    del context
    return source


class Text(str):  # noqa: SLOT000 - str subclasses cannot have non-empty slots
    """English text that remembers its translation source, context and fields."""

    context: str
    source: str
    fields: dict[str, Any]

    def __new__(cls, context: str, source: str, fields: dict[str, Any] | None = None) -> Self:
        fields = dict(fields or {})
        english = str.format(source, **fields) if fields else source
        text = super().__new__(cls, english)
        text.context = context
        text.source = source
        text.fields = fields
        return text

    def format(self, *args: object, **fields: Any) -> Text:
        """The source with ``fields`` filled in; positional fields are not allowed."""
        if args:
            raise TypeError("Text.format takes keyword fields only: {name}, not {}")
        return Text(self.context, self.source, {**self.fields, **fields})

    def __reduce__(self) -> tuple[Any, ...]:  # copy and deepcopy keep the source
        return (Text, (self.context, self.source, self.fields))


def translate(context: str, source: str) -> Text:
    """``source`` marked for translation under ``context``, as a ``Text``."""
    return Text(context, source)
