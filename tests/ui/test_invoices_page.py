"""Invoices page: list with totals and filters, viewer, files, cancellation, corrected invoice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from tests.ui.invoice_support import answer_yes, invoices_page, issue_q3, nothing_paid_yet
from zidkor_desktop.l10n import _, format_money
from zidkor_desktop.queries.invoices import invoice_file, list_invoices
from zidkor_desktop.ui.dialogs.invoice_actions import CancelInvoiceDialog, ExportDialog
from zidkor_desktop.ui.dialogs.manual_invoice import ManualInvoiceDialog
from zidkor_desktop.ui.pages.invoices import NUMBER, STATUS, InvoicesPage, period_text
from zidkor_desktop.ui.preview.printing import pdf_document, print_documents
from zidkor_desktop.ui.widgets.date_edit import date_input_error
from zidkor_desktop.usecases.invoicing import snapshot_of

ISSUED_ON = date(2026, 10, 5)


def column(page: InvoicesPage, col: int) -> list[str]:
    return [page.model.index(r, col).data() for r in range(page.model.rowCount())]


def select(page: InvoicesPage, number: str) -> None:
    page.table.selectRow(column(page, NUMBER).index(number))


def test_empty_state_says_how_to_start(window: Any) -> None:
    page = invoices_page(window)
    assert page.views.currentWidget() is page.empty_label
    keys = page.actions_by_key["run"].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert f"„Abrechnungslauf…“ ({keys})" in page.empty_label.text()
    assert not page.actions_by_key["cancel"].isEnabled()


def test_totals_follow_the_rows_shown_after_filtering(window: Any, ctx: Any) -> None:
    issue_q3(ctx.db, ISSUED_ON)
    page = invoices_page(window)
    page.refresh()
    rows = list_invoices(ctx.db)
    assert page.model.rowCount() == len(rows) == 4
    page.filter_edit.setText("Stadt")  # Bad Neuenahr-Ahrweiler, Trier, Speyer; not Gerolstein
    shown = [r for r in rows if "Stadt" in r.buyer]
    assert page.model.rowCount() == len(shown) == 3
    gross = sum((r.gross for r in shown), Decimal(0))
    assert f"brutto {format_money(gross)}" in page.totals_label.text()
    assert _("Showing {shown} of {total}").format(shown=3, total=4) in page.totals_label.text()
    page.filter_edit.setText("Trier")
    assert page.model.rowCount() == 1
    trier = next(r for r in rows if r.buyer == "Stadt Trier")
    assert f"brutto {format_money(trier.gross)}" in page.totals_label.text()
    page.filter_edit.setText("niemand")
    assert page.views.currentWidget() is page.empty_label


def test_an_invoice_opens_in_the_viewer_and_its_files_are_saved(
    window: Any, ctx: Any, qtbot: Any, tmp_path: Path
) -> None:
    issued = issue_q3(ctx.db, ISSUED_ON)
    page = invoices_page(window)
    page.refresh()
    number = issued[0].number
    select(page, number)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    viewer = page.viewer
    assert viewer is not None and viewer.data == invoice_file(ctx.db, number, "invoice_pdf").content
    assert viewer.windowTitle() == _("Invoice {number}").format(number=number)
    viewer.close()
    written = page.write_file(number, "invoice_xml", tmp_path / "r.xml")
    assert written is not None
    assert written.read_bytes() == invoice_file(ctx.db, number, "invoice_xml").content


def test_export_of_the_selected_invoices(
    window: Any, ctx: Any, tmp_path: Path, message_boxes: list[tuple[str, str]]
) -> None:
    issued = issue_q3(ctx.db, ISSUED_ON)
    page = invoices_page(window)
    page.refresh()
    select(page, issued[0].number)
    dialog = page.export()
    assert isinstance(dialog, ExportDialog)
    assert dialog.selected_radio.isChecked()
    dialog.folder_edit.setText(str(tmp_path / "export"))
    assert dialog.save()
    names = sorted(p.name for p in (tmp_path / "export").iterdir())
    assert names == sorted(
        [f"{issued[0].number}.pdf", f"{issued[0].number}.xml", "Rechnungsliste.csv"]
    )


def test_cancel_then_corrected_invoice(
    window: Any, ctx: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    issued = issue_q3(ctx.db, ISSUED_ON)
    page = invoices_page(window)
    page.refresh()
    original = next(i for i in issued if i.buyer == "Stadt Speyer")
    select(page, original.number)
    dialog = page.cancel_selected()
    assert isinstance(dialog, CancelInvoiceDialog)
    assert not dialog.save()  # no reason given
    assert dialog.banner.text() == _("Reason: please say why the invoice is cancelled.")
    dialog.reason_edit.setText("Menge falsch: 3 statt 2 Arbeitsplätze")
    asked = answer_yes(monkeypatch)
    assert dialog.save()
    assert asked[0].startswith(f"Stornorechnung zu Rechnung {original.number} (Stadt Speyer")
    assert asked[0].endswith("Das kann nicht rückgängig gemacht werden.")
    statuses = dict(zip(column(page, NUMBER), column(page, STATUS), strict=True))
    storno = next(r for r in list_invoices(ctx.db) if r.original_number == original.number)
    assert statuses[original.number] == _("cancelled")
    assert statuses[storno.number] == _("cancellation")
    assert storno.gross == -Decimal(original.gross)
    # Yes to "create the corrected invoice now": the dialog is prefilled from the original
    qtbot.waitUntil(lambda: isinstance(page.dialog, ManualInvoiceDialog))
    corrected = page.dialog
    recipient = corrected.recipient()
    assert recipient is not None and recipient.name == "Stadt Speyer"
    snapshot = snapshot_of(ctx.db, original.number)
    assert len(corrected.lines) == len(snapshot.lines)
    assert sum((x.net for x in corrected.lines), Decimal(0)) == snapshot.net
    line = corrected.lines[0]  # 2 workstations × 3 months → quantity 6; now 3 workstations
    assert line.quantity == snapshot.lines[0].quantity * snapshot.lines[0].factor
    corrected.table.selectRow(0)
    editor = corrected.edit_line()
    assert editor is not None and editor.quantity_edit.text() == "6"
    editor.quantity_edit.setText("9")
    editor.save()
    assert corrected.lines[0].quantity == 9
    corrected.date_edit.set_date(ctx.today())
    assert corrected.save()
    assert corrected.issued is not None
    new = next(r for r in list_invoices(ctx.db) if r.number == corrected.issued.number)
    assert new.gross == to_gross(Decimal(9) * line.unit_price)
    assert page.viewer is not None
    assert page.viewer.windowTitle() == _("Invoice {number}").format(number=new.number)
    statuses = dict(zip(column(page, NUMBER), column(page, STATUS), strict=True))
    assert statuses[new.number] == _("issued")


def to_gross(net: Decimal) -> Decimal:
    """Not subject to VAT: gross equals net (rounded to cents)."""
    return net.quantize(Decimal("0.01"))


def test_a_manual_invoice_from_a_price_item(
    window: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = invoices_page(window)
    dialog = page.manual_invoice()
    assert isinstance(dialog, ManualInvoiceDialog)
    assert not dialog.save()
    assert dialog.banner.text() == _("Recipient: please choose a customer or member.")
    dialog.recipient_box.setCurrentIndex(
        dialog.recipient_box.findText("Stadt Trier", Qt.MatchFlag.MatchStartsWith)
    )
    recipient = dialog.recipient()
    assert recipient is not None and recipient.customer_id is not None
    line_dialog = dialog.add_line()
    line_dialog.item_box.setCurrentIndex(1)  # the first price item in force
    item = line_dialog.items[0]
    assert line_dialog.title_edit.text() == item.title
    line_dialog.quantity_edit.setText("3")
    dialog.vat_box.setCurrentIndex(1 if item.tax_category.value == "O" else 0)
    line_dialog.draft = dialog.draft()
    line_dialog.save()
    assert line_dialog.result() == QDialog.DialogCode.Accepted, line_dialog.banner.text()
    dialog.date_edit.set_text("31.02.2026")
    assert not dialog.save()
    assert dialog.banner.text() == date_input_error(_("Invoice date"))
    dialog.date_edit.set_date(ctx.today())
    answer_yes(monkeypatch)
    assert dialog.save(), dialog.banner.text()
    [row] = list_invoices(ctx.db)
    assert row.buyer == "Stadt Trier"
    assert row.net == (3 * item.unit_price).quantize(Decimal("0.01"))
    assert page.viewer is not None


def test_several_invoices_print_as_one_job(window: Any, ctx: Any, tmp_path: Path) -> None:
    issued = issue_q3(ctx.db, ISSUED_ON)
    documents = [
        pdf_document(invoice_file(ctx.db, i.number, "invoice_pdf").content) for i in issued
    ]
    pages = sum(d.pageCount() for d in documents)
    assert pages >= len(issued)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "alle.pdf"))
    assert print_documents(documents, printer) == pages
    assert len(PdfReader(tmp_path / "alle.pdf").pages) == pages


def test_service_periods_are_shown_short() -> None:
    assert period_text(date(2026, 7, 1), date(2026, 9, 30)) == "Q3/2026"
    assert period_text(date(2026, 7, 1), date(2026, 7, 31)) == "07/2026"
    assert period_text(date(2026, 1, 1), date(2026, 12, 31)) == "2026"
    assert period_text(date(2026, 7, 1), date(2026, 8, 31)) == "07–08/2026"
    assert period_text(date(2026, 7, 15), date(2026, 9, 30)) == "15.07.–30.09.2026"
    assert period_text(None, None) == "–"


def test_capital_contribution_for_a_chosen_member(window: Any, ctx: Any) -> None:
    page = invoices_page(window)
    dialog = page.capital_invoice()
    combo = dialog.widgets["member"]
    combo.setCurrentIndex(combo.findText("Stadt Speyer"))
    dialog.save()  # the demo members have paid their capital already
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.banner.text() == _("{name} has paid its capital contribution already.").format(
        name="Stadt Speyer"
    )
    nothing_paid_yet(ctx.db, "Stadt Speyer")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    [row] = list_invoices(ctx.db)
    assert row.buyer == "Stadt Speyer" and row.gross == Decimal("2000.00") and row.tax == 0
    assert page.viewer is not None
    assert page.viewer.windowTitle() == _("Invoice {number}").format(number=row.number)
