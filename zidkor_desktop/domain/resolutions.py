"""Resolutions: block votes, weighted totals, the majority each kind needs, and linked effects."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from zidkor_desktop.domain.errors import ValidationError
from zidkor_desktop.domain.kinds import LabelledEnum, Majority, Outcome, VoteChoice
from zidkor_desktop.domain.meetings import Member
from zidkor_desktop.domain.statute import (
    OrdinaryMajority,
    QualifiedMajority,
    StatuteSettings,
    UnanimityRule,
)
from zidkor_desktop.l10n import N_, _

CHOICES = (VoteChoice.YES, VoteChoice.NO, VoteChoice.ABSTAIN)


class EffectKind(LabelledEnum):
    """What an adopted resolution decides beyond its wording."""

    ACCESSION = "accession"
    EXIT = "exit"
    STATUTE = "statute"
    PRICE_LIST = "price_list"
    MINUTES = "minutes"

    @property
    def label(self) -> str:
        """Translated name of the effect."""
        return _(_EFFECT_LABELS[self])

    @property
    def majorities(self) -> tuple[Majority, ...]:
        """The kinds of resolution that can carry this effect."""
        return _EFFECT_MAJORITIES[self]


_EFFECT_LABELS = {
    EffectKind.ACCESSION: N_("Consent to the accession of a member"),
    EffectKind.EXIT: N_("Consent to the exit of a member"),
    EffectKind.STATUTE: N_("Adoption of a statute version"),
    EffectKind.PRICE_LIST: N_("Adoption of a price list version"),
    EffectKind.MINUTES: N_("Approval of the minutes of an earlier meeting"),
}
_EFFECT_MAJORITIES = {
    EffectKind.ACCESSION: (Majority.TWO_THIRDS_AND_MEMBERS,),
    EffectKind.EXIT: (Majority.TWO_THIRDS_AND_MEMBERS,),
    EffectKind.STATUTE: (Majority.TWO_THIRDS_STATUTORY, Majority.UNANIMOUS),
    EffectKind.PRICE_LIST: (Majority.SIMPLE, Majority.TWO_THIRDS_STATUTORY, Majority.UNANIMOUS),
    EffectKind.MINUTES: (Majority.SIMPLE,),
}


def check_effect(effect: EffectKind, majority: Majority) -> None:
    """A linked effect needs the kind of resolution the law asks for it."""
    if majority not in effect.majorities:
        raise ValidationError(
            _("Majority: „{effect}“ needs a resolution of the kind „{needed}“.").format(
                effect=effect.label, needed=" / ".join(m.label for m in effect.majorities)
            ),
            "majority",
        )


@dataclass(frozen=True)
class Ballot:
    """One member's block vote on an item."""

    member: Member
    choice: VoteChoice


@dataclass(frozen=True)
class Tally:
    """Weighted totals of an item's vote, the members behind them and the bases of majorities."""

    yes: int
    no: int
    abstain: int
    yes_members: tuple[str, ...]
    no_members: tuple[str, ...]
    abstain_members: tuple[str, ...]
    present_votes: int
    """Votes of the members present and taking part (not excluded)."""
    statutory_votes: int
    statutory_members: int

    @property
    def cast(self) -> int:
        """Votes cast yes or no (abstentions are not cast)."""
        return self.yes + self.no


def tally(
    ballots: Sequence[Ballot], voters: Sequence[Member], statutory: Sequence[Member]
) -> Tally:
    """Check that every member present and taking part voted once, as a block; add up."""
    allowed = {m.organisation_id: m for m in voters}
    seen: set[int] = set()
    for ballot in ballots:
        member = ballot.member
        if member.organisation_id not in allowed:
            raise ValidationError(
                _("{name} is absent or excluded at this item and cannot vote.").format(
                    name=member.name
                ),
                "votes",
            )
        if member.organisation_id in seen:
            raise ValidationError(
                _("{name} casts its votes as one block: one choice only.").format(name=member.name),
                "votes",
            )
        if ballot.choice not in CHOICES:
            raise ValidationError(
                _("{name}: choose yes, no or abstain.").format(name=member.name), "votes"
            )
        seen.add(member.organisation_id)
    missing = [m.name for m in voters if m.organisation_id not in seen]
    if missing:
        raise ValidationError(
            _("Please enter the vote of every member present: {names}.").format(
                names=", ".join(missing)
            ),
            "votes",
        )

    def weight(choice: VoteChoice) -> int:
        return sum(allowed[b.member.organisation_id].votes for b in ballots if b.choice is choice)

    def names(choice: VoteChoice) -> tuple[str, ...]:
        return tuple(b.member.name for b in ballots if b.choice is choice)

    return Tally(
        yes=weight(VoteChoice.YES),
        no=weight(VoteChoice.NO),
        abstain=weight(VoteChoice.ABSTAIN),
        yes_members=names(VoteChoice.YES),
        no_members=names(VoteChoice.NO),
        abstain_members=names(VoteChoice.ABSTAIN),
        present_votes=sum(m.votes for m in voters),
        statutory_votes=sum(m.votes for m in statutory),
        statutory_members=len(statutory),
    )


