"""What a first user tripped over, each checked on real widgets (issue 5, point 6)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QStatusBar, QStyleOptionHeader
from test_members_page import member_id, open_new_dialog, save, select_by_name, type_into

from zidkor_desktop.l10n import _, format_money
from zidkor_desktop.queries.members import list_members
from zidkor_desktop.ui.models.members_model import CAPITAL_PAID, VOTES
from zidkor_desktop.ui.open_path import open_path
from zidkor_desktop.ui.status import show_status_message
from zidkor_desktop.ui.widgets.list_header import SortArrowStyle
from zidkor_desktop.usecases.members import get_member, update_member
from zidkor_desktop.usecases.settings import SettingsData, save_settings


def answer_questions(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton) -> list:
    """Answer QMessageBox.question with `answer`; returns the texts asked."""
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_args: Any) -> Any:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


# --- votes 0 ------------------------------------------------------------------------------------


def test_votes_zero_is_refused_with_the_message_not_reset_to_one(
    window: Any, qtbot: Any, demo_db: Any, today: date
) -> None:
    before = len(list_members(demo_db, today))
    dialog = open_new_dialog(window, qtbot)
    type_into(qtbot, dialog, "name", "Stadt Bingen")
    dialog.votes.selectAll()
    qtbot.keyClicks(dialog.votes, "0")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.banner.text() == _("Votes must be a whole number of at least 1.")
    assert dialog.votes.value() == 0
    assert dialog.focusWidget() is dialog.votes
    assert len(list_members(demo_db, today)) == before
    # Correcting the field clears the message.
    dialog.votes.selectAll()
    qtbot.keyClicks(dialog.votes, "2")
    assert dialog.banner.isHidden()
    dialog.done(0)


# --- errors go away when the field is corrected -------------------------------------------------


def test_name_error_disappears_once_the_name_is_typed(window: Any, qtbot: Any) -> None:
    dialog = open_new_dialog(window, qtbot)
    save(qtbot, dialog)
    name = dialog.fields["name"]
    assert dialog.banner.isVisible()
    assert name.property("invalid") is True
    qtbot.keyClicks(dialog.fields["city"], "Worms")  # another field: the message stays
    assert dialog.banner.isVisible()
    qtbot.keyClicks(name, "S")
    assert dialog.banner.isHidden() and dialog.banner.text() == ""
    assert name.property("invalid") is False and name.styleSheet() == ""
    dialog.done(0)


def test_iban_error_in_settings_disappears_once_the_iban_is_edited(window: Any, qtbot: Any) -> None:
    page = window.show_area("settings")
    iban = page.form.widget_for("iban")
    iban.clear()
    qtbot.keyClicks(iban, "DE00 1111")
    page.save_button.click()
    assert page.banner.isVisible() and "DE00 1111" in page.banner.text()
    qtbot.keyClick(iban, Qt.Key.Key_Backspace)
    assert page.banner.isHidden()
    page.form.mark_clean()


# --- overpayment --------------------------------------------------------------------------------


def test_overpayment_asks_naming_both_amounts_and_saves_only_when_confirmed(
    window: Any, qtbot: Any, demo_db: Any, today: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_new_dialog(window, qtbot)
    type_into(qtbot, dialog, "name", "Stadt Worms")
    type_into(qtbot, dialog, "applied_on", "05.01.2026")
    type_into(qtbot, dialog, "capital_paid", "5000")
    type_into(qtbot, dialog, "capital_paid_on", "06.01.2026")
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Cancel)
    save(qtbot, dialog)
    due, paid = format_money(Decimal("2000")), format_money(Decimal("5000"))
    assert len(asked) == 1 and due in asked[0] and paid in asked[0]
    assert dialog.isVisible() and paid in dialog.banner.text()
    assert "Stadt Worms" not in {r.name for r in list_members(demo_db, today)}
    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Save)
    save(qtbot, dialog)
    assert not dialog.isVisible()
    worms = {r.name: r for r in list_members(demo_db, today)}["Stadt Worms"]
    assert (worms.capital_due, worms.capital_paid) == (Decimal("2000.00"), Decimal("5000.00"))


# --- reload after a change by someone else ------------------------------------------------------


def test_reload_after_a_conflict_keeps_own_input_visible_and_saves_then(
    window: Any, qtbot: Any, demo_db: Any, today: date
) -> None:
    select_by_name(window, "Stadt Speyer", demo_db)
    window.edit_action.trigger()
    dialog = window.members_page.dialog
    speyer = member_id(demo_db, "Stadt Speyer")
    # Someone else saves a new phone number and e-mail address meanwhile (first write).
    other = get_member(demo_db, speyer, today)
    update_member(
        demo_db, other, replace(other.data, phone="06232 14-0", email="rat@speyer.example"), today
    )
    type_into(qtbot, dialog, "email", "info@speyer.example")
    type_into(qtbot, dialog, "street", "Rathausplatz 1")
    save(qtbot, dialog)
    assert dialog.isVisible() and dialog.reload_button.isVisible()
    assert dialog.reload_button.text() == "Neu laden"

    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    assert not dialog.reload_button.isVisible()
    fields = dialog.fields
    assert fields["phone"].text() == "06232 14-0"  # the other clerk's change is shown
    assert fields["email"].text() == "rat@speyer.example"
    assert fields["street"].text() == "Maximilianstraße 100"  # as saved (demo address)
    # The clerk's own input stays visible where it differs, and only there.
    for field, own in (("email", "info@speyer.example"), ("street", "Rathausplatz 1")):
        assert fields[field].property("ownInput") == own
        assert f"Ihre Eingabe: {own}" in fields[field].toolTip()
        assert own in dialog.banner.text()
    # Fields only the other clerk changed are not marked, but named.
    assert fields["phone"].property("ownInput") is None
    assert fields["name"].property("ownInput") is None
    assert "Telefon" not in dialog.banner.text().splitlines()[1]
    assert dialog.banner.text().splitlines()[-1] == (
        "Inzwischen von jemand anderem geändert: Telefon"
    )

    # Saving again works (second write) and keeps both changes.
    type_into(qtbot, dialog, "street", "Rathausplatz 1")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    stored = get_member(demo_db, speyer, today).data
    assert (stored.phone, stored.email, stored.street) == (
        "06232 14-0",
        "rat@speyer.example",
        "Rathausplatz 1",
    )


# --- sort arrow ---------------------------------------------------------------------------------


@pytest.mark.parametrize("column", [VOTES, CAPITAL_PAID])
def test_sort_arrow_leaves_right_aligned_headers_readable(
    window: Any, qtbot: Any, column: int
) -> None:
    page = window.members_page
    header = page.table.horizontalHeader()
    header.setSortIndicator(column, Qt.SortOrder.AscendingOrder)
    style = header.style()
    assert isinstance(style, SortArrowStyle)
    option = QStyleOptionHeader()
    header.initStyleOption(option)
    header.initStyleOptionForIndex(option, column)  # as QHeaderView paints the section
    option.rect = QRect(
        header.sectionViewportPosition(column), 0, header.sectionSize(column), header.height()
    )
    assert option.sortIndicator != QStyleOptionHeader.SortIndicator.None_
    label = style.label_rect(option, header)
    arrow = style.subElementRect(style.SubElement.SE_HeaderArrow, option, header)
    text_width = header.fontMetrics().horizontalAdvance(option.text)
    assert label.right() < arrow.left()
    assert label.width() >= text_width, "the column is too narrow for its header and the arrow"


# --- status bar ---------------------------------------------------------------------------------


def test_status_message_names_the_file_and_keeps_the_path_in_the_tooltip(qtbot: Any) -> None:
    bar = QStatusBar()
    qtbot.addWidget(bar)
    path = Path("/home/kasse/.local/share/ZIDKOR/ZIDKOR Desktop/backups/zidkor-2026-11-25.sqlite3")
    show_status_message(bar, f"Die heutige Sicherung wurde gespeichert: {path}")
    assert bar.currentMessage() == (
        "Die heutige Sicherung wurde gespeichert: zidkor-2026-11-25.sqlite3"
    )
    assert bar.toolTip() == f"Vollständiger Pfad: {path}"
    bar.clearMessage()
    assert bar.toolTip() == ""
    show_status_message(bar, "Die tägliche Sicherung konnte nicht gespeichert werden: voll")
    assert bar.currentMessage().endswith(": voll") and bar.toolTip() == ""


# --- opening files ------------------------------------------------------------------------------


def test_opening_without_a_program_tells_the_clerk_the_path(
    window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or False)
    target = tmp_path / "Mitgliederverzeichnis.pdf"
    target.write_bytes(b"%PDF-1.4")
    box = open_path(window, target)
    assert urls == [QUrl.fromLocalFile(str(target))]
    assert box is not None and box.isVisible()
    assert str(target) in box.text() and "die Datei" in box.text()
    assert box.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    copy = next(b for b in box.buttons() if b.text() == "Pfad kopieren")
    copy.click()
    assert QApplication.clipboard().text() == str(target)
    # The settings page's "open data folder" uses the same helper.
    page = window.show_area("settings")
    page.open_data_folder()
    assert urls[-1] == QUrl.fromLocalFile(str(window.ctx.db.path.parent))
    notes = [b for b in window.findChildren(QMessageBox, "openPathFailed") if b.isVisible()]
    assert len(notes) == 1 and "den Ordner" in notes[0].text()
    notes[0].done(0)


def test_opening_that_works_shows_nothing(
    window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: True)
    assert open_path(window, tmp_path) is None


# --- promises and the empty overview ------------------------------------------------------------


def test_about_box_names_only_what_the_program_does(
    window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _p, _t, text: shown.append(text))
    window.show_about()
    assert "Mitglieder" in shown[0] and "Sicherungen" in shown[0]
    for absent in ("Verfahren", "Entgeltverzeichnis", "Kunden", "Rechnungen", "Sitzungen"):
        assert absent not in shown[0]


def test_welcome_names_only_what_the_program_does(
    qtbot: Any, empty_db: Any, qsettings: Any
) -> None:
    from zidkor_desktop.ui.context import AppContext
    from zidkor_desktop.ui.dialogs.first_start import FirstStartDialog

    dialog = FirstStartDialog(AppContext(empty_db, date.today, qsettings))
    qtbot.addWidget(dialog)
    texts = dialog.demo_button.description() + dialog.empty_button.description()
    for absent in ("Verfahren", "Entgeltverzeichnis", "Kunden", "Sitzung", "Rechnungsnummer"):
        assert absent not in texts


def test_overview_without_members_is_neutral(qtbot: Any, empty_db: Any, qsettings: Any) -> None:
    from zidkor_desktop.ui.context import AppContext
    from zidkor_desktop.ui.pages.overview import OverviewPage

    save_settings(empty_db, SettingsData(name="Zweckverband Beispiel", short_name="ZVB"))
    page = OverviewPage(AppContext(empty_db, date.today, qsettings))
    qtbot.addWidget(page)
    page.refresh()
    majority = page.values["majority"]
    assert majority.text() == "noch keine Mitglieder"
    assert majority.styleSheet() == ""
