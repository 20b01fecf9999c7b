"""Statute versions: default statute, new amendment, editing a draft, steps to entry into force.

Every call is one serialised write transaction (`db.write()`); only drafts can be changed, which
the database refuses too (triggers of migration 0006). ORM changes are audited automatically.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from zidkor_desktop.db.base import utcnow
from zidkor_desktop.db.models import StatuteSection, StatuteVersion
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import ConcurrentChange, NotFound, RuleViolation
from zidkor_desktop.domain.kinds import StatuteStatus
from zidkor_desktop.domain.money import to_money
from zidkor_desktop.domain.statute import (
    SETTING_FIELDS,
    SectionDraft,
    StatuteSettings,
    check_adoption,
    check_approval,
    check_entry_into_force,
    check_sections,
    check_settings,
    check_title,
)
from zidkor_desktop.domain.statute_default import TITLE, default_sections
from zidkor_desktop.l10n import _
from zidkor_desktop.queries.statute import (
    find_version,
    in_force_starts,
    next_version_no,
    version_in_force,
)
from zidkor_desktop.usecases.errors import translated_db_errors


@dataclass(frozen=True)
class Approval:
    """The authority's approval and the public notice of a version."""

    approved_on: date | None
    file_number: str
    published_on: date | None
    published_in: str


def _expect(version: StatuteVersion, status: StatuteStatus, message: str) -> None:
    if version.status != status.value:
        raise RuleViolation(message.format(number=version.version_no))


def _draft(session: Session, version_no: int) -> StatuteVersion:
    version = find_version(session, version_no)
    _expect(
        version,
        StatuteStatus.DRAFT,
        _("Version {number} of the statute is adopted and can no longer be changed."),
    )
    return version


def _check_lock(version: StatuteVersion, loaded_version: int) -> None:
    if version.version != loaded_version:
        raise ConcurrentChange(
            _("Version {number} of the statute was changed meanwhile; please reload it.").format(
                number=version.version_no
            )
        )


def _fill_sections(version: StatuteVersion, sections: Sequence[SectionDraft]) -> None:
    for position, section in enumerate(sections, start=1):
        version.sections.append(
            StatuteSection(
                position=position, number=section.number, heading=section.heading, body=section.body
            )
        )


def _apply_settings(version: StatuteVersion, settings: StatuteSettings) -> None:
    for name in SETTING_FIELDS:
        value = getattr(settings, name)
        setattr(version, name, to_money(value) if name == "capital_per_vote" else value)


def add_default_statute(session: Session) -> StatuteVersion:
    """Add the default statute as a draft (inside a write transaction)."""
    if session.scalar(select(StatuteVersion.id).limit(1)) is not None:
        raise RuleViolation(
            _("The database already holds a statute; the default statute was not added.")
        )
    version = StatuteVersion(
        version_no=1, title=TITLE, status=StatuteStatus.DRAFT.value, adoption_ref=""
    )
    _apply_settings(version, StatuteSettings())
    _fill_sections(version, check_sections(default_sections()))
    session.add(version)
    session.flush()
    return version


def create_default_statute(db: Database) -> int:
    """Add the program's default statute as draft version 1 to a database that has none."""
    with translated_db_errors(), db.write() as session:
        return add_default_statute(session).version_no


def add_amendment(
    session: Session, source_no: int, sections: Sequence[SectionDraft] | None = None
) -> StatuteVersion:
    """Copy version `source_no` into a new draft (inside a write transaction).

    `sections` replaces the copied sections (checked), e.g. for a prepared amendment.
    """
    source = find_version(session, source_no)
    draft = StatuteVersion(
        version_no=next_version_no(session),
        title=source.title,
        status=StatuteStatus.DRAFT.value,
        based_on_id=source.id,
        adoption_ref="",
    )
    for name in SETTING_FIELDS:
        setattr(draft, name, getattr(source, name))
    if sections is None:
        sections = [SectionDraft(s.number, s.heading, s.body) for s in source.sections]
    else:
        sections = check_sections(sections)
    _fill_sections(draft, sections)
    session.add(draft)
    session.flush()
    return draft


def new_amendment(db: Database, today: date, source_no: int | None = None) -> int:
    """Copy the version in force today (or `source_no`) into a new draft; returns its number."""
    with translated_db_errors(), db.write() as session:
        if source_no is None:
            source_no = version_in_force(session, today)
        if source_no is None:
            raise NotFound(_("No statute is in force today; please name the version to copy."))
        return add_amendment(session, source_no).version_no


def replace_sections(
    session: Session, version: StatuteVersion, sections: Sequence[SectionDraft]
) -> None:
    """Put checked `sections` in place of a draft's sections (inside a write transaction)."""
    version.sections.clear()
    session.flush()  # old positions gone before the new rows arrive (unique per version)
    _fill_sections(version, check_sections(sections))
    version.updated_at = utcnow()  # counts the version up even if only sections changed
    session.flush()


