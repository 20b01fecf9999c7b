"""Customers on SQLite and PostgreSQL: every rule with its refusing case, locking, member link."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from zidkor_desktop import l10n
from zidkor_desktop.db.models import AuditEntry, Organisation, Population
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.customers import AddressScheme, PopulationFigure
from zidkor_desktop.domain.errors import ConcurrentChange, NotFound, ValidationError
from zidkor_desktop.domain.kinds import AgreementStatus, OrganisationKind
from zidkor_desktop.domain.leitweg import make_leitweg_id
from zidkor_desktop.queries.customers import (
    customer_agreements,
    customer_populations,
    is_member_on,
    list_customers,
    member_choices,
    proposed_debtor_number,
    residents_in,
)
from zidkor_desktop.queries.members import list_members
from zidkor_desktop.usecases.customers import (
    CustomerInput,
    create_customer,
    get_customer,
    update_customer,
)
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.members import get_member, update_member

TODAY = date(2026, 11, 25)
LEITWEG = make_leitweg_id("071405001", "ZIDKOR")
SOURCE = "Statistisches Landesamt RLP"


@pytest.fixture(autouse=True)
def german() -> Iterator[None]:
    l10n.set_language("de")
    yield
    l10n.set_language("de")


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, TODAY)
    return db


def musterland(**changes: object) -> CustomerInput:
    """Workflow 5's new customer, valid unless `changes` break it."""
    data = CustomerInput(
        name="Verbandsgemeinde Musterland",
        kind=OrganisationKind.VERBANDSGEMEINDE,
        street="Rathausplatz 1",
        postcode="56001",
        city="Musterland",
        address_extra="Standesamt",
        contact_name="Frau Beispiel",
        contact_phone="02600 12-0",
        einvoice_email="rechnung@vg-musterland.example",
        leitweg_id=LEITWEG,
        populations=[PopulationFigure(2026, 21400, SOURCE, date(2025, 12, 31))],
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def refused(db: Database, data: CustomerInput) -> ValidationError:
    with pytest.raises(ValidationError) as err:
        create_customer(db, data, TODAY)
    return err.value


def organisation_count(db: Database) -> int:
    with db.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(Organisation)) or 0)


# --- creating, reading, listing ------------------------------------------------------------------


def test_new_customer_is_stored_with_every_field_and_the_next_debtor_number(
    demo: Database,
) -> None:
    assert proposed_debtor_number(demo) == "10103"
    customer_id = create_customer(demo, musterland(vat_id="de 123456789"), TODAY)
    record = get_customer(demo, customer_id)
    data = record.data
    assert data.debtor_number == "10103"
    assert (data.name, data.kind, data.member_id) == (
        "Verbandsgemeinde Musterland",
        OrganisationKind.VERBANDSGEMEINDE,
        None,
    )
    assert (data.street, data.postcode, data.city, data.address_extra) == (
        "Rathausplatz 1",
        "56001",
        "Musterland",
        "Standesamt",
    )
    assert (data.contact_name, data.contact_phone) == ("Frau Beispiel", "02600 12-0")
    assert (data.leitweg_id, data.scheme, data.vat_id) == (
        LEITWEG,
        AddressScheme.LEITWEG_ID,
        "DE123456789",
    )
    assert data.populations == [PopulationFigure(2026, 21400, SOURCE, date(2025, 12, 31))]
    row = next(r for r in list_customers(demo, TODAY) if r.customer_id == customer_id)
    assert (row.electronic_address, row.is_member, row.member_status) == (LEITWEG, False, None)
    assert (row.residents, row.residents_year) == (21400, 2026)
    assert proposed_debtor_number(demo) == "10104"


