"""Reading the audit log (Änderungsprotokoll): filtered lists, a member's history, chain check."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, and_, func, or_, select

from zidkor_desktop.db.audit_chain import GENESIS, entry_hash
from zidkor_desktop.db.models import AuditEntry, Membership, MembershipVotes
from zidkor_desktop.db.session import Database
from zidkor_desktop.l10n import N_, _

ENTITY_LABELS = {
    "agenda_item": N_("Agenda item"),
    "agreement": N_("Service agreement"),
    "agreement_item": N_("Agreement item"),
    "agreement_template_section": N_("Agreement text section"),
    "archived_document": N_("Archived document"),
    "association_settings": N_("Association settings"),
    "attendance": N_("Attendance"),
    "backup_record": N_("Backup"),
    "block_vote": N_("Block vote"),
    "conflict_exclusion": N_("Exclusion for conflict of interest"),
    "customer": N_("Customer"),
    "invoice": N_("Invoice"),
    "invoice_line": N_("Invoice line"),
    "meeting": N_("Meeting"),
    "membership": N_("Membership"),
    "membership_votes": N_("Votes"),
    "number_sequence": N_("Number range"),
    "organisation": N_("Organisation"),
    "payment": N_("Payment"),
    "population": N_("Population"),
    "price_item": N_("Price item"),
    "price_list": N_("Price list"),
    "service": N_("Service"),
    "service_operator": N_("Service operator"),
    "statute_section": N_("Statute section"),
    "statute_version": N_("Statute version"),
}
"""Names of the audited tables as the clerk knows them (the CLI keeps the table names)."""
ACTION_LABELS = {
    "create": N_("created"),
    "update": N_("changed"),
    "delete": N_("deleted"),
}


@dataclass(frozen=True)
class AuditRow:
    """One audit log entry as shown in lists and exports."""

    id: int
    at: datetime
    user: str
    host: str
    action: str
    entity: str
    entity_id: str
    field: str
    old_value: str | None
    new_value: str | None

    @property
    def local_time(self) -> str:
        """Time of the change in this computer's time zone, e.g. '2026-11-25 15:04:05'."""
        return self.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")

    @property
    def action_label(self) -> str:
        """Translated action ('angelegt', 'geändert', 'gelöscht')."""
        return _(ACTION_LABELS[self.action]) if self.action in ACTION_LABELS else self.action

    @property
    def entity_label(self) -> str:
        """Translated kind of record, or the table name for others."""
        return entity_label(self.entity)


@dataclass(frozen=True)
class AuditFilter:
    """Which entries to list; empty fields do not filter."""

    entity: str | None = None
    entity_id: str | None = None
    user: str | None = None
    since: date | None = None
    until: date | None = None
    records: Sequence[tuple[str, str]] = field(default_factory=tuple)
    """(entity, id) pairs; when given, only entries of these records."""


def _start_of(day: date) -> datetime:
    """Midnight of a local calendar day as an aware datetime."""
    return datetime.combine(day, time.min).astimezone()


def _filtered(query: Select[Any], wanted: AuditFilter) -> Select[Any]:
    if wanted.entity:
        query = query.where(AuditEntry.entity == wanted.entity)
    if wanted.entity_id:
        query = query.where(AuditEntry.entity_id == wanted.entity_id)
    if wanted.user:
        pattern = f"%{wanted.user.lower()}%"
        query = query.where(
            or_(
                func.lower(AuditEntry.user).like(pattern), func.lower(AuditEntry.host).like(pattern)
            )
        )
    if wanted.since:
        query = query.where(AuditEntry.at >= _start_of(wanted.since))
    if wanted.until:
        query = query.where(AuditEntry.at < _start_of(wanted.until + timedelta(days=1)))
    if wanted.records:
        query = query.where(
            or_(
                *(
                    and_(AuditEntry.entity == e, AuditEntry.entity_id == i)
                    for e, i in wanted.records
                )
            )
        )
    return query


def _row(entry: AuditEntry) -> AuditRow:
    return AuditRow(
        id=entry.id,
        at=entry.at,
        user=entry.user,
        host=entry.host,
        action=entry.action,
        entity=entry.entity,
        entity_id=entry.entity_id,
        field=entry.field,
        old_value=entry.old_value,
        new_value=entry.new_value,
    )


def list_entries(db: Database, wanted: AuditFilter | None = None) -> list[AuditRow]:
    """Entries matching a filter, oldest first."""
    query = _filtered(select(AuditEntry), wanted or AuditFilter()).order_by(AuditEntry.id)
    with db.sessions() as session:
        return [_row(e) for e in session.scalars(query)]


def users(db: Database) -> list[str]:
    """Accounts that appear in the log, for the user filter."""
    with db.sessions() as session:
        return list(session.scalars(select(AuditEntry.user).distinct().order_by(AuditEntry.user)))


def entities(db: Database) -> list[str]:
    """Kinds of record (table names) that appear in the log, for the record filter."""
    with db.sessions() as session:
        return list(session.scalars(select(AuditEntry.entity).distinct()))


def entity_label(entity: str) -> str:
    """Translated name of a kind of record, or the table name for unknown ones."""
    label = ENTITY_LABELS.get(entity)
    return _(label) if label else entity


def member_records(db: Database, organisation_id: int) -> list[tuple[str, str]]:
    """The records of a member: organisation, membership and its votes rows (also removed ones)."""
    records = [("organisation", str(organisation_id))]
    with db.sessions() as session:
        membership_id = session.scalar(
            select(Membership.id).where(Membership.organisation_id == organisation_id)
        )
        if membership_id is None:
            return records
        records.append(("membership", str(membership_id)))
        votes = set(
            session.scalars(
                select(MembershipVotes.id).where(MembershipVotes.membership_id == membership_id)
            )
        )
        marker = f"%'membership_id': '{membership_id}'%"
        logged = session.scalars(
            select(AuditEntry.entity_id).where(
                AuditEntry.entity == "membership_votes",
                or_(AuditEntry.new_value.like(marker), AuditEntry.old_value.like(marker)),
            )
        )
        ids = {str(v) for v in votes} | set(logged)
    return records + [("membership_votes", i) for i in sorted(ids, key=int)]


def member_history(db: Database, organisation_id: int) -> list[AuditRow]:
    """All changes of one member (organisation, membership, votes), oldest first."""
    return list_entries(db, AuditFilter(records=member_records(db, organisation_id)))


@dataclass(frozen=True)
class ChainCheck:
    """Result of recomputing the hash chain."""

    count: int
    last_hash: str
    broken: AuditRow | None = None
    missing_before: bool = False
    """True when the broken entry's stored predecessor hash does not match: entries before it
    were removed or changed."""


def check_chain(entries: Iterable[AuditEntry]) -> ChainCheck:
    """Recompute the chain over entries in id order; stops at the first broken entry."""
    previous = GENESIS
    count = 0
    for entry in entries:
        values = {key: getattr(entry, key) for key in _HASHED}
        if entry.prev_hash != previous:
            return ChainCheck(count, previous, _row(entry), missing_before=True)
        if entry_hash(values, previous) != entry.hash:
            return ChainCheck(count, previous, _row(entry))
        previous = entry.hash
        count += 1
    return ChainCheck(count, previous)


_HASHED = (
    "id",
    "at",
    "user",
    "host",
    "action",
    "entity",
    "entity_id",
    "field",
    "old_value",
    "new_value",
)


def verify_chain(db: Database) -> ChainCheck:
    """Recompute the whole audit chain of a database."""
    with db.sessions() as session:
        entries = session.scalars(
            select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=1000)
        )
        return check_chain(entries)
