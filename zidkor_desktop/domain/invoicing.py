"""From a draft to the frozen snapshot: numbers' dates, texts, lines, cancellations, capital.

Pure rules. The use case allocates the number inside the issuing transaction and reads seller and
buyer there; everything printed is then fixed here, once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from babel.numbers import format_decimal

from zidkor_desktop.domain.billing import BillingLine, InvoiceDraft, ManualLine, Problem
from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.invoice import (
    Buyer,
    DocumentType,
    InvoiceSnapshot,
    Seller,
    SnapshotLine,
    TaxCode,
)
from zidkor_desktop.domain.kinds import InvoiceKind, TaxCategory
from zidkor_desktop.domain.money import ZERO
from zidkor_desktop.l10n import _, format_date, format_money, locale, ngettext

FACTOR_PLACES = Decimal("0.000001")
MAX_NOTE = 2000


@dataclass(frozen=True)
class InvoiceTexts:
    """The association's texts at the moment of issue."""

    intro: str
    closing: str
    not_taxable_note: str
    payment_terms_days: int


def tax_code(category: TaxCategory) -> TaxCode:
    """The EN 16931 category of a tax treatment: 19 % and 7 % are both S (with their rate)."""
    return TaxCode.NOT_SUBJECT if category is TaxCategory.NOT_TAXABLE else TaxCode.STANDARD


def _decimal_text(value: Fraction, places: int = 4) -> str:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    shown = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP).normalize()
    text = format_decimal(shown, format="#,##0.####", locale=locale())
    return text if Fraction(shown) == value else _("approx. {value}").format(value=text)


def months_text(months: Fraction) -> str:
    """ "3 Monate", "1 Monat", "1,5 Monate" (approximate shares marked as such)."""
    count = int(months) if months.denominator == 1 else 2
    return ngettext("{count} month", "{count} months", count).format(count=_decimal_text(months))


def _snapshot_line(
    position: int, line: BillingLine | ManualLine, detail: str, **period: Any
) -> SnapshotLine:
    """The printed line of a run's or a hand-made line (period factor given for run lines)."""
    return SnapshotLine(
        position=position,
        description=line.title,
        detail=detail,
        price_code=line.price_code,
        quantity=line.quantity,
        unit_label=line.unit_label,
        unit_code=line.unit_code,
        unit_price=line.unit_price,
        net=line.net,
        tax_code=tax_code(line.tax_category),
        tax_rate=line.tax_rate if line.tax_category is not TaxCategory.NOT_TAXABLE else ZERO,
        period_start=line.start,
        period_end=line.end,
        **period,
    )


def _billing_line(position: int, line: BillingLine) -> SnapshotLine:
    detail = _("Agreement {number}").format(number=line.agreement_number)
    if line.operator:
        detail += " · " + _("operated by {city}").format(city=line.operator)
    factor = {"factor": _factor(line.factor), "factor_text": months_text(line.months)}
    return _snapshot_line(position, line, detail, **factor)