@dataclass(frozen=True)
class Decision:
    """The outcome of a vote, the rule applied with its base, and why."""

    outcome: Outcome
    rule: str
    needed: str
    reason: str


def _more_than_half(base: int) -> int:
    return base // 2 + 1


def _at_least_share(base: int, num: int, den: int) -> int:
    return -(-base * num // den)


def _qualified(rule: QualifiedMajority, t: Tally) -> tuple[bool, str]:
    """Whether a qualified majority is met, and what it needs in figures."""
    votes, members = t.statutory_votes, t.statutory_members
    yes_members = len(t.yes_members)
    if rule is QualifiedMajority.UNANIMOUS:
        return t.yes == votes, _("all {votes} statutory votes").format(votes=votes)
    if rule is QualifiedMajority.THREE_QUARTERS_VOTES:
        need = _at_least_share(votes, 3, 4)
    else:
        need = _at_least_share(votes, 2, 3)
    ok = t.yes >= need
    needed = _("at least {need} of the {votes} statutory votes").format(need=need, votes=votes)
    if rule is QualifiedMajority.TWO_THIRDS_VOTES_MAJORITY_MEMBERS:
        need_members = _more_than_half(members)
    elif rule is QualifiedMajority.TWO_THIRDS_VOTES_TWO_THIRDS_MEMBERS:
        need_members = _at_least_share(members, 2, 3)
    else:
        return ok, needed
    needed += " " + _("and the consent of at least {need} of the {members} members").format(
        need=need_members, members=members
    )
    return ok and yes_members >= need_members, needed


def decide(majority: Majority, settings: StatuteSettings, t: Tally, quorate: bool) -> Decision:
    """The outcome under the rule the statute in force sets for this kind of resolution."""
    if majority is Majority.NONE:
        raise ValidationError(_("This item has no resolution to vote on."), "majority")
    if majority is Majority.SIMPLE:
        rule = settings.ordinary_majority.label
        if settings.ordinary_majority is OrdinaryMajority.PRESENT:
            need = _more_than_half(t.present_votes)
            needed = _("more than half of the {base} votes of the members present: {need}").format(
                base=t.present_votes, need=need
            )
        else:
            need = _more_than_half(t.cast) if t.cast else 1
            needed = _("more yes than no votes: {need} of the {base} votes cast").format(
                base=t.cast, need=need
            )
        adopted = t.yes >= need
    elif majority is Majority.UNANIMOUS:
        rule = settings.unanimity_rule.label
        if settings.unanimity_rule is UnanimityRule.ALL_STATUTORY:
            adopted = t.yes == t.statutory_votes
            needed = _("all {votes} statutory votes").format(votes=t.statutory_votes)
        else:
            adopted = t.no == 0 and t.yes > 0
            needed = _("every vote cast in favour")
    else:
        qualified = {
            Majority.TWO_THIRDS_STATUTORY: settings.amendment_majority,
            Majority.TWO_THIRDS_AND_MEMBERS: settings.accession_majority,
            Majority.TASK_CHANGE: settings.task_change_majority,
        }[majority]
        rule = qualified.label
        adopted, needed = _qualified(qualified, t)
    if not quorate:
        return Decision(
            Outcome.NOT_QUORATE,
            rule,
            needed,
            _("The assembly was not quorate at this item: no resolution."),
        )
    reason = _("{yes} yes, {no} no, {abstain} abstaining; needed: {needed}").format(
        yes=t.yes, no=t.no, abstain=t.abstain, needed=needed
    )
    return Decision(Outcome.ADOPTED if adopted else Outcome.REJECTED, rule, needed, reason)


def voters_at(members: Iterable[Member], present: set[int], excluded: set[int]) -> list[Member]:
    """Members present at an item and not excluded: those who vote."""
    return [
        m for m in members if m.organisation_id in present and m.organisation_id not in excluded
    ]
