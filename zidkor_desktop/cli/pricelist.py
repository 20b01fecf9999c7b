"""Price-list commands: `zidkor pricelist list|versions|new-version|publish|compare`."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from zidkor_desktop.cli.context import Context, open_db
from zidkor_desktop.cli.errors import EXIT_OK, CliError
from zidkor_desktop.cli.members_edit import parse_date
from zidkor_desktop.cli.output import Column, ListFormat, add_list_options
from zidkor_desktop.cli.pricelist_group import pricelist_subcommands
from zidkor_desktop.domain.pricelist import format_price
from zidkor_desktop.l10n import N_, _
from zidkor_desktop.queries.price_versions import ItemRow, VersionRow


def _price(args: argparse.Namespace, value: Decimal | None) -> str | None:
    """A price exact to 4 places: "12.3400" in JSON, "12,3400" for people."""
    if value is None:
        return None
    return f"{value:.4f}" if args.format == ListFormat.JSON.value else format_price(value)


def _percent(args: argparse.Namespace, value: Decimal | None) -> str | None:
    """A change in % with two places: "7.14" in JSON, "7,14" for people."""
    if value is None:
        return None
    text = f"{value:.2f}"
    return text if args.format == ListFormat.JSON.value else text.replace(".", ",")


def item_columns(args: argparse.Namespace) -> list[Column[ItemRow]]:
    """Columns of `pricelist list`."""
    return [
        Column("version", N_("Version"), lambda r: r.version_no),
        Column("position", N_("Position"), lambda r: r.position),
        Column("code", N_("Code"), lambda r: r.code),
        Column("service", N_("Service"), lambda r: r.service),
        Column("title", N_("Title"), lambda r: r.title),
        Column("unit", N_("Unit"), lambda r: r.unit_text),
        Column("unit_code", N_("Unit code"), lambda r: r.unit_code),
        Column("price", N_("Net price"), lambda r: _price(args, r.unit_price)),
        Column("tax", N_("Tax"), lambda r: r.tax_category),
        Column("rhythm", N_("Billing"), lambda r: r.billing_rhythm),
    ]


VERSION_COLUMNS: list[Column[VersionRow]] = [
    Column("version", N_("Version"), lambda r: r.version_no),
    Column("title", N_("Title"), lambda r: r.title),
    Column("status", N_("Status"), lambda r: r.status),
    Column("valid_from", N_("Valid from"), lambda r: r.valid_from),
    Column("valid_until", N_("Valid until"), lambda r: r.valid_until),
    Column("items", N_("Items"), lambda r: r.items),
    Column("based_on", N_("Based on"), lambda r: r.based_on),
]


def change_columns(args: argparse.Namespace) -> list[Column[CompareRow]]:
    """Columns of `pricelist compare` (kind in JSON as the English key, else translated)."""
    as_json = args.format == ListFormat.JSON.value
    return [
        Column("change", N_("Change"), lambda r: r.kind if as_json else _(r.kind)),
        Column("code", N_("Code"), lambda r: r.code),
        Column("title", N_("Title"), lambda r: r.title),
        Column("old_price", N_("Old price"), lambda r: _price(args, r.old_price)),
        Column("new_price", N_("New price"), lambda r: _price(args, r.new_price)),
        Column("percent", N_("Change in %"), lambda r: _percent(args, r.percent)),
    ]


def add_pricelist_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register the `pricelist` commands."""
    sub = pricelist_subcommands(commands, common)
    listing = sub.add_parser("list", parents=[common], help=_("list the items of a version"))
    listing.add_argument(
        "--version",
        dest="number",
        type=int,
        metavar="N",
        help=_("version number (default: the version in force today)"),
    )
    add_list_options(listing)
    listing.set_defaults(handler=cmd_list)
    versions = sub.add_parser("versions", parents=[common], help=_("list the versions"))
    add_list_options(versions)
    versions.set_defaults(handler=cmd_versions)
    new = sub.add_parser(
        "new-version",
        parents=[common],
        help=_("copy the version in force (or --from N) into a new draft"),
    )
    new.add_argument("--from", dest="source", type=int, metavar="N", help=_("version to copy"))
    new.set_defaults(handler=cmd_new_version)
    pub = sub.add_parser("publish", parents=[common], help=_("publish a draft from a date"))
    pub.add_argument("number", type=int, metavar="N", help=_("number of the draft"))
    pub.add_argument(
        "--valid-from",
        type=parse_date,
        required=True,
        metavar=_("DATE"),
        help=_("first day in force (YYYY-MM-DD or DD.MM.YYYY)"),
    )
    pub.add_argument(
        "--resolution", default="", metavar=_("TEXT"), help=_("reference of the resolution")
    )
    pub.add_argument(
        "--title", default=None, metavar=_("TEXT"), help=_("new title of the version (optional)")
    )
    pub.set_defaults(handler=cmd_publish)
    cmp = sub.add_parser("compare", parents=[common], help=_("compare two versions"))
    cmp.add_argument("old", type=int, metavar="A", help=_("number of the older version"))
    cmp.add_argument("new", type=int, metavar="B", help=_("number of the newer version"))
    add_list_options(cmp)
    cmp.set_defaults(handler=cmd_compare)


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor pricelist list [--version N] [--format ...]."""
    from zidkor_desktop.queries.price_versions import version_items

    with open_db(ctx) as db:
        rows = version_items(db, args.number, date.today())
    ctx.write_list(args, item_columns(args), rows)
    return EXIT_OK


def cmd_versions(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor pricelist versions [--format ...]."""
    from zidkor_desktop.queries.price_versions import list_versions

    with open_db(ctx) as db:
        rows = list_versions(db)
    ctx.write_list(args, VERSION_COLUMNS, rows)
    return EXIT_OK


def cmd_new_version(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor pricelist new-version [--from N]."""
    from zidkor_desktop.usecases.pricelist import new_version

    with open_db(ctx) as db:
        number = new_version(db, date.today(), args.source)
    ctx.say(_("Draft version {number} of the price list created.").format(number=number))
    return EXIT_OK


def cmd_publish(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor pricelist publish N --valid-from DATE [--resolution TEXT]."""
    from zidkor_desktop.usecases.pricelist import publish

    if args.valid_from is None:
        raise CliError(_("--valid-from: please give the first day in force."))
    with open_db(ctx) as db:
        publish(db, args.number, args.valid_from, args.resolution, args.title)
    ctx.say(
        _("Version {number} of the price list is published, valid from {day}.").format(
            number=args.number, day=args.valid_from.strftime("%d.%m.%Y")
        )
    )
    return EXIT_OK


@dataclass(frozen=True)
class CompareRow:
    """One line of `pricelist compare`: an added, removed or changed item, or the average."""

    kind: str
    code: str | None
    title: str | None
    old_price: Decimal | None
    new_price: Decimal | None
    percent: Decimal | None


def cmd_compare(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor pricelist compare A B [--format ...]: one row per added, removed, changed item."""
    from zidkor_desktop.queries.price_versions import compare_versions

    with open_db(ctx) as db:
        result = compare_versions(db, args.old, args.new)
    rows = [CompareRow(N_("added"), c, t, None, p, None) for c, t, p in result.added]
    rows += [CompareRow(N_("removed"), c, t, p, None, None) for c, t, p in result.removed]
    rows += [
        CompareRow(N_("changed"), c.code, c.title, c.old_price, c.new_price, c.percent)
        for c in result.changed
    ]
    rows.append(CompareRow(N_("average"), None, None, None, None, result.average_percent))
    ctx.write_list(args, change_columns(args), rows)
    return EXIT_OK
