"""Invoice commands: `zidkor billing run` and `zidkor invoices list|pdf|xml|cancel|capital|export`.

They call the same use cases as the area "Rechnungen", so numbering, the frozen snapshot and
every check hold for scripts as for the GUI.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from zidkor_desktop.cli.context import Context, open_db, refuse_existing
from zidkor_desktop.cli.errors import EXIT_OK, EXIT_USAGE, UsageError
from zidkor_desktop.cli.members_edit import parse_date
from zidkor_desktop.cli.output import Column, add_list_options
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.billing import BillingPeriod, InvoiceDraft
from zidkor_desktop.domain.invoicing import months_text
from zidkor_desktop.l10n import N_, _, format_date, format_money, format_quantity, format_unit_price
from zidkor_desktop.queries.invoices import InvoiceRow

INVOICE_COLUMNS: list[Column[InvoiceRow]] = [
    Column("number", N_("Number"), lambda r: r.number),
    Column("customer", N_("Recipient"), lambda r: r.buyer),
    Column("date", N_("Invoice date"), lambda r: r.issue_date),
    Column("type", N_("Type"), lambda r: r.kind),
    Column("net", N_("Net"), lambda r: r.net),
    Column("tax", N_("VAT"), lambda r: r.tax),
    Column("gross", N_("Gross"), lambda r: r.gross),
    Column("open", N_("Open"), lambda r: r.open),
    Column("due", N_("Due"), lambda r: r.due_date),
    Column("overdue", N_("Days overdue"), lambda r: r.days_overdue(date.today())),
    Column("status", N_("Status"), lambda r: r.status_label),
]


def _period(text: str) -> BillingPeriod:
    try:
        return BillingPeriod.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _('"{value}" is no billing period; use 2027-Q1, 2027-03 or 2027.').format(value=text)
        ) from exc


def _day(text: str) -> date:
    day = parse_date(text)
    if day is None:
        raise argparse.ArgumentTypeError(_("Please give a date."))
    return day


def add_invoice_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `billing run` and the `invoices` commands."""
    billing = commands.add_parser("billing", parents=[common], help=_("billing runs"))
    sub = billing.add_subparsers(title=_("commands"), metavar=_("COMMAND"), required=True)
    run = sub.add_parser(
        "run",
        parents=[common],
        help=_("preview (or issue) the invoices of a period"),
        description=_(
            "Without --issue: the drafts of the period with their lines, totals and problems; "
            "nothing is stored. With --issue: issue them all (all or nothing)."
        ),
    )
    run.add_argument("--period", required=True, type=_period, help="2027-Q1 | 2027-03 | 2027")
    run.add_argument("--issue", action="store_true", help=_("issue the invoices"))
    run.add_argument("--date", type=_day, help=_("invoice date (default: today)"))
    run.add_argument("--workers", type=int, default=0, help=_("worker processes for rendering"))
    run.add_argument("--format", choices=["text", "json"], default="text")
    run.set_defaults(handler=cmd_billing_run)

    invoices = commands.add_parser("invoices", parents=[common], help=_("issued invoices"))
    sub = invoices.add_subparsers(title=_("commands"), metavar=_("COMMAND"), required=True)
    listing = sub.add_parser("list", parents=[common], help=_("list the issued invoices"))
    listing.add_argument("--open", action="store_true", help=_("only invoices not fully paid"))
    listing.add_argument("--customer", type=int, metavar="ID", help=_("only this customer"))
    add_list_options(listing)
    listing.set_defaults(handler=cmd_invoices_list)
    for name, kind, what in (
        ("pdf", "invoice_pdf", _("the hybrid PDF (ZUGFeRD / XRechnung)")),
        ("xml", "invoice_xml", _("the XRechnung XML")),
    ):
        command = sub.add_parser(name, parents=[common], help=_("save {what}").format(what=what))
        command.add_argument("number", metavar=_("NUMBER"))
        command.add_argument("target", type=Path, metavar=_("FILE"))
        command.add_argument("--force", action="store_true", help=_("overwrite FILE"))
        command.set_defaults(handler=cmd_invoices_file, kind=kind)
    cancel = sub.add_parser("cancel", parents=[common], help=_("cancel an invoice (Storno)"))
    cancel.add_argument("number", metavar=_("NUMBER"))
    cancel.add_argument("--reason", required=True, help=_("why the invoice is cancelled"))
    cancel.add_argument("--date", type=_day, help=_("date of the cancellation (default: today)"))
    cancel.set_defaults(handler=cmd_invoices_cancel)
    capital = sub.add_parser(
        "capital", parents=[common], help=_("issue a member's capital contribution invoice")
    )
    capital.add_argument("member", metavar=_("MEMBER"), help=_("name or number of the member"))
    capital.add_argument("--date", type=_day, help=_("invoice date (default: today)"))
    capital.set_defaults(handler=cmd_invoices_capital)
    export = sub.add_parser(
        "export", parents=[common], help=_("export invoices with their files to a folder")
    )
    which = export.add_mutually_exclusive_group(required=True)
    which.add_argument("--run", type=int, metavar="ID", help=_("the invoices of billing run ID"))
    which.add_argument("--period", type=_period, help=_("the invoices of a billing period"))
    export.add_argument("folder", type=Path, metavar=_("FOLDER"))
    export.set_defaults(handler=cmd_invoices_export)


