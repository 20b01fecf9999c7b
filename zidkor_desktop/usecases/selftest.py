"""Installation self-test: resources, catalogs, formatting, migrations, demo data (also frozen)."""

from __future__ import annotations

import gettext
import platform
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from zidkor_desktop import __version__
from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.errors import DomainError
from zidkor_desktop.l10n import _
from zidkor_desktop.paths import default_db_path
from zidkor_desktop.usecases.database import DatabaseChoice

GuiCheck = Callable[[Database], list[str]]

DEMO_MEMBERS = 9
DEMO_VOTES = 15
DEMO_CAPITAL = Decimal("30000.00")
# A message whose German translation is known; checked once the German catalog is filled.
SAMPLE_MSGID, SAMPLE_GERMAN = "Members", "Mitglieder"


@dataclass(frozen=True)
class CheckResult:
    """Outcome of one check: its name, whether it passed and what was found."""

    name: str
    ok: bool
    detail: str


def check_python() -> CheckResult:
    """Interpreter and program version (and whether this is the frozen bundle)."""
    frozen = _(", frozen bundle") if getattr(sys, "frozen", False) else ""
    detail = f"Python {platform.python_version()}, ZIDKOR Desktop {__version__}{frozen}"
    from importlib.metadata import PackageNotFoundError, version

    try:
        installed = version("zidkor-desktop")
    except PackageNotFoundError:
        return CheckResult(_("Program"), True, detail)
    if installed != __version__:
        return CheckResult(
            _("Program"),
            False,
            _("{detail}; but the installed package says {installed}").format(
                detail=detail, installed=installed
            ),
        )
    return CheckResult(_("Program"), True, detail)


def check_fonts() -> CheckResult:
    """The TTF fonts the documents use (resources/fonts) load and embed into a PDF (ReportLab)."""
    from io import BytesIO

    from reportlab.pdfgen.canvas import Canvas

    from zidkor_desktop.documents.fonts import FONT_FILES, register_fonts
    from zidkor_desktop.paths import data_root, resource_path

    if not any(resource_path("fonts", name).is_file() for name in FONT_FILES.values()):
        return CheckResult(
            _("Fonts"), False, _("no fonts in {folder}").format(folder=resource_path("fonts"))
        )
    register_fonts()
    pdf = BytesIO()
    canvas = Canvas(pdf)
    for font_name in FONT_FILES:
        canvas.setFont(font_name, 10)
        canvas.drawString(72, 72, "Zweckverband ZIDKOR – Größe 1.234,56 €")
    canvas.save()
    embedded = pdf.getvalue().count(b"/FontFile2")
    if embedded < len(FONT_FILES):
        return CheckResult(
            _("Fonts"),
            False,
            _("only {embedded} of {count} fonts were embedded").format(
                embedded=embedded, count=len(FONT_FILES)
            ),
        )
    return CheckResult(
        _("Fonts"),
        True,
        _("{count} fonts embedded ({names}); resources in {folder}").format(
            count=len(FONT_FILES), names=", ".join(sorted(FONT_FILES.values())), folder=data_root()
        ),
    )


