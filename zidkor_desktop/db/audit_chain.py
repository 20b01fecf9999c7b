"""Hash chain of the audit log: a canonical serialisation of each entry, chained by SHA-256.

Format version 1 (frozen: migration 0003 hashes existing rows with it, ``audit verify`` checks
with it). Each hash covers the entry's id, time (UTC, ISO 8601 with microseconds), user,
computer, action, record, field, old and new value, and the previous entry's hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
"""The "previous hash" of the first entry."""
FORMAT = "zidkor-audit-v1"
FIELDS = ("id", "at", "user", "host", "action", "entity", "entity_id", "field")
VALUES = ("old_value", "new_value")


def _time(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(entry: Mapping[str, Any], prev_hash: str) -> bytes:
    """The bytes an entry's hash is computed over (JSON array, UTF-8, no spacing)."""
    parts: list[Any] = [FORMAT]
    for key in FIELDS:
        value = entry[key]
        parts.append(_time(value) if key == "at" else (int(value) if key == "id" else str(value)))
    parts.extend(entry[key] for key in VALUES)
    parts.append(prev_hash)
    return json.dumps(parts, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def entry_hash(entry: Mapping[str, Any], prev_hash: str) -> str:
    """SHA-256 (hex) of an entry chained to the previous entry's hash."""
    return hashlib.sha256(canonical(entry, prev_hash)).hexdigest()
