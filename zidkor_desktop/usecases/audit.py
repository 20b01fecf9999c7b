"""Änderungsprotokoll export: the shown entries as CSV for Excel (semicolons, UTF-8 with BOM)."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path

from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.spreadsheet import csv_safe
from zidkor_desktop.l10n import N_, _
from zidkor_desktop.queries.audit import AuditRow, verify_chain

CSV_HEADERS = (
    N_("No."),
    N_("Time"),
    N_("User"),
    N_("Computer"),
    N_("Action"),
    N_("Record"),
    N_("Record no."),
    N_("Field"),
    N_("Old value"),
    N_("New value"),
)


def audit_csv(rows: Sequence[AuditRow]) -> bytes:
    """Entries as CSV bytes: header line, one line per entry, formula starts defused."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_safe(_(h)) for h in CSV_HEADERS])
    for row in rows:
        cells = [
            row.local_time,
            row.user,
            row.host,
            row.action_label,
            row.entity_label,
            row.entity_id,
            row.field,
            row.old_value or "",
            row.new_value or "",
        ]
        writer.writerow([str(row.id), *(csv_safe(c) for c in cells)])
    return buffer.getvalue().encode("utf-8-sig")


def save_audit_csv(rows: Sequence[AuditRow], target: Path) -> Path:
    """Write entries to a CSV file (replacing it atomically); returns the path written."""
    target = target.expanduser()
    staged = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        staged.write_bytes(audit_csv(rows))
        os.replace(staged, target)
    except OSError as exc:
        staged.unlink(missing_ok=True)
        raise DomainError(
            _("The audit log could not be saved to {path}: {error}").format(
                path=target, error=exc.strerror or exc
            )
        ) from exc
    return target


def check_audit_log(db: Database) -> tuple[bool, str]:
    """Recompute the hash chain; returns (intact, message naming the count or the broken entry)."""
    result = verify_chain(db)
    broken = result.broken
    if broken is None:
        return True, "\n".join(
            (
                _("The audit log is intact: {count} entries checked.").format(count=result.count),
                _("Hash of the last entry (note it to detect a removed end later): {hash}").format(
                    hash=result.last_hash
                ),
            )
        )
    if result.missing_before:
        message = _(
            "The audit log was changed: entries before entry no. {id} of {time} are missing "
            "or were changed ({count} entries before it are intact)."
        )
    else:
        message = _(
            "The audit log was changed: entry no. {id} of {time} does not match its hash "
            "({count} entries before it are intact)."
        )
    return False, message.format(id=broken.id, time=broken.local_time, count=result.count)
