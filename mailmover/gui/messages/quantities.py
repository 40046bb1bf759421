"""Sizes, durations and dates as people read them, in the UI language."""

from __future__ import annotations

import email.utils

from mailmover.gui.i18n import QT_TRANSLATE_NOOP

from .templates import fill_params, translated

# Strings used through translated() below, registered for lupdate.
_LITERALS = (
    QT_TRANSLATE_NOOP("Messages", "about {n} hours"),
    QT_TRANSLATE_NOOP("Messages", "about {n} minutes"),
    QT_TRANSLATE_NOOP("Messages", "about 1 minute"),
    QT_TRANSLATE_NOOP("Messages", "less than a minute"),
    QT_TRANSLATE_NOOP("Messages", "<1 KB"),
    QT_TRANSLATE_NOOP("Messages", "{value} GB"),
    QT_TRANSLATE_NOOP("Messages", "{value} KB"),
    QT_TRANSLATE_NOOP("Messages", "{value} MB"),
)


def size_text(n: int | None) -> str:
    n = max(n or 0, 0)
    if n >= 1024**3:
        return fill_params(translated("{value} GB"), {"value": f"{n / 1024**3:.1f}"})
    if n >= 1024**2 or round(n / 1024) >= 1024:
        return fill_params(translated("{value} MB"), {"value": f"{n / 1024**2:.1f}"})
    if 0 < n < 1024:
        return translated("<1 KB")
    return fill_params(translated("{value} KB"), {"value": f"{n / 1024:.0f}"})


def duration_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds < 60:
        return translated("less than a minute")
    minutes = round(seconds / 60)
    if minutes == 1:
        return translated("about 1 minute")
    if minutes < 90:
        return fill_params(translated("about {n} minutes"), {"n": minutes})
    return fill_params(translated("about {n} hours"), {"n": f"{seconds / 3600:.1f}"})


def date_text(raw: object) -> str:
    """A message's Date header as "2025-04-13 08:00" (its own time zone); the raw text
    when it cannot be read, and "" for none."""
    text = str(raw or "").strip()
    if not text:
        return ""
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return text
    return when.strftime("%Y-%m-%d %H:%M")
