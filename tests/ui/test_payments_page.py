"""Payments area: record payments, import a statement, assign, remind; the customer's account."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from camt_support import Credit, statement
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QMessageBox

from zidkor_desktop.domain.billing import BillingPeriod
from zidkor_desktop.l10n import format_money
from zidkor_desktop.queries.accounts import payments
from zidkor_desktop.queries.invoices import list_invoices
from zidkor_desktop.ui.widgets.money_edit import MoneyEdit
from zidkor_desktop.usecases.database import DatabaseChoice, open_and_migrate
from zidkor_desktop.usecases.invoicing import issue_run, preview_run
from zidkor_desktop.usecases.payments import record_payment
from zidkor_desktop.usecases.reminders import list_reminders

ISSUED = date(2027, 1, 5)
TODAY = date(2027, 3, 1)


@pytest.fixture(scope="module")
def issued_template(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo association with the 2026-Q4 invoices issued on 5 Jan 2027 (made once)."""
    path = tmp_path_factory.mktemp("issued") / "zidkor.sqlite3"
    shutil.copyfile(demo_template, path)
    opened = open_and_migrate(DatabaseChoice(path=path), user="pytest-ui")
    try:
        issue_run(opened.db, preview_run(opened.db, BillingPeriod.parse("2026-Q4")), ISSUED)
    finally:
        opened.db.dispose()
    return path


@pytest.fixture
def ctx(issued_template: Path, tmp_path: Path, qsettings: QSettings) -> Any:
    """The application context on a copy of the issued template, 'today' 1 March 2027."""
    from zidkor_desktop.ui.context import AppContext

    target = tmp_path / "zidkor.sqlite3"
    shutil.copyfile(issued_template, target)
    opened = open_and_migrate(DatabaseChoice(path=target), user="pytest-ui")
    yield AppContext(db=opened.db, today=lambda: TODAY, settings=qsettings)
    opened.db.dispose()


@pytest.fixture
def yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """QMessageBox.question answers Yes (and records the question); other boxes are recorded."""
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_args: Any, **_kw: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    def inform(_parent: Any, _title: str, text: str, *_args: Any, **_kw: Any) -> Any:
        asked.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", inform)
    monkeypatch.setattr(QMessageBox, "warning", inform)
    return asked


def _gross(ctx: Any) -> dict[str, Decimal]:
    return {r.number: r.gross for r in list_invoices(ctx.db) if r.status == "issued"}


def _open_column(tab: Any) -> dict[str, str]:
    model = tab.model
    return {model.index(i, 0).data(): model.index(i, 5).data() for i in range(model.rowCount())}


def _totals_text(count: int, gross: Decimal, open_sum: Decimal) -> str:
    word = "offener Posten" if count == 1 else "offene Posten"
    return f"{count} {word} · brutto {format_money(gross)} · offen {format_money(open_sum)}"


def _pay(tab: Any, number: str, amount: str | None) -> Any:
    assert tab.select_number(number)
    dialog = tab.record_payment()
    field = dialog.widgets["amount"]
    assert isinstance(field, MoneyEdit)
    if amount is not None:
        field.setText(amount)
    return dialog


def test_full_partial_and_over_payment_change_open_amounts_and_totals(
    window: Any, ctx: Any
) -> None:
    gross = _gross(ctx)
    first, second, third = sorted(gross)[:3]
    tab = window.show_area("payments").open_tab
    assert tab.totals_label.text() == _totals_text(
        len(gross), sum(gross.values()), sum(gross.values())
    )
    assert tab.totals() == (len(gross), sum(gross.values()), sum(gross.values()))

    dialog = _pay(tab, first, None)  # the open amount is the default: paid in full
    assert dialog.widgets["amount"].value() == gross[first]
    assert dialog.widgets["paid_on"].date() == TODAY
    assert not dialog.surplus_note.isVisibleTo(dialog)
    dialog.save()
    assert first not in _open_column(tab)

    dialog = _pay(tab, second, "100,00")
    dialog.widgets["reference"].setText("Überweisung 4711")
    dialog.save()
    assert _open_column(tab)[second] == format_money(gross[second] - Decimal("100.00"))

    surplus = Decimal("25.50")
    dialog = _pay(tab, third, format_money(gross[third] + surplus))
    assert dialog.surplus_note.isVisibleTo(dialog)
    assert format_money(surplus) in dialog.surplus_note.text()
    assert "Guthaben" in dialog.surplus_note.text()
    dialog.save()
    assert third not in _open_column(tab)

    rest = {n: g for n, g in gross.items() if n not in (first, third)}
    expected_open = sum(rest.values()) - Decimal("100.00")
    assert tab.totals_label.text() == _totals_text(len(rest), sum(rest.values()), expected_open)
    assert [p.amount for p in payments(ctx.db, number=third)] == [gross[third] + surplus]


