"""Agreement PDF: parties, operating city, sections from the template, annex with German prices."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from zidkor_desktop import l10n
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.queries.agreement_document import template_sections
from zidkor_desktop.queries.agreements import agreement_id_by_number
from zidkor_desktop.queries.members import list_members
from zidkor_desktop.usecases.agreement_pdf import agreement_pdf
from zidkor_desktop.usecases.agreement_template import update_section
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.services import assign_operator, service_id_by_code

DAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def german() -> Iterator[None]:
    previous = l10n.current_language()
    l10n.set_language("de")
    yield
    l10n.set_language(previous)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, DAY)
    return db


def pdf_text(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(BytesIO(pdf))
    pages = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    return " ".join(pages), len(pages)


def euro(amount: str) -> str:
    """German amount written independently: '38,50 €', '0,0450 €', '1.200,00 €'."""
    whole, _dot, cents = amount.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{cents} €"


def test_zweckvereinbarung_pdf_holds_parties_operator_approval_and_annex(demo: Database) -> None:
    ahrweiler = agreement_id_by_number(demo, "ZV-2012-001")
    text, pages = pdf_text(agreement_pdf(demo, ahrweiler, DAY, printed_on=DAY))
    assert text.startswith("Zweckvereinbarung")
    for expected in (
        "Zweckverband für Informationstechnologie und Datenverarbeitung der Kommunen",
        "Hindenburgplatz 3",
        "Stadt Bad Neuenahr-Ahrweiler",
        "Hauptstraße 116",
        "betreibende Stadt ist derzeit Stadt Koblenz",
        "27.06.2013",
        "17 062-12 ZIDKOR/21a",
        "Art. 28",
        "Datenschutz",
        "Kündigungsfrist beträgt 12 Monate",
        "01.10.2012",
        "EPR-01",
        "ePR mit Sicherungsregister – je Einwohner",
        euro("0.0450"),
        "28.500",
        "Einwohnerzahl 2026",
        "EPR-02",
        euro("12.00"),
        f"Seite 1 von {pages}",
    ):
        assert expected in text, expected
    assert "{{" not in text


def test_member_agreement_operator_follows_the_date(demo: Database) -> None:
    trier = agreement_id_by_number(demo, "SV-2014-004")
    ids = {r.name: r.organisation_id for r in list_members(demo, DAY)}
    assign_operator(demo, service_id_by_code(demo, "AUTISTA"), ids["Stadt Trier"], date(2027, 7, 1))
    before, _pages = pdf_text(agreement_pdf(demo, trier, DAY))
    after, _pages = pdf_text(agreement_pdf(demo, trier, date(2027, 7, 1)))
    assert before.startswith("Servicevereinbarung")
    assert "betreibende Stadt ist derzeit Stadt Mainz" in before
    assert "betreibende Stadt ist derzeit Stadt Trier" in after
    assert euro("38.50") in before and euro("1200.00") in before
    assert "Genehmigung" not in before.split("§ 1")[0]  # no approval line for a member


def test_edited_section_is_printed_and_unknown_placeholders_refused(demo: Database) -> None:
    with pytest.raises(ValidationError, match="gemeinde"):
        update_section(demo, "final", "§ 7 Schluss", "Gilt für {{gemeinde}}.")
    update_section(
        demo, "final", "§ 7 Schlussbestimmungen", "Vereinbarung {{nummer}} mit {{kunde}} & Co <b>."
    )
    assert [s.key for s in template_sections(demo)][-1] == "final"
    assert len(template_sections(demo)) == 7
    text, _pages = pdf_text(agreement_pdf(demo, agreement_id_by_number(demo, "SV-2014-004"), DAY))
    assert "Vereinbarung SV-2014-004 mit Stadt Trier & Co <b>." in text
    assert "§ 5 Datenschutz (Verarbeitung im Auftrag)" in text
