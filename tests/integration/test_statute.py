"""Statute versions on SQLite and PostgreSQL: default statute, steps, editing, triggers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from zidkor_desktop.db.models import AuditEntry, StatuteVersion
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import (
    ConcurrentChange,
    NotFound,
    RuleViolation,
    ValidationError,
)
from zidkor_desktop.domain.kinds import StatuteStatus
from zidkor_desktop.domain.statute import OrdinaryMajority, SectionDraft, StatuteSettings
from zidkor_desktop.domain.statute_default import default_sections
from zidkor_desktop.domain.statute_text import LiveData
from zidkor_desktop.domain.statute_text import resolved_text as _resolved
from zidkor_desktop.queries.statute import (
    list_versions,
    live_data,
    settings_in_force,
    version_sections,
    version_settings,
)
from zidkor_desktop.usecases.demo import FOUNDED, load_demo
from zidkor_desktop.usecases.members import get_member, update_member
from zidkor_desktop.usecases.statute import (
    Approval,
    adopt,
    approve,
    create_default_statute,
    delete_draft,
    new_amendment,
    put_in_force,
    save_sections,
    save_settings,
)

TODAY = date(2026, 11, 25)
APPROVAL = Approval(
    date(2026, 10, 1), "ADD 17 062-12 ZIDKOR/30", date(2026, 10, 9), "StAnz 40/2026"
)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, TODAY)
    return db


def resolved_text(body: str, live: LiveData) -> str:
    """The filled text with plain spaces (Babel puts a no-break space before €)."""
    return _resolved(body, live).replace("\xa0", " ")


def lock_of(db: Database, number: int) -> int:
    return next(v.version for v in list_versions(db, TODAY) if v.version_no == number)


def drafts(db: Database, number: int) -> list[SectionDraft]:
    return [s.draft() for s in version_sections(db, number)]


def test_demo_has_the_default_statute_in_force_from_the_founding(demo: Database) -> None:
    row, draft = list_versions(demo, TODAY)
    assert (draft.version_no, draft.status, draft.based_on) == (2, StatuteStatus.DRAFT, 1)
    assert (row.version_no, row.status, row.in_force_from) == (1, StatuteStatus.IN_FORCE, FOUNDED)
    assert row.adopted_on == date(2012, 6, 28) and row.approved_on == date(2012, 9, 20)
    assert row.published_on == date(2012, 9, 28) and "Staatsanzeiger" in row.published_in
    sections = version_sections(demo, 1)
    assert [s.number for s in sections] == [str(n) for n in range(1, 17)]
    headings = " ".join(s.heading for s in sections)
    for needed in (
        "Name, Sitz", "Mitglieder", "Aufgaben", "Organe", "Verbandsversammlung",
        "Beschlussfähigkeit", "Verbandsvorsteher", "Geschäftsstelle", "Stammkapital",
        "Finanzbedarfs", "Beitritt und Ausscheiden", "Bekanntmachungen", "Auflösung",
        "Inkrafttreten",
    ):  # fmt: skip
        assert needed in headings
    assert "Mainz" in sections[0].body


def test_placeholders_show_the_members_of_the_date(demo: Database) -> None:
    live = live_data(demo, FOUNDED, Decimal("2000.00"))
    members = resolved_text(version_sections(demo, 1)[1].subsections[0], live)
    assert "Stadt Koblenz: 1 Stimme, Anteil am Stammkapital 2.000,00 €" in members
    assert "KommWis GmbH: 7 Stimmen, Anteil am Stammkapital 14.000,00 €" in members
    assert "Insgesamt: 15 Stimmen, Stammkapital 30.000,00 €" in members
    assert "{{" not in members
    services = resolved_text(version_sections(demo, 1)[2].subsections[2], live)
    assert "– Standesamtsverfahren AutiSta (betreibende Stadt: Stadt Mainz)" in services
    assert "Waffenregister" not in services  # operated only from 2027
    capital = resolved_text(version_sections(demo, 1)[9].subsections[0], live)
    assert "2.000,00 € je Stimme" in capital and "insgesamt 30.000,00 €" in capital
    # The day before the founding there were no members yet: an old date shows its own members.
    before = live_data(demo, date(2012, 9, 30), Decimal("2000.00"))
    assert before.members == () and before.vote_total == 0


def test_placeholders_follow_a_change_of_votes(demo: Database) -> None:
    from zidkor_desktop.queries.members import list_members

    trier = next(r for r in list_members(demo, TODAY) if r.name == "Stadt Trier")
    record = get_member(demo, trier.organisation_id, TODAY)
    update_member(demo, record, replace(record.data, votes=2, votes_from=date(2026, 1, 1)), TODAY)
    live_new = live_data(demo, date(2026, 1, 1), Decimal("2000.00"))
    live_old = live_data(demo, date(2025, 12, 31), Decimal("2000.00"))
    body = version_sections(demo, 1)[1].subsections[0]
    assert "Stadt Trier: 2 Stimmen, Anteil am Stammkapital 4.000,00 €" in resolved_text(
        body, live_new
    )
    assert "Insgesamt: 16 Stimmen, Stammkapital 32.000,00 €" in resolved_text(body, live_new)
    assert "Stadt Trier: 1 Stimme," in resolved_text(body, live_old)
    assert "Insgesamt: 15 Stimmen" in resolved_text(body, live_old)


def test_default_statute_on_an_empty_database(db: Database) -> None:
    assert create_default_statute(db) == 1
    [row] = list_versions(db, TODAY)
    assert row.status is StatuteStatus.DRAFT and row.sections == len(default_sections())
    assert settings_in_force(db, TODAY).version_no is None
    with pytest.raises(RuleViolation, match="enthält bereits eine Verbandsordnung"):
        create_default_statute(db)


def test_the_steps_in_order_with_dates(demo: Database) -> None:
    n = new_amendment(demo, TODAY)
    assert n == 3  # the demo has draft 2
    row = list_versions(demo, TODAY)[2]
    assert (row.status, row.based_on) == (StatuteStatus.DRAFT, 1)
    assert drafts(demo, n) == drafts(demo, 1)
    with pytest.raises(RuleViolation, match="muss von der Verbandsversammlung beschlossen"):
        approve(demo, n, APPROVAL, TODAY)
    with pytest.raises(RuleViolation, match="muss genehmigt und bekannt gemacht sein"):
        put_in_force(demo, n, date(2027, 1, 1))
    with pytest.raises(ValidationError, match=r"Beschlossen am.*Zukunft") as error:
        adopt(demo, n, date(2026, 12, 1), "TOP 4", TODAY)
    assert error.value.field == "adopted_on"
    with pytest.raises(ValidationError, match="Beschluss: Bitte"):
        adopt(demo, n, date(2026, 9, 10), " ", TODAY)
    adopt(demo, n, date(2026, 9, 10), "Beschluss 7/2026, TOP 4", TODAY)
    with pytest.raises(RuleViolation, match="kann nicht mehr geändert werden"):
        adopt(demo, n, date(2026, 9, 10), "again", TODAY)
    with pytest.raises(
        ValidationError, match=r"Genehmigt am: Der 01.09.2026 liegt vor dem Beschluss"
    ) as error:
        approve(demo, n, replace(APPROVAL, approved_on=date(2026, 9, 1)), TODAY)
    assert error.value.field == "approved_on"
    with pytest.raises(ValidationError, match="Aktenzeichen"):
        approve(demo, n, replace(APPROVAL, file_number=""), TODAY)
    with pytest.raises(
        ValidationError, match=r"Bekannt gemacht am: Der 30.09.2026 liegt vor der Genehmigung"
    ):
        approve(demo, n, replace(APPROVAL, published_on=date(2026, 9, 30)), TODAY)
    with pytest.raises(ValidationError, match="Veröffentlicht in"):
        approve(demo, n, replace(APPROVAL, published_in=""), TODAY)
    approve(demo, n, APPROVAL, TODAY)
    with pytest.raises(
        ValidationError, match=r"In Kraft ab: Der 08.10.2026 liegt vor der Bekanntmachung"
    ):
        put_in_force(demo, n, date(2026, 10, 8))
    put_in_force(demo, n, date(2026, 10, 10))
    rows = list_versions(demo, TODAY)
    assert [r.status for r in rows] == [
        StatuteStatus.SUPERSEDED,
        StatuteStatus.DRAFT,
        StatuteStatus.IN_FORCE,
    ]
    assert list_versions(demo, date(2026, 10, 9))[0].status is StatuteStatus.IN_FORCE
    assert settings_in_force(demo, date(2026, 10, 9)).version_no == 1
    assert settings_in_force(demo, date(2026, 10, 10)).version_no == n


def test_an_amendment_from_an_outdated_version_cannot_enter_into_force(demo: Database) -> None:
    first, second = new_amendment(demo, TODAY), new_amendment(demo, TODAY)
    for number in (first, second):
        adopt(demo, number, date(2026, 9, 10), f"Beschluss {number}", TODAY)
        approve(demo, number, APPROVAL, TODAY)
    put_in_force(demo, first, date(2026, 10, 10))
    with pytest.raises(RuleViolation, match=r"aus Fassung 1 entworfen.*Fassung 3 in Kraft"):
        put_in_force(demo, second, date(2026, 11, 1))
    with pytest.raises(RuleViolation, match=r"muss nach dem 10.10.2026 liegen"):
        put_in_force(demo, second, date(2026, 10, 10))


def test_edit_sections_of_a_draft_in_one_go(demo: Database) -> None:
    number = new_amendment(demo, TODAY)
    sections = drafts(demo, number)
    sections[4] = replace(sections[4], body=sections[4].body + "\n\nNeuer Absatz.")
    sections.insert(
        5, SectionDraft("5a", "Ausschüsse", "Die Verbandsversammlung kann Ausschüsse bilden.")
    )
    del sections[12]  # § 12 Wirtschaftsführung
    sections[0], sections[1] = sections[1], sections[0]
    new_lock = save_sections(demo, number, sections, lock_of(demo, number))
    stored = version_sections(demo, number)
    assert [s.number for s in stored][:7] == ["2", "1", "3", "4", "5", "5a", "6"]
    assert "12" not in [s.number for s in stored]
    assert stored[4].subsections[-1] == "Neuer Absatz."
    assert new_lock == lock_of(demo, number)
    with pytest.raises(ConcurrentChange):
        save_sections(demo, number, sections, new_lock - 1)
    with pytest.raises(ValidationError, match="§ 5a: Die Nummer ist doppelt vergeben"):
        save_sections(demo, number, [*sections, sections[5]], new_lock)
    with pytest.raises(ValidationError, match=r"§ 3: unbekannter Platzhalter \{\{foo\}\}"):
        bad = [replace(s, body=s.body + " {{foo}}") if s.number == "3" else s for s in sections]
        save_sections(demo, number, bad, new_lock)
    with pytest.raises(ValidationError, match="§ 2: Die Überschrift ist länger als 200 Zeichen"):
        save_sections(demo, number, [replace(s, heading="Ü" * 201) for s in sections], new_lock)
    with pytest.raises(ValidationError, match="§ 6: Bitte geben Sie eine Überschrift an"):
        save_sections(demo, number, [replace(s, heading=" ") for s in sections[-10:]], new_lock)
    assert [s.number for s in version_sections(demo, number)] == [s.number for s in stored]
    with pytest.raises(RuleViolation, match="kann nicht mehr geändert werden"):
        save_sections(demo, 1, sections, lock_of(demo, 1))
    with demo.sessions() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "statute_section")
        ).all()
    assert any(e.action == "create" and "Ausschüsse" in (e.new_value or "") for e in entries)
    assert any(
        e.action == "delete" and "Wirtschaftsführung" in (e.old_value or "") for e in entries
    )


def test_settings_are_part_of_the_version(demo: Database) -> None:
    assert settings_in_force(demo, TODAY).settings == StatuteSettings()
    assert StatuteSettings().invitation_days == 4
    assert StatuteSettings().ordinary_majority is OrdinaryMajority.PRESENT
    number = new_amendment(demo, TODAY)
    changed = StatuteSettings(
        capital_per_vote=Decimal("2500.00"), ordinary_majority=OrdinaryMajority.CAST,
        invitation_days=7,
    )  # fmt: skip
    save_settings(demo, number, "Verbandsordnung (Fassung 2027)", changed, lock_of(demo, number))
    assert version_settings(demo, number) == changed
    with pytest.raises(ValidationError, match="Ladungsfrist") as error:
        save_settings(demo, number, "x", replace(changed, invitation_days=0), lock_of(demo, number))
    assert error.value.field == "invitation_days"
    with pytest.raises(ValidationError, match="Stammkapital je Stimme"):
        save_settings(
            demo,
            number,
            "x",
            replace(changed, capital_per_vote=Decimal("0")),
            lock_of(demo, number),
        )
    with pytest.raises(ValidationError, match="länger als 200 Zeichen") as error:
        save_settings(demo, number, "V" * 201, changed, lock_of(demo, number))
    assert error.value.field == "title"
    with pytest.raises(ValidationError, match="Titel: Bitte"):
        save_settings(demo, number, "  ", changed, lock_of(demo, number))
    adopt(demo, number, date(2026, 9, 10), "Beschluss 7/2026", TODAY)
    approve(demo, number, APPROVAL, TODAY)
    put_in_force(demo, number, date(2027, 1, 1))
    assert settings_in_force(demo, date(2026, 12, 31)).settings == StatuteSettings()
    assert settings_in_force(demo, date(2027, 1, 1)).settings == changed
    # Until its first day the new version is approved, and the old one stays in force.
    before = list_versions(demo, date(2026, 12, 31))
    assert [before[0].status, before[-1].status] == [StatuteStatus.IN_FORCE, StatuteStatus.APPROVED]
    after = list_versions(demo, date(2027, 1, 1))
    assert [after[0].status, after[-1].status] == [StatuteStatus.SUPERSEDED, StatuteStatus.IN_FORCE]
    with pytest.raises(RuleViolation):
        save_settings(demo, number, "y", StatuteSettings(), lock_of(demo, number))


def test_delete_only_drafts(demo: Database) -> None:
    number = new_amendment(demo, TODAY)
    copy = new_amendment(demo, TODAY, source_no=number)
    with pytest.raises(RuleViolation, match=f"Fassung {copy} wurde aus ihr kopiert"):
        delete_draft(demo, number)
    delete_draft(demo, copy)
    delete_draft(demo, number)
    assert [r.version_no for r in list_versions(demo, TODAY)] == [1, 2]
    with pytest.raises(RuleViolation):
        delete_draft(demo, 1)
    with pytest.raises(NotFound, match="keine Fassung 9 der Verbandsordnung"):
        delete_draft(demo, 9)
    with pytest.raises(NotFound):
        new_amendment(demo, date(2012, 1, 1))


# --- the database's own refusal (plain SQL, bypassing the use cases) ---


def _id(db: Database, number: int) -> int:
    with db.sessions() as session:
        return session.scalar(select(StatuteVersion.id).where(StatuteVersion.version_no == number))


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE statute_version SET title = 'x' WHERE id = :id",
        "UPDATE statute_version SET status = 'draft' WHERE id = :id",
        "UPDATE statute_version SET adopted_on = NULL WHERE id = :id",
        "UPDATE statute_version SET capital_per_vote = 1 WHERE id = :id",
        "UPDATE statute_version SET invitation_days = 2 WHERE id = :id",
        "UPDATE statute_version SET approval_file_number = 'x' WHERE id = :id",
        "UPDATE statute_version SET in_force_from = NULL WHERE id = :id",
        "DELETE FROM statute_version WHERE id = :id",
        "UPDATE statute_section SET body = 'x' WHERE version_id = :id",
        "DELETE FROM statute_section WHERE version_id = :id",
        "INSERT INTO statute_section (version_id, position, number, heading, body)"
        " VALUES (:id, 99, '99', 'x', 'x')",
    ],
)
def test_triggers_refuse_changes_to_an_adopted_version(demo: Database, statement: str) -> None:
    with (
        pytest.raises(Exception, match=r"adopted and read-only"),
        demo.write_engine.begin() as connection,
    ):
        connection.execute(text(statement), {"id": _id(demo, 1)})
    assert len(version_sections(demo, 1)) == 16
    assert list_versions(demo, TODAY)[0].title.startswith("Verbandsordnung")


def test_triggers_let_drafts_change_and_later_steps_be_recorded(demo: Database) -> None:
    number = new_amendment(demo, TODAY)
    draft = _id(demo, number)
    with demo.write_engine.begin() as connection:
        connection.execute(
            text("UPDATE statute_section SET body = 'y' WHERE version_id = :d"), {"d": draft}
        )
        connection.execute(
            text("UPDATE statute_version SET title = 'y', status = 'adopted', adopted_on = :a,"
                 " adoption_ref = 'r' WHERE id = :d"),
            {"d": draft, "a": date(2026, 9, 10)},
        )  # fmt: skip
        connection.execute(
            text("UPDATE statute_version SET status = 'approved', approved_on = :a,"
                 " approval_file_number = 'f' WHERE id = :d"),
            {"d": draft, "a": date(2026, 10, 1)},
        )  # fmt: skip
    for statement in (
        "UPDATE statute_version SET approved_on = :a WHERE id = :d",
        "UPDATE statute_section SET heading = 'z' WHERE version_id = :d",
    ):
        with (
            pytest.raises(Exception, match=r"adopted and read-only"),
            demo.write_engine.begin() as connection,
        ):
            connection.execute(text(statement), {"d": draft, "a": date(2026, 10, 2)})


def test_migration_0006_round_trip(demo: Database) -> None:
    from zidkor_desktop.db.migrate import downgrade, upgrade

    downgrade(demo, "0005")
    with demo.write_engine.begin() as connection:  # no triggers in 0005
        connection.execute(text("UPDATE statute_version SET title = title || '!'"))
    upgrade(demo)
    assert version_settings(demo, 1) == StatuteSettings()
    with (
        pytest.raises(Exception, match=r"adopted and read-only"),
        demo.write_engine.begin() as connection,
    ):
        connection.execute(text("UPDATE statute_version SET title = 'x'"))


def test_compare_the_demo_versions_word_by_word(demo: Database) -> None:
    from zidkor_desktop.domain.statute_compare import Change, Word
    from zidkor_desktop.queries.statute_document import compare_versions

    changes = compare_versions(demo, 1, 2, TODAY)
    assert [(c.number, c.kind) for c in changes] == [
        ("6", Change.CHANGED),
        ("13", Change.CHANGED),
        ("14", Change.CHANGED),
    ]
    [meetings] = changes[0].subsections
    assert (meetings.old_index, meetings.new_index) == (2, 2)
    assert [w for w in meetings.words if w.kind] == [
        Word("einmal", Change.REMOVED),
        Word("zweimal", Change.ADDED),
    ]
    [struck] = changes[1].subsections
    assert (struck.kind, struck.old_index, struck.new_index) == (Change.REMOVED, 3, None)
    assert not any(c.heading_changed for c in changes)
