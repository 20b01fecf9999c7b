"""A member's accession record (Beitrittsübersicht): snapshot, PDF bytes, file."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from zidkor_desktop.db.session import Database
from zidkor_desktop.documents.accession_record import (
    AccessionSnapshot,
    StepLine,
    render_accession_record,
)
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.membership import status_on, votes_valid_on
from zidkor_desktop.domain.membership_steps import ORDER, next_step
from zidkor_desktop.domain.votes import capital_due
from zidkor_desktop.l10n import _
from zidkor_desktop.queries.members import capital_rates
from zidkor_desktop.usecases.document_files import write_atomically
from zidkor_desktop.usecases.errors import translate
from zidkor_desktop.usecases.members import get_member
from zidkor_desktop.usecases.settings import get_settings


def accession_snapshot(db: Database, organisation_id: int, day: date) -> AccessionSnapshot:
    """The member's steps, votes and capital contribution as of `day`."""
    record = get_member(db, organisation_id, day)
    data = record.data
    dates = data.dates
    settings = get_settings(db)
    start = data.member_from or day
    with db.sessions() as session:
        rates = capital_rates(session)
    per_vote = rates.on(start)
    number = rates.version_on(start)
    basis = (
        _("statute version {number}").format(number=number)
        if number is not None
        else _("association settings")
    )
    votes = votes_valid_on(record.votes_history, start)
    coming = next_step(dates)
    address = ", ".join(p for p in (data.street, f"{data.postcode} {data.city}".strip()) if p)
    references = {
        "council_resolution_ref": data.council_resolution_ref,
        "authority_file_number": data.authority_file_number,
    }
    return AccessionSnapshot(
        association_name=settings.name,
        short_name=settings.short_name,
        member_name=data.name,
        address=address,
        kind_label=data.kind.label,
        municipal=data.is_municipal_body,
        status_label=status_on(dates, day).label,
        as_of=day,
        steps=[
            StepLine(
                step.label,
                getattr(dates, step.value),
                references.get(step.reference_field or "", ""),
            )
            for step in ORDER
        ],
        next_step=coming.label if coming is not None else "–",
        votes_history=sorted(record.votes_history),
        votes=votes,
        capital_per_vote=per_vote,
        capital_basis=basis,
        capital_due=capital_due(votes, per_vote),
        capital_paid=data.capital_paid,
        capital_paid_on=data.capital_paid_on,
        capital_payer=data.capital_payer,
    )


def accession_record_pdf(db: Database, organisation_id: int, day: date) -> bytes:
    """The accession record as PDF bytes."""
    return render_accession_record(accession_snapshot(db, organisation_id, day))


def accession_file_name(name: str, day: date) -> str:
    """'Beitrittsuebersicht-Stadt-Worms-2026-11-25.pdf' style name, safe on every system."""
    safe = re.sub(r"[^\w-]+", "-", name, flags=re.UNICODE).strip("-")
    return f"Beitrittsuebersicht-{safe}-{day.isoformat()}.pdf"


def save_accession_record(db: Database, organisation_id: int, day: date, target: Path) -> Path:
    """Write the accession record to `target` atomically; returns the path written."""
    data = accession_record_pdf(db, organisation_id, day)
    try:
        return write_atomically(data, target)
    except OSError as exc:
        raise DomainError(
            _("The accession record could not be saved to {path}: {error}").format(
                path=target, error=translate(exc, path=target)
            )
        ) from exc
