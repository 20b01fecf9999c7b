"""Spreadsheet cells (CSV, XLSX): defusing formula injection in exported text."""

from __future__ import annotations

# A cell starting with one of these is taken for a formula (or DDE command) by Excel and Calc.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_safe(text: str) -> str:
    """Defuse spreadsheet formula injection: a cell starting with = + - @ TAB CR LF gets a '."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
