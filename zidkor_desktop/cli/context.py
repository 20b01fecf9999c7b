"""What every command gets: the Context (options, streams, messages) and database access."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from zidkor_desktop.cli.errors import CliError
from zidkor_desktop.cli.output import Cell, Column, ListFormat, RowT, render_list
from zidkor_desktop.db.session import Database
from zidkor_desktop.l10n import _
from zidkor_desktop.options import LaunchOptions
from zidkor_desktop.usecases.database import DatabaseChoice

GuiCheck = Callable[[Database], list[str]]


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

    def emit(
        self, data: bytes, text_mode: bool, output: Path | None, *, force: bool = False
    ) -> None:
        """Write command output to a file or stdout (bytes, so CSV/JSON stay UTF-8 everywhere).

        An existing file is overwritten only with `force` (the --force option).
        """
        if output is not None:
            refuse_existing(output, force)
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
        footer: Sequence[Cell] | Sequence[Sequence[Cell]] | None = None,
    ) -> None:
        """Write a list in the format chosen by add_list_options (--format, --output, --force)."""
        fmt = ListFormat(args.format)
        data = render_list(fmt, columns, rows, footer)
        self.emit(data, fmt is ListFormat.TABLE, args.output, force=args.force)


def refuse_existing(target: Path, force: bool) -> None:
    """Refuse to overwrite an existing file unless --force was given (every command alike)."""
    target = target.expanduser()
    if target.exists() and not force:
        raise CliError(
            _("The file {path} exists already; give --force to overwrite it.").format(path=target)
        )


def sqlite_file(choice: DatabaseChoice) -> Path | None:
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
    """The error for a database that exists but has no association set up."""
    return CliError(
        _(
            "The database {where} has not been set up yet. Set it up with 'zidkor init --demo' "
            "(demo data) or by starting the program."
        ).format(where=ctx.where())
    )


@contextmanager
def open_db(
    ctx: Context, *, create: bool = False, require_setup: bool = True
) -> Iterator[Database]:
    """Open and migrate the chosen database; refuses missing, foreign or (if asked) empty ones."""
    from sqlalchemy.exc import ArgumentError

    from zidkor_desktop.usecases.backup import DatabaseFileState, database_file_state
    from zidkor_desktop.usecases.database import (
        is_initialised,
        open_and_migrate,
        refuse_read_only,
    )

    choice = ctx.options.choice
    path = sqlite_file(choice)
    if choice.is_network_share:
        ctx.note(
            _(
                "Warning: the database lies on a network share, where SQLite is not safe. "
                "Use a PostgreSQL server (--db-url) for shared work."
            )
        )
    if path is not None:
        refuse_read_only(path)
        state = database_file_state(path)
        if state is DatabaseFileState.MISSING and not create:
            raise CliError(
                _(
                    "The database file {path} does not exist. Create it with 'zidkor init --demo' "
                    "or by starting the program."
                ).format(path=path)
            )
        if state in (DatabaseFileState.EMPTY, DatabaseFileState.INCOMPLETE) and require_setup:
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
