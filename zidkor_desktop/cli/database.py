"""Database commands: `zidkor init`, `zidkor backup` and `zidkor restore`."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from zidkor_desktop.cli.context import Context, open_db, sqlite_file
from zidkor_desktop.cli.errors import EXIT_OK, CliError, UsageError
from zidkor_desktop.l10n import _, format_money
from zidkor_desktop.queries.members import list_members, totals


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor init [--demo | --name NAME --short-name SHORT]."""
    from zidkor_desktop.usecases.database import is_initialised
    from zidkor_desktop.usecases.settings import SettingsData, save_settings, validate_settings

    if args.demo and (args.name or args.short_name):
        raise UsageError(_("--demo cannot be combined with --name or --short-name."))
    settings = None
    if not args.demo:
        if not (args.name and args.short_name):
            raise UsageError(
                _(
                    "Please give the association's --name and --short-name, or use --demo for "
                    "the demo data, or set the association up in the program window (start "
                    "zidkor without a command)."
                )
            )
        settings = validate_settings(SettingsData(name=args.name, short_name=args.short_name))
    with open_db(ctx, create=True, require_setup=False) as db:
        if is_initialised(db):
            raise CliError(
                _("The database {where} is set up already; nothing was changed.").format(
                    where=ctx.where()
                )
            )
        if settings is not None:
            save_settings(db, settings)
            ctx.say(
                _("The database {where} is set up for {name}.").format(
                    where=ctx.where(), name=settings.name
                )
            )
            return EXIT_OK
        from zidkor_desktop.usecases.demo import load_demo

        today = date.today()
        load_demo(db, today)
        summary = totals(list_members(db, today))
    ctx.say(
        _(
            "Demo data loaded into {where}: {members} members, {votes} votes, capital {capital}."
        ).format(
            where=ctx.where(),
            members=summary.balance.members,
            votes=summary.balance.votes,
            capital=format_money(summary.capital_due),
        )
    )
    return EXIT_OK


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor backup FILE [--force]."""
    from zidkor_desktop.usecases.backup import backup_database, server_backup_refusal

    if sqlite_file(ctx.options.choice) is None:
        raise server_backup_refusal(ctx.where())
    target = args.file.expanduser()
    if target.is_file() and not args.force:
        raise CliError(
            _("The file {path} exists already; give --force to overwrite it.").format(path=target)
        )
    with open_db(ctx, require_setup=False) as db:
        target = backup_database(db, target, overwrite=args.force)
    ctx.say(_("Backup written: {path}").format(path=target))
    return EXIT_OK


def _confirm(ctx: Context, question: str) -> bool:
    """Ask a yes/no question on the terminal; no answer (no terminal) counts as no."""
    if ctx.out is not None:
        ctx.out.write(question)
        ctx.out.flush()
    try:
        answer = sys.stdin.readline() if sys.stdin is not None else ""
    except (OSError, ValueError):
        answer = ""
    return answer.strip().casefold() in {"y", "yes", _("y").casefold(), _("yes").casefold()}


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor restore FILE [--yes]."""
    from zidkor_desktop.usecases.backup import inspect_backup, restore_database

    target = sqlite_file(ctx.options.choice)
    if target is None:
        raise CliError(
            _("The database is on a PostgreSQL server; restore it there with pg_restore.")
        )
    info = inspect_backup(args.file.expanduser())
    ctx.say(
        _(
            "Backup {path}: {association}, {count} organisations (database revision {revision})."
        ).format(
            path=info.path,
            association=info.association or "-",
            count=info.organisations,
            revision=info.revision,
        )
    )
    question = _(
        "Replace the database {target} with this backup? The current database is kept "
        "as a copy beside it. [y/N] "
    ).format(target=target)
    if not args.yes and not _confirm(ctx, question):
        raise CliError(_("Nothing was restored. Confirm with 'y' or give --yes."))
    keep = restore_database(target, info.path)
    ctx.say(_("Restored {source} to {target}.").format(source=info.path, target=target))
    if keep is not None:
        ctx.say(_("The previous database was kept as {path}.").format(path=keep))
    return EXIT_OK
