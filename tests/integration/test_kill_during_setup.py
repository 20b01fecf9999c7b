"""kill -9 at random moments of `zidkor init --demo` and of an upgrade from revision 0001.

After every kill the next start must work and the data must be complete or absent, never half,
on SQLite and (when configured) PostgreSQL. Kills per test: ZIDKOR_KILL_COUNT (default 3; the
issue's acceptance asks for 50).
Run with -s to see how many kills left the old state and how many the new one.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from zidkor_desktop.db import migrate
from zidkor_desktop.db.session import open_database, sqlite_url
from zidkor_desktop.usecases.demo import load_demo

KILLS = int(os.environ.get("ZIDKOR_KILL_COUNT", "3"))
ZIDKOR = [sys.executable, "-m", "zidkor_desktop"]
# The demo's rows, from its description (README): 9 members (8 cities, KommWis GmbH) and 3 more
# customer organisations, 3 services, 2 price lists with 5 prices each, 5 agreements, 2 meetings.
COMPLETE = {
    "association_settings": 1,
    "organisation": 12,
    "membership": 9,
    "membership_votes": 9,
    "service": 3,
    "price_list": 2,
    "price_item": 10,
    "agreement": 5,
    "meeting": 2,
}


def zidkor(target: list[str], *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ZIDKOR_LANG": "de"}
    env.pop("ZIDKOR_DB", None)
    return subprocess.run(
        [*ZIDKOR, *target, *argv], capture_output=True, text=True, env=env, timeout=120
    )


def killed(target: list[str], argv: list[str], after: float) -> None:
    """Start the command and kill -9 it after `after` seconds (if it still runs)."""
    env = {**os.environ, "ZIDKOR_LANG": "de"}
    env.pop("ZIDKOR_DB", None)
    process = subprocess.Popen(
        [*ZIDKOR, *target, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    try:
        process.wait(timeout=after)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def duration(target: list[str], argv: list[str]) -> float:
    started = time.monotonic()
    result = zidkor(target, *argv)
    assert result.returncode == 0, result.stderr
    return time.monotonic() - started


def row_counts(url: str) -> tuple[str | None, dict[str, int]]:
    """Revision and row counts, read with a plain engine (not the program's)."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            names = set(inspect(connection).get_table_names())
            revision = None
            if "alembic_version" in names:
                revision = connection.execute(
                    text("SELECT version_num FROM alembic_version")
                ).scalar()
            counts = {
                table: int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)
                for table in COMPLETE
                if table in names
            }
            if make_url(url).get_backend_name() == "sqlite":
                assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            counts["_backup_record_table"] = int("backup_record" in names)
            counts["_tables"] = len(names)
        return revision, counts
    finally:
        engine.dispose()


def data_of(counts: dict[str, int]) -> dict[str, int]:
    return {table: counts.get(table, 0) for table in COMPLETE}


class Targets:
    """Fresh databases for the iterations: SQLite files, or PostgreSQL schemas when configured."""

    def __init__(self, tmp_path: Path, request: pytest.FixtureRequest, backend: str) -> None:
        self.tmp_path = tmp_path
        self.pg_base = os.environ.get("ZIDKOR_TEST_DATABASE_URL") or None
        postgres = backend == "postgresql"
        self.admin = request.getfixturevalue("postgres_admin_engine") if postgres else None

    @contextmanager
    def fresh(self, name: str) -> Iterator[tuple[list[str], str]]:
        """CLI arguments and SQLAlchemy URL of a new, empty database."""
        if self.admin is None:
            path = self.tmp_path / f"{name}.sqlite3"
            yield ["--db", str(path)], sqlite_url(path)
            return
        schema = f"kill_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(self.pg_base or "").update_query_dict({"options": f"-csearch_path={schema}"})
        rendered = url.render_as_string(hide_password=False)
        try:
            yield ["--db-url", rendered], rendered
        finally:
            with self.admin.connect() as connection:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


@pytest.fixture(
    params=(
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    )
)
def targets(tmp_path: Path, request: pytest.FixtureRequest) -> Targets:
    """Each kill test runs on SQLite files and on PostgreSQL schemas."""
    return Targets(tmp_path, request, request.param)


