"""Services and their operating member city, on SQLite and PostgreSQL (demo data)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import text

from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import ConcurrentChange, RuleViolation, ValidationError
from zidkor_desktop.domain.kinds import OrganisationKind, ServiceStatus
from zidkor_desktop.queries.members import list_members
from zidkor_desktop.queries.services import (
    eligible_cities,
    list_services,
    operator_history,
    operator_of,
    services_by_operator,
)
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.members import MemberInput, create_member
from zidkor_desktop.usecases.services import (
    ServiceInput,
    assign_operator,
    create_service,
    get_service,
    preview_operator_change,
    service_id_by_code,
    update_service,
)

TODAY = date.today()
JULY = date(2027, 7, 1)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, TODAY)
    return db


def org_id(db: Database, name: str) -> int:
    return next(r.organisation_id for r in list_members(db, TODAY) if r.name == name)


def stored_periods(db: Database, code: str) -> list[tuple[str, date, date | None]]:
    """The operator periods as the database holds them (plain SQL, independent of the views)."""
    with db.sessions() as session:
        rows = session.execute(
            text(
                "SELECT o.name, so.valid_from, so.valid_until FROM service_operator so "
                "JOIN service s ON s.id = so.service_id "
                "JOIN organisation o ON o.id = so.organisation_id "
                "WHERE s.code = :code ORDER BY so.valid_from"
            ),
            {"code": code},
        ).all()
    return [(r[0], as_date(r[1]), as_date(r[2]) if r[2] is not None else None) for r in rows]


def as_date(value: object) -> date:
    """A DATE read by plain SQL (SQLite gives text, PostgreSQL a date)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def add_city(db: Database, name: str, **dates: date | None) -> int:
    return create_member(
        db, MemberInput(name=name, kind=OrganisationKind.CITY, votes=1, **dates), TODAY
    )


def test_new_operator_closes_the_previous_assignment_the_day_before(demo: Database) -> None:
    epr = service_id_by_code(demo, "epr-emv")
    change = assign_operator(demo, epr, org_id(demo, "Stadt Trier"), JULY, "Beschluss 3/2027")
    assert change.summary == ("Stadt Koblenz betreibt bis 30.06.2027, Stadt Trier ab 01.07.2027")
    assert stored_periods(demo, "EPR-EMV") == [
        ("Stadt Koblenz", date(2012, 10, 1), date(2027, 6, 30)),
        ("Stadt Trier", JULY, None),
    ]
    assert operator_of(demo, "EPR-EMV", date(2027, 6, 30)) == "Stadt Koblenz"
    assert operator_of(demo, "EPR-EMV", JULY) == "Stadt Trier"
    assert operator_of(demo, "EPR-EMV", date(2012, 9, 30)) is None
    history = operator_history(demo, epr)
    assert [(h.city, h.resolution_ref) for h in history][1] == ("Stadt Trier", "Beschluss 3/2027")


def test_preview_says_what_will_happen_and_changes_nothing(demo: Database) -> None:
    epr = service_id_by_code(demo, "EPR-EMV")
    lu = org_id(demo, "Stadt Ludwigshafen am Rhein")
    change = preview_operator_change(demo, epr, lu, JULY)
    assert change.summary == (
        "Stadt Koblenz betreibt bis 30.06.2027, Stadt Ludwigshafen am Rhein ab 01.07.2027"
    )
    assert len(stored_periods(demo, "EPR-EMV")) == 1


def refusal(demo: Database, code: str, organisation: str, day: date) -> str:
    service = service_id_by_code(demo, code)
    before = stored_periods(demo, code)
    with pytest.raises(RuleViolation) as caught:
        assign_operator(demo, service, org_id(demo, organisation), day)
    assert stored_periods(demo, code) == before
    return str(caught.value)


def test_a_company_cannot_operate(demo: Database) -> None:
    message = refusal(demo, "EPR-EMV", "KommWis GmbH", JULY)
    assert message == (
        "Verfahren „EPR-EMV“: KommWis GmbH kann kein Verfahren betreiben; "
        "nur Mitgliedsstädte (Gebietskörperschaften) können das."
    )


