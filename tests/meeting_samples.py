"""The meeting of workflow 8 as a plain MeetingRecord, computed with the real domain rules."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, time

from tests.invoice_samples import BUYER, SELLER
from zidkor_desktop.domain.invoice import Buyer
from zidkor_desktop.domain.kinds import Majority, MeetingStatus, MinutesStatus, VoteChoice
from zidkor_desktop.domain.meeting_record import AttendanceRecord, ItemRecord, MeetingRecord
from zidkor_desktop.domain.meetings import Member, Presence, item_quorum
from zidkor_desktop.domain.resolutions import Ballot, decide, tally, voters_at
from zidkor_desktop.domain.statute import StatuteSettings

Y, N, A = VoteChoice.YES, VoteChoice.NO, VoteChoice.ABSTAIN

KOMMWIS = Member(9, "KommWis GmbH", 7)
KOBLENZ = Member(1, "Stadt Koblenz", 1)
KAISERSLAUTERN = Member(2, "Stadt Kaiserslautern", 1)
LUDWIGSHAFEN = Member(3, "Stadt Ludwigshafen am Rhein", 1)
NEUSTADT = Member(4, "Stadt Neustadt an der Weinstraße", 1)
NEUWIED = Member(5, "Stadt Neuwied", 1)
SPEYER = Member(6, "Stadt Speyer", 1)
TRIER = Member(7, "Stadt Trier", 1)
MAINZ = Member(8, "Stadt Mainz", 1)
MEMBERS = tuple(
    sorted(
        (KOMMWIS, KOBLENZ, KAISERSLAUTERN, LUDWIGSHAFEN, NEUSTADT, NEUWIED, SPEYER, TRIER, MAINZ),
        key=lambda m: m.name,
    )
)
ABSENT = (TRIER, MAINZ)
LEAVES_AFTER_3 = SPEYER
EXCLUDED = (KOBLENZ, "Oberbürgermeister ist Verbandsvorsteher")
REPRESENTATIVES = {
    KOMMWIS.organisation_id: ("Dr. Petra Wirth", "Jonas Keller"),
    KOBLENZ.organisation_id: ("Bürgermeisterin Ulrike Stein",),
    KAISERSLAUTERN.organisation_id: ("Beigeordneter Tim Roth",),
    LUDWIGSHAFEN.organisation_id: ("Oberbürgermeisterin Eva Lang",),
    NEUSTADT.organisation_id: ("Bürgermeister Karl Weiß & Sohn <Test>",),
    NEUWIED.organisation_id: ("Beigeordnete Mira Öztürk",),
    SPEYER.organisation_id: ("Oberbürgermeister Stefan Hahn",),
}


@dataclass(frozen=True)
class ItemPlan:
    """An agenda item as planned: its majority, wording, exclusion and block votes."""

    title: str
    majority: Majority
    text: str = ""
    public: bool = True
    excluded: tuple[tuple[Member, str], ...] = ()
    votes: tuple[tuple[Member, VoteChoice], ...] = ()
    objections: str = ""
    objection_decision: str = ""
    explanation: str = ""


def _all(choice: VoteChoice, *, but: dict[Member, VoteChoice] | None = None) -> tuple:
    """Every member of MEMBERS voting `choice` except the ones named (filtered per item later)."""
    but = but or {}
    return tuple((m, but.get(m, choice)) for m in MEMBERS)


PLANS = (
    ItemPlan(
        "Eröffnung, Feststellung der ordnungsgemäßen Einladung und der Beschlussfähigkeit",
        Majority.NONE,
        explanation="Der Vorsitzende eröffnet die Sitzung und begrüßt die Anwesenden.",
    ),
    ItemPlan(
        "Genehmigung der Niederschrift der Sitzung 1/2026",
        Majority.SIMPLE,
        "Die Niederschrift der Sitzung 1/2026 vom 12.03.2026 wird genehmigt.",
        votes=_all(Y),
        objections="Stadt Kaiserslautern: In TOP 4 fehlt der Hinweis auf die Vorlage 7/2026.",
        objection_decision="Die Niederschrift wird um den Hinweis ergänzt.",
    ),
    ItemPlan(
        "Leistungs- und Entgeltverzeichnis 2027",
        Majority.SIMPLE,
        "Die Verbandsversammlung beschließt das Leistungs- und Entgeltverzeichnis 2027 "
        "mit Wirkung vom 1. Januar 2027.",
        votes=_all(Y, but={KOBLENZ: N, KAISERSLAUTERN: A}),
    ),
    ItemPlan(
        "Beitritt der Verbandsgemeinde Musterland",
        Majority.TWO_THIRDS_AND_MEMBERS,
        "Die Verbandsversammlung stimmt dem Beitritt der Verbandsgemeinde Musterland mit "
        "einer Stimme zum 1. Januar 2027 zu.",
        votes=_all(Y, but={NEUWIED: N}),
    ),
    ItemPlan(
        "Feststellung des Jahresabschlusses 2025 und Entlastung des Verbandsvorstehers",
        Majority.SIMPLE,
        "Die Verbandsversammlung stellt den Jahresabschluss 2025 fest und entlastet den "
        "Verbandsvorsteher.",
        excluded=(EXCLUDED,),
        votes=_all(Y),
    ),
    ItemPlan("Verschiedenes", Majority.NONE),
    ItemPlan(
        "Personalangelegenheit: Besetzung der Stelle der Geschäftsleitung",
        Majority.SIMPLE,
        "Die Stelle der Geschäftsleitung wird mit Frau B. besetzt.",
        public=False,
        votes=_all(Y, but={KOMMWIS: A}),
    ),
)


def _address(member: Member) -> Buyer:
    city = member.name.removeprefix("Stadt ").removesuffix(" GmbH")
    return replace(
        BUYER,
        name=member.name,
        address_extra="Der Oberbürgermeister" if member.name.startswith("Stadt") else "",
        street=f"Rathausplatz {member.organisation_id}",
        postcode=f"5{member.organisation_id:04d}",
        city=city,
        debtor_number="",
        leitweg_id="",
    )


def attendance(late: Member | None = None) -> tuple[AttendanceRecord, ...]:
    """KommWis and six cities present, Speyer leaving after item 3; `late` arrives at item 2."""
    records = []
    for m in MEMBERS:
        present = m not in ABSENT or m == late
        names = REPRESENTATIVES.get(m.organisation_id, ("Vertretung " + m.name,))
        records.append(
            AttendanceRecord(
                member=m,
                present=present,
                representatives=names if present else (),
                voting_representative=names[0] if present else "",
                arrives_before=2 if m == late else None,
                leaves_after=3 if m == LEAVES_AFTER_3 else None,
                address=_address(m),
            )
        )
    return tuple(records)


def _item(
    position: int,
    plan: ItemPlan,
    people: tuple[AttendanceRecord, ...],
    settings: StatuteSettings,
    second: date | None,
) -> ItemRecord:
    presences: list[Presence] = [a.presence for a in people]
    excluded_ids = {m.organisation_id for m, _reason in plan.excluded}
    quorum = item_quorum(MEMBERS, presences, position, excluded_ids, settings, second)
    here = {p.organisation_id for p in presences if p.at(position)}
    voters = tuple(voters_at(MEMBERS, here, excluded_ids))
    ballots = tuple(Ballot(m, c) for m, c in plan.votes if m in voters)
    counted = tally(ballots, voters, MEMBERS) if ballots else None
    decision = decide(plan.majority, settings, counted, quorum.quorate) if counted else None
    return ItemRecord(
        id=100 + position,
        position=position,
        title=plan.title,
        explanation=plan.explanation,
        public=plan.public,
        resolution_text=plan.text,
        majority=plan.majority,
        quorum=quorum,
        excluded=plan.excluded,
        voters=voters,
        ballots=ballots,
        outcome=decision.outcome if decision else None,
        tally=counted,
        decision=decision,
        effect=None,
        objections=plan.objections,
        objection_decision=plan.objection_decision,
        assignee="",
        due_on=None,
        done_on=None,
        done_note="",
        arrivals=tuple(a.member.name for a in people if a.present and a.arrives_before == position),
        departures=tuple(
            a.member.name for a in people if a.present and a.leaves_after == position - 1
        ),
    )


def workflow_meeting(
    *,
    urgent: bool = False,
    second_of: date | None = None,
    late: Member | None = None,
    plans: tuple[ItemPlan, ...] = PLANS,
) -> MeetingRecord:
    """Meeting 2/2026 of workflow 8 with attendance, an exclusion and votes on each resolution."""
    settings = StatuteSettings()
    people = attendance(late)
    return MeetingRecord(
        id=1,
        version=1,
        number="2/2026",
        title="Verbandsversammlung 2/2026",
        held_on=date(2026, 12, 10),
        starts_at=time(10, 0),
        ends_at=time(12, 45),
        place="Mainz, Rathaus, Ratssaal",
        status=MeetingStatus.HELD,
        chair_name="Oberbürgermeister Dr. Max Beispiel",
        minute_taker="Anna Schreiber",
        invited_on=date(2026, 11, 20) if not urgent else date(2026, 12, 8),
        urgent=urgent,
        urgency_reason="Die Frist für den Förderantrag endet am 15.12.2026." if urgent else "",
        second_invitation_of=(7, "1/2026", second_of) if second_of else None,
        notes="",
        minutes_status=MinutesStatus.DRAFT,
        minutes_signed_on=None,
        minutes_approved_on=None,
        minutes_approved_by="",
        settings=settings,
        statute_version=1,
        members=MEMBERS,
        attendance=people,
        items=tuple(
            _item(n, plan, people, settings, second_of) for n, plan in enumerate(plans, start=1)
        ),
        association=SELLER,
        chair_title="Verbandsvorsteher",
    )
