"""Reminder rules: which invoices are reminded, at which level, with which deadline and fee.

An invoice is due for a reminder on `day` when something is open, its due date has passed and,
if it was reminded before, the deadline of that reminder has passed too, and it has not reached
the last level. Levels: 1 Zahlungserinnerung, 2 1. Mahnung, 3 2. Mahnung. One letter per customer
names all its invoices due for a reminder, at the highest level among them; the new deadline is
REMINDER_DAYS after the letter; the fee (a setting, default none) applies from the 1. Mahnung.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from zidkor_desktop.domain.money import ZERO

LAST_LEVEL = 3
REMINDER_DAYS = 14


@dataclass(frozen=True)
class Dunned:
    """An invoice as the reminder rules see it."""

    invoice_id: int
    organisation_id: int
    open: Decimal
    due_date: date | None
    level: int
    last_deadline: date | None


def is_due(item: Dunned, day: date) -> bool:
    """Whether the invoice gets a reminder on `day`."""
    if item.open <= 0 or item.due_date is None or day <= item.due_date:
        return False
    if item.level >= LAST_LEVEL:
        return False
    return item.last_deadline is None or day > item.last_deadline


@dataclass(frozen=True)
class ReminderPlan:
    """One letter: the customer, its invoices, the level, the new deadline and the fee."""

    organisation_id: int
    invoice_ids: list[int]
    level: int
    deadline: date
    fee: Decimal


def plan(items: list[Dunned], day: date, fee: Decimal) -> list[ReminderPlan]:
    """The letters of a reminder run on `day`, one per customer with invoices due."""
    by_org: dict[int, list[Dunned]] = {}
    for item in items:
        if is_due(item, day):
            by_org.setdefault(item.organisation_id, []).append(item)
    plans = []
    for org, due in sorted(by_org.items()):
        level = max(i.level for i in due) + 1
        plans.append(
            ReminderPlan(
                org,
                [i.invoice_id for i in due],
                level,
                day + timedelta(days=REMINDER_DAYS),
                fee if level >= 2 else ZERO,
            )
        )
    return plans
