"""Pure rules of the operator history (domain.operators), without a database."""

from __future__ import annotations

from datetime import date

import pytest

from zidkor_desktop.domain.errors import RuleViolation
from zidkor_desktop.domain.kinds import OrganisationKind
from zidkor_desktop.domain.membership import MembershipDates
from zidkor_desktop.domain.operators import (
    Assignment,
    Candidate,
    check_eligible,
    describe_change,
    operator_on,
    plan_change,
)

KOBLENZ = Assignment(1, "Koblenz", date(2012, 10, 1))
MEMBER = MembershipDates(authority_approved_on=date(2012, 9, 20), member_from=date(2012, 10, 1))


def test_a_change_closes_the_previous_period_the_day_before() -> None:
    after = plan_change("ePR", [KOBLENZ], Assignment(7, "Trier", date(2027, 7, 1)))
    assert after == [
        Assignment(1, "Koblenz", date(2012, 10, 1), date(2027, 6, 30)),
        Assignment(7, "Trier", date(2027, 7, 1)),
    ]
    assert (
        describe_change([KOBLENZ], after) == "Koblenz betreibt bis 30.06.2027, Trier ab 01.07.2027"
    )
    assert operator_on(after, date(2027, 6, 30)).city == "Koblenz"
    assert operator_on(after, date(2027, 7, 1)).city == "Trier"
    assert operator_on(after, date(2012, 9, 30)) is None


def test_a_change_on_the_first_day_of_the_previous_period_overlaps() -> None:
    with pytest.raises(RuleViolation, match="überschneiden"):
        plan_change("ePR", [KOBLENZ], Assignment(7, "Trier", date(2012, 10, 1)))


@pytest.mark.parametrize(
    ("kind", "municipal", "dates", "day", "words"),
    [
        (OrganisationKind.COMPANY, False, MEMBER, date(2027, 7, 1), "kann kein Verfahren"),
        (OrganisationKind.CITY, True, None, date(2027, 7, 1), "kein genehmigtes Mitglied"),
        (
            OrganisationKind.CITY,
            True,
            MembershipDates(applied_on=date(2026, 1, 1)),
            date(2027, 7, 1),
            "kein genehmigtes Mitglied",
        ),
        (
            OrganisationKind.CITY,
            True,
            MembershipDates(
                authority_approved_on=date(2020, 1, 1),
                member_from=date(2020, 2, 1),
                member_until=date(2027, 12, 31),
            ),
            date(2027, 7, 1),
            "nur bis zum 31.12.2027",
        ),
    ],
)
def test_who_cannot_operate(
    kind: OrganisationKind,
    municipal: bool,
    dates: MembershipDates | None,
    day: date,
    words: str,
) -> None:
    with pytest.raises(RuleViolation, match=words):
        check_eligible("ePR", Candidate(9, "X", kind, municipal, dates), day)


def test_a_voting_member_city_can_operate() -> None:
    check_eligible(
        "ePR", Candidate(7, "Trier", OrganisationKind.CITY, True, MEMBER), date(2027, 7, 1)
    )
