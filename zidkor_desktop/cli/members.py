"""Member commands: `zidkor members list` and `zidkor members pdf`."""

from __future__ import annotations

import argparse
from datetime import date

from zidkor_desktop.cli.context import Context, open_db, refuse_existing
from zidkor_desktop.cli.errors import EXIT_OK
from zidkor_desktop.cli.output import Cell, Column
from zidkor_desktop.l10n import N_, _
from zidkor_desktop.queries.members import MemberRow, list_members
from zidkor_desktop.usecases.member_groups import NO_VOTES, member_groups

MEMBER_COLUMNS: list[Column[MemberRow]] = [
    Column("id", N_("No."), lambda r: r.organisation_id),
    Column("name", N_("Name"), lambda r: r.name),
    Column("type", N_("Type"), lambda r: r.kind),
    Column("status", N_("Status"), lambda r: r.status),
    Column("votes", N_("Votes"), lambda r: r.votes or None, blank=NO_VOTES),
    Column("capital_due", N_("Capital due"), lambda r: r.capital_due),
    Column("capital_paid", N_("Capital paid"), lambda r: r.capital_paid),
]


def cmd_members_list(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor members list [--format table|csv|json] [--output FILE]."""
    with open_db(ctx) as db:
        rows = list_members(db, date.today())
    groups = member_groups(rows)
    rows = [row for group in groups for row in group.rows]  # each group right above its total
    footers: list[list[Cell]] = [
        [
            None,
            _("Total: {members}").format(members=group.label),
            None,
            None,
            group.votes,
            group.capital_due,
            group.capital_paid,
        ]
        for group in groups
    ]
    ctx.write_list(args, MEMBER_COLUMNS, rows, footers)
    return EXIT_OK


def cmd_members_pdf(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor members pdf FILE [--force]: the members list (Mitgliederverzeichnis) as PDF."""
    from zidkor_desktop.usecases.member_list import save_member_list_pdf

    target = args.file.expanduser()
    refuse_existing(target, args.force)
    with open_db(ctx) as db:
        written = save_member_list_pdf(db, date.today(), target)
    ctx.say(_("Members list written: {path}").format(path=written))
    return EXIT_OK
