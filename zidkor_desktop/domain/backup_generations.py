"""Which backup generations to keep: the newest per day, ISO week and month, counted by copies."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from datetime import date

KEEP_DAYS = 14
KEEP_WEEKS = 8
KEEP_MONTHS = 12


def _week(day: date) -> Hashable:
    year, week, _weekday = day.isocalendar()
    return (year, week)


def _month(day: date) -> Hashable:
    return (day.year, day.month)


def _newest_per_bucket(
    days: list[date], bucket: Callable[[date], Hashable], count: int
) -> set[date]:
    """The newest day of each of the `count` newest buckets that hold a copy (days newest first)."""
    kept: dict[Hashable, date] = {}
    for day in days:
        key = bucket(day)
        if key not in kept:
            if len(kept) == count:
                break
            kept[key] = day
    return set(kept.values())


def generations_to_keep(
    days: Iterable[date],
    *,
    keep_days: int = KEEP_DAYS,
    keep_weeks: int = KEEP_WEEKS,
    keep_months: int = KEEP_MONTHS,
) -> set[date]:
    """Days whose copy stays: the newest `keep_days` copies, plus the newest copy of each of the
    newest `keep_weeks` ISO weeks and `keep_months` months that hold a copy.

    Buckets are counted among the existing copies, not on the calendar, so a long pause never
    removes old copies: the oldest kept copy only moves forward when newer ones were written.
    """
    ordered = sorted(set(days), reverse=True)
    kept = set(ordered[:keep_days])
    kept |= _newest_per_bucket(ordered, _week, keep_weeks)
    kept |= _newest_per_bucket(ordered, _month, keep_months)
    return kept