def test_refused_payment_names_the_field_in_german(window: Any, ctx: Any) -> None:
    tab = window.show_area("payments").open_tab
    number = sorted(_gross(ctx))[0]
    dialog = _pay(tab, number, "0,00")
    dialog.save()
    assert dialog.isVisible() and "Betrag" in dialog.banner.text()
    dialog.widgets["amount"].setText("10,00")
    dialog.widgets["paid_on"].set_date(TODAY + timedelta(days=1))
    dialog.save()
    assert dialog.isVisible() and "Zukunft" in dialog.banner.text()
    assert payments(ctx.db, number=number) == []
    dialog.reject()


def test_a_payment_is_reversed_with_a_reason_after_asking(
    window: Any, ctx: Any, yes: list[str]
) -> None:
    number = sorted(_gross(ctx))[0]
    gross = _gross(ctx)[number]
    record_payment(ctx.db, number, gross, date(2027, 2, 1), TODAY)  # paid in full: not open
    tab = window.show_area("payments").open_tab
    assert not tab.select_number(number)
    tab.with_settled.setChecked(True)
    assert _open_column(tab)[number] == format_money(Decimal("0.00"))
    assert tab.select_number(number)
    entries = tab.show_payments()
    entries.table.selectRow(0)
    reverse = entries.reverse_selected()
    reverse.save()
    assert "Grund" in reverse.banner.text() and yes == []  # the reason is required first
    reverse.widgets["reason"].setText("Rücklastschrift")
    reverse.save()
    assert len(yes) == 1
    assert [p.amount for p in payments(ctx.db, number=number)] == [gross, -gross]
    assert not entries.reverse_button.isEnabled()
    assert entries.heading.text().endswith(format_money(gross))  # open again
    entries.reject()
    tab.with_settled.setChecked(False)
    assert _open_column(tab)[number] == format_money(gross)


def test_statement_import_proposes_is_corrected_booked_and_assigned(
    window: Any, ctx: Any, yes: list[str], tmp_path: Path
) -> None:
    rows = sorted((r for r in list_invoices(ctx.db)), key=lambda r: r.number)
    by_number, by_amount = rows[0], rows[1]
    file = tmp_path / "auszug.xml"
    file.write_bytes(
        statement(
            [
                Credit(by_number.gross, "Irgendwer", f"Zahlung {by_number.number}", "REF-1"),
                Credit(by_amount.gross, by_amount.buyer, "Quartalsbeitrag", "REF-2"),
                Credit(Decimal("12.34"), "Unbekannt", "Spende", "REF-3"),
            ]
        )
    )
    page = window.show_area("payments")
    dialog = page.import_statement(file)
    shown = [
        (dialog.model.index(i, 1).data(), dialog.combos[f"REF-{i + 1}"].currentData())
        for i in range(3)
    ]
    assert shown == [
        (format_money(by_number.gross), by_number.number),
        (format_money(by_amount.gross), by_amount.number),
        (format_money(Decimal("12.34")), None),
    ]
    assert dialog.model.index(0, 5).data() == "Rechnungsnummer"
    assert dialog.model.index(1, 5).data() == "Betrag und Name"
    assert dialog.model.index(2, 5).data() == "–"
    assert payments(ctx.db) == []  # nothing booked before confirming
    dialog.choose("REF-2", None)  # the clerk corrects a proposal
    dialog.book()
    assert "Gebucht: 1; nicht zugeordnet: 2 (" in yes[-1]
    assert [p.number for p in payments(ctx.db)] == [by_number.number]

    unmatched = page.unmatched_tab
    assert [r.amount for r in unmatched.model.visible_rows()] == [
        by_amount.gross,
        Decimal("12.34"),
    ]
    assert page.tabs.tabText(1).endswith("(2)")
    unmatched.table.selectRow(0)
    assign = unmatched.assign_selected()
    combo = assign.widgets["number"]
    combo.setCurrentIndex(combo.findData(by_amount.number))
    assign.save()
    assert [r.amount for r in unmatched.model.visible_rows()] == [Decimal("12.34")]
    assert by_amount.number not in _open_column(page.open_tab)

    again = page.import_statement(file)  # the same file again: everything known
    assert not again.book_button.isEnabled()
    again.reject()


def test_a_refused_file_shows_the_german_message(
    window: Any, message_boxes: list[tuple[str, str]], tmp_path: Path
) -> None:
    file = tmp_path / "kein-auszug.xml"
    file.write_text("<html><body>nein</body></html>")
    assert window.show_area("payments").import_statement(file) is None
    assert message_boxes == [
        ("warning", "kein-auszug.xml: Die Datei ist keine Kontoauszugsdatei (CAMT.053).")
    ]


