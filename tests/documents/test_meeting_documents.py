"""Meeting PDFs: invitations, public notice, minutes of each part and the resolution extract."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader

from tests.meeting_samples import (
    ABSENT,
    EXCLUDED,
    KOMMWIS,
    MAINZ,
    MEMBERS,
    REPRESENTATIVES,
    SPEYER,
    workflow_meeting,
)
from zidkor_desktop import l10n
from zidkor_desktop.documents.invitation import render_invitations, render_public_notice
from zidkor_desktop.documents.minutes import render_extract, render_minutes

NON_PUBLIC_TITLE = "Personalangelegenheit: Besetzung der Stelle der Geschäftsleitung"
PUBLIC_TITLES = (
    "Genehmigung der Niederschrift der Sitzung 1/2026",
    "Leistungs- und Entgeltverzeichnis 2027",
    "Beitritt der Verbandsgemeinde Musterland",
    "Verschiedenes",
)


@pytest.fixture(autouse=True)
def german() -> Iterator[None]:
    """The documents are tested in German, the default language."""
    previous = l10n.current_language()
    l10n.set_language("de")
    yield
    l10n.set_language(previous)


def pages_of(pdf: bytes) -> list[str]:
    """The text of each page, white space as one space."""
    reader = PdfReader(BytesIO(pdf))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def text_of(pdf: bytes) -> str:
    return " ".join(pages_of(pdf))


def assert_fonts_embedded(pdf: bytes) -> None:
    """Every font of every page carries its font file (the letters are merged by pypdf)."""
    for page in PdfReader(BytesIO(pdf)).pages:
        fonts = page["/Resources"]["/Font"].values()
        assert fonts
        for font in (f.get_object() for f in fonts):
            if font.get("/Subtype") == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]


def section(text: str, start: str, end: str | None = None) -> str:
    """The text of an item in the minutes: from its heading (after the agenda) to `end`."""
    begin = text.rindex(start)
    return text[begin : text.index(end, begin)] if end else text[begin:]


def present_members() -> list[str]:
    return [m.name for m in MEMBERS if m not in ABSENT]


def test_minutes_hold_every_present_member_with_its_representatives() -> None:
    text = text_of(render_minutes(workflow_meeting(), public=True))
    for member in MEMBERS:
        assert member.name in text
    for member in present_members():
        org = next(m for m in MEMBERS if m.name == member).organisation_id
        for representative in REPRESENTATIVES[org]:
            assert representative in text, representative
    assert "Stadt Mainz 1 abwesend" in text
    assert "KommWis GmbH 7 anwesend" in text
    assert "bis TOP 3" in text  # Speyer leaves after item 3
    assert "9 Mitglieder mit 15 Stimmen; bei Eröffnung anwesend: 7 Mitglieder mit 13" in text
    # heading facts
    for fact in (
        "Nr. 2/2026",
        "Donnerstag, 10. Dezember 2026",
        "10:00 Uhr",
        "12:45 Uhr",
        "Mainz, Rathaus, Ratssaal",
        "Oberbürgermeister Dr. Max Beispiel",
        "Anna Schreiber",
    ):
        assert fact in text, fact


def test_minutes_state_the_quorum_and_its_change_from_item_4() -> None:
    pages = pages_of(render_minutes(workflow_meeting(), public=True))
    text = " ".join(pages)
    assert (
        "Bei der Eröffnung stellte der Vorsitz fest: 7 von 9 Mitgliedern, 13 von 15 Stimmen — "
        "beschlussfähig" in text
    )
    item_3 = section(text, "TOP 3 Leistungs-", "TOP 4 Beitritt")
    item_4 = section(text, "TOP 4 Beitritt", "TOP 5 Feststellung")
    assert "7 von 9 Mitgliedern, 13 von 15 Stimmen — beschlussfähig" in item_3
    assert "6 von 9 Mitgliedern, 12 von 15 Stimmen — beschlussfähig" in item_4
    assert f"nach TOP 3 gegangen): {SPEYER.name}" in item_4
    # item 5: Koblenz excluded and left out of the base (statute default)
    item_5 = section(text, "TOP 5 Feststellung", "TOP 6 Verschiedenes")
    assert (
        f"Wegen Befangenheit (§ 22 GemO) ausgeschlossen: {EXCLUDED[0].name} ({EXCLUDED[1]})"
        in item_5
    )
    assert "5 von 8 Mitgliedern, 11 von 14 Stimmen — beschlussfähig" in item_5


def test_minutes_give_each_result_with_weights_names_majority_and_outcome() -> None:
    text = text_of(render_minutes(workflow_meeting(), public=True))
    item_3 = section(text, "TOP 3 Leistungs-", "TOP 4 Beitritt")
    assert "Die Verbandsversammlung beschließt das Leistungs- und Entgeltverzeichnis 2027" in item_3
    yes = "KommWis GmbH, Stadt Ludwigshafen am Rhein, Stadt Neustadt an der Weinstraße, "
    yes += "Stadt Neuwied, Stadt Speyer"
    assert f"Ja 11 Stimmen {yes}" in item_3
    assert "Nein 1 Stimme Stadt Koblenz" in item_3
    assert "Enthaltung 1 Stimme Stadt Kaiserslautern" in item_3
    assert "mehr als die Hälfte der 13 Stimmen der anwesenden Mitglieder: 7" in item_3
    assert "Ergebnis: angenommen" in item_3
    item_4 = section(text, "TOP 4 Beitritt", "TOP 5 Feststellung")
    assert "Nein 1 Stimme Stadt Neuwied" in item_4
    assert "Enthaltung 0 Stimmen —" in item_4
    assert "mindestens 10 der 15 satzungsmäßigen Stimmen" in item_4
    assert "mindestens 5 der 9 Mitglieder" in item_4
    item_2 = section(text, "TOP 2 Genehmigung", "TOP 3 Leistungs-")
    assert "Einwendungen gegen die Niederschrift: Stadt Kaiserslautern: In TOP 4" in item_2
    assert "Entscheidung über die Einwendungen: Die Niederschrift wird um den Hinweis" in item_2
    # the item without a resolution: title only
    item_6 = section(text, "TOP 6 Verschiedenes")
    assert "Abstimmungsergebnis" not in item_6
    assert "Vorsitz" in item_6 and "Schriftführung" in item_6


def test_the_non_public_item_is_only_in_the_non_public_part() -> None:
    record = workflow_meeting()
    public = text_of(render_minutes(record, public=True))
    private = text_of(render_minutes(record, public=False))
    assert NON_PUBLIC_TITLE not in public
    assert "über die öffentliche Sitzung" in public
    assert NON_PUBLIC_TITLE in private
    assert "über die nichtöffentliche Sitzung" in private
    for title in PUBLIC_TITLES:
        assert title in public
        assert title not in private
    # both parts hold the heading facts and the attendance
    assert "7 von 9 Mitgliedern, 13 von 15 Stimmen — beschlussfähig" in private
    assert "Dr. Petra Wirth" in private
    # the rejected non-public resolution: abstentions count against under the default rule
    assert "Ja 5 Stimmen" in private
    assert "Enthaltung 7 Stimmen KommWis GmbH" in private
    assert "Ergebnis: abgelehnt" in private


def test_draft_marked_on_every_page_and_only_in_drafts() -> None:
    record = workflow_meeting()
    pdf = render_minutes(record, public=True, draft=True)
    assert_fonts_embedded(pdf)
    draft = pages_of(pdf)
    final = pages_of(render_minutes(record, public=True))
    assert len(draft) > 1
    assert all("ENTWURF" in page for page in draft)
    assert not any("ENTWURF" in page for page in final)
    assert all(f"Seite {n} von {len(final)}" in page for n, page in enumerate(final, start=1))


def test_an_arrival_is_recorded_at_its_item() -> None:
    text = text_of(render_minutes(workflow_meeting(late=MAINZ), public=True))
    assert "Stadt Mainz 1 anwesend" in text and "ab TOP 2" in text
    item_2 = section(text, "TOP 2 Genehmigung", "TOP 3 Leistungs-")
    assert "Zu diesem Punkt erschienen: Stadt Mainz" in item_2
    assert "8 von 9 Mitgliedern, 14 von 15 Stimmen — beschlussfähig" in item_2
    assert "während der Sitzung anwesend: 8 Mitglieder" in text


def test_invitations_one_letter_per_member_each_numbered_on_its_own() -> None:
    record = workflow_meeting()
    pdf = render_invitations(record)
    pages = pages_of(pdf)
    starts = [n for n, page in enumerate(pages) if "Seite 1 von" in page]
    assert len(starts) == len(MEMBERS) == len(record.attendance)
    letters = [" ".join(pages[a:b]) for a, b in zip(starts, [*starts[1:], len(pages)], strict=True)]
    for letter, attendance in zip(letters, record.attendance, strict=True):
        address = attendance.address
        assert f"{address.name} {address.address_extra}".strip() in letter
        assert f"{address.street} {address.postcode} {address.city}" in letter
        assert "Einladung zur Sitzung der Verbandsversammlung Nr. 2/2026" in letter
        assert "Donnerstag, 10. Dezember 2026" in letter and "10:00 Uhr" in letter
        for title in PUBLIC_TITLES:
            assert title in letter
        assert f"TOP 7 {NON_PUBLIC_TITLE} (nichtöffentlich)" in letter
        assert letter.index("Öffentliche Sitzung") < letter.index("Nichtöffentliche Sitzung")
        assert "Beschlussvorschlag: Die Verbandsversammlung stimmt dem Beitritt" in letter
        assert "Oberbürgermeister Dr. Max Beispiel Verbandsvorsteher" in letter
        assert "Dringlichkeit" not in letter and "Zweite Einladung" not in letter
        total = letter.count("Seite ")
        assert f"Seite {total} von {total}" in letter
    assert (
        "Ihr Mitglied führt 7 Stimmen"
        in letters[[a.member for a in record.attendance].index(KOMMWIS)]
    )
    assert PdfReader(BytesIO(pdf)).metadata.title == record_title()
    assert_fonts_embedded(pdf)


def record_title() -> str:
    return "Einladung zur Sitzung der Verbandsversammlung Nr. 2/2026"


def test_urgent_and_second_invitations_carry_their_notes() -> None:
    urgent = text_of(render_invitations(workflow_meeting(urgent=True)))
    note = "Die Einladung ergeht wegen Dringlichkeit mit verkürzter Frist (§ 34 GemO): "
    note += "Die Frist für den Förderantrag endet am 15.12.2026."
    assert urgent.count(note) == len(MEMBERS)
    second = text_of(render_invitations(workflow_meeting(second_of=date(2026, 11, 30))))
    assert second.count("Zweite Einladung: die Verbandsversammlung war am 30.11.2026") == 9
    assert "ohne Rücksicht auf die Zahl der anwesenden Mitglieder beschlussfähig" in second


def test_public_notice_lists_only_the_public_items() -> None:
    pdf = render_public_notice(workflow_meeting(urgent=True))
    assert_fonts_embedded(pdf)
    text = text_of(pdf)
    assert "Öffentliche Bekanntmachung" in text
    assert "Donnerstag, 10. Dezember 2026, um 10:00 Uhr in Mainz, Rathaus, Ratssaal" in text
    for title in PUBLIC_TITLES:
        assert title in text
    assert NON_PUBLIC_TITLE not in text and "TOP 7" not in text
    assert "Nichtöffentliche Sitzung" in text
    assert "wegen Dringlichkeit mit verkürzter Frist" in text
    assert "Beschlussvorschlag" not in text  # the notice names the items, not the proposals
    calm = text_of(render_public_notice(workflow_meeting()))
    assert "Dringlichkeit" not in calm


def test_public_notice_without_a_non_public_part_does_not_mention_one() -> None:
    record = workflow_meeting()
    record = replace(record, items=tuple(i for i in record.items if i.public))
    assert "Nichtöffentliche" not in text_of(render_public_notice(record))


def test_extract_of_one_item() -> None:
    record = workflow_meeting()
    pdf = render_extract(record, 4)
    assert_fonts_embedded(pdf)
    text = text_of(pdf)
    assert "Beschlussauszug" in text
    assert (
        "aus der Niederschrift über die öffentliche Sitzung der Verbandsversammlung Nr. 2/2026"
        in text
    )
    assert "TOP 4 Beitritt der Verbandsgemeinde Musterland" in text
    assert "6 von 9 Mitgliedern, 12 von 15 Stimmen — beschlussfähig" in text
    assert "Die Verbandsversammlung stimmt dem Beitritt der Verbandsgemeinde Musterland" in text
    assert "Ja 11 Stimmen KommWis GmbH" in text and "Nein 1 Stimme Stadt Neuwied" in text
    assert "Ergebnis: angenommen" in text and "Für die Richtigkeit" in text
    assert "Leistungs- und Entgeltverzeichnis" not in text  # only the one item
    private = text_of(render_extract(record, 7))
    assert "nichtöffentlich" in private and NON_PUBLIC_TITLE in private
    assert "Ergebnis: abgelehnt" in private


def test_the_documents_follow_the_language() -> None:
    l10n.set_language("en")
    record = workflow_meeting()
    minutes = text_of(render_minutes(record, public=True, draft=True))
    assert "Minutes" in minutes and "DRAFT" in minutes
    assert "7 of 9 members, 13 of 15 votes — quorate" in minutes
    assert "Item 4 Beitritt der Verbandsgemeinde Musterland" in minutes
    assert "Invitation to the meeting of the assembly No. 2/2026" in text_of(
        render_invitations(record)
    )
    assert "Public notice" in text_of(render_public_notice(record))
    assert "Extract of resolution" in text_of(render_extract(record, 3))


def test_the_chair_signs_once_and_the_logo_is_printed() -> None:
    from PIL import Image

    record = replace(workflow_meeting(), chair_title="Oberbürgermeister Dr. Max Beispiel")
    png = BytesIO()
    Image.new("RGBA", (300, 120), (20, 60, 160, 255)).save(png, format="PNG")
    notice = render_public_notice(record, png.getvalue())
    text = text_of(notice)
    assert text.count("Oberbürgermeister Dr. Max Beispiel") == 1
    assert "Vorsitz der Verbandsversammlung" in text
    letters = render_invitations(record, png.getvalue())
    for pdf in (notice, letters):
        page = PdfReader(BytesIO(pdf)).pages[0]
        assert any(
            x.get_object()["/Subtype"] == "/Image" for x in page["/Resources"]["/XObject"].values()
        )
