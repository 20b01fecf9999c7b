"""`zidkor pricelist export FILE` and `zidkor pricelist import FILE [--into N] [--yes]`."""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from zidkor_desktop.cli.context import Context, open_db, refuse_existing
from zidkor_desktop.cli.errors import EXIT_ERROR, EXIT_OK
from zidkor_desktop.cli.output import render_table
from zidkor_desktop.cli.pricelist_group import pricelist_subcommands
from zidkor_desktop.domain.pricelist import Comparison, format_price
from zidkor_desktop.l10n import _


def add_pricelist_sheet_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Register `pricelist export` and `pricelist import`."""
    sub = pricelist_subcommands(commands, common)
    export = sub.add_parser(
        "export",
        parents=[common],
        help=_("save a version as spreadsheet (XLSX or CSV)"),
        description=_(
            "Write the items of a version to FILE: an Excel workbook (.xlsx) or German CSV "
            "(.csv: semicolons, decimal comma, UTF-8). Edit it and read it back with "
            "'zidkor pricelist import'."
        ),
    )
    export.add_argument("file", type=Path, metavar=_("FILE"), help=_("target .xlsx or .csv file"))
    export.add_argument(
        "--version",
        dest="number",
        type=int,
        metavar="N",
        help=_("version number (default: the version in force today)"),
    )
    export.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    export.set_defaults(handler=cmd_export)
    load = sub.add_parser(
        "import",
        parents=[common],
        help=_("read a spreadsheet into a draft (shows the changes; --yes applies them)"),
        description=_(
            "Check FILE (.xlsx or .csv with the columns of 'pricelist export') completely and "
            "show what would change in the draft. Nothing changes without --yes; a file with "
            "any problem changes nothing."
        ),
    )
    load.add_argument("file", type=Path, metavar=_("FILE"), help=_("the .xlsx or .csv file"))
    load.add_argument(
        "--into",
        type=int,
        metavar="N",
        help=_("number of the draft (default: the newest draft)"),
    )
    load.add_argument("--yes", action="store_true", help=_("apply the changes"))
    load.set_defaults(handler=cmd_import)


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor pricelist export FILE [--version N] [--force]."""
    from zidkor_desktop.usecases.price_sheet import export_version

    target = args.file.expanduser()
    refuse_existing(target, args.force)
    with open_db(ctx) as db:
        number = export_version(db, target, args.number, date.today())
    ctx.say(
        _("Version {number} of the price list written: {path}").format(number=number, path=target)
    )
    return EXIT_OK


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor pricelist import FILE [--into N] [--yes]: every problem, or the changes."""
    from zidkor_desktop.usecases.price_sheet import SheetRefused, apply_import, prepare_import

    with open_db(ctx) as db:
        try:
            preview = prepare_import(db, args.file, args.into)
        except SheetRefused as exc:
            ctx.note(_("Error: {message}").format(message=exc))
            if len(exc.problems) > 1:
                for problem in exc.problems:
                    ctx.note(f"  {problem}")
            return EXIT_ERROR
        for note in preview.notes:
            ctx.note(note)
        if not preview.has_changes:
            ctx.say(
                _("The file holds no changes to version {number}; nothing to do.").format(
                    number=preview.version_no
                )
            )
            return EXIT_OK
        ctx.say(
            _("Changes to version {number} of the price list from {name}:").format(
                number=preview.version_no, name=args.file.name
            )
        )
        ctx.say(changes_table(preview.comparison, preview.unchanged).rstrip("\n"))
        if not args.yes:
            ctx.say(
                _(
                    "Nothing was changed yet. To apply the changes: zidkor pricelist import "
                    "{file} --into {number} --yes"
                ).format(file=args.file, number=preview.version_no)
            )
            return EXIT_OK
        apply_import(db, preview)
    ctx.say(
        _("Version {number} of the price list now holds the {count} items of the file.").format(
            number=preview.version_no, count=len(preview.items)
        )
    )
    return EXIT_OK


def _price(value: Decimal | None) -> str:
    return "" if value is None else format_price(value)


def _percent(value: Decimal | None) -> str:
    return "" if value is None else f"{value:+.2f}".replace(".", ",")


def changes_table(comparison: Comparison, unchanged: int) -> str:
    """The added, removed and changed items as a text table, with the average change."""
    rows: list[list[str]] = []
    rows += [[_("added"), c, t, "", _price(p), "", ""] for c, t, p in comparison.added]
    rows += [[_("removed"), c, t, _price(p), "", "", ""] for c, t, p in comparison.removed]
    for change in comparison.changed:
        others = change.other_changes()
        rows.append(
            [
                _("changed"), change.code, change.title, _price(change.old_price),
                _price(change.new_price), _percent(change.percent), others,
            ]
        )  # fmt: skip
    headers = [
        _("Change"), _("Code"), _("Title"), _("Old price"), _("New price"), _("Change in %"),
        _("Other changes"),
    ]  # fmt: skip
    table = render_table(headers, rows)
    average = _percent(comparison.average_percent) or "–"
    return table + _("Average change of the prices: {percent} %; unchanged items: {count}").format(
        percent=average, count=unchanged
    )
