"""Translate database exceptions into user-facing domain errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from zidkor_desktop.domain.errors import ConcurrentChange, ValidationError
from zidkor_desktop.l10n import _


@contextmanager
def translated_db_errors() -> Iterator[None]:
    """Turn stale-data and integrity errors into German messages."""
    try:
        yield
    except StaleDataError as exc:
        raise ConcurrentChange(
            _(
                "The record was changed by someone else in the meantime. "
                "Please reload it and enter your change again."
            )
        ) from exc
    except IntegrityError as exc:
        raise ValidationError(
            _("The change conflicts with existing data: {detail}").format(detail=exc.orig)
        ) from exc