def _factor(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(FACTOR_PLACES, rounding=ROUND_HALF_UP).normalize() + 0


def _manual_line(position: int, line: ManualLine) -> SnapshotLine:
    return _snapshot_line(position, line, line.detail)


def snapshot_lines(draft: InvoiceDraft) -> list[SnapshotLine]:
    """The draft's lines numbered from 1: the run's lines first, then those added by hand."""
    lines = [_billing_line(n, x) for n, x in enumerate(draft.lines, 1)]
    start = len(lines) + 1
    lines += [_manual_line(n, x) for n, x in enumerate(draft.manual_lines, start)]
    return lines


def check_manual_line(draft: InvoiceDraft, line: ManualLine) -> None:
    """A hand-made line fits its draft: text, quantity, price, and the draft's tax treatment."""
    if not line.title.strip():
        raise ValidationError(_("Description: please enter what is charged."), "title")
    if line.quantity == 0:
        raise ValidationError(_("Quantity: must not be 0."), "quantity")
    if line.unit_price < 0:
        raise ValidationError(
            _("Unit price: must not be negative; enter a negative quantity for a credit."),
            "unit_price",
        )
    if (line.tax_category is TaxCategory.NOT_TAXABLE) != draft.not_taxable:
        message = (
            _("This invoice is not subject to VAT; lines with VAT belong on another invoice.")
            if draft.not_taxable
            else _(
                "This invoice charges VAT; a line not subject to VAT needs an invoice of its own "
                "(EN 16931 does not allow both on one invoice)."
            )
        )
        raise ValidationError(message, "tax_category")
    if line.start and line.end and line.end < line.start:
        raise ValidationError(_("Service period: the end lies before the start."), "end")


def exemption_note(draft: InvoiceDraft, texts: InvoiceTexts) -> str:
    """Why no VAT is charged: the price items' own note when they agree, else the setting's."""
    if not draft.not_taxable:
        return ""
    notes = {x.tax_note.strip() for x in draft.all_lines if x.tax_note.strip()}
    return notes.pop() if len(notes) == 1 else texts.not_taxable_note.strip()


def due_date(issue_date: date, days: int) -> date:
    """The day payment is due."""
    return issue_date + timedelta(days=days)


def payment_terms(due: date) -> str:
    """The payment terms printed and sent (BT-20)."""
    return _("Payable without deduction by {date}.").format(date=format_date(due))


def make_snapshot(
    draft: InvoiceDraft,
    *,
    number: str,
    issue_date: date,
    seller: Seller,
    buyer: Buyer,
    texts: InvoiceTexts,
    kind: InvoiceKind = InvoiceKind.INVOICE,
    title: str = "",
) -> InvoiceSnapshot:
    """The frozen invoice of a draft."""
    lines = snapshot_lines(draft)
    if not lines:
        raise ValidationError(_("The invoice has no lines."), "lines")
    due = due_date(issue_date, texts.payment_terms_days)
    period = draft.period
    return InvoiceSnapshot(
        number=number,
        kind=kind.value,
        type_code=DocumentType.INVOICE,
        issue_date=issue_date,
        due_date=due,
        period_start=period.start if period else _edge(lines, min),
        period_end=period.end if period else _edge(lines, max),
        seller=seller,
        buyer=replace(buyer, reference=draft.reference.strip()) if draft.reference else buyer,
        lines=lines,
        title=title or _("Invoice"),
        intro_text=texts.intro,
        closing_text=texts.closing,
        note=draft.note.strip(),
        exemption_note=exemption_note(draft, texts),
        payment_terms=payment_terms(due),
    )


def _edge(lines: Sequence[SnapshotLine], pick: type[min] | type[max]) -> date | None:
    days = [d for x in lines for d in (x.period_start, x.period_end) if d is not None]
    return pick(days) if days else None


def cancellation_snapshot(
    original: InvoiceSnapshot, *, number: str, issue_date: date, reason: str
) -> InvoiceSnapshot:
    """The Stornorechnung: the original's lines with negated quantities, referring to it."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Reason: please say why the invoice is cancelled."), "reason")
    if issue_date < original.issue_date:
        raise ValidationError(
            _("Date: a cancellation cannot be dated before the invoice ({date}).").format(
                date=format_date(original.issue_date)
            ),
            "issue_date",
        )
    lines = [replace(x, quantity=-x.quantity, net=-x.net + ZERO) for x in original.lines]
    return replace(
        original,
        number=number,
        kind=InvoiceKind.CANCELLATION.value,
        type_code=DocumentType.CORRECTED,
        issue_date=issue_date,
        due_date=None,
        lines=lines,
        title=_("Cancellation invoice"),
        intro_text=_("We cancel the invoice named below in full:"),
        closing_text="",
        note="",
        payment_terms="",
        original_number=original.number,
        original_date=original.issue_date,
        cancel_reason=reason,
    )


def cancellation_reference(original_number: str, original_date: date) -> str:
    """„Storno zu Rechnung RE-2027-00012 vom 05.04.2027“."""
    return _("Cancellation of invoice {number} of {date}").format(
        number=original_number, date=format_date(original_date)
    )


def capital_draft(
    organisation_id: int, name: str, votes: int, per_vote: Decimal, note: str
) -> InvoiceDraft:
    """A capital contribution: votes × capital per vote, not a taxable supply."""
    if votes <= 0:
        raise ValidationError(_("{name} has no votes; no capital is due.").format(name=name), "")
    draft = InvoiceDraft(organisation_id, name, True, None)
    draft.manual_lines.append(
        ManualLine(
            title=_("Capital contribution"),
            quantity=Decimal(votes),
            unit_label=ngettext("vote", "votes", votes),
            unit_code="C62",
            unit_price=per_vote,
            tax_category=TaxCategory.NOT_TAXABLE,
            tax_rate=ZERO,
            detail=_("{votes} × {amount} per vote under the statute").format(
                votes=votes, amount=format_money(per_vote)
            ),
            tax_note=note,
        )
    )
    return draft


def seller_problems(s: Seller) -> list[Problem]:
    """What the association's settings lack for a valid invoice (§ 14 UStG, EN 16931)."""
    found = []
    checks = [
        (s.name and s.street and s.postcode and s.city, _("the association's address")),
        (s.tax_number or s.vat_id, _("a tax number or VAT ID")),
        (s.registration_id, _("the registration identifier (BT-30)")),
        (s.contact_name and s.contact_phone and s.contact_email, _("contact name, phone, e-mail")),
        (s.electronic_address, _("the electronic address")),
        (s.iban, _("the IBAN")),
    ]
    for present, what in checks:
        if not present:
            found.append(
                Problem(
                    "seller_incomplete",
                    _("Settings: {what} is missing (Einstellungen › Verband).").format(what=what),
                )
            )
    return found


def buyer_problems(b: Buyer) -> list[Problem]:
    """What the recipient lacks for an e-invoice (BT-10 Leitweg-ID, BT-49 address, address)."""
    found = []
    if not b.leitweg_id.strip():
        found.append(Problem("no_leitweg_id", _("{name} has no Leitweg-ID.").format(name=b.name)))
    if not b.electronic_address.strip():
        found.append(
            Problem(
                "no_electronic_address",
                _("{name} has no electronic address.").format(name=b.name),
            )
        )
    if not (b.street.strip() and b.postcode.strip() and b.city.strip()):
        found.append(
            Problem("no_address", _("{name} has no complete postal address.").format(name=b.name))
        )
    return found
