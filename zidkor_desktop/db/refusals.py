"""The refusals the database's own triggers raise (read-only records), known by their text.

The migrations that create the triggers keep their own copy of each text (a migration never
changes once released); tests/integration/test_trigger_refusals.py checks both agree.
"""

from __future__ import annotations

AUDIT_APPEND_ONLY = "audit_log is append-only: entries cannot be changed or deleted"
PRICE_LIST_READ_ONLY = "price list is published and read-only"
STATUTE_READ_ONLY = "statute version is adopted and read-only"
INVOICE_READ_ONLY = "invoice is issued and cannot be changed or deleted"
PAYMENT_FINAL = "payment entries are final: they cannot be changed or deleted"
MINUTES_SIGNED = "the minutes of this meeting are signed: its record is read-only"

TRIGGER_REFUSALS = (
    AUDIT_APPEND_ONLY,
    PRICE_LIST_READ_ONLY,
    STATUTE_READ_ONLY,
    INVOICE_READ_ONLY,
    PAYMENT_FINAL,
    MINUTES_SIGNED,
)


def refusal_in(text: str) -> str | None:
    """The trigger refusal an error message carries, if any."""
    return next((refusal for refusal in TRIGGER_REFUSALS if refusal in text), None)
