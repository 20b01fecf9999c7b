"""Command line: headless commands on the same use cases as the GUI (never imports Qt).

`zidkor` alone opens the program window through the `start_gui` callback of the entry point.
User errors print "Error: ..." (German by default) on stderr and exit 1, a wrong command line
exits 2, an unexpected exception exits 3 with a short note (the traceback only with --debug).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any, Generic, TextIO, TypeVar

from zidkor_desktop import APP_NAME, __version__, l10n
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.domain.kinds import LabelledEnum
from zidkor_desktop.domain.money import to_money
from zidkor_desktop.l10n import N_, _, format_date, format_money, format_number, ngettext
from zidkor_desktop.options import LaunchOptions
from zidkor_desktop.queries.members import MemberRow, list_members, totals
from zidkor_desktop.usecases.database import DatabaseChoice

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_UNEXPECTED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
PROG = "zidkor"
LANG_ENV = "ZIDKOR_LANG"

StartGui = Callable[[LaunchOptions], int]
GuiCheck = Callable[[Database], list[str]]
RowT = TypeVar("RowT")
Cell = str | int | Decimal | date | bool | Enum | None

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


class CliError(Exception):
    """A user error: its message is printed, the exit code is 1."""


class UsageError(CliError):
    """A wrong command line: exit code 2."""

    def __init__(self, message: str, usage: str = "") -> None:
        super().__init__(message)
        self.usage = usage


# --- list output (every `... list` command gets the same --format option) ------------------------


class ListFormat(StrEnum):
    """Output formats of list commands."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


