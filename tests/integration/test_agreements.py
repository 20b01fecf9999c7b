"""Agreements on SQLite and PostgreSQL: approval rule, quantity history, lists, demo data."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from zidkor_desktop.db.models import Agreement, AgreementItem, AuditEntry, Customer, Organisation
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import ConcurrentChange, RuleViolation, ValidationError
from zidkor_desktop.domain.kinds import AgreementStatus
from zidkor_desktop.queries.agreements import (
    agreement_detail,
    agreement_id_by_number,
    list_agreements,
    quantities_on,
)
from zidkor_desktop.usecases.agreements import (
    AgreementInput,
    activate,
    create_agreement,
    end_agreement,
    give_notice,
    record_announcement,
    record_approval,
    set_quantity,
    update_agreement,
)
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.services import assign_operator, service_id_by_code

TODAY = date(2026, 11, 25)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, TODAY)
    return db


def customer_id(db: Database, name: str) -> int:
    with db.sessions() as session:
        return session.scalar(
            select(Customer.id).join(Organisation).where(Organisation.name == name)
        )


def draft(db: Database, customer: str, number: str, **extra: object) -> int:
    data = AgreementInput(
        number=number,
        customer_id=customer_id(db, customer),
        service_id=service_id_by_code(db, "AUTISTA"),
        title="Servicevereinbarung AutiSta",
        valid_from=date(2027, 1, 1),
        items=[("AUT-01", Decimal("12"))],
    )
    for key, value in extra.items():
        setattr(data, key, value)
    return create_agreement(db, data)


def test_non_member_cannot_become_active_without_approval(demo: Database) -> None:
    agreement = draft(demo, "Verbandsgemeinde Gerolstein", "ZV-2027-010")
    with pytest.raises(RuleViolation, match=r"Aufsichtsbehörde"):
        activate(demo, agreement, TODAY)
    assert agreement_detail(demo, agreement, TODAY).row.status is AgreementStatus.DRAFT
    with pytest.raises(ValidationError):
        record_approval(demo, agreement, date(2026, 12, 1), "")  # file number missing
    record_approval(demo, agreement, date(2026, 12, 1), "Az. 17 062-12 ZIDKOR/30")
    record_announcement(demo, agreement, date(2026, 12, 10), "Staatsanzeiger Nr. 48")
    activate(demo, agreement, TODAY)
    detail = agreement_detail(demo, agreement, TODAY)
    assert detail.row.status is AgreementStatus.ACTIVE
    assert not detail.row.is_member
    assert detail.authority_file_number == "Az. 17 062-12 ZIDKOR/30"
    assert (detail.announced_on, detail.announced_in) == (
        date(2026, 12, 10),
        "Staatsanzeiger Nr. 48",
    )


def test_member_agreement_becomes_active_without_approval(demo: Database) -> None:
    agreement = draft(demo, "Stadt Speyer", "SV-2027-011")
    activate(demo, agreement, TODAY)
    row = agreement_detail(demo, agreement, TODAY).row
    assert row.status is AgreementStatus.ACTIVE and row.is_member
    assert row.authority_approved_on is None


def test_quantity_change_from_a_date_keeps_earlier_periods(demo: Database) -> None:
    agreement = draft(demo, "Stadt Speyer", "SV-2027-012")
    set_quantity(demo, agreement, "AUT-01", Decimal("15"), date(2027, 9, 1), "zwei Plätze mehr")
    history = agreement_detail(demo, agreement, TODAY).history
    assert [(h.quantity, h.valid_from, h.valid_until) for h in history] == [
        (Decimal("12"), date(2027, 1, 1), date(2027, 8, 31)),
        (Decimal("15"), date(2027, 9, 1), None),
    ]
    assert [q.quantity for q in quantities_on(demo, agreement, date(2027, 8, 31))] == [12]
    assert [q.quantity for q in quantities_on(demo, agreement, date(2027, 9, 1))] == [15]
    # a change on or before the last one would rewrite the past: refused, nothing changed
    with pytest.raises(RuleViolation, match=r"01\.09\.2027"):
        set_quantity(demo, agreement, "AUT-01", Decimal("20"), date(2027, 6, 1))
    assert len(agreement_detail(demo, agreement, TODAY).history) == 2
    with pytest.raises(ValidationError):
        set_quantity(demo, agreement, "EPR-02", Decimal("2"), date(2027, 2, 1))  # other service
    with pytest.raises(ValidationError):
        set_quantity(demo, agreement, "AUT-01", Decimal("-1"), date(2027, 12, 1))


def test_per_resident_quantity_follows_population(demo: Database) -> None:
    ahrweiler = agreement_id_by_number(demo, "ZV-2012-001")
    items = {q.price_code: q for q in quantities_on(demo, ahrweiler, TODAY)}
    assert items["EPR-01"].per_resident and items["EPR-01"].quantity == 28500
    assert items["EPR-01"].population_year == 2026  # the figure of the year (demo: 28.500)
    assert items["EPR-02"].quantity == 4 and not items["EPR-02"].per_resident


def test_lists_by_customer_service_status_and_ending_soon(demo: Database) -> None:
    rows = list_agreements(demo, TODAY)
    assert {r.number for r in rows} == {
        "ZV-2012-001",
        "ZV-2013-002",
        "SV-2026-003",
        "SV-2014-004",
        "SV-2015-005",
    }
    soon = [r.number for r in rows if r.ends_soon]
    assert soon == ["SV-2015-005"]
    trier = customer_id(demo, "Stadt Trier")
    assert [r.number for r in list_agreements(demo, TODAY, customer_id=trier)] == ["SV-2014-004"]
    epr = service_id_by_code(demo, "EPR-EMV")
    assert {r.number for r in list_agreements(demo, TODAY, service_id=epr)} == {
        "ZV-2012-001",
        "ZV-2013-002",
        "SV-2015-005",
    }
    drafts = list_agreements(demo, TODAY, status=AgreementStatus.DRAFT)
    assert [r.number for r in drafts] == ["SV-2026-003"]
    trier_row = next(r for r in rows if r.number == "SV-2014-004")
    assert [(q.price_code, q.quantity) for q in trier_row.items] == [
        ("AUT-01", Decimal("15")),
        ("AUT-02", Decimal("1")),
    ]


def test_demo_is_consistent_with_the_rules(demo: Database) -> None:
    for row in list_agreements(demo, TODAY):
        if row.status is not AgreementStatus.DRAFT and not row.is_member:
            assert row.authority_approved_on is not None, row.number
    ahrweiler = agreement_detail(demo, agreement_id_by_number(demo, "ZV-2012-001"), TODAY)
    assert ahrweiler.authority_file_number == "17 062-12 ZIDKOR/21a"
    assert ahrweiler.row.authority_approved_on == date(2013, 6, 27)
    assert ahrweiler.council_resolution_on == date(2012, 9, 13)
    assert ahrweiler.row.valid_from == date(2012, 10, 1)


def test_operating_city_follows_the_service_operator(demo: Database) -> None:
    trier = agreement_id_by_number(demo, "SV-2014-004")
    assert agreement_detail(demo, trier, TODAY).row.operator == "Stadt Mainz"
    ids = {
        r.name: r.organisation_id
        for r in __import__(
            "zidkor_desktop.queries.members", fromlist=["list_members"]
        ).list_members(demo, TODAY)
    }
    assign_operator(demo, service_id_by_code(demo, "AUTISTA"), ids["Stadt Trier"], date(2027, 7, 1))
    assert agreement_detail(demo, trier, date(2027, 7, 1)).row.operator == "Stadt Trier"
    assert agreement_detail(demo, trier, date(2027, 6, 30)).row.operator == "Stadt Mainz"
    periods = agreement_detail(demo, trier, TODAY).operators
    assert [(p.city, p.valid_from, p.valid_until) for p in periods] == [
        ("Stadt Mainz", date(2014, 4, 1), date(2027, 6, 30)),
        ("Stadt Trier", date(2027, 7, 1), None),
    ]


def test_notice_and_end(demo: Database) -> None:
    agreement = draft(demo, "Stadt Speyer", "SV-2027-013", valid_from=date(2026, 1, 1))
    activate(demo, agreement, TODAY)
    with pytest.raises(ValidationError, match=r"31\.05\.2027"):
        give_notice(demo, agreement, date(2026, 12, 1), date(2027, 3, 31))
    give_notice(demo, agreement, date(2026, 12, 1), date(2027, 6, 30))
    row = agreement_detail(demo, agreement, TODAY).row
    assert row.status is AgreementStatus.NOTICE_GIVEN and row.valid_until == date(2027, 6, 30)
    assert agreement_detail(demo, agreement, date(2027, 4, 1)).row.ends_soon
    end_agreement(demo, agreement, date(2027, 6, 30))
    detail = agreement_detail(demo, agreement, TODAY)
    assert detail.row.status is AgreementStatus.ENDED
    assert [h.valid_until for h in detail.history] == [date(2027, 6, 30)]
    with pytest.raises(RuleViolation):
        set_quantity(demo, agreement, "AUT-01", Decimal("3"), date(2027, 7, 1))


def test_stale_edit_is_refused_and_changes_are_audited(demo: Database) -> None:
    agreement = draft(demo, "Stadt Speyer", "SV-2027-014")
    detail = agreement_detail(demo, agreement, TODAY)
    set_quantity(demo, agreement, "AUT-01", Decimal("13"), date(2027, 3, 1))
    data = AgreementInput(
        number="SV-2027-014",
        customer_id=detail.row.customer_id,
        service_id=detail.row.service_id,
        title="Neuer Titel",
        valid_from=date(2027, 1, 1),
    )
    with pytest.raises(ConcurrentChange):
        update_agreement(demo, agreement, detail.version, data)
    update_agreement(demo, agreement, agreement_detail(demo, agreement, TODAY).version, data)
    with demo.sessions() as session:
        entities = set(
            session.scalars(select(AuditEntry.entity).where(AuditEntry.entity.like("agreement%")))
        )
        title = session.scalar(select(Agreement.title).where(Agreement.id == agreement))
        items = session.scalars(
            select(AgreementItem).where(AgreementItem.agreement_id == agreement)
        ).all()
    assert entities == {"agreement", "agreement_item"}
    assert title == "Neuer Titel" and len(items) == 2


def test_duplicate_number_is_refused(demo: Database) -> None:
    with pytest.raises(ValidationError, match="SV-2014-004"):
        draft(demo, "Stadt Speyer", "SV-2014-004")


def test_ending_soon_window_is_90_days(demo: Database) -> None:
    speyer = agreement_id_by_number(demo, "SV-2015-005")
    end = date(2026, 12, 31)
    assert agreement_detail(demo, speyer, end - timedelta(days=90)).row.ends_soon
    assert not agreement_detail(demo, speyer, end - timedelta(days=91)).row.ends_soon


def test_term_edit_cannot_cut_off_stored_quantities(demo: Database) -> None:
    agreement = draft(demo, "Stadt Speyer", "SV-2027-015")
    detail = agreement_detail(demo, agreement, TODAY)
    data = AgreementInput(
        number="SV-2027-015",
        customer_id=detail.row.customer_id,
        service_id=detail.row.service_id,
        title="Servicevereinbarung AutiSta",
        valid_from=date(2027, 2, 1),
    )
    with pytest.raises(ValidationError, match=r"01\.01\.2027"):
        update_agreement(demo, agreement, detail.version, data)
    assert agreement_detail(demo, agreement, TODAY).row.valid_from == date(2027, 1, 1)
