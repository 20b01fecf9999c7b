"""The agreement text template (stored or shipped) and the snapshot the agreement PDF prints."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from zidkor_desktop.db.models import Agreement, AgreementTemplateSection, Organisation
from zidkor_desktop.db.models.settings import AssociationSettings
from zidkor_desktop.db.session import Database
from zidkor_desktop.documents.agreement import AgreementDocument, AnnexLine, Party
from zidkor_desktop.domain.agreement_template import DEFAULT_SECTIONS, TemplateSection, fill
from zidkor_desktop.domain.errors import NotFound
from zidkor_desktop.domain.kinds import BillingRhythm, PriceUnit
from zidkor_desktop.domain.operators import operator_on
from zidkor_desktop.l10n import _, format_date, ngettext
from zidkor_desktop.queries.agreements import (
    is_member_on,
    item_quantities,
    load_agreement,
    member_check_day,
    periods_of,
    price_items_on,
)
from zidkor_desktop.queries.price_versions import version_in_force
from zidkor_desktop.queries.services import history_of


def stored_sections(session: Session) -> list[TemplateSection]:
    """The office's sections by position; the shipped default while none are stored."""
    rows = session.scalars(
        select(AgreementTemplateSection).order_by(AgreementTemplateSection.position)
    ).all()
    if not rows:
        return list(DEFAULT_SECTIONS)
    return [TemplateSection(r.key, r.heading, r.body) for r in rows]


def template_sections(db: Database) -> list[TemplateSection]:
    """The agreement text as the office edits it (heading and body with placeholders)."""
    with db.sessions() as session:
        return stored_sections(session)


def _address(organisation: Organisation | AssociationSettings) -> list[str]:
    town = f"{organisation.postcode} {organisation.city}".strip()
    return [line for line in (organisation.street, town) if line]


def _one_line(lines: list[str]) -> str:
    return ", ".join(lines)


def _notice(months: int) -> str:
    return ngettext("{n} month", "{n} months", months).format(n=months)


def _approval(agreement: Agreement, is_member: bool) -> str:
    if is_member:
        return ""
    if agreement.authority_approved_on is None:
        return _(
            "Zweckvereinbarung under § 12 KomZG; the approval of the supervisory authority "
            "is pending."
        )
    text = _(
        "Zweckvereinbarung under § 12 KomZG, approved by the supervisory authority on {date} "
        "(file number {file})."
    ).format(
        date=format_date(agreement.authority_approved_on), file=agreement.authority_file_number
    )
    if agreement.announced_on is not None:
        text += " " + _("Publicly announced on {date}: {where}.").format(
            date=format_date(agreement.announced_on), where=agreement.announced_in or "–"
        )
    return text


def _annex(session: Session, agreement: Agreement, day: date) -> list[AnnexLine]:
    """Each item the agreement uses, with its price on `day` and its quantity then (or first)."""
    prices = price_items_on(session, day)
    quantity_day = day
    if agreement.valid_from is not None and day < agreement.valid_from:
        quantity_day = agreement.valid_from
    quantities = {
        q.price_code: q for q in item_quantities(session, agreement, quantity_day, prices)
    }
    codes = sorted({p.price_code for p in periods_of(agreement)})
    lines = []
    for code in codes:
        price = prices.get(code)
        found = quantities.get(code)
        note = ""
        if found is not None and found.population_year is not None:
            note = _("residents {year}").format(year=found.population_year)
        lines.append(
            AnnexLine(
                code=code,
                title=price.title if price is not None else "",
                unit_text=(price.unit_text or PriceUnit(price.unit).label) if price else "",
                unit_price=price.unit_price if price is not None else None,
                quantity=found.quantity if found is not None else None,
                quantity_note=note,
            )
        )
    return lines


def _price_list_title(session: Session, day: date) -> str:
    from zidkor_desktop.db.models import PriceList

    number = version_in_force(session, day)
    if number is None:
        return ""
    return session.scalar(select(PriceList.title).where(PriceList.version_no == number)) or ""


def agreement_document(
    db: Database, agreement_id: int, day: date, printed_on: date | None = None
) -> AgreementDocument:
    """The agreement as printed on `day`: filled sections, operator then, annex with prices."""
    with db.sessions() as session:
        settings = session.scalars(select(AssociationSettings)).first()
        if settings is None:
            raise NotFound(_("The database has not been set up yet."))
        agreement = load_agreement(session, agreement_id)
        organisation = agreement.customer.organisation
        is_member = is_member_on(organisation, member_check_day(agreement, day))
        operator = operator_on(history_of(agreement.service), day)
        price_list_title = _price_list_title(session, day)
        rhythm = BillingRhythm(agreement.billing_rhythm).label
        values = {
            "nummer": agreement.number,
            "verband": settings.name,
            "verband_anschrift": _one_line(_address(settings)),
            "kunde": organisation.name,
            "kunde_anschrift": _one_line(_address(organisation)),
            "verfahren": agreement.service.name,
            "betreiber": operator.city if operator else "–",
            "beginn": format_date(agreement.valid_from) or _("the day of signing"),
            "ende": format_date(agreement.valid_until) or _("open-ended"),
            "kuendigungsfrist": _notice(agreement.notice_months),
            "abrechnung": rhythm[:1].lower() + rhythm[1:],
            "entgeltverzeichnis": price_list_title or "–",
        }
        sections = [
            (fill(s.heading, values), fill(s.body, values)) for s in stored_sections(session)
        ]
        return AgreementDocument(
            number=agreement.number,
            title=agreement.title,
            association=Party(settings.name, _address(settings), settings.chair_name),
            customer=Party(organisation.name, _address(organisation)),
            short_name=settings.short_name,
            is_zweckvereinbarung=not is_member,
            approval=_approval(agreement, is_member),
            sections=sections,
            annex=_annex(session, agreement, day),
            price_list_title=price_list_title,
            as_of=day,
            printed_on=printed_on or date.today(),
        )
