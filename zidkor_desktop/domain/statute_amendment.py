"""The amendment statute (Änderungssatzung) generated from the differences of two versions.

German content, like the statute itself: "Artikel 1 — § 5 erhält folgende Fassung: …",
"§ 7 Abs. 2 wird gestrichen.", "Artikel 2 — Inkrafttreten".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from zidkor_desktop.domain.errors import RuleViolation
from zidkor_desktop.domain.statute_compare import (
    Change,
    SectionChange,
    SectionText,
    SubsectionChange,
    compare_sections,
)
from zidkor_desktop.domain.statute_text import GERMAN
from zidkor_desktop.l10n import _, format_date


@dataclass(frozen=True)
class VersionInfo:
    """What the amendment says about a version besides its text."""

    version_no: int
    title: str
    adopted_on: date | None
    in_force_from: date | None
    sections: tuple[SectionText, ...]


@dataclass(frozen=True)
class Article:
    """An article: its heading, an introduction and its numbered items (or one plain text)."""

    heading: str
    intro: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Amendment:
    """The amendment statute: title, preamble and articles."""

    title: str
    preamble: str
    articles: tuple[Article, ...]

    def text(self) -> str:
        """The whole amendment as plain text."""
        blocks = [self.title, self.preamble]
        for article in self.articles:
            blocks.append(article.heading)
            if article.intro:
                blocks.append(article.intro)
            numbered = len(article.items) > 1 or article.heading.startswith("Artikel 1")
            for index, item in enumerate(article.items, start=1):
                blocks.append(f"{index}. {item}" if numbered else item)
        return "\n\n".join(blocks)


def _long(day: date) -> str:
    return format_date(day, long=True, loc=GERMAN)


def quoted_section(section: SectionText) -> str:
    """'„§ 5 Heading\n(1) …\n(2) …“': a section in its new wording."""
    lines = [f"§ {section.number} {section.heading}"]
    if len(section.subsections) == 1:
        lines.append(section.subsections[0])
    else:
        lines += [f"({i}) {text}" for i, text in enumerate(section.subsections, start=1)]
    return "„" + "\n".join(lines) + "“"


def _renumbered(removed: int, count: int) -> str:
    """The sentence that moves the later subsections up after one is struck out."""
    if removed == count:
        return ""
    if removed + 1 == count:
        return f" Der bisherige Absatz {count} wird Absatz {count - 1}."
    return (
        f" Die bisherigen Absätze {removed + 1} bis {count} werden die Absätze {removed} "
        f"bis {count - 1}."
    )


def _single(change: SectionChange, sub: SubsectionChange) -> str | None:
    """The item for a section with exactly one changed subsection, or None for a new wording."""
    old, new = change.old, change.new
    assert old is not None and new is not None
    number = change.number
    if sub.kind is Change.CHANGED and len(old.subsections) > 1 and len(new.subsections) > 1:
        assert sub.new_index is not None
        text = new.subsections[sub.new_index - 1]
        return f"§ {number} Abs. {sub.new_index} erhält folgende Fassung:\n„{text}“"
    if sub.kind is Change.REMOVED and len(new.subsections) > 1:
        assert sub.old_index is not None
        return f"§ {number} Abs. {sub.old_index} wird gestrichen." + _renumbered(
            sub.old_index, len(old.subsections)
        )
    if sub.kind is Change.ADDED and sub.new_index == len(new.subsections) > 2:
        text = new.subsections[-1]
        return f"Dem § {number} wird folgender Absatz {sub.new_index} angefügt:\n„{text}“"
    return None


def _changed(change: SectionChange) -> str:
    new = change.new
    assert new is not None
    if not change.subsections:
        return f"Die Überschrift des § {change.number} erhält folgende Fassung:\n„{new.heading}“"
    if not change.heading_changed and len(change.subsections) == 1:
        item = _single(change, change.subsections[0])
        if item is not None:
            return item
    return f"§ {change.number} erhält folgende Fassung:\n{quoted_section(new)}"


def _added(change: SectionChange, order: Sequence[str]) -> str:
    assert change.new is not None
    position = order.index(change.number)
    text = quoted_section(change.new)
    if position > 0:
        return f"Nach § {order[position - 1]} wird folgender § {change.number} eingefügt:\n{text}"
    if len(order) > 1:
        return f"Vor § {order[1]} wird folgender § {change.number} eingefügt:\n{text}"
    return f"Folgender § {change.number} wird eingefügt:\n{text}"


def _item(change: SectionChange, order: Sequence[str]) -> str:
    if change.kind is Change.REMOVED:
        return f"§ {change.number} wird aufgehoben."
    if change.kind is Change.ADDED:
        return _added(change, order)
    return _changed(change)


def amendment(old: VersionInfo, new: VersionInfo) -> Amendment:
    """The amendment statute that turns `old` into `new`; RuleViolation if they do not differ."""
    changes = compare_sections(old.sections, new.sections)
    if not changes:
        raise RuleViolation(
            _("Versions {old} and {new} of the statute do not differ.").format(
                old=old.version_no, new=new.version_no
            )
        )
    order = [s.number for s in new.sections]
    adopted = _long(new.adopted_on) if new.adopted_on else "…"
    preamble = (
        f"Die Verbandsversammlung hat am {adopted} folgende Satzung beschlossen, die nach "
        "Genehmigung durch die Aufsichtsbehörde hiermit öffentlich bekannt gemacht wird:"
    )
    since = f" vom {_long(old.in_force_from)}" if old.in_force_from else ""
    first = Article(
        "Artikel 1 — Änderung der Verbandsordnung",
        f"Die Verbandsordnung{since} (Fassung {old.version_no}) wird wie folgt geändert:",
        tuple(_item(c, order) for c in changes),
    )
    start = (
        f"am {_long(new.in_force_from)}"
        if new.in_force_from
        else "am Tag nach ihrer öffentlichen Bekanntmachung"
    )
    second = Article("Artikel 2 — Inkrafttreten", "", (f"Diese Satzung tritt {start} in Kraft.",))
    return Amendment(f"Satzung zur Änderung der {old.title}", preamble, (first, second))
