"""Majorities at their edges, each rule the statute can set (§ 40 GemO, § 6 KomZG)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.kinds import Majority, Outcome, VoteChoice
from zidkor_desktop.domain.meetings import Member
from zidkor_desktop.domain.resolutions import (
    Ballot,
    EffectKind,
    check_effect,
    decide,
    tally,
)
from zidkor_desktop.domain.statute import (
    OrdinaryMajority,
    QualifiedMajority,
    StatuteSettings,
    UnanimityRule,
)

CITIES = [Member(i, f"Stadt {i}", 1) for i in range(1, 9)]
KOMMWIS = Member(9, "KommWis GmbH", 7)
ALL = [*CITIES, KOMMWIS]
DEFAULT = StatuteSettings()
Y, N, A = VoteChoice.YES, VoteChoice.NO, VoteChoice.ABSTAIN


def vote(choices: dict[int, VoteChoice], voters: list[Member] = ALL):
    """Tally of the given choices by organisation id among `voters`."""
    by_id = {m.organisation_id: m for m in voters}
    return tally([Ballot(by_id[i], c) for i, c in choices.items()], voters, ALL)


def outcome(kind: Majority, choices: dict[int, VoteChoice], settings=DEFAULT, voters=ALL):
    """The outcome of a vote under `settings`."""
    return decide(kind, settings, vote(choices, voters), quorate=True).outcome


def test_weights_and_members_behind_them() -> None:
    t = vote({**{i: Y for i in range(1, 6)}, 6: N, 7: A, 8: A, 9: Y})
    assert (t.yes, t.no, t.abstain) == (12, 1, 2)
    assert t.yes_members == ("Stadt 1", "Stadt 2", "Stadt 3", "Stadt 4", "Stadt 5", "KommWis GmbH")
    assert (t.present_votes, t.statutory_votes, t.statutory_members) == (15, 15, 9)


def test_ordinary_tie_fails() -> None:
    six = [*CITIES[:6]]
    assert outcome(Majority.SIMPLE, {1: Y, 2: Y, 3: Y, 4: N, 5: N, 6: N}, voters=six) is (
        Outcome.REJECTED
    )
    assert outcome(Majority.SIMPLE, {1: Y, 2: Y, 3: Y, 4: Y, 5: N, 6: N}, voters=six) is (
        Outcome.ADOPTED
    )


def test_all_abstaining_fails_under_both_rules() -> None:
    cast = replace(DEFAULT, ordinary_majority=OrdinaryMajority.CAST)
    everyone = {m.organisation_id: A for m in ALL}
    assert outcome(Majority.SIMPLE, everyone) is Outcome.REJECTED
    assert outcome(Majority.SIMPLE, everyone, cast) is Outcome.REJECTED


def test_abstentions_decide_under_the_default_rule_not_under_votes_cast() -> None:
    # KommWis abstains (7), 5 cities yes (5), 3 cities no (3): 5 of 15 present, 5 of 8 cast
    choices = {1: Y, 2: Y, 3: Y, 4: Y, 5: Y, 6: N, 7: N, 8: N, 9: A}
    present = decide(Majority.SIMPLE, DEFAULT, vote(choices), True)
    assert present.outcome is Outcome.REJECTED
    assert present.needed == "mehr als die Hälfte der 15 Stimmen der anwesenden Mitglieder: 8"
    cast = replace(DEFAULT, ordinary_majority=OrdinaryMajority.CAST)
    assert outcome(Majority.SIMPLE, choices, cast) is Outcome.ADOPTED


def test_two_thirds_of_statutory_votes_exactly_met_and_missed_by_one() -> None:
    # 10 of 15: KommWis (7) + three cities
    met = {9: Y, 1: Y, 2: Y, 3: Y, 4: N, 5: N, 6: N, 7: N, 8: N}
    assert outcome(Majority.TWO_THIRDS_STATUTORY, met) is Outcome.ADOPTED
    missed = dict(met) | {3: N}
    assert outcome(Majority.TWO_THIRDS_STATUTORY, missed) is Outcome.REJECTED
    # the base is the statutory votes, not those present: 10 yes of 10 present is not enough
    present = [KOMMWIS, *CITIES[:3]]
    assert (
        outcome(Majority.TWO_THIRDS_STATUTORY, {9: Y, 1: Y, 2: Y}, voters=[KOMMWIS, *CITIES[:2]])
        is Outcome.REJECTED
    )
    assert (
        outcome(Majority.TWO_THIRDS_STATUTORY, {9: Y, 1: Y, 2: Y, 3: Y}, voters=present)
        is Outcome.ADOPTED
    )


def test_accession_with_enough_votes_but_not_a_majority_of_members() -> None:
    four = {9: Y, 1: Y, 2: Y, 3: Y, 4: N, 5: N, 6: N, 7: N, 8: N}  # 10 votes, 4 members
    decision = decide(Majority.TWO_THIRDS_AND_MEMBERS, DEFAULT, vote(four), True)
    assert decision.outcome is Outcome.REJECTED
    assert "mindestens 5 der 9 Mitglieder" in decision.needed
    five = dict(four) | {4: Y}
    assert outcome(Majority.TWO_THIRDS_AND_MEMBERS, five) is Outcome.ADOPTED
    # eight cities: a majority of members but only 8 of 15 votes
    cities = {i: Y for i in range(1, 9)} | {9: N}
    assert outcome(Majority.TWO_THIRDS_AND_MEMBERS, cities) is Outcome.REJECTED


def test_change_of_tasks_needs_two_thirds_of_the_members() -> None:
    five = {9: Y, 1: Y, 2: Y, 3: Y, 4: Y, 5: N, 6: N, 7: N, 8: N}  # 11 votes, 5 of 9 members
    assert outcome(Majority.TASK_CHANGE, five) is Outcome.REJECTED
    six = dict(five) | {5: Y}  # 6 of 9 = two thirds
    assert outcome(Majority.TASK_CHANGE, six) is Outcome.ADOPTED
    settings = replace(DEFAULT, task_change_majority=QualifiedMajority.TWO_THIRDS_VOTES)
    assert outcome(Majority.TASK_CHANGE, five, settings) is Outcome.ADOPTED


def test_three_quarters_rule() -> None:
    settings = replace(DEFAULT, amendment_majority=QualifiedMajority.THREE_QUARTERS_VOTES)
    twelve = {9: Y, **{i: Y for i in range(1, 6)}, 6: N, 7: N, 8: N}
    assert outcome(Majority.TWO_THIRDS_STATUTORY, twelve, settings) is Outcome.ADOPTED
    eleven = dict(twelve) | {5: N}
    assert outcome(Majority.TWO_THIRDS_STATUTORY, eleven, settings) is Outcome.REJECTED


def test_unanimity_all_statutory_votes_unless_the_statute_says_votes_cast() -> None:
    all_yes = {m.organisation_id: Y for m in ALL}
    assert outcome(Majority.UNANIMOUS, all_yes) is Outcome.ADOPTED
    one_abstains = dict(all_yes) | {8: A}
    assert outcome(Majority.UNANIMOUS, one_abstains) is Outcome.REJECTED
    absent = [m for m in ALL if m.organisation_id != 8]
    without = {i: c for i, c in all_yes.items() if i != 8}
    assert outcome(Majority.UNANIMOUS, without, voters=absent) is Outcome.REJECTED
    cast = replace(DEFAULT, unanimity_rule=UnanimityRule.ALL_CAST)
    assert outcome(Majority.UNANIMOUS, one_abstains, cast) is Outcome.ADOPTED
    assert outcome(Majority.UNANIMOUS, dict(all_yes) | {8: N}, cast) is Outcome.REJECTED


def test_not_quorate_means_no_resolution() -> None:
    decision = decide(Majority.SIMPLE, DEFAULT, vote({m.organisation_id: Y for m in ALL}), False)
    assert decision.outcome is Outcome.NOT_QUORATE


def test_a_block_is_cast_once_only_by_members_present() -> None:
    with pytest.raises(ValidationError, match="Stadt 1"):
        tally([Ballot(CITIES[0], Y), Ballot(CITIES[0], N)], ALL, ALL)
    with pytest.raises(ValidationError, match="KommWis"):
        tally([Ballot(KOMMWIS, Y)], CITIES, ALL)
    with pytest.raises(ValidationError, match="Stadt 2"):
        tally([Ballot(CITIES[0], Y)], CITIES[:2], ALL)
    with pytest.raises(ValidationError):
        tally([Ballot(CITIES[0], VoteChoice.NOT_TAKING_PART)], CITIES[:1], ALL)


def test_effects_need_their_kind_of_resolution() -> None:
    check_effect(EffectKind.ACCESSION, Majority.TWO_THIRDS_AND_MEMBERS)
    with pytest.raises(ValidationError) as refused:
        check_effect(EffectKind.ACCESSION, Majority.SIMPLE)
    assert refused.value.field == "majority"
    with pytest.raises(ValidationError):
        check_effect(EffectKind.STATUTE, Majority.SIMPLE)
    check_effect(EffectKind.PRICE_LIST, Majority.SIMPLE)
