"""Demo meetings: the founding assembly of 2012 (held, voted, minutes signed) and the one planned
for December 2026 with its agenda linked to the draft price list and statute amendment."""

from __future__ import annotations

from datetime import date, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from zidkor_desktop.db.models import (
    AgendaItem,
    Attendance,
    BlockVote,
    Meeting,
    PriceList,
    StatuteVersion,
)
from zidkor_desktop.domain.kinds import (
    Majority,
    MeetingStatus,
    MinutesStatus,
    PriceListStatus,
    StatuteStatus,
    VoteChoice,
)
from zidkor_desktop.domain.meetings import Presence, item_quorum
from zidkor_desktop.domain.resolutions import Ballot, EffectKind, decide, tally, voters_at
from zidkor_desktop.queries.meeting_record import members_on, statute_settings_on
from zidkor_desktop.usecases.minutes import sign_in

EXAMPLE = "Beispiel"
CHAIR = "Oberbürgermeister der Stadt Koblenz"
ABSENT = "Stadt Speyer"
LEAVES_AFTER_3 = "Stadt Trier"
# title, majority, public, resolution, choices that differ from yes
FOUNDING_AGENDA: list[tuple[str, Majority, bool, str, dict[str, VoteChoice]]] = [
    (
        "Eröffnung, Feststellung der ordnungsgemäßen Einladung und der Beschlussfähigkeit",
        Majority.NONE, True, "", {},
    ),
    (
        "Wahl des Verbandsvorstehers",
        Majority.SIMPLE, True,
        "Die Verbandsversammlung wählt den Oberbürgermeister der Stadt Koblenz zum "
        "Verbandsvorsteher.",
        {},
    ),
    (
        "Leistungs- und Entgeltverzeichnis 2013",
        Majority.SIMPLE, True,
        "Die Verbandsversammlung beschließt das Leistungs- und Entgeltverzeichnis 2013 mit "
        "Wirkung vom 1. Januar 2013.",
        {"Stadt Neuwied": VoteChoice.ABSTAIN},
    ),
    (
        "Haushaltsplan 2013",
        Majority.SIMPLE, True,
        "Die Verbandsversammlung beschließt den Haushaltsplan 2013 in der vorgelegten Fassung.",
        {"Stadt Kaiserslautern": VoteChoice.NO},
    ),
    (
        "Bestellung der Leitung der Geschäftsstelle",
        Majority.SIMPLE, False,
        "Die Verbandsversammlung stimmt der Bestellung der Leitung der Geschäftsstelle zu.",
        {},
    ),
]  # fmt: skip


def _founding(session: Session) -> Meeting:
    """The founding assembly: all but Speyer present, Trier leaving after item 3, votes."""
    meeting = Meeting(
        number="1/2012",
        title=f"Konstituierende Sitzung der Verbandsversammlung ({EXAMPLE})",
        held_on=date(2012, 10, 25),
        starts_at=time(14, 0),
        ends_at=time(16, 10),
        place=f"Mainz, Rathaus, Ratssaal ({EXAMPLE})",
        status=MeetingStatus.HELD.value,
        chair_name=CHAIR,
        minute_taker=f"Geschäftsstelle ZIDKOR ({EXAMPLE})",
        invited_on=date(2012, 10, 10),
        minutes_status=MinutesStatus.DRAFT.value,
        is_example=True,
    )
    members = [m for m, _org in members_on(session, meeting.held_on)]
    presences = []
    for member in members:
        present = member.name != ABSENT
        leaves = 3 if member.name == LEAVES_AFTER_3 else None
        presences.append(Presence(member.organisation_id, present, None, leaves))
        representative = f"Vertretung {member.name} ({EXAMPLE})"
        meeting.attendance.append(
            Attendance(
                organisation_id=member.organisation_id,
                present=present,
                representatives=representative if present else "",
                voting_representative=representative if present else "",
                votes=member.votes,
                leaves_after_position=leaves,
            )
        )
    settings = statute_settings_on(session, meeting.held_on)[1]
    for position, (title, majority, public, text, choices) in enumerate(FOUNDING_AGENDA, start=1):
        item = AgendaItem(
            position=position, title=title, majority=majority.value, public=public,
            resolution_text=text,
        )  # fmt: skip
        meeting.agenda.append(item)
        if majority is Majority.NONE:
            continue
        quorum = item_quorum(members, presences, position, (), settings)
        here = {p.organisation_id for p in presences if p.at(position)}
        voters = voters_at(members, here, set())
        ballots = [Ballot(m, choices.get(m.name, VoteChoice.YES)) for m in voters]
        decision = decide(majority, settings, tally(ballots, voters, members), quorum.quorate)
        item.votes = [
            BlockVote(organisation_id=b.member.organisation_id, choice=b.choice.value,
                      votes=b.member.votes)
            for b in ballots
        ]  # fmt: skip
        item.outcome = decision.outcome.value
        item.assignee = f"Geschäftsstelle ({EXAMPLE})"
        item.done_on = date(2012, 12, 14)
        item.done_note = "Umgesetzt"
    session.add(meeting)
    session.flush()
    return meeting