def test_an_applicant_cannot_operate(demo: Database) -> None:
    add_city(demo, "Stadt Worms", applied_on=date(2026, 1, 10))
    message = refusal(demo, "EPR-EMV", "Stadt Worms", JULY)
    assert message == (
        "Verfahren „EPR-EMV“: Stadt Worms ist am 01.07.2027 kein genehmigtes Mitglied "
        "und kann das Verfahren ab dann nicht betreiben."
    )


def test_a_city_that_leaves_cannot_operate_from_its_exit_on(demo: Database) -> None:
    dates = {
        "applied_on": date(2014, 1, 1),
        "council_resolution_on": date(2014, 2, 1),
        "assembly_resolution_on": date(2014, 3, 1),
        "authority_approved_on": date(2014, 4, 1),
        "member_from": date(2014, 5, 1),
        "exit_notice_on": date(2026, 6, 30),
        "member_until": date(2027, 12, 31),
    }
    add_city(demo, "Stadt Bingen am Rhein", **dates)
    assert refusal(demo, "EPR-EMV", "Stadt Bingen am Rhein", date(2028, 1, 1)) == (
        "Verfahren „EPR-EMV“: Stadt Bingen am Rhein ist am 01.01.2028 kein genehmigtes "
        "Mitglied und kann das Verfahren ab dann nicht betreiben."
    )
    # Still a member on 1 July 2027, but not for the whole (open-ended) period.
    assert refusal(demo, "EPR-EMV", "Stadt Bingen am Rhein", JULY) == (
        "Verfahren „EPR-EMV“: Stadt Bingen am Rhein ist nur bis zum 31.12.2027 Mitglied und "
        "kann das Verfahren nicht unbefristet ab dem 01.07.2027 betreiben."
    )
    assert "Stadt Bingen am Rhein" not in dict(eligible_cities(demo, JULY)).values()


def test_overlap_is_refused(demo: Database) -> None:
    epr = service_id_by_code(demo, "EPR-EMV")
    assign_operator(demo, epr, org_id(demo, "Stadt Trier"), JULY)
    assert refusal(demo, "EPR-EMV", "Stadt Neuwied", date(2027, 3, 1)) == (
        "Verfahren „EPR-EMV“: Stadt Trier ist bereits ab dem 01.07.2027 als Betreiber "
        "eingetragen; Stadt Neuwied ab dem 01.03.2027 würde sich damit überschneiden."
    )
    assert refusal(demo, "EPR-EMV", "Stadt Neuwied", JULY).startswith(
        "Verfahren „EPR-EMV“: Stadt Trier ist bereits ab dem 01.07.2027"
    )


def test_a_gap_is_refused(demo: Database) -> None:
    epr = service_id_by_code(demo, "EPR-EMV")
    with demo.write() as session:  # an operator period that already ended (older data)
        session.execute(
            text("UPDATE service_operator SET valid_until = :d WHERE service_id = :s"),
            {"d": date(2026, 12, 31), "s": epr},
        )
    assert refusal(demo, "EPR-EMV", "Stadt Trier", JULY) == (
        "Verfahren „EPR-EMV“: Stadt Koblenz betreibt es bis zum 31.12.2026; vom 01.01.2027 "
        "bis zum 30.06.2027 würde keine Stadt es betreiben, bevor Stadt Trier ab dem "
        "01.07.2027 übernimmt."
    )


def test_before_the_service_starts_is_refused(demo: Database) -> None:
    assert refusal(demo, "NWR", "Stadt Trier", date(2027, 1, 1)) == (
        "Verfahren „NWR“ beginnt am 01.07.2027; ein Betreiber ab dem 01.01.2027 ist nicht möglich."
    )


def test_first_operator_must_start_with_the_service(demo: Database) -> None:
    new = create_service(
        demo, ServiceInput(code="VOIS", name="VOIS-Plattform", started_on=JULY), TODAY
    )
    with pytest.raises(RuleViolation, match=r"vom 01\.07\.2027 bis zum 31\.07\.2027"):
        assign_operator(demo, new, org_id(demo, "Stadt Speyer"), date(2027, 8, 1))
    assign_operator(demo, new, org_id(demo, "Stadt Speyer"), JULY)
    assert stored_periods(demo, "VOIS") == [("Stadt Speyer", JULY, None)]


