"""Translating and filling the window's sentence templates.

Templates use {name} placeholders filled from a code's parameters; a missing parameter
leaves the placeholder out rather than failing.
"""

from __future__ import annotations

import string
from typing import Any

from PySide6.QtCore import QCoreApplication

# The translation context of every table in this package: the .ts keys texts by it, so
# it stays "Messages" wherever a table lives.
CONTEXT = "Messages"


class _Lenient(string.Formatter):
    def get_value(self, key: Any, args: Any, kwargs: Any) -> Any:
        if isinstance(key, str):
            return kwargs.get(key, "")
        return super().get_value(key, args, kwargs)


def fill_params(template: str, params: dict[str, Any]) -> str:
    try:
        return _Lenient().format(template, **params)
    except (ValueError, IndexError):
        return template


def translated(text: str) -> str:
    """A template marked with QT_TRANSLATE_NOOP("Messages", …), in the UI language."""
    return QCoreApplication.translate(CONTEXT, text)


def fill(template: str, **params: Any) -> str:
    """Fill an already-translated template (pages use self.tr(...) then this)."""
    return fill_params(template, params)


def plural(n: int, one: str, many: str) -> str:
    """Pick the English singular or plural of an already translated "{n} …" template
    (Chinese translates both to the same text)."""
    return (one if n == 1 else many).replace("{n}", str(n))