def _planned(session: Session, founding: Meeting) -> Meeting:
    """The December 2026 meeting: minutes, price list 2027, statute amendment, accounts, other."""
    price_list = session.scalar(
        select(PriceList).where(PriceList.status == PriceListStatus.DRAFT.value)
    )
    statute = session.scalar(
        select(StatuteVersion).where(StatuteVersion.status == StatuteStatus.DRAFT.value)
    )
    meeting = Meeting(
        number="2/2026",
        title=f"Verbandsversammlung ({EXAMPLE})",
        held_on=date(2026, 12, 10),
        starts_at=time(10, 0),
        place=f"Mainz, Rathaus ({EXAMPLE})",
        status=MeetingStatus.PLANNED.value,
        chair_name=CHAIR,
        minute_taker=f"Geschäftsstelle ZIDKOR ({EXAMPLE})",
        minutes_status=MinutesStatus.DRAFT.value,
        is_example=True,
    )
    agenda = [
        AgendaItem(
            title="Eröffnung, Feststellung der ordnungsgemäßen Einladung und der "
            "Beschlussfähigkeit",
            majority=Majority.NONE.value,
        ),
        AgendaItem(
            title="Leistungs- und Entgeltverzeichnis 2027",
            majority=Majority.SIMPLE.value,
            resolution_text="Die Verbandsversammlung beschließt das Leistungs- und "
            "Entgeltverzeichnis 2027 mit Wirkung vom 1. Januar 2027.",
            effect_kind=EffectKind.PRICE_LIST.value if price_list else None,
            effect_target_id=price_list.id if price_list else None,
            effect_valid_from=date(2027, 1, 1) if price_list else None,
        ),
        AgendaItem(
            title="1. Satzung zur Änderung der Verbandsordnung",
            majority=Majority.TWO_THIRDS_STATUTORY.value,
            resolution_text="Die Verbandsversammlung beschließt die 1. Satzung zur Änderung "
            "der Verbandsordnung in der vorgelegten Fassung.",
            effect_kind=EffectKind.STATUTE.value if statute else None,
            effect_target_id=statute.id if statute else None,
        ),
        AgendaItem(
            title="Feststellung des Jahresabschlusses 2025 und Entlastung des Verbandsvorstehers",
            majority=Majority.SIMPLE.value,
            resolution_text="Die Verbandsversammlung stellt den Jahresabschluss 2025 fest und "
            "entlastet den Verbandsvorsteher.",
        ),
        AgendaItem(
            title="Vergabe der Rechenzentrumsleistungen ab 2028",
            public=False,
            majority=Majority.SIMPLE.value,
            resolution_text="Die Verbandsversammlung ermächtigt den Verbandsvorsteher, den "
            "Auftrag an den wirtschaftlichsten Bieter zu vergeben.",
        ),
        AgendaItem(title="Verschiedenes", majority=Majority.NONE.value),
    ]
    for position, item in enumerate(agenda, start=1):
        item.position = position
        meeting.agenda.append(item)
    session.add(meeting)
    session.flush()
    return meeting


def add_demo_meetings(session: Session) -> Meeting:
    """Both demo meetings (inside the demo's transaction); the founding one is returned."""
    founding = _founding(session)
    sign_in(session, founding, date(2012, 11, 5))
    _planned(session, founding)
    return founding
