"""Payment commands: `zidkor payments add|import`, `zidkor reminders run|pdf` and the account.

They call the same use cases as the area "Zahlungen"; nothing is booked by `payments import`
without `--yes`, and `reminders run` writes letters only with `--issue`.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from zidkor_desktop.cli.context import Context, open_db, refuse_existing
from zidkor_desktop.cli.errors import EXIT_OK, UsageError
from zidkor_desktop.cli.invoices import _day
from zidkor_desktop.cli.output import Column, add_list_options
from zidkor_desktop.domain.money import parse_amount
from zidkor_desktop.domain.payments import AccountLine
from zidkor_desktop.l10n import N_, _, format_date, format_money

ACCOUNT_COLUMNS: list[Column[AccountLine]] = [
    Column("date", N_("Date"), lambda r: r.day),
    Column("entry", N_("Entry"), lambda r: r.text),
    Column("document", N_("Document"), lambda r: r.document),
    Column("debit", N_("Debit"), lambda r: r.debit or None),
    Column("credit", N_("Credit"), lambda r: r.credit or None),
    Column("balance", N_("Balance"), lambda r: r.balance),
]


def _amount(text: str) -> Any:
    try:
        return parse_amount(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _('"{value}" is no amount; e.g. 1234,56 or 1234.56.').format(value=text)
        ) from exc


def add_payment_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `payments add|import`, `reminders run|pdf` and `customers account`."""
    payments = commands.add_parser("payments", parents=[common], help=_("payments received"))
    sub = payments.add_subparsers(title=_("commands"), metavar=_("COMMAND"), required=True)
    add = sub.add_parser("add", parents=[common], help=_("book a payment on an invoice"))
    add.add_argument("number", metavar=_("NUMBER"))
    add.add_argument("amount", type=_amount, metavar=_("AMOUNT"))
    add.add_argument("--date", type=_day, help=_("day of the payment (default: today)"))
    add.add_argument("--reference", default="", help=_("reference, e.g. the remittance text"))
    add.add_argument("--note", default="")
    add.set_defaults(handler=cmd_payments_add)
    imp = sub.add_parser("import", parents=[common], help=_("import a bank statement (CAMT.053)"))
    imp.add_argument("file", type=Path, metavar=_("FILE"))
    imp.add_argument("--yes", action="store_true", help=_("book the proposed matches"))
    imp.set_defaults(handler=cmd_payments_import)

    reminders = commands.add_parser("reminders", parents=[common], help=_("reminder letters"))
    sub = reminders.add_subparsers(title=_("commands"), metavar=_("COMMAND"), required=True)
    run = sub.add_parser("run", parents=[common], help=_("show (or write) the reminders due"))
    run.add_argument("--date", type=_day, help=_("day of the run (default: today)"))
    run.add_argument("--issue", action="store_true", help=_("write the reminder letters"))
    run.set_defaults(handler=cmd_reminders_run)
    pdf = sub.add_parser("pdf", parents=[common], help=_("save a reminder letter"))
    pdf.add_argument("id", type=int, metavar="ID")
    pdf.add_argument("target", type=Path, metavar=_("FILE"))
    pdf.add_argument("--force", action="store_true", help=_("overwrite FILE"))
    pdf.set_defaults(handler=cmd_reminders_pdf)


