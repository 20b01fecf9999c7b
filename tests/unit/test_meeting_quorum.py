"""The dual quorum at its edges (§ 8 Abs. 1 KomZG), arrivals, departures and exclusions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.meetings import (
    Member,
    Presence,
    check_invitation,
    check_number,
    check_presence,
    check_representatives,
    item_quorum,
    next_number,
)
from zidkor_desktop.domain.statute import QuorumRule, StatuteSettings

CITIES = [Member(i, f"Stadt {i}", 1) for i in range(1, 9)]
KOMMWIS = Member(9, "KommWis GmbH", 7)
ALL = [*CITIES, KOMMWIS]
DEFAULT = StatuteSettings()


def quorum_with(absent: set[int], position: int = 1, **kw):
    presences = [Presence(m.organisation_id, m.organisation_id not in absent) for m in ALL]
    return item_quorum(
        ALL, presences, position, kw.get("excluded", ()), kw.get("settings", DEFAULT)
    )


def test_kommwis_absent_all_cities_present_is_quorate() -> None:
    q = quorum_with({9})
    assert (q.members_present, q.members, q.votes_present, q.votes) == (8, 9, 8, 15)
    assert q.quorate
    assert q.figures == "8 von 9 Mitgliedern, 8 von 15 Stimmen — beschlussfähig"


def test_kommwis_and_one_city_absent_is_not_quorate() -> None:
    q = quorum_with({9, 1})
    assert (q.members_present, q.votes_present) == (7, 7)
    assert not q.quorate
    assert q.figures.endswith("nicht beschlussfähig")


def test_two_cities_absent_is_quorate() -> None:
    q = quorum_with({1, 2})
    assert q.figures == "7 von 9 Mitgliedern, 13 von 15 Stimmen — beschlussfähig"


def test_kommwis_and_four_cities_is_quorate_four_is_not() -> None:
    assert quorum_with({1, 2, 3, 4}).figures == (
        "5 von 9 Mitgliedern, 11 von 15 Stimmen — beschlussfähig"
    )
    q = quorum_with({1, 2, 3, 4, 5})
    assert (q.members_present, q.votes_present, q.quorate) == (4, 10, False)


def test_votes_only_rule_ignores_the_member_count() -> None:
    settings = replace(DEFAULT, quorum_rule=QuorumRule.VOTES)
    q = quorum_with({1, 2, 3, 4, 5}, settings=settings)
    assert q.quorate and "Stimmen" in q.rule


def test_departure_after_item_three_changes_the_figures_from_item_four() -> None:
    presences = [Presence(m.organisation_id, m.organisation_id not in {1, 2}) for m in ALL]
    presences[2] = Presence(3, True, leaves_after=3)
    at3 = item_quorum(ALL, presences, 3, (), DEFAULT)
    at4 = item_quorum(ALL, presences, 4, (), DEFAULT)
    assert (at3.members_present, at3.votes_present) == (7, 13)
    assert (at4.members_present, at4.votes_present) == (6, 12)


def test_late_arrival_counts_from_its_item() -> None:
    presence = Presence(1, True, arrives_before=2)
    assert [presence.at(p) for p in (1, 2, 3)] == [False, True, True]
    assert not Presence(1, False).at(1)


def test_exclusion_leaves_the_base_by_default_and_counts_as_absent_otherwise() -> None:
    reduced = quorum_with(set(), excluded={9})
    assert (reduced.members_present, reduced.members, reduced.votes_present, reduced.votes) == (
        8, 8, 8, 8,
    )  # fmt: skip
    assert reduced.quorate and "KommWis GmbH" in reduced.rule
    kept = quorum_with(set(), excluded={9}, settings=replace(DEFAULT, excluded_reduce_base=False))
    assert (kept.members_present, kept.members, kept.votes_present, kept.votes) == (8, 9, 8, 15)
    assert "als abwesend" in kept.rule


def test_second_invitation_is_quorate_regardless_and_says_so() -> None:
    presences = [Presence(m.organisation_id, m.organisation_id in {1, 2}) for m in ALL]
    q = item_quorum(ALL, presences, 1, (), DEFAULT, second_invitation_of=date(2026, 3, 4))
    assert q.quorate and "§ 39 GemO" in q.rule and "04.03.2026" in q.rule
    strict = replace(DEFAULT, second_invitation_reduced=False)
    assert not item_quorum(ALL, presences, 1, (), strict, date(2026, 3, 4)).quorate


def test_invitation_needs_four_full_days_unless_urgent() -> None:
    meeting = date(2026, 12, 10)
    ok = check_invitation(meeting - timedelta(days=5), meeting, 4, False, "")
    assert ok.full_days == 4 and ok.in_time
    with pytest.raises(ValidationError, match=r"05\.12\.2026") as late:
        check_invitation(meeting - timedelta(days=4), meeting, 4, False, "")
    assert late.value.field == "invited_on"
    with pytest.raises(ValidationError) as no_reason:
        check_invitation(meeting - timedelta(days=2), meeting, 4, True, " ")
    assert no_reason.value.field == "urgency_reason"
    urgent = check_invitation(meeting - timedelta(days=2), meeting, 4, True, "Frist der ADD")
    assert not urgent.in_time
    with pytest.raises(ValidationError):
        check_invitation(meeting, meeting, 4, True, "x")


def test_arrival_and_departure_must_name_items_in_order() -> None:
    with pytest.raises(ValidationError, match="Stadt Speyer"):
        check_presence(Presence(1, True, 3, 2), [1, 2, 3], "Stadt Speyer")
    with pytest.raises(ValidationError, match="TOP 1, 2, 3"):
        check_presence(Presence(1, True, None, 7), [1, 2, 3], "Stadt Speyer")
    assert check_presence(Presence(1, True, 2, 2), [1, 2, 3], "x").at(2)


def test_only_a_representative_of_the_member_casts_its_votes() -> None:
    assert check_representatives(["Frau A"], "", "Stadt Trier") == "Frau A"
    assert check_representatives(["Frau A", "Herr B"], "Herr B", "Stadt Trier") == "Herr B"
    with pytest.raises(ValidationError, match="Herr C") as refused:
        check_representatives(["Frau A", "Herr B"], "Herr C", "Stadt Trier")
    assert refused.value.field == "voting_representative"


def test_numbers() -> None:
    assert next_number(["1/2026", "2/2026", "7/2025"], 2026) == "3/2026"
    assert next_number([], 2027) == "1/2027"
    assert check_number(" 2/2026 ") == "2/2026"
    with pytest.raises(ValidationError):
        check_number("zwei")
