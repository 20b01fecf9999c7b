"""Exceptions that carry a message meant for the user."""


class DomainError(Exception):
    """A business rule refused an action; str() is the translated user message."""


class ValidationError(DomainError):
    """Input is invalid; `field` names the offending field (or None)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class RuleViolation(DomainError):
    """A legal or statutory rule would be broken by the change."""


class NotFound(DomainError):
    """A record does not exist (any more)."""


class ConcurrentChange(DomainError):
    """The record was changed by someone else since it was loaded."""


class TemporaryFailure(DomainError):
    """The database is busy or its server unreachable; the same action may simply be retried."""
