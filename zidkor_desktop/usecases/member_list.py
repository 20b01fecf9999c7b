"""Members list as PDF: take the snapshot from the database, render it, write it atomically."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from zidkor_desktop.db.session import Database
from zidkor_desktop.documents.member_list import (
    MemberListGroup,
    MemberListRow,
    MemberListSnapshot,
    render_member_list,
)
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.kinds import MembershipStatus
from zidkor_desktop.l10n import _
from zidkor_desktop.queries.members import list_members
from zidkor_desktop.usecases.document_files import write_atomically
from zidkor_desktop.usecases.errors import translate
from zidkor_desktop.usecases.member_groups import member_groups, votes_text
from zidkor_desktop.usecases.settings import get_settings


def member_list_snapshot(db: Database, day: date) -> MemberListSnapshot:
    """Members and applicants on `day` (former members left out) with the totals."""
    settings = get_settings(db)
    rows = [r for r in list_members(db, day) if r.status is not MembershipStatus.LEFT]
    return MemberListSnapshot(
        association_name=settings.name,
        short_name=settings.short_name,
        as_of=day,
        groups=[
            MemberListGroup(
                label=group.label,
                rows=[
                    MemberListRow(
                        name=r.name,
                        kind_label=r.kind.label,
                        status_label=r.status.label,
                        votes=votes_text(r.votes),
                        capital_due=r.capital_due,
                        capital_paid=r.capital_paid,
                    )
                    for r in group.rows
                ],
                votes=group.votes,
                capital_due=group.capital_due,
                capital_paid=group.capital_paid,
                balance=group.balance,
            )
            for group in member_groups(rows)
        ],
    )


def member_list_pdf(db: Database, day: date) -> bytes:
    """The members list on `day` as PDF bytes."""
    return render_member_list(member_list_snapshot(db, day))


def save_member_list_pdf(db: Database, day: date, target: Path) -> Path:
    """Write the members list to `target` (replacing it atomically); returns the path written."""
    data = member_list_pdf(db, day)
    try:
        return write_atomically(data, target)
    except OSError as exc:
        raise DomainError(
            _("The members list could not be saved to {path}: {error}").format(
                path=target, error=translate(exc, path=target)
            )
        ) from exc
