"""Audit log commands: `zidkor audit list` and `zidkor audit verify`."""

from __future__ import annotations

import argparse
from datetime import date

from zidkor_desktop.cli.context import Context, open_db
from zidkor_desktop.cli.errors import EXIT_ERROR, EXIT_OK, UsageError
from zidkor_desktop.cli.output import Column, add_list_options
from zidkor_desktop.l10n import N_, _
from zidkor_desktop.queries.audit import AuditFilter, AuditRow, list_entries
from zidkor_desktop.usecases.audit import check_audit_log

AUDIT_COLUMNS: list[Column[AuditRow]] = [
    Column("id", N_("No."), lambda r: r.id),
    Column("time", N_("Time"), lambda r: r.local_time),
    Column("user", N_("User"), lambda r: r.user),
    Column("computer", N_("Computer"), lambda r: r.host),
    Column("action", N_("Action"), lambda r: r.action),
    Column("record", N_("Record"), lambda r: r.entity),
    Column("record_id", N_("Record no."), lambda r: r.entity_id),
    Column("field", N_("Field"), lambda r: r.field),
    Column("old", N_("Old value"), lambda r: r.old_value),
    Column("new", N_("New value"), lambda r: r.new_value),
]


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            _("{value!r} is not a date; write it as YYYY-MM-DD.").format(value=text)
        ) from exc


def add_audit_commands(
    commands: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:  # type: ignore[type-arg]
    """Register `audit list` and `audit verify`."""
    audit = commands.add_parser("audit", parents=[common], help=_("audit log of all changes"))
    sub = audit.add_subparsers(title=_("commands"), metavar=_("COMMAND"), required=True)
    listing = sub.add_parser(
        "list", parents=[common], help=_("list the changes"), description=_("List the changes.")
    )
    listing.add_argument(
        "--entity", metavar=_("RECORD"), help=_("only this kind of record, e.g. organisation")
    )
    listing.add_argument("--id", metavar="N", help=_("only the record with this number"))
    listing.add_argument("--user", help=_("only changes by this user or computer"))
    listing.add_argument(
        "--since", type=_day, metavar=_("DATE"), help=_("only from DATE on (YYYY-MM-DD)")
    )
    listing.add_argument(
        "--until", type=_day, metavar=_("DATE"), help=_("only up to DATE (YYYY-MM-DD)")
    )
    add_list_options(listing)
    listing.set_defaults(handler=cmd_audit_list)
    verify = sub.add_parser(
        "verify",
        parents=[common],
        help=_("check that the audit log is unchanged"),
        description=_(
            "Recompute the hash chain of the audit log and name the first entry that was "
            "changed or removed."
        ),
    )
    verify.set_defaults(handler=cmd_audit_verify)


def cmd_audit_list(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor audit list [--entity E] [--id N] [--user U] [--since DATE] [--format …] [-o FILE]."""
    if args.id and not args.entity:
        raise UsageError(_("--id needs --entity (for example --entity organisation --id 3)."))
    wanted = AuditFilter(
        entity=args.entity, entity_id=args.id, user=args.user, since=args.since, until=args.until
    )
    with open_db(ctx, require_setup=False) as db:
        rows = list_entries(db, wanted)
    ctx.write_list(args, AUDIT_COLUMNS, rows)
    return EXIT_OK


def cmd_audit_verify(ctx: Context, _args: argparse.Namespace) -> int:
    """zidkor audit verify: recompute the chain; exit 1 naming the first broken entry."""
    with open_db(ctx, require_setup=False) as db:
        intact, message = check_audit_log(db)
    if intact:
        ctx.say(message)
        return EXIT_OK
    ctx.note(_("Error: {message}").format(message=message))
    return EXIT_ERROR
