"""Statute commands: `zidkor statute list|pdf|amendment`."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from zidkor_desktop.cli.context import Context, open_db, refuse_existing
from zidkor_desktop.cli.errors import EXIT_OK
from zidkor_desktop.cli.members_edit import parse_date
from zidkor_desktop.cli.output import Column, add_list_options
from zidkor_desktop.l10n import N_, _
from zidkor_desktop.queries.statute import VersionRow

VERSION_COLUMNS: list[Column[VersionRow]] = [
    Column("version", N_("Version"), lambda r: r.version_no),
    Column("title", N_("Title"), lambda r: r.title),
    Column("status", N_("Status"), lambda r: r.status),
    Column("based_on", N_("Based on"), lambda r: r.based_on),
    Column("adopted", N_("Adopted on"), lambda r: r.adopted_on),
    Column("resolution", N_("Resolution"), lambda r: r.adoption_ref),
    Column("approved", N_("Approved on"), lambda r: r.approved_on),
    Column("file_number", N_("File number"), lambda r: r.approval_file_number),
    Column("published", N_("Published on"), lambda r: r.published_on),
    Column("published_in", N_("Published in"), lambda r: r.published_in),
    Column("in_force_from", N_("In force from"), lambda r: r.in_force_from),
    Column("sections", N_("Sections"), lambda r: r.sections),
]


def add_statute_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register the `statute` commands."""
    group = commands.add_parser(
        "statute", parents=[common], help=_("the statute (Verbandsordnung) and its versions")
    )
    sub = group.add_subparsers(title=_("commands"), metavar=_("COMMAND"), required=True)
    listing = sub.add_parser("list", parents=[common], help=_("list the versions of the statute"))
    add_list_options(listing)
    listing.set_defaults(handler=cmd_statute_list)
    pdf = sub.add_parser(
        "pdf",
        parents=[common],
        help=_("save the statute as PDF"),
        description=_(
            "Write the statute of version N (default: the version in force today) to FILE, "
            "with the members and services of its date."
        ),
    )
    pdf.add_argument("file", type=Path, metavar=_("FILE"), help=_("target PDF file"))
    pdf.add_argument("--version", dest="number", type=int, metavar="N", help=_("version number"))
    pdf.add_argument(
        "--date",
        type=parse_date,
        metavar=_("DATE"),
        help=_(
            "the date whose members and services are shown (default: the day the version "
            "entered into force; today for a version not yet in force)"
        ),
    )
    pdf.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    pdf.set_defaults(handler=cmd_statute_pdf)
    amendment = sub.add_parser(
        "amendment",
        parents=[common],
        help=_("save the amendment statute between two versions as PDF"),
        description=_(
            "Write the amendment statute (Änderungssatzung) that turns version N into "
            "version M to FILE."
        ),
    )
    amendment.add_argument("file", type=Path, metavar=_("FILE"), help=_("target PDF file"))
    amendment.add_argument(
        "--from", dest="old", type=int, required=True, metavar="N", help=_("the older version")
    )
    amendment.add_argument(
        "--to", dest="new", type=int, required=True, metavar="M", help=_("the newer version")
    )
    amendment.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    amendment.set_defaults(handler=cmd_statute_amendment)


def cmd_statute_list(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor statute list [--format ...]."""
    from zidkor_desktop.queries.statute import list_versions

    with open_db(ctx) as db:
        rows = list_versions(db, date.today())
    ctx.write_list(args, VERSION_COLUMNS, rows)
    return EXIT_OK


def cmd_statute_pdf(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor statute pdf FILE [--version N] [--date DATE] [--force]."""
    from zidkor_desktop.usecases.statute_pdf import save_statute_pdf  # ReportLab: lazily

    target = args.file.expanduser()
    refuse_existing(target, args.force)
    with open_db(ctx) as db:
        written = save_statute_pdf(db, args.number, date.today(), target, args.date)
    ctx.say(_("Statute written: {path}").format(path=written))
    return EXIT_OK


def cmd_statute_amendment(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor statute amendment FILE --from N --to M [--force]."""
    from zidkor_desktop.usecases.statute_pdf import save_amendment_pdf  # ReportLab: lazily

    target = args.file.expanduser()
    refuse_existing(target, args.force)
    with open_db(ctx) as db:
        written = save_amendment_pdf(db, args.old, args.new, date.today(), target)
    ctx.say(_("Amendment statute written: {path}").format(path=written))
    return EXIT_OK
