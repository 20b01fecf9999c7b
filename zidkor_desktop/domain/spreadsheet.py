"""Spreadsheet cells (CSV, XLSX): formula injection defused on export, refused on import, and
the values a spreadsheet program saves back (numbers, German text) read exactly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from zidkor_desktop.domain.pricelist import parse_price
from zidkor_desktop.l10n import _

# A cell starting with one of these is taken for a formula (or DDE command) by Excel and Calc.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_STARTS = "".join(re.escape(s) for s in FORMULA_STARTS)
_QUOTED = re.compile(f"'+[{_STARTS}]")
"""Text defused by apostrophes: one or more ' and then a formula start."""
_QUOTABLE = re.compile(f"'*[{_STARTS}]")


def csv_safe(text: str) -> str:
    """Defuse spreadsheet formula injection: a cell starting with = + - @ TAB CR LF gets a '."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def defused(text: str) -> str:
    """Text for a CSV cell, reversibly: formula-like text (even behind apostrophes) gets a '.

    `restored` gives the original back: "=1+1" → "'=1+1" → "=1+1", "'=x" → "''=x" → "'=x".
    """
    return "'" + text if _QUOTABLE.match(text) else text


def defused_string(text: str) -> str:
    """Text for an XLSX string cell (never run as a formula anyway): only apostrophe-quoted
    formula text gets one more ', so that `restored` keeps it."""
    return "'" + text if _QUOTED.match(text) else text


@dataclass(frozen=True)
class Formula:
    """A cell that computes (an XLSX formula): refused on import."""

    text: str


CellValue = str | int | float | Decimal | bool | date | datetime | time | Formula | None


class CellProblem(ValueError):
    """A cell value that cannot be read; str() is the German reason (without row and column)."""


def restored(text: str, *, typed_text: bool) -> str:
    """The text a clerk meant: one defusing apostrophe removed, formula-like text refused.

    `typed_text` is true for a cell stored as text (XLSX string cell: it cannot run, so a
    leading = + - @ stays); a CSV cell starting like a formula is refused.
    """
    if _QUOTED.match(text):
        return text[1:]
    if not typed_text and text.startswith(FORMULA_STARTS):
        raise CellProblem(
            _(
                "“{text}” starts with “{start}” and would be run as a formula; put an apostrophe "
                "(') in front if it is meant as text."
            ).format(text=_shown(text), start=_shown(text[0]))
        )
    return text


def _shown(text: str) -> str:
    """A cell value in a message: control characters visible, at most 40 characters."""
    visible = text.replace("\t", "⇥").replace("\r", "↵").replace("\n", "↵")
    return visible if len(visible) <= 40 else visible[:39] + "…"


def _refuse_kind(value: CellValue) -> None:
    if isinstance(value, Formula):
        raise CellProblem(
            _("the cell contains a formula ({formula}); please enter the value itself.").format(
                formula=_shown(value.text)
            )
        )
    if isinstance(value, bool):
        raise CellProblem(_("a yes/no value is not possible here."))
    if isinstance(value, date | datetime | time):
        raise CellProblem(
            _("the cell holds a date or time; please format it as text or as a number.")
        )


def _exact(value: int | float | Decimal) -> Decimal:
    """A numeric cell as an exact Decimal (a float through its shortest repr, never kept)."""
    if isinstance(value, float):
        try:
            return Decimal(repr(value))
        except InvalidOperation as exc:  # pragma: no cover - repr of a float is a number
            raise CellProblem(_("“{text}” is not an amount.").format(text=value)) from exc
    return Decimal(value)


def cell_text(value: CellValue, *, typed_text: bool) -> str:
    """A text cell (empty: ""); numbers as their plain digits; formulas and dates refused."""
    if value is None:
        return ""
    _refuse_kind(value)
    if isinstance(value, int | float | Decimal):
        number = _exact(value)
        return f"{number.normalize():f}" if number == number.to_integral() else f"{number:f}"
    return restored(str(value), typed_text=typed_text).strip()


def cell_price(value: CellValue, *, point: bool = False) -> Decimal:
    """A price cell: a number, or German text ("1.234,50", "12,5 €"); at most 4 places.

    `point`: text cells use the English notation ("1,234.5"), see `decimal_point_used`.
    """
    _refuse_kind(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise CellProblem(_("please enter a price."))
    if isinstance(value, int | float | Decimal):
        number = _exact(value)
        try:
            return parse_price(number)
        except ValueError as exc:
            raise CellProblem(_price_reason(f"{number:f}".replace(".", ","), exc)) from exc
    text = str(value).strip()
    try:
        if point:
            return parse_price(_point_number(text))
        return parse_price(text)
    except ValueError as exc:
        raise CellProblem(_price_reason(text, exc)) from exc


_POINT_DECIMAL = re.compile(r"-?\d{0,3}(?:,\d{3})*\.(?:\d{1,2}|\d{4,})|-?\d+\.(?:\d{1,2}|\d{4,})")
_COMMA_DECIMAL = re.compile(r"-?[\d.]*,\d*")


def _bare(text: str) -> str:
    return text.replace("€", "").replace("\u00a0", "").replace(" ", "")


def _point_number(text: str) -> Decimal:
    """English notation: "," groups thousands, "." is the decimal point."""
    bare = _bare(text)
    if not re.fullmatch(r"-?\d{1,3}(?:,\d{3})*(?:\.\d*)?|-?\d*(?:\.\d*)?", bare) or not any(
        c.isdigit() for c in bare
    ):
        raise ValueError("not an amount")
    return Decimal(bare.replace(",", ""))


def decimal_point_used(texts: list[str]) -> bool:
    """Whether price texts are written the English way: some have a decimal point that cannot
    be a German thousands separator ("41.25", "0.0480") and none has a decimal comma.

    A spreadsheet program in an English locale saves CSV like that; "0.048" alone stays
    German (48), as parse_price reads it.
    """
    bare = [_bare(t) for t in texts]
    if any(_COMMA_DECIMAL.fullmatch(t) for t in bare):
        return False
    return any(_POINT_DECIMAL.fullmatch(t) for t in bare)


def _price_reason(text: str, exc: ValueError) -> str:
    reasons = {
        "negative": _("“{text}” is negative; a price is at least 0."),
        "more than four decimal places": _("“{text}” has more than four decimal places."),
        "too large": _("“{text}” is too large for a price."),
    }
    return reasons.get(str(exc), _("“{text}” is not an amount.")).format(text=_shown(text))


def cell_whole_number(value: CellValue) -> int:
    """A whole-number cell (position): 3, 3.0 or "3"."""
    _refuse_kind(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise CellProblem(_("please enter a number."))
    if isinstance(value, int | float | Decimal):
        number = _exact(value)
    else:
        text = str(value).strip()
        if not text.isdigit():
            raise CellProblem(_("“{text}” is not a whole number.").format(text=_shown(text)))
        number = Decimal(text)
    if number != number.to_integral():
        raise CellProblem(_("“{text}” is not a whole number.").format(text=f"{number:f}"))
    return int(number)
