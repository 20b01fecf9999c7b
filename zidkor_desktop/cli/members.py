"""Member commands: `zidkor members list` and `zidkor members pdf`."""

from __future__ import annotations

import argparse
from datetime import date

from zidkor_desktop.cli.context import Context, open_db, refuse_existing
from zidkor_desktop.cli.errors import EXIT_OK
from zidkor_desktop.cli.output import Cell, Column, ListFormat
from zidkor_desktop.domain.membership_steps import ORDER, Step
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
NEXT_STEP: Column[MemberRow] = Column(
    "next_step", N_("Next step"), lambda r: r.next_step, blank=NO_VOTES
)


def _step_day(step: Step) -> Column[MemberRow]:
    def value(row: MemberRow) -> Cell:
        return next((e.day for e in row.steps if e.step is step), None)

    return Column(step.value, step.label_msgid, value)


def _reference(step: Step) -> Column[MemberRow]:
    def value(row: MemberRow) -> Cell:
        return next((e.reference for e in row.steps if e.step is step), "")

    header = N_("Reference") if step is Step.COUNCIL_RESOLUTION else N_("File number")
    return Column(step.reference_field or "", header, value)


STEP_COLUMNS: list[Column[MemberRow]] = [
    column
    for step in ORDER
    for column in (
        [_step_day(step), _reference(step)] if step.reference_field else [_step_day(step)]
    )
]
"""The date of every step (and the council's reference, the authority's file number)."""


def member_columns(list_format: str) -> list[Column[MemberRow]]:
    """The table shows the next step; CSV and JSON also every step's date and reference."""
    if list_format == ListFormat.TABLE.value:
        return [*MEMBER_COLUMNS, NEXT_STEP]
    return [*MEMBER_COLUMNS, NEXT_STEP, *STEP_COLUMNS]


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
    columns = member_columns(args.format)
    footers = [line + [None] * (len(columns) - len(line)) for line in footers]
    ctx.write_list(args, columns, rows, footers)
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
