"""A meeting on the demo data as workflow 8 has it: agenda, invitation, attendance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from zidkor_desktop.db.session import Database
from zidkor_desktop.domain.kinds import Majority, OrganisationKind, VoteChoice
from zidkor_desktop.domain.membership_steps import Step
from zidkor_desktop.domain.resolutions import EffectKind
from zidkor_desktop.queries.meeting_effects import effect_targets
from zidkor_desktop.queries.meeting_record import meeting_record
from zidkor_desktop.usecases.demo import load_demo
from zidkor_desktop.usecases.meetings import (
    AttendanceInput,
    ItemInput,
    MeetingInput,
    add_item,
    create_meeting,
    save_attendance,
)
from zidkor_desktop.usecases.members import MemberInput
from zidkor_desktop.usecases.membership_steps import (
    StepInput,
    membership_version,
    record_application,
    take_step,
)

TODAY = date(2026, 11, 25)
DAY = date(2027, 3, 10)
AFTER = date(2027, 3, 11)
WORMS = "Stadt Worms"
ABSENT = ("Stadt Speyer", "Stadt Trier")
LEAVING = "Stadt Neuwied"


@dataclass
class Meeting:
    """Ids of the meeting and its items, and the members by name."""

    id: int
    items: dict[str, int]
    members: dict[str, int]


def applicant(db: Database) -> int:
    """Stadt Worms with its council's resolution: waits for the assembly's consent."""
    org = record_application(
        db,
        MemberInput(name=WORMS, kind=OrganisationKind.CITY, votes=1, applied_on=date(2026, 9, 1)),
        TODAY,
    )
    version = membership_version(db, org)
    take_step(
        db,
        org,
        version,
        StepInput(Step.COUNCIL_RESOLUTION, date(2026, 10, 1), "Stadtrat Worms, Beschluss 12/2026"),
        TODAY,
    )
    return org


def workflow_meeting(db: Database) -> Meeting:
    """Demo data, an applicant, and meeting 1/2027 with price list, accession, accounts, statute."""
    load_demo(db, TODAY)
    worms = applicant(db)
    meeting_id = create_meeting(
        db,
        MeetingInput(
            number="1/2027",
            held_on=DAY,
            starts_at=time(10),
            place="Mainz",
            chair_name="Oberbürgermeister Koblenz",
            minute_taker="Frau Schmitt",
        ),
    )
    price_list = effect_targets(db, EffectKind.PRICE_LIST)[0].id
    statute = effect_targets(db, EffectKind.STATUTE)[0].id
    items = {
        "price": ItemInput(
            "Leistungs- und Entgeltverzeichnis 2027/II",
            resolution_text="Die Verbandsversammlung beschließt das Entgeltverzeichnis.",
            majority=Majority.SIMPLE,
            effect_kind=EffectKind.PRICE_LIST,
            effect_target_id=price_list,
            effect_valid_from=date(2027, 4, 1),
        ),
        "accession": ItemInput(
            "Beitritt der Stadt Worms",
            resolution_text="Die Verbandsversammlung stimmt dem Beitritt der Stadt Worms zu.",
            majority=Majority.TWO_THIRDS_AND_MEMBERS,
            effect_kind=EffectKind.ACCESSION,
            effect_target_id=worms,
        ),
        "accounts": ItemInput(
            "Jahresabschluss 2025",
            resolution_text="Der Jahresabschluss 2025 wird festgestellt.",
            majority=Majority.SIMPLE,
        ),
        "statute": ItemInput(
            "Änderung der Verbandsordnung",
            resolution_text="Die Verbandsversammlung beschließt die 1. Änderungssatzung.",
            majority=Majority.TWO_THIRDS_STATUTORY,
            effect_kind=EffectKind.STATUTE,
            effect_target_id=statute,
        ),
        "staff": ItemInput(
            "Personalangelegenheit",
            public=False,
            resolution_text="Die Stelle wird besetzt.",
            majority=Majority.SIMPLE,
        ),
    }
    ids = {key: add_item(db, meeting_id, data) for key, data in items.items()}
    record = meeting_record(db, meeting_id)
    members = {m.name: m.organisation_id for m in record.members}
    entries = [
        AttendanceInput(
            organisation_id=org,
            present=name not in ABSENT,
            representatives=() if name in ABSENT else (f"Vertretung {name}", f"Zweite {name}"),
            voting_representative="" if name in ABSENT else f"Vertretung {name}",
            leaves_after=3 if name == LEAVING else None,
        )
        for name, org in members.items()
    ]
    save_attendance(db, meeting_id, entries)
    return Meeting(meeting_id, ids, members)


def all_voting(db: Database, meeting: Meeting, key: str, choice: VoteChoice = VoteChoice.YES):
    """Every voter of the item with the same choice."""
    record = meeting_record(db, meeting.id)
    item = next(i for i in record.items if i.id == meeting.items[key])
    return {m.organisation_id: choice for m in item.voters}
