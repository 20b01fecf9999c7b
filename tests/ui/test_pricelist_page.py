"""Price-list page: versions, editing a draft with save and guard, new version, publish, delete."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from zidkor_desktop.domain.kinds import PriceListStatus
from zidkor_desktop.queries.price_versions import list_versions, version_items
from zidkor_desktop.ui.dialogs.compare_price_lists import ComparePriceListsDialog
from zidkor_desktop.ui.dialogs.publish_price_list import PublishPriceListDialog
from zidkor_desktop.ui.models.price_item_values import COLUMN_OF
from zidkor_desktop.ui.pages.pricelist import PriceListPage


def page_of(window: Any) -> PriceListPage:
    page = window.show_area("pricelist")
    assert isinstance(page, PriceListPage)
    return page


def versions(page: PriceListPage) -> list[list[str]]:
    model = page.versions_model
    return [[model.index(r, c).data() for c in range(5)] for r in range(model.rowCount())]


def set_price(page: PriceListPage, row: int, text: str) -> None:
    model = page.editor.model
    assert model.setData(model.index(row, COLUMN_OF["unit_price"]), text)


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_args: Any, **_kw: Any) -> Any:
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_versions_listed_and_the_draft_opened(window: Any) -> None:
    page = page_of(window)
    assert versions(page) == [
        ["2", "Entwurf", "–", "–", "5"],
        ["1", "Veröffentlicht", "01.01.2026", "–", "5"],
    ]
    assert page.loaded is not None and page.loaded.version_no == 2
    assert page.editor.is_editable()
    assert page.state_label.text().startswith("Fassung 2, Entwurf.")
    assert not page.save_button.isEnabled()
    assert page.publish_button.isEnabled()
    assert [b.isEnabled() for b in (page.import_button, page.export_button)] == [True, True]


def test_edit_save_and_undo(window: Any, ctx: Any) -> None:
    page = page_of(window)
    set_price(page, 0, "42,10")
    assert page.editor.is_modified() and page.save_button.isEnabled()
    assert not page.publish_button.isEnabled()  # publish what is saved, not what is typed
    assert "nicht gespeicherte Änderungen" in page.state_label.text()
    assert page.save()
    stored = {i.code: i.unit_price for i in version_items(ctx.db, 2)}
    assert stored["AUT-01"] == Decimal("42.1000")
    assert not page.editor.is_modified() and not page.save_button.isEnabled()
    page.editor.undo()  # Ctrl+Z after saving: back to the saved-before value, unsaved again
    assert page.editor.is_modified()
    assert page.editor.drafts()[0].unit_price == Decimal("41.2500")
    assert page.save()
    assert version_items(ctx.db, 2)[0].unit_price == Decimal("41.2500")


def test_a_problem_blocks_saving_and_is_named(window: Any, ctx: Any, message_boxes: Any) -> None:
    page = page_of(window)
    set_price(page, 1, "12,5O")
    assert not page.save()
    kind, text = message_boxes[-1]
    assert kind == "warning"
    assert "Position 2, Preis: „12,5O“ ist kein Preis" in text
    assert version_items(ctx.db, 2)[1].unit_price == Decimal("1250.0000")


def test_another_version_with_unsaved_edits_asks(
    window: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_of(window)
    set_price(page, 0, "50")
    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    page.versions_table.selectRow(1)  # version 1
    assert asked and "Fassung 2" in asked[0]
    assert page.loaded is not None and page.loaded.version_no == 2  # stays, edits kept
    assert page.editor.drafts()[0].unit_price == Decimal("50")

    answer(monkeypatch, QMessageBox.StandardButton.Save)
    page.versions_table.selectRow(1)
    assert page.loaded is not None and page.loaded.version_no == 1
    assert not page.editor.is_editable()
    assert "veröffentlicht, gültig ab 01.01.2026 bis auf Weiteres" in page.state_label.text()
    assert version_items(ctx.db, 2)[0].unit_price == Decimal("50")


def test_closing_the_window_with_unsaved_edits_asks(
    window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_of(window)
    set_price(page, 0, "50")
    asked = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert asked and window.isVisible()
    answer(monkeypatch, QMessageBox.StandardButton.Discard)
    assert window.close()


def test_area_switch_keeps_unsaved_edits(window: Any) -> None:
    page = page_of(window)
    set_price(page, 0, "50")
    window.show_area("members")
    window.show_area("pricelist")  # refresh() must not throw the edits away
    assert page.editor.is_modified()
    assert page.editor.drafts()[0].unit_price == Decimal("50")


def test_new_version_copies_the_version_in_force(window: Any, ctx: Any) -> None:
    page = page_of(window)
    number = page.new_version()
    assert number == 3
    assert page.loaded is not None and page.loaded.version_no == 3
    copied = [(i.code, i.unit_price) for i in version_items(ctx.db, 3)]
    assert copied == [(i.code, i.unit_price) for i in version_items(ctx.db, 1)]
    assert page.editor.is_editable() and not page.editor.is_modified()


def test_publish_from_a_date(window: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_of(window)
    dialog = page.publish()
    assert isinstance(dialog, PublishPriceListDialog)
    assert dialog.valid_from.date() == date(2027, 1, 1)  # 1 January after today (25.11.2026)
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.resolution.setText("Beschluss der Verbandsversammlung vom 20.11.2026")
    assert dialog.title_edit.text() == "Leistungs- und Entgeltverzeichnis 2027 (Beispiel, Entwurf)"
    dialog.title_edit.setText("Leistungs- und Entgeltverzeichnis 2027")
    assert dialog.save()
    assert "Fassung 2 gültig ab 01.01.2027 veröffentlichen?" in asked[0]
    rows = {r.version_no: r for r in list_versions(ctx.db)}
    assert rows[2].status is PriceListStatus.PUBLISHED
    assert rows[2].valid_from == date(2027, 1, 1)
    assert rows[2].title == "Leistungs- und Entgeltverzeichnis 2027"
    assert rows[1].valid_until == date(2026, 12, 31)
    assert page.loaded is not None and page.loaded.version_no == 2
    assert not page.editor.is_editable()
    assert versions(page)[1][2:4] == ["01.01.2026", "31.12.2026"]


def test_publish_refusal_keeps_the_dialog_open(
    window: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_of(window)
    dialog = page.publish()
    assert dialog is not None
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.title_edit.clear()
    assert not dialog.save()
    assert dialog.banner.text() == "Bitte geben Sie eine Bezeichnung mit höchstens 200 Zeichen ein."
    dialog.title_edit.setText("Entgeltverzeichnis 2026")
    dialog.valid_from.set_date(date(2026, 1, 1))
    assert not dialog.save()
    assert "nach dem 01.01.2026" in dialog.banner.text()
    assert {r.version_no: r.status for r in list_versions(ctx.db)}[2] is PriceListStatus.DRAFT
    dialog.reject()


def test_delete_draft_after_asking(window: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_of(window)
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    assert not page.delete_draft()
    assert "Fassung 2 mit seinen 5 Positionen" in asked[0]
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert page.delete_draft()
    assert [r.version_no for r in list_versions(ctx.db)] == [1]
    assert page.loaded is not None and page.loaded.version_no == 1


def test_compare_shows_unsaved_edits(window: Any) -> None:
    page = page_of(window)
    set_price(page, 3, "13,20")  # EPR-02 12,00 -> 13,20: +10 %
    dialog = page.compare()
    assert isinstance(dialog, ComparePriceListsDialog)
    assert dialog.old_choice.currentText() == "Fassung 1 (gültig ab 01.01.2026)"
    assert dialog.new_choice.currentText().endswith("mit nicht gespeicherten Änderungen")
    changed = {
        dialog.model.index(r, 1).data(): dialog.model.index(r, 5).data()
        for r in range(dialog.model.rowCount())
    }
    assert changed["EPR-02"] == "+10,00 %"
    dialog.close()


def test_page_is_german_and_sorted_by_version(window: Any) -> None:
    page = page_of(window)
    headers = [page.versions_model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers == [
        "Fassung", "Status", "Gültig ab", "Gültig bis", "Positionen", "Beruht auf", "Bezeichnung"
    ]  # fmt: skip
    assert window.nav.currentItem().text() == "Entgeltverzeichnis"


def test_export_then_import_with_problems_then_preview(
    window: Any, ctx: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl
    from PySide6.QtWidgets import QFileDialog

    from zidkor_desktop.ui.dialogs.import_price_list import (
        ImportPreviewDialog,
        ImportProblemsDialog,
    )

    page = page_of(window)
    target = tmp_path / "Entgeltverzeichnis Fassung 2.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "Excel-Arbeitsmappe")
    )
    assert page.export() == target
    workbook = openpyxl.load_workbook(target)
    sheet = workbook.active
    header_row = next(r for r in range(1, 10) if sheet.cell(r, 1).value == "Position")
    headers = [sheet.cell(header_row, c).value for c in range(1, sheet.max_column + 1)]
    price, code = headers.index("Preis") + 1, headers.index("Kürzel") + 1
    first = header_row + 1
    assert sheet.cell(first, code).value == "AUT-01"
    sheet.cell(first + 1, price).value = "12,5O"  # the city's typo, as text
    workbook.save(target)

    dialog = page.import_file(target)
    assert isinstance(dialog, ImportProblemsDialog)
    assert f"Zeile {first + 1}, Spalte Preis: „12,5O“" in dialog.text.toPlainText()
    dialog.reject()
    assert version_items(ctx.db, 2)[1].unit_price == Decimal("1250.0000")  # nothing changed

    sheet.cell(first + 1, price).value = 1300  # corrected, a number as Excel saves it
    sheet.cell(first, price).value = "42,50"  # German text also reads
    workbook.save(target)
    dialog = page.import_file(target)
    assert isinstance(dialog, ImportPreviewDialog)
    changed = {
        dialog.model.index(r, 1).data(): dialog.model.index(r, 5).data()
        for r in range(dialog.model.rowCount())
    }
    assert changed == {"AUT-01": "+3,03 %", "AUT-02": "+4,00 %"}  # 41,25->42,50; 1250->1300
    assert version_items(ctx.db, 2)[0].unit_price == Decimal("41.2500")  # not before confirming
    dialog.accept()
    stored = {i.code: i.unit_price for i in version_items(ctx.db, 2)}
    assert stored["AUT-01"] == Decimal("42.5000") and stored["AUT-02"] == Decimal("1300.0000")
    assert page.editor.drafts()[0].unit_price == Decimal("42.5000")  # the editor shows it
    assert not page.editor.is_modified()
