"""Statute comparison (word by word) and the generated amendment statute, on a known pair."""

from __future__ import annotations

from datetime import date

import pytest

from zidkor_desktop.domain.errors import RuleViolation
from zidkor_desktop.domain.statute import SectionDraft, check_sections, subsections
from zidkor_desktop.domain.statute_amendment import VersionInfo, amendment
from zidkor_desktop.domain.statute_compare import (
    Change,
    SectionText,
    Word,
    compare_sections,
    number_key,
    word_diff,
)
from zidkor_desktop.domain.statute_default import default_sections

OLD = (
    SectionText("1", "Name und Sitz", ("Der Verband heißt ZIDKOR.", "Sitz ist Mainz.")),
    SectionText("3", "Aufgaben", ("Der Verband betreibt Verfahren.", "Er betreut sie.")),
    SectionText(
        "5",
        "Verbandsversammlung",
        ("Die Verbandsversammlung tagt einmal im Jahr.", "Der Vorsteher lädt ein."),
    ),
    SectionText(
        "7",
        "Beschlüsse",
        (
            "Beschlüsse bedürfen der Mehrheit.",
            "Enthaltungen zählen nicht.",
            "Bei Stimmengleichheit ist ein Antrag abgelehnt.",
        ),
    ),
    SectionText("8", "Geschäftsstelle", ("Der Verband hat eine Geschäftsstelle.",)),
    SectionText("9", "Inkrafttreten", ("Diese Verbandsordnung tritt in Kraft.",)),
)
NEW = (
    SectionText(
        "1", "Name und Sitz", ("Der Verband heißt ZIDKOR.", "Sitz ist Mainz, Hindenburgplatz 3.")
    ),
    SectionText(
        "3",
        "Aufgaben",
        ("Der Verband betreibt Verfahren.", "Er betreut sie.", "Er berät die Mitglieder."),
    ),
    SectionText(
        "5",
        "Verbandsversammlung und Sitzungen",
        ("Die Verbandsversammlung tagt zweimal im Jahr.", "Der Vorsteher lädt ein."),
    ),
    SectionText("5a", "Ausschüsse", ("Die Verbandsversammlung kann Ausschüsse bilden.",)),
    SectionText(
        "7",
        "Beschlüsse",
        ("Beschlüsse bedürfen der Mehrheit.", "Bei Stimmengleichheit ist ein Antrag abgelehnt."),
    ),
    SectionText("9", "Inkrafttreten", ("Diese Verbandsordnung tritt in Kraft.",)),
)
EXPECTED = """\
Satzung zur Änderung der Verbandsordnung des ZIDKOR

Die Verbandsversammlung hat am 10. September 2026 folgende Satzung beschlossen, die nach \
Genehmigung durch die Aufsichtsbehörde hiermit öffentlich bekannt gemacht wird:

Artikel 1 — Änderung der Verbandsordnung

Die Verbandsordnung vom 1. Oktober 2012 (Fassung 1) wird wie folgt geändert:

1. § 1 Abs. 2 erhält folgende Fassung:
„Sitz ist Mainz, Hindenburgplatz 3.“

2. Dem § 3 wird folgender Absatz 3 angefügt:
„Er berät die Mitglieder.“

3. § 5 erhält folgende Fassung:
„§ 5 Verbandsversammlung und Sitzungen
(1) Die Verbandsversammlung tagt zweimal im Jahr.
(2) Der Vorsteher lädt ein.“

4. Nach § 5 wird folgender § 5a eingefügt:
„§ 5a Ausschüsse
Die Verbandsversammlung kann Ausschüsse bilden.“

5. § 7 Abs. 2 wird gestrichen. Der bisherige Absatz 3 wird Absatz 2.

6. § 8 wird aufgehoben.

Artikel 2 — Inkrafttreten

Diese Satzung tritt am 1. Januar 2027 in Kraft."""


def info(number: int, sections: tuple[SectionText, ...], **dates: date | None) -> VersionInfo:
    return VersionInfo(
        number,
        "Verbandsordnung des ZIDKOR",
        dates.get("adopted_on"),
        dates.get("in_force_from"),
        sections,
    )


def test_word_diff_marks_removed_and_added_words() -> None:
    assert word_diff(
        "Die Versammlung tagt einmal im Jahr.", "Die Versammlung tagt zweimal im Jahr."
    ) == (
        Word("Die Versammlung tagt"),
        Word("einmal", Change.REMOVED),
        Word("zweimal", Change.ADDED),
        Word("im Jahr."),
    )
    assert word_diff("a b", "a b c") == (Word("a b"), Word("c", Change.ADDED))
    assert word_diff("a  b\nc", "a b c") == (Word("a b c"),)


def test_compare_finds_changed_added_and_removed_sections() -> None:
    changes = compare_sections(OLD, NEW)
    assert [(c.number, c.kind) for c in changes] == [
        ("1", Change.CHANGED),
        ("3", Change.CHANGED),
        ("5", Change.CHANGED),
        ("5a", Change.ADDED),
        ("7", Change.CHANGED),
        ("8", Change.REMOVED),
    ]
    first, _third, fifth, _added, seventh, _removed = changes
    assert not first.heading_changed and fifth.heading_changed
    [sub] = first.subsections
    assert (sub.kind, sub.old_index, sub.new_index) == (Change.CHANGED, 2, 2)
    assert sub.words == (
        Word("Sitz ist"),
        Word("Mainz.", Change.REMOVED),
        Word("Mainz, Hindenburgplatz 3.", Change.ADDED),
    )
    [removed] = seventh.subsections
    assert (removed.kind, removed.old_index, removed.new_index) == (Change.REMOVED, 2, None)
    assert compare_sections(OLD, OLD) == []


def test_the_amendment_of_a_known_pair_matches_its_expected_text() -> None:
    old = info(1, OLD, in_force_from=date(2012, 10, 1))
    new = info(2, NEW, adopted_on=date(2026, 9, 10), in_force_from=date(2027, 1, 1))
    assert amendment(old, new).text() == EXPECTED


def test_amendment_of_a_draft_and_of_equal_versions() -> None:
    text = amendment(info(1, OLD), info(2, OLD[:-1])).text()
    assert "am … folgende Satzung beschlossen" in text
    assert "Die Verbandsordnung (Fassung 1) wird wie folgt geändert:" in text
    assert "1. § 9 wird aufgehoben." in text
    assert text.endswith(
        "Diese Satzung tritt am Tag nach ihrer öffentlichen Bekanntmachung in Kraft."
    )
    with pytest.raises(RuleViolation, match="unterscheiden sich nicht"):
        amendment(info(1, OLD), info(2, OLD))


def test_section_numbers_sort_naturally_and_bodies_split_into_subsections() -> None:
    assert sorted(["10", "5a", "2", "5"], key=number_key) == ["2", "5", "5a", "10"]
    assert subsections("Erster Absatz\nmit zwei Zeilen.\n\n  \nZweiter.\r\n\r\nDritter.") == [
        "Erster Absatz\nmit zwei Zeilen.",
        "Zweiter.",
        "Dritter.",
    ]


def test_the_default_statute_passes_its_own_checks() -> None:
    sections = default_sections()
    assert check_sections(sections) == sections
    assert len(sections) == 16
    with pytest.raises(Exception, match="5 oder 5a"):
        check_sections([SectionDraft("x", "Titel", "Text")])
