"""Customers page (Kunden): list, filter, details, dialog, workflow 5's new customer."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from zidkor_desktop.domain.leitweg import make_leitweg_id
from zidkor_desktop.ui.dialogs.customer_dialog import CustomerDialog
from zidkor_desktop.ui.pages.customers import ADDRESS, DEBTOR, NAME, RESIDENTS, CustomersPage
from zidkor_desktop.ui.widgets.population_table import AS_OF
from zidkor_desktop.ui.widgets.population_table import RESIDENTS as POP_RESIDENTS
from zidkor_desktop.usecases.customers import get_customer, update_customer

LEITWEG = make_leitweg_id("071405001", "ZIDKOR")


def page_of(window: Any) -> CustomersPage:
    page = window.show_area("customers")
    assert isinstance(page, CustomersPage)
    return page


def column(page: CustomersPage, number: int) -> list[str]:
    return [page.model.index(r, number).data() for r in range(page.model.rowCount())]


def table_texts(model: Any) -> list[list[str]]:
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def select(page: CustomersPage, name: str) -> None:
    page.table.selectRow(column(page, NAME).index(name))


def test_list_sorting_and_filter(window: Any) -> None:
    page = page_of(window)
    assert [b.text() for b in page.findChildren(QPushButton)][:2] == ["Neuer Kunde", "Bearbeiten"]
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["Debitor-Nr.", "Name", "Art", "Mitglied", "E-Rechnung an", "Einwohner"]
    assert column(page, NAME)[0] == "Stadt Bad Neuenahr-Ahrweiler"
    assert column(page, RESIDENTS)[0] == "28.500 (2026)"
    page.table.sortByColumn(DEBTOR, Qt.SortOrder.DescendingOrder)
    assert column(page, DEBTOR) == ["10102", "10101", "10003", "10002", "10001"]
    page.table.sortByColumn(RESIDENTS, Qt.SortOrder.DescendingOrder)
    assert column(page, NAME)[0] == "Stadt Trier"
    page.filter_edit.setText("verbandsgemeinde")
    assert len(column(page, NAME)) == 2
    assert page.count_label.text() == "2 von 5 Kunden angezeigt"
    page.filter_edit.setText("07211000")
    assert column(page, NAME) == ["Stadt Trier"]


def test_details_show_address_populations_and_agreements(window: Any) -> None:
    page = page_of(window)
    select(page, "Stadt Trier")
    assert page.detail.title() == "Details: Stadt Trier"
    assert page.detail_labels["member"].text().startswith("Mitglied;")
    assert "Am Augustinerhof" in page.detail_labels["address"].text()
    assert page.detail_labels["einvoice_to"].text().endswith(" – Leitweg-ID (Schema 0204)")
    assert table_texts(page.population_model)[0][:2] == ["2026", "111.900"]
    assert table_texts(page.agreement_model) == [
        [
            "SV-2014-004",
            "AUTISTA – Standesamtsverfahren AutiSta",
            "Aktiv",
            "01.04.2014",
            "unbefristet",
        ]
    ]
    assert page.findChild(type(page.agreement_table), "customerAgreements") is not None


def test_workflow_a_new_customer_with_a_mistyped_check_digit(
    window: Any, qtbot: Any, ctx: Any
) -> None:
    page = page_of(window)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, CustomerDialog)
    assert dialog.fields["debtor_number"].placeholderText() == "automatisch: 10103"
    qtbot.keyClicks(dialog.fields["name"], "Verbandsgemeinde Musterland")
    qtbot.keyClicks(dialog.fields["street"], "Rathausplatz 1")
    qtbot.keyClicks(dialog.fields["postcode"], "56001")
    qtbot.keyClicks(dialog.fields["city"], "Musterland")
    qtbot.keyClicks(dialog.fields["einvoice_email"], "rechnung@vg-musterland.example")
    right = LEITWEG[-2:]
    wrong = LEITWEG[:-2] + right[::-1] if right[0] != right[1] else LEITWEG[:-2] + "38"
    qtbot.keyClicks(dialog.leitweg_id, wrong)
    assert "Prüfziffer falsch: erwartet " + right in dialog.leitweg_check.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.banner.text() == (
        f"Leitweg-ID „{wrong}“: Prüfziffer falsch: erwartet {right}, eingegeben {wrong[-2:]}. "
        "Vermutlich wurde eine Ziffer oder ein Buchstabe vertippt oder zwei wurden vertauscht."
    )
    assert dialog.focusWidget() is dialog.leitweg_id
    dialog.leitweg_id.setText(LEITWEG)
    assert dialog.leitweg_check.text().startswith("✓")
    dialog.populations.add_year()
    table = dialog.populations.table
    table.item(0, POP_RESIDENTS).setText("21.400")
    table.item(0, AS_OF).setText("31.12.2025")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert page.selected_row().name == "Verbandsgemeinde Musterland"
    assert page.selected_row().debtor_number == "10103"
    assert page.selected_row().electronic_address == LEITWEG
    assert table_texts(page.population_model) == [
        ["2026", "21.400", "Statistisches Landesamt Rheinland-Pfalz", "31.12.2025"]
    ]
    assert page.model.index(page.table.currentIndex().row(), ADDRESS).data() == LEITWEG


def test_a_member_is_chosen_and_its_address_shown_read_only(window: Any, qtbot: Any) -> None:
    page = page_of(window)
    dialog = page.new_customer()
    dialog.member.setCurrentIndex(dialog.member.findText("Stadt Mainz"))
    assert dialog.fields["name"].text() == "Stadt Mainz"
    assert not dialog.fields["street"].isEnabled()
    assert not dialog.kind.isEnabled()
    assert dialog.member_note.isVisible()
    dialog.leitweg_id.setText(make_leitweg_id("07315000", "ZIDKOR"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert page.selected_row().name == "Stadt Mainz"
    assert page.selected_row().is_member


def test_a_population_line_that_cannot_be_read_is_named(window: Any, qtbot: Any) -> None:
    page = page_of(window)
    select(page, "Verbandsgemeinde Gerolstein")
    dialog = page.edit_selected()
    dialog.populations.table.item(0, POP_RESIDENTS).setText("30 8OO")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.banner.text().startswith(
        "Einwohnerzahlen, Zeile 1: Bitte geben Sie die Einwohner"
    )
    dialog.populations.table.item(0, POP_RESIDENTS).setText("30.870")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_a_stale_edit_offers_reload(window: Any, qtbot: Any, ctx: Any) -> None:
    page = page_of(window)
    select(page, "Verbandsgemeinde Gerolstein")
    dialog = page.edit_selected()
    record = get_customer(ctx.db, page.selected_id())
    update_customer(
        ctx.db, record, replace(record.data, contact_name="Jemand anderes"), ctx.today()
    )
    dialog.fields["contact_phone"].setText("06591 13-0")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.reload_button.isVisible()
    assert "inzwischen von jemand anderem geändert" in dialog.banner.text()
    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    assert dialog.fields["contact_name"].text() == "Jemand anderes"
    dialog.fields["contact_phone"].setText("06591 13-0")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert get_customer(ctx.db, record.customer_id).data.contact_phone == "06591 13-0"


def test_cancel_with_unsaved_changes_asks_first(
    window: Any, message_boxes: list[tuple[str, str]], monkeypatch: Any
) -> None:
    page = page_of(window)
    select(page, "Stadt Speyer")
    dialog = page.edit_selected()
    dialog.reject()  # nothing changed: closes without asking
    assert message_boxes == [] and not dialog.isVisible()
    dialog = page.edit_selected()
    dialog.fields["contact_name"].setText("Neu")
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Cancel
    )
    dialog.reject()
    assert dialog.isVisible()
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard
    )
    dialog.reject()
    assert not dialog.isVisible()
