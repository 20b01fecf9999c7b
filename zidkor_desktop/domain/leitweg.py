"""Leitweg-ID (routing ID of German public e-invoice recipients): structure and check digits."""

from __future__ import annotations

import re

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.l10n import _

_PATTERN = re.compile(r"^(\d{2,12})(?:-([0-9A-Za-z]{1,30}))?-(\d{2})$")


def _mod97_value(text: str) -> int:
    digits = "".join(str(int(ch, 36)) for ch in text.upper())
    return int(digits) % 97


def check_digits(coarse: str, fine: str = "") -> str:
    """Two check digits (ISO 7064 Mod 97-10) for the coarse and fine part."""
    return f"{98 - _mod97_value(coarse + fine + '00'):02d}"


def make_leitweg_id(coarse: str, fine: str = "") -> str:
    """Complete Leitweg-ID with computed check digits."""
    parts = [coarse] + ([fine] if fine else [])
    return "-".join([*parts, check_digits(coarse, fine)])


def validate_leitweg_id(value: str) -> str:
    """Return the normalised Leitweg-ID or raise ValidationError with a German message."""
    text = value.strip().upper()
    match = _PATTERN.match(text)
    if not match:
        raise ValidationError(
            _(
                "Leitweg-ID {value!r} has the wrong structure: expected coarse part "
                "(2-12 digits), optional fine part, check digits, separated by hyphens, "
                "e.g. 07315000-12345-66."
            ).format(value=value),
            "leitweg_id",
        )
    coarse, fine, check = match.group(1), match.group(2) or "", match.group(3)
    if _mod97_value(coarse + fine + check) != 1:
        raise ValidationError(
            _("Leitweg-ID {value!r}: the check digits are wrong (expected {expected}).").format(
                value=value, expected=check_digits(coarse, fine)
            ),
            "leitweg_id",
        )
    return text
