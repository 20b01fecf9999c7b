"""Payment rules: the account entries of an invoice, what is open, what is credit.

An invoice's entries are signed amounts: a payment received (+), its reversal (−, the same amount
as the payment it reverses), a credit transferred away (−) or in (+), a refund of a credit (−).

- Open amount of an issued invoice: gross − the sum of its entries.
- A cancelled invoice is settled by its cancellation: what stays is −(sum of its entries), a
  credit when it had been paid. A cancellation itself is never open.
- A negative open amount is a credit of the customer; the account's balance is the sum of the
  open amounts of all its invoices (positive: the customer owes, negative: credit).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from zidkor_desktop.domain.errors import RuleViolation, ValidationError
from zidkor_desktop.domain.money import CENT, ZERO, to_money
from zidkor_desktop.l10n import format_date, format_money
from zidkor_desktop.l10n import gettext as _


class EntryKind(StrEnum):
    """Kinds of account entries against an invoice."""

    PAYMENT = "payment"
    REVERSAL = "reversal"
    TRANSFER = "transfer"
    REFUND = "refund"


def open_amount(status: str, gross: Decimal, entries: Iterable[Decimal]) -> Decimal:
    """What the customer still owes on an invoice (negative: credit); see the module docstring."""
    booked = sum(entries, ZERO)
    if status == "cancellation":
        return ZERO
    if status == "cancelled":
        return -booked + ZERO
    return gross - booked + ZERO


def check_amount(amount: Decimal, field: str = "amount") -> Decimal:
    """A positive amount in cents; ValidationError naming the field otherwise."""
    if amount <= 0:
        raise ValidationError(_("Amount: must be more than 0,00 €."), field)
    if amount != amount.quantize(CENT):
        raise ValidationError(_("Amount: at most two decimal places."), field)
    return to_money(amount)


def check_payment_date(paid_on: date, issued_on: date, today: date) -> None:
    """A payment is not dated in the future nor before its invoice's date."""
    if paid_on > today:
        raise ValidationError(_("Date: a payment cannot be dated in the future."), "paid_on")
    if paid_on < issued_on:
        raise ValidationError(
            _("Date: the payment lies before the invoice date ({date}).").format(
                date=format_date(issued_on)
            ),
            "paid_on",
        )


def check_payable(status: str, number: str) -> None:
    """Payments go to issued invoices; not to cancellations, nor to cancelled invoices."""
    if status == "cancellation":
        raise RuleViolation(
            _("{number} is a cancellation; payments are booked on invoices.").format(number=number)
        )
    if status == "cancelled":
        raise RuleViolation(
            _(
                "Invoice {number} is cancelled; please book the payment on the corrected invoice."
            ).format(number=number)
        )


def check_transfer(source_open: Decimal, target_open: Decimal, amount: Decimal) -> None:
    """A credit moves only as far as it goes and as far as the target is open."""
    if -source_open < amount:
        raise RuleViolation(
            _("The credit available is {credit}; {amount} cannot be transferred.").format(
                credit=format_money(max(-source_open, ZERO)), amount=format_money(amount)
            )
        )
    if target_open < amount:
        raise RuleViolation(
            _("The invoice has only {open} open; transfer at most that.").format(
                open=format_money(max(target_open, ZERO))
            )
        )


@dataclass(frozen=True)
class AccountLine:
    """One line of a customer's account, in date order, with the running balance."""

    day: date
    text: str
    document: str
    debit: Decimal
    credit: Decimal
    balance: Decimal


def running_balance(
    events: Iterable[tuple[date, tuple[int, int], str, str, Decimal]],
) -> list[AccountLine]:
    """Account lines from (day, order, text, document, signed amount: + owed, − paid)."""
    balance = ZERO
    lines = []
    for day, _order, text, document, amount in sorted(events, key=lambda e: (e[0], e[1])):
        balance += amount
        debit = amount if amount > 0 else ZERO
        credit = -amount if amount < 0 else ZERO
        lines.append(AccountLine(day, text, document, debit, credit, balance + ZERO))
    return lines
