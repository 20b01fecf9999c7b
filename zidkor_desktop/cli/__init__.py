"""Command line: headless commands on the same use cases as the GUI (never imports Qt).

`zidkor` alone opens the program window through the `start_gui` callback of the entry point.
User errors print "Error: ..." (German by default) on stderr and exit 1, a wrong command line
exits 2, an unexpected exception exits 3 with a short note (the traceback only with --debug).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from zidkor_desktop import APP_NAME, __version__, l10n
from zidkor_desktop.cli.agreements import add_agreement_commands
from zidkor_desktop.cli.audit import add_audit_commands
from zidkor_desktop.cli.context import Context, GuiCheck
from zidkor_desktop.cli.customers import add_customer_commands
from zidkor_desktop.cli.database import cmd_backup, cmd_init, cmd_restore
from zidkor_desktop.cli.errors import (
    EXIT_ERROR,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNEXPECTED,
    EXIT_USAGE,
    CliError,
    UsageError,
)
from zidkor_desktop.cli.invoices import add_invoice_commands
from zidkor_desktop.cli.meetings import add_meeting_commands
from zidkor_desktop.cli.members import cmd_members_list, cmd_members_pdf
from zidkor_desktop.cli.members_edit import add_member_commands
from zidkor_desktop.cli.output import add_list_options
from zidkor_desktop.cli.payments import add_payment_commands
from zidkor_desktop.cli.pricelist import add_pricelist_commands
from zidkor_desktop.cli.pricelist_pdf import add_pricelist_pdf_command
from zidkor_desktop.cli.pricelist_sheet import add_pricelist_sheet_commands
from zidkor_desktop.cli.selftest import cmd_self_test
from zidkor_desktop.cli.services import add_service_commands
from zidkor_desktop.cli.statute import add_statute_commands
from zidkor_desktop.cli.statute_pdf import add_statute_pdf_commands
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import N_, _
from zidkor_desktop.options import LaunchOptions
from zidkor_desktop.usecases.database import DatabaseChoice
from zidkor_desktop.usecases.errors import translate, translated_errors

__all__ = [
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_UNEXPECTED",
    "EXIT_USAGE",
    "LANG_ENV",
    "PROG",
    "CliError",
    "GuiCheck",
    "StartGui",
    "UsageError",
    "build_parser",
    "main",
]

PROG = "zidkor"
LANG_ENV = "ZIDKOR_LANG"

StartGui = Callable[[LaunchOptions], int]

# argparse's own texts, translated through our catalogs while the parser runs (see _argparse_l10n).
_ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("not allowed with argument %s"),
)


class _Parser(argparse.ArgumentParser):
    """ArgumentParser that raises UsageError instead of printing and exiting."""

    def error(self, message: str) -> Any:  # type: ignore[override]
        raise UsageError(message, self.format_usage())


@contextmanager
def _argparse_l10n() -> Iterator[None]:
    """Let argparse's own texts ('usage:', 'options', its errors) use our catalogs."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = l10n.gettext  # type: ignore[attr-defined]
    argparse.ngettext = l10n.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def _common(*, top: bool) -> _Parser:
    """Global options, accepted before and after the command."""
    default: Any = None if top else argparse.SUPPRESS
    common = _Parser(add_help=False)
    group = common.add_argument_group(_("database and language"))
    group.add_argument(
        "--db",
        type=Path,
        metavar=_("FILE"),
        default=default,
        help=_("SQLite database file (default: $ZIDKOR_DB or the user data folder)"),
    )
    group.add_argument(
        "--db-url",
        metavar="URL",
        default=default,
        help=_("SQLAlchemy URL of a database server, e.g. postgresql+psycopg://user@host/zidkor"),
    )
    group.add_argument(
        "--lang",
        choices=sorted(l10n.LANGUAGES),
        default=default,
        help=_("language of the messages (default: $ZIDKOR_LANG or de)"),
    )
    group.add_argument(
        "--debug",
        action="store_true",
        default=False if top else default,
        help=_("show the traceback of unexpected errors"),
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    """The complete command-line parser (texts in the current language)."""
    common = _common(top=False)
    parser = _Parser(
        prog=PROG,
        description=_(
            "{app}: administration program of the office of the ZIDKOR association.\n"
            "Without a command the program window opens."
        ).format(app=APP_NAME),
        epilog=_(
            "Environment: ZIDKOR_DB (database file), ZIDKOR_LANG (de or en).\nExit codes: "
            "0 success, 1 error, 2 wrong command line, 3 unexpected error."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[_common(top=True)],
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{APP_NAME} {__version__}",
        help=_("show the program version and exit"),
    )
    commands = parser.add_subparsers(title=_("commands"), metavar=_("COMMAND"))

    init = commands.add_parser(
        "init",
        parents=[common],
        help=_("set up a new database"),
        description=_("Create the database and set up the association."),
    )
    init.add_argument(
        "--demo",
        action="store_true",
        help=_("load the demo data (the 9 founding members, services, prices)"),
    )
    init.add_argument("--name", help=_("official name of the association"))
    init.add_argument("--short-name", help=_("short name of the association"))
    init.set_defaults(handler=cmd_init)

    members = commands.add_parser("members", parents=[common], help=_("members of the association"))
    member_commands = members.add_subparsers(
        title=_("commands"), metavar=_("COMMAND"), required=True
    )
    members_list = member_commands.add_parser("list", parents=[common], help=_("list the members"))
    add_list_options(members_list)
    members_list.set_defaults(handler=cmd_members_list)
    members_pdf = member_commands.add_parser(
        "pdf",
        parents=[common],
        help=_("save the members list as PDF"),
        description=_("Write the members list (members and applicants, as of today) to FILE."),
    )
    members_pdf.add_argument("file", type=Path, metavar=_("FILE"), help=_("target PDF file"))
    members_pdf.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    members_pdf.set_defaults(handler=cmd_members_pdf)
    add_member_commands(member_commands, common)
    add_service_commands(commands, common)
    add_customer_commands(commands, common)
    add_pricelist_commands(commands, common)
    add_pricelist_pdf_command(commands, common)
    add_pricelist_sheet_commands(commands, common)
    add_agreement_commands(commands, common)
    add_invoice_commands(commands, common)
    add_payment_commands(commands, common)
    add_meeting_commands(commands, common)
    add_statute_commands(commands, common)
    add_statute_pdf_commands(commands, common)

    backup = commands.add_parser(
        "backup",
        parents=[common],
        help=_("write a backup copy"),
        description=_("Write a consistent copy of the SQLite database to FILE (or into a folder)."),
    )
    backup.add_argument("file", type=Path, metavar=_("FILE"), help=_("target file or folder"))
    backup.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser(
        "restore",
        parents=[common],
        help=_("restore a backup copy"),
        description=_(
            "Replace the database by a checked backup; the current database is kept as a copy."
        ),
    )
    restore.add_argument("file", type=Path, metavar=_("FILE"), help=_("backup file to restore"))
    restore.add_argument("--yes", "-y", action="store_true", help=_("do not ask for confirmation"))
    restore.set_defaults(handler=cmd_restore)

    add_audit_commands(commands, common)

    self_test = commands.add_parser("self-test", parents=[common], help=_("check the installation"))
    self_test.set_defaults(handler=cmd_self_test)
    return parser


def _language(argv: Sequence[str]) -> str | None:
    """Language given by --lang (looked up before the real parse) or ZIDKOR_LANG."""
    pre = _Parser(add_help=False)
    pre.add_argument("--lang")
    try:
        known, _rest = pre.parse_known_args(list(argv))
    except UsageError:
        known = argparse.Namespace(lang=None)
    if known.lang in l10n.LANGUAGES:
        return str(known.lang)
    env = os.environ.get(LANG_ENV, "").strip()
    if env and env not in l10n.LANGUAGES:
        raise UsageError(
            _("{env} must be one of: {choices}.").format(
                env=LANG_ENV, choices=", ".join(sorted(l10n.LANGUAGES))
            )
        )
    return env or None


def _run(argv: list[str], start_gui: StartGui | None, gui_check: GuiCheck | None) -> int:
    """Parse the command line and run its command, or start the program window without one."""
    language = _language(argv)
    l10n.set_language(language or l10n.DEFAULT_LANGUAGE)
    with _argparse_l10n():
        args = build_parser().parse_args(argv)
    if args.db is not None and args.db_url is not None:
        raise UsageError(_("--db and --db-url cannot be used together."))
    choice = DatabaseChoice(path=None if args.db is None else args.db.expanduser(), url=args.db_url)
    options = LaunchOptions(choice=choice, language=args.lang or language)
    handler = getattr(args, "handler", None)
    if handler is None:
        if start_gui is None:
            raise CliError(
                _("The program window is not available here; use a command (see 'zidkor --help').")
            )
        return start_gui(options)
    ctx = Context(options=options, out=sys.stdout, err=sys.stderr, gui_check=gui_check)
    try:
        where: str | None = ctx.where()
    except Exception:  # an unreadable --db-url: the command itself reports it
        where = None
    with translated_errors(path=where):  # files and the database, named in German
        return int(handler(ctx, args))


def main(
    argv: list[str] | None = None,
    *,
    start_gui: StartGui | None = None,
    gui_check: GuiCheck | None = None,
) -> int:
    """Run the command line; returns the exit code (never raises for user errors)."""
    args = sys.argv[1:] if argv is None else list(argv)
    debug = "--debug" in args
    err = sys.stderr
    previous = l10n.current_language()
    try:
        return _run(args, start_gui, gui_check)
    except SystemExit as exc:  # --help, --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except UsageError as exc:
        print(_("Error: {message}").format(message=exc), file=err)
        if exc.usage:
            print(exc.usage.rstrip(), file=err)
        print(_("Run 'zidkor --help' for help."), file=err)
        return EXIT_USAGE
    except (CliError, DomainError) as exc:
        if debug and exc.__cause__ is not None:
            traceback.print_exception(exc.__cause__, file=err)
        print(_("Error: {message}").format(message=exc), file=err)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(_("Cancelled."), file=err)
        return EXIT_INTERRUPTED
    except Exception as exc:
        known = translate(exc)
        if debug:
            traceback.print_exception(exc, file=err)
        if known is not None:
            print(_("Error: {message}").format(message=known), file=err)
            return EXIT_ERROR
        print(
            _("Unexpected error ({type}): {message}").format(type=type(exc).__name__, message=exc),
            file=err,
        )
        if not debug:
            print(_("Run the command again with --debug to see the details."), file=err)
        return EXIT_UNEXPECTED
    finally:
        l10n.set_language(previous)
