"""Statute commands: `zidkor statute list|compare|default|new-amendment|adopt|approve|in-force`."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date
from typing import Any

from zidkor_desktop.cli.context import Context, open_db
from zidkor_desktop.cli.errors import EXIT_OK
from zidkor_desktop.cli.members_edit import parse_date
from zidkor_desktop.cli.output import Column, add_list_options
from zidkor_desktop.cli.statute_group import statute_subcommands
from zidkor_desktop.domain.statute_compare import Change, SectionChange, marked
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
    sub = statute_subcommands(commands, common)
    listing = sub.add_parser("list", parents=[common], help=_("list the versions of the statute"))
    add_list_options(listing)
    listing.set_defaults(handler=cmd_statute_list)
    cmp = sub.add_parser(
        "compare",
        parents=[common],
        help=_("compare two versions section by section"),
        description=_(
            "List the changed, added and removed sections and subsections from version A to "
            "version B; removed words are shown as [-…-], added words as {+…+}."
        ),
    )
    cmp.add_argument("old", type=int, metavar="A", help=_("number of the older version"))
    cmp.add_argument("new", type=int, metavar="B", help=_("number of the newer version"))
    add_list_options(cmp)
    cmp.set_defaults(handler=cmd_statute_compare)
    add_step_commands(sub, common)


def _date_option(parser: argparse.ArgumentParser, flag: str, help_text: str) -> None:
    parser.add_argument(flag, type=parse_date, required=True, metavar=_("DATE"), help=help_text)


def add_step_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register the steps of a version: default, new-amendment, adopt, approve, in-force."""
    default = sub.add_parser(
        "default",
        parents=[common],
        help=_("add the program's default statute as draft version 1 (database without statute)"),
    )
    default.set_defaults(handler=cmd_statute_default)
    new = sub.add_parser(
        "new-amendment",
        parents=[common],
        help=_("copy the statute in force (or version --from N) into a new draft"),
    )
    new.add_argument("--from", dest="source", type=int, metavar="N", help=_("version to copy"))
    new.set_defaults(handler=cmd_statute_new_amendment)
    adopt = sub.add_parser(
        "adopt", parents=[common], help=_("record the assembly's adoption of a draft")
    )
    adopt.add_argument("number", type=int, metavar="N", help=_("number of the draft"))
    _date_option(adopt, "--date", _("day of the assembly's resolution"))
    adopt.add_argument(
        "--resolution", required=True, metavar=_("TEXT"), help=_("reference of the resolution")
    )
    adopt.set_defaults(handler=cmd_statute_adopt)
    approve = sub.add_parser(
        "approve",
        parents=[common],
        help=_("record the authority's approval and the publication of a version"),
    )
    approve.add_argument("number", type=int, metavar="N", help=_("number of the version"))
    _date_option(approve, "--date", _("day of the authority's approval"))
    approve.add_argument(
        "--file-number", required=True, metavar=_("TEXT"), help=_("the authority's file number")
    )
    _date_option(approve, "--published-on", _("day of the public notice"))
    approve.add_argument(
        "--published-in", required=True, metavar=_("TEXT"), help=_("where it was published")
    )
    approve.set_defaults(handler=cmd_statute_approve)
    in_force = sub.add_parser(
        "in-force", parents=[common], help=_("record the day a version enters into force")
    )
    in_force.add_argument("number", type=int, metavar="N", help=_("number of the version"))
    _date_option(in_force, "--from", _("first day in force"))
    in_force.set_defaults(handler=cmd_statute_in_force)


