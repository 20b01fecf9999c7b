"""The frozen snapshot as JSON text and back, exactly (Decimals as strings, dates ISO)."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date
from decimal import Decimal
from typing import Any

from zidkor_desktop.domain.invoice import (
    Buyer,
    DocumentType,
    InvoiceSnapshot,
    Seller,
    SnapshotLine,
    TaxCode,
)

FORMAT = 1


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, TaxCode | DocumentType):
        return value.value
    return value


def _record(obj: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj) if f.name not in skip}


def to_json(snapshot: InvoiceSnapshot) -> str:
    """The snapshot as canonical JSON text (sorted keys; the breakdown follows from the lines)."""
    data = _record(snapshot, skip=("seller", "buyer", "lines", "breakdown"))
    data["seller"] = _record(snapshot.seller)
    data["buyer"] = _record(snapshot.buyer)
    data["lines"] = [_record(line) for line in snapshot.lines]
    data["format"] = FORMAT
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


_DECIMALS = {"quantity", "unit_price", "net", "tax_rate", "factor"}
_DATES = {
    "issue_date",
    "due_date",
    "period_start",
    "period_end",
    "original_date",
}


def _value(name: str, raw: Any) -> Any:
    if raw is None:
        return None
    if name in _DECIMALS:
        return Decimal(raw)
    if name in _DATES:
        return date.fromisoformat(raw)
    if name == "tax_code":
        return TaxCode(raw)
    if name == "type_code":
        return DocumentType(raw)
    return raw


def _build(cls: type, data: dict[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    return cls(**{k: _value(k, v) for k, v in data.items() if k in names and k != "breakdown"})


def from_json(text: str) -> InvoiceSnapshot:
    """The snapshot stored as JSON text."""
    data = json.loads(text)
    data["seller"] = _build(Seller, data["seller"])
    data["buyer"] = _build(Buyer, data["buyer"])
    data["lines"] = [_build(SnapshotLine, line) for line in data["lines"]]
    return _build(InvoiceSnapshot, data)
