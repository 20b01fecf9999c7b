"""Meetings on a real database: quorum per item, votes, outcomes and their effects, tracking."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import func, select

from tests.integration.meeting_support import (
    AFTER,
    DAY,
    LEAVING,
    TODAY,
    WORMS,
    all_voting,
    workflow_meeting,
)
from zidkor_desktop.db.models import AuditEntry, Membership, PriceList, StatuteVersion
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import RuleViolation, ValidationError
from zidkor_desktop.domain.kinds import Outcome, PriceListStatus, StatuteStatus, VoteChoice
from zidkor_desktop.queries.meeting_record import meeting_record
from zidkor_desktop.queries.meetings import list_meetings, list_resolutions
from zidkor_desktop.usecases.meeting_votes import (
    clear_votes,
    record_votes,
    set_exclusions,
    update_tracking,
)
from zidkor_desktop.usecases.meetings import (
    AttendanceInput,
    MeetingInput,
    create_meeting,
    move_item,
    previous_meeting,
    proposed_number,
    record_invitation,
    save_attendance,
    update_meeting,
)


def test_quorum_per_item_follows_attendance_and_departure(db: Database) -> None:
    meeting = workflow_meeting(db)
    record = meeting_record(db, meeting.id)
    figures = [i.quorum.figures for i in record.items]
    assert figures[:3] == ["7 von 9 Mitgliedern, 13 von 15 Stimmen — beschlussfähig"] * 3
    assert figures[3:] == ["6 von 9 Mitgliedern, 12 von 15 Stimmen — beschlussfähig"] * 2
    assert record.items[3].departures == (LEAVING,)
    assert "§ 8 Abs. 1 KomZG" in record.items[0].quorum.rule
    # the applicant is no member yet: 9 members, 15 votes
    assert len(record.members) == 9 and record.statutory_votes == 15
    [row] = [r for r in list_meetings(db) if r.id == meeting.id]
    assert (row.number, row.items) == ("1/2027", 5)


def test_adopted_price_list_is_published_once_and_audited(db: Database) -> None:
    meeting = workflow_meeting(db)
    decision = record_votes(db, meeting.items["price"], all_voting(db, meeting, "price"), AFTER)
    assert decision.outcome is Outcome.ADOPTED
    with db.sessions() as session:
        price_list = session.scalar(select(PriceList).where(PriceList.version_no == 2))
        assert price_list.status == PriceListStatus.PUBLISHED.value
        assert price_list.valid_from == date(2027, 4, 1)
        assert "1/2027" in price_list.resolution_ref and "TOP 1" in price_list.resolution_ref
        audited = session.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.entity == "price_list", AuditEntry.field == "status")
        )
    assert audited >= 1
    effect = meeting_record(db, meeting.id).items[0].effect
    assert effect is not None and effect.state == "Veröffentlicht; gilt ab 01.04.2027"
    with pytest.raises(RuleViolation, match="wirksam geworden"):
        record_votes(db, meeting.items["price"], all_voting(db, meeting, "price"), AFTER)
    with pytest.raises(RuleViolation):
        clear_votes(db, meeting.items["price"])


def test_votes_cannot_be_recorded_before_the_meeting_day(db: Database) -> None:
    meeting = workflow_meeting(db)
    with pytest.raises(RuleViolation, match=r"10\.03\.2027"):
        record_votes(db, meeting.items["price"], all_voting(db, meeting, "price"), TODAY)


def test_rejected_statute_change_has_no_effect(db: Database) -> None:
    meeting = workflow_meeting(db)
    choices = all_voting(db, meeting, "statute")
    kommwis = meeting.members["KommWis GmbH"]
    choices[kommwis] = VoteChoice.NO  # 5 cities yes = 5 votes, far from 10 of 15
    decision = record_votes(db, meeting.items["statute"], choices, AFTER)
    assert decision.outcome is Outcome.REJECTED
    assert "mindestens 10 der 15 satzungsmäßigen Stimmen" in decision.needed
    with db.sessions() as session:
        assert (
            session.scalar(select(StatuteVersion.status).where(StatuteVersion.version_no == 2))
            == StatuteStatus.DRAFT.value
        )
    effect = meeting_record(db, meeting.items and meeting.id).items[3].effect
    assert effect is not None and effect.applied_at is None
    # a mistake can be corrected before the effect: clear, then adopt
    clear_votes(db, meeting.items["statute"])
    adopted = record_votes(db, meeting.items["statute"], all_voting(db, meeting, "statute"), AFTER)
    assert adopted.outcome is Outcome.ADOPTED  # 12 of 15 ≥ 10
    with db.sessions() as session:
        version = session.scalar(select(StatuteVersion).where(StatuteVersion.version_no == 2))
        assert version.status == StatuteStatus.ADOPTED.value
        assert version.adopted_on == DAY
    state = meeting_record(db, meeting.id).items[3].effect.state
    assert "Genehmigung der Aufsichtsbehörde und Bekanntmachung" in state


def test_accession_needs_a_majority_of_members_too(db: Database) -> None:
    meeting = workflow_meeting(db)
    choices = {org: VoteChoice.NO for org in all_voting(db, meeting, "accession")}
    choices[meeting.members["KommWis GmbH"]] = VoteChoice.YES
    for city in ("Stadt Koblenz", "Stadt Mainz", "Stadt Kaiserslautern"):
        choices[meeting.members[city]] = VoteChoice.YES
    # 10 of 15 votes (two thirds met) but only 4 of 9 members
    decision = record_votes(db, meeting.items["accession"], choices, AFTER)
    assert decision.outcome is Outcome.REJECTED
    with db.sessions() as session:
        consent = session.scalar(
            select(Membership.assembly_resolution_on)
            .join(Membership.organisation)
            .where(Membership.organisation.has(name=WORMS))
        )
    assert consent is None
    clear_votes(db, meeting.items["accession"])
    choices[meeting.members["Stadt Ludwigshafen am Rhein"]] = VoteChoice.YES  # 5 of 9 members
    assert record_votes(db, meeting.items["accession"], choices, AFTER).outcome is Outcome.ADOPTED
    with db.sessions() as session:
        consent = session.scalar(
            select(Membership.assembly_resolution_on).where(Membership.organisation.has(name=WORMS))
        )
    assert consent == DAY
    state = meeting_record(db, meeting.id).items[1].effect.state
    assert state.startswith("Zustimmung erfasst am 10.03.2027")
    assert "Genehmigung der Aufsichtsbehörde" in state


def test_every_member_present_votes_once_and_absent_ones_cannot(db: Database) -> None:
    meeting = workflow_meeting(db)
    choices = all_voting(db, meeting, "accounts")
    missing = dict(choices)
    missing.pop(meeting.members["Stadt Mainz"])
    with pytest.raises(ValidationError, match="Stadt Mainz"):
        record_votes(db, meeting.items["accounts"], missing, AFTER)
    absent = dict(choices) | {meeting.members["Stadt Speyer"]: VoteChoice.YES}
    with pytest.raises(ValidationError, match="Stadt Speyer"):
        record_votes(db, meeting.items["accounts"], absent, AFTER)
    # after item 3 the leaving city cannot vote on item 4
    staff = all_voting(db, meeting, "statute")
    assert meeting.members[LEAVING] not in staff


def test_excluded_member_leaves_count_and_vote(db: Database) -> None:
    meeting = workflow_meeting(db)
    kommwis = meeting.members["KommWis GmbH"]
    set_exclusions(db, meeting.items["accounts"], {kommwis: "Geschäftsführer ist Prüfer"})
    item = meeting_record(db, meeting.id).items[2]
    assert item.quorum.figures == "6 von 8 Mitgliedern, 6 von 8 Stimmen — beschlussfähig"
    assert "KommWis GmbH" in item.quorum.rule
    assert kommwis not in {m.organisation_id for m in item.voters}
    choices = all_voting(db, meeting, "accounts")
    decision = record_votes(db, meeting.items["accounts"], choices, AFTER)
    assert decision.outcome is Outcome.ADOPTED
    with pytest.raises(RuleViolation):
        set_exclusions(db, meeting.items["accounts"], {})


def test_attendance_contradicting_recorded_votes_is_refused(db: Database) -> None:
    meeting = workflow_meeting(db)
    record_votes(db, meeting.items["accounts"], all_voting(db, meeting, "accounts"), AFTER)
    record = meeting_record(db, meeting.id)
    entries = [
        AttendanceInput(
            a.member.organisation_id,
            a.present and a.member.name != "Stadt Mainz",
            a.representatives,
            a.voting_representative,
            a.arrives_before,
            a.leaves_after,
        )
        for a in record.attendance
    ]
    with pytest.raises(RuleViolation, match="TOP 3"):
        save_attendance(db, meeting.id, entries)
    assert meeting_record(db, meeting.id).attendance == record.attendance


def test_moving_an_item_moves_arrivals_and_departures_with_it(db: Database) -> None:
    meeting = workflow_meeting(db)
    move_item(db, meeting.items["accounts"], -1)  # TOP 3 becomes TOP 2
    record = meeting_record(db, meeting.id)
    assert [i.id for i in record.items][:3] == [
        meeting.items["price"], meeting.items["accounts"], meeting.items["accession"],
    ]  # fmt: skip
    leaving = next(a for a in record.attendance if a.member.name == LEAVING)
    assert leaving.leaves_after == 2  # still after the accounts, now TOP 2
    assert record.items[1].quorum.members_present == 7
    assert record.items[2].quorum.members_present == 6


def test_invitation_period_and_urgency(db: Database) -> None:
    meeting = workflow_meeting(db)
    with pytest.raises(ValidationError, match=r"05\.03\.2027") as late:
        record_invitation(db, meeting.id, date(2027, 3, 7), False, "", date(2027, 3, 7))
    assert late.value.field == "invited_on"
    record_invitation(db, meeting.id, date(2027, 3, 7), True, "Frist der ADD", date(2027, 3, 7))
    record = meeting_record(db, meeting.id)
    assert record.urgent and record.urgency_reason == "Frist der ADD"
    record_invitation(db, meeting.id, date(2027, 3, 1), False, "", date(2027, 3, 7))
    record = meeting_record(db, meeting.id)
    assert (record.invited_on, record.urgent, record.urgency_reason) == (
        date(2027, 3, 1),
        False,
        "",
    )


def test_numbers_and_the_previous_meeting_offered(db: Database) -> None:
    meeting = workflow_meeting(db)
    assert proposed_number(db, 2027) == "2/2027"
    previous = previous_meeting(db, date(2027, 6, 1))
    assert previous is not None and previous[0] == meeting.id
    later = create_meeting(
        db, MeetingInput(number="2/2027", held_on=date(2027, 6, 1)), approve_minutes_of=meeting.id
    )
    item = meeting_record(db, later).items[0]
    assert item.title == "Genehmigung der Niederschrift der Sitzung 1/2027 vom 10.03.2027"
    assert item.effect is not None and item.effect.target_id == meeting.id
    with pytest.raises(ValidationError) as taken:
        create_meeting(db, MeetingInput(number="2/2027", held_on=date(2027, 7, 1)))
    assert taken.value.field == "number"
    record = meeting_record(db, later)
    with pytest.raises(ValidationError) as order:
        update_meeting(
            db,
            later,
            record.version,
            MeetingInput(
                number="2/2027", held_on=date(2027, 6, 1), starts_at=time(12), ends_at=time(11)
            ),
        )
    assert order.value.field == "ends_at"


def test_tracking_of_adopted_resolutions(db: Database) -> None:
    meeting = workflow_meeting(db)
    record_votes(db, meeting.items["accounts"], all_voting(db, meeting, "accounts"), AFTER)
    [row] = list_resolutions(db, open_only=True)
    assert (row.position, row.meeting_number, row.open) == (3, "1/2027", True)
    update_tracking(
        db, row.item_id, "Geschäftsstelle", date(2027, 4, 30), None, "", date(2027, 3, 12)
    )
    assert list_resolutions(db, open_only=True)[0].overdue(date(2027, 5, 1))
    with pytest.raises(ValidationError) as future:
        update_tracking(
            db, row.item_id, "Geschäftsstelle", None, date(2027, 4, 1), "", date(2027, 3, 12)
        )
    assert future.value.field == "done_on"
    update_tracking(
        db, row.item_id, "Geschäftsstelle", None, date(2027, 3, 12), "Veröffentlicht",
        date(2027, 3, 12),
    )  # fmt: skip
    assert list_resolutions(db, open_only=True) == []
    [done] = [r for r in list_resolutions(db) if r.meeting_number == "1/2027"]
    assert (done.done_on, done.done_note) == (date(2027, 3, 12), "Veröffentlicht")
    with pytest.raises(RuleViolation):
        update_tracking(db, meeting.items["price"], "x", None, None, "", date(2027, 3, 12))
