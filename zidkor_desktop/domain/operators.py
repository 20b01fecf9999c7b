"""Operating responsibility: which member city operates a service on which day (from/until)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from zidkor_desktop.domain.errors import RuleViolation
from zidkor_desktop.domain.kinds import OrganisationKind
from zidkor_desktop.domain.membership import MembershipDates, is_voting_member
from zidkor_desktop.l10n import _


def _d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


@dataclass(frozen=True)
class Assignment:
    """One period in which a city operates a service (valid_until None: open-ended)."""

    organisation_id: int
    city: str
    valid_from: date
    valid_until: date | None = None

    def covers(self, day: date) -> bool:
        """Whether the city operates the service on `day`."""
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


@dataclass(frozen=True)
class Candidate:
    """An organisation proposed as operator, with what decides whether it may operate."""

    organisation_id: int
    city: str
    kind: OrganisationKind
    is_municipal_body: bool
    membership: MembershipDates | None


def operator_on(history: Sequence[Assignment], day: date) -> Assignment | None:
    """The assignment in force on `day`, or None."""
    return next((a for a in history if a.covers(day)), None)


def check_eligible(service: str, candidate: Candidate, start: date) -> None:
    """Refuse anyone but a city that is a voting member from `start` on, without an exit date."""
    if candidate.kind is not OrganisationKind.CITY or not candidate.is_municipal_body:
        raise RuleViolation(
            _(
                "Service {service}: {city} cannot operate a service; only member cities "
                "(municipal bodies) can."
            ).format(service=service, city=candidate.city)
        )
    dates = candidate.membership
    if dates is None or not is_voting_member(dates, start):
        raise RuleViolation(
            _(
                "Service {service}: {city} is not an approved member on {day} and cannot "
                "operate the service from then on."
            ).format(service=service, city=candidate.city, day=_d(start))
        )
    if dates.member_until is not None:
        raise RuleViolation(
            _(
                "Service {service}: {city} is a member only until {until} and cannot operate "
                "the service from {day} on without end."
            ).format(
                service=service, city=candidate.city, until=_d(dates.member_until), day=_d(start)
            )
        )


def plan_change(
    service: str,
    history: Sequence[Assignment],
    new: Assignment,
    service_start: date | None = None,
) -> list[Assignment]:
    """The history after `new` takes over from its date: the previous one closes the day before.

    Refused (RuleViolation, naming service, dates and cities): a start before the service starts,
    an assignment on or after the new date (overlap), the same city again, a gap before it.
    """
    start = new.valid_from
    ordered = sorted(history, key=lambda a: a.valid_from)
    if service_start is not None and start < service_start:
        raise RuleViolation(
            _(
                "Service {service} starts on {begin}; an operator from {day} is not possible."
            ).format(service=service, begin=_d(service_start), day=_d(start))
        )
    later = [a for a in ordered if a.valid_from >= start]
    if later:
        clash = later[0]
        raise RuleViolation(
            _(
                "Service {service}: {city} is already entered as operator from {begin}; "
                "{new_city} from {day} would overlap with it."
            ).format(
                service=service,
                city=clash.city,
                begin=_d(clash.valid_from),
                new_city=new.city,
                day=_d(start),
            )
        )
    previous = ordered[-1] if ordered else None
    if previous is None:
        if service_start is not None and start > service_start:
            raise RuleViolation(
                _(
                    "Service {service} starts on {begin}: from {begin} to {end} no city would "
                    "operate it before {new_city} from {day}."
                ).format(
                    service=service,
                    begin=_d(service_start),
                    end=_d(start - timedelta(days=1)),
                    new_city=new.city,
                    day=_d(start),
                )
            )
        return [replace(new, valid_until=None)]
    if previous.organisation_id == new.organisation_id and previous.covers(start):
        raise RuleViolation(
            _("Service {service}: {city} already operates it on {day}.").format(
                service=service, city=new.city, day=_d(start)
            )
        )
    day_before = start - timedelta(days=1)
    if previous.valid_until is not None and previous.valid_until < day_before:
        raise RuleViolation(
            _(
                "Service {service}: {city} operates it until {until}; from {gap_from} to "
                "{gap_until} no city would operate it before {new_city} from {day}."
            ).format(
                service=service,
                city=previous.city,
                until=_d(previous.valid_until),
                gap_from=_d(previous.valid_until + timedelta(days=1)),
                gap_until=_d(day_before),
                new_city=new.city,
                day=_d(start),
            )
        )
    closed = replace(previous, valid_until=day_before)
    return [*ordered[:-1], closed, replace(new, valid_until=None)]


def describe_change(before: Sequence[Assignment], after: Sequence[Assignment]) -> str:
    """What a change does, e.g. "Koblenz operates until 30.06.2027, Trier from 01.07.2027"."""
    old = {a.valid_from: a for a in before}
    parts = []
    for entry in after:
        kept = old.get(entry.valid_from)
        if kept == entry:
            continue
        if entry.valid_until is not None:
            parts.append(
                _("{city} operates until {until}").format(
                    city=entry.city, until=_d(entry.valid_until)
                )
            )
        else:
            parts.append(_("{city} from {day}").format(city=entry.city, day=_d(entry.valid_from)))
    return ", ".join(parts)
