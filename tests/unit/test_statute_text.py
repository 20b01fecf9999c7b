"""Placeholders of the statute text and the settings of a version (pure domain)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.statute import (
    OrdinaryMajority,
    QualifiedMajority,
    QuorumRule,
    StatuteSettings,
    UnanimityRule,
    check_settings,
    in_force_on,
)
from zidkor_desktop.domain.statute_text import (
    LiveData,
    MemberShare,
    MemberTable,
    ServiceLine,
    resolve,
    resolved_text,
    unknown_placeholders,
)

LIVE = LiveData(
    as_of=date(2027, 1, 1),
    members=(
        MemberShare("KommWis GmbH", 7, Decimal("14000.00")),
        MemberShare("Stadt Worms", 1, Decimal("2000.00")),
    ),
    services=(ServiceLine("AutiSta", "Stadt Mainz"),),
    capital_per_vote=Decimal("2000.00"),
)


def plain(text: str) -> str:
    return text.replace("\xa0", " ")


def test_the_member_table_alone_on_its_line_becomes_a_table() -> None:
    parts = resolve("Mitglieder sind:\n  {{ mitgliedertabelle }}  \nSo ist es.", LIVE)
    assert parts[0] == "Mitglieder sind:" and parts[2] == "So ist es."
    assert parts[1] == MemberTable(LIVE.members, 8, Decimal("16000.00"))


def test_inline_placeholders_are_filled_in_german() -> None:
    text = plain(
        resolved_text(
            "{{mitglieder_anzahl}} Mitglieder, {{stimmen_gesamt}} Stimmen, {{kapital_je_stimme}} "
            "je Stimme, {{kapital_gesamt}} zum {{stichtag}}; Verfahren:\n{{verfahren}}",
            LIVE,
        )
    )
    assert text == (
        "2 Mitglieder, 8 Stimmen, 2.000,00 € je Stimme, 16.000,00 € zum 01.01.2027; Verfahren:\n"
        "– AutiSta (betreibende Stadt: Stadt Mainz)"
    )
    table = plain(resolved_text("Liste: {{mitgliedertabelle}}", LIVE))
    assert table.endswith("Insgesamt: 8 Stimmen, Stammkapital 16.000,00 €")
    assert "Stadt Worms: 1 Stimme, Anteil am Stammkapital 2.000,00 €" in table
    assert resolved_text("{{stimmen_gesamt}}", None) == "{{stimmen_gesamt}}"
    assert plain(resolved_text("{{verfahren}}", replace(LIVE, services=()))) == "– (derzeit keine)"


def test_unknown_placeholders_are_named() -> None:
    assert unknown_placeholders("{{stimmen_gesamt}} {{ foo }} {{Bar}} {{baz}}") == [
        "{{foo}}",
        "{{baz}}",
    ]


def test_settings_default_to_the_law_and_are_checked() -> None:
    settings = StatuteSettings()
    assert settings.capital_per_vote == Decimal("2000.00") and settings.invitation_days == 4
    assert settings.quorum_rule is QuorumRule.MEMBERS_AND_VOTES
    assert settings.ordinary_majority is OrdinaryMajority.PRESENT
    assert settings.amendment_majority is QualifiedMajority.TWO_THIRDS_VOTES
    assert settings.accession_majority is QualifiedMajority.TWO_THIRDS_VOTES_MAJORITY_MEMBERS
    assert settings.task_change_majority is QualifiedMajority.TWO_THIRDS_VOTES_TWO_THIRDS_MEMBERS
    assert check_settings(replace(settings, invitation_days=60)).invitation_days == 60
    for bad in (0, 61, True):
        with pytest.raises(ValidationError) as error:
            check_settings(replace(settings, invitation_days=bad))
        assert error.value.field == "invitation_days"
    with pytest.raises(ValidationError):
        check_settings(replace(settings, capital_per_vote=Decimal("-1")))
    for choices in (QuorumRule, OrdinaryMajority, QualifiedMajority, UnanimityRule):
        assert all(choice.label for choice in choices)  # every choice has its label


def test_version_in_force_on_a_day() -> None:
    starts = [(1, date(2012, 10, 1)), (3, date(2027, 1, 1))]
    assert in_force_on(starts, date(2012, 9, 30)) is None
    assert in_force_on(starts, date(2026, 12, 31)) == 1
    assert in_force_on(starts, date(2027, 1, 1)) == 3
