"""Issuing invoices: billing-run preview, numbers, frozen snapshots, archived files, cancellations.

Every issue is one serialised write transaction (`Database.write()`): it allocates the numbers
from the counter of the year, freezes each invoice's snapshot from the master data of that
moment, renders the hybrid PDF and the XML (in worker processes for a run) and stores all of it
with SHA-256 checksums. A run is all or nothing: cancelled, failed or killed before its commit, it
leaves no invoice, no file and no used number behind. Issued invoices are never changed; the
database refuses it as well (migration 0009).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from zidkor_desktop.db.base import utcnow
from zidkor_desktop.db.models import (
    ArchivedDocument,
    BillingRun,
    Customer,
    Invoice,
    InvoiceLine,
    Membership,
    NumberSequence,
)
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain import numbering
from zidkor_desktop.domain.billing import (
    BilledAgreement,
    BillingPeriod,
    InvoiceDraft,
    Problem,
    ProRataRule,
    billing_run,
)
from zidkor_desktop.domain.errors import DomainError, NotFound, RuleViolation, ValidationError
from zidkor_desktop.domain.invoice import InvoiceSnapshot
from zidkor_desktop.domain.invoice_json import from_json, to_json
from zidkor_desktop.domain.invoicing import (
    buyer_problems,
    cancellation_snapshot,
    capital_draft,
    make_snapshot,
    seller_problems,
)
from zidkor_desktop.domain.kinds import InvoiceKind, InvoiceStatus
from zidkor_desktop.domain.membership import votes_valid_on
from zidkor_desktop.l10n import _, format_date
from zidkor_desktop.queries.accounts import customer_of_organisation
from zidkor_desktop.queries.billing_input import billing_input
from zidkor_desktop.queries.invoice_parties import (
    buyer_of_customer,
    buyer_of_organisation,
    pro_rata_rule,
    seller,
    settings_row,
    texts,
)
from zidkor_desktop.queries.invoices import capital_invoices
from zidkor_desktop.queries.members import capital_rates
from zidkor_desktop.usecases.errors import translated_db_errors
from zidkor_desktop.usecases.invoice_files import (
    PDF_KIND,
    XML_KIND,
    InvoiceFiles,
    RenderPool,
    file_stem,
)

SEQUENCE = "invoice"
FLUSH_EVERY = 25
Progress = Callable[[int, int], None]


class IssueCancelled(DomainError):
    """The clerk cancelled issuing; nothing was stored."""


@dataclass
class RunPreview:
    """The drafts of a billing run before issuing, with every problem found."""

    period: BillingPeriod
    label: str
    rule: ProRataRule
    drafts: list[InvoiceDraft]
    problems: list[Problem] = field(default_factory=list)
    already_invoiced: list[str] = field(default_factory=list)

    @property
    def blocking(self) -> list[str]:
        """Every problem that prevents issuing, each named once."""
        found = [p.message for p in self.problems]
        for draft in self.drafts:
            found.extend(p.message for p in draft.problems)
        return list(dict.fromkeys(found))


@dataclass(frozen=True)
class IssuedInvoice:
    """An invoice just issued."""

    id: int
    number: str
    buyer: str
    gross: str


def _invoiced_agreements(session: Session, period: BillingPeriod) -> dict[int, str]:
    """Agreements with a line of an uncancelled invoice overlapping the period → its number."""
    cancelled = select(Invoice.original_invoice_id).where(Invoice.original_invoice_id.is_not(None))
    stmt = (
        select(InvoiceLine.agreement_id, Invoice.number)
        .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .where(
            InvoiceLine.agreement_id.is_not(None),
            Invoice.kind == InvoiceKind.INVOICE.value,
            Invoice.id.not_in(cancelled),
            InvoiceLine.period_start <= period.end,
            InvoiceLine.period_end >= period.start,
        )
    )
    return {agreement_id: number for agreement_id, number in session.execute(stmt)}


def preview_run(db: Database, period: BillingPeriod) -> RunPreview:
    """The drafts of a billing run for `period`, with problems flagged; nothing is stored."""
    data = billing_input(db, period)
    with db.sessions() as session:
        rule = pro_rata_rule(session)
        invoiced = _invoiced_agreements(session, period)
        sellers_problems = seller_problems(seller(session))
        agreements: list[BilledAgreement] = []
        notes = []
        for agreement in data.agreements:
            if agreement.agreement_id in invoiced:
                notes.append(
                    _(
                        "Agreement {agreement} is already invoiced for this period ({number})."
                    ).format(agreement=agreement.number, number=invoiced[agreement.agreement_id])
                )
            else:
                agreements.append(agreement)
        drafts = billing_run(period, data.customers, agreements, data.prices, data.operators, rule)
        for draft in drafts:
            draft.problems = buyer_problems(buyer_of_customer(session, draft.customer_id)) + [
                p for p in draft.problems
            ]
    return RunPreview(period, period.label, rule, drafts, sellers_problems, notes)


def _next_numbers(session: Session, pattern: str, year: int, count: int) -> list[str]:
    """`count` consecutive numbers of the year's counter (inside the write transaction)."""
    row = session.scalars(
        select(NumberSequence).where(NumberSequence.name == SEQUENCE, NumberSequence.year == year)
    ).first()
    if row is None:
        row = NumberSequence(name=SEQUENCE, year=year, last_value=0)
        session.add(row)
    first = row.last_value + 1
    row.last_value += count
    numbers = [numbering.format_number(pattern, year, n) for n in range(first, first + count)]
    taken = session.scalars(select(Invoice.number).where(Invoice.number.in_(numbers))).first()
    if taken is not None:
        raise RuleViolation(
            _(
                "Invoice number {number} exists already; the number format in the settings "
                "would repeat numbers. Please change it (e.g. add [JAHR])."
            ).format(number=taken)
        )
    return numbers


