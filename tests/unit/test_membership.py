"""Membership lifecycle: status from dates, votes history, date validation."""

from datetime import date

import pytest

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.kinds import MembershipStatus
from zidkor_desktop.domain.membership import (
    MembershipDates,
    is_voting_member,
    status_on,
    validate_dates,
    votes_valid_on,
)

WORMS = MembershipDates(
    applied_on=date(2026, 1, 10),
    council_resolution_on=date(2026, 2, 5),
    assembly_resolution_on=date(2026, 2, 20),
    authority_approved_on=date(2026, 3, 15),
    member_from=date(2026, 4, 1),
)


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (date(2026, 1, 20), MembershipStatus.APPLIED),
        (date(2026, 2, 10), MembershipStatus.COUNCIL_RESOLVED),
        (date(2026, 3, 1), MembershipStatus.ASSEMBLY_APPROVED),
        (date(2026, 3, 20), MembershipStatus.AUTHORITY_APPROVED),
        (date(2026, 4, 1), MembershipStatus.ACTIVE),
    ],
)
def test_status_follows_the_accession_steps(day: date, status: MembershipStatus) -> None:
    dates = MembershipDates(
        **{k: v if v is not None and v <= day else None for k, v in WORMS.__dict__.items()}
    )
    # member_from is known in advance once approved
    if dates.authority_approved_on:
        dates = MembershipDates(**{**dates.__dict__, "member_from": WORMS.member_from})
    assert status_on(dates, day) is status


def test_pending_member_has_no_votes() -> None:
    assert not is_voting_member(WORMS, date(2026, 3, 31))
    assert is_voting_member(WORMS, date(2026, 4, 1))


def test_exit_with_notice_then_left() -> None:
    dates = MembershipDates(
        **{
            **WORMS.__dict__,
            "exit_notice_on": date(2027, 6, 30),
            "member_until": date(2027, 12, 31),
        }
    )
    assert status_on(dates, date(2027, 7, 1)) is MembershipStatus.NOTICE_GIVEN
    assert is_voting_member(dates, date(2027, 12, 31))
    assert status_on(dates, date(2028, 1, 1)) is MembershipStatus.LEFT
    assert not is_voting_member(dates, date(2028, 1, 1))


def test_member_from_needs_the_authority_approval() -> None:
    with pytest.raises(ValidationError) as err:
        validate_dates(MembershipDates(member_from=date(2026, 4, 1)))
    assert err.value.field == "authority_approved_on"


def test_dates_must_be_in_order() -> None:
    with pytest.raises(ValidationError) as err:
        validate_dates(
            MembershipDates(applied_on=date(2026, 3, 1), council_resolution_on=date(2026, 2, 1))
        )
    assert err.value.field == "council_resolution_on"


def test_member_until_after_member_from() -> None:
    with pytest.raises(ValidationError):
        validate_dates(MembershipDates(**{**WORMS.__dict__, "member_until": date(2026, 3, 1)}))


def test_votes_history() -> None:
    history = [(date(2012, 10, 1), 1), (date(2027, 1, 1), 2)]
    assert votes_valid_on(history, date(2026, 12, 31)) == 1
    assert votes_valid_on(history, date(2027, 1, 1)) == 2
    assert votes_valid_on(history, date(2000, 1, 1)) == 1
    assert votes_valid_on([], date(2026, 1, 1)) == 0


def test_labels_of_equal_values_in_different_enums_stay_apart() -> None:
    from zidkor_desktop.domain.kinds import AgreementStatus, LabelledEnum, ServiceStatus
    from zidkor_desktop.l10n import set_language

    set_language("en")
    try:
        assert MembershipStatus.ACTIVE.label == "Member"
        assert ServiceStatus.ACTIVE.label == "Active"
        assert AgreementStatus.ACTIVE.label == "Active"
        for enum in LabelledEnum.__subclasses__():
            assert all(member.label for member in enum)
    finally:
        set_language("de")
    assert MembershipStatus.ACTIVE.label == "Mitglied"