def _draft_json(draft: InvoiceDraft) -> dict[str, Any]:
    return {
        "customer_id": draft.customer_id,
        "customer": draft.customer,
        "not_taxable": draft.not_taxable,
        "lines": [
            {
                "agreement": x.agreement_number,
                "price_code": x.price_code,
                "title": x.title,
                "start": x.start.isoformat(),
                "end": x.end.isoformat(),
                "quantity": format(x.quantity, "f"),
                "unit_price": format(x.unit_price, "f"),
                "factor": str(x.factor),
                "net": format(x.net, "f"),
                "tax_category": x.tax_category.value,
                "tax_rate": format(x.tax_rate, "f"),
            }
            for x in draft.lines
        ],
        "totals": [
            {
                "category": t.category.value,
                "rate": format(t.rate, "f"),
                "net": format(t.net, "f"),
                "tax": format(t.tax, "f"),
            }
            for t in draft.totals
        ],
        "net": format(draft.net, "f"),
        "tax": format(draft.tax, "f"),
        "gross": format(draft.gross, "f"),
        "problems": [{"code": p.code, "message": p.message} for p in draft.problems],
    }


def _draft_text(draft: InvoiceDraft) -> list[str]:
    kind = _("not subject to VAT") if draft.not_taxable else _("with VAT")
    out = [f"{draft.customer} ({kind})"]
    for x in draft.lines:
        out.append(
            f"  {x.agreement_number} {x.price_code} {format_date(x.start)}–{format_date(x.end)}"
            f"  {format_quantity(x.quantity)} × {format_unit_price(x.unit_price)} × "
            f"{months_text(x.months)}  = {format_money(x.net)}"
        )
    out.append(
        "  "
        + _("Net {net}, VAT {tax}, total {gross}").format(
            net=format_money(draft.net),
            tax=format_money(draft.tax),
            gross=format_money(draft.gross),
        )
    )
    out.extend("  ! " + p.message for p in draft.problems)
    return out


