"""Columns of the price-item table and the values its editors deliver (no Qt model here)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from zidkor_desktop.domain.kinds import BillingRhythm, PriceUnit, TaxCategory
from zidkor_desktop.domain.pricelist import (
    FIELD_LABELS,
    RHYTHMS,
    UNIT_DEFAULTS,
    ItemDraft,
    format_price,
    parse_price,
)
from zidkor_desktop.domain.text import check_text
from zidkor_desktop.l10n import N_, _
from zidkor_desktop.ui.models.row_table_model import ALIGN_LEFT, ALIGN_RIGHT


@dataclass(frozen=True)
class ItemColumn:
    """One column: the ItemDraft attribute it shows, its header and its kind of editor."""

    field: str
    header: str
    """English msgid of the header."""
    kind: str
    """position, text, price, service, unit, unit_code, tax or rhythm."""
    alignment: Qt.AlignmentFlag = ALIGN_LEFT


COLUMNS: tuple[ItemColumn, ...] = (  # what the clerk checks most first: title, price, unit
    ItemColumn("position", N_("Pos."), "position", ALIGN_RIGHT),
    ItemColumn("code", N_("Code"), "text"),
    ItemColumn("service_id", N_("Service"), "service"),
    ItemColumn("title", N_("Title"), "text"),
    ItemColumn("unit_price", N_("Net price"), "price", ALIGN_RIGHT),
    ItemColumn("unit", N_("Unit"), "unit"),
    ItemColumn("billing_rhythm", N_("Billing"), "rhythm"),
    ItemColumn("tax_category", N_("Tax"), "tax"),
    ItemColumn("tax_note", N_("Tax note"), "text"),
    ItemColumn("unit_text", N_("Unit text"), "text"),
    ItemColumn("unit_code", N_("Unit code"), "unit_code"),
    ItemColumn("description", N_("Description"), "text"),
)
COLUMN_OF: dict[str, int] = {column.field: number for number, column in enumerate(COLUMNS)}
CHOICE_KINDS = frozenset({"service", "unit", "unit_code", "tax", "rhythm"})


def field_label(field: str) -> str:
    """The translated name of a field as the clerk sees it ("Preis", "Einheitentext")."""
    msgid = FIELD_LABELS.get(field) or COLUMNS[COLUMN_OF[field]].header
    return _(msgid)


def price_text(value: Decimal | str) -> str:
    """A price the German way with 2 places, or 4 where needed; text that is no price as typed."""
    if not isinstance(value, Decimal):
        return value
    text = format_price(value)
    return text[:-2] if text.endswith("00") else text


def next_code(code: str, used: set[str]) -> str:
    """The code after `code` not in `used` (case-insensitive): "EPR-03" -> "EPR-04"; else ""."""
    match = re.fullmatch(r"(.*?)(\d+)", code.strip())
    if match is None:
        return ""
    stem, digits = match.groups()
    folded = {u.casefold() for u in used}
    number = int(digits)
    for _attempt in range(1000):
        number += 1
        candidate = f"{stem}{number:0{len(digits)}d}"
        if candidate.casefold() not in folded:
            return candidate
    return ""


def converted(column: ItemColumn, value: Any) -> Any:
    """The ItemDraft value for what an editor delivers; a typed non-price stays text.

    Raises ValueError or ValidationError (control characters) for a value that is refused.
    """
    kind = column.kind
    if kind == "price":
        if isinstance(value, Decimal):
            return parse_price(value)
        text = str(value).strip()
        try:
            return parse_price(text)
        except ValueError:
            check_text(text, field=column.field, label=field_label(column.field))
            return text
    if kind == "service":
        return None if value is None else int(value)
    if kind == "unit":
        return PriceUnit(value)
    if kind == "tax":
        return TaxCategory(value)
    if kind == "rhythm":
        return BillingRhythm(value)
    text = str(value)
    check_text(text, field=column.field, label=field_label(column.field))
    return text.strip().upper() if kind == "unit_code" else text


def unit_follow_ups(old: ItemDraft, unit: PriceUnit) -> dict[str, str]:
    """Unit text and code follow a new unit while they are the old unit's defaults."""
    old_text, old_code = UNIT_DEFAULTS[PriceUnit(old.unit)]
    new_text, new_code = UNIT_DEFAULTS[unit]
    changes = {}
    if old.unit_text.strip() in ("", old_text):
        changes["unit_text"] = new_text
    if old.unit_code.strip().upper() in ("", old_code):
        changes["unit_code"] = new_code
    return changes


def new_item(items: Sequence[ItemDraft], row: int | None, first_service: int | None) -> ItemDraft:
    """A row to add after `row` (else the last): its service, unit, tax, rhythm; the next code."""
    model = items[row] if row is not None and 0 <= row < len(items) else None
    if model is None and items:
        model = items[-1]
    unit = PriceUnit(model.unit) if model else PriceUnit.WORKSTATION_MONTH
    return ItemDraft(
        position=0,
        code=next_code(model.code, {i.code for i in items}) if model else "",
        service_id=model.service_id if model else first_service,
        title="",
        unit=unit,
        unit_price="",
        tax_category=model.tax_category if model else TaxCategory.STANDARD,
        billing_rhythm=model.billing_rhythm if model else RHYTHMS[0],
        unit_text=UNIT_DEFAULTS[unit][0],
        unit_code=UNIT_DEFAULTS[unit][1],
        tax_note=model.tax_note if model else "",
    )
