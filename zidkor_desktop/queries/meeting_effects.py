"""What a resolution can be linked to, and how far its effect has come."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from zidkor_desktop.db.models import Meeting, Membership, Organisation, PriceList, StatuteVersion
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.kinds import MinutesStatus, PriceListStatus, StatuteStatus
from zidkor_desktop.domain.resolutions import EffectKind
from zidkor_desktop.l10n import _, format_date


@dataclass(frozen=True)
class EffectTarget:
    """Something a resolution can decide: its id and how it is named."""

    id: int
    label: str


def _membership(session: Session, organisation_id: int) -> tuple[str, Membership | None]:
    org = session.get(Organisation, organisation_id)
    membership = session.scalar(
        select(Membership).where(Membership.organisation_id == organisation_id)
    )
    return (org.name if org else _("(deleted)")), membership


def _missing(steps: list[str]) -> str:
    return _("still to be recorded: {steps}").format(steps=", ".join(steps))


def _accession_state(m: Membership) -> str:
    consent = _("Consent recorded on {day}").format(day=format_date(m.assembly_resolution_on))
    missing = []
    if m.authority_approved_on is None:
        missing.append(_("approval by the authority"))
    if m.member_from is None:
        missing.append(_("start of membership"))
    if missing:
        return f"{consent}; {_missing(missing)}"
    return _("In effect: member from {day}").format(day=format_date(m.member_from))


def _exit_state(m: Membership) -> str:
    consent = _("Consent recorded on {day}").format(day=format_date(m.exit_resolution_on))
    if m.member_until is None:
        return f"{consent}; {_missing([_('end of membership')])}"
    return _("In effect: member until {day}").format(day=format_date(m.member_until))


def _statute_state(version: StatuteVersion) -> str:
    status = StatuteStatus(version.status)
    if status is StatuteStatus.DRAFT:
        return _("Draft")
    adopted = _("Adopted on {day}").format(day=format_date(version.adopted_on))
    if status is StatuteStatus.ADOPTED:
        return f"{adopted}; " + _missing(
            [_("approval by the authority and publication"), _("entry into force")]
        )
    if status is StatuteStatus.APPROVED:
        return f"{adopted}; " + _missing([_("entry into force")])
    return _("In effect: in force from {day}").format(day=format_date(version.in_force_from))


def _price_list_state(price_list: PriceList) -> str:
    if price_list.status == PriceListStatus.DRAFT.value:
        return _("Draft")
    return _("Published; applies from {day}").format(day=format_date(price_list.valid_from))


def _minutes_state(meeting: Meeting) -> str:
    if meeting.minutes_status == MinutesStatus.APPROVED.value:
        return _("Approved on {day}").format(day=format_date(meeting.minutes_approved_on))
    if meeting.minutes_status == MinutesStatus.SIGNED.value:
        return _("Signed, not yet approved")
    return _("Not yet signed")


def _statute_name(version: StatuteVersion) -> str:
    return _("Statute, version {number}").format(number=version.version_no)


def _price_list_name(price_list: PriceList) -> str:
    return _("Price list, version {number} ({title})").format(
        number=price_list.version_no, title=price_list.title
    )


def _minutes_name(meeting: Meeting) -> str:
    return _("Minutes of meeting {number} of {day}").format(
        number=meeting.number, day=format_date(meeting.held_on)
    )


def effect_state(
    session: Session, kind: EffectKind, target_id: int, applied_at: datetime | None
) -> tuple[str, str]:
    """The target of an effect, named, and its state (waiting, recorded, in effect)."""
    waiting = _("Takes effect once the resolution is adopted")
    if kind in (EffectKind.ACCESSION, EffectKind.EXIT):
        name, membership = _membership(session, target_id)
        if applied_at is None or membership is None:
            return name, waiting
        state = _accession_state if kind is EffectKind.ACCESSION else _exit_state
        return name, state(membership)
    if kind is EffectKind.STATUTE:
        version = session.get(StatuteVersion, target_id)
        if version is None:
            return _("(deleted)"), waiting
        return _statute_name(version), _statute_state(version) if applied_at else waiting
    if kind is EffectKind.PRICE_LIST:
        price_list = session.get(PriceList, target_id)
        if price_list is None:
            return _("(deleted)"), waiting
        state = _price_list_state(price_list) if applied_at else waiting
        return _price_list_name(price_list), state
    meeting = session.get(Meeting, target_id)
    if meeting is None:
        return _("(deleted)"), waiting
    return _minutes_name(meeting), _minutes_state(meeting) if applied_at else waiting


def effect_targets(
    db: Database, kind: EffectKind, meeting_id: int | None = None
) -> list[EffectTarget]:
    """What a resolution of this kind can be linked to now."""
    with db.sessions() as session:
        if kind in (EffectKind.ACCESSION, EffectKind.EXIT):
            stmt = select(Membership).options(selectinload(Membership.organisation))
            rows = []
            for m in session.scalars(stmt):
                if kind is EffectKind.ACCESSION:
                    wanted = m.member_from is None and m.assembly_resolution_on is None
                else:
                    wanted = (
                        m.member_from is not None
                        and m.member_until is None
                        and m.exit_resolution_on is None
                    )
                if wanted:
                    rows.append(EffectTarget(m.organisation_id, m.organisation.name))
            return sorted(rows, key=lambda t: t.label)
        if kind is EffectKind.STATUTE:
            versions = session.scalars(
                select(StatuteVersion)
                .where(StatuteVersion.status == StatuteStatus.DRAFT.value)
                .order_by(StatuteVersion.version_no)
            )
            return [EffectTarget(v.id, _statute_name(v)) for v in versions]
        if kind is EffectKind.PRICE_LIST:
            lists = session.scalars(
                select(PriceList)
                .where(PriceList.status == PriceListStatus.DRAFT.value)
                .order_by(PriceList.version_no)
            )
            return [EffectTarget(p.id, _price_list_name(p)) for p in lists]
        meetings = session.scalars(
            select(Meeting)
            .where(Meeting.minutes_status != MinutesStatus.APPROVED.value)
            .where(Meeting.id != (meeting_id or 0))
            .order_by(Meeting.held_on)
        )
        return [EffectTarget(m.id, _minutes_name(m)) for m in meetings]
