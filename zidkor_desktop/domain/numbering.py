"""Invoice number patterns with plainly named placeholders, e.g. "RE-[JAHR]-[NR:5]".

``[JAHR]`` is the four-digit year, ``[NR]`` the running number of the year and ``[NR:5]`` the
number with five digits (leading zeros). Everything else is copied: letters, digits and
``- / _ .``. Patterns stored by earlier versions in Python format syntax (``{year}-{seq:05d}``)
are converted when they are read (``normalise``), so old databases need no migration.
"""

from __future__ import annotations

import re

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.l10n import _

FIELD = "invoice_number_format"
DEFAULT_PATTERN = "[JAHR]-[NR:5]"
MAX_PATTERN_LENGTH = 40
MAX_NUMBER_LENGTH = 30
MAX_DIGITS = 9
_PLACEHOLDER = re.compile(r"\[([^\]]*)\]")
_NUMBER = re.compile(r"NR(?::(\d+))?")
_LITERAL = re.compile(r"[A-Za-z0-9/_.\-]*")
_LEGACY_YEAR = re.compile(r"\{year(?::0?4?d?)?\}")
_LEGACY_SEQ = re.compile(r"\{seq(?::0?(\d*)d?)?\}")


def normalise(stored: str) -> str:
    """A stored pattern in today's syntax (old "{year}-{seq:05d}" patterns converted)."""
    pattern = _LEGACY_YEAR.sub("[JAHR]", stored)
    return _LEGACY_SEQ.sub(lambda m: f"[NR:{m.group(1)}]" if m.group(1) else "[NR]", pattern)


def _parts(pattern: str) -> list[tuple[str, int | None]]:
    """The pattern as (literal, None), ("JAHR", None) and ("NR", digits or 0) pieces."""
    parts: list[tuple[str, int | None]] = []
    position = 0
    for match in _PLACEHOLDER.finditer(pattern):
        parts.append((pattern[position : match.start()], None))
        name = match.group(1).strip().upper()
        number = _NUMBER.fullmatch(name)
        if name == "JAHR":
            parts.append(("[JAHR]", None))
        elif number is not None:
            digits = int(number.group(1) or 0)
            if not 0 <= digits <= MAX_DIGITS:
                raise ValidationError(
                    _("The number may have at most {count} digits: [NR:{count}].").format(
                        count=MAX_DIGITS
                    ),
                    FIELD,
                )
            parts.append(("[NR]", digits))
        else:
            raise ValidationError(
                _("Unknown placeholder [{name}]; allowed are [JAHR], [NR] and [NR:5].").format(
                    name=match.group(1)
                ),
                FIELD,
            )
        position = match.end()
    parts.append((pattern[position:], None))
    return [p for p in parts if p[0]]


def validate(pattern: str) -> str:
    """Check a pattern; returns it normalised (placeholders in capitals). ValidationError else."""
    pattern = normalise(pattern.strip())
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise ValidationError(
            _("The invoice number format is too long (at most {count} characters).").format(
                count=MAX_PATTERN_LENGTH
            ),
            FIELD,
        )
    parts = _parts(pattern)
    numbers = [p for p in parts if p[0] == "[NR]"]
    if len(numbers) != 1:
        raise ValidationError(
            _("The invoice number format must contain the number [NR] (or [NR:5]) exactly once."),
            FIELD,
        )
    if sum(1 for p in parts if p[0] == "[JAHR]") > 1:
        raise ValidationError(_("The year [JAHR] may appear only once."), FIELD)
    for text, _digits in parts:
        if text in ("[JAHR]", "[NR]") or _LITERAL.fullmatch(text):
            continue
        bad = next(c for c in text if not _LITERAL.fullmatch(c))
        raise ValidationError(
            _(
                "The character {char!r} is not allowed in invoice numbers; use letters, digits "
                "and - / _ . only."
            ).format(char=bad),
            FIELD,
        )
    widest = format_number_unchecked(parts, 9999, 10**MAX_DIGITS - 1)
    if len(widest) > MAX_NUMBER_LENGTH:
        raise ValidationError(
            _(
                "Invoice numbers of this format could get too long (more than {count} characters)."
            ).format(count=MAX_NUMBER_LENGTH),
            FIELD,
        )
    return "".join(f"[NR:{d}]" if t == "[NR]" and d else t for t, d in parts)


def format_number_unchecked(parts: list[tuple[str, int | None]], year: int, number: int) -> str:
    """Fill parsed pattern pieces with a year and a running number."""
    out = []
    for text, digits in parts:
        if text == "[JAHR]":
            out.append(f"{year:04d}")
        elif text == "[NR]":
            out.append(f"{number:0{digits or 1}d}")
        else:
            out.append(text)
    return "".join(out)


def format_number(pattern: str, year: int, number: int) -> str:
    """The invoice number for `year` and running `number` (pattern checked first)."""
    return format_number_unchecked(_parts(validate(pattern)), year, number)
