"""Votes: capital per vote, municipal majority (§ 2 KomZG) and quorum."""

from decimal import Decimal

import pytest

from zidkor_desktop.domain.errors import RuleViolation, ValidationError
from zidkor_desktop.domain.votes import (
    Seat,
    balance,
    capital_due,
    check_municipal_majority,
    quorum,
    validate_votes,
)

CITIES = [Seat(f"Stadt {i}", 1, True) for i in range(8)]
KOMMWIS = Seat("KommWis GmbH", 7, False)


def test_founding_members_hold_the_municipal_majority() -> None:
    result = check_municipal_majority([*CITIES, KOMMWIS])
    assert (result.members, result.votes) == (9, 15)
    assert (result.municipal_members, result.municipal_votes) == (8, 8)


def test_company_with_more_votes_breaks_the_majority_of_votes() -> None:
    seats = [*CITIES, Seat("KommWis GmbH", 8, False)]
    with pytest.raises(RuleViolation) as err:
        check_municipal_majority(seats)
    assert "8" in str(err.value) and "16" in str(err.value)


def test_tie_of_votes_is_no_majority() -> None:
    seats = [Seat("A", 4, True), Seat("B", 1, True), Seat("C", 5, False)]
    assert not balance(seats).holds


def test_majority_of_members_is_needed_too() -> None:
    seats = [Seat("Stadt", 10, True), Seat("GmbH 1", 1, False), Seat("GmbH 2", 1, False)]
    assert not balance(seats).holds


def test_capital_is_two_thousand_per_vote() -> None:
    assert capital_due(1) == Decimal("2000.00")
    assert capital_due(7) == Decimal("14000.00")
    assert sum(capital_due(s.votes) for s in [*CITIES, KOMMWIS]) == Decimal("30000.00")
    assert capital_due(3, Decimal("2500.50")) == Decimal("7501.50")


@pytest.mark.parametrize("votes", [0, -1, True])
def test_votes_must_be_positive_integers(votes: int) -> None:
    with pytest.raises(ValidationError):
        validate_votes(votes)


def test_quorum_of_workflow_eight() -> None:
    present = [KOMMWIS, *CITIES[:6]]
    result = quorum([*CITIES, KOMMWIS], present)
    assert (result.present_members, result.present_votes) == (7, 13)
    assert result.reached


def test_quorum_needs_more_than_half_of_votes() -> None:
    present = CITIES[:7]  # 7 of 9 members but only 7 of 15 votes
    assert not quorum([*CITIES, KOMMWIS], present).reached


def test_quorum_needs_more_than_half_of_members() -> None:
    present = [KOMMWIS, *CITIES[:3]]  # 10 of 15 votes but only 4 of 9 members
    assert not quorum([*CITIES, KOMMWIS], present).reached