def test_the_same_city_again_is_refused(demo: Database) -> None:
    assert refusal(demo, "AUTISTA", "Stadt Mainz", JULY) == (
        "Verfahren „AUTISTA“: Stadt Mainz betreibt es am 01.07.2027 bereits."
    )


def test_views_list_and_by_operator(demo: Database) -> None:
    rows = {r.code: r for r in list_services(demo, date(2026, 1, 1))}
    assert {c: (r.status, r.operator) for c, r in rows.items()} == {
        "AUTISTA": (ServiceStatus.ACTIVE, "Stadt Mainz"),
        "EPR-EMV": (ServiceStatus.ACTIVE, "Stadt Koblenz"),
        "NWR": (ServiceStatus.PLANNED, None),
    }
    later = services_by_operator(demo, JULY)
    assert {city: [r.code for r in rows] for city, rows in later.items()} == {
        "Stadt Koblenz": ["EPR-EMV"],
        "Stadt Ludwigshafen am Rhein": ["NWR"],
        "Stadt Mainz": ["AUTISTA"],
    }
    eligible = [name for _id, name in eligible_cities(demo, JULY)]
    assert "KommWis GmbH" not in eligible and len(eligible) == 8


def test_create_and_edit_service(demo: Database) -> None:
    new = create_service(
        demo,
        ServiceInput(
            code=" Melde ",
            name="Meldewesen",
            legal_basis="Verbandsordnung § 2\nZeile 2",
            started_on=date(2027, 1, 1),
        ),
        TODAY,
    )
    record = get_service(demo, new)
    assert (record.data.code, record.data.legal_basis, record.data.started_on) == (
        "Melde", "Verbandsordnung § 2\nZeile 2", date(2027, 1, 1),
    )  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        create_service(demo, ServiceInput(code="autista", name="Doppelt"), TODAY)
    assert (caught.value.field, str(caught.value)) == (
        "code",
        "Ein Verfahren mit dem Kürzel „AUTISTA“ gibt es bereits.",
    )
    with pytest.raises(ValidationError) as caught:
        create_service(demo, ServiceInput(code="X\x1b", name="Steuerzeichen"), TODAY)
    assert caught.value.field == "code" and "Steuerzeichen" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        create_service(demo, ServiceInput(code="", name="Ohne"), TODAY)
    assert str(caught.value) == "Bitte geben Sie das Kürzel des Verfahrens ein."
    with pytest.raises(ValidationError) as caught:
        update_service(
            demo, record, ServiceInput(code="Melde", name="M", status=ServiceStatus.ACTIVE), TODAY
        )
    assert caught.value.field == "status" and "keine betreibende Stadt" in str(caught.value)
    update_service(demo, record, ServiceInput(code="MELDE", name="Meldewesen neu"), TODAY)
    with pytest.raises(ConcurrentChange):  # the old record is stale now
        update_service(demo, record, ServiceInput(code="MELDE", name="Zweiter"), TODAY)
    assert get_service(demo, new).data.name == "Meldewesen neu"


def test_start_date_must_match_the_first_operator(demo: Database) -> None:
    epr = service_id_by_code(demo, "EPR-EMV")
    record = get_service(demo, epr)
    for day in (date(2012, 9, 1), date(2013, 1, 1)):
        with pytest.raises(ValidationError) as caught:
            update_service(demo, record, replace(record.data, started_on=day), TODAY)
        assert caught.value.field == "started_on"
        assert str(caught.value) == (
            "Verfahren „EPR-EMV“: Die erste betreibende Stadt beginnt am 01.10.2012; das "
            f"Verfahren muss am selben Tag beginnen, nicht am {day.strftime('%d.%m.%Y')}."
        )
    update_service(demo, record, replace(record.data, name="ePR/eMV"), TODAY)
    assert get_service(demo, epr).data.name == "ePR/eMV"
