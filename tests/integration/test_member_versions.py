"""Two clerks on one member: every change of the member's rows raises its version; votes per day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from zidkor_desktop.db.models import Membership, MembershipVotes, Organisation
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import ConcurrentChange, ValidationError
from zidkor_desktop.domain.kinds import OrganisationKind
from zidkor_desktop.queries.members import list_members
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.members import MemberInput, create_member, get_member, update_member

TODAY = date(2026, 11, 25)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, TODAY)
    return db


def member_id(db: Database, name: str) -> int:
    return next(r.organisation_id for r in list_members(db, TODAY) if r.name == name)


def stored_votes(db: Database, organisation_id: int) -> list[tuple[date, int]]:
    with db.sessions() as session:
        rows = session.execute(
            select(MembershipVotes.valid_from, MembershipVotes.votes)
            .join(Membership)
            .where(Membership.organisation_id == organisation_id)
            .order_by(MembershipVotes.valid_from)
        )
        return [(day, votes) for day, votes in rows]


def test_a_votes_change_alone_raises_the_version(demo: Database) -> None:
    koblenz = member_id(demo, "Stadt Koblenz")
    before = get_member(demo, koblenz, TODAY)
    update_member(demo, before, replace(before.data, votes=2), TODAY)
    after = get_member(demo, koblenz, TODAY)
    assert after.membership_version == before.membership_version + 1
    assert after.data.votes == 2


def test_a_stale_save_does_not_revert_a_votes_change(demo: Database) -> None:
    koblenz = member_id(demo, "Stadt Koblenz")
    first_clerk = get_member(demo, koblenz, TODAY)
    second_clerk = get_member(demo, koblenz, TODAY)
    update_member(demo, first_clerk, replace(first_clerk.data, votes=2), TODAY)
    # The second clerk still sees 1 vote and only changes the phone number.
    with pytest.raises(ConcurrentChange):
        update_member(demo, second_clerk, replace(second_clerk.data, phone="0261 129-0"), TODAY)
    assert stored_votes(demo, koblenz) == [(date(2012, 10, 1), 1), (TODAY, 2)]
    assert get_member(demo, koblenz, TODAY).data.phone == ""


def test_a_scheduled_votes_change_raises_the_version(demo: Database) -> None:
    trier = member_id(demo, "Stadt Trier")
    first_clerk = get_member(demo, trier, TODAY)
    second_clerk = get_member(demo, trier, TODAY)
    update_member(
        demo, first_clerk, replace(first_clerk.data, votes=2, votes_from=date(2027, 1, 1)), TODAY
    )
    with pytest.raises(ConcurrentChange):
        update_member(
            demo, second_clerk, replace(second_clerk.data, votes_from=date(2027, 1, 1)), TODAY
        )
    assert stored_votes(demo, trier)[-1] == (date(2027, 1, 1), 2)


def test_an_unchanged_save_keeps_the_version(demo: Database) -> None:
    speyer = member_id(demo, "Stadt Speyer")
    before = get_member(demo, speyer, TODAY)
    update_member(demo, before, before.data, TODAY)
    after = get_member(demo, speyer, TODAY)
    assert (after.organisation_version, after.membership_version) == (
        before.organisation_version,
        before.membership_version,
    )


def test_a_second_votes_change_on_the_same_day_replaces_the_first(demo: Database) -> None:
    mainz = member_id(demo, "Stadt Mainz")
    record = get_member(demo, mainz, TODAY)
    update_member(demo, record, replace(record.data, votes=2), TODAY)
    record = get_member(demo, mainz, TODAY)
    update_member(demo, record, replace(record.data, votes=3), TODAY)
    assert stored_votes(demo, mainz) == [(date(2012, 10, 1), 1), (TODAY, 3)]
    assert get_member(demo, mainz, TODAY).data.votes == 3


def test_a_scheduled_change_entered_twice_for_the_same_day_replaces_the_first(
    demo: Database,
) -> None:
    mainz = member_id(demo, "Stadt Mainz")
    day = date(2027, 1, 1)
    record = get_member(demo, mainz, TODAY)
    update_member(demo, record, replace(record.data, votes=2, votes_from=day), TODAY)
    record = get_member(demo, mainz, TODAY)
    update_member(demo, record, replace(record.data, votes=3, votes_from=day), TODAY)
    assert stored_votes(demo, mainz) == [(date(2012, 10, 1), 1), (day, 3)]


def test_changing_back_on_the_same_day_leaves_no_extra_entry(demo: Database) -> None:
    mainz = member_id(demo, "Stadt Mainz")
    record = get_member(demo, mainz, TODAY)
    update_member(demo, record, replace(record.data, votes=2), TODAY)
    record = get_member(demo, mainz, TODAY)
    update_member(demo, record, replace(record.data, votes=1), TODAY)
    assert stored_votes(demo, mainz) == [(date(2012, 10, 1), 1)]
    assert get_member(demo, mainz, TODAY).data.votes == 1


@pytest.mark.parametrize("other", ["STADT MAINZ", "stadt mainz", "Stadt mainz"])
def test_a_name_differing_only_in_case_is_refused(demo: Database, other: str) -> None:
    with pytest.raises(ValidationError) as err:
        create_member(demo, MemberInput(name=other, kind=OrganisationKind.CITY, votes=1), TODAY)
    assert err.value.field == "name"


def test_names_with_capital_umlauts_are_compared_without_case(demo: Database) -> None:
    # SQLite's lower() folds ASCII only: "Ü" and "ü" must still count as the same letter.
    first = MemberInput(name="Stadt Überherrn", kind=OrganisationKind.CITY, votes=1)
    create_member(demo, first, TODAY)
    with pytest.raises(ValidationError) as err:
        create_member(demo, replace(first, name="STADT ÜBERHERRN"), TODAY)
    assert err.value.field == "name"
    with demo.sessions() as session:
        names = session.scalars(select(Organisation.name)).all()
    assert [n for n in names if n.casefold() == "stadt überherrn"] == ["Stadt Überherrn"]
