"""Agreement commands: list, pdf, add, approve, announce, activate, quantity, notice, end."""

from __future__ import annotations

import argparse
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from zidkor_desktop.cli.agreements_edit import add_agreement_edit_commands
from zidkor_desktop.cli.context import Context, open_db, refuse_existing
from zidkor_desktop.cli.errors import EXIT_OK
from zidkor_desktop.cli.members_edit import parse_date
from zidkor_desktop.cli.output import Column, ListFormat, add_list_options
from zidkor_desktop.domain.kinds import AgreementStatus
from zidkor_desktop.l10n import N_, _, format_number
from zidkor_desktop.queries.agreements import AgreementRow, ItemQuantity


def quantity_text(value: Decimal) -> str:
    """An exact quantity without trailing zeros ('15', '28500', '2.5')."""
    return format(value.normalize(), "f") if value == value.normalize() else str(value)


def _items_text(items: list[ItemQuantity]) -> str:
    return "; ".join(f"{q.price_code}: {format_number(q.quantity.normalize())}" for q in items)


AGREEMENT_COLUMNS: list[Column[AgreementRow]] = [
    Column("id", N_("No."), lambda r: r.agreement_id),
    Column("number", N_("Number"), lambda r: r.number),
    Column("customer", N_("Customer"), lambda r: r.customer),
    Column("service", N_("Service"), lambda r: r.service_code),
    Column("status", N_("Status"), lambda r: r.status),
    Column("start", N_("Start"), lambda r: r.valid_from),
    Column("end", N_("End"), lambda r: r.valid_until, blank="–"),
    Column("ends_soon", N_("Ends within 90 days"), lambda r: r.ends_soon),
    Column("operator", N_("Operated by"), lambda r: r.operator),
    Column("items", N_("Items"), lambda r: _items_text(r.items)),
]


def _json_row(row: AgreementRow) -> dict[str, Any]:
    return {
        "id": row.agreement_id,
        "number": row.number,
        "customer": row.customer,
        "customer_id": row.customer_id,
        "service": row.service_code,
        "status": row.status.value,
        "start": row.valid_from.isoformat() if row.valid_from else None,
        "end": row.valid_until.isoformat() if row.valid_until else None,
        "ends_soon": row.ends_soon,
        "member": row.is_member,
        "approved_on": (
            row.authority_approved_on.isoformat() if row.authority_approved_on else None
        ),
        "operator": row.operator,
        "items": [
            {
                "code": q.price_code,
                "title": q.title,
                "quantity": quantity_text(q.quantity),
                "per_resident": q.per_resident,
            }
            for q in row.items
        ],
    }


def add_agreement_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register the `agreements` command group."""
    group = commands.add_parser(
        "agreements",
        parents=[common],
        help=_("service agreements and Zweckvereinbarungen"),
    )
    sub = group.add_subparsers(title=_("commands"), metavar=_("COMMAND"), required=True)
    listing = sub.add_parser("list", parents=[common], help=_("list the agreements"))
    listing.add_argument("--customer", type=int, metavar="ID", help=_("only this customer (id)"))
    listing.add_argument("--service", metavar=_("CODE"), help=_("only this service (code)"))
    listing.add_argument(
        "--status",
        choices=[s.value for s in AgreementStatus],
        help=_("only agreements with this status"),
    )
    listing.add_argument(
        "--date",
        type=parse_date,
        metavar=_("DATE"),
        help=_("quantities and operator on this date (default: today)"),
    )
    add_list_options(listing)
    listing.set_defaults(handler=cmd_agreements_list)
    pdf = sub.add_parser(
        "pdf",
        parents=[common],
        help=_("save an agreement as PDF"),
        description=_(
            "Write the agreement (number or id) with the operating city and the prices on DATE "
            "to FILE."
        ),
    )
    pdf.add_argument("agreement", metavar="ID", help=_("number or id of the agreement"))
    pdf.add_argument("file", type=Path, metavar=_("FILE"), help=_("target PDF file"))
    pdf.add_argument(
        "--date", type=parse_date, metavar=_("DATE"), help=_("as of this date (default: today)")
    )
    pdf.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    pdf.set_defaults(handler=cmd_agreements_pdf)
    add_agreement_edit_commands(sub, common)


def cmd_agreements_list(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor agreements list [--customer ID] [--service CODE] [--status S] [--format ...]."""
    from zidkor_desktop.queries.agreements import list_agreements
    from zidkor_desktop.usecases.services import service_id_by_code

    with open_db(ctx) as db:
        service_id = service_id_by_code(db, args.service) if args.service else None
        rows = list_agreements(
            db,
            args.date or date.today(),
            customer_id=args.customer,
            service_id=service_id,
            status=AgreementStatus(args.status) if args.status else None,
        )
    if ListFormat(args.format) is ListFormat.JSON:
        data = json.dumps([_json_row(r) for r in rows], ensure_ascii=False, indent=2) + "\n"
        ctx.emit(data.encode("utf-8"), False, args.output, force=args.force)
        return EXIT_OK
    ctx.write_list(args, AGREEMENT_COLUMNS, rows)
    return EXIT_OK


def cmd_agreements_pdf(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor agreements pdf ID FILE [--date DATE] [--force]."""
    from zidkor_desktop.queries.agreements import agreement_id_by_number
    from zidkor_desktop.usecases.agreement_pdf import save_agreement_pdf  # ReportLab: lazily

    target = args.file.expanduser()
    refuse_existing(target, args.force)
    with open_db(ctx) as db:
        agreement_id = agreement_id_by_number(db, args.agreement)
        written = save_agreement_pdf(db, agreement_id, args.date or date.today(), target)
    ctx.say(_("Agreement {number} written: {path}").format(number=args.agreement, path=written))
    return EXIT_OK
