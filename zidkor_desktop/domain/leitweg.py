"""Leitweg-ID (routing ID of German public e-invoice recipients): structure and check digits.

Format (KoSIT, Leitweg-ID 2.0): coarse part of 2-12 digits, an optional fine part of up to 30
letters and digits, and two check digits (ISO 7064 Mod 97-10, letters counted A=10 … Z=35),
separated by hyphens, at most 46 characters. Each refusal says in words what is wrong.
"""

from __future__ import annotations

import re

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.l10n import _

MAX_LENGTH = 46
FIELD = "leitweg_id"
_ALLOWED = re.compile(r"[0-9A-Z-]")
_ALNUM = re.compile(r"^[0-9A-Z]+$")


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


def _refuse(value: str, reason: str) -> ValidationError:
    return ValidationError(
        _("Leitweg-ID {value}: {reason}").format(value=f"„{value}“", reason=reason), FIELD
    )


def _check_characters(value: str, text: str) -> None:
    for position, char in enumerate(text, start=1):
        if not _ALLOWED.match(char):
            shown = _("a space") if char.isspace() else f"„{char}“"
            raise _refuse(
                value,
                _(
                    "{char} at position {position} is not allowed; a Leitweg-ID consists of "
                    "digits, letters A-Z and hyphens only."
                ).format(char=shown, position=position),
            )


def _split(value: str, text: str) -> tuple[str, str, str]:
    parts = text.split("-")
    if len(parts) < 2:
        raise _refuse(
            value,
            _(
                "the hyphen before the check digits is missing; expected coarse part, optional "
                "fine part and two check digits, e.g. 07315000-12345-66."
            ),
        )
    if len(parts) > 3:
        raise _refuse(
            value,
            _(
                "it has {count} parts; a Leitweg-ID has at most three (coarse part, fine part, "
                "check digits), separated by hyphens."
            ).format(count=len(parts)),
        )
    if any(not part for part in parts):
        raise _refuse(
            value, _("a part between the hyphens is empty (two hyphens in a row or at an end).")
        )
    coarse, check = parts[0], parts[-1]
    fine = parts[1] if len(parts) == 3 else ""
    return coarse, fine, check


def _check_parts(value: str, coarse: str, fine: str, check: str) -> None:
    if not coarse.isdigit():
        raise _refuse(
            value,
            _("the coarse part „{coarse}“ must consist of digits only.").format(coarse=coarse),
        )
    if not 2 <= len(coarse) <= 12:
        raise _refuse(
            value,
            _("the coarse part „{coarse}“ must have 2 to 12 digits, not {count}.").format(
                coarse=coarse, count=len(coarse)
            ),
        )
    if fine and len(fine) > 30:
        raise _refuse(
            value,
            _("the fine part has {count} characters; at most 30 are allowed.").format(
                count=len(fine)
            ),
        )
    if fine and not _ALNUM.match(fine):
        raise _refuse(value, _("the fine part may contain only letters A-Z and digits."))
    if not (check.isdigit() and len(check) == 2):
        raise _refuse(
            value,
            _("the check digits „{check}“ must be exactly two digits at the end.").format(
                check=check
            ),
        )
    if check in ("00", "01", "99"):
        raise _refuse(
            value,
            _(
                "check digits {check} never occur (Mod 97-10 gives 02 to 98); expected {expected}."
            ).format(check=check, expected=check_digits(coarse, fine)),
        )


def validate_leitweg_id(value: str) -> str:
    """Return the normalised Leitweg-ID or raise ValidationError with a German explanation."""
    shown = value.strip()
    text = shown.upper()
    if not text:
        raise ValidationError(_("Please enter the Leitweg-ID."), FIELD)
    if len(text) > MAX_LENGTH:
        raise _refuse(
            shown,
            _("it has {count} characters; at most {limit} are allowed.").format(
                count=len(text), limit=MAX_LENGTH
            ),
        )
    _check_characters(shown, text)
    coarse, fine, check = _split(shown, text)
    _check_parts(shown, coarse, fine, check)
    if _mod97_value(coarse + fine + check) != 1:
        raise _refuse(
            shown,
            _(
                "check digits wrong: expected {expected}, entered {check}. Probably a digit or "
                "letter was mistyped or two were swapped."
            ).format(expected=check_digits(coarse, fine), check=check),
        )
    return text
