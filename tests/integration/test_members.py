"""Member use cases on a real database: create, edit, majority rule, conflicts, audit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from zidkor_desktop.db.models import AuditEntry, MembershipVotes, Organisation
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import ConcurrentChange, RuleViolation, ValidationError
from zidkor_desktop.domain.kinds import MembershipStatus, OrganisationKind
from zidkor_desktop.queries.members import list_members, totals
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.members import (
    MemberInput,
    create_member,
    get_member,
    update_member,
)

TODAY = date(2026, 11, 25)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, TODAY)
    return db


def worms(**changes: object) -> MemberInput:
    data = MemberInput(
        name="Stadt Worms (Beispiel)",
        kind=OrganisationKind.CITY,
        votes=1,
        applied_on=date(2026, 12, 1),
        council_resolution_on=date(2026, 12, 10),
    )
    return replace(data, **changes)


def audit_rows(db: Database, entity: str) -> list[AuditEntry]:
    with db.sessions() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.entity == entity)))


def test_demo_has_nine_members_fifteen_votes_thirty_thousand_capital(demo: Database) -> None:
    rows = list_members(demo, TODAY)
    assert len(rows) == 9
    assert sum(r.votes for r in rows) == 15
    assert {r.name: r.votes for r in rows}["KommWis GmbH"] == 7
    result = totals(rows)
    assert result.capital_due == Decimal("2000.00") * 15
    assert (result.balance.municipal_members, result.balance.municipal_votes) == (8, 8)


def test_applicant_is_listed_without_votes(demo: Database) -> None:
    create_member(demo, worms(), TODAY)
    row = next(r for r in list_members(demo, TODAY) if r.name.startswith("Stadt Worms"))
    assert row.status is MembershipStatus.COUNCIL_RESOLVED
    assert row.votes == 0
    assert row.capital_due == Decimal("2000.00")
    assert totals(list_members(demo, TODAY)).balance.votes == 15


def test_accession_becomes_active_from_member_from(demo: Database) -> None:
    org_id = create_member(demo, worms(), TODAY)
    record = get_member(demo, org_id, TODAY)
    approved = replace(
        record.data,
        assembly_resolution_on=date(2027, 2, 20),
        authority_approved_on=date(2027, 3, 15),
        authority_file_number="ADD 17 062-12 (Beispiel)",
        member_from=date(2027, 4, 1),
        votes_from=date(2027, 4, 1),
    )
    update_member(demo, record, approved, TODAY)
    on_first_april = list_members(demo, date(2027, 4, 1))
    assert totals(on_first_april).balance.votes == 16
    assert totals(on_first_april).balance.members == 10
    assert totals(list_members(demo, date(2027, 3, 31))).balance.votes == 15


def test_company_that_would_break_the_municipal_majority_is_refused(demo: Database) -> None:
    company = MemberInput(
        name="IT-Gesellschaft (Beispiel)",
        kind=OrganisationKind.COMPANY,
        is_municipal_body=False,
        votes=1,
        authority_approved_on=date(2026, 11, 1),
        member_from=date(2026, 11, 1),
    )
    # 8 cities with 8 votes against KommWis 7 + 1 = 8 votes: no more majority of votes.
    with pytest.raises(RuleViolation) as err:
        create_member(demo, company, TODAY)
    assert "8" in str(err.value) and "16" in str(err.value)
    with demo.sessions() as session:
        assert (
            session.scalar(
                select(func.count())
                .select_from(Organisation)
                .where(Organisation.name == company.name)
            )
            == 0
        )


def test_raising_kommwis_votes_to_eight_is_refused(demo: Database) -> None:
    kommwis = next(r for r in list_members(demo, TODAY) if r.name == "KommWis GmbH")
    record = get_member(demo, kommwis.organisation_id, TODAY)
    with pytest.raises(RuleViolation):
        update_member(demo, record, replace(record.data, votes=8), TODAY)
    assert get_member(demo, kommwis.organisation_id, TODAY).data.votes == 7


def test_votes_change_is_kept_as_history(demo: Database) -> None:
    mainz = next(r for r in list_members(demo, TODAY) if r.name == "Stadt Mainz")
    record = get_member(demo, mainz.organisation_id, TODAY)
    update_member(demo, record, replace(record.data, votes=2, votes_from=date(2027, 1, 1)), TODAY)
    stored = get_member(demo, mainz.organisation_id, TODAY)
    assert stored.votes_history == [(date(2012, 10, 1), 1), (date(2027, 1, 1), 2)]
    assert stored.data.votes == 1
    assert get_member(demo, mainz.organisation_id, date(2027, 1, 1)).data.votes == 2
    assert audit_rows(demo, MembershipVotes.__tablename__)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"votes": 0}, "votes"),
        ({"postcode": "1234"}, "postcode"),
        ({"email": "keine-adresse"}, "email"),
        ({"member_from": date(2027, 1, 1)}, "authority_approved_on"),
        ({"capital_paid": Decimal("-1")}, "capital_paid"),
        ({"capital_paid": Decimal("2000"), "capital_paid_on": None}, "capital_paid_on"),
    ],
)
def test_invalid_input_names_the_field(
    demo: Database, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as err:
        create_member(demo, worms(**changes), TODAY)
    assert err.value.field == field
    assert str(err.value)


def test_duplicate_name_is_refused(demo: Database) -> None:
    with pytest.raises(ValidationError) as err:
        create_member(demo, worms(name="stadt mainz"), TODAY)
    assert err.value.field == "name"


def test_edit_after_someone_else_changed_the_member_is_refused(demo: Database) -> None:
    speyer = next(r for r in list_members(demo, TODAY) if r.name == "Stadt Speyer")
    mine = get_member(demo, speyer.organisation_id, TODAY)
    theirs = get_member(demo, speyer.organisation_id, TODAY)
    update_member(demo, theirs, replace(theirs.data, phone="06232 14-0"), TODAY)
    with pytest.raises(ConcurrentChange):
        update_member(demo, mine, replace(mine.data, street="Neue Straße 1"), TODAY)
    assert get_member(demo, speyer.organisation_id, TODAY).data.street == "Maximilianstraße 100"


def test_every_change_is_audited_with_old_and_new_value(demo: Database) -> None:
    trier = next(r for r in list_members(demo, TODAY) if r.name == "Stadt Trier")
    record = get_member(demo, trier.organisation_id, TODAY)
    update_member(demo, record, replace(record.data, street="Augustinerhof 1"), TODAY)
    entries = [
        e
        for e in audit_rows(demo, "organisation")
        if e.action == "update" and e.entity_id == str(trier.organisation_id)
    ]
    assert [(e.field, e.old_value, e.new_value) for e in entries] == [
        ("street", "Am Augustinerhof", "Augustinerhof 1")
    ]
    assert entries[0].user == "pytest"
    created = [e for e in audit_rows(demo, "organisation") if e.action == "create"]
    assert len(created) >= 9


def test_editing_other_fields_keeps_a_scheduled_votes_change(demo: Database) -> None:
    mainz = next(r for r in list_members(demo, TODAY) if r.name == "Stadt Mainz")
    record = get_member(demo, mainz.organisation_id, TODAY)
    update_member(demo, record, replace(record.data, votes=2, votes_from=date(2027, 1, 1)), TODAY)
    again = get_member(demo, mainz.organisation_id, TODAY)
    # the dialog shows today's votes (1) and leaves "votes valid from" empty
    update_member(demo, again, replace(again.data, phone="06131 12-0", votes_from=None), TODAY)
    stored = get_member(demo, mainz.organisation_id, TODAY)
    assert stored.votes_history == [(date(2012, 10, 1), 1), (date(2027, 1, 1), 2)]
    assert stored.data.phone == "06131 12-0"
