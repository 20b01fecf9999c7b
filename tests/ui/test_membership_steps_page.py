"""Accession step by step on the members page: applicant, each step's dialog, refusals, record."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from zidkor_desktop.domain.kinds import MembershipStatus
from zidkor_desktop.domain.membership_steps import Step
from zidkor_desktop.ui.dialogs.membership_step_dialog import MembershipStepDialog
from zidkor_desktop.ui.pages.members import APPLICANTS
from zidkor_desktop.ui.preview.viewer import DocumentViewer
from zidkor_desktop.ui.widgets.date_edit import date_text

WORMS = "Stadt Worms (Beispiel)"


def row_of(page: Any, name: str) -> Any:
    return next(r for r in page.model.all_rows() if r.name == name)


def step_dialog(page: Any, qtbot: Any) -> MembershipStepDialog:
    page.step_action.trigger()
    dialog = page.dialog
    assert isinstance(dialog, MembershipStepDialog) and dialog.isVisible()
    return dialog


def set_date(qtbot: Any, dialog: MembershipStepDialog, day: date) -> None:
    line = dialog.date_edit.line_edit()
    line.clear()
    qtbot.keyClicks(line, date_text(day))


def record(qtbot: Any, dialog: MembershipStepDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_a_city_joins_step_by_step(window: Any, qtbot: Any, today: date) -> None:
    page = window.members_page
    totals_before = page.totals_label.text().split("\n")[0]
    page.applicant_action.trigger()
    dialog = page.dialog
    assert isinstance(dialog, MembershipStepDialog)
    qtbot.keyClicks(dialog.name_edit, WORMS)
    set_date(qtbot, dialog, date(2026, 11, 2))
    record(qtbot, dialog)
    assert not dialog.isVisible()
    worms = row_of(page, WORMS)
    assert (worms.status, worms.votes) == (MembershipStatus.APPLIED, 0)
    assert page.selected_id() == worms.organisation_id
    assert page.totals_label.text().split("\n")[0] == totals_before  # counts for no total
    assert "1 Antragsteller" in page.totals_label.text()
    page.show_box.setCurrentIndex(APPLICANTS)
    assert [r.name for r in page.model.visible_rows()] == [WORMS]
    assert page.step_action.text() == "Nächster Schritt: Ratsbeschluss…"
    assert page.step_action.toolTip() == f"Nächster Schritt für {WORMS}: Ratsbeschluss"

    dialog = step_dialog(page, qtbot)
    record(qtbot, dialog)  # no reference yet: refused, the cursor in the reference field
    assert dialog.isVisible()
    assert "Beschluss-Nr." in dialog.banner.text()
    assert dialog.focusWidget() is dialog.reference
    qtbot.keyClicks(dialog.reference, "Stadtrat Worms, Beschluss 12/2026")
    set_date(qtbot, dialog, date(2026, 11, 10))
    record(qtbot, dialog)
    assert row_of(page, WORMS).status is MembershipStatus.COUNCIL_RESOLVED

    dialog = step_dialog(page, qtbot)
    assert dialog.step is Step.ASSEMBLY_CONSENT
    set_date(qtbot, dialog, date(2026, 11, 9))
    assert "darf nicht vor" in dialog.preview.text()
    record(qtbot, dialog)
    assert "Datum der Zustimmung (09.11.2026) darf nicht vor" in dialog.banner.text()
    set_date(qtbot, dialog, date(2026, 11, 12))
    assert "Nach dem Beitritt: 10 Mitglieder, 16 Stimmen" in dialog.preview.text()
    record(qtbot, dialog)

    dialog = step_dialog(page, qtbot)
    assert dialog.step is Step.AUTHORITY_APPROVAL
    qtbot.keyClicks(dialog.reference, "ADD 17 062-12 ZIDKOR/30")
    set_date(qtbot, dialog, date(2026, 11, 20))
    record(qtbot, dialog)
    assert row_of(page, WORMS).status is MembershipStatus.AUTHORITY_APPROVED

    dialog = step_dialog(page, qtbot)
    assert dialog.step is Step.MEMBERSHIP_START
    set_date(qtbot, dialog, today)
    preview = dialog.preview.text().replace("\xa0", " ")
    assert "Fälliges Stammkapital: 1 × 2.000,00 € = 2.000,00 €" in preview
    record(qtbot, dialog)
    worms = row_of(page, WORMS)
    assert (worms.status, worms.votes) == (MembershipStatus.ACTIVE, 1)
    assert page.show_box.currentIndex() == 0  # no longer an applicant: shown among all
    assert "10 Mitglieder mit Stimmrecht · 16 Stimmen" in page.totals_label.text()
    assert page.step_action.text() == "Nächster Schritt: Kündigung…"

    viewer = page.show_accession_record()
    assert isinstance(viewer, DocumentViewer)
    assert viewer.windowTitle() == f"Beitrittsübersicht: {WORMS}"
    assert viewer.document.pageCount() == 1
    viewer.close_action.trigger()


def test_the_member_dialog_shows_the_steps(window: Any, qtbot: Any) -> None:
    page = window.members_page
    page.select_member(row_of(page, "Stadt Mainz").organisation_id)
    dialog = page.edit_selected()
    assert dialog is not None
    steps = dialog.steps
    texts = [
        [steps.table.item(r, c).text() for c in range(3)] for r in range(steps.table.rowCount())
    ]
    assert texts[0] == ["Antrag", "15.05.2012", ""]
    assert texts[1][:2] == ["Ratsbeschluss", "28.06.2012"]
    assert "Beitritt der Stadt Mainz" in texts[1][2]
    assert texts[4][:2] == ["Beginn der Mitgliedschaft", "01.10.2012"]
    assert steps.next_label.text().startswith("Nächster Schritt: Kündigung")
    assert steps.votes_label.text() == "Stimmen: 1 ab 01.10.2012"
    dialog.reject()


def test_the_assemblys_consent_to_an_exit_shows_among_the_steps(
    window: Any, qtbot: Any, ctx: Any
) -> None:
    from datetime import time

    from zidkor_desktop.domain.kinds import Majority, VoteChoice
    from zidkor_desktop.domain.resolutions import EffectKind
    from zidkor_desktop.queries.meeting_record import meeting_record
    from zidkor_desktop.usecases.meeting_votes import record_votes
    from zidkor_desktop.usecases.meetings import (
        AttendanceInput,
        ItemInput,
        MeetingInput,
        add_item,
        create_meeting,
        save_attendance,
    )

    page = window.members_page
    trier = row_of(page, "Stadt Trier").organisation_id
    day = date(2026, 11, 20)
    meeting = create_meeting(ctx.db, MeetingInput("9/2026", day, starts_at=time(10)))
    item = add_item(
        ctx.db,
        meeting,
        ItemInput(
            "Austritt der Stadt Trier",
            resolution_text="Die Verbandsversammlung stimmt dem Austritt zu.",
            majority=Majority.TWO_THIRDS_AND_MEMBERS,
            effect_kind=EffectKind.EXIT,
            effect_target_id=trier,
        ),
    )
    members = meeting_record(ctx.db, meeting).members
    save_attendance(
        ctx.db, meeting, [AttendanceInput(m.organisation_id, True, ("V",)) for m in members]
    )
    record_votes(ctx.db, item, {m.organisation_id: VoteChoice.YES for m in members}, day)
    window.show_area("meetings")
    window.show_area("members")
    page.select_member(trier)
    dialog = page.edit_selected()
    assert dialog is not None
    table = dialog.steps.table
    labels = [table.item(r, 0).text() for r in range(table.rowCount())]
    at = labels.index("Kündigung") + 1
    assert [table.item(at, c).text() for c in range(2)] == [
        "Zustimmung der Verbandsversammlung zum Austritt",
        "20.11.2026",
    ]
    dialog.reject()
