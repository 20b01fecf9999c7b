"""Price-list rules: validity, exact prices, units, tax treatment, item checks, comparison."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Protocol

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.kinds import BillingRhythm, PriceUnit, TaxCategory
from zidkor_desktop.l10n import N_, _

PRICE_PLACES = Decimal("0.0001")
MAX_PRICE = Decimal("99999999.9999")

# Unit as the people read it (stored text, German like the price list itself) and the
# UN/ECE Recommendation 20 code the e-invoice needs for the quantity.
UNIT_DEFAULTS: dict[PriceUnit, tuple[str, str]] = {
    PriceUnit.WORKSTATION_MONTH: ("je Arbeitsplatz und Monat", "C62"),
    PriceUnit.RESIDENT_YEAR: ("je Einwohner und Jahr", "C62"),
    PriceUnit.CASE: ("je Vorgang", "C62"),
    PriceUnit.FLAT_YEAR: ("pauschal je Jahr", "ANN"),
    PriceUnit.FLAT_MONTH: ("pauschal je Monat", "MON"),
    PriceUnit.PIECE: ("je Stück", "H87"),
    PriceUnit.HOUR: ("je Stunde", "HUR"),
}
# Rec. 20 codes a price item may carry (the common ones of the German XRechnung practice).
UNIT_CODES: dict[str, str] = {
    "C62": N_("one (unit)"),
    "H87": N_("piece"),
    "E48": N_("service unit"),
    "LS": N_("lump sum"),
    "HUR": N_("hour"),
    "DAY": N_("day"),
    "MON": N_("month"),
    "QAN": N_("quarter of a year"),
    "ANN": N_("year"),
}
TAX_RATES: dict[TaxCategory, Decimal] = {
    TaxCategory.STANDARD: Decimal("19.00"),
    TaxCategory.REDUCED: Decimal("7.00"),
    TaxCategory.NOT_TAXABLE: Decimal("0.00"),
}
RHYTHMS = (BillingRhythm.MONTHLY, BillingRhythm.QUARTERLY, BillingRhythm.YEARLY, BillingRhythm.ONCE)


def parse_price(text: str | Decimal) -> Decimal:
    """A net unit price: exact, at least 0, at most 4 decimal places; German input ("1.234,5678").

    Raises ValueError with an English reason; callers name row and field.
    """
    if isinstance(text, Decimal):
        value = text
    else:
        cleaned = text.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
        value = _parse_number(cleaned)
    if not value.is_finite():
        raise ValueError("not an amount")
    if value < 0:
        raise ValueError("negative")
    if value != value.quantize(PRICE_PLACES, rounding=ROUND_HALF_UP):
        raise ValueError("more than four decimal places")
    if value > MAX_PRICE:
        raise ValueError("too large")
    return value.quantize(PRICE_PLACES)


def _grouped(integer: str) -> str:
    """Digits of an integer part with '.' thousands separators checked and removed."""
    groups = integer.split(".")
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise ValueError("misplaced thousands separator")
    return "".join(groups)


def _parse_number(cleaned: str) -> Decimal:
    if "," in cleaned:
        integer, _sep, fraction = cleaned.partition(",")
        integer = _grouped(integer)
    elif cleaned.count(".") > 1 or (cleaned.count(".") == 1 and len(cleaned.split(".")[1]) == 3):
        integer, fraction = _grouped(cleaned), ""
    else:
        integer, _sep, fraction = cleaned.partition(".")
    sign = ""
    if integer.startswith("-"):
        sign, integer = "-", integer[1:]
    if not (integer or fraction) or not (integer + fraction).isdigit():
        raise ValueError("not an amount")
    try:
        return Decimal(f"{sign}{integer or '0'}.{fraction or '0'}")
    except InvalidOperation as exc:  # pragma: no cover - digits only above
        raise ValueError("not an amount") from exc


def format_price(value: Decimal) -> str:
    """A price the German way with four places: 1.234,5678."""
    text = f"{value.quantize(PRICE_PLACES):,.4f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


@dataclass(frozen=True)
class Period:
    """When a published version is in force: from valid_from until `until` (None: open)."""

    version_no: int
    valid_from: date
    until: date | None


def periods(published: Sequence[tuple[int, date]]) -> list[Period]:
    """Validity of published versions: each until the day before the next one starts."""
    ordered = sorted(published, key=lambda p: p[1])
    result = []
    for index, (version_no, start) in enumerate(ordered):
        following = ordered[index + 1][1] if index + 1 < len(ordered) else None
        result.append(
            Period(version_no, start, following - timedelta(days=1) if following else None)
        )
    return result


def in_force_on(published: Sequence[tuple[int, date]], day: date) -> int | None:
    """Number of the version in force on `day`, or None before the first one."""
    for period in periods(published):
        if period.valid_from <= day and (period.until is None or day <= period.until):
            return period.version_no
    return None


def check_publication(valid_from: date, published: Sequence[tuple[int, date]]) -> None:
    """A new version must start after the last published one."""
    if not published:
        return
    last_no, last_from = max(published, key=lambda p: p[1])
    if valid_from <= last_from:
        raise ValidationError(
            _(
                "The valid-from date must be after {day}, the start of the published version "
                "{number}."
            ).format(day=last_from.strftime("%d.%m.%Y"), number=last_no),
            "valid_from",
        )


@dataclass(frozen=True)
class ItemDraft:
    """One row of a price list as edited (before it is stored)."""

    position: int
    code: str
    service_id: int | None
    title: str
    unit: PriceUnit
    unit_price: Decimal | str
    tax_category: TaxCategory
    billing_rhythm: BillingRhythm
    description: str = ""
    unit_text: str = ""
    unit_code: str = ""
    tax_note: str = ""


@dataclass(frozen=True)
class CheckedItem:
    """A validated row: exact price, unit text and code filled in, tax rate of its category."""

    position: int
    code: str
    service_id: int
    title: str
    description: str
    unit: PriceUnit
    unit_text: str
    unit_code: str
    unit_price: Decimal
    tax_category: TaxCategory
    tax_rate: Decimal
    tax_note: str
    billing_rhythm: BillingRhythm


FIELD_LABELS: dict[str, str] = {
    "position": N_("Position"),
    "code": N_("Code"),
    "title": N_("Title"),
    "service_id": N_("Service"),
    "unit": N_("Unit"),
    "unit_price": N_("Price"),
    "unit_code": N_("Unit code"),
    "tax_category": N_("Tax"),
    "tax_note": N_("Tax note"),
    "billing_rhythm": N_("Billing"),
}
"""English msgid of the label of each checked ItemDraft field (translate when shown)."""


@dataclass(frozen=True)
class ItemProblem:
    """What is wrong with one field of one item; `message` is German and names no row."""

    field: str
    """The ItemDraft attribute (a key of FIELD_LABELS)."""
    message: str


def field_problems(item: ItemDraft) -> list[ItemProblem]:
    """Every problem of one item by itself, field by field (empty: the item is valid)."""
    problems: list[ItemProblem] = []

    def problem(field: str, message: str) -> None:
        problems.append(ItemProblem(field, message))

    if item.position < 1:
        problem("position", _("positions must be numbers from 1 on."))
    code, title = item.code.strip(), item.title.strip()
    if not code or len(code) > 20:
        problem("code", _("please enter a code of at most 20 characters."))
    if not title or len(title) > 200:
        problem("title", _("please enter a title of at most 200 characters."))
    if item.service_id is None:
        problem("service_id", _("please choose a service."))
    try:
        parse_price(item.unit_price)
    except ValueError:
        if not str(item.unit_price).strip():
            problem("unit_price", _("please enter the net price."))
        else:
            problem(
                "unit_price",
                _("“{text}” is no price (at least 0, at most 4 decimal places).").format(
                    text=item.unit_price
                ),
            )
    unit = PriceUnit(item.unit)
    unit_code = (item.unit_code.strip() or UNIT_DEFAULTS[unit][1]).upper()
    if unit_code not in UNIT_CODES:
        problem(
            "unit_code",
            _("“{code}” is not one of the codes {codes}.").format(
                code=unit_code, codes=", ".join(UNIT_CODES)
            ),
        )
    if TaxCategory(item.tax_category) is TaxCategory.NOT_TAXABLE and not item.tax_note.strip():
        problem("tax_note", _("a price that is not taxable needs its note (the reason)."))
    if BillingRhythm(item.billing_rhythm) not in RHYTHMS:
        problem("billing_rhythm", _("please choose monthly, quarterly, yearly or once."))
    return problems


def list_problems(items: Sequence[ItemDraft]) -> list[tuple[int, ItemProblem]]:
    """Every problem of a whole list as (index in `items`, problem): fields, duplicates."""
    found = [(index, p) for index, item in enumerate(items) for p in field_problems(item)]
    positions: dict[int, int] = {}
    codes: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.position in positions:
            found.append((index, ItemProblem("position", _("the number is used twice."))))
        positions.setdefault(item.position, item.position)
        key = item.code.strip().casefold()
        if key and key in codes:
            found.append(
                (
                    index,
                    ItemProblem(
                        "code",
                        _("“{code}” is already used in position {other}.").format(
                            code=item.code.strip(), other=codes[key]
                        ),
                    ),
                )
            )
        codes.setdefault(key, item.position)
    return sorted(found, key=lambda pair: pair[0])


def row_message(position: int, problem: ItemProblem) -> str:
    """A problem with its item named: "Position 3, Preis: …"."""
    return _("Position {row}, {field}: {problem}").format(
        row=position, field=_(FIELD_LABELS[problem.field]), problem=problem.message
    )


def _checked(item: ItemDraft) -> CheckedItem:
    unit = PriceUnit(item.unit)
    default_text, default_code = UNIT_DEFAULTS[unit]
    category = TaxCategory(item.tax_category)
    return CheckedItem(
        item.position, item.code.strip(), item.service_id or 0, item.title.strip(),
        item.description.strip(), unit, item.unit_text.strip() or default_text,
        (item.unit_code.strip() or default_code).upper(), parse_price(item.unit_price), category,
        TAX_RATES[category], item.tax_note.strip(), BillingRhythm(item.billing_rhythm),
    )  # fmt: skip


def check_items(items: Sequence[ItemDraft]) -> list[CheckedItem]:
    """Validate a whole item list: every row, unique positions, unique codes (case-insensitive).

    Raises ValidationError with the first problem, its item named ("Position 3, Preis: …").
    """
    problems = list_problems(items)
    if problems:
        index, first = problems[0]
        raise ValidationError(row_message(items[index].position, first), first.field)
    return sorted((_checked(item) for item in items), key=lambda r: r.position)


@dataclass(frozen=True)
class FieldChange:
    """Another field of an item that differs: its label (msgid) and both values as shown."""

    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class PriceChange:
    """An item in both versions whose price or content differs."""

    code: str
    title: str
    old_price: Decimal
    new_price: Decimal
    percent: Decimal | None
    """Change of the price in %, two places; None when the old price was 0."""
    fields: tuple[FieldChange, ...] = ()
    """Other fields that differ (unit, tax, rhythm, texts, ...) when the rows carried them."""

    def other_changes(self) -> str:
        """The other fields that differ, for people: "Steuer: 19 % USt → Nicht steuerbar; …"."""
        return "; ".join(f"{_(f.label)}: {f.old} → {f.new}" for f in self.fields)


@dataclass(frozen=True)
class Comparison:
    """What changed between two versions (items matched by code)."""

    added: list[tuple[str, str, Decimal]]
    removed: list[tuple[str, str, Decimal]]
    changed: list[PriceChange]
    average_percent: Decimal | None
    """Mean of the per-item changes in % over the items in both versions with a price before."""


CompareRow = tuple[str, str, Decimal] | tuple[str, str, Decimal, Mapping[str, tuple[str, str]]]
"""(code, title, price) of an item, optionally with {field: (label msgid, value as shown)}."""


def percent_change(old: Decimal, new: Decimal) -> Decimal | None:
    """Change from old to new in %, rounded half-up to two places; None if old is 0."""
    if old == 0:
        return None
    return ((new - old) * 100 / old).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _field_changes(old: CompareRow, new: CompareRow) -> tuple[FieldChange, ...]:
    before = old[3] if len(old) > 3 else {}  # type: ignore[misc]
    after = new[3] if len(new) > 3 else {}  # type: ignore[misc]
    return tuple(
        FieldChange(field, label, before[field][1], value)
        for field, (label, value) in after.items()
        if field in before and before[field][1] != value
    )


class ItemFacts(Protocol):
    """What compare_row reads of an item: ItemDraft, or a stored item row of the queries."""

    position: int
    code: str
    title: str
    description: str
    unit: PriceUnit
    unit_text: str
    unit_code: str
    unit_price: Decimal | str
    tax_category: TaxCategory
    tax_note: str
    billing_rhythm: BillingRhythm


_FACT_LABELS = {
    "position": N_("Position"),
    "title": N_("Title"),
    "service": N_("Service"),
    "description": N_("Description"),
    "unit": N_("Unit"),
    "unit_text": N_("Unit text"),
    "unit_code": N_("Unit code"),
    "tax_category": N_("Tax"),
    "tax_note": N_("Tax note"),
    "billing_rhythm": N_("Billing"),
}


def compare_row(item: ItemFacts, service: str) -> CompareRow:
    """(code, title, price, other fields as shown) of a stored, edited or imported item."""
    default_text, default_code = UNIT_DEFAULTS[item.unit]
    shown = {
        "position": str(item.position),
        "title": item.title.strip(),
        "service": service,
        "description": item.description.strip(),
        "unit": item.unit.label,
        "unit_text": item.unit_text.strip() or default_text,
        "unit_code": (item.unit_code.strip() or default_code).upper(),
        "tax_category": item.tax_category.label,
        "tax_note": item.tax_note.strip(),
        "billing_rhythm": item.billing_rhythm.label,
    }
    facts = {key: (_FACT_LABELS[key], value) for key, value in shown.items()}
    return (item.code.strip(), item.title.strip(), parse_price(item.unit_price), facts)


def compare(old: Sequence[CompareRow], new: Sequence[CompareRow]) -> Comparison:
    """Compare (code, title, price[, other fields]) rows of two versions."""
    before = {row[0].casefold(): row for row in old}
    after = {row[0].casefold(): row for row in new}
    added = [(r[0], r[1], r[2]) for k, r in after.items() if k not in before]
    removed = [(r[0], r[1], r[2]) for k, r in before.items() if k not in after]
    changed, exact = [], []
    for key in after:
        if key not in before:
            continue
        old_row, new_row = before[key], after[key]
        old_title, old_price = old_row[1], old_row[2]
        code, title, new_price = new_row[0], new_row[1], new_row[2]
        if old_price != 0:
            exact.append((new_price - old_price) * 100 / old_price)
        fields = _field_changes(old_row, new_row)
        if old_price != new_price or old_title != title or fields:
            changed.append(
                PriceChange(
                    code, title, old_price, new_price, percent_change(old_price, new_price), fields
                )
            )
    average = None
    if exact:
        average = (sum(exact, Decimal(0)) / len(exact)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
    return Comparison(added, removed, changed, average)
