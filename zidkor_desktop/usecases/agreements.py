"""Agreements: draft, approval and announcement, status steps, quantities from a date."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from zidkor_desktop.db.models import Agreement, AgreementItem, Customer, PriceItem, Service
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.agreements import (
    QuantityPeriod,
    check_activation,
    check_end,
    check_notice,
    plan_quantity,
)
from zidkor_desktop.domain.errors import NotFound, RuleViolation, ValidationError
from zidkor_desktop.domain.kinds import AgreementStatus, BillingRhythm
from zidkor_desktop.domain.text import check_text
from zidkor_desktop.l10n import N_, _
from zidkor_desktop.queries.agreements import (
    is_member_on,
    load_agreement,
    member_check_day,
    periods_of,
)
from zidkor_desktop.usecases.errors import translated_db_errors


@dataclass
class AgreementInput:
    """Everything the agreement dialog edits (items are changed with set_quantity)."""

    number: str
    customer_id: int
    service_id: int
    title: str
    valid_from: date | None = None
    valid_until: date | None = None
    notice_months: int = 6
    signed_on: date | None = None
    council_resolution_on: date | None = None
    billing_rhythm: BillingRhythm = BillingRhythm.QUARTERLY
    notes: str = ""
    items: list[tuple[str, Decimal]] = field(default_factory=list)
    """(price code, quantity) from the start; only when creating."""


TEXT_LABELS = {
    "number": (N_("Number"), 30),
    "title": (N_("Title"), 200),
}
_FIELDS = (
    "number",
    "customer_id",
    "service_id",
    "title",
    "valid_from",
    "valid_until",
    "notice_months",
    "signed_on",
    "council_resolution_on",
    "notes",
)


def _clean(data: AgreementInput) -> AgreementInput:
    cleaned = replace(data, number=data.number.strip(), title=data.title.strip())
    for name, (label, limit) in TEXT_LABELS.items():
        value = getattr(cleaned, name)
        check_text(value, field=name, label=_(label))
        if not value:
            raise ValidationError(
                _("Please fill in the field {label}.").format(label=_(label)), name
            )
        if len(value) > limit:
            raise ValidationError(
                _("The field {label} is too long (at most {limit} characters).").format(
                    label=_(label), limit=limit
                ),
                name,
            )
    check_text(cleaned.notes, field="notes", label=_("Notes"), multiline=True)
    if not 0 <= cleaned.notice_months <= 120:
        raise ValidationError(
            _("The notice period must be between 0 and 120 months."), "notice_months"
        )
    if cleaned.valid_from and cleaned.valid_until and cleaned.valid_until < cleaned.valid_from:
        raise ValidationError(_("The agreement cannot end before it starts."), "valid_until")
    return replace(cleaned, billing_rhythm=BillingRhythm(cleaned.billing_rhythm))


def _check_refs(session: Session, data: AgreementInput, agreement_id: int | None) -> None:
    if session.get(Customer, data.customer_id) is None:
        raise NotFound(_("The customer no longer exists."))
    if session.get(Service, data.service_id) is None:
        raise NotFound(_("The service no longer exists."))
    other = session.scalar(select(Agreement.id).where(Agreement.number == data.number))
    if other is not None and other != agreement_id:
        raise ValidationError(
            _("An agreement with the number {number} already exists.").format(number=data.number),
            "number",
        )


def _check_code(session: Session, agreement: Agreement, code: str) -> None:
    """The code must name an item of the agreement's service in some price list version."""
    services = set(session.scalars(select(PriceItem.service_id).where(PriceItem.code == code)))
    if not services:
        raise ValidationError(
            _("There is no price item with the code {code} in the price list.").format(code=code),
            "price_code",
        )
    if agreement.service_id not in services:
        raise ValidationError(
            _("The price item {code} does not belong to the service {service}.").format(
                code=code, service=agreement.service.code
            ),
            "price_code",
        )


def _check_version(agreement: Agreement, version: int | None) -> None:
    if version is not None and agreement.version != version:
        raise StaleDataError("agreement changed since it was loaded")


def create_agreement(db: Database, data: AgreementInput) -> int:
    """Record a new draft agreement with its first items; returns its id."""
    data = _clean(data)
    if data.items and data.valid_from is None:
        raise ValidationError(
            _("Please enter the start date; the items apply from it."), "valid_from"
        )
    with translated_db_errors(), db.write() as session:
        _check_refs(session, data, None)
        agreement = Agreement(
            status=AgreementStatus.DRAFT.value,
            billing_rhythm=data.billing_rhythm.value,
            **{n: getattr(data, n) for n in _FIELDS},
        )
        session.add(agreement)
        session.flush()
        session.refresh(agreement, ["service"])
        for code, quantity in data.items:
            _set_quantity(session, agreement, code.strip(), Decimal(quantity), data.valid_from)
        session.flush()
        return agreement.id


