"""Billing run computation: lines per part of a period, invoice drafts, totals, problems.

Pure rules (no database, no UI). A run charges the agreements for a `BillingPeriod`:

- Each agreed price item is split into parts wherever the price-list version changes (each
  version is in force until the day before the next starts), the agreed quantity changes, or the
  agreement starts or ends inside the period. Every part becomes one line with its own period.
- Periodic units only: per month ("je Arbeitsplatz und Monat", "pauschal je Monat") the factor is
  the number of months, per year ("je Einwohner und Jahr", "pauschal je Jahr") the share of the
  year (months / 12). "je Vorgang", "je Stück", "je Stunde" are not periodic and are left to
  manual lines. A part covering whole months counts them exactly; a part covering only some days
  of a month counts days / days of that month (a price or quantity change within a month).
- `ProRataRule` decides the months in which the agreement starts or ends inside the period:
  PER_STARTED_MONTH counts a started (or ended) month fully; BY_DAY counts the share of its days.
  Factors are exact fractions; only the line amount is rounded (half-up to cents).
- A run of a period includes agreements whose rhythm is not longer than the period (a quarter
  run: monthly and quarterly agreements; a year run: all but one-off agreements).
- Line net = quantity × unit price × factor, rounded once per line; tax per rate on the sum of
  the rounded lines of that rate (EN 16931 BR-CO-14), rounded half-up to cents.
- Lines not subject to VAT (category O) go into a draft of their own (EN 16931 BR-O-11 to 14).
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from itertools import pairwise

from zidkor_desktop.domain.agreements import QuantityPeriod
from zidkor_desktop.domain.kinds import BillingRhythm, PriceUnit, TaxCategory
from zidkor_desktop.domain.money import CENT, ZERO, to_money
from zidkor_desktop.domain.operators import Assignment, operator_on
from zidkor_desktop.domain.pricelist import periods
from zidkor_desktop.l10n import _

MONTHLY_UNITS = frozenset({PriceUnit.WORKSTATION_MONTH, PriceUnit.FLAT_MONTH})
YEARLY_UNITS = frozenset({PriceUnit.RESIDENT_YEAR, PriceUnit.FLAT_YEAR})
_RHYTHM_MONTHS = {
    BillingRhythm.MONTHLY: 1,
    BillingRhythm.QUARTERLY: 3,
    BillingRhythm.HALF_YEARLY: 6,
    BillingRhythm.YEARLY: 12,
}


class ProRataRule(StrEnum):
    """How a month counts in which an agreement starts or ends inside the period."""

    PER_STARTED_MONTH = "per_started_month"
    BY_DAY = "by_day"


def _d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class BillingPeriod:
    """The period a run charges: whole months from start to end (inclusive)."""

    start: date
    end: date

    @classmethod
    def of(cls, year: int, part: str | int | None = None) -> BillingPeriod:
        """A month (3 or "03"), a quarter ("Q1") or the year (None or "")."""
        text = str(part).strip().upper() if part is not None else ""
        if not text:
            return cls(date(year, 1, 1), date(year, 12, 31))
        if text.startswith("Q") and text[1:] in {"1", "2", "3", "4"}:
            first = (int(text[1:]) - 1) * 3 + 1
            return cls(date(year, first, 1), _month_end(year, first + 2))
        if text.isdigit() and 1 <= int(text) <= 12:
            return cls(date(year, int(text), 1), _month_end(year, int(text)))
        raise ValueError(f"not a billing period: {year}-{part}")

    @classmethod
    def parse(cls, text: str) -> BillingPeriod:
        """From "2027-Q1", "2027-03" or "2027"."""
        year, _sep, part = text.strip().partition("-")
        if not (year.isdigit() and len(year) == 4):
            raise ValueError(f"not a billing period: {text}")
        return cls.of(int(year), part or None)

    @property
    def label(self) -> str:
        """ "2027-Q1", "2027-03" or "2027" (what `parse` reads)."""
        if self.months == 12:
            return str(self.start.year)
        if self.months == 3:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"

    @property
    def months(self) -> int:
        """Number of calendar months in the period."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1


