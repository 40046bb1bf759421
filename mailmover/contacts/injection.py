"""Moved to mailmover/csvsafe.py (one CSV-injection rule for every CSV written)."""

from mailmover.csvsafe import QUOTE, is_formula, neutralise, strip_marker

__all__ = ["QUOTE", "is_formula", "neutralise", "strip_marker"]