def test_demo_customers_are_valid_with_population_source_and_date(demo: Database) -> None:
    rows = list_customers(demo, TODAY)
    assert [r.name for r in rows] == [
        "Stadt Bad Neuenahr-Ahrweiler",
        "Stadt Speyer",
        "Stadt Trier",
        "Verbandsgemeinde Gerolstein",
        "Verbandsgemeinde Musterhausen (Beispiel)",
    ]
    for row in rows:
        record = get_customer(demo, row.customer_id)
        update_customer(demo, record, record.data, TODAY)  # passes every rule as it is
        figures = customer_populations(demo, row.customer_id)
        assert [f.year for f in figures] == [2025, 2026]
        assert all(f.source and f.as_of for f in figures)
    assert {r.name: r.is_member for r in rows}["Stadt Trier"] is True


def test_the_agreements_of_a_customer_are_listed_read_only(demo: Database) -> None:
    trier = next(r for r in list_customers(demo, TODAY) if r.name == "Stadt Trier")
    (agreement,) = customer_agreements(demo, trier.customer_id)
    assert (agreement.number, agreement.status, agreement.valid_from) == (
        "SV-2014-004",
        AgreementStatus.ACTIVE,
        date(2014, 4, 1),
    )
    assert agreement.service.startswith("AUTISTA")
    assert agreement.status_label == "Aktiv"


def test_residents_of_a_year_and_membership_on_a_day(demo: Database) -> None:
    rows = {r.name: r for r in list_customers(demo, TODAY)}
    with demo.sessions() as session:
        figure = residents_in(session, rows["Verbandsgemeinde Gerolstein"].customer_id, 2026)
        assert figure is not None and figure.residents == 31000
        assert residents_in(session, rows["Verbandsgemeinde Gerolstein"].customer_id, 2024) is None
        newest = residents_in(session, rows["Verbandsgemeinde Gerolstein"].customer_id, 2030)
        assert newest is not None and newest.year == 2026  # no figure of 2030: the newest before
        assert is_member_on(session, rows["Stadt Trier"].customer_id, TODAY)
        assert not is_member_on(session, rows["Stadt Trier"].customer_id, date(2012, 9, 30))
        assert not is_member_on(session, rows["Verbandsgemeinde Gerolstein"].customer_id, TODAY)


# --- a member that is a customer: one record ------------------------------------------------------


def test_a_member_customer_uses_the_members_record(demo: Database) -> None:
    mainz = next(c for c in member_choices(demo) if c.name == "Stadt Mainz")
    before = organisation_count(demo)
    version = get_member(demo, mainz.organisation_id, TODAY).organisation_version
    customer_id = create_customer(
        demo, musterland(name="", street="", member_id=mainz.organisation_id), TODAY
    )
    assert organisation_count(demo) == before
    # the member's record is not touched: an open member dialog can still save
    assert get_member(demo, mainz.organisation_id, TODAY).organisation_version == version
    record = get_customer(demo, customer_id)
    assert (record.organisation_id, record.data.name) == (mainz.organisation_id, "Stadt Mainz")
    assert record.data.street == "Jockel-Fuchs-Platz 1"
    assert "Stadt Mainz" not in [c.name for c in member_choices(demo)]
    member = get_member(demo, mainz.organisation_id, TODAY)
    update_member(demo, member, replace(member.data, street="Rheinallee 1"), TODAY)
    assert get_customer(demo, customer_id).data.street == "Rheinallee 1"
    row = next(r for r in list_customers(demo, TODAY) if r.customer_id == customer_id)
    assert row.is_member


def test_a_member_cannot_become_a_customer_twice(demo: Database) -> None:
    trier = next(m for m in list_members(demo, TODAY) if m.name == "Stadt Trier")
    error = refused(demo, musterland(member_id=trier.organisation_id))
    assert (error.field, str(error)) == (
        "member_id",
        "Stadt Trier ist bereits Kunde (Debitorennummer 10101).",
    )


def test_the_member_of_a_customer_cannot_be_changed_afterwards(demo: Database) -> None:
    customer_id = create_customer(demo, musterland(), TODAY)
    record = get_customer(demo, customer_id)
    koblenz = next(m for m in list_members(demo, TODAY) if m.name == "Stadt Koblenz")
    with pytest.raises(ValidationError) as err:
        update_customer(
            demo, record, replace(record.data, member_id=koblenz.organisation_id), TODAY
        )
    assert err.value.field == "member_id"