@dataclass(frozen=True)
class PriceTerms:
    """A price item as a price-list version defines it (unit_price None: no price given)."""

    title: str
    unit: PriceUnit | None
    unit_label: str
    unit_code: str
    unit_price: Decimal | None
    tax_category: TaxCategory
    tax_rate: Decimal
    tax_note: str = ""


@dataclass(frozen=True)
class PriceVersion:
    """A published price-list version: in force from valid_from until the next one starts."""

    version_no: int
    valid_from: date
    items: Mapping[str, PriceTerms]


@dataclass(frozen=True)
class BilledCustomer:
    """The invoice recipient as a run needs it."""

    customer_id: int
    name: str
    leitweg_id: str
    electronic_address: str


@dataclass(frozen=True)
class BilledAgreement:
    """An active agreement with its quantities per price item over time."""

    agreement_id: int
    number: str
    customer_id: int
    service_code: str
    valid_from: date
    valid_until: date | None
    rhythm: BillingRhythm
    quantities: Sequence[QuantityPeriod]


@dataclass(frozen=True)
class Problem:
    """Something to fix before a draft can be issued (code for programs, German message)."""

    code: str
    message: str


@dataclass(frozen=True)
class BillingLine:
    """One line: a price item for one part of the period with exact factor and rounded net."""

    agreement_id: int
    agreement_number: str
    price_code: str
    title: str
    start: date
    end: date
    quantity: Decimal
    unit_label: str
    unit_code: str
    unit_price: Decimal
    factor: Fraction
    net: Decimal
    tax_category: TaxCategory
    tax_rate: Decimal
    tax_note: str
    operator: str | None
    months: Fraction = Fraction(1)


@dataclass(frozen=True)
class ManualLine:
    """A line the clerk adds by hand (free text or a price item): net = quantity × unit price."""

    title: str
    quantity: Decimal
    unit_label: str
    unit_code: str
    unit_price: Decimal
    tax_category: TaxCategory
    tax_rate: Decimal
    detail: str = ""
    price_code: str = ""
    start: date | None = None
    end: date | None = None
    tax_note: str = ""

    @property
    def net(self) -> Decimal:
        """Quantity × unit price, rounded half-up to cents."""
        return to_money(self.quantity * self.unit_price) + ZERO


@dataclass(frozen=True)
class TaxTotal:
    """Net, tax and gross of the lines of one tax category and rate."""

    category: TaxCategory
    rate: Decimal
    net: Decimal
    tax: Decimal
    gross: Decimal


@dataclass
class InvoiceDraft:
    """The lines of one customer that go into one invoice, with totals and problems."""

    customer_id: int
    customer: str
    not_taxable: bool
    period: BillingPeriod | None
    lines: list[BillingLine] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    manual_lines: list[ManualLine] = field(default_factory=list)
    note: str = ""
    reference: str = ""
    """The recipient's own reference ("Ihr Zeichen", e.g. an order number), printed and sent."""

    @property
    def all_lines(self) -> list[BillingLine | ManualLine]:
        """The run's lines, then the lines added by hand."""
        return [*self.lines, *self.manual_lines]

    @property
    def totals(self) -> list[TaxTotal]:
        """Totals per tax category and rate, from the rounded lines."""
        return tax_totals(self.all_lines)

    @property
    def net(self) -> Decimal:
        """Sum of the line amounts."""
        return sum((t.net for t in self.totals), ZERO)

    @property
    def tax(self) -> Decimal:
        """Sum of the tax per rate."""
        return sum((t.tax for t in self.totals), ZERO)

    @property
    def gross(self) -> Decimal:
        """Amount due."""
        return self.net + self.tax


def round_cents(value: Fraction) -> Decimal:
    """An exact amount rounded half-up (away from zero) to cents."""
    cents = abs(value) * 100
    whole = math.floor(cents + Fraction(1, 2))
    return (Decimal(whole if value >= 0 else -whole) * CENT).quantize(CENT)


def line_net(quantity: Decimal, unit_price: Decimal, factor: Fraction) -> Decimal:
    """Quantity × unit price × factor, rounded once, half-up to cents."""
    return round_cents(Fraction(quantity) * Fraction(unit_price) * factor)


