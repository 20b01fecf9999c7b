"""The effects of adopted resolutions: consent to accession or exit, statute, price list, minutes.

Each runs inside the write transaction that records the outcome, once (the item remembers when it
was applied), through the same rule the other areas use for the step (membership steps, statute
adoption, price list publication), so their checks hold here too. ORM changes are audited.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from zidkor_desktop.db.base import utcnow
from zidkor_desktop.db.models import AgendaItem, Meeting, Membership, PriceList, StatuteVersion
from zidkor_desktop.domain.errors import RuleViolation
from zidkor_desktop.domain.kinds import MinutesStatus
from zidkor_desktop.domain.membership_steps import Step
from zidkor_desktop.domain.resolutions import EffectKind
from zidkor_desktop.l10n import _, format_date
from zidkor_desktop.usecases.membership_steps import StepInput, take_step_in
from zidkor_desktop.usecases.pricelist import publish_in
from zidkor_desktop.usecases.statute import adopt_in


def resolution_reference(meeting: Meeting, item: AgendaItem) -> str:
    """„Verbandsversammlung 2/2026 vom 10.12.2026, TOP 3“ (at most 120 characters)."""
    return _("Assembly {number} of {day}, item {position}").format(
        number=meeting.number, day=format_date(meeting.held_on), position=item.position
    )[:120]


def _gone() -> RuleViolation:
    return RuleViolation(_("What the resolution decides no longer exists."))


def _exit(session: Session, organisation_id: int, day: date) -> None:
    membership = session.scalar(
        select(Membership).where(Membership.organisation_id == organisation_id)
    )
    if membership is None:
        raise _gone()
    if membership.member_from is None or membership.member_until is not None:
        raise RuleViolation(
            _("The exit can only be consented to for a member whose membership has not ended.")
        )
    if membership.exit_resolution_on is not None:
        raise RuleViolation(_("The consent to this exit is already recorded."))
    membership.exit_resolution_on = day


def _minutes(session: Session, meeting_id: int, item: AgendaItem, day: date) -> None:
    earlier = session.get(Meeting, meeting_id)
    if earlier is None:
        raise _gone()
    if earlier.minutes_status != MinutesStatus.SIGNED.value:
        raise RuleViolation(
            _(
                "The minutes of meeting {number} must be signed before the assembly can "
                "approve them."
            ).format(number=earlier.number)
        )
    earlier.minutes_status = MinutesStatus.APPROVED.value
    earlier.minutes_approved_on = day
    earlier.minutes_approved_by_item_id = item.id


def apply_effect(session: Session, meeting: Meeting, item: AgendaItem, today: date) -> None:
    """Record what the adopted resolution of `item` decides (once)."""
    if item.effect_kind is None or item.effect_target_id is None:
        return
    if item.effect_applied_at is not None:
        raise RuleViolation(_("The effect of this resolution has already been recorded."))
    kind, target, day = EffectKind(item.effect_kind), item.effect_target_id, meeting.held_on
    reference = resolution_reference(meeting, item)
    if kind is EffectKind.ACCESSION:
        take_step_in(session, target, StepInput(Step.ASSEMBLY_CONSENT, day, reference), today)
    elif kind is EffectKind.EXIT:
        _exit(session, target, day)
    elif kind is EffectKind.STATUTE:
        version = session.get(StatuteVersion, target)
        if version is None:
            raise _gone()
        adopt_in(session, version.version_no, day, reference, today)
    elif kind is EffectKind.PRICE_LIST:
        price_list = session.get(PriceList, target)
        if price_list is None or item.effect_valid_from is None:
            raise _gone()
        publish_in(session, price_list.version_no, item.effect_valid_from, reference)
    else:
        _minutes(session, target, item, day)
    item.effect_applied_at = utcnow()
    session.flush()
