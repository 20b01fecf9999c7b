"""CAMT.053 (and CAMT.054) documents made by the tests, as German banks write them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Credit:
    """One entry: amount, debtor, remittance text, bank reference; debit for a payment out."""

    amount: Decimal
    debtor: str
    remittance: str
    reference: str
    booked_on: date = date(2027, 2, 10)
    debit: bool = False


def _entry(credit: Credit) -> str:
    side = "DBIT" if credit.debit else "CRDT"
    return f"""
    <Ntry>
      <Amt Ccy="EUR">{credit.amount:.2f}</Amt>
      <CdtDbtInd>{side}</CdtDbtInd>
      <Sts><Cd>BOOK</Cd></Sts>
      <BookgDt><Dt>{credit.booked_on.isoformat()}</Dt></BookgDt>
      <ValDt><Dt>{credit.booked_on.isoformat()}</Dt></ValDt>
      <AcctSvcrRef>{escape(credit.reference)}</AcctSvcrRef>
      <BkTxCd><Prtry><Cd>NTRF+166</Cd><Issr>DK</Issr></Prtry></BkTxCd>
      <NtryDtls><TxDtls>
        <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
        <RltdPties>
          <Dbtr><Pty><Nm>{escape(credit.debtor)}</Nm></Pty></Dbtr>
          <DbtrAcct><Id><IBAN>DE12500105170648489890</IBAN></Id></DbtrAcct>
        </RltdPties>
        <RmtInf><Ustrd>{escape(credit.remittance)}</Ustrd></RmtInf>
      </TxDtls></NtryDtls>
    </Ntry>"""


def statement(credits: Sequence[Credit], kind: str = "053", version: str = "08") -> bytes:
    """A statement document with the given entries (kind "054" gives a CAMT.054)."""
    body = "BkToCstmrStmt" if kind == "053" else "BkToCstmrDbtCdtNtfctn"
    inner = "Stmt" if kind == "053" else "Ntfctn"
    entries = "".join(_entry(c) for c in credits)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.{kind}.001.{version}">
  <{body}>
    <GrpHdr><MsgId>MSG-1</MsgId><CreDtTm>2027-02-11T06:00:00</CreDtTm></GrpHdr>
    <{inner}>
      <Id>STMT-2027-02-10</Id>
      <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>{entries}
    </{inner}>
  </{body}>
</Document>
""".encode()
