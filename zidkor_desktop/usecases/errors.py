"""Translate library and operating-system exceptions into German domain errors, in one place.

``translate(exc, path=..., field=...)`` knows the exceptions the program meets from outside:
SQLAlchemy and the drivers (sqlite3 by its error code, psycopg by SQLSTATE and connection
state), the operating system (OSError by type and errno) and schwifty (IBAN/BIC). It returns a
DomainError whose message names the field or the file, or None for a truly unexpected error.
GUI and command line both call it; ``translated_errors()`` applies it around a block.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from zidkor_desktop.db import refusals
from zidkor_desktop.domain.errors import (
    ConcurrentChange,
    DomainError,
    RuleViolation,
    TemporaryFailure,
    ValidationError,
)
from zidkor_desktop.l10n import N_, _

PathLike = str | os.PathLike[str]

# SQLite primary result codes (https://www.sqlite.org/rescode.html)
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26

# PostgreSQL SQLSTATEs and classes that mean "try again" or name a known cause
_PG_RETRY = {"55P03", "40001", "40P01", "57P01", "57P02", "57P03", "57014"}
_PG_CONNECTION_CLASS = "08"


def _where(path: PathLike | None) -> str:
    return "" if path is None else str(path)


def _tidy(error: DomainError) -> DomainError:
    """Close the gap a missing path leaves in a message."""
    text = " ".join(str(error).split())
    if text != str(error):
        error.args = (text, *error.args[1:])
    return error


def _is_url(path: PathLike | None) -> bool:
    return path is not None and "://" in str(path)


def damaged(path: PathLike | None) -> DomainError:
    """The message for a damaged database file, with the way to restore a backup."""
    return DomainError(
        _(
            "The database {path} is damaged and cannot be read completely. Restore the newest "
            "good backup: in the program with File → Restore backup…, or on the command line "
            "with 'zidkor restore BACKUP-FILE'."
        ).format(path=_where(path))
    )


def read_only(path: PathLike | None) -> DomainError:
    """The message for a database whose folder or file may not be written."""
    if path is not None and not _is_url(path):
        file = Path(path)
        folder = file.parent
        if folder.is_dir() and not os.access(folder, os.W_OK):
            return DomainError(
                _(
                    "The folder {folder} is read-only, so the database {path} cannot be changed "
                    "there. Allow writing to the folder or copy the database to a folder you "
                    "may write to."
                ).format(folder=folder, path=file)
            )
        if file.exists() and not os.access(file, os.W_OK):
            return DomainError(
                _(
                    "The database file {path} is read-only. Allow writing to the file or copy "
                    "it to a folder you may write to."
                ).format(path=file)
            )
    return DomainError(
        _(
            "The database {path} cannot be written: it lies on a read-only drive or folder, "
            "or you lack the permission."
        ).format(path=_where(path))
    )


def busy(path: PathLike | None) -> TemporaryFailure:
    """The message for a database kept busy by another workplace beyond the wait time."""
    return TemporaryFailure(
        _(
            "The database {path} is busy: another workplace is saving at this moment. "
            "Nothing was changed; please try again in a moment."
        ).format(path=_where(path))
    )


def unreachable(path: PathLike | None) -> TemporaryFailure:
    """The message for a database server that cannot be reached or dropped the connection."""
    return TemporaryFailure(
        _(
            "The database server {path} cannot be reached or has closed the connection. "
            "Check the network and whether the server is running, then try again; the last "
            "change was not saved."
        ).format(path=_where(path))
    )


def _sqlite(code: int, path: PathLike | None) -> DomainError:
    primary = code & 0xFF
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return busy(path)
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return damaged(path)
    if primary in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN):
        return read_only(path)
    if primary == SQLITE_FULL:
        return _disk_full(path)
    return DomainError(
        _(
            "The database {path} could not be read or written (SQLite error {code}). Check "
            "the drive; if the error stays, restore a backup."
        ).format(path=_where(path), code=code)
    )


def _postgres(orig: Exception, path: PathLike | None, invalidated: bool) -> DomainError:
    state = getattr(orig, "sqlstate", None) or ""
    text = str(orig)
    if state in ("28P01", "28000") or "password authentication failed" in text:
        return DomainError(
            _(
                "The database server {path} refused the login: user name or password is wrong."
            ).format(path=_where(path))
        )
    if state == "3D000" or ("database" in text and "does not exist" in text):
        return DomainError(
            _("The database given in {path} does not exist on the server.").format(
                path=_where(path)
            )
        )
    if "role" in text and "does not exist" in text:
        return DomainError(
            _("The user given in {path} does not exist on the database server.").format(
                path=_where(path)
            )
        )
    if state in ("55P03", "40001", "40P01"):
        return busy(path)
    if state == "53100":
        return _disk_full(path)
    if state == "42501":
        return DomainError(
            _("The database user given in {path} lacks the permission for this action.").format(
                path=_where(path)
            )
        )
    if invalidated or state in _PG_RETRY or state.startswith(_PG_CONNECTION_CLASS) or not state:
        return unreachable(path)
    return DomainError(
        _("The database server {path} refused the action (error code {code}).").format(
            path=_where(path), code=state
        )
    )


def _disk_full(path: PathLike | None) -> DomainError:
    return DomainError(
        _("The drive of {path} is full. Free some space and try again.").format(path=_where(path))
    )


def _os_error(exc: OSError, path: PathLike | None) -> DomainError:
    name = exc.filename if exc.filename is not None else path
    shown = "" if name is None else str(name)
    if isinstance(exc, FileNotFoundError):
        return DomainError(_("The file or folder {path} does not exist.").format(path=shown))
    if isinstance(exc, IsADirectoryError):
        return DomainError(_("{path} is a folder, not a file.").format(path=shown))
    if isinstance(exc, NotADirectoryError):
        return DomainError(
            _("A part of the path {path} is a file, not a folder.").format(path=shown)
        )
    if isinstance(exc, PermissionError):
        return DomainError(
            _(
                "You have no permission to access {path} (or the file is open in another program)."
            ).format(path=shown)
        )
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return _disk_full(shown)
    if exc.errno == errno.EROFS:
        return DomainError(
            _("{path} lies on a read-only drive and cannot be written.").format(path=shown)
        )
    code = errno.errorcode.get(exc.errno or 0, str(exc.errno))
    return DomainError(
        _("The file {path} could not be read or written (system error {code}).").format(
            path=shown, code=code
        )
    )


def _schwifty(exc: Exception, field: str | None, value: str) -> ValidationError:
    kind = type(exc).__name__
    label = _("BIC") if field == "bic" else _("IBAN")
    reasons = {
        "InvalidChecksumDigits": _("the check digits do not match, probably a typing error"),
        "InvalidCountryCode": _("the country code at the start is unknown"),
        "InvalidLength": _("it has the wrong number of characters for its country"),
        "InvalidStructure": _("it contains characters that do not belong there"),
        "InvalidBankCode": _("the bank code is unknown"),
        "InvalidBranchCode": _("the branch code is unknown"),
        "InvalidAccountCode": _("the account number is not valid"),
        "InvalidBBANChecksum": _("the check digit of the account number does not match"),
    }
    reason = reasons.get(kind, _("it is not valid"))
    return ValidationError(
        _("The {label} {value} is not valid: {reason}.").format(
            label=label, value=value, reason=reason
        ),
        field,
    )


def _sqlalchemy(exc: Exception, path: PathLike | None, field: str | None) -> DomainError | None:
    from sqlalchemy.exc import DBAPIError, IntegrityError
    from sqlalchemy.orm.exc import StaleDataError

    if isinstance(exc, StaleDataError):
        return ConcurrentChange(
            _(
                "The record was changed by someone else in the meantime. Load the saved "
                "state with “Reload” and compare it with your input before saving again."
            )
        )
    if isinstance(exc, IntegrityError):
        return ValidationError(
            _(
                "The change conflicts with data saved in the meantime (for example a duplicate "
                "entry). Please reload and check your input."
            ),
            field,
        )
    if isinstance(exc, DBAPIError):
        return translate(exc.orig, path=path, field=field, invalidated=exc.connection_invalidated)
    return None


def translate(
    exc: BaseException,
    *,
    path: PathLike | None = None,
    field: str | None = None,
    invalidated: bool = False,
    value: str = "",
) -> DomainError | None:
    """A German DomainError for a known library or OS exception, None for an unexpected one.

    `path` names the file or database concerned (an OSError's own file name wins), `field` the
    input field (IBAN, BIC) and `value` the input refused.
    """
    if isinstance(exc, DomainError):
        return exc
    found = _translate(exc, path, field, invalidated, value)
    return None if found is None else _tidy(found)


_REFUSAL_MESSAGES = {
    refusals.AUDIT_APPEND_ONLY: N_(
        "The audit log cannot be changed: the database keeps its entries unchanged for good."
    ),
    refusals.PRICE_LIST_READ_ONLY: N_(
        "This version of the price list is published: the database refuses any change to it. "
        "For changes make a new version."
    ),
    refusals.STATUTE_READ_ONLY: N_(
        "This version of the statute is adopted: the database refuses any change to it. "
        "For changes start a new amendment."
    ),
    refusals.INVOICE_READ_ONLY: N_(
        "This invoice is issued: the database refuses any change to it or its deletion. "
        "To correct it, cancel it and issue a new invoice."
    ),
    refusals.PAYMENT_FINAL: N_(
        "Booked payments and reminders are final: the database refuses any change or deletion. "
        "To undo a payment, reverse it."
    ),
    refusals.MINUTES_SIGNED: N_(
        "The minutes of this meeting are signed: the database refuses any change to the "
        "meeting, its attendance, items and votes. The tracking of resolutions stays open."
    ),
}


def _refused_by_trigger(exc: BaseException) -> DomainError | None:
    """A read-only record the database itself protected (its trigger's text in the message)."""
    refusal = refusals.refusal_in(str(exc))
    return None if refusal is None else RuleViolation(_(_REFUSAL_MESSAGES[refusal]))


def _translate(
    exc: BaseException, path: PathLike | None, field: str | None, invalidated: bool, value: str
) -> DomainError | None:
    module = type(exc).__module__
    if module.startswith(("sqlalchemy", "sqlite3", "psycopg")):
        refused = _refused_by_trigger(exc)
        if refused is not None:
            return refused
    if module.startswith("sqlalchemy"):
        return _sqlalchemy(exc, path, field) if isinstance(exc, Exception) else None
    if module.startswith("sqlite3"):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is None:
            return None
        return _sqlite(code, path)
    if module.startswith("psycopg"):
        return _postgres(exc, path, invalidated)  # type: ignore[arg-type]
    if module.startswith("schwifty") and isinstance(exc, ValueError):
        return _schwifty(exc, field, value)
    if isinstance(exc, OSError):
        return _os_error(exc, path)
    return None


@contextmanager
def translated_errors(*, path: PathLike | None = None, field: str | None = None) -> Iterator[None]:
    """Re-raise known library and OS exceptions of the block as German DomainErrors."""
    try:
        yield
    except DomainError:
        raise
    except Exception as exc:
        translated = translate(exc, path=path, field=field)
        if translated is None:
            raise
        raise translated from exc


@contextmanager
def translated_db_errors() -> Iterator[None]:
    """Turn stale-data and integrity errors of a write into German messages.

    Driver errors (busy, damaged, unreachable) pass on to the caller's ``translated_errors`` or
    ``ui.errors.call``, which know the database's location and can offer a retry.
    """
    from sqlalchemy.exc import IntegrityError
    from sqlalchemy.orm.exc import StaleDataError

    try:
        yield
    except (StaleDataError, IntegrityError) as exc:
        raise _sqlalchemy(exc, None, None) or exc from exc
