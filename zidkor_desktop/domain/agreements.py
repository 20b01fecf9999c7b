"""Agreement rules: status steps, the approval of a Zweckvereinbarung, quantities from a date."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from zidkor_desktop.domain.errors import RuleViolation, ValidationError
from zidkor_desktop.domain.kinds import AgreementStatus
from zidkor_desktop.l10n import _

ENDING_SOON_DAYS = 90
"""Agreements whose last day lies within this many days are marked in the lists."""


def _d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


@dataclass(frozen=True)
class QuantityPeriod:
    """The quantity of one price item under an agreement from a date (valid_until None: open)."""

    price_code: str
    quantity: Decimal
    valid_from: date
    valid_until: date | None = None

    def covers(self, day: date) -> bool:
        """Whether this quantity applies on `day`."""
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


def quantity_on(history: Sequence[QuantityPeriod], code: str, day: date) -> Decimal | None:
    """The quantity of item `code` on `day` (None: the item is not agreed on that day)."""
    return next((p.quantity for p in history if p.price_code == code and p.covers(day)), None)


def plan_quantity(
    number: str, history: Sequence[QuantityPeriod], new: QuantityPeriod
) -> list[QuantityPeriod]:
    """The periods of item `new.price_code` after `new` takes effect; the previous one closes.

    Earlier periods keep their quantity; refused: a date on or before the start of a stored
    period of the item (that would rewrite the past), a negative or unchanged quantity.
    """
    if new.quantity < 0:
        raise ValidationError(_("The quantity cannot be negative."), "quantity")
    ordered = sorted(
        (p for p in history if p.price_code == new.price_code), key=lambda p: p.valid_from
    )
    later = [p for p in ordered if p.valid_from >= new.valid_from]
    if later:
        raise RuleViolation(
            _(
                "Agreement {number}: item {code} already has a quantity from {begin}; a change "
                "from {day} would overwrite it. Changes take effect only after the last one."
            ).format(
                number=number,
                code=new.price_code,
                begin=_d(later[-1].valid_from),
                day=_d(new.valid_from),
            )
        )
    previous = ordered[-1] if ordered else None
    if previous is None or not previous.covers(new.valid_from):
        return [*ordered, replace(new, valid_until=None)]
    if previous.quantity == new.quantity:
        raise RuleViolation(
            _("Agreement {number}: item {code} already has the quantity {quantity}.").format(
                number=number, code=new.price_code, quantity=new.quantity
            )
        )
    closed = replace(previous, valid_until=new.valid_from - timedelta(days=1))
    return [*ordered[:-1], closed, replace(new, valid_until=None)]


def check_activation(
    number: str, valid_from: date | None, is_member: bool, approved_on: date | None
) -> None:
    """A draft becomes active only with a start; a non-member's only with the approval."""
    if valid_from is None:
        raise ValidationError(
            _("Agreement {number}: please enter the start date first.").format(number=number),
            "valid_from",
        )
    if not is_member and approved_on is None:
        raise RuleViolation(
            _(
                "Agreement {number} is a Zweckvereinbarung with a non-member (§ 12 KomZG): it "
                "can only become active after the supervisory authority has approved it. "
                "Please record the approval (date and file number) first."
            ).format(number=number)
        )


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day where the month is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def earliest_end(notice_on: date, notice_months: int) -> date:
    """The first day an agreement may end when notice is given on `notice_on`."""
    return add_months(notice_on, notice_months) - timedelta(days=1)


def check_notice(
    number: str, status: AgreementStatus, notice_on: date, ends_on: date, notice_months: int
) -> None:
    """Notice is given on an active agreement and keeps the notice period."""
    if status is not AgreementStatus.ACTIVE:
        raise RuleViolation(
            _("Agreement {number} is not active ({status}); notice cannot be given.").format(
                number=number, status=status.label
            )
        )
    first = earliest_end(notice_on, notice_months)
    if ends_on < first:
        raise ValidationError(
            _(
                "Agreement {number}: with notice given on {day} and a notice period of {months} "
                "months it can end on {first} at the earliest, not on {end}."
            ).format(
                number=number,
                day=_d(notice_on),
                months=notice_months,
                first=_d(first),
                end=_d(ends_on),
            ),
            "valid_until",
        )


def check_end(
    number: str, status: AgreementStatus, valid_from: date | None, last_day: date
) -> None:
    """Only an active agreement or one under notice ends, and not before it starts."""
    if status not in (AgreementStatus.ACTIVE, AgreementStatus.NOTICE_GIVEN):
        raise RuleViolation(
            _("Agreement {number} is not active ({status}); it cannot be ended.").format(
                number=number, status=status.label
            )
        )
    if valid_from is not None and last_day < valid_from:
        raise ValidationError(
            _("Agreement {number} starts on {begin}; it cannot end on {end}.").format(
                number=number, begin=_d(valid_from), end=_d(last_day)
            ),
            "valid_until",
        )


def ends_soon(status: AgreementStatus, valid_until: date | None, today: date) -> bool:
    """Whether an agreement in force ends within the next 90 days (inclusive)."""
    if status not in (AgreementStatus.ACTIVE, AgreementStatus.NOTICE_GIVEN):
        return False
    if valid_until is None:
        return False
    return today <= valid_until <= today + timedelta(days=ENDING_SOON_DAYS)
