"""Accession and exit step by step on a real database: each step and each refusal."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from zidkor_desktop.db.models import MembershipVotes, Organisation
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import ConcurrentChange, RuleViolation, ValidationError
from zidkor_desktop.domain.kinds import MembershipStatus, OrganisationKind
from zidkor_desktop.domain.membership_steps import Step
from zidkor_desktop.domain.statute import StatuteSettings
from zidkor_desktop.queries.members import list_members, totals
from zidkor_desktop.queries.statute import list_versions
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.members import MemberInput, get_member
from zidkor_desktop.usecases.membership_steps import (
    StepInput,
    membership_version,
    preview_step,
    record_application,
    take_step,
)
from zidkor_desktop.usecases.statute import Approval, adopt, approve, put_in_force, save_settings

TODAY = date(2026, 11, 25)
APPROVAL = Approval(
    date(2026, 10, 1), "ADD 17 062-12 ZIDKOR/30", date(2026, 10, 9), "StAnz 40/2026"
)
WORMS = "Stadt Worms (Beispiel)"


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, TODAY)
    return db


def applicant(db: Database, name: str = WORMS, municipal: bool = True, votes: int = 1) -> int:
    data = MemberInput(
        name=name,
        kind=OrganisationKind.CITY if municipal else OrganisationKind.COMPANY,
        is_municipal_body=municipal,
        votes=votes,
        applied_on=date(2026, 9, 1),
    )
    return record_application(db, data, TODAY)


def step(db: Database, org: int, which: Step, day: date | None, reference: str = ""):
    version = membership_version(db, org)
    return take_step(db, org, version, StepInput(which, day, reference), TODAY)


def up_to(db: Database, org: int, last: Step) -> None:
    """Take the accession steps after the application up to `last`, with fitting dates."""
    plan = [
        (Step.COUNCIL_RESOLUTION, date(2026, 9, 10), "Stadtrat Worms, Beschluss 12/2026"),
        (Step.ASSEMBLY_CONSENT, date(2026, 10, 5), ""),
        (Step.AUTHORITY_APPROVAL, date(2026, 11, 2), "ADD 17 062-12 ZIDKOR/30"),
        (Step.MEMBERSHIP_START, date(2027, 4, 1), ""),
    ]
    for which, day, reference in plan:
        step(db, org, which, day, reference)
        if which is last:
            return


def row(db: Database, name: str, day: date = TODAY):
    return next(r for r in list_members(db, day) if r.name == name)


def test_application_makes_a_pending_member_without_votes_outside_the_totals(
    demo: Database,
) -> None:
    org = applicant(demo)
    worms = row(demo, WORMS)
    assert worms.status is MembershipStatus.APPLIED
    assert worms.votes == 0
    assert worms.next_step is Step.COUNCIL_RESOLUTION
    result = totals(list_members(demo, TODAY))
    assert (result.balance.members, result.balance.votes) == (9, 15)
    assert result.capital_due == Decimal("30000.00")
    assert get_member(demo, org, TODAY).data.applied_on == date(2026, 9, 1)


def test_application_refuses_a_later_step_and_a_future_date(demo: Database) -> None:
    data = MemberInput(
        name=WORMS,
        kind=OrganisationKind.CITY,
        votes=1,
        applied_on=date(2026, 9, 1),
        council_resolution_on=date(2026, 9, 2),
    )
    with pytest.raises(ValidationError) as refused:
        record_application(demo, data, TODAY)
    assert refused.value.field == "council_resolution_on"
    with pytest.raises(ValidationError) as refused:
        record_application(
            demo, replace(data, council_resolution_on=None, applied_on=date(2026, 12, 1)), TODAY
        )
    assert refused.value.field == "applied_on"
    assert "Zukunft" in str(refused.value) or "future" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        record_application(demo, replace(data, council_resolution_on=None, applied_on=None), TODAY)
    assert refused.value.field == "applied_on"


def test_each_accession_step_in_order_up_to_membership(demo: Database) -> None:
    org = applicant(demo)
    outcome = step(demo, org, Step.COUNCIL_RESOLUTION, date(2026, 9, 10), "Beschluss 12/2026")
    assert outcome.status_after is MembershipStatus.COUNCIL_RESOLVED
    assert row(demo, WORMS).status is MembershipStatus.COUNCIL_RESOLVED
    assert get_member(demo, org, TODAY).data.council_resolution_ref == "Beschluss 12/2026"
    outcome = step(demo, org, Step.ASSEMBLY_CONSENT, date(2026, 10, 5))
    assert outcome.status_after is MembershipStatus.ASSEMBLY_APPROVED
    assert outcome.balance is not None and outcome.balance.votes == 16  # as if Worms joined
    outcome = step(demo, org, Step.AUTHORITY_APPROVAL, date(2026, 11, 2), "ADD 17 062-12/30")
    assert outcome.status_after is MembershipStatus.AUTHORITY_APPROVED
    assert get_member(demo, org, TODAY).data.authority_file_number == "ADD 17 062-12/30"
    assert row(demo, WORMS).votes == 0  # approved, but not yet a member
    outcome = step(demo, org, Step.MEMBERSHIP_START, date(2027, 4, 1))
    assert outcome.status_after is MembershipStatus.ACTIVE
    assert (outcome.votes, outcome.capital_due) == (1, Decimal("2000.00"))
    assert outcome.statute_version == 1
    # Before 1 April Worms is pending and counts for nothing; from then on it holds its vote.
    assert row(demo, WORMS).votes == 0
    assert totals(list_members(demo, TODAY)).balance.votes == 15
    april = row(demo, WORMS, date(2027, 4, 1))
    assert (april.status, april.votes, april.capital_due) == (
        MembershipStatus.ACTIVE,
        1,
        Decimal("2000.00"),
    )
    after = totals(list_members(demo, date(2027, 4, 1)))
    assert (after.balance.members, after.balance.votes, after.capital_due) == (
        10,
        16,
        Decimal("32000.00"),
    )
    with demo.sessions() as session:
        starts = session.scalars(
            select(MembershipVotes.valid_from)
            .join(MembershipVotes.membership)
            .where(MembershipVotes.membership.has(organisation_id=org))
        ).all()
    assert starts == [date(2027, 4, 1)]  # the block of votes holds from the start on


@pytest.mark.parametrize(
    ("which", "day", "field"),
    [
        (Step.ASSEMBLY_CONSENT, date(2026, 10, 5), "assembly_resolution_on"),
        (Step.AUTHORITY_APPROVAL, date(2026, 11, 2), "authority_approved_on"),
        (Step.MEMBERSHIP_START, date(2027, 4, 1), "member_from"),
        (Step.EXIT_NOTICE, date(2026, 11, 2), "exit_notice_on"),
        (Step.MEMBERSHIP_END, date(2027, 4, 1), "member_until"),
    ],
)
def test_a_step_out_of_order_is_refused(demo: Database, which: Step, day: date, field: str) -> None:
    org = applicant(demo)
    with pytest.raises(ValidationError) as refused:
        step(demo, org, which, day, "Az. 1")
    assert refused.value.field == field
    assert "Ratsbeschluss" in str(refused.value) or "Council resolution" in str(refused.value)
    assert row(demo, WORMS).status is MembershipStatus.APPLIED


def test_a_step_twice_is_refused(demo: Database) -> None:
    org = applicant(demo)
    up_to(demo, org, Step.COUNCIL_RESOLUTION)
    with pytest.raises(ValidationError) as refused:
        step(demo, org, Step.COUNCIL_RESOLUTION, date(2026, 9, 11), "again")
    assert refused.value.field == "council_resolution_on"
    assert "10.09.2026" in str(refused.value)


@pytest.mark.parametrize(
    ("last", "which", "day", "field"),
    [
        (Step.APPLICATION, Step.COUNCIL_RESOLUTION, date(2026, 8, 31), "council_resolution_on"),
        (
            Step.COUNCIL_RESOLUTION,
            Step.ASSEMBLY_CONSENT,
            date(2026, 9, 9),
            "assembly_resolution_on",
        ),
        (
            Step.ASSEMBLY_CONSENT,
            Step.AUTHORITY_APPROVAL,
            date(2026, 10, 4),
            "authority_approved_on",
        ),
        (Step.AUTHORITY_APPROVAL, Step.MEMBERSHIP_START, date(2026, 11, 1), "member_from"),
    ],
)
def test_a_date_before_the_step_before_is_refused(
    demo: Database, last: Step, which: Step, day: date, field: str
) -> None:
    org = applicant(demo)
    if last is not Step.APPLICATION:
        up_to(demo, org, last)
    with pytest.raises(ValidationError) as refused:
        step(demo, org, which, day, "Az. 1")
    assert refused.value.field == field
    assert day.strftime("%d.%m.%Y") in str(refused.value)


@pytest.mark.parametrize(
    ("last", "which", "field"),
    [
        (Step.APPLICATION, Step.COUNCIL_RESOLUTION, "council_resolution_on"),
        (Step.COUNCIL_RESOLUTION, Step.ASSEMBLY_CONSENT, "assembly_resolution_on"),
        (Step.ASSEMBLY_CONSENT, Step.AUTHORITY_APPROVAL, "authority_approved_on"),
    ],
)
def test_a_resolution_or_approval_in_the_future_is_refused(
    demo: Database, last: Step, which: Step, field: str
) -> None:
    org = applicant(demo)
    if last is not Step.APPLICATION:
        up_to(demo, org, last)
    with pytest.raises(ValidationError) as refused:
        step(demo, org, which, date(2026, 11, 26), "Az. 1")
    assert refused.value.field == field


def test_missing_date_reference_or_file_number_is_refused(demo: Database) -> None:
    org = applicant(demo)
    with pytest.raises(ValidationError) as refused:
        step(demo, org, Step.COUNCIL_RESOLUTION, None, "Beschluss")
    assert refused.value.field == "council_resolution_on"
    with pytest.raises(ValidationError) as refused:
        step(demo, org, Step.COUNCIL_RESOLUTION, date(2026, 9, 10), "  ")
    assert refused.value.field == "council_resolution_ref"
    up_to(demo, org, Step.ASSEMBLY_CONSENT)
    with pytest.raises(ValidationError) as refused:
        step(demo, org, Step.AUTHORITY_APPROVAL, date(2026, 11, 2), "")
    assert refused.value.field == "authority_file_number"


def test_a_company_joining_is_refused_where_cities_would_lose_the_vote_majority(
    demo: Database,
) -> None:
    # 8 cities with 8 votes, KommWis with 7: one more company vote leaves the cities 8 of 16.
    org = applicant(demo, "Beispiel-IT GmbH", municipal=False)
    up_to(demo, org, Step.COUNCIL_RESOLUTION)
    consent = step(demo, org, Step.ASSEMBLY_CONSENT, date(2026, 10, 5))
    assert consent.balance is not None and not consent.balance.holds  # a warning in the preview
    step(demo, org, Step.AUTHORITY_APPROVAL, date(2026, 11, 2), "ADD 1")
    with pytest.raises(RuleViolation) as refused:
        step(demo, org, Step.MEMBERSHIP_START, date(2027, 4, 1))
    assert "8 von 16" in str(refused.value) or "8 of 16" in str(refused.value)
    assert row(demo, "Beispiel-IT GmbH").status is MembershipStatus.AUTHORITY_APPROVED


def test_membership_start_is_checked_on_its_day_and_every_later_change(demo: Database) -> None:
    company = applicant(demo, "Beispiel-IT GmbH", municipal=False)
    up_to(demo, company, Step.AUTHORITY_APPROVAL)
    worms = applicant(demo)
    up_to(demo, worms, Step.MEMBERSHIP_START)  # Worms from 1 April 2027
    # Before Worms joins, the company's vote would leave the cities 8 of 16 votes.
    with pytest.raises(RuleViolation):
        step(demo, company, Step.MEMBERSHIP_START, date(2027, 3, 1))
    outcome = step(demo, company, Step.MEMBERSHIP_START, date(2027, 4, 1))
    assert outcome.balance is not None
    assert (outcome.balance.municipal_votes, outcome.balance.votes) == (9, 17)
    # Now no city may leave: without Worms' vote the cities would hold 8 of 16 again.
    speyer = row(demo, "Stadt Speyer").organisation_id
    step(demo, speyer, Step.EXIT_NOTICE, date(2026, 11, 20))
    with pytest.raises(RuleViolation):
        step(demo, speyer, Step.MEMBERSHIP_END, date(2027, 6, 30))


def test_exit_notice_and_end_with_the_majority_checked_the_day_after(demo: Database) -> None:
    speyer = row(demo, "Stadt Speyer").organisation_id
    step(demo, speyer, Step.EXIT_NOTICE, date(2026, 11, 20))
    assert row(demo, "Stadt Speyer").status is MembershipStatus.NOTICE_GIVEN
    assert row(demo, "Stadt Speyer").votes == 1  # a member under notice still votes
    with pytest.raises(ValidationError) as refused:
        step(demo, speyer, Step.MEMBERSHIP_END, date(2026, 11, 19))
    assert refused.value.field == "member_until"
    # Without Speyer the cities would hold 7 of 14 votes: refused.
    with pytest.raises(RuleViolation):
        step(demo, speyer, Step.MEMBERSHIP_END, date(2026, 12, 31))
    worms = applicant(demo)
    up_to(demo, worms, Step.AUTHORITY_APPROVAL)
    step(demo, worms, Step.MEMBERSHIP_START, date(2026, 12, 1))
    outcome = step(demo, speyer, Step.MEMBERSHIP_END, date(2026, 12, 31))
    assert outcome.effective_day == date(2027, 1, 1)
    assert outcome.status_after is MembershipStatus.LEFT
    assert row(demo, "Stadt Speyer", date(2026, 12, 31)).votes == 1
    assert row(demo, "Stadt Speyer", date(2027, 1, 1)).status is MembershipStatus.LEFT
    assert totals(list_members(demo, date(2027, 1, 1))).balance.votes == 15


def test_notice_before_the_membership_began_is_refused(demo: Database) -> None:
    org = applicant(demo)
    up_to(demo, org, Step.MEMBERSHIP_START)  # from 1 April 2027
    with pytest.raises(ValidationError) as refused:
        step(demo, org, Step.EXIT_NOTICE, date(2026, 11, 20))
    assert refused.value.field == "exit_notice_on"


def test_capital_per_vote_comes_from_the_statute_in_force_on_the_start(demo: Database) -> None:
    # Version 2 (the demo's draft) raises the capital per vote to 2,500 € from 1 January 2027;
    # the association settings keep 2,000 €.
    number = 2
    lock = next(v.version for v in list_versions(demo, TODAY) if v.version_no == number)
    save_settings(
        demo, number, "Verbandsordnung (Fassung 2027)",
        StatuteSettings(capital_per_vote=Decimal("2500.00")), lock,
    )  # fmt: skip
    adopt(demo, number, date(2026, 9, 10), "Beschluss 7/2026", TODAY)
    approve(demo, number, APPROVAL, TODAY)
    put_in_force(demo, number, date(2027, 1, 1))
    org = applicant(demo, votes=2)
    up_to(demo, org, Step.AUTHORITY_APPROVAL)
    december = preview_step(demo, org, StepInput(Step.MEMBERSHIP_START, date(2026, 12, 1)), TODAY)
    assert (december.capital_per_vote, december.capital_due) == (
        Decimal("2000.00"),
        Decimal("4000.00"),
    )
    assert december.statute_version == 1
    outcome = preview_step(demo, org, StepInput(Step.MEMBERSHIP_START, date(2027, 4, 1)), TODAY)
    assert (outcome.votes, outcome.capital_per_vote, outcome.capital_due) == (
        2,
        Decimal("2500.00"),
        Decimal("5000.00"),
    )
    assert outcome.statute_version == 2
    assert row(demo, WORMS).status is MembershipStatus.AUTHORITY_APPROVED  # preview wrote nothing
    step(demo, org, Step.MEMBERSHIP_START, date(2027, 4, 1))
    assert row(demo, WORMS, date(2027, 4, 1)).capital_due == Decimal("5000.00")
    # The founding members' contribution stays at the rate of their start.
    assert row(demo, "Stadt Trier", date(2027, 4, 1)).capital_due == Decimal("2000.00")


def test_a_step_on_a_changed_membership_is_refused(demo: Database) -> None:
    org = applicant(demo)
    version = membership_version(demo, org)
    step(demo, org, Step.COUNCIL_RESOLUTION, date(2026, 9, 10), "Beschluss")
    with pytest.raises(ConcurrentChange):
        take_step(demo, org, version, StepInput(Step.ASSEMBLY_CONSENT, date(2026, 10, 5)), TODAY)
    with demo.sessions() as session:
        assert session.scalar(select(Organisation.id).where(Organisation.name == WORMS)) == org
