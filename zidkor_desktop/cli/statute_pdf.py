"""`zidkor statute pdf FILE [--version N]` and `zidkor statute amendment FILE --from N --to M`."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from zidkor_desktop.cli.context import Context, open_db, refuse_existing
from zidkor_desktop.cli.errors import EXIT_OK
from zidkor_desktop.cli.members_edit import parse_date
from zidkor_desktop.cli.statute_group import statute_subcommands
from zidkor_desktop.l10n import _


def add_statute_pdf_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `statute pdf` and `statute amendment`."""
    sub = statute_subcommands(commands, common)
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