def _check_issue_date(session: Session, issue_date: date) -> None:
    """Numbers follow the dates: no invoice dated before the last one issued."""
    last = session.scalar(select(func.max(Invoice.issue_date)))
    if last is not None and issue_date < last:
        raise ValidationError(
            _(
                "Invoice date: the last invoice is dated {date}; a new one cannot be dated "
                "earlier (numbers follow the dates)."
            ).format(date=format_date(last)),
            "issue_date",
        )


def _store(
    session: Session,
    snapshot: InvoiceSnapshot,
    files: InvoiceFiles,
    *,
    organisation_id: int,
    customer_id: int | None,
    agreement_ids: Sequence[int | None],
    run: BillingRun | None = None,
    original: Invoice | None = None,
) -> Invoice:
    now = utcnow()
    invoice = Invoice(
        number=snapshot.number,
        kind=snapshot.kind,
        status=InvoiceStatus.ISSUED.value,
        customer_id=customer_id,
        organisation_id=organisation_id,
        original_invoice_id=original.id if original else None,
        billing_run=run.period if run else "",
        run_id=run.id if run else None,
        issue_date=snapshot.issue_date,
        issued_at=now,
        period_start=snapshot.period_start,
        period_end=snapshot.period_end,
        due_date=snapshot.due_date,
        currency=snapshot.currency,
        seller_name=snapshot.seller.name,
        seller_address=f"{snapshot.seller.street}\n{snapshot.seller.postcode} "
        f"{snapshot.seller.city}",
        seller_tax_number=snapshot.seller.tax_number,
        seller_vat_id=snapshot.seller.vat_id,
        seller_iban=snapshot.seller.iban.replace(" ", ""),
        seller_bic=snapshot.seller.bic,
        seller_contact=snapshot.seller.contact_name,
        buyer_name=snapshot.buyer.name,
        buyer_street=snapshot.buyer.street,
        buyer_postcode=snapshot.buyer.postcode,
        buyer_city=snapshot.buyer.city,
        buyer_country_code=snapshot.buyer.country_code,
        buyer_leitweg_id=snapshot.buyer.leitweg_id,
        buyer_email=snapshot.buyer.contact_email,
        buyer_debtor_number=snapshot.buyer.debtor_number,
        total_net=snapshot.net,
        total_tax=snapshot.tax,
        total_gross=snapshot.gross,
        intro_text=snapshot.intro_text,
        closing_text=snapshot.closing_text,
        tax_note=snapshot.exemption_note,
        cancel_reason=snapshot.cancel_reason,
        type_code=snapshot.type_code.value,
        snapshot=to_json(snapshot),
    )
    for line, agreement_id in zip(snapshot.lines, agreement_ids, strict=True):
        invoice.lines.append(
            InvoiceLine(
                position=line.position,
                price_code=line.price_code,
                description=line.description,
                detail=line.detail,
                quantity=line.quantity,
                unit=line.unit_label,
                unit_price=line.unit_price,
                net_amount=line.net,
                tax_category=line.tax_code.value,
                tax_rate=line.tax_rate,
                period_start=line.period_start,
                period_end=line.period_end,
                agreement_id=agreement_id,
            )
        )
    stem = file_stem(snapshot.number)
    for kind, name, media, content in (
        (PDF_KIND, f"{stem}.pdf", "application/pdf", files.pdf),
        (XML_KIND, f"{stem}.xml", "application/xml", files.xml),
    ):
        invoice.documents.append(
            ArchivedDocument(
                kind=kind,
                filename=name,
                media_type=media,
                sha256=files.pdf_sha256 if kind == PDF_KIND else files.xml_sha256,
                content=content,
                created_at=now,
            )
        )
    session.add(invoice)
    return invoice


