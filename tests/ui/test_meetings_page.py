"""Meetings area: workflow 8 through the widgets (agenda, invitation, attendance, votes)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from zidkor_desktop.db.models import PriceList, StatuteVersion
from zidkor_desktop.domain.kinds import Majority, Outcome, VoteChoice
from zidkor_desktop.domain.resolutions import EffectKind
from zidkor_desktop.queries.meeting_record import meeting_record
from zidkor_desktop.queries.meetings import list_meetings, list_resolutions
from zidkor_desktop.usecases.minutes import Part

HELD = date(2026, 12, 14)
INVITED = date(2026, 12, 11)  # two full days before the meeting: too late unless urgent
ABSENT = ("Stadt Speyer", "Stadt Trier")
LEAVES = "Stadt Mainz"


@pytest.fixture
def clock(ctx: Any) -> list[date]:
    """'Today' of the application, changed by the test as the days pass."""
    day = [date(2026, 11, 25)]
    ctx.today = lambda: day[0]
    return day


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """QMessageBox.question answers Yes; every box is recorded as (kind, text)."""
    seen: list[tuple[str, str]] = []

    def box(kind: str, answer: QMessageBox.StandardButton) -> Any:
        def show(_parent: Any, _title: str, text: str, *_a: Any, **_k: Any) -> Any:
            seen.append((kind, text))
            return answer

        return show

    monkeypatch.setattr(QMessageBox, "question", box("question", QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "warning", box("warning", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "information", box("info", QMessageBox.StandardButton.Ok))
    return seen


def _page(window: Any) -> Any:
    page = window.show_area("meetings")
    page.refresh()
    return page


def _create_meeting(page: Any, approve: bool = False) -> Any:
    dialog = page.new_meeting()
    assert dialog.widgets["number"].text() == "3/2026"  # proposed after the demo's 2/2026
    dialog.widgets["held_on"].set_date(HELD)
    assert dialog.approve_check.isChecked()  # the demo's 2/2026 is not approved yet
    assert "2/2026" in dialog.approve_check.text()
    dialog.approve_check.setChecked(approve)
    dialog.widgets["starts_at"].setText("10:00")
    dialog.widgets["place"].setText("Koblenz, Rathaus")
    dialog.widgets["chair_name"].setText("Oberbürgermeister der Stadt Koblenz")
    dialog.widgets["minute_taker"].setText("Frau Beispiel")
    dialog.save()
    assert not dialog.banner.isVisible(), dialog.banner.text()
    assert page.record is not None and page.record.number == "3/2026"
    return page.record


def _add_item(page: Any, title: str, majority: Majority, text: str = "", **effect: Any) -> None:
    dialog = page.agenda_tab.add_item()
    dialog.title_edit.setText(title)
    dialog.resolution_edit.setPlainText(text)
    kind = effect.get("kind")
    if kind is not None:
        dialog.effect_combo.setCurrentIndex(dialog.effect_combo.findData(kind))
        labels = [dialog.target_combo.itemText(i) for i in range(dialog.target_combo.count())]
        index = next(i for i, label in enumerate(labels) if effect["target"] in label)
        dialog.target_combo.setCurrentIndex(index)
        if "valid_from" in effect:
            dialog.valid_from_edit.set_date(effect["valid_from"])
    dialog.majority_combo.setCurrentIndex(dialog.majority_combo.findData(majority))
    dialog.save()
    assert not dialog.banner.isVisible(), dialog.banner.text()


def _agenda(page: Any) -> None:
    _add_item(page, "Eröffnung und Feststellung der Beschlussfähigkeit", Majority.NONE)
    _add_item(
        page,
        "Leistungs- und Entgeltverzeichnis 2027",
        Majority.SIMPLE,
        "Die Verbandsversammlung beschließt das Leistungs- und Entgeltverzeichnis 2027.",
        kind=EffectKind.PRICE_LIST,
        target="2027",
        valid_from=date(2027, 1, 1),
    )
    _add_item(
        page,
        "Änderung der Verbandsordnung",
        Majority.TWO_THIRDS_STATUTORY,
        "Die Verbandsversammlung beschließt die Fassung 2 der Verbandsordnung.",
        kind=EffectKind.STATUTE,
        target="2",
    )
    _add_item(
        page,
        "Feststellung des Jahresabschlusses 2025",
        Majority.SIMPLE,
        "Die Verbandsversammlung stellt den Jahresabschluss 2025 fest.",
    )


def _vote(tab: Any, position: int, no: tuple[str, ...] = (), abstain: tuple[str, ...] = ()) -> str:
    tab.choose(position)
    tab.all_yes()
    for name in no:
        tab.set_choice(name, VoteChoice.NO)
    for name in abstain:
        tab.set_choice(name, VoteChoice.ABSTAIN)
    assert tab.record_button.isEnabled()
    assert tab.determine_result()
    tab.choose(position)
    return tab.result_label.text()


def test_workflow_8_an_assembly_meeting(window: Any, clock: list[date], answers: list) -> None:
    page = _page(window)
    record = _create_meeting(page)
    _agenda(page)
    items = page.agenda_tab.model.visible_rows()
    assert [i.position for i in items] == [1, 2, 3, 4]
    assert items[1].majority is Majority.SIMPLE
    assert items[1].effect.kind is EffectKind.PRICE_LIST
    assert items[1].effect.valid_from == date(2027, 1, 1)
    assert items[2].majority is Majority.TWO_THIRDS_STATUTORY
    assert page.model.visible_rows()[0].items == 4  # the list counts the items

    # Invitation: two full days are too few (the statute asks four); urgent with a reason is fine.
    clock[0] = INVITED
    tab = page.invitation_tab
    page.detail_tabs.setCurrentWidget(tab)
    tab.sent_edit.set_date(INVITED)
    assert not tab.save()
    assert tab.banner.isVisible()
    assert "nur 2 volle Tage" in tab.banner.text() and "09.12.2026" in tab.banner.text()
    tab.urgent_check.setChecked(True)
    tab.reason_edit.setPlainText("Das Entgeltverzeichnis muss zum 1. Januar gelten.")
    assert tab.save()
    assert page.record.invited_on == INVITED and page.record.urgent
    assert "dringlich" in tab.notes_label.text().lower()
    assert "Das Entgeltverzeichnis muss" in tab.notes_label.text()

    # Attendance on the day: KommWis (7 votes) and six of the eight cities (1 vote each).
    clock[0] = HELD
    tab = page.attendance_tab
    page.detail_tabs.setCurrentWidget(tab)
    for row in tab.rows:
        name = row.record.member.name
        row.present.setChecked(name not in ABSENT)
        if name not in ABSENT:
            row.representatives.setText(f"Vertreter {name}, Stellvertreter {name}")
            assert row.voting.count() == 2  # the combo offers its own representatives
    tab.row_of(LEAVES).leaves.setCurrentIndex(tab.row_of(LEAVES).leaves.findData(3))
    assert tab.save()
    members, votes = 2 + 7, 7 + 8  # KommWis and eight cities; 7 + 8 × 1 votes
    here_members, here_votes = members - len(ABSENT), votes - len(ABSENT)
    assert (here_members, here_votes) == (7, 13)
    assert tab.quorum_label.text().startswith(
        f"{here_members} von {members} Mitgliedern, {here_votes} von {votes} "
        "Stimmen — beschlussfähig"
    )
    assert "8 Abs. 1 KomZG" in tab.quorum_label.text()
    assert tab.row_of(LEAVES).voting.currentText() == f"Vertreter {LEAVES}"

    # The city leaving after item 3 changes the figures from item 4 on.
    votes_tab = page.votes_tab
    page.detail_tabs.setCurrentWidget(votes_tab)
    votes_tab.choose(3)
    assert votes_tab.quorum_label.text().startswith(
        "TOP 3: 7 von 9 Mitgliedern, 13 von 15 Stimmen — beschlussfähig"
    )
    votes_tab.choose(4)
    assert votes_tab.quorum_label.text().startswith(
        "TOP 4: 6 von 9 Mitgliedern, 12 von 15 Stimmen — beschlussfähig"
    )
    assert LEAVES not in [m.name for m in votes_tab.current_item().voters]
    assert f"Nach dem vorigen TOP gegangen: {LEAVES}" in votes_tab.quorum_label.text()

    # Item 2: all yes but Neuwied abstaining — 12 of the 13 votes present: adopted.
    text = _vote(votes_tab, 2, abstain=("Stadt Neuwied",))
    assert f"Ergebnis: {Outcome.ADOPTED.label}" in text
    assert "Ja: 12 Stimmen" in text and "Enthaltung: 1 Stimme (Stadt Neuwied)" in text
    assert "Veröffentlicht" in text  # the effect's state
    with window.ctx.db.sessions() as session:
        price_list = session.scalar(select(PriceList).where(PriceList.version_no == 2))
        assert price_list.status == "published"
        assert price_list.valid_from == date(2027, 1, 1)

    # Item 3: statute change, KommWis against — 6 yes of 15 statutory votes, 10 needed: rejected.
    text = _vote(votes_tab, 3, no=("KommWis GmbH",))
    assert (
        f"Ergebnis: {Outcome.REJECTED.label}" in text
        and "Ja: 6 Stimmen" in text
        and "Nein: 7 Stimmen" in text
    )
    assert "mindestens 10 der 15" in text  # two thirds of 15, rounded up
    assert "Wirkung: keine" in text
    with window.ctx.db.sessions() as session:
        statute = session.scalar(select(StatuteVersion).where(StatuteVersion.version_no == 2))
        assert statute.status == "draft" and statute.adopted_on is None

    # Item 4 after Mainz left: six voters with 12 votes.
    text = _vote(votes_tab, 4)
    assert f"Ergebnis: {Outcome.ADOPTED.label}" in text and "Ja: 12 Stimmen" in text

    stored = meeting_record(window.ctx.db, record.id)
    assert [i.outcome for i in stored.items] == [
        None, Outcome.ADOPTED, Outcome.REJECTED, Outcome.ADOPTED,
    ]  # fmt: skip
    assert stored.item(2).effect.applied_at is not None
    assert stored.item(3).effect.applied_at is None

    # Resolution tracking: the open resolutions of this meeting are items 2 and 4.
    tracking = page.resolutions_tab
    page.main_tabs.setCurrentWidget(tracking)
    assert tracking.open_only.isChecked()
    shown = [(r.meeting_number, r.position) for r in tracking.model.visible_rows()]
    assert ("3/2026", 2) in shown and ("3/2026", 4) in shown and ("3/2026", 3) not in shown
    tracking.select(stored.item(2).id)
    dialog = tracking.edit()
    dialog.widgets["assignee"].setText("Geschäftsstelle")
    dialog.widgets["due_on"].set_date(date(2026, 12, 31))
    dialog.widgets["done_on"].set_date(HELD)
    dialog.widgets["done_note"].setPlainText("Im Internet veröffentlicht.")
    dialog.save()
    assert not dialog.banner.isVisible(), dialog.banner.text()
    done = next(r for r in list_resolutions(window.ctx.db) if r.item_id == stored.item(2).id)
    assert (done.assignee, done.done_on, done.done_note) == (
        "Geschäftsstelle", HELD, "Im Internet veröffentlicht.",
    )  # fmt: skip
    shown = [(r.meeting_number, r.position) for r in tracking.model.visible_rows()]
    assert ("3/2026", 2) not in shown and ("3/2026", 4) in shown
    tracking.open_only.setChecked(False)
    row = next(r for r in tracking.model.visible_rows() if r.item_id == done.item_id)
    assert row.done_note == "Im Internet veröffentlicht."


def _select(page: Any, number: str) -> Any:
    row = next(m for m in page.model.visible_rows() if m.number == number)
    assert page.select_record(row.id)
    assert page.record.number == number
    return page.record


def test_the_new_meeting_takes_up_the_open_minutes(window: Any, clock: list, answers: list) -> None:
    page = _page(window)
    record = _create_meeting(page, approve=True)
    first = record.items[0]
    assert first.position == 1 and first.majority is Majority.SIMPLE
    assert first.effect.kind is EffectKind.MINUTES and "2/2026" in first.effect.target
    assert "Genehmigung der Niederschrift der Sitzung 2/2026" in first.title


def test_agenda_moves_by_keyboard_and_removes_after_asking(
    window: Any, qtbot: Any, clock: list, answers: list
) -> None:
    page = _page(window)
    _create_meeting(page)
    _agenda(page)
    tab = page.agenda_tab
    page.detail_tabs.setCurrentWidget(tab)
    tab.select_item(page.record.item(4).id)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    titles = [i.title for i in page.record.items]
    assert titles[2] == "Feststellung des Jahresabschlusses 2025"
    assert titles[3] == "Änderung der Verbandsordnung"
    assert tab.selected().title == "Feststellung des Jahresabschlusses 2025"  # stays selected
    qtbot.keyClick(tab.table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert page.record.item(4).title == "Feststellung des Jahresabschlusses 2025"
    tab.remove_item()
    assert answers[-1][0] == "question" and "TOP 4" in answers[-1][1]
    assert [i.position for i in page.record.items] == [1, 2, 3]
    assert page.model.visible_rows()[0].items == 3


def test_deleting_a_meeting_asks_first(
    window: Any, clock: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(window)
    record = _create_meeting(page)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)
    assert not page.delete_meeting()
    assert record.id in [m.id for m in list_meetings(window.ctx.db)]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    assert page.delete_meeting()
    assert record.id not in [m.id for m in list_meetings(window.ctx.db)]


def test_an_excluded_member_neither_counts_nor_votes(
    window: Any, clock: list, answers: list
) -> None:
    page = _page(window)
    _create_meeting(page)
    _agenda(page)
    clock[0] = HELD
    tab = page.attendance_tab
    tab._all_present()
    for row in tab.rows:
        row.representatives.setText(f"Vertreter {row.record.member.name}")
    assert tab.save()
    assert tab.quorum_label.text().startswith("9 von 9 Mitgliedern, 15 von 15 Stimmen")
    votes = page.votes_tab
    votes.choose(4)
    koblenz = next(m.organisation_id for m in page.record.members if m.name == "Stadt Koblenz")
    check, reason = votes.exclusion_rows[koblenz]
    check.setChecked(True)
    reason.setText("Auftrag an einen Angehörigen")
    assert votes.save_exclusions()
    votes.choose(4)
    assert "Stadt Koblenz" not in [m.name for m in votes.current_item().voters]
    # The statute leaves the excluded member out of the base: 8 of 8 members, 14 of 14 votes.
    assert votes.quorum_label.text().startswith("TOP 4: 8 von 8 Mitgliedern, 14 von 14 Stimmen")
    assert "nicht mitgezählt: Stadt Koblenz" in votes.quorum_label.text()
    votes.all_yes()
    assert len(votes.choices()) == 8 and koblenz not in votes.choices()
    assert not any(b.isEnabled() for b in votes.vote_groups[koblenz].buttons())
    assert votes.determine_result()
    votes.choose(4)
    assert "Ja: 14 Stimmen" in votes.result_label.text()
    assert "Stadt Koblenz" not in votes.result_label.text().split("Regel")[0]


def test_signing_is_refused_while_something_is_missing(
    window: Any, clock: list, answers: list
) -> None:
    page = _page(window)
    _create_meeting(page)  # no end time, no attendance, no agenda
    tab = page.minutes_tab
    assert tab.status_label.text() == "Entwurf"
    assert not tab.sign()
    kind, text = answers[-1]
    assert kind == "warning" and "Beginn und Ende der Sitzung" in text and "Anwesenheit" in text
    assert not page.record.signed


def test_signing_archives_the_minutes_and_locks_the_meeting(
    window: Any, clock: list, answers: list
) -> None:
    pytest.importorskip("zidkor_desktop.documents.minutes")
    page = _page(window)
    _create_meeting(page)
    _add_item(page, "Eröffnung", Majority.NONE)
    _add_item(page, "Jahresabschluss 2025", Majority.SIMPLE, "Festgestellt.")
    _add_item(page, "Personalangelegenheit", Majority.SIMPLE, "Beschlossen.")
    page.agenda_tab.select_item(page.record.item(3).id)
    dialog = page.agenda_tab.edit_item()
    dialog.public_check.setChecked(False)
    dialog.save()
    clock[0] = HELD
    dialog = page.edit_meeting()
    dialog.widgets["ends_at"].setText("12:00")
    dialog.save()
    tab = page.attendance_tab
    tab._all_present()
    for row in tab.rows:
        row.representatives.setText(f"Vertreter {row.record.member.name}")
    assert tab.save()
    minutes = page.minutes_tab
    assert not page.record.item(3).public and minutes.non_public_button.isVisibleTo(
        minutes
    )  # item 3 is non-public: its own part
    assert not minutes.sign()
    assert "TOP 2, 3" in answers[-1][1]  # the votes are still missing
    _vote(page.votes_tab, 2)
    _vote(page.votes_tab, 3)
    minutes.signed_edit.set_date(HELD)
    assert minutes.sign(), answers
    assert answers[-1][0] == "question" and "nicht mehr geändert" in answers[-1][1]
    assert page.record.signed and set(page.record.archived) == {
        "minutes_public", "minutes_non_public",
    }  # fmt: skip
    assert minutes.status_label.text() == "unterzeichnet am 14.12.2026"
    assert page.banner.isVisible() and "am 14.12.2026 unterzeichnet" in page.banner.text()
    assert minutes.public_button.text().startswith("Niederschrift ansehen")
    for widget in (
        page.edit_button, page.delete_button, page.agenda_tab.add_button,
        page.agenda_tab.edit_button, page.invitation_tab.save_button,
        page.attendance_tab.save_button, page.votes_tab.record_button,
        page.votes_tab.clear_button, minutes.sign_button,
    ):  # fmt: skip
        assert not widget.isEnabled(), widget
    for part in (Part.PUBLIC, Part.NON_PUBLIC):
        viewer = minutes.show_part(part)
        assert viewer is not None and viewer.data.startswith(b"%PDF")
        assert viewer.document.pageCount() >= 1
        viewer.close()


def test_documents_open_in_the_viewer(window: Any, clock: list, answers: list) -> None:
    pytest.importorskip("zidkor_desktop.documents.invitation")
    pytest.importorskip("zidkor_desktop.documents.minutes")
    page = _page(window)
    _select(page, "1/2012")
    viewers = [
        page.invitation_tab.show_invitations(),
        page.invitation_tab.show_notice(),
        page.minutes_tab.show_part(Part.PUBLIC),
    ]
    page.minutes_tab.extract_combo.setCurrentIndex(0)
    viewers.append(page.minutes_tab.show_extract())
    for viewer in viewers:
        assert viewer is not None, answers
        assert viewer.data.startswith(b"%PDF") and viewer.document.pageCount() >= 1
        viewer.close()


def test_editing_the_facts_and_a_wrong_time(window: Any, clock: list, answers: list) -> None:
    page = _page(window)
    record = _create_meeting(page)
    dialog = page.edit_meeting()
    assert dialog.widgets["starts_at"].text() == "10:00"
    dialog.widgets["ends_at"].setText("25:00")
    dialog.save()
    assert (
        dialog.banner.isVisible() and "Ende: bitte geben Sie eine Uhrzeit" in dialog.banner.text()
    )
    dialog.widgets["ends_at"].setText("12.30")
    dialog.widgets["place"].setText("Mainz, Rathaus")
    dialog.save()
    assert not dialog.banner.isVisible(), dialog.banner.text()
    stored = meeting_record(window.ctx.db, record.id)
    assert (stored.place, stored.ends_at.strftime("%H:%M")) == ("Mainz, Rathaus", "12:30")
    assert page.record.place == "Mainz, Rathaus"


def test_a_signed_meeting_is_read_only_in_every_tab(window: Any, clock: list) -> None:
    page = _page(window)
    record = _select(page, "1/2012")  # the demo's founding assembly, its minutes signed
    assert record.signed and record.minutes_signed_on is not None
    day = record.minutes_signed_on.strftime("%d.%m.%Y")
    assert page.banner.isVisible() and f"am {day} unterzeichnet" in page.banner.text()
    assert page.minutes_tab.status_label.text() == f"unterzeichnet am {day}"
    page.votes_tab.choose(2)
    controls = [
        page.edit_button, page.delete_button, page.agenda_tab.add_button,
        page.agenda_tab.edit_button, page.agenda_tab.remove_button,
        page.invitation_tab.save_button, page.invitation_tab.sent_edit,
        page.attendance_tab.save_button, page.attendance_tab.all_button,
        page.votes_tab.record_button, page.votes_tab.clear_button,
        page.votes_tab.all_yes_button, page.votes_tab.exclusions_button,
        page.minutes_tab.sign_button,
        *[row.present for row in page.attendance_tab.rows],
        *[b for g in page.votes_tab.vote_groups.values() for b in g.buttons()],
    ]  # fmt: skip
    assert [c for c in controls if c.isEnabled()] == []
    assert page.agenda_tab.add_item() is None and page.edit_meeting() is None
    assert page.minutes_tab.public_button.isEnabled()  # the archived minutes can be viewed
