"""Automatic audit trail: every insert, update and delete of a model is logged in the same flush.

Updates are taken from the attribute history before the flush; deletes from the mapper's
``before_delete`` event, so rows removed by a cascade during the flush (a replaced votes entry
dropped by delete-orphan) are logged too; inserts after the flush, when their keys are known.
All entries of a flush are then written at once, each hashed and chained to the previous entry
(the write lock of ``Database.write()`` serialises reading the last hash and inserting).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, event, func, inspect, select, text
from sqlalchemy.orm import Mapper, Session, object_session, sessionmaker

from zidkor_desktop.db.audit_chain import GENESIS, entry_hash
from zidkor_desktop.db.base import Base, utcnow
from zidkor_desktop.db.models.audit import AuditEntry

_SKIPPED_FIELDS = {"version", "updated_at"}
WRITE_SESSION = "serialised_write"
"""Session info key set by ``Database.write()``; a flush elsewhere is a programming error."""
_BINARY_MARK = "<binär>"  # followed by size and checksum, so replacing a file is logged
_PENDING = "_audit_pending"
_CREATED = "_audit_new"


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
    state = inspect(obj)
    identity = state.identity or state.mapper.primary_key_from_instance(obj)
    if identity and all(part is not None for part in identity):
        return ",".join(str(part) for part in identity)
    return str(getattr(obj, "id", "") or "")


def _column_fields(obj: Any) -> list[str]:
    mapper = inspect(obj).mapper
    return [attr.key for attr in mapper.column_attrs if attr.key not in _SKIPPED_FIELDS]


def _snapshot(obj: Any) -> dict[str, str | None]:
    """Column values of a record as text (loaded values only, no query during the flush)."""
    loaded = inspect(obj).dict
    return {k: _text(loaded[k]) for k in _column_fields(obj) if k in loaded}


def _queue(session: Session, **values: Any) -> None:
    session.info.setdefault(_PENDING, []).append({"at": utcnow(), **values})


def record(
    session: Session,
    action: str,
    entity: str,
    entity_id: str,
    *,
    field: str = "",
    old_value: str | None = None,
    new_value: str | None = None,
) -> None:
    """Log an event that is no model change (e.g. a restore) now, inside the write transaction."""
    if not session.info.get(WRITE_SESSION):
        raise RuntimeError("audit entries must be written inside Database.write() (serialised)")
    session.flush()  # pending changes come first in the chain
    _append(
        session,
        [
            {
                "at": utcnow(),
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "field": field,
                "old_value": old_value,
                "new_value": new_value,
            }
        ],
    )


def _queue_updates(session: Session, obj: Any) -> None:
    state = inspect(obj)
    for key in _column_fields(obj):
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        old = _text(history.deleted[0] if history.deleted else None)
        new = _text(history.added[0] if history.added else None)
        if old != new:
            _queue(
                session,
                action="update",
                entity=obj.__tablename__,
                entity_id=_identity(obj),
                field=key,
                old_value=old,
                new_value=new,
            )


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    if not session.info.get(WRITE_SESSION):
        raise RuntimeError("changes must be written inside Database.write() (serialised)")
    by_hand = [obj for obj in session.new if isinstance(obj, AuditEntry)]
    for obj in by_hand:  # added as objects: written into the chain like every other entry
        session.expunge(obj)
    _append(
        session,
        [
            {
                "at": utcnow(),  # the time of writing, so the chain stays in order
                "action": obj.action,
                "entity": obj.entity,
                "entity_id": obj.entity_id,
                "field": obj.field or "",
                "old_value": obj.old_value,
                "new_value": obj.new_value,
            }
            for obj in by_hand
        ],
    )
    session.info.setdefault(_CREATED, []).extend(session.new)
    for obj in session.dirty:
        if isinstance(obj, AuditEntry) or not session.is_modified(obj, include_collections=False):
            continue
        _queue_updates(session, obj)


def _before_delete(_mapper: Mapper[Any], _connection: Connection, target: Any) -> None:
    """Log every deleted row, including those a cascade removes during the flush."""
    session = object_session(target)
    if session is None or isinstance(target, AuditEntry):
        return
    _queue(
        session,
        action="delete",
        entity=target.__tablename__,
        entity_id=_identity(target),
        field="",
        old_value=repr(_snapshot(target)),
        new_value=None,
    )


def _next_ids(connection: Connection, count: int) -> list[int]:
    """Ids for new entries, known before the insert because the hash covers them."""
    if connection.dialect.name == "postgresql":
        query = text(
            "SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) "
            "FROM generate_series(1, :count)"
        )
        return sorted(int(v) for v in connection.execute(query, {"count": count}).scalars())
    last = connection.execute(select(func.max(AuditEntry.id))).scalar() or 0
    return list(range(last + 1, last + 1 + count))


def last_hash(connection: Connection) -> str:
    """Hash of the newest entry (the chain's tip), or the genesis value of an empty log."""
    query = select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)
    return connection.execute(query).scalar() or GENESIS


def _after_flush(session: Session, _context: Any) -> None:
    """Log created records, then write all entries of this flush to the chain."""
    created = session.info.pop(_CREATED, [])
    rows = [
        {
            "at": utcnow(),
            "action": "create",
            "entity": obj.__tablename__,
            "entity_id": _identity(obj),
            "field": "",
            "old_value": None,
            "new_value": repr(
                {k: v for k, v in _created_values(obj).items() if v not in (None, "")}
            ),
        }
        for obj in created
        if not isinstance(obj, AuditEntry)
    ]
    _append(session, session.info.pop(_PENDING, []) + rows)


def _append(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert entries at the end of the chain, each hashed over its fields and its predecessor."""
    if not rows:
        return
    connection = session.connection()
    user = str(session.info.get("user", "unbekannt"))
    host = str(session.info.get("host", ""))
    previous = last_hash(connection)
    for row, new_id in zip(rows, _next_ids(connection, len(rows)), strict=True):
        row.update(id=new_id, user=user, host=host, prev_hash=previous)
        row["hash"] = previous = entry_hash(row, previous)
    connection.execute(AuditEntry.__table__.insert(), rows)  # no autoflush in between


def _created_values(obj: Any) -> dict[str, str | None]:
    return {k: _text(getattr(obj, k)) for k in _column_fields(obj)}


def install(factory: sessionmaker[Session]) -> None:
    """Attach the audit listeners to all sessions made by a factory."""
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush", _after_flush)


event.listen(Base, "before_delete", _before_delete, propagate=True)
