"""Members list PDF: demo data, embedded fonts, page numbers, repeated header, escaping."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader

from zidkor_desktop import l10n
from zidkor_desktop.documents.member_list import (
    MemberListGroup,
    MemberListRow,
    MemberListSnapshot,
    render_member_list,
)
from zidkor_desktop.domain.votes import Balance
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.member_list import member_list_pdf

DAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def german() -> Iterator[None]:
    """The documents are tested in German, the default language."""
    previous = l10n.current_language()
    l10n.set_language("de")
    yield
    l10n.set_language(previous)


def page_texts(pdf: bytes) -> list[str]:
    """Text of every page, non-breaking spaces as plain spaces."""
    reader = PdfReader(BytesIO(pdf))
    return [(page.extract_text() or "").replace("\u00a0", " ") for page in reader.pages]


def snapshot(rows: list[MemberListRow]) -> MemberListSnapshot:
    """A snapshot around synthetic rows (totals need not add up for layout tests)."""
    return MemberListSnapshot(
        association_name="Zweckverband Test",
        short_name="ZT",
        as_of=DAY,
        groups=[
            MemberListGroup(
                label=f"{len(rows)} Mitglieder",
                rows=rows,
                votes=len(rows),
                capital_due=Decimal("2000.00") * len(rows),
                capital_paid=Decimal("2000.00") * len(rows),
                balance=Balance(len(rows), len(rows), len(rows), len(rows)),
            )
        ],
        printed_on=DAY,
    )


def row(name: str, votes: str = "1") -> MemberListRow:
    return MemberListRow(name, "Stadt", "Mitglied", votes, Decimal("2000.00"), Decimal("0.00"))


def test_demo_members_list(db: Any) -> None:
    load_demo(db, DAY)
    pdf = member_list_pdf(db, DAY)
    assert pdf.startswith(b"%PDF")
    assert b"/FontFile2" in pdf
    pages = page_texts(pdf)
    assert len(pages) == 1
    text = pages[0]
    for expected in (
        "Mitgliederverzeichnis",
        "Stand: 25.11.2026",
        "Stadt Mainz",
        "KommWis GmbH",
        "14.000,00 €",
        "30.000,00 €",
        "Stammkapital",
        "davon Gebietskörperschaften: 8 Mitglieder, 8 Stimmen",
        "Seite 1 von 1",
    ):
        assert expected in text, expected
    metadata = PdfReader(BytesIO(pdf)).metadata
    assert metadata is not None
    assert metadata.author == "ZIDKOR"
    assert "Mitgliederverzeichnis" in (metadata.title or "")
    assert (metadata.creator or "").startswith("ZIDKOR Desktop ")


def test_many_rows_break_into_pages_with_the_header_repeated() -> None:
    rows = [row(f"Gemeinde {n:03d}") for n in range(120)]
    pages = page_texts(render_member_list(snapshot(rows)))
    assert len(pages) >= 3
    total = len(pages)
    assert f"Seite 2 von {total}" in pages[1]
    for number, text in enumerate(pages, start=1):
        assert f"Seite {number} von {total}" in text
        assert "Stimmen" in text and "Stammkapital" in text, f"no header on page {number}"
    assert "Gemeinde 119" in pages[-1]
    assert "Mitgliederverzeichnis" not in pages[1]


def test_user_text_is_printed_literally() -> None:
    rows = [row("Stadt <b>&amp; Co"), row("Antragsteller & Partner", votes="–")]
    text = page_texts(render_member_list(snapshot(rows)))[0]
    assert "Stadt <b>&amp; Co" in text
    assert "Antragsteller & Partner" in text
    assert "–" in text
