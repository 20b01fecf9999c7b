"""Members page and member dialog: list, filter, create, edit, validation, rules, conflicts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from zidkor_desktop.db.models import AuditEntry, Organisation
from zidkor_desktop.domain.kinds import MembershipStatus
from zidkor_desktop.l10n import _
from zidkor_desktop.ui.dialogs.member_dialog import MemberDialog
from zidkor_desktop.ui.models.members_model import NAME, VOTES
from zidkor_desktop.ui.widgets.date_edit import date_input_error
from zidkor_desktop.usecases.members import get_member, update_member


def count(db: Any, model: type, *where: Any) -> int:
    """Rows of a table (optionally filtered)."""
    with db.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def member_id(db: Any, name: str) -> int:
    """Organisation id of a member by name."""
    with db.sessions() as session:
        return int(session.scalar(select(Organisation.id).where(Organisation.name == name)))


def open_new_dialog(window: Any, qtbot: Any) -> MemberDialog:
    """Click 'New member' and return the dialog it opened."""
    qtbot.mouseClick(window.members_page.new_button, Qt.MouseButton.LeftButton)
    dialog = window.members_page.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def type_into(qtbot: Any, dialog: MemberDialog, field: str, text: str) -> None:
    """Type text into a line edit or date edit of the dialog."""
    widget = dialog.fields[field]
    target = widget.line_edit() if hasattr(widget, "line_edit") else widget
    target.clear()
    qtbot.keyClicks(target, text)


def save(qtbot: Any, dialog: MemberDialog) -> None:
    """Click Save."""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


# --- list -------------------------------------------------------------------------------------


def test_sorting_by_votes_and_by_name_through_the_header(window: Any, qtbot: Any) -> None:
    page = window.members_page
    page.table.sortByColumn(VOTES, Qt.SortOrder.DescendingOrder)
    assert page.model.index(0, NAME).data() == "KommWis GmbH"
    assert page.model.index(0, VOTES).data() == "7"
    page.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    assert [page.model.index(r, NAME).data() for r in range(2)] == [
        "KommWis GmbH",
        "Stadt Kaiserslautern",
    ]
    page.table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    assert page.model.index(0, NAME).data() == "Stadt Trier"


def test_filter_by_name_type_and_status(window: Any, qtbot: Any) -> None:
    page = window.members_page
    qtbot.keyClicks(page.filter_edit, "kommwis")
    assert page.model.rowCount() == 1
    assert page.totals_label.text().startswith(
        _("Showing {shown} of {total} · ").format(shown=1, total=9)
    )
    page.filter_edit.clear()
    qtbot.keyClicks(page.filter_edit, "MAINZ")
    assert [page.model.row_at(r).name for r in range(page.model.rowCount())] == ["Stadt Mainz"]
    page.filter_edit.clear()
    from zidkor_desktop.domain.kinds import OrganisationKind

    qtbot.keyClicks(page.filter_edit, OrganisationKind.COMPANY.label)
    assert page.model.rowCount() == 1
    page.filter_edit.clear()
    qtbot.keyClicks(page.filter_edit, MembershipStatus.ACTIVE.label.lower())
    assert page.model.rowCount() == 9


def test_filter_without_hits_shows_empty_state(window: Any, qtbot: Any) -> None:
    page = window.members_page
    qtbot.keyClicks(page.filter_edit, "Worms")
    assert page.model.rowCount() == 0
    assert page.views.currentWidget() is page.empty_label
    assert page.empty_label.text() == _(
        "No member matches “{text}”.\nChange or clear the filter."
    ).format(text="Worms")
    page.filter_edit.clear()
    assert page.views.currentWidget() is page.table


def test_empty_database_shows_empty_state(qtbot: Any, empty_db: Any, qsettings: Any) -> None:
    from zidkor_desktop.ui.context import AppContext
    from zidkor_desktop.ui.pages.members import MembersPage

    page = MembersPage(AppContext(empty_db, date.today, qsettings))
    qtbot.addWidget(page)
    page.refresh()
    assert page.views.currentWidget() is page.empty_label
    assert page.empty_label.text() == _(
        "No members yet.\nUse “New member” (Ctrl+N) to record the first one."
    )
    assert not page.edit_button.isEnabled()


# --- create -----------------------------------------------------------------------------------


def test_create_member_through_the_dialog(window: Any, qtbot: Any, demo_db: Any) -> None:
    audit_before = count(demo_db, AuditEntry)
    dialog = open_new_dialog(window, qtbot)
    type_into(qtbot, dialog, "name", "Stadt Worms (Beispiel)")
    type_into(qtbot, dialog, "street", "Marktplatz 2")
    type_into(qtbot, dialog, "postcode", "67547")
    type_into(qtbot, dialog, "city", "Worms")
    type_into(qtbot, dialog, "applied_on", "02.03.2026")
    type_into(qtbot, dialog, "council_resolution_on", "20.4.26")
    type_into(qtbot, dialog, "assembly_resolution_on", "10.06.2026")
    type_into(qtbot, dialog, "authority_approved_on", "01.09.2026")
    type_into(qtbot, dialog, "authority_file_number", "ADD 17 062-26")
    type_into(qtbot, dialog, "member_from", "01.10.2026")
    assert dialog.capital_due.text() == "2.000,00\xa0€"
    save(qtbot, dialog)

    page = window.members_page
    assert page.dialog is None
    assert page.model.rowCount() == 10
    selected = page.selected_row()
    assert selected is not None and selected.name == "Stadt Worms (Beispiel)"
    assert selected.status is MembershipStatus.ACTIVE and selected.votes == 1
    assert "16" in page.totals_label.text()
    new_id = member_id(demo_db, "Stadt Worms (Beispiel)")
    assert (
        count(
            demo_db,
            AuditEntry,
            AuditEntry.entity == "organisation",
            AuditEntry.entity_id == str(new_id),
            AuditEntry.action == "create",
        )
        == 1
    )
    assert count(demo_db, AuditEntry) > audit_before
    with demo_db.sessions() as session:
        created = session.get(Organisation, new_id)
        assert created.membership.council_resolution_on == date(2026, 4, 20)
        assert created.membership.authority_file_number == "ADD 17 062-26"


def test_empty_name_is_refused_with_message_and_focus(
    window: Any, qtbot: Any, demo_db: Any
) -> None:
    organisations = count(demo_db, Organisation)
    dialog = open_new_dialog(window, qtbot)
    type_into(qtbot, dialog, "city", "Worms")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.banner.isVisible()
    assert dialog.banner.text() == _("Please enter the name of the member.")
    assert dialog.focusWidget() is dialog.fields["name"]
    assert dialog.fields["city"].text() == "Worms"
    assert count(demo_db, Organisation) == organisations
    dialog.done(0)


def test_unreadable_date_names_the_field(window: Any, qtbot: Any, demo_db: Any) -> None:
    dialog = open_new_dialog(window, qtbot)
    type_into(qtbot, dialog, "name", "Stadt Worms")
    type_into(qtbot, dialog, "applied_on", "31.02.2026")
    save(qtbot, dialog)
    assert dialog.banner.text() == date_input_error(_("Application"))
    assert dialog.focusWidget() is dialog.fields["applied_on"].line_edit()
    assert count(demo_db, Organisation, Organisation.name == "Stadt Worms") == 0
    dialog.done(0)


@pytest.mark.parametrize("language", ["de", "en"])
def test_company_breaking_the_municipal_majority_is_refused(
    window: Any, qtbot: Any, demo_db: Any, language: str
) -> None:
    from zidkor_desktop import l10n

    l10n.set_language(language)
    organisations, audit = count(demo_db, Organisation), count(demo_db, AuditEntry)
    dialog = open_new_dialog(window, qtbot)
    type_into(qtbot, dialog, "name", "Digital GmbH (Beispiel)")
    dialog.kind.setCurrentIndex(dialog.kind.findData("company"))
    assert not dialog.municipal.isChecked()
    dialog.votes.setValue(8)
    type_into(qtbot, dialog, "authority_approved_on", "01.09.2026")
    type_into(qtbot, dialog, "member_from", "01.10.2026")
    save(qtbot, dialog)
    expected = _(
        "Municipal bodies must hold the majority of members and of votes "
        "(§ 2 KomZG). After this change they would hold {mm} of {m} members "
        "and {mv} of {v} votes."
    ).format(mm=8, m=10, mv=8, v=23)
    assert dialog.isVisible() and dialog.banner.text() == expected
    if language == "en":
        assert expected.startswith("Municipal bodies must hold the majority")
    assert count(demo_db, Organisation) == organisations
    assert count(demo_db, AuditEntry) == audit
    assert dialog.fields["name"].text() == "Digital GmbH (Beispiel)"
    dialog.done(0)


# --- edit -------------------------------------------------------------------------------------


def select_by_name(window: Any, name: str, demo_db: Any) -> None:
    """Select a member in the list by name."""
    assert window.members_page.select_member(member_id(demo_db, name))


def test_edit_member_with_return_key(window: Any, qtbot: Any, demo_db: Any) -> None:
    select_by_name(window, "Stadt Trier", demo_db)
    page = window.members_page
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert dialog is not None and dialog.record is not None
    assert dialog.fields["name"].text() == "Stadt Trier"
    type_into(qtbot, dialog, "phone", "0651 718-0")
    save(qtbot, dialog)
    assert page.dialog is None
    assert page.selected_row().name == "Stadt Trier"
    trier = member_id(demo_db, "Stadt Trier")
    assert (
        count(
            demo_db,
            AuditEntry,
            AuditEntry.entity == "organisation",
            AuditEntry.entity_id == str(trier),
            AuditEntry.field == "phone",
        )
        == 1
    )


def test_double_click_opens_the_edit_dialog(window: Any, qtbot: Any, demo_db: Any) -> None:
    page = window.members_page
    select_by_name(window, "KommWis GmbH", demo_db)
    rect = page.table.visualRect(
        page.model.index(page.model.position_of(member_id(demo_db, "KommWis GmbH")), NAME)
    )
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = page.dialog
    assert dialog is not None and dialog.votes.value() == 7
    assert dialog.capital_due.text() == "14.000,00\xa0€"
    assert not dialog.municipal.isChecked()
    dialog.done(0)


def test_change_by_someone_else_meanwhile_is_reported(
    window: Any, qtbot: Any, demo_db: Any, today: date
) -> None:
    select_by_name(window, "Stadt Speyer", demo_db)
    window.edit_action.trigger()
    dialog = window.members_page.dialog
    speyer = member_id(demo_db, "Stadt Speyer")
    other = get_member(demo_db, speyer, today)
    update_member(demo_db, other, replace(other.data, phone="06232 14-0"), today)
    type_into(qtbot, dialog, "email", "info@speyer.example")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.banner.text() == _(
        "The record was changed by someone else in the meantime. Load the saved "
        "state with “Reload” and compare it with your input before saving again."
    )
    assert dialog.fields["email"].text() == "info@speyer.example"
    assert get_member(demo_db, speyer, today).data.email == ""
    dialog.done(0)


# --- cancel -----------------------------------------------------------------------------------


def test_escape_without_changes_closes_without_asking(
    window: Any, qtbot: Any, message_boxes: list[tuple[str, str]]
) -> None:
    dialog = open_new_dialog(window, qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert window.members_page.dialog is None
    assert message_boxes == []


def test_escape_with_changes_asks_first(
    window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: answers.pop(0))
    dialog = open_new_dialog(window, qtbot)
    type_into(qtbot, dialog, "name", "Stadt Worms")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.fields["name"].text() == "Stadt Worms"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert window.members_page.dialog is None
    assert answers == []


def test_kind_sets_the_municipal_default(window: Any, qtbot: Any) -> None:
    dialog = open_new_dialog(window, qtbot)
    assert dialog.municipal.isChecked()
    dialog.kind.setCurrentIndex(dialog.kind.findData("company"))
    assert not dialog.municipal.isChecked()
    dialog.kind.setCurrentIndex(dialog.kind.findData("verbandsgemeinde"))
    assert dialog.municipal.isChecked()
    dialog.votes.setValue(3)
    assert dialog.capital_due.text() == "6.000,00\xa0€"
    dialog.done(0)
