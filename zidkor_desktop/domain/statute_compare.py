"""Compare two statute versions section by section, with the text changes marked word by word."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum

WORD = re.compile(r"\S+")


class Change(StrEnum):
    """How a section, subsection or word differs between the two versions."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class SectionText:
    """A section as text: its number, heading and subsections (placeholders filled)."""

    number: str
    heading: str
    subsections: tuple[str, ...]


@dataclass(frozen=True)
class Word:
    """A run of words: unchanged (kind None), added or removed."""

    text: str
    kind: Change | None = None


@dataclass(frozen=True)
class SubsectionChange:
    """A changed, added or removed subsection: its number in the old and in the new version."""

    kind: Change
    old_index: int | None
    new_index: int | None
    words: tuple[Word, ...]


@dataclass(frozen=True)
class SectionChange:
    """A section that differs: added, removed, or changed (heading and/or subsections)."""

    number: str
    kind: Change
    old: SectionText | None
    new: SectionText | None
    heading: tuple[Word, ...] = ()
    subsections: tuple[SubsectionChange, ...] = field(default_factory=tuple)

    @property
    def heading_changed(self) -> bool:
        """Whether the heading differs."""
        return any(w.kind is not None for w in self.heading)


def number_key(number: str) -> tuple[int, str]:
    """Sort key of a section number: 5 < 5a < 6 < 10."""
    match = re.match(r"(\d+)(.*)", number)
    return (int(match.group(1)), match.group(2)) if match else (10**6, number)


def word_diff(old: str, new: str) -> tuple[Word, ...]:
    """The words of `old` and `new` as runs of unchanged, removed and added words."""
    before, after = WORD.findall(old), WORD.findall(new)
    runs: list[Word] = []
    matcher = SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(Word(" ".join(before[i1:i2])))
            continue
        if i2 > i1:
            runs.append(Word(" ".join(before[i1:i2]), Change.REMOVED))
        if j2 > j1:
            runs.append(Word(" ".join(after[j1:j2]), Change.ADDED))
    return tuple(runs)


def _subsection_changes(old: Sequence[str], new: Sequence[str]) -> list[SubsectionChange]:
    changes: list[SubsectionChange] = []
    matcher = SequenceMatcher(a=list(old), b=list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        for k in range(paired):
            changes.append(
                SubsectionChange(
                    Change.CHANGED, i1 + k + 1, j1 + k + 1, word_diff(old[i1 + k], new[j1 + k])
                )
            )
        for i in range(i1 + paired, i2):
            changes.append(SubsectionChange(Change.REMOVED, i + 1, None, word_diff(old[i], "")))
        for j in range(j1 + paired, j2):
            changes.append(SubsectionChange(Change.ADDED, None, j + 1, word_diff("", new[j])))
    return changes


def compare_sections(old: Sequence[SectionText], new: Sequence[SectionText]) -> list[SectionChange]:
    """Added, removed and changed sections (matched by number), in the order of their numbers."""
    before = {s.number: s for s in old}
    after = {s.number: s for s in new}
    changes = []
    for number in sorted(before.keys() | after.keys(), key=number_key):
        a, b = before.get(number), after.get(number)
        if a is None:
            assert b is not None
            changes.append(SectionChange(number, Change.ADDED, None, b))
        elif b is None:
            changes.append(SectionChange(number, Change.REMOVED, a, None))
        elif a != b:
            changes.append(
                SectionChange(
                    number,
                    Change.CHANGED,
                    a,
                    b,
                    heading=word_diff(a.heading, b.heading),
                    subsections=tuple(_subsection_changes(a.subsections, b.subsections)),
                )
            )
    return changes


def marked(words: Sequence[Word]) -> str:
    """Word runs as one line of text: removed words as [-…-], added words as {+…+}."""
    marks = {None: "{}", Change.REMOVED: "[-{}-]", Change.ADDED: "{{+{}+}}"}
    return " ".join(marks[w.kind].format(w.text) for w in words)