def check_catalogs() -> CheckResult:
    """The compiled German and English catalogs load (the German one translates known text)."""
    from zidkor_desktop.l10n import DOMAIN, LANGUAGES
    from zidkor_desktop.paths import i18n_dir

    parts, problems = [], []
    for language in sorted(LANGUAGES):
        try:
            catalog = gettext.translation(DOMAIN, localedir=str(i18n_dir()), languages=[language])
        except OSError as exc:
            problems.append(f"{language}: {exc}")
            continue
        header_language = catalog.info().get("language", "")
        if header_language != language:
            problems.append(
                _("{language}: the catalog says language {header!r}").format(
                    language=language, header=header_language
                )
            )
        translated = _translated_count(i18n_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo")
        parts.append(
            _("{language}: {count} translated messages").format(language=language, count=translated)
        )
        if language == "de" and translated and catalog.gettext(SAMPLE_MSGID) != SAMPLE_GERMAN:
            problems.append(
                _("de: {msgid!r} is translated as {text!r}, expected {expected!r}").format(
                    msgid=SAMPLE_MSGID, text=catalog.gettext(SAMPLE_MSGID), expected=SAMPLE_GERMAN
                )
            )
    return CheckResult(_("Translations"), not problems, "; ".join(problems or parts))


def _translated_count(mo_file: Path) -> int:
    """Number of translated messages in a compiled catalog (the header not counted)."""
    from babel.messages.mofile import read_mo

    with open(mo_file, "rb") as handle:
        return len(read_mo(handle))


def check_formatting() -> CheckResult:
    """Babel formats German amounts and dates as '1.234,56 €' and '25.11.2026'."""
    from babel import Locale

    from zidkor_desktop.l10n import format_date, format_money

    german = Locale.parse("de_DE")
    money = format_money(Decimal("1234.56"), loc=german).replace("\u00a0", " ")
    day = format_date(date(2026, 11, 25), loc=german)
    ok = money == "1.234,56 €" and day == "25.11.2026"
    return CheckResult(_("Formatting"), ok, f"{money}, {day}")


def check_migrations(folder: Path) -> CheckResult:
    """A new SQLite file is migrated up, down to base and up again; the models match it."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import inspect

    import zidkor_desktop.db.models  # noqa: F401 - registers all tables
    from zidkor_desktop.db import migrate
    from zidkor_desktop.db.base import Base
    from zidkor_desktop.db.session import open_database, sqlite_url

    db = open_database(sqlite_url(folder / "migrations.sqlite3"), user="self-test")
    try:
        migrate.upgrade(db)
        migrate.downgrade(db, "base")
        with db.engine.connect() as connection:
            left = set(inspect(connection).get_table_names()) - {"alembic_version"}
        if left:
            return CheckResult(
                _("Migrations"),
                False,
                _("tables left after downgrade: {tables}").format(tables=", ".join(sorted(left))),
            )
        migrate.upgrade(db)
        head = migrate.head_revision()
        if migrate.current_revision(db) != head:
            return CheckResult(_("Migrations"), False, _("upgrade did not reach the head"))
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
    finally:
        db.dispose()
    if differences:
        return CheckResult(
            _("Migrations"),
            False,
            _("models and migrations differ: {diff}").format(diff=differences[:3]),
        )
    return CheckResult(
        _("Migrations"), True, _("up, down and up again to revision {head}").format(head=head)
    )


def check_demo(folder: Path, gui_check: GuiCheck | None) -> list[CheckResult]:
    """Demo data in a new database: 9 members, 15 votes, 30,000.00 € capital; then the GUI."""
    from zidkor_desktop.l10n import format_money
    from zidkor_desktop.queries.members import list_members, totals
    from zidkor_desktop.usecases.database import DatabaseChoice, open_and_migrate
    from zidkor_desktop.usecases.demo import load_demo

    today = date.today()
    db = open_and_migrate(DatabaseChoice(path=folder / "demo.sqlite3"), user="self-test").db
    try:
        load_demo(db, today)
        summary = totals(list_members(db, today))
        found = (summary.balance.members, summary.balance.votes, summary.capital_due)
        detail = _("{members} members, {votes} votes, capital {capital}").format(
            members=found[0], votes=found[1], capital=format_money(found[2])
        )
        results = [
            CheckResult(_("Demo data"), found == (DEMO_MEMBERS, DEMO_VOTES, DEMO_CAPITAL), detail)
        ]
        results.append(check_invoicing(db, today))
        if gui_check is not None:
            results.append(_run_gui_check(gui_check, db))
        return results
    finally:
        db.dispose()


def _last_quarter(today: date) -> str:
    quarter = (today.month - 1) // 3
    return f"{today.year - 1}-Q4" if quarter == 0 else f"{today.year}-Q{quarter}"


def check_invoicing(db: Database, today: date) -> CheckResult:
    """A billing run of the demo issued with a spawned worker: hybrid PDF with its XML."""
    from lxml import etree

    from zidkor_desktop.domain.billing import BillingPeriod
    from zidkor_desktop.queries.invoices import invoice_file, list_invoices
    from zidkor_desktop.usecases.invoicing import issue_run, preview_run

    name = _("Invoices")
    preview = preview_run(db, BillingPeriod.parse(_last_quarter(today)))
    issued = issue_run(db, preview, today, workers=1)
    row = list_invoices(db)[0]
    pdf = invoice_file(db, row.number, "invoice_pdf").content
    xml = etree.fromstring(invoice_file(db, row.number, "invoice_xml").content)
    ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
    total = xml.findtext(f".//{{{ram}}}DuePayableAmount")
    ok = pdf.startswith(b"%PDF") and b"factur-x.xml" in pdf and total == f"{row.open:.2f}"
    detail = _("{count} invoices of the demo issued; {number}: PDF/A-3 with XRechnung").format(
        count=len(issued), number=row.number
    )
    return CheckResult(name, ok, detail if ok else detail + f" ({total} != {row.open})")


def _run_gui_check(gui_check: GuiCheck, db: Database) -> CheckResult:
    """Run the GUI's own check; a program built without the GUI module is reported, not failed."""
    try:
        problems = gui_check(db)
    except ImportError as exc:
        if exc.name == "zidkor_desktop.app":
            return CheckResult(_("Program window"), True, _("GUI check skipped"))
        return CheckResult(_("Program window"), False, f"{type(exc).__name__}: {exc}")
    except Exception as exc:
        return CheckResult(_("Program window"), False, f"{type(exc).__name__}: {exc}")
    if problems:
        return CheckResult(_("Program window"), False, "; ".join(problems))
    return CheckResult(_("Program window"), True, _("main window built offscreen"))


def check_database(choice: DatabaseChoice, *, explicit: bool) -> CheckResult:
    """The chosen database: readable, undamaged (SQLite integrity check), a known revision."""
    from zidkor_desktop.db import backup as sqlite_files
    from zidkor_desktop.db import migrate
    from zidkor_desktop.db.session import open_database
    from zidkor_desktop.usecases.backup import database_file_state
    from zidkor_desktop.usecases.database import refuse_read_only
    from zidkor_desktop.usecases.errors import damaged, translated_errors

    name = _("Database")
    path = None if choice.url else (choice.path or default_db_path())
    where = str(path) if path is not None else choice.resolved_url()
    if path is not None:
        if not path.exists():
            detail = _("{path} does not exist").format(path=path)
            return CheckResult(name, not explicit, detail if explicit else detail + _(" (yet)"))
        refuse_read_only(path)
        database_file_state(path)
        problems = sqlite_files.integrity_problems(path)
        if problems:
            raise damaged(path)
        revision = sqlite_files.stored_revision(path)
    else:
        db = open_database(where, user="self-test")
        try:
            with translated_errors(path=db.url):
                revision = migrate.current_revision(db)
            where = db.url
        finally:
            db.dispose()
    if revision not in migrate.script_revisions():
        return CheckResult(
            name, False, _("{where}: no ZIDKOR database of this version").format(where=where)
        )
    return CheckResult(
        name,
        True,
        _("{where}: undamaged, revision {revision}").format(where=where, revision=revision),
    )


def run_self_test(
    gui_check: GuiCheck | None = None,
    on_result: Callable[[CheckResult], None] | None = None,
    choice: DatabaseChoice | None = None,
    explicit: bool = False,
) -> list[CheckResult]:
    """Run every check (a failing check never stops the others); `on_result` sees each result.

    With `choice` the chosen database is checked too (`explicit`: the user named it, so a
    missing file fails).
    """
    results: list[CheckResult] = []

    def record(name: str, check: Callable[[], CheckResult | list[CheckResult]]) -> None:
        try:
            outcome = check()
        except DomainError as exc:
            outcome = CheckResult(name, False, str(exc))
        except Exception as exc:  # a broken installation must be reported, not crash the test
            outcome = CheckResult(name, False, f"{type(exc).__name__}: {exc}")
        for result in outcome if isinstance(outcome, list) else [outcome]:
            results.append(result)
            if on_result is not None:
                on_result(result)

    with tempfile.TemporaryDirectory(prefix="zidkor-selftest-", ignore_cleanup_errors=True) as tmp:
        folder = Path(tmp)
        record(_("Program"), check_python)
        record(_("Fonts"), check_fonts)
        record(_("Translations"), check_catalogs)
        record(_("Formatting"), check_formatting)
        record(_("Migrations"), lambda: check_migrations(folder))
        record(_("Demo data"), lambda: check_demo(folder, gui_check))
        if choice is not None:
            record(_("Database"), lambda: check_database(choice, explicit=explicit))
    return results
