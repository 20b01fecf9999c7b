"""Rotation of the daily backups in generations: examples and properties."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from zidkor_desktop.domain.backup_generations import (
    KEEP_DAYS,
    KEEP_MONTHS,
    KEEP_WEEKS,
    generations_to_keep,
)

START = date(2024, 1, 1)
day_sets = st.sets(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)), max_size=120)


def daily(first: date, count: int) -> list[date]:
    return [first + timedelta(days=i) for i in range(count)]


def test_a_year_of_daily_copies_keeps_14_days_8_weeks_12_months() -> None:
    days = daily(date(2025, 1, 1), 365)  # 2025-01-01 .. 2025-12-31
    kept = generations_to_keep(days)
    newest_14 = set(daily(date(2025, 12, 18), 14))
    # Mondays starting the 8 newest ISO weeks (week 1 of 2026 starts on Monday 2025-12-29)
    weeks = {date(2025, 12, 29) - timedelta(weeks=i) for i in range(8)}
    months = {date(2025, m, 1) for m in range(1, 13)}
    assert kept == newest_14 | weeks | months
    # two Mondays are among the newest 14 days; Monday 1 December is also a month's first
    assert len(kept) == 14 + 6 + 12 - 1
    assert min(kept) == date(2025, 1, 1)


def test_few_copies_are_all_kept() -> None:
    days = daily(START, KEEP_DAYS)
    assert generations_to_keep(days) == set(days)


def test_a_long_pause_removes_nothing_old() -> None:
    old = daily(date(2023, 3, 1), 3)
    recent = daily(date(2026, 11, 1), 20)
    kept = generations_to_keep(old + recent)
    assert date(2023, 3, 1) in kept  # the first copy of its month: kept despite its age
    assert min(kept) == date(2023, 3, 1)


@given(day_sets)
@settings(max_examples=200, deadline=None)
def test_properties(days: set[date]) -> None:
    kept = generations_to_keep(days)
    assert kept <= days
    ordered = sorted(days, reverse=True)
    assert set(ordered[:KEEP_DAYS]) <= kept
    assert len(kept) <= KEEP_DAYS + KEEP_WEEKS + KEEP_MONTHS
    if days:
        assert max(days) in kept
    # every one of the newest 12 months and 8 weeks with a copy keeps its first copy
    months = sorted({(d.year, d.month) for d in days}, reverse=True)[:KEEP_MONTHS]
    for year, month in months:
        assert min(d for d in days if (d.year, d.month) == (year, month)) in kept
    weeks = sorted({d.isocalendar()[:2] for d in days}, reverse=True)[:KEEP_WEEKS]
    for week in weeks:
        assert min(d for d in days if d.isocalendar()[:2] == week) in kept
    # rotating again removes nothing more (stable from one start to the next)
    assert generations_to_keep(kept) == kept


@given(day_sets, st.integers(min_value=1, max_value=400))
@settings(max_examples=150, deadline=None)
def test_a_newer_copy_never_removes_an_older_month_span(days: set[date], gap: int) -> None:
    """Adding a copy removes at most older copies, never the newest kept copy per month span."""
    if not days:
        return
    newer = max(days) + timedelta(days=gap)
    before = generations_to_keep(days)
    after = generations_to_keep(days | {newer})
    assert after - before == {newer}
    assert min(after) >= min(before)


@given(
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    st.integers(min_value=0, max_value=60),
    st.integers(min_value=1, max_value=300),
)
@settings(max_examples=40, deadline=None)
def test_slow_damage_never_removes_every_good_copy(start: date, before: int, after: int) -> None:
    """One copy a day, rotated each day; damage no check notices begins on some day: for the
    300 days after it at least one copy from before the damage is still there."""
    damage = start + timedelta(days=before + 1)  # at least one good copy was written
    kept: set[date] = set()
    day = start
    while day <= damage + timedelta(days=after):
        kept = generations_to_keep(kept | {day})
        assert any(d < damage for d in kept), (day, sorted(kept))
        day += timedelta(days=1)