def test_reminder_run_issues_letters_for_exactly_the_overdue_invoices(
    window: Any, ctx: Any, yes: list[str]
) -> None:
    gross = _gross(ctx)
    paid = sorted(gross)[0]
    record_payment(ctx.db, paid, gross[paid], date(2027, 2, 1), TODAY)
    due = {r.number: r.due_date for r in list_invoices(ctx.db)}
    overdue = {n for n in gross if n != paid and due[n] < TODAY}
    assert overdue  # invoices of 5 Jan with 30 days are overdue on 1 March
    tab = window.show_area("payments").reminders_tab
    dialog = tab.reminder_run()
    proposed = {i.number for p in dialog.model.visible_rows() for i in p.invoices}
    assert proposed == overdue
    dialog.issue()
    reminders = list_reminders(ctx.db)
    assert {n for r in reminders for n in r.numbers} == overdue
    assert {r.level for r in reminders} == {1}
    assert len(tab.viewers) == len(reminders)
    assert tab.model.rowCount() == len(reminders)
    open_tab = window.pages["payments"].open_tab
    levels = {open_tab.model.index(i, 7).data() for i in range(open_tab.model.rowCount())}
    assert levels == {"Zahlungserinnerung"}
    for viewer in list(tab.viewers):
        viewer.close()


def test_the_customer_account_shows_lines_and_balance(window: Any, ctx: Any) -> None:
    invoice = sorted(list_invoices(ctx.db), key=lambda r: r.number)[0]
    record_payment(ctx.db, invoice.number, Decimal("40.00"), date(2027, 2, 1), TODAY)
    page = window.show_area("customers")
    page.filter_edit.setText(invoice.buyer)
    assert page.select_record(invoice.customer_id)
    account = page.account
    own = [r for r in list_invoices(ctx.db) if r.organisation_id == invoice.organisation_id]
    expected = sum((r.gross for r in own), Decimal("0.00")) - Decimal("40.00")
    assert account.model.rowCount() == len(own) + 1
    assert account.balance() == expected
    assert account.balance_label.text() == f"Saldo: {format_money(expected)} offen"
    assert not account.transfer_button.isVisibleTo(account)
    viewer = account.show_pdf()
    assert viewer is not None and viewer.document.pageCount() >= 1
    viewer.close()


def test_an_overpayment_shows_a_credit_that_can_be_refunded(window: Any, ctx: Any) -> None:
    invoice = sorted(list_invoices(ctx.db), key=lambda r: r.number)[0]
    own = [r for r in list_invoices(ctx.db) if r.organisation_id == invoice.organisation_id]
    paid = invoice.gross + Decimal("30.00")
    record_payment(ctx.db, invoice.number, paid, date(2027, 2, 1), TODAY)
    page = window.show_area("customers")
    assert page.select_record(invoice.customer_id)
    account = page.account
    expected = sum((r.gross for r in own), Decimal("0.00")) - paid
    assert account.balance() == expected
    if expected < 0:
        assert account.balance_label.text() == f"Saldo: Guthaben {format_money(-expected)}"
    else:
        assert account.balance_label.text() == f"Saldo: {format_money(expected)} offen"
    assert account.refund_button.isVisibleTo(account)
    dialog = account.refund()
    assert dialog.widgets["amount"].value() == Decimal("30.00")
    dialog.widgets["note"].setText("Überweisung zurück am 2.3.")
    dialog.save()
    assert [p.amount for p in payments(ctx.db, number=invoice.number)][-1] == Decimal("-30.00")
    assert not account.refund_button.isVisibleTo(account)


def test_reminder_fee_setting_is_saved_and_never_negative(window: Any, ctx: Any) -> None:
    from zidkor_desktop.usecases.settings import get_settings

    page = window.show_area("settings")
    field = page.form.widget_for("reminder_fee")
    assert isinstance(field, MoneyEdit)
    label = page.form.findChildren(QLabel)
    assert any(w.text().startswith("Mahngebühr (ab 1. Mahnung)") for w in label)
    field.setText("-5,00")
    page.save_button.click()
    assert "Mahngebühr" in page.banner.text()
    assert get_settings(ctx.db).reminder_fee == Decimal("0.00")
    field.setText("5,00")
    page.save_button.click()
    assert get_settings(ctx.db).reminder_fee == Decimal("5.00")


def test_a_credit_is_transferred_onto_another_invoice_of_the_customer(
    window: Any, ctx: Any
) -> None:
    invoice = sorted(list_invoices(ctx.db), key=lambda r: r.number)[0]
    issue_run(ctx.db, preview_run(ctx.db, BillingPeriod.parse("2027-Q1")), date(2027, 2, 15))
    later = next(
        r
        for r in list_invoices(ctx.db)
        if r.organisation_id == invoice.organisation_id and r.number != invoice.number
    )
    record_payment(
        ctx.db, invoice.number, invoice.gross + Decimal("30.00"), date(2027, 2, 1), TODAY
    )
    page = window.show_area("customers")
    assert page.select_record(invoice.customer_id)
    account = page.account
    assert account.transfer_button.isVisibleTo(account) and account.transfer_button.isEnabled()
    before = account.balance()
    dialog = account.transfer()
    assert dialog.widgets["source"].currentData() == invoice.number
    assert dialog.widgets["target"].currentData() == later.number
    assert dialog.widgets["amount"].value() == Decimal("30.00")
    dialog.save()
    rows = {r.number: r for r in list_invoices(ctx.db)}
    assert rows[invoice.number].open == 0
    assert rows[later.number].open == rows[later.number].gross - Decimal("30.00")
    assert account.balance() == before  # a transfer moves money inside the account
    assert not account.transfer_button.isVisibleTo(account)
