"""Schedule of services and fees PDF: version in force, operators on the date, German prices."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select, text

from zidkor_desktop import l10n
from zidkor_desktop.db.models import Service
from zidkor_desktop.db.models.pricelist import PriceItem, PriceList
from zidkor_desktop.documents.price_list import (
    PriceListDocument,
    PriceListLine,
    PriceListService,
    render_price_list,
)
from zidkor_desktop.domain.errors import NotFound
from zidkor_desktop.domain.kinds import TaxCategory
from zidkor_desktop.queries.services import eligible_cities
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.price_list_pdf import price_list_pdf
from zidkor_desktop.usecases.services import assign_operator, service_id_by_code

DAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def german() -> Iterator[None]:
    """The documents are tested in German, the default language."""
    previous = l10n.current_language()
    l10n.set_language("de")
    yield
    l10n.set_language(previous)


def page_texts(pdf: bytes) -> list[str]:
    """Text of every page, all white space (line breaks, non-breaking spaces) as one space."""
    reader = PdfReader(BytesIO(pdf))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def german_price(amount: Decimal) -> str:
    """'1.200,00 €', or with 4 places where the price has them ('0,0450 €'); independent."""
    places = 2 if amount == amount.quantize(Decimal("0.01")) else 4
    plain = f"{amount:,.{places}f}"
    return plain.replace(",", "_").replace(".", ",").replace("_", ".") + " €"


def german_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def items_of(db: Any, version_no: int) -> list[Any]:
    """The items of a version straight from the tables (the column types decode the prices)."""
    item = PriceItem.__table__.c
    lists = PriceList.__table__.c
    services = Service.__table__.c
    stmt = (
        select(
            item.title,
            item.unit_price,
            services.code.label("service_code"),
            services.name.label("service_name"),
        )
        .join_from(PriceItem.__table__, PriceList.__table__, lists.id == item.price_list_id)
        .join(Service.__table__, services.id == item.service_id)
        .where(lists.version_no == version_no)
        .order_by(item.position)
    )
    with db.sessions() as session:
        return list(session.execute(stmt))


def operator_city(db: Any, service_code: str, day: date) -> str:
    """The operating city of a service on a day, straight from the tables."""
    sql = text(
        "SELECT o.name FROM service_operator so JOIN service s ON s.id = so.service_id "
        "JOIN organisation o ON o.id = so.organisation_id WHERE s.code = :code "
        "AND so.valid_from <= :day AND (so.valid_until IS NULL OR so.valid_until >= :day)"
    )
    with db.sessions() as session:
        return str(session.execute(sql, {"code": service_code, "day": day}).scalar_one())


def test_demo_schedule_shows_every_item_with_its_german_price(db: Any) -> None:
    load_demo(db, DAY)
    pdf = price_list_pdf(db, DAY, printed_on=DAY)
    assert pdf.startswith(b"%PDF") and b"/FontFile2" in pdf
    pages = page_texts(pdf)
    whole = " ".join(pages)
    items = items_of(db, 1)
    assert len(items) == 5
    for item in items:
        assert german_price(Decimal(item.unit_price)) in whole
        assert item.title in whole
    assert "0,0450 €" in whole and "1.200,00 €" in whole and "38,50 €" in whole
    assert "je Arbeitsplatz und Monat" in whole
    for code in {item.service_code for item in items}:
        name = next(i.service_name for i in items if i.service_code == code)
        assert f"{code} – {name}" in whole
        city = operator_city(db, code, DAY)
        assert f"Betreiber am 25.11.2026: {city}" in whole
    first = pages[0]
    assert "Leistungs- und Entgeltverzeichnis" in first
    assert "Fassung 1, gültig ab 01.01.2026" in first
    assert "Preise und Betreiber am 25.11.2026" in first
    assert "Nicht steuerbar" in whole and "§ 2b Abs. 3 UStG" in whole
    assert f"Seite 1 von {len(pages)}" in first
    assert f"Seite {len(pages)} von {len(pages)}" in pages[-1]
    assert "Zweckverband für Informationstechnologie" in first


def test_operator_on_the_date_before_and_after_a_change(db: Any) -> None:
    load_demo(db, DAY)
    change = date(2026, 12, 1)
    before = operator_city(db, "EPR-EMV", date(2026, 11, 30))
    new_id, new_city = next(c for c in eligible_cities(db, change) if c[1] != before)
    assign_operator(db, service_id_by_code(db, "EPR-EMV"), new_id, change, "Beschluss 7/2026")
    assert operator_city(db, "EPR-EMV", change) == new_city
    old_text = " ".join(page_texts(price_list_pdf(db, date(2026, 11, 30))))
    new_text = " ".join(page_texts(price_list_pdf(db, change)))
    assert f"Betreiber am 30.11.2026: {before}" in old_text
    assert f"Betreiber am 01.12.2026: {new_city}" in new_text
    assert new_city not in old_text and before not in new_text


def test_a_date_before_any_published_version_is_a_german_error(db: Any) -> None:
    load_demo(db, DAY)
    with pytest.raises(NotFound) as refused:
        price_list_pdf(db, date(2025, 12, 31))
    assert str(refused.value) == (
        "Am 31.12.2025 ist kein veröffentlichtes Leistungs- und Entgeltverzeichnis in Kraft."
    )


def _add_version(db: Any, version_no: int, valid_from: date, price: str, publish: bool) -> None:
    """A further version with one changed AUT-01 price, published or left as a draft."""
    with db.write() as session:
        first = session.query(PriceList).filter_by(version_no=1).one()
        item = session.query(PriceItem).filter_by(price_list_id=first.id, code="AUT-01").one()
        version = PriceList(
            version_no=version_no,
            title=f"Fassung {version_no}",
            status="draft",
            valid_from=valid_from,
        )
        version.items.append(
            PriceItem(
                position=1,
                code="AUT-01",
                service_id=item.service_id,
                title="AutiSta <neu> & günstiger",
                unit=item.unit,
                unit_price=Decimal(price),
                tax_category=TaxCategory.STANDARD.value,
                tax_rate=Decimal("19.00"),
                billing_rhythm=item.billing_rhythm,
            )
        )
        session.add(version)
        session.flush()
        if publish:
            version.status = "published"


def test_the_version_in_force_is_chosen_and_drafts_are_ignored(db: Any) -> None:
    load_demo(db, DAY)  # has version 1 (2026, published) and the draft 2 (2027)
    _add_version(db, 3, date(2027, 1, 1), "41.2375", publish=True)
    _add_version(db, 4, date(2026, 6, 1), "99.00", publish=False)
    old = " ".join(page_texts(price_list_pdf(db, date(2026, 12, 31))))
    assert "Fassung 1, gültig ab 01.01.2026 bis 31.12.2026" in old
    assert "38,50 €" in old and "99,00 €" not in old
    new = " ".join(page_texts(price_list_pdf(db, date(2027, 3, 1))))
    assert "Fassung 3, gültig ab 01.01.2027" in new and "gültig ab 01.01.2027 bis" not in new
    assert "41,2375 €" in new and "38,50 €" not in new
    assert "AutiSta <neu> & günstiger" in new  # user text printed literally
    assert "19 % USt" in new
    operator = operator_city(db, "AUTISTA", date(2027, 3, 1))
    assert f"Betreiber am 01.03.2027: {operator}" in new


def line(position: int) -> PriceListLine:
    return PriceListLine(
        position=position,
        code=f"P-{position}",
        title=f"Position {position} <b>fett</b> & Co",
        description="Beschreibung",
        unit_text="je Vorgang",
        unit_price=Decimal("1234.5"),
        tax_category=TaxCategory.REDUCED,
        tax_note="",
        rhythm_label="Monatlich",
    )


def test_long_schedule_numbers_every_page_and_escapes_user_text() -> None:
    doc = PriceListDocument(
        association_name="Verband <Test> & Partner",
        short_name="VT",
        version_no=4,
        title="Leistungs- und Entgeltverzeichnis",
        valid_from=date(2026, 1, 1),
        valid_until=None,
        as_of=DAY,
        services=[PriceListService("S-1", "Dienst & Co", None, [line(n) for n in range(1, 120)])],
        printed_on=DAY,
    )
    pages = page_texts(render_price_list(doc))
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Seite {number} von {len(pages)}" in page
        assert "Fassung 4, gültig ab 01.01.2026" in page  # running header on every page
    whole = " ".join(pages)
    assert "Verband <Test> & Partner" in whole
    assert "Position 119 <b>fett</b> & Co" in whole
    assert "Betreiber am 25.11.2026: keiner" in whole
    assert "1.234,50 €" in whole and "7 % USt" in whole
