"""Sizes for people, one way everywhere (the wizard translates the unit, not the rule)."""

from __future__ import annotations

_UNITS = (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024))


def size_parts(n: int | None) -> tuple[str, str]:
    """(value, unit): 512 -> ("512", "B"), 3_000 -> ("3", "KB"), 5_300_000 -> ("5.1", "MB")."""
    n = max(n or 0, 0)
    for unit, scale in _UNITS:
        # 1,048,000 bytes shows as "1.0 MB", never "1024 KB".
        if n >= scale or (unit != "KB" and round(n / (scale // 1024)) >= 1024):
            return (f"{n / scale:.0f}" if unit == "KB" else f"{n / scale:.1f}"), unit
    return str(n), "B"


def format_size(n: int | None) -> str:
    """512 B, 3 KB, 5.1 MB, 2.0 GB; "?" when unknown."""
    if n is None:
        return "?"
    value, unit = size_parts(n)
    return f"{value} {unit}"
