"""Accession record (Beitrittsübersicht) PDF: the seed's Mainz accession and a city mid-way."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from zidkor_desktop import l10n
from zidkor_desktop.db.models import Organisation
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.kinds import OrganisationKind
from zidkor_desktop.domain.membership_steps import Step
from zidkor_desktop.usecases.accession_record import (
    accession_file_name,
    accession_record_pdf,
    save_accession_record,
)
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.members import MemberInput
from zidkor_desktop.usecases.membership_steps import (
    StepInput,
    membership_version,
    record_application,
    take_step,
)

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


def text_of(pdf: bytes) -> str:
    """All pages' text with whitespace (line breaks in cells too) as single spaces."""
    reader = PdfReader(BytesIO(pdf))
    return " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def org_id(db: Database, name: str) -> int:
    with db.sessions() as session:
        return int(session.scalar(select(Organisation.id).where(Organisation.name == name)))


def test_mainz_record_shows_the_seed_steps_votes_and_capital(demo: Database) -> None:
    pdf = accession_record_pdf(demo, org_id(demo, "Stadt Mainz"), DAY)
    text = text_of(pdf)
    for expected in (
        "Beitrittsübersicht",
        "Stadt Mainz",
        "Antrag",
        "15.05.2012",
        "Ratsbeschluss",
        "28.06.2012",
        "Beitritt der Stadt Mainz",
        "Genehmigung durch die Aufsichtsbehörde",
        "20.09.2012",
        "Beginn der Mitgliedschaft",
        "Nächster Schritt",
        "Kündigung",
        "2.000,00 €",
        "Verbandsordnung Fassung 1",
        "KDZ Mainz",
        "Seite 1 von 1",
    ):
        assert expected in text, expected
    assert b"/FontFile2" in pdf  # embedded TrueType fonts


def test_record_of_an_applicant_mid_way(demo: Database, tmp_path: Path) -> None:
    data = MemberInput(
        name="Stadt Worms (Beispiel)",
        kind=OrganisationKind.CITY,
        votes=1,
        street="Marktplatz 2",
        postcode="67547",
        city="Worms",
        applied_on=date(2026, 9, 1),
    )
    org = record_application(demo, data, DAY)
    step = StepInput(Step.COUNCIL_RESOLUTION, date(2026, 9, 10), "Beschluss 12/2026")
    take_step(demo, org, membership_version(demo, org), step, DAY)
    target = tmp_path / accession_file_name("Stadt Worms (Beispiel)", DAY)
    assert target.name == "Beitrittsuebersicht-Stadt-Worms-Beispiel-2026-11-25.pdf"
    written = save_accession_record(demo, org, DAY, target)
    text = text_of(written.read_bytes())
    assert "Marktplatz 2, 67547 Worms" in text
    assert "Ratsbeschluss" in text and "Beschluss 12/2026" in text
    assert "Zustimmung der Verbandsversammlung" in text  # the next step