# --- each rule refuses, and nothing is stored ---------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "  "}, "name", "Bitte geben Sie den Namen des Kunden ein."),
        ({"name": "stadt trier"}, "name", "Stadt Trier ist ein Mitglied: Wählen Sie es"),
        ({"name": "Verbandsgemeinde Gerolstein"}, "name", "ist bereits vorhanden"),
        ({"postcode": "5600"}, "postcode", "fünf Ziffern"),
        ({"einvoice_email": "rechnung@vg"}, "einvoice_email", "keine gültige E-Mail-Adresse"),
        ({"leitweg_id": LEITWEG[:-2] + "00"}, "leitweg_id", "kommt nicht vor"),
        ({"leitweg_id": "071405001-ZIDKOR"}, "leitweg_id", "Prüfziffer „ZIDKOR“ muss"),
        ({"leitweg_id": ""}, "leitweg_id", "Bitte geben Sie die Leitweg-ID ein oder"),
        (
            {"scheme": AddressScheme.EMAIL, "einvoice_email": ""},
            "einvoice_email",
            "Bitte geben Sie die E-Mail-Adresse für E-Rechnungen ein.",
        ),
        ({"vat_id": "DE12345678"}, "vat_id", "DE und neun Ziffern"),
        ({"debtor_number": "10001"}, "debtor_number", "bereits an Stadt Bad Neuenahr-Ahrweiler"),
        ({"debtor_number": "10 01"}, "debtor_number", "Buchstaben und Ziffern"),
        ({"contact_phone": "0" * 41}, "contact_phone", "höchstens 40 Zeichen"),
        ({"contact_name": "Frau\nBeispiel"}, "contact_name", "Zeilenumbruch"),
        (
            {"populations": [PopulationFigure(2026, 21400, "", date(2025, 12, 31))]},
            "populations",
            "Quelle der Zahl",
        ),
        (
            {"populations": [PopulationFigure(2026, 21400, SOURCE, None)]},
            "populations",
            "Stand der Zahl",
        ),
        (
            {"populations": [PopulationFigure(2026, 21400, SOURCE, date(2026, 12, 1))]},
            "populations",
            "Zukunft",
        ),
        (
            {"populations": [PopulationFigure(2026, 0, SOURCE, date(2025, 12, 31))]},
            "populations",
            "größer als 0",
        ),
        (
            {
                "populations": [
                    PopulationFigure(2026, 1, SOURCE, date(2025, 12, 31)),
                    PopulationFigure(2026, 2, SOURCE, date(2025, 12, 31)),
                ]
            },
            "populations",
            "doppelt",
        ),
    ],
)
def test_each_rule_refuses_and_stores_nothing(
    demo: Database, changes: dict[str, object], field: str, message: str
) -> None:
    before = (len(list_customers(demo, TODAY)), organisation_count(demo))
    error = refused(demo, musterland(**changes))
    assert error.field == field
    assert message in str(error)
    assert (len(list_customers(demo, TODAY)), organisation_count(demo)) == before


def test_mistyped_check_digit_is_refused_with_the_expected_digits(demo: Database) -> None:
    right = LEITWEG[-2:]
    wrong = LEITWEG[:-2] + ("38" if right != "38" else "39")
    error = refused(demo, musterland(leitweg_id=wrong))
    assert f"Prüfziffer falsch: erwartet {right}" in str(error)


def test_e_mail_scheme_without_leitweg_id_is_accepted(demo: Database) -> None:
    customer_id = create_customer(
        demo, musterland(leitweg_id="", scheme=AddressScheme.EMAIL), TODAY
    )
    row = next(r for r in list_customers(demo, TODAY) if r.customer_id == customer_id)
    assert (row.scheme, row.electronic_address) == (
        AddressScheme.EMAIL,
        "rechnung@vg-musterland.example",
    )


