"""Exclusions, block votes, outcomes with their effects, and the tracking of resolutions.

The outcome is computed from the block votes, the attendance at the item and the statute in force
on the meeting's day, never typed; recording it applies the linked effect in the same serialised
transaction when the resolution is adopted.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from zidkor_desktop.db.models import AgendaItem, BlockVote, ConflictExclusion, Meeting
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import RuleViolation, ValidationError
from zidkor_desktop.domain.kinds import Majority, MeetingStatus, Outcome, VoteChoice
from zidkor_desktop.domain.resolutions import Ballot, Decision, decide, tally
from zidkor_desktop.domain.text import check_text
from zidkor_desktop.l10n import _, format_date
from zidkor_desktop.queries.meeting_record import record_of
from zidkor_desktop.usecases.errors import translated_db_errors
from zidkor_desktop.usecases.meetings import draft_item
from zidkor_desktop.usecases.resolution_effects import apply_effect


def _not_decided(item: AgendaItem) -> None:
    if item.effect_applied_at is not None:
        raise RuleViolation(
            _(
                "The resolution of item {position} has taken effect; its votes can no longer "
                "change."
            ).format(position=item.position)
        )


def set_exclusions(db: Database, item_id: int, excluded: Mapping[int, str]) -> None:
    """Members excluded from an item for a conflict of interest (§ 22 GemO), with the reason."""
    with translated_db_errors(), db.write() as session:
        item, meeting = draft_item(session, item_id)
        if item.outcome is not None:
            raise RuleViolation(
                _("The result of item {position} is recorded: exclusions can no longer change.")
                .format(position=item.position)
            )  # fmt: skip
        members = {m.organisation_id for m in record_of(session, meeting).members}
        for organisation_id, reason in excluded.items():
            if organisation_id not in members:
                raise ValidationError(_("Only members can be excluded."), "excluded")
            check_text(reason, field="reason", label=_("Reason"), multiline=True)
        item.exclusions[:] = [e for e in item.exclusions if e.organisation_id in excluded]
        kept = {e.organisation_id: e for e in item.exclusions}
        for organisation_id, reason in excluded.items():
            row = kept.get(organisation_id)
            if row is None:
                item.exclusions.append(
                    ConflictExclusion(organisation_id=organisation_id, reason=reason.strip())
                )
            else:
                row.reason = reason.strip()
        session.flush()


def record_votes(
    db: Database, item_id: int, choices: Mapping[int, VoteChoice], today: date
) -> Decision:
    """Store each member's block vote on the item, compute the outcome and apply its effect."""
    with translated_db_errors(), db.write() as session:
        item, meeting = draft_item(session, item_id)
        _not_decided(item)
        if Majority(item.majority) is Majority.NONE:
            raise ValidationError(_("This item has no resolution to vote on."), "majority")
        if meeting.held_on > today:
            raise RuleViolation(
                _("Votes can be recorded from the meeting day on ({day}).").format(
                    day=format_date(meeting.held_on)
                )
            )
        record = record_of(session, meeting)
        current = record.item(item.position)
        by_id = {m.organisation_id: m for m in record.members}
        ballots = []
        for organisation_id, choice in choices.items():
            member = by_id.get(organisation_id)
            if member is None:
                raise ValidationError(_("Only members can vote."), "votes")
            ballots.append(Ballot(member, VoteChoice(choice)))
        counted = tally(ballots, current.voters, record.members)
        decision = decide(Majority(item.majority), record.settings, counted, current.quorum.quorate)
        item.votes[:] = []
        session.flush()
        for ballot in ballots:
            item.votes.append(
                BlockVote(
                    organisation_id=ballot.member.organisation_id,
                    choice=ballot.choice.value,
                    votes=ballot.member.votes,
                )
            )
        item.outcome = decision.outcome.value
        meeting.status = MeetingStatus.HELD.value
        if decision.outcome is Outcome.ADOPTED:
            apply_effect(session, meeting, item, today)
        session.flush()
        return decision


def clear_votes(db: Database, item_id: int) -> None:
    """Remove the votes and the outcome of an item entered by mistake (before any effect)."""
    with translated_db_errors(), db.write() as session:
        item, _meeting = draft_item(session, item_id)
        _not_decided(item)
        item.votes[:] = []
        item.outcome = None
        session.flush()


def update_tracking(
    db: Database,
    item_id: int,
    assignee: str,
    due_on: date | None,
    done_on: date | None,
    done_note: str,
    today: date,
) -> None:
    """Who carries out an adopted resolution, by when, and when it was done (with a note)."""
    with translated_db_errors(), db.write() as session:
        item = session.get(AgendaItem, item_id)
        if item is None:
            raise ValidationError(_("The agenda item no longer exists."), "item")
        if item.outcome != Outcome.ADOPTED.value:
            raise RuleViolation(_("Only adopted resolutions are tracked."))
        assignee = assignee.strip()
        if len(assignee) > 120:
            raise ValidationError(_("Responsible: at most 120 characters."), "assignee")
        check_text(assignee, field="assignee", label=_("Responsible"))
        check_text(done_note, field="done_note", label=_("Note"), multiline=True)
        if done_on is not None and done_on > today:
            raise ValidationError(_("Done on: the date lies in the future."), "done_on")
        meeting = session.get(Meeting, item.meeting_id)
        assert meeting is not None
        if done_on is not None and done_on < meeting.held_on:
            raise ValidationError(
                _("Done on: the date lies before the meeting ({day}).").format(
                    day=format_date(meeting.held_on)
                ),
                "done_on",
            )
        item.assignee = assignee
        item.due_on = due_on
        item.done_on = done_on
        item.done_note = done_note.strip()
        session.flush()