def add_account_command(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register `customers account ID` on the customers' subcommands."""
    account = sub.add_parser("account", parents=[common], help=_("a customer's account"))
    account.add_argument("id", type=int, metavar="ID", help=_("number of the customer"))
    account.add_argument("--pdf", type=Path, metavar=_("FILE"), help=_("the statement as PDF"))
    account.add_argument("--date", type=_day, help=_("statement date (default: today)"))
    add_list_options(account)
    account.set_defaults(handler=cmd_customers_account)


def cmd_payments_add(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor payments add NUMBER AMOUNT [--date D] [--reference TEXT]."""
    from zidkor_desktop.queries.invoices import list_invoices
    from zidkor_desktop.usecases.payments import record_payment

    today = date.today()
    with open_db(ctx) as db:
        record_payment(
            db,
            args.number,
            args.amount,
            args.date or today,
            today,
            reference=args.reference,
            note=args.note,
        )
        row = next(r for r in list_invoices(db) if r.number == args.number)
    if row.open < 0:
        state = _("credit {amount}").format(amount=format_money(-row.open))
    else:
        state = _("open {amount}").format(amount=format_money(row.open))
    ctx.say(
        _("Payment of {amount} booked on {number}; now {state}.").format(
            amount=format_money(args.amount), number=args.number, state=state
        )
    )
    return EXIT_OK


def cmd_payments_import(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor payments import FILE.xml [--yes]."""
    from zidkor_desktop.usecases.bank_import import apply_import, prepare_import

    with open_db(ctx) as db:
        preview = prepare_import(db, args.file.expanduser())
        reasons = {"number": _("by number"), "amount_and_name": _("by amount and name")}
        for p in preview.entries:
            e = p.entry
            target = p.number or _("no match")
            if p.already_imported:
                target = _("imported before")
            elif p.number:
                target = f"{p.number} ({reasons.get(p.reason, p.reason)})"
            ctx.say(
                f"{format_date(e.booked_on)}\t{format_money(e.amount)}\t{e.debtor_name}\t"
                f"{e.remittance}\t→ {target}"
            )
        if not args.yes:
            ctx.note(_("Nothing booked; confirm with --yes."))
            return EXIT_OK
        result = apply_import(db, preview, {}, date.today())
    ctx.say(
        _("{booked} booked, {unmatched} waiting to be assigned, {skipped} imported before.").format(
            booked=result.booked, unmatched=result.unmatched, skipped=result.skipped
        )
    )
    return EXIT_OK


def cmd_reminders_run(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor reminders run [--date D] [--issue]."""
    from zidkor_desktop.documents.reminder import reminder_title
    from zidkor_desktop.usecases.reminders import issue_reminders, reminder_run

    day = args.date or date.today()
    with open_db(ctx) as db:
        proposals = reminder_run(db, day)
        for p in proposals:
            numbers = ", ".join(f"{r.number} ({format_money(r.open)})" for r in p.invoices)
            ctx.say(
                f"{p.buyer}\t{reminder_title(p.plan.level)}\t{numbers}\t"
                + _("total {amount}, by {date}").format(
                    amount=format_money(p.total), date=format_date(p.plan.deadline)
                )
            )
        if not proposals:
            ctx.say(_("No invoice is due for a reminder on this day."))
            return EXIT_OK
        if args.issue:
            made = issue_reminders(db, day)
            ctx.note(
                _("{count} reminders written: {ids}.").format(
                    count=len(made), ids=", ".join(map(str, made))
                )
            )
    return EXIT_OK


def cmd_reminders_pdf(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor reminders pdf ID FILE [--force]."""
    from zidkor_desktop.usecases.reminders import reminder_pdf

    refuse_existing(args.target, args.force)
    with open_db(ctx) as db:
        content = reminder_pdf(db, args.id)
    args.target.expanduser().write_bytes(content)
    ctx.say(_("Written to {path}.").format(path=args.target))
    return EXIT_OK


def cmd_customers_account(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor customers account ID [--format …] [--pdf FILE]."""
    from zidkor_desktop.queries.accounts import account_lines, organisation_of_customer
    from zidkor_desktop.usecases.reminders import account_pdf

    with open_db(ctx) as db:
        organisation = organisation_of_customer(db, args.id)
        if organisation is None:
            raise UsageError(_("No customer {id}; see zidkor customers list.").format(id=args.id))
        if args.pdf is not None:
            refuse_existing(args.pdf, args.force)
            args.pdf.expanduser().write_bytes(
                account_pdf(db, organisation, args.date or date.today())
            )
            ctx.say(_("Written to {path}.").format(path=args.pdf))
            return EXIT_OK
        lines = account_lines(db, organisation)
    balance = lines[-1].balance if lines else 0
    ctx.write_list(args, ACCOUNT_COLUMNS, lines, ["", _("Balance"), "", "", "", balance])
    return EXIT_OK
