"""Billing run dialog: problems flagged before issuing, manual lines, leaving out, issuing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog

from tests.ui.invoice_support import Q3, answer_yes, drop_leitweg_id, invoices_page
from zidkor_desktop.domain.kinds import TaxCategory
from zidkor_desktop.domain.money import to_money
from zidkor_desktop.l10n import _, format_money
from zidkor_desktop.queries.invoices import list_invoices, list_runs
from zidkor_desktop.ui.dialogs.billing_run import PROBLEMS_COLUMN, BillingRunDialog
from zidkor_desktop.ui.pages.invoices import NUMBER
from zidkor_desktop.usecases.invoicing import preview_run


def run_dialog(window: Any) -> BillingRunDialog:
    dialog = invoices_page(window).billing_run()
    assert isinstance(dialog, BillingRunDialog)
    assert dialog.period() == Q3  # the last complete quarter is the default
    assert dialog.load_preview()
    return dialog


def select_customer(dialog: BillingRunDialog, name: str) -> None:
    names = [dialog.draft_model.row_at(i).customer for i in range(dialog.draft_model.rowCount())]
    dialog.draft_table.selectRow(names.index(name))


def problem_texts(dialog: BillingRunDialog) -> list[str]:
    return [dialog.problem_list.item(i).text() for i in range(dialog.problem_list.count())]


def test_problems_are_flagged_and_issuing_is_refused(
    window: Any, ctx: Any, message_boxes: list[tuple[str, str]]
) -> None:
    drop_leitweg_id(ctx.db, "Stadt Trier")
    dialog = run_dialog(window)
    expected = _("{name} has no Leitweg-ID.").format(name="Stadt Trier")
    assert expected in problem_texts(dialog)
    select_customer(dialog, "Stadt Trier")
    index = dialog.draft_model.index(dialog.draft_table.currentIndex().row(), PROBLEMS_COLUMN)
    assert expected in index.data()
    assert index.data(1) is not None  # DecorationRole: the warning icon
    assert "⚠ " + expected in dialog.draft_problems.text()
    assert dialog.issue() is None
    kind, text = message_boxes[-1]
    assert kind == "warning" and expected in text
    assert dialog.confirm_dialog is None
    assert list_invoices(ctx.db) == []


def test_a_manual_line_changes_the_totals_and_can_be_removed(window: Any) -> None:
    dialog = run_dialog(window)
    select_customer(dialog, "Stadt Speyer")
    draft = dialog.current_draft()
    assert draft is not None and draft.not_taxable
    before = draft.gross
    line_dialog = dialog.add_line()
    assert line_dialog is not None
    line_dialog.title_edit.setText("Schulung Personenstandswesen")
    line_dialog.quantity_edit.setText("2,5")
    line_dialog.unit_edit.setText("Stunde")
    line_dialog.price_edit.setText("85,10")
    line_dialog.tax_box.setCurrentIndex(line_dialog.tax_box.findData(TaxCategory.STANDARD))
    line_dialog.save()  # a taxed line on a not-taxable invoice is refused, naming why
    assert line_dialog.result() != QDialog.DialogCode.Accepted
    assert line_dialog.banner.text() == _(
        "This invoice is not subject to VAT; lines with VAT belong on another invoice."
    )
    line_dialog.tax_box.setCurrentIndex(line_dialog.tax_box.findData(TaxCategory.NOT_TAXABLE))
    line_dialog.save()
    assert line_dialog.result() == QDialog.DialogCode.Accepted
    added = to_money(Decimal("2.5") * Decimal("85.10"))  # 212.75
    assert draft.gross == before + added == Decimal("284.75")
    row = dialog.draft_table.currentIndex().row()
    assert dialog.draft_model.index(row, 5).data() == format_money(before + added)
    assert format_money(before + added) in dialog.totals_label.text()
    assert dialog.line_model.rowCount() == len(draft.lines) + 1
    dialog.line_table.selectRow(dialog.line_model.rowCount() - 1)
    assert dialog.remove_line()
    assert draft.gross == before and dialog.modified


def test_a_draft_can_be_left_out_after_a_question(
    window: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = run_dialog(window)
    count = dialog.draft_model.rowCount()
    select_customer(dialog, "Stadt Trier")
    asked = answer_yes(monkeypatch)
    assert dialog.drop_draft()
    assert "Stadt Trier" in asked[0]
    assert dialog.draft_model.rowCount() == count - 1
    assert dialog.preview is not None
    assert "Stadt Trier" not in [d.customer for d in dialog.preview.drafts]
    dialog.reject()  # asks (Yes: discard) and closes; nothing was stored
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert list_invoices(ctx.db) == [] and list_runs(ctx.db) == []


def test_issuing_a_run_in_worker_processes_lists_the_numbers(
    window: Any, ctx: Any, qtbot: Any, message_boxes: list[tuple[str, str]]
) -> None:
    expected = {d.customer: d.gross for d in preview_run(ctx.db, Q3).drafts}
    dialog = run_dialog(window)
    assert dialog.workers == 2
    confirm = dialog.issue()
    assert confirm is not None
    assert str(len(expected)) in confirm.text.text()
    assert format_money(sum(expected.values(), Decimal(0))) in confirm.text.text()
    with qtbot.waitSignal(dialog.issued, timeout=120_000):
        confirm.confirm()
    page = invoices_page(window)
    numbers = [page.model.index(r, NUMBER).data() for r in range(page.model.rowCount())]
    assert sorted(numbers) == [f"2026-{n:05d}" for n in range(1, len(expected) + 1)]
    assert {r.buyer: r.gross for r in list_invoices(ctx.db)} == expected
    assert len(page.selected_rows()) == len(expected)
    box = page.after_issue
    assert box is not None and "2026-00001" in box.text()
    box.close()


def test_cancelling_the_progress_leaves_nothing_behind(window: Any, ctx: Any, qtbot: Any) -> None:
    dialog = run_dialog(window)
    dialog.workers = 0
    background = dialog.start_issue(ctx.today())
    assert background is not None
    background.cancel()
    qtbot.waitUntil(lambda: not dialog.is_issuing(), timeout=60_000)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.banner.text() == _("Issuing was cancelled; no invoice was issued.")
    assert list_invoices(ctx.db) == [] and list_runs(ctx.db) == []
    assert dialog.issue_button.isEnabled()


def test_the_window_stays_open_while_a_run_is_issued(
    window: Any, ctx: Any, qtbot: Any, message_boxes: list[tuple[str, str]]
) -> None:
    dialog = run_dialog(window)
    dialog.workers = 0
    dialog.start_issue(ctx.today())
    page = invoices_page(window)
    assert dialog.is_issuing()  # until its outcome arrives through the event loop
    assert not page.can_leave()
    assert message_boxes[-1][1] == _("Please wait until issuing has finished or cancel it.")
    qtbot.waitUntil(lambda: not page.dialog or not page.dialog.is_issuing(), timeout=60_000)
    assert page.can_leave()
    assert len(list_invoices(ctx.db)) == 4