def cmd_statute_list(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor statute list [--format ...]."""
    from zidkor_desktop.queries.statute import list_versions

    with open_db(ctx) as db:
        rows = list_versions(db, date.today())
    ctx.write_list(args, VERSION_COLUMNS, rows)
    return EXIT_OK


@dataclass(frozen=True)
class CompareRow:
    """One line of `statute compare`: a whole section, a changed heading or a subsection."""

    section: str
    change: str
    part: str
    old_subsection: int | None
    new_subsection: int | None
    text: str


def compare_rows(changes: list[SectionChange]) -> list[CompareRow]:
    """The rows of `statute compare` for a list of section changes."""
    rows = []
    for change in changes:
        if change.kind is not Change.CHANGED:
            whole = change.new or change.old
            assert whole is not None
            text = " ".join([whole.heading, *whole.subsections])
            rows.append(CompareRow(change.number, change.kind.value, "section", None, None, text))
            continue
        if change.heading_changed:
            text = marked(change.heading)
            rows.append(CompareRow(change.number, "changed", "heading", None, None, text))
        for sub in change.subsections:
            rows.append(
                CompareRow(
                    change.number, sub.kind.value, "subsection", sub.old_index, sub.new_index,
                    marked(sub.words),
                )
            )  # fmt: skip
    return rows


_LABELS = {
    "added": N_("added"),
    "removed": N_("removed"),
    "changed": N_("changed"),
    "section": N_("Section"),
    "heading": N_("Heading"),
    "subsection": N_("Subsection"),
}


def _compare_columns(args: argparse.Namespace) -> list[Column[CompareRow]]:
    """Columns of `statute compare` (kinds in JSON as English keys, else translated)."""
    as_json = args.format == "json"

    def label(key: str) -> str:
        return key if as_json else _(_LABELS[key])

    return [
        Column("section", N_("Section"), lambda r: r.section),
        Column("change", N_("Change"), lambda r: label(r.change)),
        Column("part", N_("Part"), lambda r: label(r.part)),
        Column("old_subsection", N_("Old subsection"), lambda r: r.old_subsection),
        Column("new_subsection", N_("New subsection"), lambda r: r.new_subsection),
        Column("text", N_("Text"), lambda r: r.text),
    ]


def cmd_statute_compare(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor statute compare A B [--format ...]."""
    from zidkor_desktop.queries.statute_document import compare_versions

    with open_db(ctx) as db:
        changes = compare_versions(db, args.old, args.new, date.today())
    ctx.write_list(args, _compare_columns(args), compare_rows(changes))
    return EXIT_OK


def cmd_statute_default(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor statute default."""
    from zidkor_desktop.usecases.statute import create_default_statute

    with open_db(ctx) as db:
        number = create_default_statute(db)
    ctx.say(_("Draft version {number} of the statute created.").format(number=number))
    return EXIT_OK


def cmd_statute_new_amendment(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor statute new-amendment [--from N]."""
    from zidkor_desktop.usecases.statute import new_amendment

    with open_db(ctx) as db:
        number = new_amendment(db, date.today(), args.source)
    ctx.say(_("Draft version {number} of the statute created.").format(number=number))
    return EXIT_OK


def cmd_statute_adopt(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor statute adopt N --date DATE --resolution TEXT."""
    from zidkor_desktop.usecases.statute import adopt

    with open_db(ctx) as db:
        adopt(db, args.number, args.date, args.resolution, date.today())
    ctx.say(_("Version {number} of the statute is adopted.").format(number=args.number))
    return EXIT_OK


def cmd_statute_approve(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor statute approve N --date DATE --file-number TEXT --published-on DATE ..."""
    from zidkor_desktop.usecases.statute import Approval, approve

    approval = Approval(args.date, args.file_number, args.published_on, args.published_in)
    with open_db(ctx) as db:
        approve(db, args.number, approval, date.today())
    ctx.say(
        _("Version {number} of the statute is approved and published.").format(number=args.number)
    )
    return EXIT_OK


def cmd_statute_in_force(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor statute in-force N --from DATE."""
    from zidkor_desktop.usecases.statute import put_in_force

    with open_db(ctx) as db:
        put_in_force(db, args.number, getattr(args, "from"))
    ctx.say(
        _("Version {number} of the statute is in force from {day}.").format(
            number=args.number, day=getattr(args, "from").strftime("%d.%m.%Y")
        )
    )
    return EXIT_OK