def test_kill_during_init_demo_leaves_all_or_nothing(targets: Targets) -> None:
    with targets.fresh("timing") as (target, _url):
        full = duration(target, ["init", "--demo"])
    outcomes: Counter[str] = Counter()
    rng = random.Random(os.environ.get("ZIDKOR_KILL_SEED"))
    for round_no in range(KILLS):
        with targets.fresh(f"init-{round_no}") as (target, url):
            after = rng.uniform(full * 0.4, full * 1.1)  # the first part is imports
            killed(target, ["init", "--demo"], after)
            # The next start, as a clerk would do it.
            listed = zidkor(target, "members", "list", "--format", "json")
            assert listed.returncode in (0, 1), listed.stderr
            if listed.returncode == 0:
                assert len(json.loads(listed.stdout)) == 9
            else:
                assert (
                    "nicht vorhanden" in listed.stderr or "noch nicht eingerichtet" in listed.stderr
                ), listed.stderr
                assert "zidkor init --demo" in listed.stderr
            revision, counts = row_counts(url)
            complete = data_of(counts) == COMPLETE
            absent = not any(data_of(counts).values())
            assert complete or absent, (after, counts)
            assert revision in (None, migrate.head_revision()), revision
            if revision is None:
                assert counts["_tables"] == 0, counts  # no schema without a revision
            assert (listed.returncode == 0) == complete
            outcomes["complete" if complete else "migrated" if revision else "absent"] += 1
            again = zidkor(target, "init", "--demo")
            if complete:
                assert again.returncode == 1 and "bereits eingerichtet" in again.stderr
            else:
                assert again.returncode == 0, (after, again.stderr)
            assert data_of(row_counts(url)[1]) == COMPLETE
    print(f"\ninit --demo: {KILLS} kills within {full:.2f} s: {dict(outcomes)}")


def make_revision_0001(url: str) -> None:
    """A database at the first revision with the demo data (what the first release wrote)."""
    db = open_database(url)
    try:
        migrate.upgrade(db)
        load_demo(db, date(2026, 11, 25))
        migrate.downgrade(db, "0001")  # the demo needs today's models; back to 0001's schema
    finally:
        db.dispose()


def test_kill_during_upgrade_from_the_first_revision_leaves_old_or_new(
    targets: Targets, tmp_path: Path
) -> None:
    template = tmp_path / "template-0001.sqlite3"
    make_revision_0001(sqlite_url(template))
    with targets.fresh("timing") as (target, url):
        if targets.admin is None:
            shutil.copyfile(template, Path(target[1]))
        else:
            make_revision_0001(url)
        full = duration(target, ["members", "list"])
    outcomes: Counter[str] = Counter()
    rng = random.Random(os.environ.get("ZIDKOR_KILL_SEED"))
    for round_no in range(KILLS):
        with targets.fresh(f"upgrade-{round_no}") as (target, url):
            if targets.admin is None:
                shutil.copyfile(template, Path(target[1]))
            else:
                make_revision_0001(url)
            after = rng.uniform(full * 0.4, full * 1.1)  # the first part is imports
            killed(target, ["members", "list", "--format", "json"], after)
            revision, counts = row_counts(url)
            assert revision in ("0001", migrate.head_revision()), revision
            # 0002 adds the backup_record table: present exactly at the new revision.
            assert counts["_backup_record_table"] == int(revision != "0001"), (revision, counts)
            assert data_of(counts) == COMPLETE, (after, counts)
            outcomes["old" if revision == "0001" else "new"] += 1
            listed = zidkor(target, "members", "list", "--format", "json")
            assert listed.returncode == 0, (after, listed.stderr)
            assert len(json.loads(listed.stdout)) == 9
            revision, counts = row_counts(url)
            assert revision == migrate.head_revision()
            assert data_of(counts) == COMPLETE
    print(f"\nupgrade 0001 -> head: {KILLS} kills within {full:.2f} s: {dict(outcomes)}")