def cmd_billing_run(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor billing run --period P [--issue] [--date D] [--format text|json]."""
    from zidkor_desktop.usecases.invoicing import issue_run, preview_run

    label = args.period.label
    with open_db(ctx) as db:
        preview = preview_run(db, args.period)
        if args.issue:
            issued = issue_run(db, preview, args.date or date.today(), workers=args.workers)
            for item in issued:
                ctx.say(f"{item.number}\t{item.buyer}\t{item.gross}")
            ctx.note(_("{count} invoices issued.").format(count=len(issued)))
            return EXIT_OK
    if args.format == "json":
        data = {
            "period": label,
            "rule": preview.rule.value,
            "drafts": [_draft_json(d) for d in preview.drafts],
            "problems": [p.message for p in preview.problems],
            "already_invoiced": preview.already_invoiced,
        }
        ctx.emit(json.dumps(data, ensure_ascii=False, indent=2).encode(), True, None)
        return EXIT_OK
    lines = [_("Billing run {period} (preview, nothing issued)").format(period=label)]
    for draft in preview.drafts:
        lines.extend(_draft_text(draft))
    lines.extend("! " + p.message for p in preview.problems)
    lines.extend("· " + note for note in preview.already_invoiced)
    if not preview.drafts:
        lines.append(_("No invoices are due for this period."))
    ctx.say("\n".join(lines))
    return EXIT_OK


def cmd_invoices_list(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor invoices list [--open] [--customer ID] [--format …]."""
    from zidkor_desktop.queries.invoices import list_invoices

    with open_db(ctx) as db:
        rows = list_invoices(db, customer_id=args.customer)
    if args.open:
        rows = [r for r in rows if r.open != 0]
    ctx.write_list(args, INVOICE_COLUMNS, rows, None)
    return EXIT_OK


def cmd_invoices_file(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor invoices pdf|xml NUMBER FILE [--force]."""
    from zidkor_desktop.queries.invoices import invoice_file

    refuse_existing(args.target, args.force)
    with open_db(ctx) as db:
        stored = invoice_file(db, args.number, args.kind)
    args.target.expanduser().write_bytes(stored.content)
    ctx.say(_("Written to {path} (SHA-256 {sha}).").format(path=args.target, sha=stored.sha256))
    return EXIT_OK


def cmd_invoices_cancel(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor invoices cancel NUMBER --reason TEXT [--date D]."""
    from zidkor_desktop.usecases.invoicing import cancel_invoice

    with open_db(ctx) as db:
        issued = cancel_invoice(db, args.number, args.reason, args.date or date.today())
    ctx.say(
        _("Cancellation {number} issued for invoice {original}.").format(
            number=issued.number, original=args.number
        )
    )
    return EXIT_OK


def _member(db: Database, text: str) -> int:
    from zidkor_desktop.queries.members import list_members

    wanted = text.strip()
    for row in list_members(db, date.today()):
        if str(row.organisation_id) == wanted or row.name.casefold() == wanted.casefold():
            return row.organisation_id
    raise UsageError(_('No member "{name}"; see zidkor members list.').format(name=text))


def cmd_invoices_capital(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor invoices capital MEMBER [--date D]."""
    from zidkor_desktop.usecases.invoicing import issue_capital

    with open_db(ctx) as db:
        issued = issue_capital(db, _member(db, args.member), args.date or date.today())
    ctx.say(
        _("Capital contribution invoice {number} issued to {name}: {amount}.").format(
            number=issued.number, name=issued.buyer, amount=issued.gross
        )
    )
    return EXIT_OK


def cmd_invoices_export(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor invoices export --run ID|--period P FOLDER."""
    from zidkor_desktop.queries.invoices import list_invoices, list_runs
    from zidkor_desktop.usecases.invoice_export import export_invoices

    with open_db(ctx) as db:
        if args.run is not None:
            rows = list_invoices(db, run_id=args.run)
        else:
            label = args.period.label
            runs = [r.id for r in list_runs(db) if r.period == label]
            rows = [r for run in runs for r in list_invoices(db, run_id=run)]
        if not rows:
            ctx.note(_("No invoices found for this choice."))
            return EXIT_USAGE
        result = export_invoices(db, rows, args.folder.expanduser())
    ctx.say(
        _("{count} files written to {folder}.").format(
            count=len(result.files), folder=result.folder
        )
    )
    return EXIT_OK