@dataclass
class _Pending:
    draft: InvoiceDraft
    organisation_id: int
    customer_id: int | None
    kind: InvoiceKind = InvoiceKind.INVOICE
    title: str = ""


def _agreement_ids(draft: InvoiceDraft) -> list[int | None]:
    return [x.agreement_id for x in draft.lines] + [None] * len(draft.manual_lines)


def _issue(
    db: Database,
    pending: Sequence[_Pending],
    issue_date: date,
    *,
    run_of: RunPreview | None = None,
    workers: int = 0,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[IssuedInvoice]:
    """Issue the drafts in one transaction (see the module docstring)."""
    if not pending:
        raise RuleViolation(_("There is nothing to issue."))
    total = len(pending)
    with translated_db_errors(), RenderPool(workers) as pool, db.write() as session:
        _check_issue_date(session, issue_date)
        settings = settings_row(session)
        the_seller, the_texts = seller(session), texts(session)
        problems = [p.message for p in seller_problems(the_seller)]
        snapshots = []
        buyers = []
        for item in pending:
            buyer = (
                buyer_of_customer(session, item.customer_id)
                if item.customer_id is not None
                else buyer_of_organisation(session, item.organisation_id)
            )
            problems += [p.message for p in buyer_problems(buyer) + item.draft.problems]
            buyers.append(buyer)
        if problems:
            raise RuleViolation(
                _("Nothing was issued. Please fix first:")
                + "\n• "
                + "\n• ".join(dict.fromkeys(problems))
            )
        numbers = _next_numbers(
            session, numbering.normalise(settings.invoice_number_format), issue_date.year, total
        )
        for item, buyer, number in zip(pending, buyers, numbers, strict=True):
            snapshots.append(
                make_snapshot(
                    item.draft,
                    number=number,
                    issue_date=issue_date,
                    seller=the_seller,
                    buyer=buyer,
                    texts=the_texts,
                    kind=item.kind,
                    title=item.title,
                )
            )
        run = None
        if run_of is not None:
            run = BillingRun(
                period=run_of.label,
                period_start=run_of.period.start,
                period_end=run_of.period.end,
                pro_rata_rule=run_of.rule.value,
                issue_date=issue_date,
                created_at=utcnow(),
            )
            session.add(run)
            session.flush()
        stored: list[tuple[Invoice, InvoiceSnapshot]] = []
        rendered = pool.render(snapshots, settings.logo_png, cancelled)
        for done, (item, snapshot, files) in enumerate(
            zip(pending, snapshots, rendered, strict=False), 1
        ):
            invoice = _store(
                session,
                snapshot,
                files,
                organisation_id=item.organisation_id,
                customer_id=item.customer_id,
                agreement_ids=_agreement_ids(item.draft),
                run=run,
            )
            stored.append((invoice, snapshot))
            if done % FLUSH_EVERY == 0:
                session.flush()  # inserts in batches while the workers render on
            if progress is not None:
                progress(done, total)
        if len(stored) < total or cancelled():
            raise IssueCancelled(_("Issuing was cancelled; no invoice was issued."))
        session.flush()
        return [
            IssuedInvoice(invoice.id, snap.number, snap.buyer.name, str(snap.gross))
            for invoice, snap in stored
        ]


def _organisation_of_customer(session: Session, customer_id: int) -> int:
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound(_("Customer {id} does not exist.").format(id=customer_id))
    return customer.organisation_id


def issue_run(
    db: Database,
    preview: RunPreview,
    issue_date: date,
    *,
    workers: int = 0,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> list[IssuedInvoice]:
    """Issue the (possibly edited) drafts of a run; all or nothing."""
    if preview.blocking:
        raise RuleViolation(
            _("Nothing was issued. Please fix first:") + "\n• " + "\n• ".join(preview.blocking)
        )
    with db.sessions() as session:
        pending = [
            _Pending(d, _organisation_of_customer(session, d.customer_id), d.customer_id)
            for d in preview.drafts
        ]
    return _issue(
        db,
        pending,
        issue_date,
        run_of=preview,
        workers=workers,
        progress=progress,
        cancelled=cancelled,
    )


def issue_invoice(
    db: Database,
    draft: InvoiceDraft,
    issue_date: date,
    *,
    customer_id: int | None = None,
    organisation_id: int | None = None,
) -> IssuedInvoice:
    """Issue one invoice made by hand for a customer (or any organisation, e.g. a member)."""
    if customer_id is not None:
        with db.sessions() as session:
            organisation_id = _organisation_of_customer(session, customer_id)
    if organisation_id is None:
        raise ValidationError(_("Recipient: please choose a customer or member."), "recipient")
    [issued] = _issue(db, [_Pending(draft, organisation_id, customer_id)], issue_date)
    return issued


def capital_invoice_draft(db: Database, organisation_id: int, day: date) -> InvoiceDraft:
    """The capital contribution a member owes: votes on its first day × the rate in force then."""
    with db.sessions() as session:
        membership = session.scalars(
            select(Membership).where(Membership.organisation_id == organisation_id)
        ).first()
        if membership is None:
            raise NotFound(_("This organisation is no member."))
        name = membership.organisation.name
        already = capital_invoices(session, organisation_id).get(organisation_id, [])
        if already:
            raise RuleViolation(
                _("The capital contribution of {name} is invoiced already ({number}).").format(
                    name=name, number=", ".join(already)
                )
            )
        if membership.capital_paid > 0:
            raise RuleViolation(
                _("{name} has paid its capital contribution already.").format(name=name)
            )
        start = membership.member_from or day
        history = [(v.valid_from, v.votes) for v in membership.votes_history]
        votes = votes_valid_on(history, start)
        rate = capital_rates(session).on(start)
        note = _("Capital contribution of a member: not a taxable supply.")
        return capital_draft(organisation_id, name, votes, rate, note)


def issue_capital(db: Database, organisation_id: int, issue_date: date) -> IssuedInvoice:
    """Issue a member's capital contribution invoice (votes × capital per vote, no VAT)."""
    draft = capital_invoice_draft(db, organisation_id, issue_date)
    pending = _Pending(
        draft,
        organisation_id,
        customer_of_organisation(db, organisation_id),
        InvoiceKind.CAPITAL,
        _("Invoice for the capital contribution"),
    )
    [issued] = _issue(db, [pending], issue_date)
    return issued


def snapshot_of(db: Database, number: str) -> InvoiceSnapshot:
    """The frozen snapshot of an issued invoice."""
    with db.sessions() as session:
        text = session.scalar(select(Invoice.snapshot).where(Invoice.number == number))
    if text is None:
        raise NotFound(_("Invoice {number} does not exist.").format(number=number))
    return from_json(text)


def cancel_invoice(
    db: Database, number: str, reason: str, issue_date: date, *, workers: int = 0
) -> IssuedInvoice:
    """Issue the cancellation (Stornorechnung) of an invoice; the original stays as it is."""
    with translated_db_errors(), RenderPool(workers) as pool, db.write() as session:
        original = session.scalars(select(Invoice).where(Invoice.number == number)).first()
        if original is None:
            raise NotFound(_("Invoice {number} does not exist.").format(number=number))
        if original.kind == InvoiceKind.CANCELLATION.value:
            raise RuleViolation(_("A cancellation cannot be cancelled."))
        done = session.scalars(
            select(Invoice.number).where(Invoice.original_invoice_id == original.id)
        ).first()
        if done is not None:
            raise RuleViolation(
                _("Invoice {number} is cancelled already by {cancellation}.").format(
                    number=number, cancellation=done
                )
            )
        _check_issue_date(session, issue_date)
        settings = settings_row(session)
        [new_number] = _next_numbers(
            session, numbering.normalise(settings.invoice_number_format), issue_date.year, 1
        )
        snapshot = cancellation_snapshot(
            from_json(original.snapshot), number=new_number, issue_date=issue_date, reason=reason
        )
        [files] = list(pool.render([snapshot], settings.logo_png))
        lines = session.scalars(
            select(InvoiceLine.agreement_id)
            .where(InvoiceLine.invoice_id == original.id)
            .order_by(InvoiceLine.position)
        ).all()
        invoice = _store(
            session,
            snapshot,
            files,
            organisation_id=original.organisation_id,
            customer_id=original.customer_id,
            agreement_ids=list(lines),
            original=original,
        )
        session.flush()
        return IssuedInvoice(invoice.id, new_number, snapshot.buyer.name, str(snapshot.gross))