@dataclass(frozen=True)
class Column(Generic[RowT]):
    """One column of a list: JSON key, header msgid and the raw value (Decimal means money)."""

    key: str
    header: str
    value: Callable[[RowT], Cell]


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_safe(text: str) -> str:
    """Defuse spreadsheet formula injection: a cell starting with = + - @ TAB CR LF gets a '."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def add_list_options(parser: argparse.ArgumentParser) -> None:
    """Add --format and --output to a list command."""
    parser.add_argument(
        "--format",
        choices=[f.value for f in ListFormat],
        default=ListFormat.TABLE.value,
        help=_("output format: table (default), csv (semicolons, for Excel) or json"),
    )
    parser.add_argument(
        "--output", "-o", type=Path, metavar=_("FILE"), help=_("write to FILE instead of stdout")
    )


def _json_cell(value: Cell) -> Any:
    if isinstance(value, Decimal):
        return f"{to_money(value):f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def _text_cell(value: Cell, *, for_csv: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        if for_csv:  # a plain number the spreadsheet of that language reads as a number
            from babel.numbers import format_decimal

            return format_decimal(to_money(value), format="0.00", locale=l10n.locale())
        return format_money(value)
    if isinstance(value, int):
        return str(value) if for_csv else format_number(value)
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, LabelledEnum):
        text = value.label
    elif isinstance(value, Enum):
        text = str(value.value)
    else:
        text = str(value)
    return csv_safe(text) if for_csv else text


def render_table(
    headers: Sequence[str], rows: Sequence[Sequence[Cell]], footer: Sequence[Cell] | None = None
) -> str:
    """Aligned text table; numbers and amounts right-aligned, an optional totals line."""
    body = [list(r) for r in rows] + ([list(footer)] if footer else [])
    texts = [[_text_cell(c, for_csv=False) for c in r] for r in body]
    right = [
        any(isinstance(r[i], int | Decimal) and not isinstance(r[i], bool) for r in body)
        for i in range(len(headers))
    ]
    widths = [max([len(h), *(len(t[i]) for t in texts)]) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(t) for t in texts[: len(rows)]]
    if footer:
        totals_line = texts[-1]
        out.append(line(["=" * w if totals_line[i] else "" for i, w in enumerate(widths)]))
        out.append(line(totals_line))
    return "\n".join(out) + "\n"


def render_list(
    fmt: ListFormat,
    columns: Sequence[Column[RowT]],
    rows: Sequence[RowT],
    footer: Sequence[Cell] | None = None,
) -> bytes:
    """A list as bytes: table (UTF-8), CSV (UTF-8 with BOM, semicolons) or JSON (UTF-8)."""
    cells = [[c.value(row) for c in columns] for row in rows]
    if fmt is ListFormat.JSON:
        objects = [{c.key: _json_cell(v) for c, v in zip(columns, r, strict=True)} for r in cells]
        return (json.dumps(objects, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    headers = [_(c.header) for c in columns]
    if fmt is ListFormat.CSV:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow([csv_safe(h) for h in headers])
        writer.writerows([[_text_cell(v, for_csv=True) for v in r] for r in cells])
        return buffer.getvalue().encode("utf-8-sig")
    return render_table(headers, cells, footer).encode("utf-8")


# --- context, database access, messages --------------------------------------------------------


@dataclass
class Context:
    """What every command gets: the launch options, the output streams and the GUI self-check."""

    options: LaunchOptions
    out: TextIO | None
    err: TextIO | None
    gui_check: GuiCheck | None = None

    def say(self, text: str) -> None:
        """Print a result line on stdout."""
        print(text, file=self.out)

    def note(self, text: str) -> None:
        """Print a remark on stderr (keeps stdout clean for data)."""
        print(text, file=self.err)

    def where(self) -> str:
        """The chosen database for messages (file path or URL without password)."""
        choice = self.options.choice
        if choice.url:
            from sqlalchemy.engine import make_url

            return make_url(choice.url).render_as_string(hide_password=True)
        from zidkor_desktop.paths import default_db_path

        return str(choice.path or default_db_path())

    def emit(self, data: bytes, text_mode: bool, output: Path | None) -> None:
        """Write command output to a file or stdout (bytes, so CSV/JSON stay UTF-8 everywhere)."""
        if output is not None:
            output.expanduser().write_bytes(data)
            self.note(_("Written to {path}.").format(path=output))
            return
        if self.out is None:
            return
        buffer = getattr(self.out, "buffer", None)
        if text_mode or buffer is None:
            self.out.write(data.decode("utf-8"))
            self.out.flush()
            return
        self.out.flush()
        buffer.write(data)
        buffer.flush()

    def write_list(
        self,
        args: argparse.Namespace,
        columns: Sequence[Column[RowT]],
        rows: Sequence[RowT],
        footer: Sequence[Cell] | None = None,
    ) -> None:
        """Write a list in the format chosen by add_list_options (--format, --output)."""
        fmt = ListFormat(args.format)
        self.emit(render_list(fmt, columns, rows, footer), fmt is ListFormat.TABLE, args.output)


def _sqlite_file(choice: DatabaseChoice) -> Path | None:
    """The SQLite file of a choice, None for a database server."""
    if choice.url is None:
        from zidkor_desktop.paths import default_db_path

        return choice.path or default_db_path()
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(choice.url)
    except ArgumentError as exc:
        raise CliError(_("The database URL is not valid: {error}").format(error=exc)) from exc
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database or "")
    return None


def _not_set_up(ctx: Context) -> CliError:
    return CliError(
        _(
            "The database {where} has not been set up yet. Set it up with 'zidkor init --demo' "
            "(demo data) or by starting the program."
        ).format(where=ctx.where())
    )


@contextmanager
def _open_db(
    ctx: Context, *, create: bool = False, require_setup: bool = True
) -> Iterator[Database]:
    """Open and migrate the chosen database; refuses missing, foreign or (if asked) empty ones."""
    from sqlalchemy.exc import ArgumentError

    from zidkor_desktop.usecases.backup import DatabaseFileState, database_file_state
    from zidkor_desktop.usecases.database import is_initialised, open_and_migrate

    choice = ctx.options.choice
    path = _sqlite_file(choice)
    if choice.is_network_share:
        ctx.note(
            _(
                "Warning: the database lies on a network share, where SQLite is not safe. "
                "Use a PostgreSQL server (--db-url) for shared work."
            )
        )
    if path is not None:
        state = database_file_state(path)
        if state is DatabaseFileState.MISSING and not create:
            raise CliError(
                _(
                    "The database file {path} does not exist. Create it with 'zidkor init --demo' "
                    "or by starting the program."
                ).format(path=path)
            )
        if state is DatabaseFileState.EMPTY and require_setup:
            raise _not_set_up(ctx)
    try:
        opened = open_and_migrate(choice)
    except (ArgumentError, ImportError) as exc:
        raise CliError(
            _("The database URL {url} cannot be used: {error}").format(url=ctx.where(), error=exc)
        ) from exc
    db = opened.db
    try:
        if opened.upgrade_backup is not None:
            ctx.note(
                _(
                    "The database was updated for this program version; a copy of the old "
                    "state was written first: {path}"
                ).format(path=opened.upgrade_backup)
            )
        if require_setup and not is_initialised(db):
            raise _not_set_up(ctx)
        yield db
    finally:
        db.dispose()


# --- commands ------------------------------------------------------------------------------


def _cmd_init(ctx: Context, args: argparse.Namespace) -> int:
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
    with _open_db(ctx, create=True, require_setup=False) as db:
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


MEMBER_COLUMNS: list[Column[MemberRow]] = [
    Column("id", N_("No."), lambda r: r.organisation_id),
    Column("name", N_("Name"), lambda r: r.name),
    Column("type", N_("Type"), lambda r: r.kind),
    Column("status", N_("Status"), lambda r: r.status),
    Column("votes", N_("Votes"), lambda r: r.votes),
    Column("capital_due", N_("Capital due"), lambda r: r.capital_due),
    Column("capital_paid", N_("Capital paid"), lambda r: r.capital_paid),
]


def _cmd_members_list(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor members list [--format table|csv|json] [--output FILE]."""
    with _open_db(ctx) as db:
        rows = list_members(db, date.today())
    summary = totals(rows)
    count = summary.balance.members
    footer: list[Cell] = [
        None,
        ngettext("Total: {count} voting member", "Total: {count} voting members", count).format(
            count=count
        ),
        None,
        None,
        summary.balance.votes,
        summary.capital_due,
        summary.capital_paid,
    ]
    ctx.write_list(args, MEMBER_COLUMNS, rows, footer)
    return EXIT_OK


