"""Which backup generations to keep: the newest days, the first copy per ISO week and month."""

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


def _first_per_bucket(
    days: list[date], bucket: Callable[[date], Hashable], count: int
) -> set[date]:
    """The first (oldest) day of each of the `count` newest buckets holding a copy.

    `days` is sorted newest first. The first copy of a week or month stays the same while
    newer copies arrive, and it predates any damage that began later in that week or month.
    """
    first: dict[Hashable, date] = {}
    for day in days:
        key = bucket(day)
        if key not in first and len(first) == count:
            break
        first[key] = day  # newest first: the last one seen is the oldest of the bucket
    return set(first.values())


def generations_to_keep(
    days: Iterable[date],
    *,
    keep_days: int = KEEP_DAYS,
    keep_weeks: int = KEEP_WEEKS,
    keep_months: int = KEEP_MONTHS,
) -> set[date]:
    """Days whose copy stays: the newest `keep_days` copies, plus the first copy of each of the
    newest `keep_weeks` ISO weeks and `keep_months` months that hold a copy.

    Buckets are counted among the existing copies, not on the calendar, so a long pause never
    removes old copies: the oldest kept copy only moves forward when newer ones were written.
    Keeping the first copy of a bucket (not the newest) means that damage no check notices,
    beginning on any day, leaves a copy from before it for about ten months.
    """
    ordered = sorted(set(days), reverse=True)
    kept = set(ordered[:keep_days])
    kept |= _first_per_bucket(ordered, _week, keep_weeks)
    kept |= _first_per_bucket(ordered, _month, keep_months)
    return kept
