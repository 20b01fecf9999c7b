"""Read-only views of the statute: versions, sections, settings in force, live data on a date."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from zidkor_desktop.db.models import StatuteVersion
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import NotFound
from zidkor_desktop.domain.kinds import StatuteStatus
from zidkor_desktop.domain.statute import (
    OrdinaryMajority,
    QualifiedMajority,
    QuorumRule,
    SectionDraft,
    StatuteSettings,
    UnanimityRule,
    in_force_on,
    subsections,
)
from zidkor_desktop.domain.statute_text import LiveData, MemberShare, ServiceLine
from zidkor_desktop.domain.votes import capital_due
from zidkor_desktop.l10n import _
from zidkor_desktop.queries.members import list_members
from zidkor_desktop.queries.services import list_services


@dataclass(frozen=True)
class VersionRow:
    """One statute version with its steps, as listed and exported."""

    version_no: int
    title: str
    status: StatuteStatus
    based_on: int | None
    adopted_on: date | None
    adoption_ref: str
    approved_on: date | None
    approval_file_number: str
    published_on: date | None
    published_in: str
    in_force_from: date | None
    sections: int
    version: int
    """Optimistic-locking counter (for saving a draft)."""


@dataclass(frozen=True)
class SectionRow:
    """A section of a version as stored (placeholders unfilled)."""

    position: int
    number: str
    heading: str
    body: str

    @property
    def subsections(self) -> list[str]:
        """The subsections (Abs.) of the body."""
        return subsections(self.body)

    def draft(self) -> SectionDraft:
        """The section as the editor holds it."""
        return SectionDraft(self.number, self.heading, self.body)


@dataclass(frozen=True)
class SettingsInForce:
    """The statute settings on a date and the version they come from (None: the law's defaults)."""

    version_no: int | None
    settings: StatuteSettings


def find_version(session: Session, version_no: int) -> StatuteVersion:
    """The version with this number and its sections; NotFound with a German message otherwise."""
    found = session.scalar(
        select(StatuteVersion)
        .where(StatuteVersion.version_no == version_no)
        .options(selectinload(StatuteVersion.sections))
    )
    if found is None:
        raise NotFound(_("There is no statute version {number}.").format(number=version_no))
    return found


def in_force_starts(session: Session) -> list[tuple[int, date]]:
    """(version number, in force from) of every version put in force."""
    rows = session.execute(
        select(StatuteVersion.version_no, StatuteVersion.in_force_from).where(
            StatuteVersion.status == StatuteStatus.IN_FORCE.value
        )
    )
    return [(number, start) for number, start in rows if start is not None]


def version_in_force(session: Session, day: date) -> int | None:
    """Number of the version in force on `day`."""
    return in_force_on(in_force_starts(session), day)


def next_version_no(session: Session) -> int:
    """The number a new version gets."""
    return (session.scalar(select(func.max(StatuteVersion.version_no))) or 0) + 1


def settings_of(version: StatuteVersion) -> StatuteSettings:
    """The settings stored with a version."""
    return StatuteSettings(
        capital_per_vote=version.capital_per_vote,
        quorum_rule=QuorumRule(version.quorum_rule),
        second_invitation_reduced=version.second_invitation_reduced,
        excluded_reduce_base=version.excluded_reduce_base,
        ordinary_majority=OrdinaryMajority(version.ordinary_majority),
        amendment_majority=QualifiedMajority(version.amendment_majority),
        accession_majority=QualifiedMajority(version.accession_majority),
        task_change_majority=QualifiedMajority(version.task_change_majority),
        unanimity_rule=UnanimityRule(version.unanimity_rule),
        invitation_days=version.invitation_days,
    )


def settings_in_force(db: Database, day: date) -> SettingsInForce:
    """The settings of the version in force on `day`; the law's defaults if none is."""
    with db.sessions() as session:
        number = version_in_force(session, day)
        if number is None:
            return SettingsInForce(None, StatuteSettings())
        return SettingsInForce(number, settings_of(find_version(session, number)))


def version_settings(db: Database, version_no: int) -> StatuteSettings:
    """The settings stored with one version."""
    with db.sessions() as session:
        return settings_of(find_version(session, version_no))


def status_on(version: StatuteVersion, starts: list[tuple[int, date]], day: date) -> StatuteStatus:
    """A version's status on `day`: approved until its entry into force, superseded once a later
    version has entered into force."""
    status = StatuteStatus(version.status)
    start = version.in_force_from
    if status is not StatuteStatus.IN_FORCE or start is None:
        return status
    if start > day:
        return StatuteStatus.APPROVED
    if any(s > start and s <= day for n, s in starts if n != version.version_no):
        return StatuteStatus.SUPERSEDED
    return status


def _row(version: StatuteVersion, starts: list[tuple[int, date]], day: date) -> VersionRow:
    based_on = version.based_on_id
    return VersionRow(
        version_no=version.version_no,
        title=version.title,
        status=status_on(version, starts, day),
        based_on=based_on,
        adopted_on=version.adopted_on,
        adoption_ref=version.adoption_ref,
        approved_on=version.approved_on,
        approval_file_number=version.approval_file_number,
        published_on=version.published_on,
        published_in=version.published_in,
        in_force_from=version.in_force_from,
        sections=len(version.sections),
        version=version.version,
    )


def list_versions(db: Database, day: date) -> list[VersionRow]:
    """All versions by number, with their status on `day`."""
    with db.sessions() as session:
        starts = in_force_starts(session)
        versions = list(
            session.scalars(
                select(StatuteVersion)
                .options(selectinload(StatuteVersion.sections))
                .order_by(StatuteVersion.version_no)
            )
        )
        numbers = {v.id: v.version_no for v in versions}
        rows = [_row(v, starts, day) for v in versions]
    return [
        row if row.based_on is None else _with_based_on(row, numbers[row.based_on]) for row in rows
    ]


def _with_based_on(row: VersionRow, number: int) -> VersionRow:
    return replace(row, based_on=number)


def version_sections(db: Database, version_no: int) -> list[SectionRow]:
    """The sections of a version in their order."""
    with db.sessions() as session:
        return [
            SectionRow(s.position, s.number, s.heading, s.body)
            for s in find_version(session, version_no).sections
        ]


def live_data(db: Database, day: date, capital_per_vote: Decimal) -> LiveData:
    """Members with votes and capital share, and services with their operating city, on `day`."""
    members = tuple(
        MemberShare(r.name, r.votes, capital_due(r.votes, capital_per_vote))
        for r in list_members(db, day)
        if r.votes > 0
    )
    services = tuple(
        ServiceLine(r.name, r.operator) for r in list_services(db, day) if r.operator is not None
    )
    return LiveData(day, members, services, capital_per_vote)


def version_date(in_force_from: date | None, today: date) -> date:
    """The date whose data a version shows: its entry into force, else today."""
    return in_force_from or today