def update_agreement(db: Database, agreement_id: int, version: int, data: AgreementInput) -> None:
    """Save edits; customer and service change only in a draft; an ended one is read-only."""
    data = _clean(data)
    with translated_db_errors(), db.write() as session:
        agreement = load_agreement(session, agreement_id)
        _check_version(agreement, version)
        status = AgreementStatus(agreement.status)
        if status is AgreementStatus.ENDED:
            raise RuleViolation(
                _("Agreement {number} has ended and can no longer be changed.").format(
                    number=agreement.number
                )
            )
        if status is not AgreementStatus.DRAFT and (
            data.customer_id != agreement.customer_id or data.service_id != agreement.service_id
        ):
            raise RuleViolation(
                _(
                    "Agreement {number} is no longer a draft: customer and service cannot be "
                    "changed. Please end it and draft a new one."
                ).format(number=agreement.number)
            )
        _check_refs(session, data, agreement.id)
        _check_term(agreement, data)
        for name in _FIELDS:
            setattr(agreement, name, getattr(data, name))
        agreement.billing_rhythm = data.billing_rhythm.value


def _check_term(agreement: Agreement, data: AgreementInput) -> None:
    """The term must still hold every stored quantity (the history is never cut silently)."""
    for item in agreement.items:
        if data.valid_from is not None and item.valid_from < data.valid_from:
            raise ValidationError(
                _(
                    "Agreement {number}: item {code} has a quantity from {day}; the agreement "
                    "cannot start later."
                ).format(
                    number=agreement.number,
                    code=item.price_code,
                    day=item.valid_from.strftime("%d.%m.%Y"),
                ),
                "valid_from",
            )
        if data.valid_until is not None and item.valid_from > data.valid_until:
            raise ValidationError(
                _(
                    "Agreement {number}: item {code} has a quantity from {day}, after the end "
                    "on {end}."
                ).format(
                    number=agreement.number,
                    code=item.price_code,
                    day=item.valid_from.strftime("%d.%m.%Y"),
                    end=data.valid_until.strftime("%d.%m.%Y"),
                ),
                "valid_until",
            )


def _set_quantity(
    session: Session,
    agreement: Agreement,
    code: str,
    quantity: Decimal,
    valid_from: date,
    note: str = "",
) -> None:
    _check_code(session, agreement, code)
    if agreement.valid_from is not None and valid_from < agreement.valid_from:
        raise ValidationError(
            _(
                "Agreement {number} starts on {begin}; a quantity from {day} is not possible."
            ).format(
                number=agreement.number,
                begin=agreement.valid_from.strftime("%d.%m.%Y"),
                day=valid_from.strftime("%d.%m.%Y"),
            ),
            "valid_from",
        )
    after = plan_quantity(
        agreement.number, periods_of(agreement), QuantityPeriod(code, quantity, valid_from)
    )
    closing = {p.valid_from: p.valid_until for p in after}
    for stored in agreement.items:
        if stored.price_code == code and stored.valid_until != closing[stored.valid_from]:
            stored.valid_until = closing[stored.valid_from]
    agreement.items.append(
        AgreementItem(price_code=code, quantity=quantity, valid_from=valid_from, note=note)
    )


def set_quantity(
    db: Database,
    agreement_id: int,
    price_code: str,
    quantity: Decimal,
    valid_from: date,
    note: str = "",
) -> None:
    """Agree `quantity` of `price_code` from `valid_from`; the previous one ends the day before.

    Earlier periods are never changed (a date on or before the last change is refused).
    """
    check_text(note, field="note", label=_("Note"))
    with translated_db_errors(), db.write() as session:
        agreement = load_agreement(session, agreement_id)
        if agreement.status == AgreementStatus.ENDED.value:
            raise RuleViolation(
                _("Agreement {number} has ended; its quantities cannot change.").format(
                    number=agreement.number
                )
            )
        _set_quantity(session, agreement, price_code.strip(), Decimal(quantity), valid_from, note)
        _touch(agreement)


def _touch(agreement: Agreement) -> None:
    """Mark the agreement changed so a child change raises its version (optimistic locking)."""
    from zidkor_desktop.db.base import utcnow

    agreement.updated_at = utcnow()


