"""Demo data from the seed: the association, its 9 founding members, services, prices, customers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from zidkor_desktop.db.base import utcnow
from zidkor_desktop.db.models import (
    Agreement,
    AgreementItem,
    Customer,
    Organisation,
    PriceItem,
    PriceList,
    Service,
    ServiceOperator,
)
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.customers import PopulationFigure
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.kinds import (
    AgreementStatus,
    BillingRhythm,
    OrganisationKind,
    PriceListStatus,
    PriceUnit,
    ServiceStatus,
    TaxCategory,
)
from zidkor_desktop.domain.leitweg import make_leitweg_id
from zidkor_desktop.domain.pricelist import UNIT_DEFAULTS
from zidkor_desktop.domain.statute import join_subsections, subsections
from zidkor_desktop.domain.statute_default import default_sections
from zidkor_desktop.domain.votes import DEFAULT_CAPITAL_PER_VOTE, capital_due
from zidkor_desktop.l10n import _
from zidkor_desktop.usecases.customers import CustomerInput, add_customer
from zidkor_desktop.usecases.database import is_initialised
from zidkor_desktop.usecases.demo_meetings import add_demo_meetings
from zidkor_desktop.usecases.errors import translated_db_errors
from zidkor_desktop.usecases.members import MemberInput, add_member
from zidkor_desktop.usecases.settings import SettingsData, store_settings
from zidkor_desktop.usecases.statute import (
    Approval,
    add_amendment,
    add_default_statute,
    adopt_in,
    approve_in,
    put_in_force_in,
)

EXAMPLE = "Beispiel"
FOUNDED = date(2012, 10, 1)
NOT_TAXABLE = "Nicht steuerbar gem. § 2b Abs. 3 UStG."

ASSOCIATION = SettingsData(
    name="Zweckverband für Informationstechnologie und Datenverarbeitung der Kommunen in "
    "Rheinland-Pfalz",
    short_name="ZIDKOR",
    street="Hindenburgplatz 3",
    postcode="55118",
    city="Mainz",
    tax_number="26/000/00000 (Beispiel)",
    iban="DE89370400440532013000",
    bic="COBADEFFXXX",
    bank_name="Beispielbank Mainz (Beispiel)",
    contact_name="Geschäftsstelle ZIDKOR (Beispiel)",
    contact_phone="06131 000000 (Beispiel)",
    contact_email="geschaeftsstelle@zidkor.example",
    electronic_address="rechnung@zidkor.example",
    registration_id="ADD-ZV-0000 (Beispiel)",
    chair_name="Oberbürgermeister der Stadt Koblenz",
    is_example=True,
)

# name, street, postcode, city, votes
FOUNDING_MEMBERS: list[tuple[str, str, str, str, int]] = [
    ("Stadt Koblenz", "Willi-Hörter-Platz 1", "56068", "Koblenz", 1),
    ("Stadt Kaiserslautern", "Willy-Brandt-Platz 1", "67657", "Kaiserslautern", 1),
    ("Stadt Ludwigshafen am Rhein", "Rathausplatz 20", "67059", "Ludwigshafen am Rhein", 1),
    ("Stadt Neustadt an der Weinstraße", "Marktplatz 1", "67433", "Neustadt an der Weinstraße", 1),
    ("Stadt Neuwied", "Engerser Landstraße 17", "56564", "Neuwied", 1),
    ("Stadt Speyer", "Maximilianstraße 100", "67346", "Speyer", 1),
    ("Stadt Trier", "Am Augustinerhof", "54290", "Trier", 1),
    ("Stadt Mainz", "Jockel-Fuchs-Platz 1", "55116", "Mainz", 1),
]
KOMMWIS = ("KommWis GmbH", "Deutschhausplatz 1", "55116", "Mainz", 7)


def _member_input(name: str, street: str, postcode: str, city: str, votes: int) -> MemberInput:
    is_city = name.startswith("Stadt ")
    paid = capital_due(votes, DEFAULT_CAPITAL_PER_VOTE)
    data = MemberInput(
        name=name,
        kind=OrganisationKind.CITY if is_city else OrganisationKind.COMPANY,
        is_municipal_body=is_city,
        votes=votes,
        street=street,
        postcode=postcode,
        city=city,
        applied_on=date(2012, 5, 15),
        council_resolution_on=date(2012, 6, 28),
        council_resolution_ref=f"{EXAMPLE}: Beschluss des Stadtrats" if is_city else "",
        authority_approved_on=date(2012, 9, 20),
        authority_file_number=f"{EXAMPLE}: ADD 17 062-12 ZIDKOR",
        member_from=FOUNDED,
        capital_paid=paid,
        capital_paid_on=date(2012, 10, 15),
        votes_from=FOUNDED,
        is_founding=True,
        notes="Gründungsmitglied",
    )
    if not is_city:
        data.notes = (
            "Gründungsmitglied; Gesellschaft der kommunalen Spitzenverbände "
            "(keine Gebietskörperschaft)"
        )
        data.council_resolution_ref = f"{EXAMPLE}: Beschluss der Gesellschafterversammlung"
    if name == "Stadt Mainz":
        # The seed's own case: the council resolution proposal, then the authority's approval.
        data.council_resolution_ref = (
            "Beschlussvorschlag „Beitritt der Stadt Mainz zum ZIDKOR“ unter dem Vorbehalt "
            "der Genehmigung durch die Aufsichtsbehörde"
        )
        data.capital_payer = "KDZ Mainz (Kommunale Datenzentrale der Stadt Mainz)"
        data.notes = "Gründungsmitglied; das Stammkapital bringt die KDZ Mainz auf."
    return data


def load_demo(db: Database, today: date) -> None:
    """Fill an empty, migrated database with the demo association in one transaction."""
    if is_initialised(db):
        raise DomainError(_("The database already contains data; demo data was not loaded."))
    with translated_db_errors(), db.write() as session:
        store_settings(session, ASSOCIATION)
        for entry in [*FOUNDING_MEMBERS, KOMMWIS]:
            add_member(session, _member_input(*entry), today)
        orgs = {o.name: o for o in session.scalars(select(Organisation))}
        services = _services(orgs)
        session.add_all(services.values())
        _add_price_lists(session, services)
        customers = _customers(session, orgs, today)
        session.add_all(_agreements(customers, services))
        _add_statute(session, today)
        add_demo_meetings(session)


def _add_statute(session: Session, today: date) -> None:
    """The default statute as version 1, in force from the founding date."""
    number = add_default_statute(session).version_no
    adopt_in(
        session,
        number,
        date(2012, 6, 28),
        f"{EXAMPLE}: gleichlautende Beschlüsse der Vertretungen der Gründungsmitglieder",
        today,
    )
    approval = Approval(
        approved_on=date(2012, 9, 20),
        file_number=f"{EXAMPLE}: ADD 17 062-12 ZIDKOR",
        published_on=date(2012, 9, 28),
        published_in=f"{EXAMPLE}: Staatsanzeiger für Rheinland-Pfalz Nr. 37/2012, S. 1234",
    )
    approve_in(session, number, approval, today)
    put_in_force_in(session, number, FOUNDED)
    _add_statute_draft(session, number)


def _add_statute_draft(session: Session, source_no: int) -> None:
    """Draft version 2: two meetings a year, § 13 Abs. 3 struck out, notices also online."""
    sections = []
    for section in default_sections():
        parts = subsections(section.body)
        if section.number == "6":
            parts[1] = parts[1].replace("mindestens einmal im Jahr", "mindestens zweimal im Jahr")
        elif section.number == "13":
            del parts[2]
        elif section.number == "14":
            parts = [
                "Öffentliche Bekanntmachungen des Zweckverbands erfolgen im Staatsanzeiger für "
                "Rheinland-Pfalz und zugleich auf der Internetseite des Zweckverbands."
            ]
        sections.append(replace(section, body=join_subsections(parts)))
    add_amendment(session, source_no, sections)


def _services(orgs: dict[str, Organisation]) -> dict[str, Service]:
    autista = Service(
        code="AUTISTA",
        name="Standesamtsverfahren AutiSta",
        description="Bereitstellung und Betreuung des Standesamtsverfahrens AutiSta.",
        status=ServiceStatus.ACTIVE.value,
        started_on=FOUNDED,
        legal_basis=f"{EXAMPLE}: Verbandsordnung § 2 (Aufgaben des Zweckverbands)",
    )
    autista.operators.append(
        ServiceOperator(
            organisation=orgs["Stadt Mainz"],
            valid_from=FOUNDED,
            resolution_ref=f"{EXAMPLE}: Beschluss der Verbandsversammlung",
        )
    )
    epr = Service(
        code="EPR-EMV",
        name="Elektronisches Personenstandsregister mit elektronischem Mitteilungsverkehr",
        description="Betrieb des elektronischen Personenstandsregisters (ePR) mit Sicherungs"
        "register und des elektronischen Mitteilungsverkehrs (eMV, XPersonenstand).",
        status=ServiceStatus.ACTIVE.value,
        started_on=FOUNDED,
        legal_basis=f"{EXAMPLE}: Verbandsordnung § 2; Zweckvereinbarungen nach § 12 KomZG",
    )
    epr.operators.append(
        ServiceOperator(
            organisation=orgs["Stadt Koblenz"],
            valid_from=FOUNDED,
            resolution_ref=f"{EXAMPLE}: Beschluss der Verbandsversammlung",
        )
    )
    nwr = Service(
        code="NWR",
        name="Betrieb des Nationalen Waffenregisters",
        description="Geplant: Betrieb des Nationalen Waffenregisters für die Waffenbehörden.",
        status=ServiceStatus.PLANNED.value,
        started_on=date(2027, 7, 1),
    )
    nwr.operators.append(
        ServiceOperator(
            organisation=orgs["Stadt Ludwigshafen am Rhein"],
            valid_from=date(2027, 7, 1),
            resolution_ref=f"{EXAMPLE}: vorgesehen",
        )
    )
    return {"AUTISTA": autista, "EPR-EMV": epr, "NWR": nwr}


def _add_price_lists(session: Session, services: dict[str, Service]) -> None:
    """The published list of 2026 and the draft of 2027 (items go in while both are drafts)."""
    published = _price_list(services, _ITEMS_2026)
    session.add(published)
    session.flush()
    draft = _price_list(services, _ITEMS_2027)
    draft.version_no, draft.based_on_id = 2, published.id
    draft.title = "Leistungs- und Entgeltverzeichnis 2027 (Beispiel, Entwurf)"
    draft.resolution_ref = ""
    session.add(draft)
    session.flush()
    published.status = PriceListStatus.PUBLISHED.value  # read-only from here on (triggers)
    published.valid_from = date(2026, 1, 1)
    published.published_at = utcnow()


def _price_list(services: dict[str, Service], items: list[tuple]) -> PriceList:
    price_list = PriceList(
        version_no=1,
        title="Leistungs- und Entgeltverzeichnis 2026 (Beispiel)",
        status=PriceListStatus.DRAFT.value,
        resolution_ref=f"{EXAMPLE}: Beschluss der Verbandsversammlung vom 20.11.2025",
        is_example=True,
    )
    for position, (code, service, title, unit, price, rhythm) in enumerate(items, start=1):
        text, unit_code = UNIT_DEFAULTS[unit]
        price_list.items.append(
            PriceItem(
                position=position,
                code=code,
                service=services[service],
                title=title,
                unit=unit.value,
                unit_text=text,
                unit_code=unit_code,
                unit_price=Decimal(price),
                tax_category=TaxCategory.NOT_TAXABLE.value,
                tax_rate=Decimal("0.00"),
                tax_note=NOT_TAXABLE,
                billing_rhythm=rhythm.value,
            )
        )
    return price_list


_ITEMS_2026 = [
    (
        "AUT-01",
        "AUTISTA",
        "AutiSta – Betrieb und Lizenz je Arbeitsplatz",
        PriceUnit.WORKSTATION_MONTH,
        "38.50",
        BillingRhythm.QUARTERLY,
    ),
    (
        "AUT-02",
        "AUTISTA",
        "AutiSta – Grundpauschale je Standesamt",
        PriceUnit.FLAT_YEAR,
        "1200.00",
        BillingRhythm.YEARLY,
    ),
    (
        "EPR-01",
        "EPR-EMV",
        "ePR mit Sicherungsregister – je Einwohner",
        PriceUnit.RESIDENT_YEAR,
        "0.0450",
        BillingRhythm.YEARLY,
    ),
    (
        "EPR-02",
        "EPR-EMV",
        "eMV – elektronischer Mitteilungsverkehr je Arbeitsplatz",
        PriceUnit.WORKSTATION_MONTH,
        "12.00",
        BillingRhythm.QUARTERLY,
    ),
    (
        "EPR-03",
        "EPR-EMV",
        "Einrichtung eines Standesamts (einmalig)",
        PriceUnit.PIECE,
        "450.00",
        BillingRhythm.ONCE,
    ),
]
# 2027: AutiSta up, ePR per resident up, eMV unchanged, set-up removed, a training day added.
_ITEMS_2027 = [
    (*_ITEMS_2026[0][:4], "41.2500", _ITEMS_2026[0][5]),
    (*_ITEMS_2026[1][:4], "1250.00", _ITEMS_2026[1][5]),
    (*_ITEMS_2026[2][:4], "0.0480", _ITEMS_2026[2][5]),
    _ITEMS_2026[3],
    (
        "EPR-04",
        "EPR-EMV",
        "Schulung ePR/eMV je Stunde",
        PriceUnit.HOUR,
        "85.00",
        BillingRhythm.ONCE,
    ),
]


# name, kind, street, postcode, city, coarse Leitweg part, residents 2025 and 2026
CUSTOMERS = [
    (
        "Stadt Bad Neuenahr-Ahrweiler",
        OrganisationKind.CITY,
        "Hauptstraße 116",
        "53474",
        "Bad Neuenahr-Ahrweiler",
        "07131007",
        (28410, 28500),
    ),
    (
        "Verbandsgemeinde Gerolstein",
        OrganisationKind.VERBANDSGEMEINDE,
        "Kyllweg 1",
        "54568",
        "Gerolstein",
        "072335011",
        (30870, 31000),
    ),
    (
        "Verbandsgemeinde Musterhausen (Beispiel)",
        OrganisationKind.VERBANDSGEMEINDE,
        "Musterstraße 1",
        "56999",
        "Musterhausen",
        "071405099",
        (18150, 18200),
    ),
]
# member cities that are customers too: name, coarse Leitweg part, residents 2025 and 2026
MEMBER_CUSTOMERS = [
    ("Stadt Trier", "07211000", (111530, 111900)),
    ("Stadt Speyer", "07318000", (50740, 50930)),
]
POPULATION_SOURCE = f"Statistisches Landesamt Rheinland-Pfalz ({EXAMPLE}swert)"


def _populations(residents: tuple[int, int]) -> list[PopulationFigure]:
    """Figures of 2025 and 2026, each as of the end of the year before."""
    return [
        PopulationFigure(year, count, POPULATION_SOURCE, date(year - 1, 12, 31))
        for year, count in zip((2025, 2026), residents, strict=True)
    ]


def _customers(session: Session, orgs: dict[str, Organisation], today: date) -> dict[str, Customer]:
    """The demo customers through the use case, so every one passes the customer rules."""
    ids: dict[str, int] = {}
    for number, (name, kind, street, postcode, city, coarse, residents) in enumerate(
        CUSTOMERS, start=10001
    ):
        mail_host = city.lower().replace(" ", "-").replace("ä", "ae")
        ids[name] = add_customer(
            session,
            CustomerInput(
                name=name,
                kind=kind,
                street=street,
                postcode=postcode,
                city=city,
                address_extra="Standesamt",
                contact_name=f"Standesamt ({EXAMPLE})",
                contact_phone=f"0000 {number} ({EXAMPLE})",
                einvoice_email=f"rechnungseingang@{mail_host}.example",
                debtor_number=str(number),
                leitweg_id=make_leitweg_id(coarse, "ZIDKOR"),
                populations=_populations(residents),
                is_example=True,
            ),
            today,
        )
    for number, (name, coarse, residents) in enumerate(MEMBER_CUSTOMERS, start=10101):
        ids[name] = add_customer(
            session,
            CustomerInput(
                name=name,
                member_id=orgs[name].id,
                address_extra="Standesamt",
                contact_name=f"Standesamt ({EXAMPLE})",
                einvoice_email="rechnungseingang@" + name.split()[-1].lower() + ".example",
                debtor_number=str(number),
                leitweg_id=make_leitweg_id(coarse, "ZIDKOR"),
                populations=_populations(residents),
            ),
            today,
        )
    return {name: session.get_one(Customer, customer_id) for name, customer_id in ids.items()}


def _agreements(customers: dict[str, Customer], services: dict[str, Service]) -> list[Agreement]:
    ahrweiler = Agreement(
        number="ZV-2012-001",
        customer=customers["Stadt Bad Neuenahr-Ahrweiler"],
        service=services["EPR-EMV"],
        title="Zweckvereinbarung über den Betrieb des elektronischen Personenstandsregisters, "
        "des Sicherungsregisters und des elektronischen Mitteilungsverkehrs",
        status=AgreementStatus.ACTIVE.value,
        council_resolution_on=date(2012, 9, 13),
        signed_on=date(2012, 9, 20),
        authority_approved_on=date(2013, 6, 27),
        authority_file_number="17 062-12 ZIDKOR/21a",
        announced_on=date(2013, 7, 15),
        announced_in=f"{EXAMPLE}: Staatsanzeiger für Rheinland-Pfalz (Datum und Fundstelle)",
        valid_from=date(2012, 10, 1),
        notice_months=12,
        billing_rhythm=BillingRhythm.QUARTERLY.value,
        notes=f"Mengen: {EXAMPLE}.",
    )
    ahrweiler.items = [
        AgreementItem(price_code="EPR-01", quantity=Decimal("28500"), valid_from=date(2026, 1, 1)),
        AgreementItem(price_code="EPR-02", quantity=Decimal("4"), valid_from=date(2012, 10, 1)),
    ]
    gerolstein = Agreement(
        number="ZV-2013-002",
        customer=customers["Verbandsgemeinde Gerolstein"],
        service=services["EPR-EMV"],
        title="Zweckvereinbarung über den Betrieb des elektronischen Personenstandsregisters "
        "und des elektronischen Mitteilungsverkehrs",
        status=AgreementStatus.ACTIVE.value,
        authority_approved_on=date(2013, 8, 1),
        authority_file_number=f"{EXAMPLE}: 17 062-12 ZIDKOR/22",
        valid_from=date(2013, 9, 1),
        billing_rhythm=BillingRhythm.QUARTERLY.value,
        is_example=True,
    )
    gerolstein.items = [
        AgreementItem(price_code="EPR-01", quantity=Decimal("31000"), valid_from=date(2026, 1, 1)),
        AgreementItem(price_code="EPR-02", quantity=Decimal("3"), valid_from=date(2013, 9, 1)),
    ]
    musterhausen = Agreement(
        number="SV-2026-003",
        customer=customers["Verbandsgemeinde Musterhausen (Beispiel)"],
        service=services["AUTISTA"],
        title="Servicevereinbarung Standesamtsverfahren AutiSta",
        status=AgreementStatus.DRAFT.value,
        signed_on=date(2026, 10, 1),
        valid_from=date(2027, 1, 1),
        billing_rhythm=BillingRhythm.QUARTERLY.value,
        is_example=True,
    )
    musterhausen.items = [
        AgreementItem(price_code="AUT-01", quantity=Decimal("6"), valid_from=date(2027, 1, 1)),
        AgreementItem(price_code="AUT-02", quantity=Decimal("1"), valid_from=date(2027, 1, 1)),
    ]
    trier = Agreement(
        number="SV-2014-004",
        customer=customers["Stadt Trier"],
        service=services["AUTISTA"],
        title="Servicevereinbarung Standesamtsverfahren AutiSta",
        status=AgreementStatus.ACTIVE.value,
        signed_on=date(2014, 3, 1),
        valid_from=date(2014, 4, 1),
        billing_rhythm=BillingRhythm.QUARTERLY.value,
        is_example=True,
    )
    trier.items = [
        AgreementItem(price_code="AUT-01", quantity=Decimal("12"), valid_from=date(2014, 4, 1)),
        AgreementItem(price_code="AUT-01", quantity=Decimal("15"), valid_from=date(2026, 9, 1)),
        AgreementItem(price_code="AUT-02", quantity=Decimal("1"), valid_from=date(2014, 4, 1)),
    ]
    trier.items[0].valid_until = date(2026, 8, 31)
    # A member city that gave notice in June: the agreement ends on 31.12.2026 (within 90 days).
    speyer = Agreement(
        number="SV-2015-005",
        customer=customers["Stadt Speyer"],
        service=services["EPR-EMV"],
        title="Servicevereinbarung elektronischer Mitteilungsverkehr",
        status=AgreementStatus.NOTICE_GIVEN.value,
        signed_on=date(2015, 1, 15),
        valid_from=date(2015, 2, 1),
        notice_given_on=date(2026, 6, 15),
        valid_until=date(2026, 12, 31),
        billing_rhythm=BillingRhythm.QUARTERLY.value,
        is_example=True,
    )
    speyer.items = [
        AgreementItem(
            price_code="EPR-02",
            quantity=Decimal("2"),
            valid_from=date(2015, 2, 1),
            valid_until=date(2026, 12, 31),
        ),
    ]
    return [ahrweiler, gerolstein, musterhausen, trier, speyer]
