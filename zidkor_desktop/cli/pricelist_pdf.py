"""`zidkor pricelist pdf FILE [--date DATE] [--force]`: the schedule of services and fees."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from zidkor_desktop.cli.context import Context, open_db, refuse_existing
from zidkor_desktop.cli.errors import EXIT_OK
from zidkor_desktop.cli.members_edit import parse_date
from zidkor_desktop.cli.pricelist_group import pricelist_subcommands
from zidkor_desktop.l10n import _, format_date


def add_pricelist_pdf_command(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `pricelist pdf`."""
    pdf = pricelist_subcommands(commands, common).add_parser(
        "pdf",
        parents=[common],
        help=_("save the schedule of services and fees as PDF"),
        description=_(
            "Write the published schedule of services and fees in force on DATE (with the "
            "operating cities on that date) to FILE."
        ),
    )
    pdf.add_argument("file", type=Path, metavar=_("FILE"), help=_("target PDF file"))
    pdf.add_argument(
        "--date",
        type=parse_date,
        metavar=_("DATE"),
        help=_("the date the schedule is valid on (default: today; YYYY-MM-DD or DD.MM.YYYY)"),
    )
    pdf.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    pdf.set_defaults(handler=cmd_pricelist_pdf)


def cmd_pricelist_pdf(ctx: Context, args: argparse.Namespace) -> int:
    """Write the schedule valid on --date (default today) to FILE."""
    from zidkor_desktop.usecases.price_list_pdf import save_price_list_pdf  # ReportLab: lazily

    day = args.date or date.today()
    target = args.file.expanduser()
    refuse_existing(target, args.force)
    with open_db(ctx) as db:
        written = save_price_list_pdf(db, day, target)
    ctx.say(
        _("Schedule of services and fees of {date} written: {path}").format(
            date=format_date(day), path=written
        )
    )
    return EXIT_OK