def test_debtor_number_taken_by_an_edit_is_refused(demo: Database) -> None:
    customer_id = create_customer(demo, musterland(), TODAY)
    record = get_customer(demo, customer_id)
    with pytest.raises(ValidationError) as err:
        update_customer(demo, record, replace(record.data, debtor_number="10002"), TODAY)
    assert "bereits an Verbandsgemeinde Gerolstein" in str(err.value)


# --- editing: fields, populations, locking, audit ----------------------------------------------


def test_edit_changes_fields_and_population_history(demo: Database) -> None:
    customer_id = create_customer(demo, musterland(), TODAY)
    record = get_customer(demo, customer_id)
    figures = [
        PopulationFigure(2025, 21300, SOURCE, date(2024, 12, 31)),
        PopulationFigure(2026, 21450, SOURCE + " (berichtigt)", date(2025, 12, 31)),
    ]
    update_customer(
        demo,
        record,
        replace(record.data, name="VG Musterland", contact_phone="02600 99", populations=figures),
        TODAY,
    )
    stored = get_customer(demo, customer_id)
    assert (stored.data.name, stored.data.contact_phone) == ("VG Musterland", "02600 99")
    assert stored.data.populations == figures
    assert stored.customer_version > record.customer_version
    update_customer(demo, stored, replace(stored.data, populations=figures[1:]), TODAY)
    assert customer_populations(demo, customer_id) == figures[1:]
    with demo.sessions() as session:
        entities = set(session.scalars(select(AuditEntry.entity)))
        populations = session.scalar(
            select(func.count())
            .select_from(Population)
            .where(Population.organisation_id == stored.organisation_id)
        )
    assert {"customer", "population", "organisation"} <= entities
    assert populations == 1


def test_a_stale_edit_is_refused_and_changes_nothing(demo: Database) -> None:
    customer_id = create_customer(demo, musterland(), TODAY)
    first = get_customer(demo, customer_id)
    second = get_customer(demo, customer_id)
    update_customer(demo, first, replace(first.data, contact_name="Herr Erster"), TODAY)
    with pytest.raises(ConcurrentChange):
        update_customer(demo, second, replace(second.data, contact_name="Frau Zweite"), TODAY)
    assert get_customer(demo, customer_id).data.contact_name == "Herr Erster"


def test_a_population_change_alone_makes_other_edits_stale(demo: Database) -> None:
    customer_id = create_customer(demo, musterland(), TODAY)
    first = get_customer(demo, customer_id)
    second = get_customer(demo, customer_id)
    extra = PopulationFigure(2025, 21300, SOURCE, date(2024, 12, 31))
    update_customer(
        demo, first, replace(first.data, populations=[*first.data.populations, extra]), TODAY
    )
    with pytest.raises(ConcurrentChange):
        update_customer(demo, second, replace(second.data, populations=[]), TODAY)
    assert len(customer_populations(demo, customer_id)) == 2


def test_a_removed_customer_is_not_found(demo: Database) -> None:
    with pytest.raises(NotFound):
        get_customer(demo, 9999)


def test_migration_0007_round_trip_keeps_customers(demo: Database) -> None:
    from sqlalchemy import text

    from zidkor_desktop.db.migrate import downgrade, upgrade

    downgrade(demo, "0006")
    with demo.write_engine.begin() as connection:  # a customer without Leitweg-ID before 0007
        connection.execute(
            text("UPDATE customer SET leitweg_id = '' WHERE debtor_number = '10002'")
        )
    upgrade(demo)
    schemes = {r.debtor_number: r.scheme for r in list_customers(demo, TODAY)}
    assert schemes["10002"] is AddressScheme.EMAIL
    assert schemes["10001"] is AddressScheme.LEITWEG_ID
    assert all(f.as_of is None for f in customer_populations(demo, 1))