def record_approval(
    db: Database, agreement_id: int, approved_on: date | None, file_number: str
) -> None:
    """Record (or clear) the supervisory authority's approval: date and file number."""
    file_number = file_number.strip()
    check_text(file_number, field="authority_file_number", label=_("File number"))
    if len(file_number) > 80:
        raise ValidationError(
            _("The file number is too long (at most 80 characters)."), "authority_file_number"
        )
    if approved_on is not None and not file_number:
        raise ValidationError(
            _("Please enter the file number of the approval, e.g. Az. 17 062-12 ZIDKOR/21a."),
            "authority_file_number",
        )
    with translated_db_errors(), db.write() as session:
        agreement = load_agreement(session, agreement_id)
        if approved_on is None and agreement.status != AgreementStatus.DRAFT.value:
            is_member = is_member_on(
                agreement.customer.organisation, member_check_day(agreement, date.today())
            )
            if not is_member:
                raise RuleViolation(
                    _(
                        "Agreement {number} is in force with a non-member; its approval cannot "
                        "be removed."
                    ).format(number=agreement.number)
                )
        agreement.authority_approved_on = approved_on
        agreement.authority_file_number = file_number


def record_announcement(
    db: Database, agreement_id: int, announced_on: date | None, announced_in: str
) -> None:
    """Record the public announcement of the approval: date and where it was published."""
    announced_in = announced_in.strip()
    check_text(announced_in, field="announced_in", label=_("Announced in"))
    if len(announced_in) > 200:
        raise ValidationError(
            _("The field {label} is too long (at most {limit} characters).").format(
                label=_("Announced in"), limit=200
            ),
            "announced_in",
        )
    with translated_db_errors(), db.write() as session:
        agreement = load_agreement(session, agreement_id)
        if announced_on is not None and agreement.authority_approved_on is None:
            raise RuleViolation(
                _("Agreement {number}: please record the approval before its announcement.").format(
                    number=agreement.number
                )
            )
        agreement.announced_on = announced_on
        agreement.announced_in = announced_in


def activate(db: Database, agreement_id: int, today: date) -> None:
    """Draft → active; a non-member's agreement only with the authority's approval."""
    with translated_db_errors(), db.write() as session:
        agreement = load_agreement(session, agreement_id)
        if agreement.status != AgreementStatus.DRAFT.value:
            raise RuleViolation(
                _("Agreement {number} is not a draft ({status}).").format(
                    number=agreement.number, status=AgreementStatus(agreement.status).label
                )
            )
        is_member = is_member_on(
            agreement.customer.organisation, member_check_day(agreement, today)
        )
        check_activation(
            agreement.number, agreement.valid_from, is_member, agreement.authority_approved_on
        )
        agreement.status = AgreementStatus.ACTIVE.value


def give_notice(db: Database, agreement_id: int, notice_on: date, ends_on: date) -> None:
    """Active → notice given: the day notice was given and the last day, after the notice period."""
    with translated_db_errors(), db.write() as session:
        agreement = load_agreement(session, agreement_id)
        check_notice(
            agreement.number,
            AgreementStatus(agreement.status),
            notice_on,
            ends_on,
            agreement.notice_months,
        )
        agreement.status = AgreementStatus.NOTICE_GIVEN.value
        agreement.notice_given_on = notice_on
        agreement.valid_until = ends_on


def end_agreement(db: Database, agreement_id: int, last_day: date) -> None:
    """Active or under notice → ended on `last_day`; open quantities end with it."""
    with translated_db_errors(), db.write() as session:
        agreement = load_agreement(session, agreement_id)
        check_end(
            agreement.number, AgreementStatus(agreement.status), agreement.valid_from, last_day
        )
        for item in agreement.items:
            if item.valid_from > last_day:
                raise RuleViolation(
                    _(
                        "Agreement {number}: item {code} has a quantity from {day}, after "
                        "the end on {end}."
                    ).format(
                        number=agreement.number,
                        code=item.price_code,
                        day=item.valid_from.strftime("%d.%m.%Y"),
                        end=last_day.strftime("%d.%m.%Y"),
                    )
                )
            if item.valid_until is None or item.valid_until > last_day:
                item.valid_until = last_day
        agreement.status = AgreementStatus.ENDED.value
        agreement.valid_until = last_day


def delete_draft(db: Database, agreement_id: int) -> None:
    """Remove an agreement that is still a draft (with its items)."""
    with translated_db_errors(), db.write() as session:
        agreement = load_agreement(session, agreement_id)
        if agreement.status != AgreementStatus.DRAFT.value:
            raise RuleViolation(
                _("Agreement {number} is not a draft and cannot be deleted.").format(
                    number=agreement.number
                )
            )
        session.delete(agreement)
