"""Translations (gettext catalogs managed by Babel) and German-first formatting."""

from __future__ import annotations

import gettext as _gettext
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_time as _babel_time
from babel.numbers import format_currency, format_decimal

from zidkor_desktop.paths import i18n_dir

DOMAIN = "zidkor"
LANGUAGES = {"de": "Deutsch", "en": "English"}
DEFAULT_LANGUAGE = "de"
_LOCALES = {"de": "de_DE", "en": "en_GB"}

_state: dict[str, object] = {"language": DEFAULT_LANGUAGE}


@cache
def _translations(language: str) -> _gettext.NullTranslations:
    return _gettext.translation(DOMAIN, localedir=str(i18n_dir()), languages=[language])


def set_language(language: str) -> None:
    """Switch the language of all later messages and formats."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _translations(language)
    _state["language"] = language


def current_language() -> str:
    """Language code in use ('de' or 'en')."""
    return str(_state["language"])


def locale() -> Locale:
    """Babel locale of the current language."""
    return _locale(current_language())


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(_LOCALES[language])


def gettext(message: str) -> str:
    """Translate a message into the current language."""
    return _translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a plural form."""
    return _translations(current_language()).ngettext(singular, plural, n)


_ = gettext


def N_(message: str) -> str:
    """Mark a message for extraction; translate it later with _()."""
    return message


def format_money(amount: Decimal, currency: str = "EUR", *, loc: Locale | None = None) -> str:
    """Amount with currency, e.g. '1.234,56 €'."""
    return format_currency(amount, currency, locale=loc or locale())


def format_unit_price(amount: Decimal, currency: str = "EUR", *, loc: Locale | None = None) -> str:
    """Unit price with 2 decimals, or 4 where needed: '38,50 €', '0,0450 €'."""
    used = loc or locale()
    if amount == amount.quantize(Decimal("0.01")):
        return format_money(amount, currency, loc=used)
    pattern = used.currency_formats["standard"].pattern.split(";")[0].replace("0.00", "0.0000")
    value = amount.quantize(Decimal("0.0001"))
    return format_currency(value, currency, format=pattern, locale=used, currency_digits=False)


def format_number(value: Decimal | int, *, loc: Locale | None = None) -> str:
    """Plain number with grouping, e.g. '1.234,5'."""
    return format_decimal(value, locale=loc or locale())


def format_quantity(value: Decimal | int, *, loc: Locale | None = None) -> str:
    """A quantity without trailing zeros, German: '28.500', '1,5', '0,4194'."""
    return format_decimal(Decimal(value), format="#,##0.######", locale=loc or locale())


def format_change(percent: Decimal | None, *, loc: Locale | None = None) -> str:
    """A change in percent with its sign and two places, e.g. '+3,50 %'; '–' for None."""
    if percent is None:
        return "–"
    pattern = "#,##0.00" if percent == 0 else "+#,##0.00;-#,##0.00"
    return f"{format_decimal(percent, format=pattern, locale=loc or locale())} %"


def format_date(value: date | None, *, long: bool = False, loc: Locale | None = None) -> str:
    """Date as '25.11.2026' or, long, '25. November 2026'; empty for None."""
    if value is None:
        return ""
    return _babel_date(value, format="long" if long else "medium", locale=loc or locale())


def format_datetime(value: datetime | None, *, loc: Locale | None = None) -> str:
    """Date and time, e.g. '25.11.2026, 14:03'."""
    if value is None:
        return ""
    used = loc or locale()
    return (
        f"{format_date(value.date(), loc=used)}, {_babel_time(value, format='short', locale=used)}"
    )