def tax_totals(lines: Sequence[BillingLine | ManualLine]) -> list[TaxTotal]:
    """Per category and rate: net summed from lines, tax rounded once on that sum."""
    sums: dict[tuple[TaxCategory, Decimal], Decimal] = {}
    for line in lines:
        key = (line.tax_category, line.tax_rate)
        sums[key] = sums.get(key, ZERO) + line.net
    result = []
    for (category, rate), net in sorted(sums.items(), key=lambda kv: (kv[0][0].value, kv[0][1])):
        tax = to_money(net * rate / 100) + ZERO
        result.append(TaxTotal(category, rate, net, tax, net + tax))
    return result


def is_due(rhythm: BillingRhythm, period: BillingPeriod) -> bool:
    """Whether a run of `period` charges agreements billed in `rhythm`."""
    months = _RHYTHM_MONTHS.get(rhythm)
    return months is not None and months <= period.months


def _share(start: date, end: date) -> Fraction:
    """Months between start and end (inclusive): whole months count 1, others days / days."""
    total = Fraction(0)
    day = start
    while day <= end:
        last = _month_end(day.year, day.month)
        upto = min(last, end)
        total += Fraction((upto - day).days + 1, last.day)
        day = upto + timedelta(days=1)
    return total


def unit_factor(unit: PriceUnit | None, months: Fraction) -> Fraction | None:
    """The factor of a periodic unit for a number of months; None: not periodic."""
    if unit in MONTHLY_UNITS:
        return months
    if unit in YEARLY_UNITS:
        return months / 12
    return None


def _counted_months(
    start: date, end: date, agreement: BilledAgreement, rule: ProRataRule
) -> Fraction:
    """Months a part counts; PER_STARTED_MONTH widens the agreement's first and last month."""
    if rule is ProRataRule.PER_STARTED_MONTH:
        if start == agreement.valid_from:
            start = start.replace(day=1)
        if end == agreement.valid_until:
            end = _month_end(end.year, end.month)
    return _share(start, end)


def _price_periods(prices: Sequence[PriceVersion]) -> list[tuple[date, date | None, PriceVersion]]:
    by_no = {v.version_no: v for v in prices}
    return [
        (p.valid_from, p.until, by_no[p.version_no])
        for p in periods([(v.version_no, v.valid_from) for v in prices])
    ]


def _version_on(
    table: Sequence[tuple[date, date | None, PriceVersion]], day: date
) -> PriceVersion | None:
    return next(
        (v for start, until, v in table if start <= day and (until is None or day <= until)), None
    )


def split_points(
    period: BillingPeriod,
    agreement: BilledAgreement,
    code: str,
    prices: Sequence[PriceVersion],
) -> list[tuple[date, date]]:
    """The parts of the period in which the agreement, quantity and price version stay the same."""
    start = max(period.start, agreement.valid_from)
    end = period.end if agreement.valid_until is None else min(period.end, agreement.valid_until)
    if start > end:
        return []
    cuts = {v.valid_from for v in prices}
    for q in agreement.quantities:
        if q.price_code == code:
            cuts.add(q.valid_from)
            if q.valid_until is not None:
                cuts.add(q.valid_until + timedelta(days=1))
    inner = sorted(c for c in cuts if start < c <= end)
    bounds = [start, *inner, end + timedelta(days=1)]
    return [(a, b - timedelta(days=1)) for a, b in pairwise(bounds)]


def _quantity(agreement: BilledAgreement, code: str, day: date) -> Decimal | None:
    return next(
        (q.quantity for q in agreement.quantities if q.price_code == code and q.covers(day)), None
    )


def _operator_gap(history: Sequence[Assignment], start: date, end: date) -> date | None:
    """The first day from start to end on which nobody operates the service, or None."""
    day = start
    while day <= end:
        current = operator_on(history, day)
        if current is None:
            return day
        if current.valid_until is None:
            return None
        day = current.valid_until + timedelta(days=1)
    return None


@dataclass
class _Collected:
    lines: list[BillingLine] = field(default_factory=list)
    problems: list[tuple[TaxCategory | None, Problem]] = field(default_factory=list)


