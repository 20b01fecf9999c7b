"""Änderungsprotokoll export: the shown entries as CSV for Excel (semicolons, UTF-8 with BOM)."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path

from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.spreadsheet import csv_safe
from zidkor_desktop.l10n import N_, _
from zidkor_desktop.queries.audit import AuditRow

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
