"""Statute and amendment PDFs: every member, totals in German format, the members of the date."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from pypdf import PdfReader

from zidkor_desktop import l10n
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import NotFound
from zidkor_desktop.domain.kinds import OrganisationKind
from zidkor_desktop.queries.statute import list_versions, version_sections
from zidkor_desktop.usecases.demo import FOUNDING_MEMBERS, KOMMWIS, load_demo
from zidkor_desktop.usecases.members import MemberInput, create_member
from zidkor_desktop.usecases.statute import (
    Approval,
    adopt,
    approve,
    create_default_statute,
    new_amendment,
    put_in_force,
    save_sections,
)
from zidkor_desktop.usecases.statute_pdf import amendment_pdf, statute_pdf

TODAY = date(2027, 2, 1)
JOINS = date(2027, 1, 1)


@pytest.fixture(autouse=True)
def german() -> Iterator[None]:
    """The documents are tested in German, the default language."""
    previous = l10n.current_language()
    l10n.set_language("de")
    yield
    l10n.set_language(previous)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, date(2026, 11, 25))
    return db


def text_of(pdf: bytes) -> str:
    """All text, white space (line breaks, no-break spaces) as one space."""
    reader = PdfReader(BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def euro(amount: Decimal) -> str:
    """'30.000,00 €', computed independently of Babel."""
    return f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".") + " €"


def test_statute_pdf_holds_every_member_and_the_totals(demo: Database) -> None:
    pdf = statute_pdf(demo, None, TODAY)
    assert pdf.startswith(b"%PDF") and b"/FontFile2" in pdf
    text = text_of(pdf)
    founders = [*FOUNDING_MEMBERS, KOMMWIS]
    for name, *_address, votes in founders:
        assert f"{name} {votes} {euro(Decimal(2000) * votes)}" in text
    votes = sum(entry[-1] for entry in founders)
    assert votes == 15
    assert f"Gesamt {votes} {euro(Decimal(2000) * votes)}" in text
    assert "Gesamt 15 30.000,00 €" in text
    assert f"zusammen {votes} Stimmen" in text
    assert "2.000,00 € je Stimme" in text and "insgesamt 30.000,00 €" in text
    assert "Standesamtsverfahren AutiSta (betreibende Stadt: Stadt Mainz)" in text
    pages = len(PdfReader(BytesIO(pdf)).pages)
    assert pages > 1 and f"Seite {pages} von {pages}" in text
    assert "Fassung 1, in Kraft ab 01.10.2012" in text
    assert "§ 1 Name, Sitz und Rechtsform" in text and "§ 16 Inkrafttreten" in text
    assert "Genehmigt von der Aufsichtsbehörde am 20.09.2012" in text
    assert "{{" not in text


def _worms(db: Database) -> None:
    create_member(
        db,
        MemberInput(
            name="Stadt Worms",
            kind=OrganisationKind.CITY,
            votes=1,
            applied_on=date(2026, 5, 4),
            council_resolution_on=date(2026, 6, 11),
            council_resolution_ref="Stadtrat 11.06.2026",
            assembly_resolution_on=date(2026, 9, 10),
            authority_approved_on=date(2026, 11, 2),
            authority_file_number="ADD 17 062-12 ZIDKOR/40",
            member_from=JOINS,
        ),
        TODAY,
    )


def _accession_version(db: Database) -> int:
    """A new version in force from the day Worms joins, with § 4 reworded."""
    number = new_amendment(db, TODAY)
    lock = next(v.version for v in list_versions(db, TODAY) if v.version_no == number)
    sections = [s.draft() for s in version_sections(db, number)]
    sections[3] = replace(
        sections[3], body="Organe sind die Verbandsversammlung und der Verbandsvorsteher."
    )
    save_sections(db, number, sections, lock)
    adopt(db, number, date(2026, 9, 10), "Beschluss 7/2026, TOP 4", TODAY)
    approve(
        db,
        number,
        Approval(date(2026, 11, 2), "ADD 17 062-12 ZIDKOR/40", date(2026, 11, 20), "StAnz 45/2026"),
        TODAY,
    )
    put_in_force(db, number, JOINS)
    return number


def test_each_version_shows_the_members_of_its_date(demo: Database) -> None:
    _worms(demo)
    number = _accession_version(demo)
    old = text_of(statute_pdf(demo, 1, TODAY))
    assert "Stadt Worms" not in old and "Gesamt 15 30.000,00 €" in old
    new = text_of(statute_pdf(demo, number, TODAY))
    assert "Stadt Worms 1 2.000,00 €" in new and "Gesamt 16 32.000,00 €" in new
    assert "Die 10 Mitglieder haben zusammen 16 Stimmen" in new
    assert f"Fassung {number}, in Kraft ab 01.01.2027" in new
    # The version in force today is the new one; on the day before, version 1 with its members.
    assert text_of(statute_pdf(demo, None, TODAY)) == new
    before = text_of(statute_pdf(demo, 1, TODAY, as_of=date(2026, 12, 31)))
    assert "Stadt Worms" not in before and "Gesamt 15 30.000,00 €" in before


def test_amendment_pdf_after_an_accession(demo: Database) -> None:
    _worms(demo)
    number = _accession_version(demo)
    text = text_of(amendment_pdf(demo, 1, number, TODAY))
    assert "Satzung zur Änderung der Verbandsordnung des Zweckverbands" in text
    assert "Die Verbandsversammlung hat am 10. September 2026 folgende Satzung beschlossen" in text
    assert "Artikel 1 — Änderung der Verbandsordnung" in text
    assert (
        "1. § 2 erhält folgende Fassung: „§ 2 Mitglieder (1) Mitglieder des Zweckverbands" in text
    )
    assert "Stadt Worms: 1 Stimme, Anteil am Stammkapital 2.000,00 €" in text
    assert "2. § 4 erhält folgende Fassung: „§ 4 Organe Organe sind die Verbandsversammlung" in text
    assert "3. § 10 Abs. 1 erhält folgende Fassung:" in text and "insgesamt 32.000,00 €" in text
    assert "Artikel 2 — Inkrafttreten Diese Satzung tritt am 1. Januar 2027 in Kraft." in text
    assert "Seite 1 von" in text and f"Fassung 1 → Fassung {number}" in text


def test_user_text_is_printed_literally(db: Database) -> None:
    number = create_default_statute(db)
    sections = [s.draft() for s in version_sections(db, number)]
    sections[0] = replace(sections[0], heading="Name <b>& Sitz</b>")
    save_sections(db, number, sections, list_versions(db, TODAY)[0].version)
    text = text_of(statute_pdf(db, number, TODAY))
    assert "§ 1 Name <b>& Sitz</b>" in text
    assert "Fassung 1 (Entwurf), Stand 01.02.2027" in text
    with pytest.raises(NotFound, match="Heute ist keine Verbandsordnung in Kraft"):
        statute_pdf(db, None, TODAY)