def save_sections(
    db: Database, version_no: int, sections: Sequence[SectionDraft], loaded_version: int
) -> int:
    """Replace a draft's sections (added, changed, removed, reordered) at once; new lock counter."""
    checked = check_sections(sections)
    with translated_db_errors(), db.write() as session:
        version = _draft(session, version_no)
        _check_lock(version, loaded_version)
        replace_sections(session, version, checked)
        return version.version


def save_settings(
    db: Database, version_no: int, title: str, settings: StatuteSettings, loaded_version: int
) -> int:
    """Store a draft's title and settings; returns the new lock counter."""
    check_settings(settings)
    title = check_title(title)
    with translated_db_errors(), db.write() as session:
        version = _draft(session, version_no)
        _check_lock(version, loaded_version)
        version.title = title
        _apply_settings(version, settings)
        version.updated_at = utcnow()
        session.flush()
        return version.version


def delete_draft(db: Database, version_no: int) -> None:
    """Delete a draft with its sections (the caller has asked for confirmation)."""
    with translated_db_errors(), db.write() as session:
        draft = _draft(session, version_no)
        copy = session.scalar(
            select(StatuteVersion.version_no).where(StatuteVersion.based_on_id == draft.id)
        )
        if copy is not None:
            raise RuleViolation(
                _(
                    "Version {number} of the statute cannot be deleted: version {copy} was "
                    "copied from it."
                ).format(number=version_no, copy=copy)
            )
        session.delete(draft)
        session.flush()


def adopt_in(
    session: Session, version_no: int, adopted_on: date, resolution: str, today: date
) -> None:
    """Record the assembly's adoption of a draft (inside a write transaction)."""
    version = _draft(session, version_no)
    check_adoption(adopted_on, resolution, today)
    if not version.sections:
        raise RuleViolation(_("Version {number} of the statute has no sections.").format(
            number=version_no))  # fmt: skip
    version.status = StatuteStatus.ADOPTED.value
    version.adopted_on = adopted_on
    version.adoption_ref = resolution.strip()
    session.flush()


def adopt(db: Database, version_no: int, adopted_on: date, resolution: str, today: date) -> None:
    """The assembly adopted the draft on `adopted_on` by the resolution `resolution`."""
    with translated_db_errors(), db.write() as session:
        adopt_in(session, version_no, adopted_on, resolution, today)


def approve_in(session: Session, version_no: int, approval: Approval, today: date) -> None:
    """Record the authority's approval and the publication (inside a write transaction)."""
    version = find_version(session, version_no)
    _expect(
        version,
        StatuteStatus.ADOPTED,
        _("Version {number} of the statute must be adopted by the assembly, and not yet "
          "approved, before the approval can be recorded."),
    )  # fmt: skip
    assert version.adopted_on is not None
    check_approval(
        version.adopted_on,
        approval.approved_on,
        approval.file_number,
        approval.published_on,
        approval.published_in,
        today,
    )
    version.status = StatuteStatus.APPROVED.value
    version.approved_on = approval.approved_on
    version.approval_file_number = approval.file_number.strip()
    version.published_on = approval.published_on
    version.published_in = approval.published_in.strip()
    session.flush()


def approve(db: Database, version_no: int, approval: Approval, today: date) -> None:
    """The supervisory authority approved the version, and it was published."""
    with translated_db_errors(), db.write() as session:
        approve_in(session, version_no, approval, today)


def put_in_force_in(session: Session, version_no: int, in_force_from: date) -> None:
    """Record the first day in force (inside a write transaction)."""
    version = find_version(session, version_no)
    _expect(
        version,
        StatuteStatus.APPROVED,
        _("Version {number} of the statute must be approved and published before it can "
          "enter into force."),
    )  # fmt: skip
    assert version.published_on is not None
    starts = in_force_starts(session)
    check_entry_into_force(version.published_on, in_force_from, starts)
    _check_basis(session, version, starts)
    version.status = StatuteStatus.IN_FORCE.value
    version.in_force_from = in_force_from
    session.flush()


def _check_basis(session: Session, version: StatuteVersion, starts: list[tuple[int, date]]) -> None:
    """An amendment replaces the newest version in force, the one it was drafted from."""
    if not starts or version.based_on_id is None:
        return
    newest = max(starts, key=lambda s: s[1])[0]
    basis = session.scalar(
        select(StatuteVersion.version_no).where(StatuteVersion.id == version.based_on_id)
    )
    if basis != newest:
        raise RuleViolation(
            _(
                "Version {number} was drafted from version {basis}, but version {newest} has "
                "entered into force since; start a new amendment from version {newest}."
            ).format(number=version.version_no, basis=basis, newest=newest)
        )


def put_in_force(db: Database, version_no: int, in_force_from: date) -> None:
    """The version is in force from `in_force_from` (replacing the one before from then on)."""
    with translated_db_errors(), db.write() as session:
        put_in_force_in(session, version_no, in_force_from)