def agreement_lines(
    period: BillingPeriod,
    agreement: BilledAgreement,
    prices: Sequence[PriceVersion],
    operators: Sequence[Assignment],
    rule: ProRataRule,
) -> _Collected:
    """The lines of one agreement for the period and the problems met on the way."""
    table = _price_periods(prices)
    out = _Collected()
    codes = sorted({q.price_code for q in agreement.quantities})
    for code in codes:
        for start, end in split_points(period, agreement, code, prices):
            _part(out, period, agreement, code, (start, end), table, operators, rule)
    return out


def _part(
    out: _Collected,
    period: BillingPeriod,
    agreement: BilledAgreement,
    code: str,
    part: tuple[date, date],
    table: Sequence[tuple[date, date | None, PriceVersion]],
    operators: Sequence[Assignment],
    rule: ProRataRule,
) -> None:
    start, end = part
    quantity = _quantity(agreement, code, start)
    if quantity is None:
        return
    version = _version_on(table, start)
    terms = version.items.get(code) if version else None
    if terms is None or terms.unit_price is None:
        category = terms.tax_category if terms else None
        message = _(
            "Agreement {number}: price item {code} has no price from {start} to {end}."
        ).format(number=agreement.number, code=code, start=_d(start), end=_d(end))
        out.problems.append((category, Problem("no_price", message)))
        return
    months = _counted_months(start, end, agreement, rule)
    factor = unit_factor(terms.unit, months)
    if factor is None:
        return
    gap = _operator_gap(operators, start, end)
    category = terms.tax_category
    if gap is not None:
        message = _("Agreement {number}: service {service} has no operator on {day}.").format(
            number=agreement.number, service=agreement.service_code, day=_d(gap)
        )
        out.problems.append((category, Problem("no_operator", message)))
    current = operator_on(operators, start)
    out.lines.append(
        BillingLine(
            agreement_id=agreement.agreement_id,
            agreement_number=agreement.number,
            price_code=code,
            title=terms.title,
            start=start,
            end=end,
            quantity=quantity,
            unit_label=terms.unit_label,
            unit_code=terms.unit_code,
            unit_price=terms.unit_price,
            factor=factor,
            net=line_net(quantity, terms.unit_price, factor),
            tax_category=category,
            tax_rate=terms.tax_rate if category is not TaxCategory.NOT_TAXABLE else ZERO,
            tax_note=terms.tax_note,
            operator=current.city if current else None,
            months=months,
        )
    )


def billing_run(
    period: BillingPeriod,
    customers: Sequence[BilledCustomer],
    agreements: Sequence[BilledAgreement],
    prices: Sequence[PriceVersion],
    operators: Mapping[str, Sequence[Assignment]],
    rule: ProRataRule = ProRataRule.PER_STARTED_MONTH,
) -> list[InvoiceDraft]:
    """The invoice drafts of a run: per customer one taxed and one not-taxable draft as needed."""
    by_customer: dict[int, _Collected] = {}
    for agreement in sorted(agreements, key=lambda a: (a.customer_id, a.number)):
        if not is_due(agreement.rhythm, period):
            continue
        found = agreement_lines(
            period, agreement, prices, operators.get(agreement.service_code, ()), rule
        )
        bucket = by_customer.setdefault(agreement.customer_id, _Collected())
        bucket.lines.extend(found.lines)
        bucket.problems.extend(found.problems)
    names = {c.customer_id: c for c in customers}
    drafts: list[InvoiceDraft] = []
    for customer_id, collected in sorted(by_customer.items()):
        drafts.extend(_drafts_of(period, names[customer_id], collected))
    return drafts


def _drafts_of(
    period: BillingPeriod, customer: BilledCustomer, collected: _Collected
) -> list[InvoiceDraft]:
    """Split a customer's lines by taxed / not taxable; each draft carries its problems once."""
    result = []
    for not_taxable in (False, True):
        lines = [
            line
            for line in collected.lines
            if (line.tax_category is TaxCategory.NOT_TAXABLE) == not_taxable
        ]
        problems = list(
            dict.fromkeys(
                p
                for category, p in collected.problems
                if (category is TaxCategory.NOT_TAXABLE) == not_taxable
            )
        )
        if not lines and not problems:
            continue
        draft = InvoiceDraft(customer.customer_id, customer.name, not_taxable, period, lines)
        draft.problems = problems
        result.append(draft)
    return result
