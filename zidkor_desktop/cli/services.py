"""Service commands: `zidkor services list` and `zidkor services assign CODE CITY --from DATE`."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from zidkor_desktop.cli.context import Context, open_db
from zidkor_desktop.cli.errors import EXIT_OK, CliError
from zidkor_desktop.cli.members_edit import parse_date
from zidkor_desktop.cli.output import Column, add_list_options
from zidkor_desktop.db.session import Database
from zidkor_desktop.l10n import N_, _
from zidkor_desktop.queries.services import ServiceRow, list_services

SERVICE_COLUMNS: list[Column[ServiceRow]] = [
    Column("code", N_("Code"), lambda r: r.code),
    Column("name", N_("Name"), lambda r: r.name),
    Column("status", N_("Status"), lambda r: r.status),
    Column("operator", N_("Operated by"), lambda r: r.operator),
]


def add_service_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `services list` and `services assign`."""
    services = commands.add_parser(
        "services", parents=[common], help=_("services (Verfahren) and their operating cities")
    )
    sub = services.add_subparsers(title=_("commands"), metavar=_("COMMAND"), required=True)
    listing = sub.add_parser(
        "list", parents=[common], help=_("list the services with their operating city")
    )
    listing.add_argument(
        "--date",
        type=parse_date,
        metavar=_("DATE"),
        help=_("operating city on this date (default: today; YYYY-MM-DD or DD.MM.YYYY)"),
    )
    add_list_options(listing)
    listing.set_defaults(handler=cmd_services_list)
    assign = sub.add_parser(
        "assign",
        parents=[common],
        help=_("let another member city operate a service from a date"),
        description=_(
            "CITY operates the service CODE from DATE on; the previous operator ends the day "
            "before. CITY is the name or the number from 'zidkor members list'."
        ),
    )
    assign.add_argument("code", metavar=_("CODE"), help=_("code of the service, e.g. EPR-EMV"))
    assign.add_argument("city", metavar=_("CITY"), help=_("name or number of the member city"))
    assign.add_argument(
        "--from",
        dest="valid_from",
        type=parse_date,
        required=True,
        metavar=_("DATE"),
        help=_("first day of operation (YYYY-MM-DD or DD.MM.YYYY)"),
    )
    assign.add_argument(
        "--resolution", default="", metavar=_("TEXT"), help=_("reference of the resolution")
    )
    assign.set_defaults(handler=cmd_services_assign)


def cmd_services_list(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor services list [--date DATE] [--format table|csv|json] [--output FILE]."""
    with open_db(ctx) as db:
        rows = list_services(db, args.date or date.today())
    ctx.write_list(args, SERVICE_COLUMNS, rows, None)
    return EXIT_OK


def _organisation_id(db: Database, city: str) -> int:
    """The organisation named (case-insensitive) or numbered `city`; CliError if none."""
    from zidkor_desktop.queries.members import list_members

    rows = list_members(db, date.today())
    wanted = city.strip()
    for row in rows:
        if wanted.isdigit() and row.organisation_id == int(wanted):
            return row.organisation_id
        if row.name.casefold() == wanted.casefold():
            return row.organisation_id
    raise CliError(
        _("There is no member named or numbered \"{city}\" (see 'zidkor members list').").format(
            city=city
        )
    )


def cmd_services_assign(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor services assign CODE CITY --from DATE [--resolution TEXT]."""
    from zidkor_desktop.usecases.services import assign_operator, service_id_by_code

    if args.valid_from is None:
        raise CliError(_("--from: please give the first day of operation."))
    with open_db(ctx) as db:
        service_id = service_id_by_code(db, args.code)
        organisation_id = _organisation_id(db, args.city)
        change = assign_operator(db, service_id, organisation_id, args.valid_from, args.resolution)
    ctx.say(
        _("Service {service}: {summary}.").format(service=change.service, summary=change.summary)
    )
    return EXIT_OK
