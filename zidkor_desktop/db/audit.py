"""Automatic audit trail: every insert, update and delete of a model is logged in the same flush."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, sessionmaker

from zidkor_desktop.db.base import utcnow
from zidkor_desktop.db.models.audit import AuditEntry

_SKIPPED_FIELDS = {"version", "updated_at"}
WRITE_SESSION = "serialised_write"
"""Session info key set by ``Database.write()``; a flush elsewhere is a programming error."""
_BINARY_MARK = "<binär>"  # followed by size and checksum, so replacing a file is logged


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        digest = hashlib.sha256(value).hexdigest()[:16]
        return f"{_BINARY_MARK} {len(value)} Bytes, SHA-256 {digest}…"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _identity(obj: Any) -> str:
    identity = inspect(obj).identity
    if identity:
        return ",".join(str(part) for part in identity)
    return str(getattr(obj, "id", "") or "")


def _column_fields(obj: Any) -> list[str]:
    mapper = inspect(obj).mapper
    return [attr.key for attr in mapper.column_attrs if attr.key not in _SKIPPED_FIELDS]


def _entries_for_update(obj: Any, user: str) -> list[AuditEntry]:
    state = inspect(obj)
    entries = []
    for key in _column_fields(obj):
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if _text(old) == _text(new):
            continue
        entries.append(
            AuditEntry(
                at=utcnow(),
                user=user,
                action="update",
                entity=obj.__tablename__,
                entity_id=_identity(obj),
                field=key,
                old_value=_text(old),
                new_value=_text(new),
            )
        )
    return entries


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    if not session.info.get(WRITE_SESSION):
        raise RuntimeError("changes must be written inside Database.write() (serialised)")
    user = str(session.info.get("user", "unbekannt"))
    pending_new = [obj for obj in session.new if not isinstance(obj, AuditEntry)]
    session.info.setdefault("_audit_new", []).extend(pending_new)
    for obj in session.dirty:
        if isinstance(obj, AuditEntry) or not session.is_modified(obj, include_collections=False):
            continue
        session.add_all(_entries_for_update(obj, user))
    for obj in session.deleted:
        if isinstance(obj, AuditEntry):
            continue
        snapshot = {k: _text(getattr(obj, k)) for k in _column_fields(obj)}
        session.add(
            AuditEntry(
                at=utcnow(),
                user=user,
                action="delete",
                entity=obj.__tablename__,
                entity_id=_identity(obj),
                field="",
                old_value=repr(snapshot),
                new_value=None,
            )
        )


def _after_flush(session: Session, _context: Any) -> None:
    """Log created records once their primary keys are known."""
    created = session.info.pop("_audit_new", [])
    if not created:
        return
    user = str(session.info.get("user", "unbekannt"))
    rows = []
    for obj in created:
        values = {k: _text(getattr(obj, k)) for k in _column_fields(obj)}
        rows.append(
            {
                "at": utcnow(),
                "user": user,
                "action": "create",
                "entity": obj.__tablename__,
                "entity_id": _identity(obj),
                "field": "",
                "old_value": None,
                "new_value": repr({k: v for k, v in values.items() if v not in (None, "")}),
            }
        )
    session.execute(AuditEntry.__table__.insert(), rows)


def install(factory: sessionmaker[Session]) -> None:
    """Attach the audit listeners to all sessions made by a factory."""
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush", _after_flush)