def _cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor backup FILE [--force]."""
    from zidkor_desktop.usecases.backup import backup_database, server_backup_refusal

    if _sqlite_file(ctx.options.choice) is None:
        raise server_backup_refusal(ctx.where())
    target = args.file.expanduser()
    if target.is_file() and not args.force:
        raise CliError(
            _("The file {path} exists already; give --force to overwrite it.").format(path=target)
        )
    with _open_db(ctx, require_setup=False) as db:
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


def _cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor restore FILE [--yes]."""
    from zidkor_desktop.usecases.backup import inspect_backup, restore_database

    target = _sqlite_file(ctx.options.choice)
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


def _marks(stream: TextIO | None) -> tuple[str, str]:
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        "✓✗".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "OK", _("FAILED")
    return "✓", "✗"


def _cmd_self_test(ctx: Context, args: argparse.Namespace) -> int:
    """zidkor self-test: check the installation (no user database is touched)."""
    from zidkor_desktop.usecases.selftest import CheckResult, run_self_test

    good, bad = _marks(ctx.out)

    def show(result: CheckResult) -> None:
        ctx.say(f"{good if result.ok else bad} {result.name}: {result.detail}")

    results = run_self_test(gui_check=ctx.gui_check, on_result=show)
    failed = sum(1 for r in results if not r.ok)
    if failed:
        ctx.say(_("{failed} of {total} checks failed.").format(failed=failed, total=len(results)))
        return EXIT_ERROR
    ctx.say(_("All {total} checks passed.").format(total=len(results)))
    return EXIT_OK


# --- parser ----------------------------------------------------------------------------------


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
    init.set_defaults(handler=_cmd_init)

    members = commands.add_parser("members", parents=[common], help=_("members of the association"))
    member_commands = members.add_subparsers(
        title=_("commands"), metavar=_("COMMAND"), required=True
    )
    members_list = member_commands.add_parser("list", parents=[common], help=_("list the members"))
    add_list_options(members_list)
    members_list.set_defaults(handler=_cmd_members_list)

    backup = commands.add_parser(
        "backup",
        parents=[common],
        help=_("write a backup copy"),
        description=_("Write a consistent copy of the SQLite database to FILE (or into a folder)."),
    )
    backup.add_argument("file", type=Path, metavar=_("FILE"), help=_("target file or folder"))
    backup.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    backup.set_defaults(handler=_cmd_backup)

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
    restore.set_defaults(handler=_cmd_restore)

    self_test = commands.add_parser("self-test", parents=[common], help=_("check the installation"))
    self_test.set_defaults(handler=_cmd_self_test)
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
    return int(handler(ctx, args))


def _known_failure(exc: BaseException) -> str | None:
    """User-facing message for environment failures (database server, files), else None."""
    from sqlalchemy.exc import OperationalError

    if isinstance(exc, OperationalError):
        return _("The database cannot be used: {error}").format(error=exc.orig)
    if isinstance(exc, OSError):
        return _("A file could not be read or written: {error}").format(error=exc)
    return None


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
        print(_("Error: {message}").format(message=exc), file=err)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(_("Cancelled."), file=err)
        return EXIT_INTERRUPTED
    except Exception as exc:
        message = _known_failure(exc)
        if debug:
            traceback.print_exception(exc, file=err)
        if message is not None:
            print(_("Error: {message}").format(message=message), file=err)
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
