"""Snapshots of statute versions for documents and comparisons: texts filled on their date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from zidkor_desktop.db.models import StatuteVersion
from zidkor_desktop.db.models.settings import AssociationSettings
from zidkor_desktop.db.session import Database
from zidkor_desktop.documents.statute import StatuteDocument, StatuteSectionDoc
from zidkor_desktop.documents.statute_amendment import AmendmentDocument
from zidkor_desktop.domain.errors import NotFound
from zidkor_desktop.domain.kinds import StatuteStatus
from zidkor_desktop.domain.statute import subsections
from zidkor_desktop.domain.statute_amendment import VersionInfo, amendment
from zidkor_desktop.domain.statute_compare import SectionChange, SectionText, compare_sections
from zidkor_desktop.domain.statute_text import LiveData, resolve, resolved_text
from zidkor_desktop.l10n import _, format_date
from zidkor_desktop.queries.statute import find_version, live_data, version_date, version_in_force


@dataclass(frozen=True)
class VersionText:
    """A version's sections with their text filled from the data of its date."""

    version_no: int
    title: str
    as_of: date
    in_force_from: date | None
    sections: list[SectionText]


def version_text(version: StatuteVersion, today: date) -> str:
    """'Version 2, in force from 01.01.2027', or the stage a version has reached."""
    number = version.version_no
    status = StatuteStatus(version.status)
    if status is StatuteStatus.IN_FORCE and version.in_force_from is not None:
        return _("Version {version}, in force from {date}").format(
            version=number, date=format_date(version.in_force_from)
        )
    if status is StatuteStatus.APPROVED and version.approved_on is not None:
        return _("Version {version}, approved on {date}").format(
            version=number, date=format_date(version.approved_on)
        )
    if status is StatuteStatus.ADOPTED and version.adopted_on is not None:
        return _("Version {version}, adopted on {date}").format(
            version=number, date=format_date(version.adopted_on)
        )
    return _("Version {version} (draft), as of {date}").format(
        version=number, date=format_date(today)
    )


def _steps(version: StatuteVersion) -> list[str]:
    lines = []
    if version.adopted_on is not None:
        lines.append(
            _("Adopted by the assembly on {date} ({reference}).").format(
                date=format_date(version.adopted_on), reference=version.adoption_ref
            )
        )
    if version.approved_on is not None:
        lines.append(
            _("Approved by the supervisory authority on {date}, file number {file}.").format(
                date=format_date(version.approved_on), file=version.approval_file_number
            )
        )
    if version.published_on is not None:
        lines.append(
            _("Published on {date} in {place}.").format(
                date=format_date(version.published_on), place=version.published_in
            )
        )
    if version.in_force_from is not None:
        lines.append(_("In force from {date}.").format(date=format_date(version.in_force_from)))
    return lines


def _pick(db: Database, version_no: int | None, today: date) -> int:
    if version_no is not None:
        return version_no
    with db.sessions() as session:
        number = version_in_force(session, today)
    if number is None:
        raise NotFound(_("No statute is in force today; please name the version."))
    return number


def _load(db: Database, version_no: int) -> StatuteVersion:
    with db.sessions() as session:
        return find_version(session, version_no)  # sections loaded eagerly, session may close


def _live(db: Database, version: StatuteVersion, today: date, as_of: date | None) -> LiveData:
    day = as_of or version_date(version.in_force_from, today)
    return live_data(db, day, version.capital_per_vote)


def statute_document(
    db: Database,
    version_no: int | None,
    today: date,
    as_of: date | None = None,
    printed_on: date | None = None,
) -> StatuteDocument:
    """The statute of a version (default: in force today) with the data of its date filled in.

    The date is `as_of`, else the version's entry into force, else today.
    """
    version = _load(db, _pick(db, version_no, today))
    live = _live(db, version, today, as_of)
    with db.sessions() as session:
        settings = session.scalars(select(AssociationSettings)).first()
    short_name = settings.short_name if settings is not None else ""
    return StatuteDocument(
        short_name=short_name,
        title=version.title,
        version_no=version.version_no,
        version_text=version_text(version, today),
        as_of=live.as_of,
        sections=[
            StatuteSectionDoc(
                s.number, s.heading, [resolve(part, live) for part in subsections(s.body)]
            )
            for s in version.sections
        ],
        steps=_steps(version),
        printed_on=printed_on or today,
    )


def filled_version(
    db: Database, version_no: int, today: date, as_of: date | None = None
) -> VersionText:
    """A version's sections as plain text, placeholders filled on its date (for comparisons)."""
    version = _load(db, version_no)
    live = _live(db, version, today, as_of)
    return VersionText(
        version_no=version.version_no,
        title=version.title,
        as_of=live.as_of,
        in_force_from=version.in_force_from,
        sections=[
            SectionText(
                s.number, s.heading, tuple(resolved_text(p, live) for p in subsections(s.body))
            )
            for s in version.sections
        ],
    )


def version_info(db: Database, version_no: int, today: date) -> VersionInfo:
    """A version with its filled text, as the amendment statute needs it."""
    filled = filled_version(db, version_no, today)
    version = _load(db, version_no)
    return VersionInfo(
        version_no=filled.version_no,
        title=filled.title,
        adopted_on=version.adopted_on,
        in_force_from=version.in_force_from,
        sections=tuple(filled.sections),
    )


def compare_versions(db: Database, old_no: int, new_no: int, today: date) -> list[SectionChange]:
    """Changed, added and removed sections between two versions, each filled on its date."""
    old = filled_version(db, old_no, today)
    new = filled_version(db, new_no, today)
    return compare_sections(old.sections, new.sections)


def amendment_document(
    db: Database, old_no: int, new_no: int, today: date, printed_on: date | None = None
) -> AmendmentDocument:
    """The amendment statute turning version `old_no` into `new_no`, ready to print."""
    text = amendment(version_info(db, old_no, today), version_info(db, new_no, today))
    with db.sessions() as session:
        settings = session.scalars(select(AssociationSettings)).first()
    return AmendmentDocument(
        short_name=settings.short_name if settings is not None else "",
        old_version=old_no,
        new_version=new_no,
        amendment=text,
        printed_on=printed_on or today,
    )
