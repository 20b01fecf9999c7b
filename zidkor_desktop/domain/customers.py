"""Customer rules: e-invoice address and its scheme, VAT ID, debtor numbers, population figures."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.l10n import _

_VAT_ID = re.compile(r"^DE\d{9}$")
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
_DEBTOR = re.compile(r"^[0-9A-Za-z][0-9A-Za-z/-]{0,19}$")
FIRST_DEBTOR_NUMBER = 10001
MIN_YEAR = 1950


class AddressScheme(StrEnum):
    """Scheme of the customer's electronic address (EN 16931 BT-49-1)."""

    LEITWEG_ID = "0204"
    EMAIL = "EM"

    @property
    def label(self) -> str:
        """Translated label for display."""
        if self is AddressScheme.LEITWEG_ID:
            return _("Leitweg-ID (scheme 0204)")
        return _("E-mail address (scheme EM)")


def check_email(value: str, field: str, label: str) -> str:
    """The e-mail address without surrounding spaces, or ValidationError naming the field."""
    text = value.strip()
    if text and (len(text) > 200 or not _EMAIL.match(text) or ".." in text):
        raise ValidationError(
            _("{label}: „{value}“ is not a valid e-mail address (expected name@domain.de).").format(
                label=label, value=text
            ),
            field,
        )
    return text


def normalise_vat_id(value: str) -> str:
    """The VAT ID without spaces in capitals; ValidationError unless DE and nine digits."""
    text = re.sub(r"\s+", "", value).upper()
    if text and not _VAT_ID.match(text):
        raise ValidationError(
            _(
                "VAT ID „{value}“: a German VAT identification number is DE followed by nine "
                "digits, e.g. DE123456789."
            ).format(value=value.strip()),
            "vat_id",
        )
    return text


def check_debtor_number(value: str) -> str:
    """The debtor number as stored; ValidationError when it has characters it must not have."""
    text = value.strip()
    if text and not _DEBTOR.match(text):
        raise ValidationError(
            _(
                "Debtor number „{value}“: use 1 to 20 letters and digits (also / and -), "
                "e.g. 10004."
            ).format(value=text),
            "debtor_number",
        )
    return text


def next_debtor_number(existing: Iterable[str]) -> str:
    """The next free number: one above the highest purely numeric debtor number."""
    numbers = [int(n) for n in existing if n.isdigit()]
    return str(max(numbers, default=FIRST_DEBTOR_NUMBER - 1) + 1)


@dataclass(frozen=True)
class PopulationFigure:
    """Residents of a customer in a year, with the source and the date of the figure."""

    year: int
    residents: int
    source: str
    as_of: date | None


def check_populations(figures: Iterable[PopulationFigure], today: date) -> list[PopulationFigure]:
    """Validate the figures (one per year, with source and date); returns them by year."""
    seen: set[int] = set()
    result = []
    for figure in figures:
        where = _("Population {year}").format(year=figure.year)
        if not MIN_YEAR <= figure.year <= today.year + 1:
            raise ValidationError(
                _("Population: the year {year} is not plausible ({low} to {high}).").format(
                    year=figure.year, low=MIN_YEAR, high=today.year + 1
                ),
                "populations",
            )
        if figure.year in seen:
            raise ValidationError(
                _("{where}: the year is entered twice.").format(where=where), "populations"
            )
        seen.add(figure.year)
        if figure.residents <= 0:
            raise ValidationError(
                _("{where}: the number of residents must be greater than 0.").format(where=where),
                "populations",
            )
        source = figure.source.strip()
        if not source:
            raise ValidationError(
                _(
                    "{where}: please enter the source of the figure, e.g. "
                    "Statistisches Landesamt RLP."
                ).format(where=where),
                "populations",
            )
        if figure.as_of is None:
            raise ValidationError(
                _("{where}: please enter the date of the figure (as of).").format(where=where),
                "populations",
            )
        if figure.as_of > today:
            raise ValidationError(
                _("{where}: the date of the figure lies in the future.").format(where=where),
                "populations",
            )
        result.append(PopulationFigure(figure.year, figure.residents, source, figure.as_of))
    return sorted(result, key=lambda f: f.year)
