"""Column helpers shared by the model modules."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import CheckConstraint, String


def enum_column_type(enum: type[StrEnum]) -> String:
    """Short string column for a StrEnum value."""
    return String(max(len(m.value) for m in enum) + 4)


def enum_check(column: str, enum: type[StrEnum]) -> CheckConstraint:
    """CHECK constraint allowing exactly the values of a StrEnum."""
    values = ", ".join(f"'{m.value}'" for m in enum)
    return CheckConstraint(f"{column} IN ({values})", name=f"{column}_valid")
