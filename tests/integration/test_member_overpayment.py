"""Capital paid above capital due needs the caller's confirmation (allow_overpayment)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import ConcurrentChange
from zidkor_desktop.domain.kinds import OrganisationKind
from zidkor_desktop.l10n import format_money
from zidkor_desktop.queries.members import list_members
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.members import (
    MemberInput,
    Overpayment,
    create_member,
    get_member,
    update_member,
)

TODAY = date(2026, 11, 25)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, TODAY)
    return db


def applicant(paid: str, votes: int = 2) -> MemberInput:
    return MemberInput(
        name="Stadt Worms",
        kind=OrganisationKind.CITY,
        votes=votes,
        applied_on=date(2026, 1, 5),
        capital_paid=Decimal(paid),
        capital_paid_on=date(2026, 1, 6) if Decimal(paid) else None,
    )


def names(db: Database) -> set[str]:
    return {r.name for r in list_members(db, TODAY)}


def test_new_member_paying_more_than_due_needs_confirmation(demo: Database) -> None:
    with pytest.raises(Overpayment) as raised:
        create_member(demo, applicant("4000.01"), TODAY)
    # 2 votes × 2,000.00 € (demo capital per vote) = 4,000.00 € due.
    assert (raised.value.paid, raised.value.due) == (Decimal("4000.01"), Decimal("4000.00"))
    assert format_money(Decimal("4000.01")) in str(raised.value)
    assert format_money(Decimal("4000.00")) in str(raised.value)
    assert "Stadt Worms" not in names(demo)
    create_member(demo, applicant("4000.00"), TODAY)  # exactly the amount due: no question
    assert "Stadt Worms" in names(demo)


def test_confirmed_overpayment_is_saved(demo: Database) -> None:
    new_id = create_member(demo, applicant("5000"), TODAY, allow_overpayment=True)
    assert get_member(demo, new_id, TODAY).data.capital_paid == Decimal("5000.00")


def test_edit_lowering_votes_below_the_payment_needs_confirmation(demo: Database) -> None:
    new_id = create_member(demo, applicant("4000"), TODAY)
    record = get_member(demo, new_id, TODAY)
    with pytest.raises(Overpayment):
        update_member(demo, record, replace(record.data, votes=1), TODAY)
    assert get_member(demo, new_id, TODAY).data.votes == 2
    update_member(demo, record, replace(record.data, votes=1), TODAY, allow_overpayment=True)
    record = get_member(demo, new_id, TODAY)
    assert record.data.votes == 1
    # An overpayment confirmed before is not asked again for an unrelated edit.
    update_member(demo, record, replace(record.data, phone="06241 853-0"), TODAY)
    assert get_member(demo, new_id, TODAY).data.phone == "06241 853-0"


def test_reloaded_record_saves_after_a_conflict(demo: Database) -> None:
    new_id = create_member(demo, applicant("0"), TODAY)
    mine = get_member(demo, new_id, TODAY)
    theirs = get_member(demo, new_id, TODAY)
    update_member(demo, theirs, replace(theirs.data, phone="06241 853-0"), TODAY)
    with pytest.raises(ConcurrentChange):
        update_member(demo, mine, replace(mine.data, email="info@worms.example"), TODAY)
    reloaded = get_member(demo, new_id, TODAY)
    update_member(demo, reloaded, replace(reloaded.data, email="info@worms.example"), TODAY)
    stored = get_member(demo, new_id, TODAY).data
    assert (stored.phone, stored.email) == ("06241 853-0", "info@worms.example")
