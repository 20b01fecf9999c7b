"""Bank statements in ISO 20022 CAMT.053 (as German banks deliver them): the credit entries.

Only booked credit entries (CdtDbtInd CRDT, status BOOK) are read; each keeps the bank's
reference (the entry's AcctSvcrRef, else its NtryRef, else the transaction's AcctSvcrRef or
EndToEndId, else statement id and position) by which a second import recognises it. Anything that
is not a CAMT.053 document — a CAMT.054, another XML, a damaged file — is refused in German.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from lxml import etree

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.l10n import gettext as _

_CAMT053 = re.compile(r"^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.\d\d$")
_CAMT = re.compile(r"^urn:iso:std:iso:20022:tech:xsd:(camt\.\d{3})\.001\.\d\d$")


@dataclass(frozen=True)
class CreditEntry:
    """A credit on the association's account."""

    bank_reference: str
    booked_on: date
    amount: Decimal
    debtor_name: str
    debtor_iban: str
    remittance: str


@dataclass(frozen=True)
class Statement:
    """The statement's id and its credit entries."""

    statement_id: str
    iban: str
    entries: list[CreditEntry]


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, "file")


def _text(node: etree._Element | None, path: str, ns: dict[str, str]) -> str:
    if node is None:
        return ""
    found = node.find(path, ns)
    return " ".join((found.text or "").split()) if found is not None else ""


def _day(text: str) -> date:
    return date.fromisoformat(text[:10])


def parse_statement(data: bytes) -> Statement:
    """The credit entries of a CAMT.053 file; ValidationError for anything else."""
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _refuse(
            _("The file is no readable XML (damaged or not a bank statement): {error}").format(
                error=exc.msg
            )
        ) from exc
    namespace = etree.QName(root).namespace or ""
    if not _CAMT053.match(namespace):
        other = _CAMT.match(namespace)
        if other:
            raise _refuse(
                _(
                    "The file is a {kind} message, not an account statement (CAMT.053). Please "
                    "export the account statement (Kontoauszug) from online banking."
                ).format(kind=other.group(1).upper())
            )
        raise _refuse(_("The file is no CAMT.053 account statement."))
    ns = {"c": namespace}
    statement = root.find("c:BkToCstmrStmt/c:Stmt", ns)
    if statement is None:
        raise _refuse(_("The file contains no statement (Stmt)."))
    statement_id = _text(statement, "c:Id", ns)
    entries = []
    for position, entry in enumerate(statement.findall("c:Ntry", ns), 1):
        entries.extend(_credit(entry, ns, statement_id, position))
    return Statement(statement_id, _text(statement, "c:Acct/c:Id/c:IBAN", ns), entries)


def _status(entry: etree._Element, ns: dict[str, str]) -> str:
    return _text(entry, "c:Sts/c:Cd", ns) or _text(entry, "c:Sts", ns)


def _credit(
    entry: etree._Element, ns: dict[str, str], statement_id: str, position: int
) -> list[CreditEntry]:
    if _text(entry, "c:CdtDbtInd", ns) != "CRDT" or _status(entry, ns) != "BOOK":
        return []
    try:
        amount = Decimal(_text(entry, "c:Amt", ns))
    except InvalidOperation as exc:
        raise _refuse(
            _("Entry {n} of the statement has no readable amount.").format(n=position)
        ) from exc
    booked = _text(entry, "c:BookgDt/c:Dt", ns) or _text(entry, "c:BookgDt/c:DtTm", ns)
    if not booked:
        raise _refuse(_("Entry {n} of the statement has no booking date.").format(n=position))
    details = entry.find("c:NtryDtls/c:TxDtls", ns)
    reference = (
        _text(entry, "c:AcctSvcrRef", ns)
        or _text(entry, "c:NtryRef", ns)
        or _text(details, "c:Refs/c:AcctSvcrRef", ns)
        or _text(details, "c:Refs/c:EndToEndId", ns).replace("NOTPROVIDED", "")
        or f"{statement_id}/{position}"
    )
    remittance = " ".join(
        (node.text or "").strip()
        for node in (details.findall("c:RmtInf/c:Ustrd", ns) if details is not None else [])
    )
    structured = _text(details, "c:RmtInf/c:Strd/c:CdtrRefInf/c:Ref", ns)
    return [
        CreditEntry(
            bank_reference=reference,
            booked_on=_day(booked),
            amount=amount,
            debtor_name=_text(details, "c:RltdPties/c:Dbtr/c:Nm", ns)
            or _text(details, "c:RltdPties/c:Dbtr/c:Pty/c:Nm", ns),
            debtor_iban=_text(details, "c:RltdPties/c:DbtrAcct/c:Id/c:IBAN", ns),
            remittance=" ".join(p for p in (structured, remittance) if p),
        )
    ]


@dataclass(frozen=True)
class OpenInvoice:
    """An invoice that can receive a payment: number, recipient and amount open."""

    number: str
    buyer: str
    open: Decimal


def _squeeze(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.casefold())


def names_number(text: str, number: str) -> bool:
    """Whether `text` names the invoice number (spaces, dashes may differ; 12 is not 123)."""
    chars = [c for c in number if c.isalnum()]
    if not chars:
        return False
    pattern = r"(?<![0-9A-Za-z])" + r"[\s\-/_.]*".join(map(re.escape, chars)) + r"(?![0-9])"
    return re.search(pattern, text, re.IGNORECASE) is not None


def match(entry: CreditEntry, invoices: list[OpenInvoice]) -> tuple[OpenInvoice | None, str]:
    """The invoice an entry pays and why: its number in the remittance, else amount and name."""
    by_number = [i for i in invoices if names_number(entry.remittance, i.number)]
    if len(by_number) == 1:
        return by_number[0], "number"
    name = _squeeze(entry.debtor_name)
    by_amount = [
        i
        for i in invoices
        if i.open == entry.amount
        and name
        and (_squeeze(i.buyer) in name or name in _squeeze(i.buyer))
    ]
    if len(by_amount) == 1:
        return by_amount[0], "amount_and_name"
    return None, ""
